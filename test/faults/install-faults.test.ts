import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TEST_PAUSE_ENV } from "../../steps/execute.js";
import { imageFingerprint } from "../e2e/installToImage.js";
import { describeRoot } from "../helpers/env.js";
import { expectCompleteInstall } from "./completeInstall.js";
import { type FaultRig, makeFaultRig, sha256File, startAndWaitForPackages } from "./faultRig.js";

/**
 * Issue 17, "Bad input and faults": the real installer CLI on loop devices, made to fail the ways
 * a machine does. The disk pulled out after the plan was confirmed; the power cut while packages
 * install, then the same plan again on the same disk; Ctrl-C in the same place.
 */
const COMMANDS = [
  "losetup",
  "lsblk",
  "sfdisk",
  "partx",
  "wipefs",
  "mkfs.ext4",
  "blkid",
  "useradd",
  "chpasswd",
  "visudo",
  "rpm",
  "rpmbuild",
  "grub-install",
  "openssl",
  "mkfifo",
];

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

describeRoot("faults: the target disk removed after confirmation", COMMANDS, () => {
  let rig: FaultRig;
  let bystander = "";
  let bystanderLoop = "";
  beforeAll(async () => {
    rig = await makeFaultRig("removed");
    // Another disk on the same machine: nothing may be written to it.
    bystander = join(rig.workDir, "other.img");
    writeFileSync(bystander, Buffer.alloc(16 * 1024 ** 2, 0x5a));
    execFileSync("sfdisk", ["-q", bystander], { input: "label: dos\ntype=83\n" });
    bystanderLoop = sh("losetup", ["--find", "--show", bystander]);
  }, 120_000);
  afterAll(async () => {
    if (bystanderLoop) execFileSync("losetup", ["-d", bystanderLoop], { stdio: "ignore" });
    await rig?.cleanup();
  }, 60_000);

  /** Starts the install paused at `at`, detaches the disk there, lets it go on; what it said. */
  async function removeAt(at: string | undefined) {
    const loop = rig.attach();
    const fifo = join(rig.workDir, `pause-${Date.now()}`);
    execFileSync("mkfifo", [fifo]);
    const otherBefore = sha256File(bystander);
    const run = rig.start({ [TEST_PAUSE_ENV]: at ? `${fifo}@${at}` : fifo });
    await run.waitFor(/test pause before (\S+); waiting on/, 120_000);
    const imageBefore = imageFingerprint(rig.imagePath);
    execFileSync("losetup", ["-d", loop]);
    rig.loop = "";
    writeFileSync(fifo, "go\n");
    const end = await run.ended;
    const out = run.output();
    expect(end, out).toEqual({ exitCode: 1 });
    // Nothing written: the image (fresh and sparse: no block allocated) and the other disk.
    expect(imageFingerprint(rig.imagePath)).toBe(imageBefore);
    expect(Number(sh("stat", ["-c", "%b", rig.imagePath]))).toBe(0);
    expect(sha256File(bystander)).toBe(otherBefore);
    expect(rig.mountsLeft()).toEqual([]);
    expect(existsSync(rig.target) ? readdirSync(rig.target) : []).toEqual([]);
    return { loop, out };
  }

  it("before the re-check: stopped there, naming the disk and the fix, exit 1, nothing written", async () => {
    const { loop, out } = await removeAt("partitionDisk.recheck");
    expect(out).toContain(`test pause before partitionDisk.recheck`);
    expect(out).toContain(
      `${loop} is not as it was when the plan was confirmed; stopped before writing anything`,
    );
    expect(out).toContain(`${loop} is not there any more (it reports no medium, 0 bytes)`);
    expect(out).toContain("reconnect it (or choose another disk) and run the same install again");
    // The re-check only read: the report must not claim the disk was changed.
    expect(out).not.toContain("the disk was already changed");
    expect(out).toContain(`nothing was written to ${loop}; fix the cause and run the same plan again.`);
    expect(out).not.toMatch(/\[2\/\d+\]/);
  }, 300_000);

  it("after the re-check, right before wipefs: wipefs is not run on the empty device, same message", async () => {
    const { loop, out } = await removeAt(undefined);
    expect(out).toContain("test pause before partitionDisk.wipefs");
    expect(out).toContain(
      `${loop} is not there any more (it reports no medium, 0 bytes): it was removed, ejected or detached after the plan was confirmed; stopped before this step, nothing more was written`,
    );
    expect(out).toContain("reconnect it (or choose another disk) and run the same install again");
    expect(out).toMatch(/Step 2 of \d+ failed: Erase every signature on/);
    expect(out).not.toContain("the disk was already changed");
    expect(out).toContain(`nothing was written to ${loop}; fix the cause and run the same plan again.`);
  }, 300_000);
});

