import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootUntilMarker } from "../../leviso/qemu/boot.js";
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
import { type LevisoReport, levisoBuildBootIso } from "./helpers/leviso-build.js";

/**
 * The ISO that `leviso build` makes from the boot profile boots, twice: as a CD under SeaBIOS
 * (El Torito, GRUB for BIOS) and as a USB stick under OVMF (the hybrid image's GPT/ESP, GRUB
 * for UEFI). Each boot must reach the marker that the profile's init prints at the end of boot.
 */
describeBoot("leviso-built ISO boots in QEMU", [...bootCommands, "mkfs.fat", "mcopy", "unshare"], () => {
  let outDir = "";
  let report: LevisoReport;

  beforeAll(async () => {
    const built = await levisoBuildBootIso();
    outDir = built.outDir;
    report = built.report;
    process.stderr.write(
      `leviso build: ${report.totalSeconds.toFixed(1)} s, ISO ${(report.isoBytes / 2 ** 20).toFixed(1)} MiB\n`,
    );
  }, 20 * 60_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it(
    "boots as a CD under SeaBIOS",
    async () => {
      const r = await bootOneAtATime(() =>
        bootUntilMarker({
          machine: { image: report.iso, media: "cdrom", firmware: "bios", accel: testAccel() },
          marker: bootMarker,
          timeoutMs: bootTimeoutMs,
          logFile: consoleLog("iso-cdrom-bios"),
        }),
      );
      const facts = markerFacts(r.lines);
      expect(facts.firmware).toBe("bios");
      expect(facts.root).toBe("LiveOS_rootfs overlay");
      expect(facts.cmdline).toContain(`CDLABEL=${report.label}`);
      process.stderr.write(`ISO as CD, SeaBIOS: marker after ${(r.elapsedMs / 1000).toFixed(1)} s\n`);
    },
    bootTestTimeoutMs,
  );

  it(
    "boots as a USB disk under OVMF UEFI",
    async () => {
      const r = await bootOneAtATime(() =>
        bootUntilMarker({
          machine: { image: report.iso, media: "usb", firmware: "uefi", accel: testAccel(), snapshot: true },
          marker: bootMarker,
          timeoutMs: bootTimeoutMs,
          logFile: consoleLog("iso-usb-uefi"),
        }),
      );
      const facts = markerFacts(r.lines);
      expect(facts.firmware).toBe("uefi");
      expect(facts.root).toBe("LiveOS_rootfs overlay");
      process.stderr.write(`ISO as USB disk, OVMF: marker after ${(r.elapsedMs / 1000).toFixed(1)} s\n`);
    },
    bootTestTimeoutMs,
  );
});
