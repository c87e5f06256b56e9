import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { bootUntilMarker } from "../../leviso/qemu/boot.js";
import { type InstalledImage, installToImage } from "../e2e/installToImage.js";
import { buildDebianBootRepo } from "../fixtures-build/debian-boot-rpms.js";
import { describeBoot } from "../helpers/env.js";
import {
  bootCommands,
  bootMarker,
  bootOneAtATime,
  bootTestTimeoutMs,
  bootTimeoutMs,
  consoleLog,
  markerFacts,
  testAccel,
} from "./helpers/boot-env.js";
import { buildMarkerRpm } from "./helpers/marker-rpm.js";

/**
 * Whether this kernel can mount the EFI system partition. The development VM's kernel has no
 * vfat (and no modules to load), so the installer cannot mount an ESP there; then the test
 * installs for BIOS (GRUB in the MBR gap) and boots under SeaBIOS instead, and says so.
 */
function hostMountsVfat(): boolean {
  if (readFileSync("/proc/filesystems", "utf8").includes("\tvfat\n")) return true;
  try {
    execFileSync("modprobe", ["-q", "vfat"], { stdio: "ignore" });
    return readFileSync("/proc/filesystems", "utf8").includes("\tvfat\n");
  } catch {
    return false;
  }
}

/**
 * `levitate install --plan` (the tools issue's end-to-end install) puts a system with a boot
 * loader onto a loop-attached disk image; then that disk alone boots in QEMU under OVMF, to the
 * marker, and the user the plan created exists on the booted system.
 */
describeBoot(
  "installed disk boots",
  [
    ...bootCommands,
    "losetup",
    "sfdisk",
    "mkfs.ext4",
    "mkfs.fat",
    "bootctl",
    "grub-install",
    "openssl",
    "useradd",
  ],
  () => {
    let inst: InstalledImage | undefined;

    afterAll(async () => {
      await inst?.cleanup();
    });

    const firmware = hostMountsVfat() ? "uefi" : "bios";

    it(
      `installs with a ${firmware === "uefi" ? "UEFI (systemd-boot)" : "BIOS (GRUB; this kernel cannot mount vfat, so no ESP)"} boot loader, boots alone to the marker, and has the plan's user`,
      async () => {
        if (firmware === "bios")
          process.stderr.write(
            "installed disk: the host kernel cannot mount vfat: installing and booting for BIOS instead of UEFI\n",
          );
        const repo = await buildDebianBootRepo();
        const rpms = execFileSync("find", [repo.repoDir, "-name", "*.rpm"], { encoding: "utf8" })
          .trim()
          .split("\n");
        const t0 = Date.now();
        inst = await installToImage({
          firmware,
          filesystem: "ext4",
          username: "vince",
          noStandInBase: true,
          extraBaseRpms: [...rpms, await buildMarkerRpm()],
        });
        expect(inst.exitCode, `levitate install failed:\n${inst.stderr.slice(-3000)}`).toBe(0);
        const installSeconds = (Date.now() - t0) / 1000;

        // What the installer left in /boot: the kernel and the initramfs its %posttrans made,
        // and the boot loader's menu.
        const boot = join(inst.target, "boot");
        expect(readdirSync(boot).filter((f) => /^(vmlinuz|initramfs)-/.test(f))).toHaveLength(2);
        const menu =
          firmware === "uefi" ? join(boot, "loader/entries/levitate.conf") : join(boot, "grub/grub.cfg");
        if (firmware === "uefi") expect(readdirSync(join(boot, "EFI/BOOT"))).toContain("BOOTX64.EFI");
        const text = readFileSync(menu, "utf8");
        expect(text).toMatch(/root=UUID=\S+ rw/);
        // Test-only: kernel messages on the serial port, so a failed boot shows why. The marker
        // itself does not depend on it (the init writes to ttyS0 when the console is elsewhere).
        writeFileSync(menu, text.replace(/(root=UUID=\S+ rw)/, "$1 console=ttyS0,115200"));
        await inst.detach();
        const image = inst.imagePath;

        const r = await bootOneAtATime(() =>
          bootUntilMarker({
            machine: { image, media: "disk", firmware, accel: testAccel(), snapshot: true },
            marker: bootMarker,
            timeoutMs: bootTimeoutMs,
            logFile: consoleLog(`installed-disk-${firmware}`),
          }),
        );
        const facts = markerFacts(r.lines);
        expect(facts.firmware).toBe(firmware);
        expect(facts.root).toMatch(/^\/dev\/vda\d+ ext4$/);
        expect(facts.id).toMatch(/^uid=\d+\(vince\) gid=\d+\(\w+\)/);
        process.stderr.write(
          `installed disk (${firmware}): install ${installSeconds.toFixed(1)} s, boot to marker ${(r.elapsedMs / 1000).toFixed(1)} s\n`,
        );
      },
      bootTestTimeoutMs + 15 * 60_000,
    );
  },
);
