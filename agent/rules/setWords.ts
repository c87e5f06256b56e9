/**
 * Words that name a set, not a thing: "everything else can go", "the rest is fair game", "all the
 * others". A set word is never a program's name (tester 18 W3: "everything else can go" got "There
 * is no recipe named else"; "install everything except btop", "no recipe named except"). What the
 * set stands for is the readers' business (agent/safety/keepAllBut.ts for disks, rules/sweepReach.ts
 * for programs); the recipe reader only stops naming it.
 */
const SET = new Set([
  "else",
  "rest",
  "others",
  "other",
  "everything",
  "anything",
  "all",
  "every",
  "remaining",
  "remainder",
  "except",
  "excepting",
  "excluding",
  "besides",
]);

export function isSetWord(word: string): boolean {
  return SET.has(word.toLowerCase());
}