describeRoot("faults: power cut while packages install, then the same plan again", COMMANDS, () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await makeFaultRig("powercut");
  }, 120_000);
  afterAll(async () => {
    await rig?.cleanup();
  }, 60_000);

  it("SIGKILL to the installer's process group while rpm runs: the filesystems it mounted stay behind", async () => {
    rig.attach();
    const run = await startAndWaitForPackages(rig);
    process.kill(-(run.child.pid as number), "SIGKILL");
    expect(await run.ended).toEqual({ signal: "SIGKILL" });
    expect(rig.mountsLeft()).toContain(rig.target);
  }, 600_000);

  it("with those mounts still there, a new install refuses before writing: the target is in use, and how to fix it", async () => {
    execFileSync("sync");
    const mounted = readFileSync(join(rig.target, "slowpost-started"), "utf8");
    const run = rig.start();
    const end = await run.ended;
    const out = run.output();
    expect(end, out).toEqual({ exitCode: 1 });
    expect(out).toContain(
      `${rig.loop} is not as it was when the plan was confirmed; stopped before writing anything`,
    );
    const inUse = "the target is in use, left mounted by an earlier install that did not finish";
    expect(out).toContain(
      `${rig.loop}p2 is mounted on ${rig.target}: ${inUse} (umount -R ${rig.target} first)`,
    );
    expect(out).toContain(
      `${rig.loop}p1 is mounted on ${rig.target}/boot: ${inUse} (umount -R ${rig.target} first)`,
    );
    // Only the re-check ran: no wipefs, no mkfs, and the mounted root is as the dead install left it.
    expect(out).not.toMatch(/\[2\/\d+\]/);
    expect(readFileSync(join(rig.target, "slowpost-started"), "utf8")).toBe(mounted);
    expect(rig.mountsLeft()).toContain(rig.target);
  }, 300_000);

  it("after what a reboot does (unmount, detach, attach again), the same plan installs a complete system", async () => {
    rig.reboot();
    const loop = rig.attach();
    const run = rig.start();
    const end = await run.ended;
    const out = run.output();
    expect(end, out).toEqual({ exitCode: 0 });
    expectCompleteInstall(rig, loop, out);
  }, 600_000);
});

describeRoot("faults: Ctrl-C while packages install", COMMANDS, () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await makeFaultRig("ctrlc");
  }, 120_000);
  afterAll(async () => {
    await rig?.cleanup();
  }, 60_000);

  it("exits 130, says the disk is partly installed and to run the install again, and leaves no mounts", async () => {
    const loop = rig.attach();
    const run = await startAndWaitForPackages(rig);
    // The terminal sends SIGINT to the whole foreground job; rpm finishes its scriptlet first.
    process.kill(-(run.child.pid as number), "SIGINT");
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync(join(rig.target, "slowpost-release"), "");
    const end = await run.ended;
    const out = run.output();
    expect(end, out).toEqual({ exitCode: 130 });
    expect(out).toMatch(/cancelled while running "Install the base system[^"]*"/);
    expect(out).toContain(
      `${loop} is partly installed and will not boot: run the same install again; it starts over from an empty disk.`,
    );
    expect(out).toContain(`${rig.target} was unmounted.`);
    expect(rig.mountsLeft()).toEqual([]);
    // Nothing holds the disk: it detaches at once.
    rig.reboot();
  }, 600_000);
});

describeRoot("faults: btrfs on a repository without btrfs-progs, on a real disk", COMMANDS, () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await makeFaultRig("btrfs");
  }, 120_000);
  afterAll(async () => {
    await rig?.cleanup();
  }, 60_000);

  // test/tools/btrfs-repository.test.ts runs the same refusal through the CLI on a made-up disk;
  // here the disk is real, so "nothing written" is measured, not inferred from the output.
  it("is refused before confirmation (exit 1, at the filesystem field), not at mkfs.btrfs: no step runs, the disk stays blank", async () => {
    rig.attach({ filesystem: "btrfs" });
    const run = rig.start();
    const end = await run.ended;
    const out = run.output();
    expect(end, out).toEqual({ exitCode: 1 });
    expect(out).toContain("steps[0].args.filesystem");
    expect(out).toContain("this repository has no btrfs-progs recipe");
    expect(out).not.toMatch(/\[1\/\d+\]/);
    expect(Number(sh("stat", ["-c", "%b", rig.imagePath]))).toBe(0);
    expect(rig.mountsLeft()).toEqual([]);
  }, 120_000);
});
