/** Another system on the machine, as a boot menu lists it (planned in leviso/disk, filled at run time in steps). */
export interface OtherSystemEntry {
  name: string;
  kind: "windows" | "linux";
  /** UEFI: the system's EFI program on the ESP the new system shares, from the ESP's root ("EFI/Microsoft/Boot/bootmgfw.efi"). */
  loader?: string;
  /** The partition the system lives on (BIOS chainloads it, GRUB finds it by UUID). */
  partition: string;
  /** UEFI: the ESP that holds `loader` (GRUB searches it by UUID before chainloading). */
  esp?: string;
  /**
   * UEFI: the loader is on another ESP than the new system's (a second ESP was created): GRUB
   * reaches it by UUID; systemd-boot starts programs from its own ESP only, so it lists it not.
   */
  foreignEsp?: boolean;
}
