import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { bootUntilMarker } from "../../leviso/qemu/boot.js";
import { defaultFatalPatterns } from "../../leviso/qemu/console.js";
import {
  espList,
  espRead,
  espWrite,
  HOST_SYSTEMD_BOOT,
  type InstalledImage,
  installToImage,
} from "../e2e/installToImage.js";
import { buildDebianBootRepo, rockyPlacements } from "../fixtures-build/debian-boot-rpms.js";
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
 * Debian's OVMF with Microsoft's keys enrolled and Secure Boot on (`.ms.fd`: PK/KEK from
 * Microsoft, db with Microsoft's UEFI CA, which signed Debian's shim). The code links to the
 * Secure Boot build, which needs SMM (the `secureBoot` machine option).
 */
const OVMF_MS = { code: "/usr/share/OVMF/OVMF_CODE_4M.ms.fd", vars: "/usr/share/OVMF/OVMF_VARS_4M.ms.fd" };

/** What the firmware, shim and GRUB print when a signature check refuses an image. */
const secureBootRefusals = [
  /Security Violation/i,
  /Access Denied/,
  /bad shim signature/i,
  /prohibited by secure boot policy/i,
  /you need to load the kernel first/i,
];

const withSerialConsole = (text: string) => text.replace(/(root=UUID=\S+ rw)/, "$1 console=ttyS0,115200");

/**
 * The installer's default UEFI chain, shim → GRUB (Rocky's layout on the ESP), boots with Secure
 * Boot ON: `levitate install --plan` onto a loop image with the wrapped Debian RPMs (signed shim,
 * signed GRUB, signed kernel; test/fixtures-build/debian-boot-rpms.ts), then the disk alone under
 * OVMF with Microsoft's keys; the booted system reads its SecureBoot variable and mokutil. Then
 * the control: the same disk with an unsigned loader (systemd-boot) at the fallback path is
 * refused by the same firmware.
 */
