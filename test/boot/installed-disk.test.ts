import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { bootUntilMarker } from "../../leviso/qemu/boot.js";
import { espList, espRead, espWrite, type InstalledImage, installToImage } from "../e2e/installToImage.js";
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

/** Test-only: kernel messages on the serial port, so a failed boot shows why (the marker does not need it). */
const withSerialConsole = (text: string) => text.replace(/(root=UUID=\S+ rw)/, "$1 console=ttyS0,115200");

/**
 * `levitate install --plan` (the tools issue's end-to-end install) puts a system with a boot
 * loader onto a loop-attached disk image; then that disk alone boots in QEMU, to the marker, and
 * the user the plan created exists on the booted system. UEFI: systemd-boot under OVMF, the ESP
 * filled with mtools (this kernel cannot mount vfat; the installer never mounts it). BIOS: GRUB in
 * the MBR gap under SeaBIOS.
 */
describeBoot(
  "installed disk boots",
  [
    ...bootCommands,
    "losetup",
    "sfdisk",
    "mkfs.ext4",
    "mkfs.vfat",
    "mcopy",
    "mdir",
    "grub-install",
    "openssl",
    "useradd",
  ],
  () => {
    const installs: InstalledImage[] = [];

    // Each test cleans up its own install; this catches a test that died between the two.
    afterAll(async () => {
      for (const inst of installs) await inst.cleanup();
    }, 120_000);

    async function installAndBoot(firmware: "uefi" | "bios"): Promise<void> {
      const repo = await buildDebianBootRepo();
      const rpms = execFileSync("find", [repo.repoDir, "-name", "*.rpm"], { encoding: "utf8" })
        .trim()
        .split("\n");
      const t0 = Date.now();
      const inst = await installToImage({
        firmware,
        filesystem: "ext4",
        username: "vince",
        noStandInBase: true,
        extraBaseRpms: [...rpms, await buildMarkerRpm()],
      });
      installs.push(inst);
      try {
        expect(
          inst.exitCode,
          `levitate install failed:\n${inst.stdout.slice(-3000)}\n${inst.stderr.slice(-3000)}`,
        ).toBe(0);
        const installSeconds = (Date.now() - t0) / 1000;

        // The kernel and the initramfs its %posttrans made, in the target's /boot (root filesystem on UEFI).
        const boot = join(inst.target, "boot");
        const kernelFiles = readdirSync(boot).filter((f) => /^(vmlinuz|initramfs)-/.test(f));
        expect(kernelFiles).toHaveLength(2);
        const rootUuid = execFileSync(
          "blkid",
          ["-c", "/dev/null", "-s", "UUID", "-o", "value", `${inst.loopDevice}p2`],
          { encoding: "utf8" },
        ).trim();

        if (firmware === "uefi") {
          // Read from outside with mtools: the ESP was never mounted.
          const esp = `${inst.loopDevice}p1`;
          const files = espList(esp);
          expect(files).toContain("::/EFI/BOOT/BOOTX64.EFI");
          for (const f of kernelFiles) expect(files).toContain(`::/levitate/${f}`);
          const entryPath = "::/loader/entries/levitate.conf";
          const entry = espRead(esp, entryPath).toString();
          expect(entry).toContain(`options root=UUID=${rootUuid} rw`);
          espWrite(esp, entryPath, withSerialConsole(entry));
          expect(espRead(esp, entryPath).toString()).toContain("console=ttyS0,115200");
        } else {
          const menu = join(boot, "grub/grub.cfg");
          const text = readFileSync(menu, "utf8");
          expect(text).toContain(`root=UUID=${rootUuid} rw`);
          writeFileSync(menu, withSerialConsole(text));
        }
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
        expect(facts.root).toMatch(/^\/dev\/vda2 ext4$/);
        expect(facts.id).toMatch(/^uid=1000\(vince\) gid=\d+\(\w+\)/);
        // systemd-boot read the entry on the ESP: it names the initrd on the kernel command line.
        if (firmware === "uefi")
          expect(facts.cmdline).toMatch(/^initrd=\\levitate\\initramfs-\S+ root=UUID=/);
        process.stderr.write(
          `installed disk (${firmware}): install ${installSeconds.toFixed(1)} s, boot to marker ${(r.elapsedMs / 1000).toFixed(1)} s\n`,
        );
      } finally {
        await inst.cleanup();
      }
    }

    it(
      "UEFI: installs with systemd-boot on an ESP it never mounts, boots alone under OVMF to the marker, and has the plan's user",
      () => installAndBoot("uefi"),
      bootTestTimeoutMs + 15 * 60_000,
    );

    it(
      "BIOS: installs with GRUB in the MBR gap, boots alone under SeaBIOS to the marker, and has the plan's user",
      () => installAndBoot("bios"),
      bootTestTimeoutMs + 15 * 60_000,
    );
  },
);
