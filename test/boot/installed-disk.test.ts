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
  bootTimeoutMs,
  consoleLog,
  markerFacts,
  testAccel,
} from "./helpers/boot-env.js";
import { buildMarkerRpm } from "./helpers/marker-rpm.js";

/**
 * `levitate install --plan` (the tools issue's end-to-end install) puts a system with a boot
 * loader onto a loop-attached disk image; then that disk alone boots in QEMU under OVMF, to the
 * marker, and the user the plan created exists on the booted system.
 */
describeBoot(
  "installed disk boots",
  [...bootCommands, "losetup", "sfdisk", "mkfs.ext4", "mkfs.fat", "bootctl", "openssl", "useradd"],
  () => {
    let inst: InstalledImage | undefined;

    afterAll(async () => {
      await inst?.cleanup();
    });

    it(
      "installs with a UEFI boot loader, boots alone to the marker, and has the plan's user",
      async () => {
        const repo = await buildDebianBootRepo();
        const rpms = execFileSync("find", [repo.repoDir, "-name", "*.rpm"], { encoding: "utf8" })
          .trim()
          .split("\n");
        const t0 = Date.now();
        inst = await installToImage({
          firmware: "uefi",
          filesystem: "ext4",
          username: "vince",
          noStandInBase: true,
          extraBaseRpms: [...rpms, await buildMarkerRpm()],
        });
        expect(inst.exitCode, `levitate install failed:\n${inst.stderr.slice(-3000)}`).toBe(0);
        const installSeconds = (Date.now() - t0) / 1000;

        // What the installer left on the ESP: systemd-boot, the kernel, the initramfs its %posttrans made.
        const boot = join(inst.target, "boot");
        expect(readdirSync(join(boot, "EFI/BOOT"))).toContain("BOOTX64.EFI");
        expect(readdirSync(boot).filter((f) => /^(vmlinuz|initramfs)-/.test(f))).toHaveLength(2);
        const entryFile = join(boot, "loader/entries/levitate.conf");
        const entry = readFileSync(entryFile, "utf8");
        expect(entry).toMatch(/^options root=UUID=\S+ rw/m);
        // Test-only: kernel messages on the serial port, so a failed boot shows why. The marker
        // itself does not depend on it (the init writes to ttyS0 when the console is elsewhere).
        writeFileSync(entryFile, entry.replace(/^options (.*)$/m, "options $1 console=ttyS0,115200"));
        await inst.detach();

        const r = await bootUntilMarker({
          machine: {
            image: inst.imagePath,
            media: "disk",
            firmware: "uefi",
            accel: testAccel(),
            snapshot: true,
          },
          marker: bootMarker,
          timeoutMs: bootTimeoutMs,
          logFile: consoleLog("installed-disk-uefi"),
        });
        const facts = markerFacts(r.lines);
        expect(facts.firmware).toBe("uefi");
        expect(facts.root).toMatch(/^\/dev\/vda\d+ ext4$/);
        expect(facts.id).toMatch(/^uid=\d+\(vince\) gid=\d+\(\w+\)/);
        process.stderr.write(
          `installed disk: install ${installSeconds.toFixed(1)} s, boot to marker ${(r.elapsedMs / 1000).toFixed(1)} s\n`,
        );
      },
      25 * 60_000,
    );
  },
);
