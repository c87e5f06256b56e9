import type { Step } from "../../steps/step.js";
import type { Layout } from "./layout.js";

/** How long the firmware may take to store a boot entry (real firmware: under a second). */
export const NVRAM_WRITE_LIMIT_MS = 3 * 60_000;

/**
 * The firmware boot entry for the installing machine's own disk (either UEFI chain); other
 * systems' entries are left in BootOrder. `loader` is the FAT path with backslashes;
 * `fallbackStaged`: this install put its loader at EFI/BOOT/BOOTX64.EFI too, so the disk boots
 * without the entry when the firmware never answers; "atRun": it did unless another system's
 * loader was there when the plan ran (leviso/disk/espFallback.ts), so the entry is needed.
 */
export function nvramEntryStep(
  layout: Layout,
  espNumber: number,
  osName: string,
  loader: string,
  fallbackStaged: boolean | "atRun",
): Step {
  return {
    phase: "bootloader",
    source: "install",
    destructive: false,
    id: "install.nvram",
    title: `Add ${osName} to the firmware's boot menu`,
    changes: `a new UEFI boot entry, first in BootOrder (firmware variables)${layout.free ? "; the other systems' entries stay in BootOrder" : ""}`,
    action: {
      kind: "run",
      argv: [
        "efibootmgr",
        "--quiet",
        "--create",
        "--disk",
        layout.disk,
        "--part",
        String(espNumber),
        "--label",
        osName,
        "--loader",
        loader,
      ],
      onlyIf: {
        exists: "/sys/firmware/efi/efivars",
        otherwise:
          "this machine was not booted with UEFI (no /sys/firmware/efi/efivars): the disk boots from its fallback path",
      },
      bounded:
        fallbackStaged === true
          ? {
              ms: NVRAM_WRITE_LIMIT_MS,
              otherwise: `the firmware did not store the boot entry (efibootmgr left waiting). Everything else is installed, and the firmware starts the new system from the fallback path EFI/BOOT/BOOTX64.EFI; add the entry later with: efibootmgr --create --disk ${layout.disk} --part ${espNumber} --label ${osName} --loader '${loader}'`,
            }
          : {
              ms: NVRAM_WRITE_LIMIT_MS,
              fail: true,
              otherwise: `the firmware did not store the boot entry (efibootmgr left waiting), and the fallback path EFI/BOOT/BOOTX64.EFI ${fallbackStaged === "atRun" ? "may be" : "is"} the other system's loader: everything else is installed, but the firmware has no way to start the new system yet. Reboot into this live system and run: efibootmgr --create --disk ${layout.disk} --part ${espNumber} --label ${osName} --loader '${loader}'`,
            },
    },
  };
}
