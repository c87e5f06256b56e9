/**
 * The UEFI boot loaders an install can write. `grub` (the default) is Rocky's chain, shim →
 * grub2-efi, which boots with Secure Boot on; `systemd-boot` is only shipped unsigned by Rocky,
 * so it boots only with Secure Boot off. BIOS always gets GRUB in the MBR gap. A module of its
 * own so the tool schema (and every start-up that loads it) does not load the step builders.
 */
export const UEFI_BOOTLOADERS = ["grub", "systemd-boot"] as const;
export type UefiBootloader = (typeof UEFI_BOOTLOADERS)[number];
export const DEFAULT_UEFI_BOOTLOADER: UefiBootloader = "grub";
