import type { Facts } from "../../facts/schema.js";

/**
 * "keep both hdds, install on the nvme", "dont touch my two data disks", "the 2 hard drives stay"
 * (tester 26 D1): a keep whose object is disks in the plural, with a count or none. When the
 * description picks out fewer disks than it counts ("data" on blank disks, "both" of a kind the
 * facts cannot tell), the keep was recorded for one disk or none, and a later "sda" or "the other
 * one" erased a disk the person had just protected. A keep too wide costs a question; one too
 * narrow costs a disk: so the keep then covers every disk it may mean, that is every disk but the
 * live medium and the disks this turn or the plan name as the place to install.
 */

const COUNTS: Readonly<Record<string, number>> = {
  both: 2,
  two: 2,
  "2": 2,
  three: 3,
  "3": 3,
  four: 4,
  "4": 4,
};

const OTHERS = new Set(["other", "others", "rest", "remaining"]);

/** Disks in the plural: "disks", "drives", "hdds", "the big ones". */
const PLURAL_DISK_NOUNS = new Set([
  "disks",
  "drives",
  "hdds",
  "ssds",
  "nvmes",
  "ones",
  "harddrives",
  "harddisks",
  "hds",
]);

/** How many things the words count ("both", "the two", "3"), if they count. */
export function pluralCount(clause: readonly string[]): number | undefined {
  return clause.map((w) => COUNTS[w]).find((n) => n !== undefined);
}

/**
 * The disks a plural keep must cover beyond those its description found, or [] when the
 * description found as many as it counts (or, with no count, at least one).
 */
export function countedKeepDisks(
  clause: readonly string[],
  kept: readonly string[],
  facts: Facts,
  installTargets: ReadonlySet<string>,
): string[] {
  if (!clause.some((w) => PLURAL_DISK_NOUNS.has(w))) return [];
  // "don't touch the other three drives": the others of the disk the install names, which the
  // readers of "other" place once that disk is known (h18-013: widened, it kept the target too)
  if (clause.some((w) => OTHERS.has(w))) return [];
  const counted = pluralCount(clause);
  if (counted === undefined ? kept.length >= 1 : kept.length >= counted) return [];
  return facts.disks
    .filter((d) => !d.liveMedium && !installTargets.has(d.path) && !kept.includes(d.path))
    .map((d) => d.path);
}
