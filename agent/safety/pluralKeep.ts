import type { Token } from "../rules/text.js";

/**
 * "the samsung and the WD, leave both alone", "sda and sdb: keep them", "the 870 plus the WD --
 * hands off all of them": a keep whose object is a plural pronoun stands for the disks the
 * sentence listed before it. Read clause by clause, the list stood alone (a disk named with no
 * verb is a request to install there) and "both" fell back to the systems on every disk, so the
 * listed disks were offered and a yes erased one (tester 18).
 */
// ("either" is left out: "not the 2tb one either" adds to a list, it does not point back at one)
const PLURAL = new Set(["both", "them", "these", "those", "em"]);

/** The clause refers to several things by a plural pronoun ("both", "them", "the two"). */
export function pluralObject(clause: readonly Token[]): boolean {
  const w = clause.filter((t) => t.kind === "word").map((t) => t.norm);
  return w.some((x, i) => PLURAL.has(x) || (x === "two" && w[i - 1] === "the"));
}

/** A mark that ends a sentence: disks named before it are no longer what "both" stands for. */
export function endsSentence(sep: string): boolean {
  return /^[.!?;]+$/.test(sep) || sep.includes("\n");
}
