import { z } from "zod";
import { SizeSchema } from "./size.js";
import type { ToolSpec } from "./types.js";

export const FILESYSTEMS = ["ext4", "btrfs", "xfs"] as const;

const args = z.strictObject({
  disk: z
    .string()
    .max(64)
    .regex(/^\/dev\/[A-Za-z0-9/_.-]+$/, {
      message: "a disk is a device path such as /dev/sda or /dev/nvme0n1",
    })
    .describe("The whole disk to erase and install on: a device path from the machine's disk list"),
  filesystem: z.enum(FILESYSTEMS).default("ext4").describe("Filesystem for the root (and /home) partition"),
  swapSize: SizeSchema.optional().describe("Size of a swap partition, e.g. 8G; none when absent"),
  encrypt: z
    .boolean()
    .default(false)
    .describe("Encrypt the root partition with LUKS2; the passphrase is asked when the plan runs"),
  separateHome: z.boolean().default(false).describe("Put /home on its own partition"),
  efiSize: SizeSchema.default("1G").describe("Size of the EFI system partition (or boot partition on BIOS)"),
});

export const partitionDisk = {
  name: "partitionDisk",
  description:
    "Erase a whole disk and lay out the new system on it: EFI/boot partition, optional swap, root, optional /home. Destroys everything on that disk.",
  modes: ["live"],
  args,
  planArgs: args,
  examples: ["use the whole 500gb drive", "install on the nvme with btrfs and 8G swap", "encrypt it"],
} as const satisfies ToolSpec<typeof args, typeof args>;
