import type { Disk } from "../../facts/schema.js";
import { describeBytes } from "../../steps/size.js";

/**
 * What is on a disk that a person may want back, in one place: the erase screens
 * (dataDisk.ts, evidence.ts) and the rules' disk questions must agree on what "holds data"
 * means, or a question shows "[no free space]" for a disk the screen would have warned about
 * (tester 11 D5).
 */

type Partition = NonNullable<Disk["partitions"]>[number];

/** A system, or a filesystem that is not only boot files or swap. */
export function holdsData(p: Partition): boolean {
  if (p.os) return true;
  if (p.esp) return false;
  const fs = (p.fstype ?? "").toLowerCase();
  return fs !== "" && fs !== "swap" && fs !== "linux-swap";
}

export function contentOf(d: Disk): Partition[] {
  return (d.partitions ?? []).filter(holdsData);
}

/** What a disk holds that would be lost: "/dev/sda2 (Windows Boot Manager, 299.0 GB)"; "" for nothing. */
export function describeContent(d: Disk): string {
  return contentOf(d)
    .map((p) => `${p.path} (${whatIsOn(p)}, ${describeBytes(p.sizeBytes)})`)
    .join(", ");
}

/** A partition by what a person knows it as: its system, or its filesystem and label. */
export function whatIsOn(p: Partition): string {
  return p.os ?? [p.fstype, p.label ? `"${p.label}"` : ""].filter(Boolean).join(" ");
}
