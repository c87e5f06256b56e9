import type { Facts } from "../../facts/schema.js";

/**
 * "keep the crucial, the seagate", "dont touch the seagate, the toshiba or the samsung", "dont
 * remove git, htop, vim": a list after a keep verb is joined by commas as often as by "and". The
 * verb governs every item of its list, whatever joins them (tester 27 D1: the item after a comma
 * was read as the place to install, and one "yes" erased a disk the same sentence kept).
 *
 * Safety argument: only a comma clause that is nothing but a name is an item: every word is a name
 * the facts know (a disk's brand or model word, a label, a system, a program, a person) or a word
 * of a noun phrase (the, my, both, big, 2tb, disk, sdb). Such a clause asks for nothing of its
 * own; reading it as kept can only withhold an erase or a removal the user then asks for in words,
 * while reading it as a target put a kept disk one "yes" from being erased. A comma clause with
 * any other word ("the nvme for the system", "the samsung pls", "windows lives there", "only
 * micro") stays what it was.
 */

/** The words of a noun phrase that names a disk, a program or a person, beside the names. */
const PHRASE_WORDS = new Set([
  "the",
  "a",
  "an",
  "my",
  "our",
  "both",
  "all",
  "that",
  "this",
  "those",
  "these",
  "other",
  "old",
  "new",
  "big",
  "bigger",
  "biggest",
  "small",
  "smaller",
  "smallest",
  "little",
  "large",
  "huge",
  "tiny",
  "first",
  "second",
  "third",
  "internal",
  "external",
  "two",
  "three",
  "one",
  "ones",
  "disk",
  "disks",
  "drive",
  "drives",
  "ssd",
  "ssds",
  "hdd",
  "hdds",
  "nvme",
  "nvmes",
  "sata",
  "usb",
  "also",
  "too",
  "aswell",
  "plus",
  "and",
  "or",
  "nor",
  "either",
]);

/** The head nouns of a disk named by kind: "the hdds", "both ssds". */
const HEADS = new Set(["disk", "disks", "drive", "drives", "ssd", "ssds", "hdd", "hdds", "nvme", "nvmes"]);

/** A disk path, a device name or a size: "sdb", "/dev/nvme0n1", "2tb", "500gb", "16". */
const DEVICE_OR_SIZE =
  /^(?:\/dev\/\S+|sd[a-z]|nvme\d+(?:n\d+)?|mmcblk\d+|vd[a-z]|hd[a-z]|\d+(?:[.,]\d+)?(?:tb|gb|t|g|tib|gib)?)$/;

/** The names the facts give: disk brand and model words, labels, systems, programs, people. */
export function factNames(facts: Facts): Set<string> {
  const split = (s: string | null | undefined) =>
    (s ?? "")
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((x) => x.length >= 2);
  return new Set([
    ...facts.recipes,
    ...facts.installed,
    ...facts.users,
    ...facts.disks.flatMap((d) => [
      ...split(d.model),
      ...(d.partitions ?? []).flatMap((p) => [...split(p.label), ...split(p.os)]),
    ]),
    "samsung",
    "seagate",
    "crucial",
    "kingston",
    "sandisk",
    "toshiba",
    "wd",
    "western",
    "digital",
    "intel",
    "micron",
    "hitachi",
    "windows",
    "win",
    "ubuntu",
    "fedora",
    "linux",
    "mint",
    "debian",
    "arch",
  ]);
}

/** A clause of at most five words that only names things: the next item of a comma list. */
export function bareListItem(w: readonly string[], names: ReadonlySet<string>): boolean {
  return (
    w.length > 0 &&
    w.length <= 5 &&
    w.some((x) => names.has(x) || HEADS.has(x) || DEVICE_OR_SIZE.test(x)) &&
    w.every((x) => PHRASE_WORDS.has(x) || names.has(x) || DEVICE_OR_SIZE.test(x))
  );
}
