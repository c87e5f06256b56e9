/**
 * A want said by denying its opposite (fresh set 26: "I wouldn't say no to htop" was read as a
 * keep, "OK, kept: htop, not removed"): "I wouldn't say no to htop", "we would not say no to a
 * bit of fzf", "I wouldn't mind htop", "wouldn't mind having jq" are said as "I want …".
 *
 * Why this is safe: it is read only where a program this machine has or can install follows
 * the phrase (after an article or "having"/"getting"), and it only ever says an INSTALL; "I
 * wouldn't mind removing bat" (a verb after "mind") is left to the polarity reader as before, and
 * nothing is removed, erased or granted on its strength.
 */
const LITOTES =
  /\b(?:(i|we)\s+)?(?:wouldn'?t|would\s+not|wouldnt)\s+(?:say\s+no\s+to|mind|object\s+to|complain\s+about)\s+(?:(?:having|getting)\s+)?(?:(?:a\s+bit\s+of|a\s+copy\s+of|an|a|the|some)\s+)?([a-z0-9][a-z0-9._+-]*)/gi;

export function sayLitotes(text: string, programs: ReadonlySet<string>): string {
  if (!/\bwould/i.test(text)) return text;
  return text.replace(LITOTES, (whole, who: string | undefined, name: string) =>
    programs.has(name.toLowerCase()) ? `${who ?? "I"} want ${name}` : whole,
  );
}
