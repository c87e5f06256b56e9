import type { FatGuard } from "../../steps/step.js";
import type { Layout } from "./layout.js";

/**
 * The firmware's fallback path on an EFI system partition shared with another system whose files
 * the facts do not list (hand-written facts, or a probe that could not read the ESP). Windows and
 * Ubuntu both keep their own loader at EFI/BOOT/BOOTX64.EFI, so "no loaders listed" must not mean
 * "the fallback path is free": the ESP is read when the plan runs, as the boot menu's other
 * systems are (steps/espMenu.ts), and the fallback files are staged only when none of them is
 * there. Otherwise the new system boots through its own firmware boot entry (efibootmgr), and the
 * other system keeps its fallback loader. Round 28: the plan staged it unasked, and the re-check
 * before the first write then stopped the install on a real ESP ("would replace another
 * system's file").
 */

/** The shared ESP (reused, not created) whose files the facts do not list, or undefined. */
export function espReadAtRun(layout: Layout): string | undefined {
  if (!layout.free || layout.free.espFiles !== undefined) return undefined;
  return layout.partitions.find((p) => p.role === "esp" && p.existing)?.device;
}

/**
 * The guard for the steps that stage the fallback files (`paths`: every one of them, from the
 * ESP's root): any of them there when the plan runs keeps all of them out, so the fallback
 * directory never mixes our files with another system's.
 */
export function fallbackGuard(layout: Layout, paths: string[]): FatGuard | undefined {
  const device = espReadAtRun(layout);
  if (!device) return undefined;
  return {
    device,
    paths,
    otherwise:
      "the fallback path EFI/BOOT/BOOTX64.EFI is another system's loader and stays; the new system boots through its own firmware boot entry",
  };
}

/** The mcopy step's words for the fallback file when it is decided at run time. */
export function fallbackAddNote(layout: Layout, path: string): string {
  return espReadAtRun(layout) ? `${path} (only if no other system's file is there when the plan runs)` : path;
}
