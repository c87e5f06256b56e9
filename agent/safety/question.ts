import { tokenize } from "../rules/text.js";

/**
 * "does vince have sudo?", "will it wipe the samsung?", "is windows on there?": a question asks
 * about the plan, it never changes it. Read here, for every backend: a question whose decision
 * would add, change or drop a step becomes a reply instead.
 *
 * Polite requests are not questions: "can you install ripgrep?", "will you add bob?", "could you
 * use the nvme?".
 */
export const ASKING: ReadonlySet<string> = new Set([
  "does",
  "do",
  "did",
  "is",
  "are",
  "was",
  "were",
  "has",
  "have",
  "will",
  "would",
  "should",
]);
const POLITE_SUBJECT = new Set(["you", "u", "ya"]);
const LEAD = new Set(["so", "ok", "okay", "and", "but", "wait", "hmm", "um", "uh", "actually", "oh"]);

export function isPlanQuestion(text: string): boolean {
  if (!/\?\s*$/.test(text)) return false;
  const w = tokenize(text)
    .filter((t) => t.kind === "word")
    .map((t) => t.norm)
    .filter((x, i, all) => !(LEAD.has(x) && all.slice(0, i).every((y) => LEAD.has(y))));
  const first = w[0];
  if (!first || !ASKING.has(first)) return false;
  // "do the same for ines?", "do it?": asking for something
  if (first === "do" && ["the", "it", "that", "this"].includes(w[1] ?? "")) return false;
  // "would you add bob?", "will u use the nvme?": a request
  if (POLITE_SUBJECT.has(w[1] ?? "")) return false;
  // "should I add helix too?" is asking for advice; it changes nothing either
  return true;
}