describeBoot(
  "Secure Boot: shim → GRUB → kernel",
  [...bootCommands, "losetup", "sfdisk", "mkfs.ext4", "mkfs.vfat", "mcopy", "mdir", "openssl", "useradd"],
  () => {
    const installs: InstalledImage[] = [];
    afterAll(async () => {
      for (const inst of installs) await inst.cleanup();
    }, 120_000);

    it(
      "installs shim and GRUB in EFI/rocky and at the fallback path; the disk boots under OVMF with Microsoft's keys and Secure Boot is on in the booted system",
      async () => {
        for (const f of [OVMF_MS.code, OVMF_MS.vars])
          expect(existsSync(f), `${f} is missing: apt-get install ovmf (.ci/apt-packages.txt)`).toBe(true);
        const repo = await buildDebianBootRepo();
        const rpms = execFileSync("find", [repo.repoDir, "-name", "*.rpm"], { encoding: "utf8" })
          .trim()
          .split("\n");
        const t0 = Date.now();
        const inst = await installToImage({
          firmware: "uefi",
          bootloader: "grub",
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
          const esp = `${inst.loopDevice}p1`;
          const blkid = (dev: string) =>
            execFileSync("blkid", ["-c", "/dev/null", "-s", "UUID", "-o", "value", dev], {
              encoding: "utf8",
            }).trim();

          // Rocky's layout, read from outside with mtools (the installer never mounted the ESP).
          const files = espList(esp);
          for (const f of [
            "::/EFI/rocky/shimx64.efi",
            "::/EFI/rocky/grubx64.efi",
            "::/EFI/rocky/grub.cfg",
            "::/EFI/BOOT/BOOTX64.EFI",
            "::/EFI/BOOT/grubx64.efi",
            "::/EFI/BOOT/grub.cfg",
          ])
            expect(files).toContain(f);
          expect(files.some((f) => f.startsWith("::/EFI/systemd") || f.startsWith("::/loader"))).toBe(false);
          // Rocky's layout: the kernels and the menu stay in /boot on the root filesystem.
          expect(files.some((f) => f.startsWith("::/levitate") || f.startsWith("::/grub2"))).toBe(false);
          const kernels = readdirSync(join(inst.target, "boot")).filter((f) =>
            /^(vmlinuz|initramfs)-/.test(f),
          );
          expect(kernels).toHaveLength(2);
          // Byte for byte the signed binaries: shim at both paths, GRUB beside each.
          const [shim, grub] = [
            rockyPlacements["shim-signed"]?.[0],
            rockyPlacements["grub-efi-amd64-signed"]?.[0],
          ];
          if (!shim || !grub) throw new Error("rockyPlacements lost shim or grub");
          const signedShim = readFileSync(shim.from);
          const signedGrub = readFileSync(grub.from);
          expect(espRead(esp, "::/EFI/BOOT/BOOTX64.EFI").equals(signedShim)).toBe(true);
          expect(espRead(esp, "::/EFI/rocky/shimx64.efi").equals(signedShim)).toBe(true);
          expect(espRead(esp, "::/EFI/BOOT/grubx64.efi").equals(signedGrub)).toBe(true);
          expect(espRead(esp, "::/EFI/rocky/grubx64.efi").equals(signedGrub)).toBe(true);
          // The stub finds the root filesystem by its real UUID and loads /boot/grub2/grub.cfg
          // there; the menu (the kernel-install plugin's) names the root by its real UUID.
          const rootUuid = blkid(`${inst.loopDevice}p2`);
          expect(espRead(esp, "::/EFI/rocky/grub.cfg").toString()).toContain(
            `search --no-floppy --fs-uuid --set=root ${rootUuid}`,
          );
          const menuPath = join(inst.target, "boot/grub2/grub.cfg");
          const menu = readFileSync(menuPath, "utf8");
          expect(menu).toContain(`root=UUID=${rootUuid} rw`);
          expect(menu).toMatch(/linux \/boot\/vmlinuz-\S+ root=/);
          // Test-only: kernel messages on the serial port (test/boot/README.md, shortcut 5).
          writeFileSync(menuPath, withSerialConsole(menu));
          await inst.detach();

          const r = await bootOneAtATime(() =>
            bootUntilMarker({
              machine: {
                image: inst.imagePath,
                media: "disk",
                firmware: "uefi",
                ovmfCode: OVMF_MS.code,
                ovmfVars: OVMF_MS.vars,
                secureBoot: true,
                accel: testAccel(),
                snapshot: true,
              },
              marker: bootMarker,
              timeoutMs: bootTimeoutMs,
              fatal: [...defaultFatalPatterns, ...secureBootRefusals],
              logFile: consoleLog("secureboot-uefi"),
            }),
          );
          const facts = markerFacts(r.lines);
          expect(facts.firmware).toBe("uefi");
          // The SecureBoot variable's last byte, read in the booted system through efivarfs.
          expect(facts.secureboot).toBe("1");
          expect(facts.mokutil).toBe("SecureBoot enabled");
          // The kernel saw it too (EFI stub → boot_params), so lockdown applies.
          expect(r.lines.some((l) => /Secure boot enabled/.test(l))).toBe(true);
          expect(facts.root).toMatch(/^\/dev\/vda2 ext4$/);
          expect(facts.id).toMatch(/^uid=1000\(vince\) gid=\d+\(\w+\)/);

          // The control: the same disk with an unsigned loader at the fallback path (the host's
          // systemd-boot) is refused by this firmware, so the boot above passed because the
          // chain is signed, not because nothing was checked.
          // mtools at the ESP's byte offset in the image (`IMAGE@@OFFSET`): no loop device.
          const table = JSON.parse(execFileSync("sfdisk", ["-J", inst.imagePath], { encoding: "utf8" })) as {
            partitiontable: { sectorsize?: number; partitions: { start: number }[] };
          };
          const espStart = table.partitiontable.partitions[0]?.start ?? 0;
          const espAt = `${inst.imagePath}@@${espStart * (table.partitiontable.sectorsize ?? 512)}`;
          espWrite(espAt, "::/EFI/BOOT/BOOTX64.EFI", readFileSync(HOST_SYSTEMD_BOOT));
          expect(espRead(espAt, "::/EFI/BOOT/BOOTX64.EFI").equals(readFileSync(HOST_SYSTEMD_BOOT))).toBe(
            true,
          );
          const refused = await bootOneAtATime(() =>
            bootUntilMarker({
              machine: {
                image: inst.imagePath,
                media: "disk",
                firmware: "uefi",
                ovmfCode: OVMF_MS.code,
                ovmfVars: OVMF_MS.vars,
                secureBoot: true,
                accel: testAccel(),
                snapshot: true,
              },
              marker: /Access Denied|Security Violation/,
              timeoutMs: 4 * 60_000,
              fatal: [/systemd-boot/i, /Welcome to GRUB/, bootMarker],
              logFile: consoleLog("secureboot-unsigned-refused"),
            }),
          );
          expect(refused.lines.join("\n")).toMatch(/Boot0001.*(Access Denied|Security Violation)/);
          process.stderr.write(
            `secure boot disk: install ${installSeconds.toFixed(1)} s, boot to marker ${(r.elapsedMs / 1000).toFixed(1)} s, unsigned loader refused after ${(refused.elapsedMs / 1000).toFixed(1)} s\n`,
          );
        } finally {
          await inst.cleanup();
        }
      },
      bootTestTimeoutMs + 15 * 60_000,
    );
  },
);
