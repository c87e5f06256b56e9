import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeDisk } from "../../facts/probe/disk-probe.js";
import { executeSteps } from "../../steps/execute.js";
import { parentDisk } from "../../steps/partitionNodes.js";
import type { Step } from "../../steps/step.js";
import { describeRoot } from "../helpers/env.js";

const MiB = 1024 ** 2;

function sh(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, {
    encoding: "utf8",
    input,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  }).trim();
}

/** The kernel forgets the disk's partitions (exit 1 when it knew none: nothing to forget). */
function forget(disk: string): void {
  spawnSync("partx", ["--delete", disk], { stdio: "ignore" });
}

describe("the disk of a partition node", () => {
  it("strips the partition number, with the p that names ending in a digit take", () => {
    expect(parentDisk("/dev/sda6")).toBe("/dev/sda");
    expect(parentDisk("/dev/nvme0n1p6")).toBe("/dev/nvme0n1");
    expect(parentDisk("/dev/loop3p12")).toBe("/dev/loop3");
    expect(parentDisk("/dev/mmcblk0p2")).toBe("/dev/mmcblk0");
    expect(parentDisk("/dev/vda")).toBeUndefined();
  });
});

/**
 * Without udev, the kernel learns of new (logical) partitions only when asked (issue 15): a loop
 * device attached without --partscan has no partition nodes, as a disk whose table the kernel
 * missed. The executor's wait asks again with partx --add and the nodes appear; the probe does
 * the same before it reads the partitions.
 */
describeRoot("partition nodes without udev", ["losetup", "sfdisk", "partx"], () => {
  let work = "";
  let loop = "";
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "levitate-nodes-"));
    const img = join(work, "disk.img");
    writeFileSync(img, "");
    execFileSync("truncate", ["-s", String(200 * MiB), img]);
    loop = sh("losetup", ["--find", "--show", img]);
    sh(
      "sfdisk",
      ["-q", "--no-reread", loop],
      "label: dos\n\nsize=32MiB, type=83\nsize=100MiB, type=5\nstart=34MiB, size=16MiB, type=83\nstart=51MiB, size=16MiB, type=83\n",
    );
  }, 60_000);
  afterAll(() => {
    if (loop) execFileSync("losetup", ["-d", loop]);
    rmSync(work, { recursive: true, force: true });
  });

  it("the wait step adds the partitions the kernel does not know, logical ones included", async () => {
    forget(loop);
    expect(existsSync(`${loop}p6`)).toBe(false);
    const step: Step = {
      id: "partitionDisk.wait",
      phase: "partition",
      source: "partitionDisk",
      title: "Wait for the new partitions to appear",
      changes: "nothing",
      destructive: false,
      action: { kind: "waitDevices", paths: [`${loop}p5`, `${loop}p6`], timeoutMs: 10_000 },
    };
    const r = await executeSteps([step], { target: work, journalScratch: join(work, "journal") });
    expect(r.failed).toBeUndefined();
    expect(existsSync(`${loop}p5`) && existsSync(`${loop}p6`)).toBe(true);
  }, 30_000);

  it("the probe reads every partition the table lists, nodes the kernel did not have included", async () => {
    forget(loop);
    expect(existsSync(`${loop}p5`)).toBe(false);
    const disk = await probeDisk(loop);
    expect(disk.partitions?.map((p) => p.path)).toEqual([1, 2, 5, 6].map((n) => `${loop}p${n}`));
    expect(existsSync(`${loop}p6`)).toBe(true);
  }, 30_000);
});
