import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { espClashes } from "../../leviso/disk/espClash.js";
import { GiB, MiB } from "../../steps/size.js";
import { compilePlan, type Plan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";
import { failureReport } from "../../tools/run.js";

/**
 * Attack 3 leftovers. M2: an ESP file whose name differs from ours only in case passed the plan
 * (FAT ignores case) and was refused only by the re-check after the confirmation. L1: a run
 * stopped before staging said a staged ESP tree was there.
 */

const DISK = "/dev/loop0";
const factsWith = (loaders: string[]) =>
  FactsSchema.parse({
    mode: "live",
    firmware: "uefi",
    disks: [
      {
        path: DISK,
        sizeBytes: 40 * GiB,
        table: "gpt",
        partitions: [
          {
            path: `${DISK}p1`,
            sizeBytes: 300 * MiB,
            startBytes: MiB,
            fstype: "vfat",
            esp: true,
            type: "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
            loaders,
            fsFreeBytes: 250 * MiB,
          },
          { path: `${DISK}p2`, sizeBytes: 10 * GiB, startBytes: 301 * MiB, fstype: "ext4" },
        ],
      },
    ],
  });
const free = (args: Record<string, unknown> = {}): ToolCall =>
  ({
    tool: "partitionDisk",
    args: { disk: DISK, use: "free", filesystem: "ext4", encrypt: false, separateHome: false, ...args },
  }) as ToolCall;
const WINDOWS = "EFI/Microsoft/Boot/bootmgfw.efi";

describe("M2: files on a shared ESP compare as FAT compares them, without case", () => {
  it("EFI/ROCKY/SHIMX64.EFI is our EFI/rocky/shimx64.efi: the plan is refused before anything is confirmed", () => {
    for (const theirs of ["EFI/ROCKY/SHIMX64.EFI", "EFI/rocky/shimx64.efi", "efi/Rocky/ShimX64.efi"]) {
      const r = compilePlan([free()], factsWith([WINDOWS, theirs]));
      expect(r.ok, theirs).toBe(false);
      if (r.ok) continue;
      expect(r.errors[0]?.message).toContain(`${DISK}p1`);
      expect(r.errors[0]?.message).toContain(`${theirs} (the install writes EFI/rocky/shimx64.efi)`);
      expect(r.errors[0]?.path).toBe("steps[0].args.use");
      expect(r.errors[0]?.hint).toMatch(/bootloader/);
    }
  });

  it("the same ESP without the clash is shared; systemd-boot there adds other paths and is accepted", () => {
    expect(compilePlan([free()], factsWith([WINDOWS])).ok).toBe(true);
    expect(
      compilePlan([free({ bootloader: "systemd-boot" })], factsWith([WINDOWS, "EFI/ROCKY/SHIMX64.EFI"])).ok,
    ).toBe(true);
  });

  it("espClashes: a file under our kernel directory, and a file where we need a directory", () => {
    expect(espClashes(["LEVITATE/VMLINUZ"], ["levitate/"])).toEqual([
      "LEVITATE/VMLINUZ (the install writes levitate/)",
    ]);
    expect(espClashes(["efi/Rocky"], ["EFI/rocky/grub.cfg"])).toEqual([
      "efi/Rocky (a file where the install needs the directory EFI/rocky)",
    ]);
    expect(espClashes([WINDOWS, "EFI/Boot/bootx64.efi"], ["EFI/rocky/shimx64.efi", "levitate/"])).toEqual([]);
  });
});

describe("L1: the staged ESP tree is named only when it exists", () => {
  const failed = (scratch: string) => {
    const r = compilePlan([free()], factsWith([WINDOWS]), { target: "/mnt" });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const plan: Plan = { ...r.plan, scratch };
    const [first, ...rest] = plan.steps;
    if (!first) throw new Error("no steps");
    return failureReport({
      plan,
      result: {
        ok: false,
        results: [],
        failed: { step: first, message: `${DISK}p1 already has EFI/rocky/shimx64.efi`, output: [] },
        notRun: rest,
        journalPath: "/tmp/levitate-install.log",
      },
    });
  };

  it("stopped at the re-check (nothing staged): no line about a staged tree; after staging: the line", () => {
    const dir = mkdtempSync(join(tmpdir(), "levitate-l1-"));
    try {
      const scratch = join(dir, "esp-mnt");
      expect(failed(scratch)).not.toContain("staged EFI system partition tree");
      mkdirSync(scratch);
      expect(failed(scratch)).toContain(`${scratch} holds the staged EFI system partition tree`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
