import type { Disk } from "../../facts/schema.js";

export type DiskResolution =
  /** Exactly one disk fits. */
  | { kind: "one"; disk: Disk; by: string }
  /** Several fit: ask, naming them. */
  | { kind: "many"; disks: Disk[]; by: string; meant?: Disk }
  /** A description was given and nothing fits. */
  | { kind: "none"; by: string }
  /** The phrase does not describe a disk at all. */
  | { kind: "absent" };

export interface DiskContext {
  /** Disks named by earlier turns, most recent last (for "it", "the other one"). */
  mentioned: readonly string[];
  /** Disks the last clarifying question offered (for "the bigger one" among them). */
  offered: readonly string[];
  /** Every disk in the facts' order, for "the second disk" inside a narrowed pool. */
  order?: readonly Disk[];
}
