import { factErrors } from "../tools/planFile.js";
import { toolsForMode } from "../tools/registry.js";
import type { ToolName } from "../tools/types.js";
import type { Backend, ConversationView, PlanCall } from "./backend.js";
import { type Decision, parseDecision } from "./decision.js";
import { type Facts, targetOf } from "./facts/schema.js";

/**
 * One user turn → one Decision, the same way for every backend:
 * 1. "yes"/"no" (and their usual variants) on a pending plan are answered here, deterministically:
 *    no backend, and so no model, ever confirms a plan.
 * 2. The backend decides.
 * 3. Its decision is checked: schema, tools allowed in this mode, and the facts (the disk exists
 *    and is not the live medium, the recipe exists, the user is new). A call that fails becomes a
 *    reply that says why; nothing invalid reaches the plan.
 *
 * `levitate ask`, the install chat and the eval harness all go through here.
 */

const YES = new Set([
  "y",
  "yes",
  "yeah",
  "yea",
  "yep",
  "yup",
  "sure",
  "ok",
  "okay",
  "k",
  "go",
  "go ahead",
  "go for it",
  "do it",
  "just do it",
  "proceed",
  "confirm",
  "confirmed",
  "correct",
  "right",
  "that's right",
  "thats right",
  "sounds good",
  "looks good",
  "looks right",
  "lgtm",
  "perfect",
  "great",
  "fine",
  "yes please",
  "yes do it",
  "yes go ahead",
  "please do",
  "please proceed",
  "let's go",
  "lets go",
  "start",
  "apply",
  "apply it",
  "run it",
  "execute",
  "install",
  "install it all",
  "make it so",
  "absolutely",
  "definitely",
  "affirmative",
  "ja",
  "oui",
  "si",
]);

const NO = new Set([
  "n",
  "no",
  "nope",
  "nah",
  "no thanks",
  "no thank you",
  "cancel",
  "cancel it",
  "cancel that",
  "stop",
  "abort",
  "don't",
  "dont",
  "do not",
  "don't do it",
  "dont do it",
  "never mind",
  "nevermind",
  "forget it",
  "forget that",
  "scrap that",
  "no wait",
  "wait",
  "wait no",
  "hold on",
  "not now",
  "negative",
  "nein",
  "non",
]);

const FILLER = new Set([
  "please",
  "thanks",
  "thank",
  "you",
  "then",
  "ok",
  "okay",
  "well",
  "so",
  "hmm",
  "um",
  "uh",
  "oh",
  "actually",
  "now",
  "all",
  "just",
  "fine",
]);

/**
 * The whole text is a yes or a no (polite fillers and punctuation aside); undefined otherwise.
 * The text is covered left to right by the longest yes/no phrases and fillers; anything else
 * ("ok use it", "no wait, make it btrfs") is a request, not an answer.
 */
export function yesNo(text: string): boolean | undefined {
  const t = text
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/[.!?,;:()]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!t) return undefined;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  const words = t.split(" ");
  // Every word must belong to a yes, a no or a filler phrase. Phrases overlap ("yes please",
  // "please do"), so segment with backtracking instead of taking the longest match greedily.
  const memo = new Map<number, { yes: number; no: number } | null>();
  const segment = (i: number): { yes: number; no: number } | null => {
    if (i === words.length) return { yes: 0, no: 0 };
    const known = memo.get(i);
    if (known !== undefined) return known;
    let found: { yes: number; no: number } | null = null;
    for (let len = Math.min(4, words.length - i); len >= 1 && !found; len--) {
      const phrase = words.slice(i, i + len).join(" ");
      const kind = YES.has(phrase)
        ? "yes"
        : NO.has(phrase)
          ? "no"
          : len === 1 && FILLER.has(phrase)
            ? "filler"
            : null;
      if (!kind) continue;
      const rest = segment(i + len);
      if (rest) found = { yes: rest.yes + (kind === "yes" ? 1 : 0), no: rest.no + (kind === "no" ? 1 : 0) };
    }
    memo.set(i, found);
    return found;
  };
  const counts = segment(0);
  if (!counts) return undefined;
  const { yes, no } = counts;
  if (yes && !no) return true;
  // "no, stop", "hmm, actually don't"; "ok, cancel" is a no too
  if (no) return false;
  // only fillers: "ok", "fine" alone are a yes
  return words.some((w) => w === "ok" || w === "okay" || w === "fine") ? true : undefined;
}

export function allowedTools(facts: Facts): ToolName[] {
  return toolsForMode(facts.mode);
}

/** Why a call cannot join the plan, as one sentence for the user; undefined when it can. */
export function callProblem(call: PlanCall, facts: Facts, allowed: readonly ToolName[]): string | undefined {
  if (!allowed.includes(call.tool)) {
    if (call.tool === "partitionDisk")
      return "Partitioning a disk is only possible from the live installer (boot the LevitateOS ISO); this system is already installed.";
    if (call.tool === "removeRecipe")
      return "Nothing is installed on the new system yet, so there is nothing to remove.";
    return `${call.tool} is not available in ${facts.mode} mode.`;
  }
  const errors = factErrors(
    { version: 1, mode: facts.mode, target: targetOf(facts), steps: [call] },
    facts,
  ).filter((e) => e.path !== "mode");
  const e = errors[0];
  if (!e) return undefined;
  return `${e.message[0]!.toUpperCase()}${e.message.slice(1)}${e.hint ? `; ${e.hint}` : ""}.`;
}

export async function decideTurn(
  backend: Backend,
  conv: ConversationView,
  facts: Facts,
  allowed: readonly ToolName[] = allowedTools(facts),
): Promise<Decision> {
  const yn = yesNo(conv.user);
  if (yn !== undefined) {
    if (conv.pending.length > 0) return { confirm: yn };
    return {
      reply: yn
        ? "There is nothing to confirm yet: tell me what to do first (try /help)."
        : "OK, nothing is planned.",
    };
  }
  let decision: Decision;
  try {
    const raw = await backend.decide(conv, facts, allowed);
    const parsed = parseDecision(raw);
    if (!parsed.ok)
      return { reply: `I could not turn that into a valid request (${backend.name}): ${parsed.error}` };
    decision = parsed.decision;
  } catch (e) {
    return { reply: `The ${backend.name} backend failed: ${(e as Error).message}` };
  }
  if ("confirm" in decision && conv.pending.length === 0) {
    return { reply: "There is nothing to confirm yet." };
  }
  if ("calls" in decision) {
    const problems = decision.calls.map((c) => callProblem(c, facts, allowed)).filter((p) => p !== undefined);
    if (problems.length > 0) return { reply: [...new Set(problems)].join(" ") };
  }
  return decision;
}
