import type { Disk, Facts } from "../../facts/schema.js";
import { type Decision, type ModelToolCall, ToolCallSchema } from "../../tools/decision.js";
import { describeDisk, listDisks } from "../rules/disks.js";
import type { ConversationView } from "../types.js";
import { entryOf } from "./cancelStep.js";
import { contentOf, describeContent } from "./diskContent.js";
import { disksNamedIn } from "./eraseAim.js";
import { screenDecision } from "./screen.js";
import { isDiskInstall } from "./wholeErase.js";

/**
 * "no you got that backwards", "wrong one", "thats the windows one you idiot", "that's the one I
 * want to keep" (tester 12 D3): the person tells me the disk I planned or asked about is the wrong
 * one. Read before any backend: the words name the disk I got wrong, so read as a request they
 * chose it again ("that" = my disk) and a "yes" erased it. The install on that disk leaves the
 * plan (a drop: the chat then asks which disk); only a disk the words name besides it, or "the
 * other one" where one other is left, takes its place, and only when nothing on it would be lost.
 */

/** Words that say my reading of the disk was wrong, whatever else they describe. */
const MISTAKE = [
  // "you got that backwards", "you have it the wrong way round", "you read it wrong"
  /\b(?:got|have|had|read|understood|took|taken|did|done|heard)\s+(?:(?:it|that|this|them|those|these|things|me|everything|the\s+\w+)\s+)?(?:all\s+|completely\s+|totally\s+)?(?:backwards?|back\s*to\s*front|the\s+wrong\s+way(?:\s+a?round)?|reversed|mixed\s+up|wrong|upside\s+down|confused|switched|swapped)\b/,
  /\bbackwards?\b|\bback\s*to\s*front\b|\b(?:the\s+)?other\s+way\s+a?round\b|\bthe\s+(?:exact\s+)?opposite\b/,
  /\bmix(?:ed)?\s+(?:(?:it|them|those|these|the\s+\w+)\s+)?up\b|\bmix-?up\b|\bswapped\s+them\b|\bconfused\s+(?:them|the)\b/,
  // "wrong one", "wrong disk!!", "thats wrong", "no, wrong"
  /\bwrong\s+(?:one|disk|drive|ssd|hdd|nvme|samsung|crucial|seagate|wd|device|partition|target)\b/,
  /(?:^|\b(?:thats|that\s+is|its|it\s+is|this\s+is|no|nope|nah|nooo*)\W+)(?:(?:all|so|totally|completely)\s+)?wrong\s*(?:[,.!;:]|$)/,
  /\bmis(?:read|understood|understand|heard|took)\b|\bnot\s+what\s+i\s+(?:said|meant|asked|wanted|wrote|typed)\b/,
  // "no, I said KEEP it", "i told you to keep windows", "i said the other one"
  /\bi\s+(?:said|told\s+you|asked\s+you|wrote|typed)\s+(?:to\s+)?(?:keep|leave|spare|not\s+(?:to\s+)?(?:touch|wipe|erase|format))\b/,
  /\bi\s+(?:said|meant|asked\s+for|wanted)\s+the\s+other\b/,
  // "no the other one", "not that one, the other", "nope, other disk"
  /^(?:(?:no+|nope|nah|not\s+(?:that|this)(?:\s+(?:one|disk|drive))?)\W+)+(?:the\s+)?other\b/,
  // "that's the one I want to keep", "that is the drive I'm keeping"
  /\b(?:thats|that\s+is|this\s+is|its|it\s+is|that\s+ones?|that\s+one\s+is)\s+(?:the\s+(?:one|disk|drive|ssd)|my\s+\w+(?:\s+(?:one|disk|drive))?)\s+(?:that\s+|which\s+)?(?:i|we)\s+(?:(?:want|wanna|need|have|had|would\s+like|d\s+like|said|told\s+you|asked\s+you|am|m|was)\s+(?:to\s+)?)?(?:keep|keeping|save|saving|protect|protecting|spare|not\s+touch|dont\s+want\s+(?:to\s+)?(?:lose|touch|wipe|erase))\b/,
];

/** A remark that what my disk holds is fine to lose: "thats the windows one, wipe it anyway". */
const FINE =
  /\b(?:anyway|anyways|regardless|i\s+know|thats\s+(?:fine|ok|okay|right|correct|good)|(?:dont|do\s+not)\s+care|doesnt\s+matter|go\s+ahead|yes|yeah|yep|correct|right|sure|perfect|good|fine|dont\s+need)\b/;

/** "thats the windows one", "that one has my photos", "nooo thats the one with windows": my disk described. */
const POINTS_AT_MINE =
  /^(?:(?:no+|nope|nah|wait|hey|uh|oh|um|hold\s+on|stop|whoa|woah)\W+)*(?:thats|that\s+is|that\s+ones?|that\s+one\s+(?:is|has|holds)|that\s+(?:disk|drive|ssd)\s+(?:is|has|holds)|this\s+is|its|it\s+is|it\s+has|it\s+holds|that\s+has|that\s+holds|that\s+got|it\s+got)\b/;

const REQUEST =
  /\b(?:use|install|put|erase|wipe|format|nuke|add|create|give|set|pick|take|go\s+with|instead)\b/;

