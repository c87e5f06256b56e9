import type { Disk } from "../../facts/schema.js";
import { isEmptinessWord } from "./freeSpaceWords.js";
import { findSizes, type SizeMention, sizeBytes, type Token } from "./text.js";

/**
 * "put linux in the 120G I freed up", "the empty 200G", "use the 150 gigs of unallocated space":
 * a size said as free space is the free region of the disk whose free space has that size, never
 * a disk of that size (dev-alongside9 h11a-045: "No disk here matches 120 GB" on a Mac with
 * exactly 120 GiB free). Only when one disk with partitions has free space of about that size: an
 * empty disk of that size ("the empty 500G") is still that disk, read as before.
 */

/** Words beside a size that say it is free space, not a disk. */
const FREE_NEAR = new Set([
  "free",
  "freed",
  "empty",
  "unallocated",
  "unused",
  "spare",
  "left",
  "leftover",
  "unpartitioned",
  "room",
  "space",
  "shrunk",
  "shrank",
  "cleared",
  "gap",
]);

/** Within a tenth, in either unit reading: "120G" is 120 GB or 120 GiB, as typed by people. */
function about(s: SizeMention, bytes: number): boolean {
  return (["decimal", "binary"] as const).some((b) => Math.abs(sizeBytes(s, b) - bytes) <= bytes * 0.1);
}

function saidAsFree(tokens: readonly Token[], s: SizeMention): boolean {
  const near = (from: number, step: number, count: number) => {
    for (let i = from, n = 0; i >= 0 && i < tokens.length && n < count; i += step, n++) {
      const t = tokens[i]!;
      if (t.kind === "punct") return false;
      if (FREE_NEAR.has(t.norm) || isEmptinessWord(t.norm)) return true;
    }
    return false;
  };
  // "a spare room of about 150 gigs": the free word up to four words before the size
  return near(s.from - 1, -1, 4) || near(s.to, 1, 5);
}

/** The disk whose free space the words size, with the size's tokens (which then choose no disk). */
export function freeRegionBySize(
  tokens: readonly Token[],
  disks: readonly Disk[],
  used: ReadonlySet<number>,
): { disk: Disk; size: SizeMention } | undefined {
  for (const s of findSizes(tokens)) {
    if (used.has(s.from) || !saidAsFree(tokens, s)) continue;
    const usable = disks.filter((d) => !d.liveMedium);
    if (usable.some((d) => !(d.partitions?.length ?? 0) && about(s, d.sizeBytes))) continue;
    const fit = usable.filter(
      (d) => (d.partitions?.length ?? 0) > 0 && (d.freeBytes ?? 0) > 0 && about(s, d.freeBytes!),
    );
    if (fit.length === 1) return { disk: fit[0]!, size: s };
  }
  return undefined;
}

/** Words beside a size that say it is memory or a part of the layout, never the free region. */
const NOT_REGION_NEAR = new Set([
  "ram",
  "memory",
  "mem",
  "root",
  "swap",
  "home",
  "boot",
  "efi",
  "esp",
  "partition",
  "partitions",
  "rootsize",
  "swapsize",
  "homesize",
  "efisize",
  "hibernate",
  "hibernation",
]);

/**
 * "there's a 250G well next to windows", "Install (next to Windows) in the free space (about
 * 120G, I think)", "Cast Levitate into the 200 gigs of open water": a size that fits no disk here
 * but the free space of exactly one disk with partitions sizes that free region, whatever words
 * are around it (dev-alongside21: "No disk here matches 250 GB"). Run after the layout sizes are
 * taken (`used`: "root 150G", "give linux 80 gigs"), and never where memory or a layout word
 * stands within two words of the size ("64 gigs of ram", "swap 16G").
 *
 * Safety: the reading ends in use "free" on that disk, which keeps every partition; a size that
 * fits a disk's own size is still that disk, read as before.
 */
export function freeRegionBySizeAlone(
  tokens: readonly Token[],
  disks: readonly Disk[],
  used: ReadonlySet<number>,
): { disk: Disk; size: SizeMention } | undefined {
  const usable = disks.filter((d) => !d.liveMedium);
  for (const s of findSizes(tokens)) {
    if (used.has(s.from)) continue;
    const around = [...tokens.slice(Math.max(0, s.from - 2), s.from), ...tokens.slice(s.to, s.to + 2)].map(
      (t) => t.norm,
    );
    if (around.some((x) => NOT_REGION_NEAR.has(x))) continue;
    if (usable.some((d) => about(s, d.sizeBytes))) continue;
    const fit = usable.filter(
      (d) => (d.partitions?.length ?? 0) > 0 && (d.freeBytes ?? 0) > 0 && about(s, d.freeBytes!),
    );
    if (fit.length === 1) return { disk: fit[0]!, size: s };
  }
  return undefined;
}
