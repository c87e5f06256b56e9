import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
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
import { buildImage, ESP_FILES, sha256FatFiles, WINDOWS } from "./alongsideImages.js";
import { espList, espRead, espWrite, type InstalledImage, installToImage } from "./installToImage.js";

/** Test-only: kernel messages on the serial port (as test/boot/installed-disk.test.ts does). */
const withSerialConsole = (text: string) => text.replace(/(root=UUID=\S+ rw)/, "$1 console=ttyS0,115200");

/**
 * Installed next to Windows, the disk boots (issue 15): the Windows 11-shaped image
 * (alongsideImages.ts) gets LevitateOS in its free space with the real kernel of the boot tests
 * (test/boot/installed-disk.test.ts's machinery: the wrapped Debian repository and the marker
 * init), then boots alone under OVMF. systemd-boot on the shared ESP lists Windows Boot Manager
 * (its entry file, and the menu it draws on the serial console) and boots the new system first;
 * Windows' files on the ESP are unchanged. One install and one TCG boot.
 */
describeBoot(
  "installed alongside Windows boots",
  [
    ...bootCommands,
    "losetup",
    "sfdisk",
    "mkfs.ext4",
    "mkfs.vfat",
    "mcopy",
    "mdir",
    "mkfs.ntfs",
    "ntfs-3g",
    "ntfsls",
    "openssl",
    "useradd",
  ],
  () => {
    let inst: InstalledImage | undefined;
    afterAll(async () => inst?.cleanup(), 120_000);

    it(
      "boots the new system from the shared ESP, with Windows Boot Manager in systemd-boot's menu",
      async () => {
        const repo = await buildDebianBootRepo();
        const rpms = execFileSync("find", [repo.repoDir, "-name", "*.rpm"], { encoding: "utf8" })
          .trim()
          .split("\n");
        const t0 = Date.now();
        inst = await installToImage({
          firmware: "uefi",
          filesystem: "ext4",
          imageBytes: WINDOWS.bytes,
          prepareImage: (p) => buildImage(p, WINDOWS),
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

        const esp = `${inst.loopDevice}p1`;
        const files = espList(esp);
        expect(files).toContain("::/EFI/Microsoft/Boot/bootmgfw.efi");
        expect(espRead(esp, "::/loader/entries/alt-windows-boot-manager.conf").toString()).toContain(
          "title Windows Boot Manager\nefi /EFI/Microsoft/Boot/bootmgfw.efi\n",
        );
        const windowsFiles = sha256FatFiles(esp);
        const entryPath = "::/loader/entries/levitate.conf";
        espWrite(esp, entryPath, withSerialConsole(espRead(esp, entryPath).toString()));
        await inst.detach();

        const seen: string[] = [];
        const r = await bootOneAtATime(() =>
          bootUntilMarker({
            machine: {
              image: inst?.imagePath as string,
              media: "disk",
              firmware: "uefi",
              accel: testAccel(),
              snapshot: true,
            },
            marker: bootMarker,
            timeoutMs: bootTimeoutMs,
            logFile: consoleLog("alongside-windows-uefi"),
            onLine: (l) => seen.push(l),
          }),
        );
        const facts = markerFacts(r.lines);
        expect(facts.firmware).toBe("uefi");
        // The new root is partition 5, after Windows' four.
        expect(facts.root).toMatch(/^\/dev\/vda5 ext4$/);
        expect(facts.cmdline).toMatch(/^initrd=\\levitate\\initramfs-\S+ root=UUID=/);
        // systemd-boot drew its menu on the serial console (OVMF's ConOut): both entries, in order.
        const consoleText = seen.join("\n");
        // The new system first (it booted by default), Windows Boot Manager after it.
        expect(consoleText).toMatch(/LevitateOS\s+Windows Boot Manager/);
        // Windows' files on the ESP are the ones the image was built with, byte for byte.
        for (const [f, content] of Object.entries(ESP_FILES.windows))
          expect(windowsFiles[f], f).toBe(createHash("sha256").update(content).digest("hex"));
        process.stderr.write(
          `installed alongside Windows (uefi): install ${installSeconds.toFixed(1)} s, boot to marker ${(r.elapsedMs / 1000).toFixed(1)} s\n`,
        );
      },
      bootTestTimeoutMs + 15 * 60_000,
    );
  },
);
