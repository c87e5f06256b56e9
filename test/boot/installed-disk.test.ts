import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { LIVE_CMDLINE_ENV } from "../../leviso/disk/liveConsole.js";
import { bootUntilMarker } from "../../leviso/qemu/boot.js";
import { espList, espRead, type InstalledImage, installToImage } from "../e2e/installToImage.js";
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
 * The live system's command line the installer reads its consoles from (as on an ISO booted over
 * a serial line): the installed system must boot with the same ones, the last (ttyS0) being
 * /dev/console, where the marker and the kernel's messages appear.
 */
const LIVE_CMDLINE =
  "BOOT_IMAGE=/boot/vmlinuz root=live:CDLABEL=LEVITATE rd.live.image console=tty0 console=ttyS0,115200";
const CONSOLES = "console=tty0 console=ttyS0,115200";

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
        env: { [LIVE_CMDLINE_ENV]: LIVE_CMDLINE },
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
          expect(entry).toContain(`options root=UUID=${rootUuid} rw ${CONSOLES}\n`);
          expect(readFileSync(join(inst.target, "etc/kernel/cmdline"), "utf8")).toBe(
            `root=UUID=${rootUuid} rw ${CONSOLES}\n`,
          );
        } else {
          for (const m of ["grub/grub.cfg", "grub2/grub.cfg"])
            expect(readFileSync(join(boot, m), "utf8")).toMatch(
              new RegExp(`^  linux /vmlinuz-\\S+ root=UUID=${rootUuid} rw ${CONSOLES}$`, "m"),
            );
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
        // The booted kernel's own command line has the live system's consoles, in their order.
        expect(facts.cmdline).toMatch(new RegExp(`root=UUID=${rootUuid} rw ${CONSOLES}$`));
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
