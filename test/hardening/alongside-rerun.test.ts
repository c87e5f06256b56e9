import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { probeDisk } from "../../facts/probe/disk-probe.js";
import { type Disk, FactsSchema } from "../../facts/schema.js";
import { executeSteps } from "../../steps/execute.js";
import type { Step } from "../../steps/step.js";
import { compilePlan, type Plan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";
import { failureReport } from "../../tools/run.js";
import { buildImage, sha256Device, WINDOWS } from "../e2e/alongsideImages.js";
import { describeRoot } from "../helpers/env.js";

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

async function attach(path: string, parts: number): Promise<string> {
  const loop = sh("losetup", ["--find", "--show", "--partscan", path]);
  sh("partx", ["--update", loop]);
  const until = Date.now() + 10_000;
  while (!existsSync(`${loop}p${parts}`) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return loop;
}

function planFor(disk: Disk, target: string): Plan {
  const facts = FactsSchema.parse({ mode: "live", firmware: "uefi", disks: [disk], target, recipes: [] });
  const call = {
    tool: "partitionDisk",
    args: {
      disk: disk.path,
      use: "free",
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      efiSize: "256M",
      bootloader: "systemd-boot",
    },
  } as ToolCall;
  const r = compilePlan([call], facts);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

/**
 * Attack M7: an install into free space that fails after it created its partition told a Windows
 * user "it starts over from an empty disk" and "will not boot", and running the same plan again
 * was a dead end at the re-check. Now the report names what was created and the exact command that
 * gives the space back, the re-check says the same, and after that command the same plan runs.
 */
describeRoot(
  "install alongside: after a failure part way, what to do is said exactly and works (M7)",
  [
    "losetup",
    "sfdisk",
    "partx",
    "blkid",
    "lsblk",
    "mkfs.vfat",
    "mmd",
    "mcopy",
    "mdir",
    "mkfs.ntfs",
    "ntfs-3g",
    "mkfs.ext4",
    "mount",
  ],
  () => {
    const work = mkdtempSync(join(tmpdir(), "levitate-rerun-"));
    const target = join(work, "target");
    const loops: string[] = [];
    beforeAll(() => mkdirSync(target));
    afterAll(() => {
      for (const l of loops) execFileSync("losetup", ["-d", l], { stdio: "ignore" });
      rmSync(work, { recursive: true, force: true });
    });

    it("fails after the new partition is made; the report and the re-check both name sfdisk --delete; after it the plan passes the re-check", async () => {
      const image = join(work, "windows.img");
      buildImage(image, WINDOWS);
      const loop = await attach(image, 4);
      loops.push(loop);
      const plan = planFor(await probeDisk(loop), target);
      const others = [1, 2, 3, 4].map((n) => sha256Device(`${loop}p${n}`));

      // Everything up to the partition table write, then a step that fails (a pulled cable, a bad sector).
      const firstFormat = plan.steps.findIndex(
        (s) => s.action.kind === "run" && s.action.argv[0]?.startsWith("mkfs"),
      );
      expect(firstFormat).toBeGreaterThan(0);
      const boom: Step = {
        ...plan.steps[firstFormat]!,
        id: "test.fail",
        title: "A step that fails",
        action: { kind: "run", argv: ["false"] },
      };
      const steps = [...plan.steps.slice(0, firstFormat), boom];
      const result = await executeSteps(steps, {
        target,
        scratch: plan.scratch,
        journalScratch: join(work, "j1.log"),
      });
      expect(result.ok).toBe(false);
      sh("partx", ["--update", loop]);
      expect(existsSync(`${loop}p5`)).toBe(true);

      const report = failureReport({ plan: { ...plan, steps }, result });
      expect(report).not.toMatch(/empty disk|will not boot/);
      expect(report).toContain(`${loop}p1, ${loop}p2, ${loop}p3, ${loop}p4 (the other system) are untouched`);
      expect(report).toContain(`sfdisk --delete ${loop} 5`);

      // The same plan again: stopped at the re-check, which names the same way out.
      const again = await executeSteps(plan.steps.slice(0, 1), {
        target,
        journalScratch: join(work, "j2.log"),
      });
      expect(again.ok).toBe(false);
      expect(again.failed?.message).toContain(`sfdisk --delete ${loop} 5 gives the space back`);

      // Doing exactly what it says makes the same plan pass the re-check; the other system is unchanged.
      sh("sfdisk", ["--delete", loop, "5"]);
      sh("partx", ["--update", loop]);
      const third = await executeSteps(plan.steps.slice(0, 1), {
        target,
        journalScratch: join(work, "j3.log"),
      });
      expect(third.ok, third.failed?.message).toBe(true);
      expect([1, 2, 3, 4].map((n) => sha256Device(`${loop}p${n}`))).toEqual(others);
    }, 240_000);
  },
);
