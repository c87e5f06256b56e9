import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeRoot } from "../helpers/env.js";
import { expectCompleteInstall } from "./completeInstall.js";
import { type FaultRig, makeFaultRig, startAndWaitForPackages } from "./faultRig.js";

/**
 * Issue 17's power cut, as close as loop devices come to it: the installer killed (SIGKILL to its
 * process group) while rpm runs the base system's %post, and then the disk as a power cut leaves
 * it: only what reached the disk, never synced nor unmounted (rig.powerCut: the image copied as
 * the loop device had written it, the dead mounts abandoned with the old file). install-faults'
 * power-cut test instead unmounts cleanly, which writes everything back first.
 *
 * Not a QEMU test: here the cut lands in %post on purpose and the disk is inspected in detail, in
 * seconds. The chain test's run 1 (test/boot/chain.test.ts, stage power-cut) cuts a real install
 * in QEMU too: the live ISO's unattended install SIGKILLed during rpm's transaction, then the
 * same plan installs on that disk and the system boots and logs in.
 */
const COMMANDS = [
  "losetup",
  "lsblk",
  "sfdisk",
  "partx",
  "wipefs",
  "mkfs.ext4",
  "dumpe2fs",
  "blkid",
  "useradd",
  "chpasswd",
  "visudo",
  "rpm",
  "rpmbuild",
  "grub-install",
  "openssl",
  "cp",
];

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

const ext4Features = (dev: string) =>
  (/^Filesystem features:\s+(.*)$/m.exec(sh("dumpe2fs", ["-h", dev]))?.[1] ?? "").split(/\s+/);

async function waitForNode(path: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`${path} did not appear`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeRoot(
  "faults: a power cut while packages install (no sync, no unmount), then a new install",
  COMMANDS,
  () => {
    let rig: FaultRig;
    beforeAll(async () => {
      rig = await makeFaultRig("powercut-hard");
    }, 120_000);
    afterAll(async () => {
      await rig?.cleanup();
    }, 60_000);

    it("the disk keeps a root filesystem that was never unmounted; the same plan on it installs a complete system", async () => {
      rig.attach();
      const t0 = Date.now();
      const run = await startAndWaitForPackages(rig);
      process.kill(-(run.child.pid as number), "SIGKILL");
      expect(await run.ended).toEqual({ signal: "SIGKILL" });
      rig.powerCut();
      const cutMs = Date.now() - t0;

      // The machine comes back: the same disk, a new device, the dead install's table on it, and
      // its root as a power cut leaves ext4: still marked in use, its journal to replay.
      const loop = rig.attach();
      expect(rig.mountsLeft()).toEqual([]);
      const table = sh("sfdisk", ["--dump", loop]);
      // A loop device's own partition scan misses a table now and then right after a detach; partx
      // adds what the kernel lacks (the installer does the same).
      sh("partx", ["--update", loop]);
      await waitForNode(`${loop}p2`);
      expect(table.match(/^\/dev\/\S+p\d+ :/gm)).toHaveLength(2);
      // (a clean unmount, install-faults' reboot, clears the flag)
      for (const p of [1, 2])
        expect(ext4Features(`${loop}p${p}`), `${loop}p${p}`).toContain("needs_recovery");

      const t1 = Date.now();
      const again = rig.start();
      const end = await again.ended;
      const out = again.output();
      expect(end, out).toEqual({ exitCode: 0 });
      expectCompleteInstall(rig, loop, out);
      process.stderr.write(
        `power cut: killed in %post and cut after ${(cutMs / 1000).toFixed(1)} s; the new install took ${((Date.now() - t1) / 1000).toFixed(1)} s\n`,
      );
    }, 600_000);
  },
);
