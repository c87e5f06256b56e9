/**
 * A person described by who they are not ("give sudo to whoever isn't tom", "anyone who aint the
 * kid", "the one that's not tom"): tester 12 D8. The name after the negation is the one person the
 * words rule out, yet readers took it as the grantee (tom got sudo; installed mode printed
 * usermod -aG wheel for the excluded child). Restated as "everyone except X", which every reader
 * already reads as an exclusion and never as a grant to X.
 */
const WHO =
  "(?:whoever|whomever|whichever(?:\\s+(?:one|user|person|account))?|any(?:one|body)(?:\\s+(?:who|that))?|every(?:one|body)(?:\\s+(?:who|that))?|the\\s+(?:one|user|person|account|other\\s+one|guy|girl)(?:\\s+(?:who|that))?|who(?:ever)?)";
const IS_NOT =
  "(?:isn'?t|isnt|is\\s+not|ain'?t|aint|(?:who|that)'?s\\s+not|(?:who|that)\\s+is\\s+not|(?:who|that)\\s+isn'?t|thats\\s+not|whos\\s+not|is\\s+no)";
// "the one who isn't an admin", "whoever is not allowed sudo": a description, not a person ruled out
const NOT_A_NAME =
  "(?!(?:a|an|admin|administrator|allowed|able|trusted|going|getting|supposed|sudo|root|in|on|here|there|me|you|us)\\b)";
const EXCLUDED = new RegExp(`\\b${WHO}\\s+${IS_NOT}\\s+${NOT_A_NAME}`, "gi");

export function sayExcludedPerson(text: string): string {
  return text.replace(EXCLUDED, "everyone except ");
}
