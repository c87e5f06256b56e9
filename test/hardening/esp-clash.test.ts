import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { probeDisk } from "../../facts/probe/disk-probe.js";
import { type Disk, FactsSchema } from "../../facts/schema.js";
import { executeSteps } from "../../steps/execute.js";
import { compilePlan, type Plan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";
import { buildImage, WINDOWS } from "../e2e/alongsideImages.js";
import { imageFingerprint } from "../e2e/installToImage.js";
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

function planFor(disk: Disk, target: string, bootloader: "systemd-boot" | "grub"): Plan {
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
      bootloader,
    },
  } as ToolCall;
  const r = compilePlan([call], facts);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

/** Puts a plain file at each FAT path (its parent directories must exist). */
function plantFiles(esp: string, paths: string[], work: string): void {
  const f = join(work, "other.txt");
  writeFileSync(f, "OTHER\n");
  for (const p of paths) sh("mcopy", ["-i", esp, f, `::/${p}`]);
}

/**
 * Attack C2: another system's plain FILE named like a directory the install adds (`loader`,
 * `levitate`, `EFI/systemd`, GRUB's `EFI/rocky`) passed the re-check and `mcopy -D o` replaced it.
 * Now the re-check refuses it before the first write, and the copy never overwrites.
 */
describeRoot(
  "install alongside: a file where the install needs a directory on the shared ESP (C2)",
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
    "mtype",
    "mkfs.ntfs",
    "ntfs-3g",
    "mount",
  ],
  () => {
    const work = mkdtempSync(join(tmpdir(), "levitate-espclash-"));
    const target = join(work, "target");
    const loops: string[] = [];
    beforeAll(() => mkdirSync(target));
    afterAll(() => {
      for (const l of loops) execFileSync("losetup", ["-d", l], { stdio: "ignore" });
      rmSync(work, { recursive: true, force: true });
    });

    async function image(name: string): Promise<{ path: string; loop: string }> {
      const path = join(work, name);
      buildImage(path, WINDOWS);
      const loop = await attach(path, 4);
      loops.push(loop);
      return { path, loop };
    }

    async function stopsAtRecheck(plan: Plan, path: string): Promise<string> {
      const before = imageFingerprint(path);
      const r = await executeSteps(plan.steps, {
        target,
        scratch: plan.scratch,
        journalScratch: join(work, `journal-${Date.now()}.log`),
      });
      expect(r.ok).toBe(false);
      expect(r.failed?.step.id).toBe("partitionDisk.recheck");
      expect(r.results).toHaveLength(1);
      expect(imageFingerprint(path)).toBe(before);
      return r.failed?.message ?? "";
    }

    it("systemd-boot: files named loader, levitate and EFI/systemd stop the install at the re-check", async () => {
      const { path, loop } = await image("sdboot.img");
      const plan = planFor(await probeDisk(loop), target, "systemd-boot");
      plantFiles(`${loop}p1`, ["loader", "levitate", "EFI/systemd"], work);
      const msg = await stopsAtRecheck(plan, path);
      for (const d of ["loader", "levitate", "EFI/systemd"])
        expect(msg).toContain(`${loop}p1 has a file ${d} where the install needs a directory`);
    }, 180_000);

    it("GRUB (the default chain): a file named EFI/rocky stops the install at the re-check", async () => {
      const { path, loop } = await image("grub.img");
      const plan = planFor(await probeDisk(loop), target, "grub");
      plantFiles(`${loop}p1`, ["EFI/rocky"], work);
      const msg = await stopsAtRecheck(plan, path);
      expect(msg).toContain(`${loop}p1 has a file EFI/rocky where the install needs a directory`);
    }, 180_000);

    it("the ESP copy never replaces: with the plan's own mcopy flags a clash fails and the file stays", async () => {
      const { loop } = await image("copy.img");
      const esp = `${loop}p1`;
      for (const bootloader of ["systemd-boot", "grub"] as const) {
        const copy = planFor(await probeDisk(loop), target, bootloader).steps.find(
          (s) => s.id === "install.esp.copy",
        );
        if (copy?.action.kind !== "run") throw new Error(`${bootloader}: no install.esp.copy step`);
        const flags = copy.action.argv.slice(1, copy.action.argv.indexOf("-i"));
        expect(flags).not.toContain("-D");
        // A staged tree whose EFI/Microsoft/Boot/BCD clashes with Windows' own file.
        const stage = join(work, `stage-${bootloader}`);
        mkdirSync(join(stage, "EFI/Microsoft/Boot"), { recursive: true });
        writeFileSync(join(stage, "EFI/Microsoft/Boot/BCD"), "OURS\n");
        const r = spawnSync("mcopy", [...flags, "-i", esp, join(stage, "EFI"), "::/"], {
          env: MT,
          stdio: ["ignore", "pipe", "pipe"],
        });
        expect(r.status).not.toBe(0);
        expect(sh("mtype", ["-i", esp, "::/EFI/Microsoft/Boot/BCD"])).toBe(
          "stand-in boot configuration data",
        );
      }
    }, 180_000);
  },
);
