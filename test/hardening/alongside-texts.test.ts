import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { GiB, MiB } from "../../steps/size.js";
import { compilePlan, type Plan } from "../../tools/compile.js";
import { diskQuestion } from "../../tools/confirm.js";
import type { ToolCall } from "../../tools/registry.js";

const DISK = "/dev/sdb";
const ESP_TYPE = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

function facts(extra: { removable?: boolean } = {}) {
  return FactsSchema.parse({
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
        ...extra,
        partitions: [
          {
            path: `${DISK}1`,
            sizeBytes: 100 * MiB,
            startBytes: MiB,
            type: ESP_TYPE,
            fstype: "vfat",
            label: "SYSTEM",
            esp: true,
            loaders: ["EFI/Microsoft/Boot/bootmgfw.efi", "EFI/BOOT/BOOTX64.EFI"],
            fsFreeBytes: 70 * MiB,
            os: "Windows Boot Manager",
          },
          {
            path: `${DISK}2`,
            sizeBytes: 200 * GiB,
            startBytes: 101 * MiB,
            type: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
            fstype: "ntfs",
            label: "Windows",
          },
        ],
      },
    ],
  });
}

function plan(use: "free" | "whole", f = facts()): Plan {
  const call = {
    tool: "partitionDisk",
    args: {
      disk: DISK,
      use,
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      efiSize: "256M",
      bootloader: "systemd-boot",
    },
  } as ToolCall;
  const r = compilePlan([call], f);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

describe("install alongside: what the typed-back confirmation says (M6)", () => {
  it("use free: says what is added and what stays, never that the disk is erased", () => {
    const p = plan("free");
    expect(p.destructive).toBe(true);
    const q = diskQuestion(p.disk!);
    expect(q).not.toMatch(/erase/i);
    expect(q).toContain(`This adds partition ${DISK}3 in the free space of ${DISK}`);
    // the shared ESP gets boot files, so it is not "untouched" (attack4 L4)
    expect(q).toContain(`${DISK}1 (Windows Boot Manager) gets boot files added, none of its files changed`);
    expect(q).toContain(`${DISK}2 (Windows) stays untouched`);
    expect(q).toMatch(new RegExp(`Type ${DISK} to go ahead`));
  });

  it("use whole: still says everything is erased", () => {
    expect(diskQuestion(plan("whole").disk!)).toBe(
      `This erases everything on ${DISK}. Type ${DISK} to go ahead (anything else stops):`,
    );
  });
});

describe("install alongside on a removable disk whose fallback path is the other system's (M8)", () => {
  const planWith = (f: ReturnType<typeof facts>, bootloader: "systemd-boot" | "grub") => {
    const call = {
      tool: "partitionDisk",
      args: {
        disk: DISK,
        use: "free",
        filesystem: "ext4",
        encrypt: false,
        separateHome: false,
        efiSize: "256M",
        bootloader,
      },
    } as ToolCall;
    const r = compilePlan([call], f);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.plan;
  };

  it("the plan says first, plainly, that the new system will not boot until an entry is added, with the command", () => {
    for (const [bootloader, loader] of [
      ["systemd-boot", "\\EFI\\systemd\\systemd-bootx64.efi"],
      ["grub", "\\EFI\\rocky\\shimx64.efi"],
    ] as const) {
      const p = planWith(facts({ removable: true }), bootloader);
      expect(p.notes[0]).toMatch(
        new RegExp(`^the new system will NOT boot from ${DISK} until a firmware boot entry is added`),
      );
      expect(p.notes[0]).toContain(
        `efibootmgr --create --disk ${DISK} --part 1 --loader '${loader}' --label LevitateOS`,
      );
      // Nothing else in the plan claims the firmware boots it (an entry, or the fallback path).
      expect(p.notes.join("\n")).not.toMatch(
        /boots the new system through its own boot entry|firmware boots its fallback path/,
      );
      expect(p.steps.some((s) => s.action.kind === "run" && s.action.argv[0] === "efibootmgr")).toBe(false);
    }
  });

  it("the machine's own disk: the NVRAM entry is written and no such warning is given", () => {
    const p = planWith(facts(), "systemd-boot");
    expect(p.notes.join("\n")).not.toMatch(/will NOT boot/);
    expect(p.notes.join("\n")).toMatch(/its own boot entry/);
  });
});
