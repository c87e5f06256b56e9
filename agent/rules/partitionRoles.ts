import type { Disk, Facts } from "../../facts/schema.js";
import type { Token } from "./text.js";

/**
 * A partition named by its role ("wipe the recovery partition", "format the efi partition",
 * "erase the empty partition, install there"): hurried user 12 D4. These words also name partitions
 * of a new layout ("a separate efi partition"), so the role is read as an existing partition only
 * when a destructive verb aims at it through a determiner ("the", "my", "that") and some disk has
 * partitions to name. One partition is never erased alone: the caller answers with its refusal, and
 * a whole-disk erase must never come out of these words (Windows, its ESP and WinRE were lost).
 */

type Part = NonNullable<Disk["partitions"]>[number];
const SMALL = 1024 * 1024 * 1024;
const isEsp = (p: Part) => Boolean(p.esp) || (p.fstype ?? "").toLowerCase() === "vfat";
const named = (re: RegExp) => (p: Part) => re.test(`${p.label ?? ""}`);

/** Role word → which existing partitions it can mean (any, when the facts cannot tell). */
const ROLES: Record<string, (p: Part) => boolean> = {
  recovery: named(/recover|winre/i),
  winre: named(/recover|winre/i),
  restore: named(/recover|winre|restore/i),
  efi: isEsp,
  esp: isEsp,
  uefi: isEsp,
  boot: (p) => isEsp(p) || named(/boot/i)(p),
  system: (p) => isEsp(p) || named(/system/i)(p),
  msr: (p) => !p.fstype && p.sizeBytes < SMALL,
  reserved: (p) => !p.fstype && p.sizeBytes < SMALL,
  empty: (p) => !p.fstype,
  unused: (p) => !p.fstype,
  blank: (p) => !p.fstype,
  small: (p) => p.sizeBytes < SMALL,
  smaller: (p) => p.sizeBytes < SMALL,
  tiny: (p) => p.sizeBytes < SMALL,
  little: (p) => p.sizeBytes < SMALL,
  hidden: () => true,
  vendor: () => true,
  oem: () => true,
  diagnostic: () => true,
  factory: named(/recover|factory|oem/i),
};
const POINTING = new Set([
  "the",
  "my",
  "that",
  "this",
  "its",
  "your",
  "windows",
  "windows's",
  "existing",
  "old",
]);
/** Verbs that would destroy the partition ("install" only with over/into/on before the determiner). */
const DESTROYING = new Set([
  "erase",
  "wipe",
  "format",
  "reformat",
  "delete",
  "remove",
  "overwrite",
  "nuke",
  "replace",
  "reuse",
  "clear",
  "clean",
  "kill",
  "trash",
  "zap",
  "blank",
  "use",
]);
const INTO = new Set(["over", "into", "onto", "on", "in"]);
const PLACING = new Set(["install", "put", "place"]);

/**
 * `i` is the index of "partition"/"part"/"volume": the disks holding a partition the role word
 * before it names, or [] when it names one but the facts cannot say on which disk; undefined when
 * the words are not a role reference to an existing partition.
 */
export function partitionByRole(
  tokens: readonly Token[],
  i: number,
  facts: Facts,
): { disks: Disk[]; said: string } | undefined {
  let r = i - 1;
  // "the windows recovery partition", "the efi system partition"
  if (tokens[r]?.norm === "system" && tokens[r - 1]?.norm && ROLES[tokens[r - 1]!.norm]) r--;
  const role = tokens[r]?.norm ?? "";
  const fits = ROLES[role];
  if (!fits) return undefined;
  let d = r - 1;
  while (d >= 0 && ["windows", "old", "existing", "little", "small", "tiny"].includes(tokens[d]!.norm)) d--;
  if (!POINTING.has(tokens[d]?.norm ?? "")) return undefined;
  const before = tokens[d - 1]?.norm ?? "";
  const aimed =
    DESTROYING.has(before) ||
    (INTO.has(before) && PLACING.has(tokens[d - 2]?.norm ?? "")) ||
    PLACING.has(before);
  if (!aimed) return undefined;
  const withParts = facts.disks.filter((x) => !x.liveMedium && (x.partitions ?? []).length > 0);
  if (!withParts.length) return undefined;
  const holders = withParts.filter((x) => (x.partitions ?? []).some(fits));
  const disks = holders.length ? holders : withParts.length === 1 ? withParts : [];
  const said = tokens
    .slice(r, i + 1)
    .map((t) => t.raw)
    .join(" ");
  return { disks, said };
}
