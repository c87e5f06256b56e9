/**
 * "swap" is both the partition ("8G swap", "with swap", "no swap") and a verb ("swap the disks",
 * "swap vim for micro", "swap them around"). Only the noun sets a swap size: attacker 15 F5
 * ("swap the disks" added an 8G swap partition). The verb is the word followed by what it
 * exchanges: a determiner, a pronoun, or the plural of the things exchanged.
 */
const EXCHANGED =
  /^(?:the|my|our|your|both|these|those|them|it|em|this|that|a?round|over|places|sides|disks|drives|ssds|hdds|devices|targets|out)$/;

/** Where the swap NOUN stands in `w` (normalized words), or -1 when "swap" is said only as a verb. */
export function swapNounAt(w: readonly string[]): number {
  return w.findIndex((x, i) => x === "swap" && !EXCHANGED.test(w[i + 1] ?? ""));
}
