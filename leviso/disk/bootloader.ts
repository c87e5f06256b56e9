import type { Step } from "../../steps/step.js";
import { DEFAULT_UEFI_BOOTLOADER, type UefiBootloader } from "./bootloaderNames.js";
import { shimGrubSteps } from "./grubEfi.js";
import type { Layout } from "./layout.js";
import { liveConsoleArgs } from "./liveConsole.js";
import { type BootloaderOptions, bootloaderSteps, espSteps } from "./steps.js";

export { DEFAULT_UEFI_BOOTLOADER, UEFI_BOOTLOADERS, type UefiBootloader } from "./bootloaderNames.js";

/**
 * The packages a UEFI boot loader needs beyond recipes/base-uefi.list (which carries the default
 * chain): systemd-boot's EFI binary, installed only when it is chosen.
 */
export const EXTRA_BOOTLOADER_RECIPES: Record<UefiBootloader, readonly string[]> = {
  grub: [],
  "systemd-boot": ["systemd-boot-unsigned"],
};

/** One line for the plan's notes and the confirmation: which loader, and what that means. */
export function describeBootloader(firmware: Layout["firmware"], bootloader: UefiBootloader): string {
  if (firmware === "bios") return "GRUB (BIOS)";
  return bootloader === "grub"
    ? "shim and GRUB (UEFI, boots with Secure Boot on)"
    : "systemd-boot (UEFI; unsigned: turn Secure Boot off to boot it)";
}

/**
 * The steps that make the installed system bootable: the chosen UEFI loader, or GRUB on BIOS.
 * Without `console`, the live system's `console=` arguments are read here (liveConsole.ts), so
 * every way into an install (plan file, chat, unattended) carries them.
 */
export function installBootloaderSteps(
  layout: Layout,
  target: string,
  opts: BootloaderOptions & { bootloader?: UefiBootloader } = {},
): Step[] {
  const { bootloader = DEFAULT_UEFI_BOOTLOADER, ...given } = opts;
  const rest: BootloaderOptions = { ...given, console: given.console ?? liveConsoleArgs() };
  if (layout.firmware === "bios") return bootloaderSteps(layout, target, rest);
  return bootloader === "systemd-boot" ? espSteps(layout, target, rest) : shimGrubSteps(layout, target, rest);
}
