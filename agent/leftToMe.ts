import type { Facts } from "../facts/schema.js";
import type { Decision, Offer } from "../tools/decision.js";
import { describeDisk } from "./rules/disks.js";
import { contentOf } from "./safety/diskContent.js";
import { destroys } from "./safety/questionGate.js";
import type { ConversationView, PlanCall } from "./types.js";

/**
 * "whatever you think", "you pick", "up to you", "your call", "dealer's choice": the person leaves
 * the answer to my question to me. Read as nothing, it lost the open offer (tester 15 W9: "Shall I
 * install onto /dev/nvme0n1?" "whatever you think" → not understood, and the next "yes" found
 * nothing to confirm). A question has a choice I can make for the person only when making it loses
 * nothing: an offer with no erase of a disk that holds something, no removal and no sudo is taken
 * as a yes would take it; otherwise the offer stays open and the reply says why I won't choose.
 */
const LEFT_TO_ME =
  /^(?:(?:ok(?:ay)?|um+|uh+|hmm+|idk|dunno|i\s+dunno|well|meh|eh)[\s,.!]+)*(?:whatever\s+you\s+(?:think|say|want|prefer|like|recommend|suggest)(?:\s+is\s+best)?|(?:you|u)\s+(?:pick|choose|decide|tell\s+me)|(?:it'?s\s+)?(?:up\s+to\s+(?:you|u)|your\s+call|your\s+choice)|you(?:'re|\s+are)\s+the\s+expert|dealer'?s\s+choice|surprise\s+me|(?:i\s+)?(?:don'?t|do\s+not)\s+(?:care|mind)(?:\s+which)?|either(?:\s+(?:one|is\s+fine|works))?|whichever(?:\s+(?:one|you\s+(?:think|want|like)))?|any(?:\s+one)?\s+(?:is\s+fine|works)|your\s+pick|as\s+you\s+(?:see\s+fit|think\s+best|wish))[\s,.!]*(?:(?:then|really|honestly|tbh|lol|i\s+guess)[\s,.!]*)*$/i;

export function leavesItToMe(text: string): boolean {
  return LEFT_TO_ME.test(text.trim().replace(/[’]/g, "'"));
}

/** A call whose yes loses something: an erase of a disk that holds something, a removal, sudo. */
function loses(c: PlanCall, facts: Facts): string | undefined {
  if (!destroys(c)) return undefined;
  if (c.tool === "removeRecipe") return `removing ${c.args.name}`;
  if (c.tool === "createUser") return `giving ${c.args.username} sudo`;
  if (c.tool !== "partitionDisk") return undefined;
  // an erase of a blank disk loses nothing
  const d = facts.disks.find((x) => x.path === c.args.disk);
  if (!d || !contentOf(d).length) return undefined;
  return `erasing ${describeDisk(d)}, which holds data`;
}

/**
 * The offer taken (`take`), or the reply that keeps it open and says why I won't choose for them.
 */
export function answerLeftToMe(
  offer: Offer,
  conv: ConversationView,
  facts: Facts,
): { take: true } | { decision: Decision } {
  const lost = offer.calls
    .map((c) => loses(c as PlanCall, facts))
    .filter((x): x is string => x !== undefined);
  if (!lost.length) return { take: true };
  return {
    decision: {
      reply: `I won't choose that for you: it means ${lost.join(" and ")}. Say "yes" to go ahead with it, or tell me what to do instead.${conv.pending.length ? " The plan is as it was." : ""}`,
      offer,
    },
  };
}

/**
 * My question listed disks and offered none ("Which disk should I install onto: A or B?"): the one
 * blank disk among them (the largest, if several) is a choice that loses nothing, so it is taken;
 * when every disk listed holds something, I say why I won't pick one.
 */
export function pickLeftToMe(question: string, facts: Facts): Decision | undefined {
  const listed = facts.disks.filter(
    (d) => !d.liveMedium && new RegExp(`${d.path}(?![0-9a-z])`).test(question),
  );
  if (listed.length < 2) return undefined;
  const blank = listed.filter((d) => !contentOf(d).length).sort((a, b) => b.sizeBytes - a.sizeBytes);
  if (blank.length) return { calls: [{ tool: "partitionDisk", args: { disk: blank[0]!.path } } as PlanCall] };
  return {
    reply: `I won't pick a disk for you when each of them holds something (${listed.map((d) => d.path).join(", ")}): installing erases the one chosen. Name the one to use.`,
  };
}
