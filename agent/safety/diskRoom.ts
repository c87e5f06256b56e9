import type { Disk, Facts } from "../../facts/schema.js";
import { describeBytes, formatSize, GiB, MiB, parseSize } from "../../steps/size.js";
import type { DiskInstall } from "./wholeErase.js";

/**
 * Room a whole-disk install needs (tester 24 W17: a 7.8 GB eMMC was accepted for a btrfs+LUKS
 * install while the same build told another user "an install needs at least 8.6 GB" for free
 * space). The system gets the same minimum as an install into free space (MIN_FREE_BYTES in
 * screen.ts, repeated here so that neither module loads the other), and the partitions a whole
 * disk adds besides it are counted on top: the ESP (or /boot on BIOS), swap, a separate /home
 * and the table. Why a reply and never a smaller layout: the plan would fit on paper (the tool's
 * floor is a 4 GiB root) and fail later, on the first kernel update, on a disk already wiped.
 */
export const SYSTEM_MIN_BYTES = 8 * GiB;
/** The tool's floor for a separate /home (leviso/disk/layout.ts MIN_HOME_BYTES). */
const HOME_MIN_BYTES = 2 * GiB;
/** The partition table at both ends of the disk (layout.ts OVERHEAD_BYTES). */
const TABLE_BYTES = 2 * MiB;
/** efiSize when the call gives none (tools/partitionDisk.ts DEFAULT_EFI_SIZE). */
const DEFAULT_EFI = "1G";

function sizeOr(text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  try {
    return parseSize(text);
  } catch {
    return fallback;
  }
}

/** What the install needs, part by part ("1G EFI system partition + 8G for the system"). */
export function wholeDiskNeeds(call: DiskInstall, facts: Facts): { bytes: number; parts: string[] } {
  const a = call.args;
  const efi = sizeOr(a.efiSize, parseSize(DEFAULT_EFI));
  const swap = sizeOr(a.swapSize, 0);
  const root = Math.max(SYSTEM_MIN_BYTES, sizeOr(a.rootSize, 0));
  const home = a.separateHome ? HOME_MIN_BYTES : 0;
  const parts = [
    `${formatSize(efi)} ${facts.firmware === "uefi" ? "EFI system partition" : "/boot"}`,
    ...(swap ? [`${formatSize(swap)} swap`] : []),
    `${formatSize(root)} for the system`,
    ...(home ? [`${formatSize(home)} for /home at least`] : []),
  ];
  return { bytes: TABLE_BYTES + efi + swap + root + home, parts };
}

/**
 * The sentence that refuses a whole-disk install on a disk too small for it, naming both numbers
 * and what is left to do; undefined when it fits.
 */
export function tooSmallReason(
  call: DiskInstall,
  disk: Disk,
  facts: Facts,
  name: string,
): string | undefined {
  const need = wholeDiskNeeds(call, facts);
  if (disk.sizeBytes >= need.bytes) return undefined;
  const lean = wholeDiskNeeds(
    { ...call, args: { ...call.args, swapSize: undefined, separateHome: false } },
    facts,
  );
  const dropped = [
    ...(call.args.swapSize ? ["swap"] : []),
    ...(call.args.separateHome ? ["a separate /home"] : []),
  ];
  const bigger = facts.disks.filter(
    (d) => d.path !== disk.path && !d.liveMedium && d.sizeBytes >= need.bytes,
  );
  return `${name} is too small for an install, which needs at least ${describeBytes(need.bytes)} (${need.parts.join(" + ")}).${
    dropped.length && disk.sizeBytes >= lean.bytes ? ` It fits without ${dropped.join(" and ")}.` : ""
  }${bigger.length ? ` Disks large enough: ${bigger.map((d) => d.path).join(", ")}.` : " Use a larger disk."}`;
}
