/**
 * "ok is fine, please go now", "is good", "all is correct": a verdict on the plan said without its
 * "it", as people who learnt English late often say it. It opens with "is" like a question, but
 * without a question mark it asks nothing.
 */
const VERDICT = new Set([
  "fine",
  "good",
  "ok",
  "okay",
  "correct",
  "right",
  "perfect",
  "enough",
  "great",
  "alright",
  "all",
]);

/** Whether words that open with "is"/"are" are a verdict rather than a question. */
export function isVerdict(words: readonly string[], text: string): boolean {
  if (/\?\s*$/.test(text)) return false;
  const [first, second, third] = words;
  if (first !== "is" && first !== "are") return false;
  // "is all good", "is all fine"
  if (second === "all") return third !== undefined && VERDICT.has(third) && third !== "all";
  return second !== undefined && VERDICT.has(second);
}
