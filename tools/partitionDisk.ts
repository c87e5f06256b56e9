import { z } from "zod";
import { UEFI_BOOTLOADERS } from "../leviso/disk/bootloaderNames.js";
import { SizeSchema } from "../steps/size.js";
import type { ToolSpec } from "./types.js";

export const FILESYSTEMS = ["ext4", "btrfs", "xfs"] as const;
/** efiSize when the call gives none (CONTRACTS §1). */
export const DEFAULT_EFI_SIZE = "1G";

const args = z.strictObject({
  disk: z
    .string()
    .max(64)
    .regex(/^\/dev\/[A-Za-z0-9/_.-]+$/, {
      message: "a disk is a device path such as /dev/sda or /dev/nvme0n1",
    })
    .describe("The disk to install on: a device path from the machine's disk list"),
  use: z
    .enum(["whole", "free"])
    .default("whole")
    .describe(
      "whole: erase the disk; free: install into the disk's largest free region, keep every existing partition, reuse an existing EFI system partition",
    ),
  filesystem: z.enum(FILESYSTEMS).default("ext4").describe("Filesystem for the root (and /home) partition"),
  rootSize: SizeSchema.optional().describe(
    "Size of the root partition, e.g. 100G; none: the rest of the space (with separateHome, /home gets the rest)",
  ),
  swapSize: SizeSchema.optional().describe("Size of a swap partition, e.g. 8G; none when absent"),
  encrypt: z
    .boolean()
    .default(false)
    .describe("Encrypt the root partition with LUKS2; the passphrase is asked when the plan runs"),
  separateHome: z.boolean().default(false).describe("Put /home on its own partition"),
  // No zod default, only a documented one (meta): with use free, an efiSize the call gives asks for
  // a second ESP where the disk's own cannot be shared, and without one that is refused (issue 15).
  efiSize: SizeSchema.optional()
    .describe(
      "Size of the EFI system partition (or boot partition on BIOS); ignored when an existing ESP is reused",
    )
    .meta({ default: DEFAULT_EFI_SIZE }),
});

/**
 * Plan files only (not the model's schema): which UEFI boot loader the install writes. Rocky's
 * shim → GRUB chain by default, because it boots with Secure Boot on; systemd-boot on request.
 */
const planArgs = args.extend({
  bootloader: z
    .enum(UEFI_BOOTLOADERS)
    .optional()
    .describe(
      "UEFI only: grub (default; shim → GRUB, boots with Secure Boot on) or systemd-boot (unsigned: Secure Boot must be off). BIOS always gets GRUB",
    ),
});

export const partitionDisk = {
  name: "partitionDisk",
  description:
    "Lay out the new system on a disk: with use whole (the default), erase the disk and create EFI/boot, optional swap, root, optional /home; with use free, create them in the disk's free space and keep every existing partition (install alongside another system).",
  modes: ["live"],
  args,
  planArgs,
  examples: [
    "use the whole 500gb drive",
    "install on the nvme with btrfs and 8G swap",
    "encrypt it",
    "install next to windows in the free space",
  ],
} as const satisfies ToolSpec<typeof args, typeof planArgs>;