function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z0-9/ ,.!;:]+/g, " ")
    .replace(/\s*([,.!;:])[,.!;:\s]*/g, "$1 ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The disk my last reply proposed to erase or install onto: an offer's, else the one disk it named. */
function askedAbout(conv: ConversationView, facts: Facts): Disk | undefined {
  const last = conv.turns.at(-1)?.decision;
  if (!last || !("reply" in last)) return undefined;
  const offered = last.offer?.calls.find(isDiskInstall);
  const path =
    offered?.args.disk ??
    (() => {
      if (!/\b(?:erase|install|wipe|format)/i.test(last.reply)) return undefined;
      const said = new Set(last.reply.match(/\/dev\/[A-Za-z0-9]+/g) ?? []);
      const disks = facts.disks.filter((d) => said.has(d.path) && !d.liveMedium);
      return disks.length === 1 ? disks[0]!.path : undefined;
    })();
  return facts.disks.find((d) => d.path === path);
}

/** A person or program the words name: "you got the names backwards, ana gets sudo" is about them. */
function namesOther(text: string, conv: ConversationView, facts: Facts): boolean {
  const said = new Set(text.toLowerCase().match(/[a-z0-9][a-z0-9._+-]*/g) ?? []);
  const users = conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
  return (
    [...users, ...facts.recipes, ...facts.installed].some((n) => said.has(n.toLowerCase())) ||
    /\b(?:sudo|admin|user|users|names?|accounts?|programs?|apps?|keyboard|layout|time\s*zone|timezone|language|locale|hostname)\b/.test(
      text.toLowerCase(),
    )
  );
}

/** The words say my disk was wrong; `mine` is the disk a description in them may point at. */
function saysWrong(text: string, mine: Disk, facts: Facts): boolean {
  const t = normal(text);
  if (MISTAKE.some((re) => re.test(t))) return true;
  // a description of my disk said back to me, with no request and no "that's fine"
  if (!POINTS_AT_MINE.test(t) || FINE.test(t) || REQUEST.test(t) || text.includes("?")) return false;
  const named = disksNamedIn(text, facts);
  return named.length === 1 && named[0] === mine.path;
}

/** Words that point past my disk to the one left: "the other one", "backwards", "the opposite". */
const OTHER =
  /\b(?:the\s+)?other\s+(?:one|disk|drive|ssd)\b|\bthe\s+other\b|\bbackwards?\b|\bback\s*to\s*front\b|\bother\s+way\s+a?round\b|\bopposite\b|\bmix(?:ed)?\s+(?:\w+\s+)?up\b|\bswapped\b|\breversed\b/;

/** "keep the wd", "leave the 990 alone": a disk named in such a piece is no target. */
const KEEPS = /\b(?:keep|keeping|leave|spare|protect|dont\s+touch|stays?|alone)\b/;

/**
 * The disk meant instead: one the words name besides mine ("wrong one, the wd", "not the 870 the
 * 990"), or the one left when they point past mine. Pieces are read apart so that the disk a
 * negation names ("not the 870") is never the one meant, nor a disk they keep.
 */
function meantInstead(text: string, mine: Disk, conv: ConversationView, facts: Facts): Disk | undefined {
  const t = normal(text);
  const kept = new Set((conv.protections ?? []).flatMap((p) => ("disk" in p ? [p.disk] : [])));
  const usable = facts.disks.filter((d) => !d.liveMedium && d.path !== mine.path && !kept.has(d.path));
  const named = new Set<string>();
  for (const piece of t.split(/[,.;!:]|\b(?:not|no|nope|the|and|but|or|instead|i\s+said|i\s+meant)\b/)) {
    if (!piece.trim() || KEEPS.test(piece)) continue;
    for (const p of disksNamedIn(piece, facts)) if (p !== mine.path) named.add(p);
  }
  if (named.size) return named.size === 1 ? usable.find((d) => named.has(d.path)) : undefined;
  return OTHER.test(t) && !KEEPS.test(t) && usable.length === 1 ? usable[0] : undefined;
}

export function readWrongDisk(conv: ConversationView, facts: Facts): Decision | undefined {
  if (facts.mode !== "live") return undefined;
  const asked = askedAbout(conv, facts);
  const planned = conv.pending.find(isDiskInstall);
  const mine = asked ?? facts.disks.find((d) => d.path === planned?.args.disk);
  if (!mine || namesOther(conv.user, conv, facts) || !saysWrong(conv.user, mine, facts)) return undefined;
  const instead = meantInstead(conv.user, mine, conv, facts);
  // the install planned on my disk leaves the plan; an empty disk named instead takes its place
  if (planned && planned.args.disk === mine.path) {
    const moved: Decision | undefined =
      instead && !contentOf(instead).length
        ? { calls: [{ ...planned, args: { ...planned.args, disk: instead.path } }] }
        : undefined;
    // the move is screened like any call: a disk kept in any words is never the one taken instead
    return moved && screenDecision(moved, conv.protections ?? [], facts) === moved
      ? moved
      : { drop: [entryOf(planned)] };
  }
  // only asked about (or another disk planned): nothing of mine is taken, the question is closed
  const still = planned ? ` The plan still installs on ${planned.args.disk}.` : "";
  if (instead) {
    const lost = describeContent(instead);
    return {
      reply: `OK, not ${mine.path}: I won't erase it.${still} Install onto ${describeDisk(instead)} instead?${lost ? ` It holds ${lost}: everything on it is erased for good.` : ""} (yes / no)`,
      offer: {
        calls: [
          ToolCallSchema.parse({ tool: "partitionDisk", args: { disk: instead.path } }) as ModelToolCall,
        ],
      },
    };
  }
  const others = facts.disks.filter((d) => !d.liveMedium && d.path !== mine.path);
  return {
    reply: `OK, not ${mine.path}: I won't erase it.${still}${planned ? "" : ` Which disk should the system go on${others.length ? `: ${listDisks(others)}` : ""}?`}`,
  };
}
