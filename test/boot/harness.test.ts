import { expect, it } from "vitest";
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
import { buildHandBuiltLive, smokeLabel } from "./helpers/hand-built-live.js";

/**
 * The harness on its own, before leviso is involved: a Debian kernel and a dracut dmsquash-live
 * initramfs, built by hand from the wrapped RPMs, boot a squashfs on an ISO 9660 CD to the marker.
 * If this fails, the boot tests' plumbing is broken; if only the leviso tests fail, leviso is.
 */
describeBoot(
  "boot harness smoke test (direct kernel boot of a hand-built live CD)",
  ["dracut", ...bootCommands],
  () => {
    it(
      "reaches the marker through dmsquash-live and switch_root",
      async () => {
        const live = await buildHandBuiltLive();
        const r = await bootOneAtATime(() =>
          bootUntilMarker({
            machine: {
              image: live.iso,
              media: "cdrom",
              firmware: "bios",
              accel: testAccel(),
              direct: { kernel: live.kernel, initrd: live.initrd, append: live.append },
            },
            marker: bootMarker,
            timeoutMs: bootTimeoutMs,
            logFile: consoleLog("harness-smoke"),
          }),
        );
        const facts = markerFacts(r.lines);
        expect(facts.root).toBe("LiveOS_rootfs overlay");
        expect(facts.cmdline).toContain(`CDLABEL=${smokeLabel}`);
        expect(facts.firmware).toBe("bios");
        process.stderr.write(
          `harness smoke: marker after ${(r.elapsedMs / 1000).toFixed(1)} s (guest uptime ${r.groups[0]} s)\n`,
        );
      },
      bootTestTimeoutMs + 5 * 60_000,
    );
  },
);
