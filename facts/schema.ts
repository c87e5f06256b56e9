import { z } from "zod";
import { PLAIN_PATH, PLAIN_PATH_MESSAGE } from "./plainPath.js";
import { shownName } from "./shownName.js";

/** CONTRACTS §4 (version 2): one partition of a disk, and what was found on it. */
export const PartitionSchema = z.object({
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  fstype: z.string().nullable().default(null),
  /** Cut where it stops being a name (facts/shownName.ts): the installer quotes it in its own sentences. */
  label: z
    .string()
    .nullable()
    .default(null)
    .transform((v) => (v === null ? null : shownName(v))),
  mountpoint: z.string().nullable().default(null),
  /** Facts v2: an EFI system partition (GPT type C12A7328-…, or MBR type 0xef). */
  esp: z.boolean().optional(),
  /** Facts v2: the system found on it, the way os-prober names it ("Windows Boot Manager", "Fedora Linux 41"). */
  os: z.string().transform(shownName).optional(),
  /** Facts v2: offset of the first byte on the disk, for layouts and free-space checks. */
  startBytes: z.number().int().nonnegative().optional(),
  /** Probe extension (issue 15): EFI programs on an ESP, paths from its root ("EFI/Microsoft/Boot/bootmgfw.efi"). */
  loaders: z.array(z.string()).optional(),
  /** Probe extension (issue 15): free bytes inside the filesystem (known for an ESP, read with mtools). */
  fsFreeBytes: z.number().int().nonnegative().optional(),
  /** Probe extension (issue 15): GPT type GUID or MBR type code, as sfdisk prints it. */
  type: z.string().optional(),
});
export type Partition = z.output<typeof PartitionSchema>;

/** CONTRACTS §4. Optional fields have defaults so eval records and hand-written facts stay short. */
export const DiskSchema = z.object({
  path: z.string().regex(/^\/dev\/[A-Za-z0-9/_.-]+$/, { message: "a disk path looks like /dev/sda" }),
  sizeBytes: z.number().int().nonnegative(),
  /** Reported by the device itself (a USB stick says what it likes): cut as a label is. */
  model: z.string().default("").transform(shownName),
  transport: z.string().default("unknown").describe("sata, nvme, usb, virtio, scsi, mmc, ... or unknown"),
  removable: z.boolean().default(false),
  mounted: z.boolean().default(false).describe("the disk or one of its partitions is mounted"),
  /** Probe extension (issue 18): the disk's serial number, checked again right before it is written. */
  serial: z.string().optional(),
  /** The medium the live system booted from: never an install target. */
  liveMedium: z.boolean().optional(),
  /** Partition table type (facts v2); absent: unknown, or no table at all when `partitions` is empty. */
  table: z.enum(["gpt", "dos"]).optional(),
  /** Facts v2: bytes of the largest unallocated region, aligned to 1 MiB (0 when the disk is full). */
  freeBytes: z.number().int().nonnegative().optional(),
  /** Present partitions: the before/after layout in confirmations, and what an install keeps. */
  partitions: z.array(PartitionSchema).optional(),
});
export type Disk = z.output<typeof DiskSchema>;

/** A recipe's name (recipe/schema.ts uses this one too): a facts list of names holds only these. */
export const RECIPE_NAME = /^[a-z0-9][a-z0-9._+-]{0,63}$/;

// Any string was taken: quotes, newlines, 5,000 characters, "" (attacker 8, L5). The message
// names the entry, so a hand-written facts file can be fixed.
const recipeNames = z.array(
  z.string().refine((n) => RECIPE_NAME.test(n), {
    error: (iss) => {
      const n = String(iss.input);
      const shown = JSON.stringify(n.length > 80 ? `${n.slice(0, 80)}…` : n);
      return `${shown} is not a recipe name (lowercase letters, digits and . _ + -, at most 64)`;
    },
  }),
);

export const FactsSchema = z.object({
  mode: z.enum(["live", "installed"]),
  firmware: z.enum(["uefi", "bios"]).default("uefi"),
  // prefault, not default: a schema with transforms (the disks' names) loses its default in the docs' JSON Schema
  disks: z.array(DiskSchema).prefault([]),
  users: z.array(z.string()).default(["root"]),
  hostname: z.string().default("levitate"),
  locale: z.string().default("en_US.UTF-8"),
  recipes: recipeNames.default([]),
  installed: recipeNames.default([]),
  /** Where the new system is mounted in live mode; `/` when installed. */
  target: z.string().regex(PLAIN_PATH, { message: PLAIN_PATH_MESSAGE }).optional(),
  /**
   * Of ext4, xfs, btrfs, vfat: the ones the running kernel can mount (built in or as a module).
   * Absent: unknown (older facts files), and nothing is refused for it.
   */
  filesystems: z.array(z.string()).optional(),
  /**
   * Probe extension: whether the running kernel can open LUKS (device-mapper's crypt target, built
   * in or as a module). false: an encrypted plan is refused before anything is written. Absent:
   * unknown, nothing refused.
   */
  dmCrypt: z
    .boolean()
    .optional()
    .describe(
      "Probe extension: whether the running kernel can open LUKS (device-mapper's crypt target); false: an encrypted plan is refused; absent: unknown",
    ),
  /**
   * Probe extension: the machine's memory from /proc/meminfo (MemTotal, MemAvailable). An
   * encrypted install sizes argon2id's memory cost by it (leviso/disk/luksKdf.ts), so the same
   * machine can unlock its disk at boot. Absent: unknown, cryptsetup's own cap applies.
   */
  memory: z
    .object({
      totalBytes: z.number().int().nonnegative().describe("MemTotal in bytes"),
      availableBytes: z.number().int().nonnegative().describe("MemAvailable in bytes when probed"),
    })
    .optional()
    .describe(
      "Probe extension: MemTotal and MemAvailable in bytes; sizes the LUKS key derivation's memory cost; absent: cryptsetup's default cap",
    ),
  /**
   * Probe extension (issue 15): bytes of the boot files a chain copies onto an ESP, measured on the
   * live system, whose packages are the new system's (facts/probe/boot-files.ts). Absent (or a file
   * missing): the reference sizes in tools/partitionFree.ts.
   */
  bootFiles: z
    .object({
      shim: z.number().int().nonnegative().optional().describe("bytes of shimx64.efi"),
      grub: z.number().int().nonnegative().optional().describe("bytes of GRUB's EFI image (grubx64.efi)"),
      systemdBoot: z.number().int().nonnegative().optional().describe("bytes of systemd-bootx64.efi"),
      kernel: z.number().int().nonnegative().optional().describe("bytes of the running kernel's image"),
      initramfs: z.number().int().nonnegative().optional().describe("bytes of the largest initramfs found"),
    })
    .optional()
    .describe(
      "Probe extension: sizes of the boot files a chain copies onto a shared ESP, measured on the live system; absent: reference sizes",
    ),
});
export type Facts = z.output<typeof FactsSchema>;
export type FactsInput = z.input<typeof FactsSchema>;

export function targetOf(facts: Facts): string {
  return facts.target ?? (facts.mode === "live" ? "/mnt" : "/");
}
