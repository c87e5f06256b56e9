import { readFileSync } from "node:fs";
import { basename } from "node:path";

/**
 * Modules a live ISO and an installed disk need under QEMU: CD and USB and virtio storage, the
 * live stack (iso9660, squashfs, loop, overlay, device-mapper), the installer's filesystems,
 * EFI variables. The test kernel RPM carries only these and what they depend on (a test-only
 * shortcut that keeps the image small on a 2-core CI machine; see test/boot/README.md).
 */
export const bootModules = [
  // CD-ROM and disks under QEMU's default PC machine (PIIX IDE/ATA, AHCI) and virtio.
  "ata_piix",
  "ata_generic",
  "pata_acpi",
  "ahci",
  "sd_mod",
  "sr_mod",
  "cdrom",
  "virtio_blk",
  "virtio_scsi",
  "virtio_pci",
  "virtio_console",
  // USB sticks (qemu-xhci / EHCI / UHCI with usb-storage).
  "xhci_pci",
  "xhci_hcd",
  "ehci_pci",
  "ehci_hcd",
  "uhci_hcd",
  "ohci_pci",
  "usb_storage",
  "uas",
  "usbhid",
  "hid_generic",
  // The live stack.
  "isofs",
  "squashfs",
  "loop",
  "overlay",
  "dm_mod",
  "dm_snapshot",
  "dm_crypt",
  // LUKS2's default cipher, aes-xts-plain64 (aes and sha256 are built in), and the kernel's
  // crypto socket cryptsetup decrypts a keyslot through.
  "xts",
  "ecb",
  "algif_skcipher",
  // Filesystems the installer creates.
  "ext4",
  "vfat",
  "nls_cp437",
  "nls_iso8859_1",
  "nls_utf8",
  "btrfs",
  "xfs",
  "efivarfs",
  "crc32c_generic",
  "crc32c_intel",
];

export const normaliseModuleName = (n: string) =>
  basename(n)
    .replace(/\.ko(\.(xz|zst|gz))?$/, "")
    .replace(/-/g, "_");

/**
 * Relative paths (as in modules.dep, e.g. `kernel/fs/ext4/ext4.ko`) of `wanted` and everything
 * they depend on. Names missing from modules.dep are built into the kernel (or absent): skipped.
 */
export function moduleClosure(modulesDep: string, wanted: string[]): string[] {
  const deps = new Map<string, { path: string; needs: string[] }>();
  for (const line of modulesDep.split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const path = line.slice(0, colon).trim();
    const needs = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    deps.set(normaliseModuleName(path), { path, needs });
  }
  const out = new Set<string>();
  const visit = (path: string) => {
    if (out.has(path)) return;
    out.add(path);
    for (const n of deps.get(normaliseModuleName(path))?.needs ?? []) visit(n);
  };
  for (const w of wanted) {
    const entry = deps.get(normaliseModuleName(w));
    if (entry) visit(entry.path);
  }
  return [...out].sort();
}

export function readModulesDep(kver: string): string {
  return readFileSync(`/usr/lib/modules/${kver}/modules.dep`, "utf8");
}
