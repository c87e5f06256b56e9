import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Facts, type FactsInput, FactsSchema } from "../../facts/schema.js";
import { executeSteps } from "../../steps/execute.js";
import { fatGuardSkip } from "../../steps/fatGuard.js";
import { fatListing } from "../../steps/fatUndo.js";
import { GiB, MiB } from "../../steps/size.js";
import { describeAction, type Step } from "../../steps/step.js";
import { compilePlan, type Plan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";
import { renderPlan } from "../../tools/render.js";
import { describeWithTools } from "../helpers/env.js";

/**
 * Round 28, beside another system: a shared ESP whose files the facts do not list (hand-written
 * facts, a probe that could not read it) was taken to have a free fallback path, so the plan
 * staged our loader at EFI/BOOT/BOOTX64.EFI. Windows and Ubuntu both keep theirs there: the
 * re-check then stopped the install ("would replace another system's file"). Now the fallback
 * files are staged only when the ESP, read when the plan runs (as the boot menu is), has none of
 * them; another system's fallback loader is never replaced, and the dry run says so.
 * Safety side: an ESP that cannot be listed stages nothing there; loaders the facts list keep the
 * plan-time decision (no run-time read).
 */

type Part = NonNullable<NonNullable<FactsInput["disks"]>[number]["partitions"]>[number];
const NVME = "/dev/nvme0n1";
const ESP = `${NVME}p1`;

function ubuntuFacts(loaders?: string[]): Facts {
  const parts: Part[] = [
    {
      path: ESP,
      sizeBytes: 512 * MiB,
      fstype: "vfat",
      label: "",
      esp: true,
      ...(loaders ? { loaders } : {}),
    },
    { path: `${NVME}p2`, sizeBytes: 600 * GiB, fstype: "ext4", label: "", os: "Ubuntu 22.04.3 LTS" },
  ];
  return FactsSchema.parse({
    mode: "live",
    firmware: "uefi",
    recipes: [],
    disks: [
      {
        path: NVME,
        sizeBytes: 1000 * GiB,
        model: "Samsung SSD 970 EVO Plus 1TB",
        transport: "nvme",
        table: "gpt",
        freeBytes: 400 * GiB,
        partitions: parts,
      },
    ],
  });
}

function plan(f: Facts, bootloader?: "grub" | "systemd-boot"): Plan {
  const args = {
    disk: NVME,
    use: "free",
    filesystem: "ext4",
    encrypt: false,
    ...(bootloader ? { bootloader } : {}),
  };
  const r = compilePlan([{ tool: "partitionDisk", args } as ToolCall], f);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

const fallbackSteps = (pl: Plan) => pl.steps.filter((s) => s.id.startsWith("install.esp.fallback"));
const guardOf = (s: Step) =>
  s.action.kind === "copyFile" || s.action.kind === "writeFile" ? s.action.unlessOnFat : undefined;
const recheckAdds = (pl: Plan) =>
  pl.steps.flatMap((s) => (s.action.kind === "checkDisk" && s.action.esp ? s.action.esp.adds : []));
/** The efibootmgr step's bound: what happens when the firmware never answers. */
function nvramBound(pl: Plan): { fail?: boolean; otherwise: string } | undefined {
  const a = pl.steps.find((s) => s.id === "install.nvram")?.action;
  return a?.kind === "run" ? a.bounded : undefined;
}

describe("the fallback path of a shared ESP the facts do not list is decided when the plan runs", () => {
  it.each([
    ["grub" as const, 3],
    ["systemd-boot" as const, 1],
  ])("%s: its fallback files are staged only if none is there then", (bootloader, count) => {
    const pl = plan(ubuntuFacts(), bootloader);
    const steps = fallbackSteps(pl);
    expect(steps).toHaveLength(count);
    for (const s of steps) {
      const g = guardOf(s);
      expect(g?.device).toBe(ESP);
      expect(g?.paths).toContain("EFI/BOOT/BOOTX64.EFI");
      // the dry run shows it
      expect(describeAction(s.action)).toContain(`only if ${ESP} has none of EFI/BOOT/BOOTX64.EFI`);
    }
    // not a clash the re-check would stop the install for
    expect(recheckAdds(pl).some((a) => /^EFI\/BOOT\//i.test(a))).toBe(false);
    expect(recheckAdds(pl).length).toBeGreaterThan(0);
    // the firmware entry is what boots the new system when the fallback stays the other's
    const bounded = nvramBound(pl);
    expect(bounded?.fail).toBe(true);
    expect(bounded?.otherwise).toContain("may be the other system's loader");
    const shown = renderPlan(pl, { color: false, verbose: true });
    expect(shown).toContain("unless another system's loader is there when the plan runs");
    expect(shown).toContain("that loader is never replaced");
  });

  it("near miss: loaders the facts list with the fallback: no fallback step at all, no run-time read", () => {
    const pl = plan(
      ubuntuFacts(["EFI/ubuntu/shimx64.efi", "EFI/ubuntu/grubx64.efi", "EFI/BOOT/BOOTX64.EFI"]),
    );
    expect(fallbackSteps(pl)).toHaveLength(0);
    expect(renderPlan(pl, { color: false, verbose: true })).not.toContain("when the plan runs (");
  });

  it("near miss: an ESP read and found without a fallback: staged as before, unguarded, re-checked", () => {
    const pl = plan(ubuntuFacts(["EFI/ubuntu/shimx64.efi"]));
    const steps = fallbackSteps(pl);
    expect(steps).toHaveLength(3);
    for (const s of steps) expect(guardOf(s)).toBeUndefined();
    expect(recheckAdds(pl)).toContain("EFI/BOOT/BOOTX64.EFI");
    expect(nvramBound(pl)?.fail).toBeUndefined();
    expect(nvramBound(pl)?.otherwise).toContain("starts the new system from the fallback path");
  });
});

describe("fatGuardSkip", () => {
  const g = { device: "/dev/x", paths: ["EFI/BOOT/BOOTX64.EFI", "EFI/BOOT/grub.cfg"], otherwise: "stays" };
  it("skips when a path is there, whatever its case (FAT)", async () => {
    expect(await fatGuardSkip(g, undefined, async () => ["EFI/", "EFI/Boot/", "EFI/Boot/bootx64.efi"])).toBe(
      "stays (/dev/x already has EFI/BOOT/BOOTX64.EFI)",
    );
  });
  it("runs when none is there", async () => {
    expect(await fatGuardSkip(g, undefined, async () => ["EFI/", "EFI/ubuntu/shimx64.efi"])).toBeUndefined();
  });
  it("safety: an ESP that cannot be listed is not taken to be free", async () => {
    expect(await fatGuardSkip(g, undefined, async () => undefined)).toMatch(/could not be listed/);
  });
});

// mandatory in CI (LEVITATE_TOOL_TESTS=1), skipped with the missing tools named elsewhere
describeWithTools(
  "the executor reads the ESP when the fallback step runs",
  ["mkfs.vfat", "mcopy", "mdir", "mmd", "truncate"],
  () => {
    const work = mkdtempSync(join(tmpdir(), "esp-fallback-"));
    afterAll(() => rmSync(work, { recursive: true, force: true }));
    const env = { ...process.env, MTOOLS_SKIP_CHECK: "1" } as Record<string, string>;
    const efi = join(work, "x.efi");
    writeFileSync(efi, "MZ");
    function espImage(name: string, files: string[]): string {
      const img = join(work, name);
      execFileSync("truncate", ["-s", "64M", img]);
      execFileSync("mkfs.vfat", ["-F", "32", img], { env, stdio: "ignore" });
      const dirs = new Set(
        files.flatMap((f) =>
          f
            .split("/")
            .slice(0, -1)
            .map((_, i, a) => a.slice(0, i + 1).join("/")),
        ),
      );
      for (const d of dirs) execFileSync("mmd", ["-i", img, `::/${d}`], { env });
      for (const f of files) execFileSync("mcopy", ["-i", img, efi, `::/${f}`], { env });
      return img;
    }
    const target = join(work, "target");
    mkdirSync(join(target, "boot"), { recursive: true });
    writeFileSync(join(target, "boot/sdboot.efi"), "MZ ours");
    function step(device: string): Step {
      return {
        id: "install.esp.fallback",
        phase: "bootloader",
        source: "install",
        destructive: false,
        title: "Stage the fallback loader",
        changes: "x",
        action: {
          kind: "copyFile",
          from: join(target, "boot/sdboot.efi"),
          to: join(target, "stage/EFI/BOOT/BOOTX64.EFI"),
          mode: 0o644,
          missing: "m",
          unlessOnFat: {
            device,
            paths: ["EFI/BOOT/BOOTX64.EFI"],
            otherwise: "another system's fallback stays",
          },
        },
      };
    }

    it("Windows' fallback (EFI/Boot/bootx64.efi) is there: the step is skipped, nothing staged, the ESP unchanged", async () => {
      const img = espImage("win.img", ["EFI/Microsoft/Boot/bootmgfw.efi", "EFI/Boot/bootx64.efi"]);
      const before = await fatListing(img, env);
      const r = await executeSteps([step(img)], { target, env });
      expect(r.ok).toBe(true);
      expect(r.results[0]?.status).toBe("skipped");
      expect(r.results[0]?.message).toContain("already has EFI/BOOT/BOOTX64.EFI");
      expect(existsSync(join(target, "stage/EFI/BOOT/BOOTX64.EFI"))).toBe(false);
      expect(await fatListing(img, env)).toEqual(before);
    });

    it("near miss: no fallback on the ESP: ours is staged", async () => {
      const img = espImage("ubuntu.img", ["EFI/ubuntu/shimx64.efi"]);
      rmSync(join(target, "stage"), { recursive: true, force: true });
      const r = await executeSteps([step(img)], { target, env });
      expect(r.ok).toBe(true);
      expect(r.results[0]?.status).toBe("ok");
      expect(existsSync(join(target, "stage/EFI/BOOT/BOOTX64.EFI"))).toBe(true);
    });
  },
);
