import { z } from "zod";

/** CONTRACTS §4. Optional fields have defaults so eval records and hand-written facts stay short. */
export const DiskSchema = z.object({
  path: z.string().regex(/^\/dev\/[A-Za-z0-9/_.-]+$/, { message: "a disk path looks like /dev/sda" }),
  sizeBytes: z.number().int().nonnegative(),
  model: z.string().default(""),
  transport: z.string().default("unknown").describe("sata, nvme, usb, virtio, scsi, mmc, ... or unknown"),
  removable: z.boolean().default(false),
  mounted: z.boolean().default(false).describe("the disk or one of its partitions is mounted"),
  /** The medium the live system booted from: never an install target. */
  liveMedium: z.boolean().optional(),
  /** Present partitions, for the before/after layout in confirmations. */
  partitions: z
    .array(
      z.object({
        path: z.string(),
        sizeBytes: z.number().int().nonnegative(),
        fstype: z.string().nullable().default(null),
        label: z.string().nullable().default(null),
        mountpoint: z.string().nullable().default(null),
      }),
    )
    .optional(),
});
export type Disk = z.output<typeof DiskSchema>;

export const FactsSchema = z.object({
  mode: z.enum(["live", "installed"]),
  firmware: z.enum(["uefi", "bios"]).default("uefi"),
  disks: z.array(DiskSchema).default([]),
  users: z.array(z.string()).default(["root"]),
  hostname: z.string().default("levitate"),
  locale: z.string().default("en_US.UTF-8"),
  recipes: z.array(z.string()).default([]),
  installed: z.array(z.string()).default([]),
  /** Where the new system is mounted in live mode; `/` when installed. */
  target: z.string().optional(),
  /**
   * Of ext4, xfs, btrfs, vfat: the ones the running kernel can mount (built in or as a module).
   * Absent: unknown (older facts files), and nothing is refused for it.
   */
  filesystems: z.array(z.string()).optional(),
});
export type Facts = z.output<typeof FactsSchema>;
export type FactsInput = z.input<typeof FactsSchema>;

export function targetOf(facts: Facts): string {
  return facts.target ?? (facts.mode === "live" ? "/mnt" : "/");
}
