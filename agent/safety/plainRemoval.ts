import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * A removal only from a plain request (attacker 28 H5, H7): "remove vim, your call", "remove vim,
 * whatever you think", "vim can go nowhere", "vim can go once neovim works", "remove "vim" from my
 * list of worries", "remove fd, vim has my config" planned `recipe remove vim` (with --yes it
 * runs). A removal deletes the program and its files; which words chose it is read by shape:
 * - delegated: the choice handed back ("your call", "up to you", "you decide", "whatever you
 *   think", "if you want"): I never choose a removal, so it is asked, default no;
 * - a "can go" with a place, a time or a condition after it ("can go nowhere", "can go once …",
 *   "can go to my other laptop", "can go over my dead body"): no consent to remove it now; asked;
 * - the name only inside quotes: a mention, not a request; asked;
 * - the program said to hold the person's things ("vim has my config", "vim holds my plugins",
 *   "vim is where my notes are") or to be in use ("I use it daily", "I still need vim"): kept,
 *   never removed and never part of a question whose "y" is given for another program.
 *
 * Safety: this only ever takes a removal out of what runs now; a delegated or conditional one is
 * offered as a question (a plain "yes" still removes it), a kept one is dropped.
 */

const DELEGATED =
  /\b(?:your\s+call|up\s+to\s+you|you\s+decide|you\s+choose|your\s+choice|dealer'?s\s+choice|whatever\s+you\s+(?:think|want|say|like|prefer|decide)|if\s+you\s+(?:want|like|think|prefer|wish|feel\s+like)|as\s+you\s+(?:like|wish|see\s+fit)|you\s+know\s+best)\b/;

// after "X can go": a place, a time, a condition or an idiom of refusal
const GO_ELSEWHERE =
  /^(?:nowhere|somewhere|elsewhere|once|when|whenever|after|if|unless|to|into|with|back|over|home|later|tomorrow|first|in\s+(?:a|\d+|two|three|few)|next|someday|eventually|never)\b/;

const USE_REASON = String.raw`(?:daily|every\s*day|all\s+the\s+time|a\s+lot|constantly|always|for\s+work|at\s+work|every\s+\w+)`;

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

type Why = "asked" | "kept";

/** How the words speak of removing `name`: a plain request (undefined), asked, or kept. */
export function removalShape(name: string, text: string, only: boolean): Why | undefined {
  const t = text.toLowerCase().replace(/[’`]/g, "'");
  const n = esc(name.toLowerCase());
  const it = only ? String.raw`(?:${n}|it)` : n;
  if (
    new RegExp(
      String.raw`\b${n}\s+(?:has|holds|keeps|stores|contains|carries|is\s+where|is\s+home\s+to)\b[^,.;!?]*\b(?:my|our|all)\b`,
    ).test(t) ||
    new RegExp(
      String.raw`\bi\s+(?:still\s+(?:use|need)\s+${it}\b|need\s+${it}\b|use\s+${it}\s+${USE_REASON}(?!\s+(?:less|fewer)))`,
    ).test(t)
  )
    return "kept";
  const go = new RegExp(
    String.raw`\b${n}\s+(?:can|could|may|might|should|must|will|shall)\s+go\s+(.*)$`,
  ).exec(t);
  if (go && GO_ELSEWHERE.test(go[1]!.trim())) return "asked";
  if (DELEGATED.test(t)) return "asked";
  // named only inside quotes (not a pasted JSON or list form: {"remove": ["vim"]} is a request)
  if (/[[{]|"\s*:/.test(t)) return undefined;
  const bare = t.replace(/"[^"]*"|'[^'\s][^']*'|“[^”]*”/g, " ");
  if (new RegExp(String.raw`\b${n}\b`).test(t) && !new RegExp(String.raw`\b${n}\b`).test(bare))
    return "asked";
  return undefined;
}

/**
 * A decision whose new removals are no plain request: the kept ones dropped, the asked ones and
 * the rest offered as one question (default no); undefined when every removal is plain.
 */
export function plainRemoval(decision: Decision, conv: ConversationView, facts: Facts): Decision | undefined {
  const calls: PlanCall[] =
    "calls" in decision
      ? [...decision.calls]
      : "reply" in decision && decision.offer
        ? [...decision.offer.calls]
        : [];
  const removals = calls.filter(
    (c) =>
      c.tool === "removeRecipe" &&
      !conv.pending.some((p) => p.tool === "removeRecipe" && p.args.name === c.args.name),
  );
  if (!removals.length) return undefined;
  const typed = conv.typed ?? conv.user;
  const only = removals.length === 1;
  const kept: string[] = [];
  const asked: string[] = [];
  for (const c of removals) {
    const name = (c as { args: { name: string } }).args.name;
    const why = removalShape(name, typed, only);
    if (why === "kept") kept.push(name);
    else if (why === "asked") asked.push(name);
  }
  if (!kept.length && !asked.length) return undefined;
  const rest = calls.filter((c) => !(c.tool === "removeRecipe" && kept.includes(c.args.name)));
  const parts: string[] = [];
  if (kept.length)
    parts.push(
      `You said ${kept.join(" and ")} ${kept.length > 1 ? "are" : "is"} in use or holds your things, so I won't remove ${kept.length > 1 ? "them" : "it"}.`,
    );
  if (asked.length)
    parts.push(
      `"${typed.trim()}" leaves removing ${asked.join(" and ")} to me, or ties it to a place or a time; I only remove what you plainly ask for.`,
    );
  if (!rest.length) return { reply: parts.join(" ") };
  return {
    reply: `${parts.join(" ")} Shall I ${rest.map((c) => describeCall(c, facts)).join("; ")}?`,
    offer: { calls: rest },
  } as Decision;
}
