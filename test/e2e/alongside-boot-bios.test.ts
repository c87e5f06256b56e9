import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { bootUntilMarker } from "../../leviso/qemu/boot.js";
import {
  bootCommands,
  bootMarker,
  bootOneAtATime,
  bootTestTimeoutMs,
  bootTimeoutMs,
  consoleLog,
  markerFacts,
  testAccel,
} from "../boot/helpers/boot-env.js";
import { buildMarkerRpm } from "../boot/helpers/marker-rpm.js";
import { buildDebianBootRepo } from "../fixtures-build/debian-boot-rpms.js";
import { describeBoot } from "../helpers/env.js";
import { biosLinuxImageBytes, buildBiosLinuxImage, OLD_LINUX_NAME, sha256Device } from "./alongsideImages.js";
import { type InstalledImage, installToImage } from "./installToImage.js";

/**
 * Test-only: GRUB draws its menu on the serial port too (SeaBIOS shows it on VGA only), and the
 * kernel logs there, so the test reads both from the console log.
 */
function withSerial(cfg: string): string {
  const serial = [
    "serial --unit=0 --speed=115200",
    "terminal_input serial console",
    "terminal_output serial console",
    "",
  ].join("\n");
  return serial + cfg.replace(/(root=UUID=\S+ rw)/g, "$1 console=ttyS0,115200");
}

/**
 * Installed next to an old Linux on a GPT disk with BIOS (issue 15): the new partitions in the
 * free space (a 1 MiB BIOS boot partition for GRUB's core, /boot, root), GRUB i386-pc in the
 * protective MBR; the disk then boots alone under SeaBIOS with the real kernel of the boot tests
 * (test/boot/installed-disk.test.ts's machinery) to the marker, GRUB's menu on the serial console
 * lists the new system and the old Linux, and the old Linux's partition keeps its sha256.
 * One install and one TCG boot.
 */
describeBoot(
  "installed alongside an old Linux on a GPT disk boots with BIOS",
  [
    ...bootCommands,
    "losetup",
    "sfdisk",
    "partx",
    "mkfs.ext4",
    "debugfs",
    "grub-install",
    "openssl",
    "useradd",
  ],
  () => {
    let inst: InstalledImage | undefined;
    afterAll(async () => inst?.cleanup(), 120_000);

    it(
      "GRUB in the BIOS boot partition boots the new system; its menu lists the old Linux",
      async () => {
        const repo = await buildDebianBootRepo();
        const rpms = execFileSync("find", [repo.repoDir, "-name", "*.rpm"], { encoding: "utf8" })
          .trim()
          .split("\n");
        let before = "";
        const t0 = Date.now();
        inst = await installToImage({
          firmware: "bios",
          filesystem: "ext4",
          imageBytes: biosLinuxImageBytes("gpt"),
          prepareImage: (p) => {
            buildBiosLinuxImage(p, "gpt");
            const l = execFileSync("losetup", ["--find", "--show", "--partscan", "--read-only", p], {
              encoding: "utf8",
            }).trim();
            try {
              execFileSync("partx", ["--update", l]);
              before = sha256Device(`${l}p1`);
            } finally {
              execFileSync("losetup", ["-d", l]);
            }
          },
          probeFacts: true,
          partitionArgs: { use: "free" },
          noStandInBase: true,
          extraBaseRpms: [...rpms, await buildMarkerRpm()],
        });
        expect(
          inst.exitCode,
          `levitate install failed:\n${inst.stdout.slice(-3000)}\n${inst.stderr.slice(-3000)}`,
        ).toBe(0);
        const installSeconds = (Date.now() - t0) / 1000;
        expect(sha256Device(`${inst.loopDevice}p1`)).toBe(before);

        const menu = join(inst.target, "boot/grub/grub.cfg");
        const cfg = readFileSync(menu, "utf8");
        expect([...cfg.matchAll(/^menuentry '([^']+)'/gm)].map((m) => m[1])).toEqual([
          expect.stringMatching(/LevitateOS/),
          OLD_LINUX_NAME,
        ]);
        writeFileSync(menu, withSerial(cfg));
        await inst.detach();

        const seen: string[] = [];
        const r = await bootOneAtATime(() =>
          bootUntilMarker({
            machine: {
              image: inst?.imagePath as string,
              media: "disk",
              firmware: "bios",
              accel: testAccel(),
              snapshot: true,
            },
            marker: bootMarker,
            timeoutMs: bootTimeoutMs,
            logFile: consoleLog("alongside-linux-bios-gpt"),
            onLine: (l) => seen.push(l),
          }),
        );
        const facts = markerFacts(r.lines);
        expect(facts.firmware).toBe("bios");
        // The old Linux is p1, the BIOS boot partition p2, /boot p3: the new root is p4.
        expect(facts.root).toMatch(/^\/dev\/vda4 ext4$/);
        // GRUB drew its menu on the serial console: the new system and the old Linux.
        const consoleText = seen.join("\n");
        // (dracut's own line says "Debian GNU/Linux-12": only GRUB's menu has the full name)
        expect(consoleText).toMatch(/LevitateOS\s+Debian GNU\/Linux 12 \(bookworm\)/);
        process.stderr.write(
          `installed alongside an old Linux (bios, gpt): install ${installSeconds.toFixed(1)} s, boot to marker ${(r.elapsedMs / 1000).toFixed(1)} s\n`,
        );
      },
      bootTestTimeoutMs + 15 * 60_000,
    );
  },
);
