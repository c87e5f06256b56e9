import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { GiB, MiB } from "../../steps/size.js";
import { compilePlan } from "../../tools/compile.js";
import { diskQuestion } from "../../tools/confirm.js";
import type { ToolCall } from "../../tools/registry.js";

/**
 * Attack 4, L4: the typed-back question of an install beside another system said the shared EFI
 * system partition "stays untouched", while the plan above it says "kept; shared: boot files
 * added, none changed". The last sentence before the irreversible step says the same as the plan:
 * the shared ESP gets this install's boot files; only the partitions nothing is written to are
 * untouched. An ESP of the install's own (efiSize given) leaves the other one untouched, and says so.
 */
const DISK = "/dev/sdb";
const facts = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  target: "/mnt",
  disks: [
    {
      path: DISK,
      sizeBytes: 500 * GiB,
      model: "Disk",
      transport: "sata",
      table: "gpt",
      freeBytes: 300 * GiB,
      partitions: [
        {
          path: `${DISK}1`,
          sizeBytes: 200 * MiB,
          startBytes: MiB,
          type: "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
          fstype: "vfat",
          label: "SYSTEM",
          esp: true,
          loaders: ["EFI/Microsoft/Boot/bootmgfw.efi", "EFI/BOOT/BOOTX64.EFI"],
          fsFreeBytes: 150 * MiB,
          os: "Windows Boot Manager",
        },
        {
          path: `${DISK}2`,
          sizeBytes: 200 * GiB,
          startBytes: 201 * MiB,
          type: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
          fstype: "ntfs",
          label: "Windows",
        },
      ],
    },
  ],
});

function question(extra: Record<string, unknown>, espFree = 150 * MiB) {
  const call = {
    tool: "partitionDisk",
    args: { disk: DISK, use: "free", filesystem: "ext4", encrypt: false, separateHome: false, ...extra },
  } as ToolCall;
  const f = structuredClone(facts);
  f.disks[0]!.partitions![0]!.fsFreeBytes = espFree;
  const r = compilePlan([call], f);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { q: diskQuestion(r.plan.disk!), shared: r.plan.disk!.after.partitions.some((p) => p.existing) };
}

describe("attack4 L4: the typed-back question never calls the shared ESP untouched", () => {
  it("shared ESP: boot files added, the other partitions untouched", () => {
    const { q, shared } = question({});
    expect(shared).toBe(true);
    expect(q).toContain(`${DISK}1 (Windows Boot Manager) gets boot files added, none of its files changed`);
    expect(q).toContain(`${DISK}2 (Windows) stays untouched`);
    expect(q).not.toMatch(new RegExp(`${DISK}1 \\(Windows Boot Manager\\)[^;]*untouched`));
    expect(q).not.toMatch(/erase/i);
  });
  it("an ESP of its own (the shared one too full): every old partition untouched", () => {
    const { q, shared } = question({ efiSize: "256M" }, 1 * MiB);
    expect(shared).toBe(false);
    expect(q).toContain(`${DISK}1 (Windows Boot Manager), ${DISK}2 (Windows) stay untouched`);
  });
});
