import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probeBootFiles } from "../../facts/probe/boot-files.js";
import { FactsSchema } from "../../facts/schema.js";
import { bootFileSizes, REFERENCE_BOOT_FILES } from "../../tools/partitionFree.js";

/**
 * The sizes a shared ESP's room is computed from (issue 15): measured on the live system's own
 * files (Rocky's paths first), a missing file left to its reference size.
 */
describe("boot file sizes from the live system", () => {
  const root = mkdtempSync(join(tmpdir(), "levitate-bootfiles-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const file = (rel: string, bytes: number) => {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), Buffer.alloc(bytes, 1));
  };

  it("reads Rocky's paths, the running kernel's image and the largest initramfs", () => {
    file("boot/efi/EFI/rocky/shimx64.efi", 1000);
    file("usr/lib/shim/shimx64.efi", 5); // Debian's path: Rocky's wins
    file("boot/efi/EFI/rocky/grubx64.efi", 2000);
    file("usr/lib/systemd/boot/efi/systemd-bootx64.efi", 300);
    file("usr/lib/modules/6.12.0-55.el10.x86_64/vmlinuz", 4000);
    file("usr/lib/modules/6.1.0-old/vmlinuz", 9999); // not the running kernel
    file("boot/initramfs-6.12.0-55.el10.x86_64.img", 7000);
    file("boot/initramfs-0-rescue-abc.img", 99999); // rescue images are not what an install copies
    file("boot/initramfs-6.11.img", 6000);
    expect(probeBootFiles(root, "6.12.0-55.el10.x86_64")).toEqual({
      shim: 1000,
      grub: 2000,
      systemdBoot: 300,
      kernel: 4000,
      initramfs: 7000,
    });
  });

  it("without /boot/efi, shim and GRUB are measured on the live medium's EFI/BOOT (shim at the fallback path, GRUB beside it)", () => {
    const live = mkdtempSync(join(tmpdir(), "levitate-bootfiles-live-"));
    try {
      const put = (rel: string, bytes: number) => {
        mkdirSync(join(live, rel, ".."), { recursive: true });
        writeFileSync(join(live, rel), Buffer.alloc(bytes, 1));
      };
      put("run/initramfs/live/EFI/BOOT/BOOTX64.EFI", 950);
      // A grub-mkimage ISO (no grubx64.efi beside it): its BOOTX64.EFI is not the installed shim.
      expect(probeBootFiles(live, "6.12.0-55.el10.x86_64")).toEqual({});
      put("run/initramfs/live/EFI/BOOT/grubx64.efi", 2100);
      expect(probeBootFiles(live, "6.12.0-55.el10.x86_64")).toEqual({ shim: 950, grub: 2100 });
      // The live root's own copies, where they are, win.
      put("boot/efi/EFI/rocky/shimx64.efi", 1000);
      expect(probeBootFiles(live, "6.12.0-55.el10.x86_64")).toEqual({ shim: 1000, grub: 2100 });
    } finally {
      rmSync(live, { recursive: true, force: true });
    }
  });

  it("a missing or empty file is left out, a directory is no file, and the plan uses the reference size for it", () => {
    const bare = mkdtempSync(join(tmpdir(), "levitate-bootfiles-bare-"));
    try {
      mkdirSync(join(bare, "usr/lib/systemd/boot/efi/systemd-bootx64.efi"), { recursive: true });
      mkdirSync(join(bare, "boot"), { recursive: true });
      writeFileSync(join(bare, "boot/vmlinuz-6.1.0-x"), "");
      symlinkSync("/nonexistent", join(bare, "boot/initrd.img-6.1.0-x"));
      const measured = probeBootFiles(bare, "6.1.0-x");
      expect(measured).toEqual({});
      const facts = FactsSchema.parse({ mode: "live", bootFiles: { ...measured, kernel: 123 } });
      expect(bootFileSizes(facts)).toEqual({ ...REFERENCE_BOOT_FILES, kernel: 123 });
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
