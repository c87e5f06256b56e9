import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { probeDisk } from "../../facts/probe/disk-probe.js";
import { type Disk, FactsSchema } from "../../facts/schema.js";
import { executeSteps } from "../../steps/execute.js";
import { fatListing } from "../../steps/fatUndo.js";
import type { Step } from "../../steps/step.js";
import { compilePlan, type Plan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";
import { alongsideLeftovers, failureReport, sharedEspState } from "../../tools/run.js";
import { buildImage, WINDOWS } from "../e2e/alongsideImages.js";
import { describeRoot } from "../helpers/env.js";

const MT = { ...process.env, MTOOLS_SKIP_CHECK: "1" };
const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", env: MT, stdio: ["ignore", "pipe", "pipe"] }).trim();

async function attach(path: string, parts: number): Promise<string> {
  const loop = sh("losetup", ["--find", "--show", "--partscan", path]);
  sh("partx", ["--update", loop]);
  const until = Date.now() + 10_000;
  while (!existsSync(`${loop}p${parts}`) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return loop;
}

function planFor(disk: Disk, target: string, use: "free" | "whole"): Plan {
  const facts = FactsSchema.parse({ mode: "live", firmware: "uefi", disks: [disk], target, recipes: [] });
  const call = {
    tool: "partitionDisk",
    args: {
      disk: disk.path,
      use,
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      efiSize: "256M",
    },
  } as ToolCall;
  const r = compilePlan([call], facts);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

const bytesFree = (esp: string) =>
  Number(
    sh("mdir", ["-i", esp, "::/"])
      .match(/([\d ]+) bytes free/)?.[1]
      ?.replace(/ /g, ""),
  );

/**
 * Attack round 4, M3: a copy onto a shared ESP that failed part way (the ESP filled up after the
 * room check) left EFI/rocky/grubx64.efi and grub.cfg on Windows' ESP; the report called that ESP
 * untouched; and after doing what "How to go on" said, the same plan was refused for ever at the
 * re-check ("already has EFI/rocky/grubx64.efi; the install would replace another system's file").
 * Now the failed copy takes back what it wrote, says so, the report never calls that ESP
 * untouched, and the same plan passes the re-check again.
 */
describeRoot(
  "install alongside: a copy onto the shared ESP that fails part way is taken back (attack4 M3)",
  ["losetup", "sfdisk", "partx", "blkid", "mkfs.vfat", "mmd", "mcopy", "mdir", "mdel", "mrd", "mkfs.ntfs"],
  () => {
    const work = mkdtempSync(join(tmpdir(), "levitate-attack4-esp-"));
    const target = join(work, "target");
    const loops: string[] = [];
    beforeAll(() => mkdirSync(target));
    afterAll(() => {
      for (const l of loops) execFileSync("losetup", ["-d", l], { stdio: "ignore" });
      rmSync(work, { recursive: true, force: true });
    });

    it("the ESP holds what it held before, the failure and the report say so, and the same plan passes the re-check", async () => {
      const image = join(work, "windows.img");
      buildImage(image, WINDOWS);
      const loop = await attach(image, 4);
      loops.push(loop);
      const esp = `${loop}p1`;
      const plan = planFor(await probeDisk(loop), target, "free");
      const copy = plan.steps.find((s) => s.id === "install.esp.copy");
      if (copy?.action.kind !== "run") throw new Error("no install.esp.copy step");
      expect(copy.action.undoAddedToFat).toBe(esp);
      // On a disk of its own the ESP is new: nothing of another system to take back.
      const own = planFor(
        { ...(await probeDisk(loop)), sizeBytes: 64 * 1024 ** 3 },
        target,
        "whole",
      ).steps.find((s) => s.id === "install.esp.copy");
      expect(own?.action.kind === "run" && own.action.undoAddedToFat).toBeFalsy();

      const before = await fatListing(esp);
      expect(before).toContain("EFI/Microsoft/");
      // The staged tree: two small files and a loader larger than what the ESP has left.
      const sources = copy.action.argv.slice(copy.action.argv.indexOf("-i") + 2, -1);
      const stageEfi = sources.find((p) => p.endsWith("/EFI"));
      if (!stageEfi) throw new Error(`no staged EFI tree in ${sources.join(" ")}`);
      mkdirSync(join(stageEfi, "rocky"), { recursive: true });
      writeFileSync(join(stageEfi, "rocky/shimx64.efi"), Buffer.alloc(20_000, 1));
      writeFileSync(join(stageEfi, "rocky/grub.cfg"), "configfile $prefix/grub.cfg\n");
      writeFileSync(join(stageEfi, "rocky/grubx64.efi"), Buffer.alloc(2_000_000, 2));
      // Another writer fills the ESP after the room check: 600 KB are left.
      const filler = join(work, "filler.bin");
      writeFileSync(filler, Buffer.alloc(bytesFree(esp) - 600_000, 0));
      sh("mcopy", ["-i", esp, filler, "::/FILLER.BIN"]);

      const result = await executeSteps([copy], {
        target,
        ...(plan.scratch ? { scratch: plan.scratch } : {}),
        journalScratch: join(work, "j1.log"),
      });
      expect(result.ok).toBe(false);
      const message = result.failed?.message ?? "";
      expect(message).toMatch(/^mcopy exited with 1; removed again what this run had added to the shared /);
      expect(message).toContain("EFI/rocky/");
      expect(message).toContain("it holds only what it held before");
      expect((await fatListing(esp))?.filter((p) => p !== "FILLER.BIN")).toEqual(before);

      // The report: the other partitions untouched, the ESP not, and what happened to it.
      const partitionStep: Step = {
        ...plan.steps[0]!,
        id: "partitionDisk.test",
        title: "Add the partitions",
        destructive: true,
        action: { kind: "run", argv: ["true"] },
      };
      const report = failureReport({
        plan: { ...plan, steps: [partitionStep, copy] },
        result: {
          ...result,
          results: [
            { id: partitionStep.id, title: partitionStep.title, action: "true", status: "ok", durationMs: 1 },
            ...result.results,
          ],
        },
      });
      expect(report).toContain(`${loop}p2, ${loop}p3, ${loop}p4 (the other system) are untouched`);
      expect(report).not.toMatch(new RegExp(`${esp}[^\\n]*untouched`));
      expect(report).toContain(
        `${esp} (the shared EFI system partition) had this install's boot files added, and removed again`,
      );

      // What was left had the copy finished, or been stopped during it: never "untouched", always how to look.
      const disk = plan.disk;
      if (!disk) throw new Error("no disk in the plan");
      for (const how of [{ copied: true }, { stoppedDuringCopy: true }]) {
        const lines = alongsideLeftovers(disk, sharedEspState(plan, how)).join("\n");
        expect(lines).not.toMatch(new RegExp(`${esp}[^\\n]*untouched`));
        expect(lines).toContain(`MTOOLS_SKIP_CHECK=1 mdir -/ -i ${esp} ::/`);
      }
      // A failed copy whose undo could not take everything back points at the failure's commands.
      expect(
        sharedEspState(plan, {
          failedCopyMessage: "mcopy exited with 1; this run's files are still on the shared x",
        })?.says,
      ).toContain("the failed step above names them and the commands that remove them");

      // Room made again (the other writer's file gone): the same plan passes the re-check.
      sh("mdel", ["-i", esp, "::/FILLER.BIN"]);
      const again = await executeSteps(plan.steps.slice(0, 1), {
        target,
        journalScratch: join(work, "j2.log"),
      });
      expect(again.ok, again.failed?.message).toBe(true);
    }, 240_000);
  },
);
