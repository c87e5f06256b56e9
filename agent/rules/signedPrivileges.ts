/**
 * The privilege refused by a sign, said as "without sudo" before any reader sees it (dev26
 * h25k-109: "1. nvme 2. user kasparov +sudo 3. user karpov -sudo" gave karpov sudo). The tokenizer
 * keeps no "-", "!" or "¬" on their own, so "-sudo" reached every reader as "sudo", a grant. Two
 * shapes, both only where the sign touches the privilege word itself:
 *
 * - a minus, bang or "not" sign glued to the front of the word: "-sudo", "−admin", "!wheel",
 *   "(¬sudo)": the notation of a diff, a flag list or a boolean, each saying "not this". A double
 *   dash ("--sudo", the flag that asks for it) and a sign inside a word ("non-sudo", read by the
 *   refusal words already) are left as typed;
 * - a lone dash as the privilege's value in a key: value list or a table cell: "sudo: -",
 *   "admin = –", "(sudo -)": the dash a form puts where the answer is "none".
 *
 * Why this is safe: it only ever turns a grant into a refusal, never the other way; a sign-less
 * "sudo", and "+sudo", stay the grant they were. A refusal read where the speaker meant a grant
 * costs a question ("give karpov sudo after all"), a grant read where they refused costs the machine.
 */

// "root" is left out: "-root", "root: -" are as often a partition's line in a layout as the privilege
const PRIVILEGE = "(?:sudo(?:er)?s?|admin(?:istrator)?s?|wheel|superuser)";
/** Minus signs (hyphen, U+2212 minus, en and em dash), a bang, the logical "not". */
const NOT_SIGN = String.raw`[-\u2212\u2013\u2014!\u00AC]`;

/** "-sudo", "(−admin", ", !wheel": the sign right before the word, at a word's start. */
const SIGNED = new RegExp(String.raw`(^|[\s(\[{,;:/|])${NOT_SIGN}(${PRIVILEGE})(?![\w-])`, "gim");
/** "sudo: -", "admin = –)", "sudo -" at an item's end: the dash is the value, and it says none. */
const DASH_VALUE = new RegExp(
  String.raw`(^|[^\w-])(${PRIVILEGE})\s*(?:[:=]\s*)?[-\u2212\u2013\u2014]+(?=\s*(?:$|[)\]},;|.\n]))`,
  "gim",
);

export function saySignedPrivileges(text: string): string {
  if (!/[-\u2212\u2013\u2014!\u00AC]/.test(text)) return text;
  return text
    .replace(SIGNED, (_all, lead: string, word: string) => `${lead}without ${word}`)
    .replace(DASH_VALUE, (_all, lead: string, word: string) => `${lead}without ${word}`);
}
