import { describe, expect, it } from "vitest";
import { type Facts, type FactsInput, FactsSchema } from "../../facts/schema.js";
import { freeRegions } from "../../facts/table.js";
import { computeLayout } from "../../leviso/disk/layout.js";
import { grubMenuEntries, systemdBootEntries } from "../../steps/bootMenu.js";
import { GiB, MiB } from "../../steps/size.js";
import type { CheckDiskAction, Step } from "../../steps/step.js";
import { compilePlan, type Plan } from "../../tools/compile.js";
import { espRoomFor, REFERENCE_BOOT_FILES } from "../../tools/partitionFree.js";
import type { PlanError } from "../../tools/planFile.js";
import type { ToolCall } from "../../tools/registry.js";
import { renderPlan } from "../../tools/render.js";

/**
 * partitionDisk `use: "free"` as plans (issue 15): where the new partitions go, what stays, the
 * boot menu, the re-check before writing (issue 18), and every refusal before anything is written.
 * The facts are what the probe reports for the test images (test/e2e/alongside-probe.test.ts),
 * on a 500 GiB disk.
 */

const DISK = "/dev/nvme0n1";
const p = (n: number) => `${DISK}p${n}`;
const ESP_TYPE = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

type Part = NonNullable<NonNullable<FactsInput["disks"]>[number]["partitions"]>[number];

function windowsParts(espFree = 70 * MiB): Part[] {
  return [
    {
      path: p(1),
      sizeBytes: 100 * MiB,
      startBytes: MiB,
      type: ESP_TYPE,
      fstype: "vfat",
      label: "SYSTEM",
      esp: true,
      loaders: ["EFI/Boot/bootx64.efi", "EFI/Microsoft/Boot/bootmgfw.efi"],
      fsFreeBytes: espFree,
      os: "Windows Boot Manager",
    },
    {
      path: p(2),
      sizeBytes: 16 * MiB,
      startBytes: 101 * MiB,
      type: "E3C9E316-0B5C-4DB8-817D-F92DF00215AE",
      esp: false,
    },
    {
      path: p(3),
      sizeBytes: 200 * GiB,
      startBytes: 117 * MiB,
      type: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
      fstype: "ntfs",
      label: "Windows",
      esp: false,
      os: "Windows Boot Manager",
    },
    {
      path: p(4),
      sizeBytes: 700 * MiB,
      startBytes: 117 * MiB + 200 * GiB,
      type: "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC",
      fstype: "ntfs",
      esp: false,
    },
  ];
}

const FEDORA = "Fedora Linux 41 (Workstation Edition)";
function fedoraParts(): Part[] {
  return [
    {
      path: p(1),
      sizeBytes: 600 * MiB,
      startBytes: MiB,
      type: ESP_TYPE,
      fstype: "vfat",
      label: "ESP",
      esp: true,
      loaders: [
        "EFI/BOOT/BOOTX64.EFI",
        "EFI/BOOT/fbx64.efi",
        "EFI/fedora/grubx64.efi",
        "EFI/fedora/shimx64.efi",
      ],
      fsFreeBytes: 560 * MiB,
    },
    { path: p(2), sizeBytes: GiB, startBytes: 601 * MiB, fstype: "ext4", label: "boot" },
    {
      path: p(3),
      sizeBytes: 100 * GiB,
      startBytes: 601 * MiB + GiB,
      fstype: "btrfs",
      label: "fedora",
      os: FEDORA,
    },
  ];
}

function facts(
  partitions: Part[] | undefined,
  extra: Partial<FactsInput> = {},
  disk: Record<string, unknown> = {},
): Facts {
  return FactsSchema.parse({
    mode: "live",
    firmware: "uefi",
    disks: [
      {
        path: DISK,
        sizeBytes: 500 * GiB,
        model: "WD_BLACK SN850X",
        transport: "nvme",
        serial: "WD-123",
        ...(partitions ? { table: "gpt", partitions } : {}),
        ...disk,
      },
    ],
    recipes: [],
    ...extra,
  });
}

const free = (args: Record<string, unknown> = {}): ToolCall =>
  ({
    tool: "partitionDisk",
    args: {
      disk: DISK,
      use: "free",
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      ...args,
    },
  }) as ToolCall;

function plan(f: Facts, args: Record<string, unknown> = {}): Plan {
  const r = compilePlan([free(args)], f);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

function refused(f: Facts, args: Record<string, unknown> = {}): PlanError {
  const r = compilePlan([free(args)], f);
  if (r.ok) throw new Error("expected a refusal");
  return r.errors[0] as PlanError;
}

const step = (pl: Plan, id: string): Step | undefined => pl.steps.find((s) => s.id === id);
const run = (s: Step | undefined) => (s?.action.kind === "run" ? s.action : undefined);
const writes = (pl: Plan) =>
  Object.fromEntries(
    pl.steps.flatMap((s) => (s.action.kind === "writeFile" ? [[s.action.path, s.action.content]] : [])),
  );

describe("install alongside: the layout in the free space", () => {
  it("Windows: root fills the free region after the recovery partition; sfdisk --append with explicit starts; nothing wiped, the ESP reused", () => {
    const pl = plan(facts(windowsParts()), { bootloader: "systemd-boot" });
    const ids = pl.steps.map((s) => s.id);
    expect(ids.slice(0, 4)).toEqual([
      "partitionDisk.recheck",
      "partitionDisk.sfdisk",
      "partitionDisk.partx",
      "partitionDisk.wait",
    ]);
    expect(ids).not.toContain("partitionDisk.wipefs");
    expect(ids.filter((i) => i.startsWith("partitionDisk.mkfs"))).toEqual(["partitionDisk.mkfs.root"]);
    const sfdisk = run(step(pl, "partitionDisk.sfdisk"));
    expect(sfdisk?.argv).toEqual(["sfdisk", "--append", "--wipe-partitions", "always", DISK]);
    // The free region: after p4 (117 MiB + 200 GiB + 700 MiB) to 1 MiB before the end (backup GPT).
    const start = 117 + 200 * 1024 + 700;
    const end = 500 * 1024 - 1;
    expect(sfdisk?.stdin).toBe(
      `${p(5)} : start=${start}MiB, size=${end - start}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name=root\n`,
    );
    expect(run(step(pl, "partitionDisk.mkfs.root"))?.argv).toEqual([
      "mkfs.ext4",
      "-F",
      "-q",
      "-L",
      "root",
      p(5),
    ]);
    expect(pl.steps.find((s) => s.id === "partitionDisk.wait")?.action).toMatchObject({ paths: [p(5)] });
    // The shared ESP is in the fstab (by UUID) and gets the boot files.
    const fstab = Object.entries(writes(pl)).find(([k]) => k.endsWith("/etc/fstab"))?.[1];
    expect(fstab).toContain(`UUID={{uuid:${p(1)}}} /boot/efi vfat`);
    expect(fstab).toContain(`UUID={{uuid:${p(5)}}} / ext4`);
    expect(run(step(pl, "install.esp.copy"))?.argv).toContain(p(1));
  });

  it("the boot menu lists Windows Boot Manager (systemd-boot: an efi entry, no automatic duplicate) and keeps another system's fallback loader", () => {
    const pl = plan(facts(windowsParts()), { bootloader: "systemd-boot" });
    const w = writes(pl);
    const entry = Object.entries(w).find(([k]) => k.endsWith("loader/entries/alt-windows-boot-manager.conf"));
    expect(entry?.[1]).toBe("title Windows Boot Manager\nefi /EFI/Microsoft/Boot/bootmgfw.efi\n");
    expect(Object.entries(w).find(([k]) => k.endsWith("loader/loader.conf"))?.[1]).toContain(
      "auto-entries no",
    );
    // EFI/Boot/bootx64.efi is Windows' (FAT is case-insensitive): not replaced.
    expect(pl.steps.map((s) => s.id)).not.toContain("install.esp.fallback");
    expect(pl.notes.join("\n")).toContain("boot menu: the new system first, then Windows Boot Manager");
  });

  it("the default chain (shim → GRUB) lists the other systems too and keeps the fallback", () => {
    const pl = plan(facts(fedoraParts()));
    // GRUB's menu is written by the kernel-install plugin, which carries the other systems' entries.
    const menu = Object.entries(writes(pl)).find(([k]) => k.endsWith("95-levitate-grub-menu.install"))?.[1];
    expect(menu).toContain(`menuentry '${FEDORA}' {`);
    expect(menu).toContain(`search --no-floppy --fs-uuid --set=root {{uuid:${p(1)}}}`);
    expect(menu).toContain("chainloader /EFI/fedora/shimx64.efi");
    const ids = pl.steps.map((s) => s.id);
    expect(ids).not.toContain("install.esp.fallback");
    expect(ids).not.toContain("install.esp.fallback-grub");
  });

  it("Fedora: its own loader (shim) under its os-release name; new partitions numbered after p3", () => {
    const pl = plan(facts(fedoraParts()), { bootloader: "systemd-boot", swapSize: "4G" });
    const entry = Object.entries(writes(pl)).find(([k]) => k.includes("loader/entries/alt-"));
    expect(entry?.[0]).toMatch(/alt-fedora-linux-41-workstation-edition\.conf$/);
    expect(entry?.[1]).toBe(`title ${FEDORA}\nefi /EFI/fedora/shimx64.efi\n`);
    const script = run(step(pl, "partitionDisk.sfdisk"))?.stdin ?? "";
    expect(script.split("\n")[0]).toMatch(
      new RegExp(`^${p(4)} : start=${601 + 1024 + 100 * 1024}MiB, size=4096MiB, type=0657FD6D`),
    );
    expect(script.split("\n")[1]).toMatch(
      new RegExp(`^${p(5)} : start=${601 + 1024 + 100 * 1024 + 4096}MiB, `),
    );
  });

  it("rootSize and a separate /home: root as asked, /home the rest of the free region", () => {
    const pl = plan(facts(windowsParts()), {
      rootSize: "100G",
      separateHome: true,
      bootloader: "systemd-boot",
    });
    const after = pl.disk?.after.partitions.filter((x) => !x.existing) ?? [];
    expect(after.map((x) => [x.role, x.device])).toEqual([
      ["root", p(5)],
      ["home", p(6)],
    ]);
    expect(after[0]?.sizeBytes).toBe(100 * GiB);
    const region = (500 * 1024 - 1 - (117 + 200 * 1024 + 700)) * MiB;
    expect(after[1]?.sizeBytes).toBe(region - 100 * GiB);
    expect(pl.notes.join("\n")).toContain("root 100G as asked; /home takes the rest");
  });

  it("a disk without an ESP gets one in the free region (UEFI)", () => {
    const parts = windowsParts().slice(1);
    const pl = plan(facts(parts), { bootloader: "systemd-boot" });
    const created = pl.disk?.after.partitions.filter((x) => !x.existing) ?? [];
    expect(created.map((x) => [x.role, x.device, x.sizeBytes])).toEqual([
      ["esp", p(1), GiB],
      ["root", p(5), expect.any(Number)],
    ]);
    expect(run(step(pl, "partitionDisk.mkfs.esp"))?.argv).toEqual([
      "mkfs.vfat",
      "-F",
      "32",
      "-n",
      "ESP",
      p(1),
    ]);
  });

  it("the plan says which partitions stay untouched and what is created where; dry-run shows the exact sfdisk script", () => {
    const pl = plan(facts(windowsParts()), { bootloader: "systemd-boot" });
    const text = renderPlan(pl, { color: false, verbose: true });
    expect(text).toContain(
      `${p(1)}  100M  vfat "SYSTEM" (Windows Boot Manager)  kept; shared: boot files added, none changed`,
    );
    expect(text).toContain(`${p(3)}  200G  ntfs "Windows" (Windows Boot Manager)  untouched`);
    expect(text).toContain(`${p(2)}  16M  -  untouched`);
    expect(text).toMatch(new RegExp(`${p(5)}  \\S+  ext4 on /  new, at ${117 + 200 * 1024 + 700} MiB`));
    expect(text).toContain(`| ${p(5)} : start=`);
    expect(pl.notes.join("\n")).toContain(
      `untouched: ${p(1)} (100M vfat "SYSTEM", Windows Boot Manager), ${p(2)} (16M), ${p(3)} (200G ntfs "Windows", Windows Boot Manager), ${p(4)} (700M ntfs)`,
    );
    expect(pl.notes.join("\n")).toMatch(/created in the free space: \/dev\/nvme0n1p5 root .* at 205617 MiB/);
  });

  it("the re-check before writing: same size and serial, every partition at its place, the region still free, the shared ESP's room and the exact files the chain adds", () => {
    const pl = plan(facts(windowsParts()), { bootloader: "systemd-boot" });
    const check = step(pl, "partitionDisk.recheck")?.action as CheckDiskAction;
    expect(check).toMatchObject({ kind: "checkDisk", disk: DISK, sizeBytes: 500 * GiB, serial: "WD-123" });
    expect(check.partitions?.map((x) => x.path)).toEqual([p(1), p(2), p(3), p(4)]);
    expect(check.partitions?.[3]).toEqual({
      path: p(4),
      sizeBytes: 700 * MiB,
      startBytes: (117 + 200 * 1024) * MiB,
    });
    expect(check.freeRegion).toEqual({
      startBytes: (117 + 200 * 1024 + 700) * MiB,
      endBytes: (500 * 1024 - 1) * MiB,
    });
    expect(check.esp?.device).toBe(p(1));
    // systemd-boot (0.25M), 3 small files, kernel 15M + initramfs 40M (reference sizes), plus a tenth
    expect(check.esp?.roomBytes).toBe(61 * MiB);
    expect(check.esp?.adds.sort()).toEqual(
      [
        "EFI/systemd/systemd-bootx64.efi",
        "loader/loader.conf",
        "loader/entries/levitate.conf",
        "loader/entries/alt-windows-boot-manager.conf",
        "levitate/",
      ].sort(),
    );
    // Whole-disk installs are re-checked too, before wipefs.
    const whole = compilePlan([free({ use: "whole" })], facts(windowsParts()));
    expect(whole.ok && whole.plan.steps.map((s) => s.id).slice(0, 2)).toEqual([
      "partitionDisk.recheck",
      "partitionDisk.wipefs",
    ]);
  });
});

describe("install alongside: refused before anything is written", () => {
  it("a disk without a partition table", () => {
    const e = refused(facts([], {}, { table: undefined }));
    expect(e.message).toBe(
      `${DISK} has no partition table, so there is no other system to keep and no free region to use`,
    );
    expect(e.hint).toContain("use whole");
    expect(e.path).toBe("steps[0].args.use");
  });

  it("facts without the partitions (version 1)", () => {
    const e = refused(facts(undefined));
    expect(e.message).toContain("the facts do not list the partitions of");
    // a command that exists (tester 24 W6: "levitate probe" does not)
    expect(e.hint).toContain("without --facts");
    expect(e.hint).not.toContain("levitate probe");
  });

  it("an MBR disk with 4 primary partitions", () => {
    const parts: Part[] = [1, 2, 3, 4].map((n) => ({
      path: p(n),
      sizeBytes: 10 * GiB,
      startBytes: MiB + (n - 1) * 10 * GiB,
      fstype: "ntfs",
      type: "7",
    }));
    const e = refused(facts(parts, { firmware: "bios" }, { table: "dos" }));
    expect(e.message).toBe(
      `${DISK} has an MBR partition table with 4 primary partitions; an MBR holds 4, and this layout needs 2 more (boot, root)`,
    );
    expect(e.hint).toContain("use whole");
  });

  it("free space below the smallest root", () => {
    const parts = windowsParts();
    (parts[3] as { sizeBytes: number }).sizeBytes = 500 * GiB - (117 * MiB + 200 * GiB) - 3 * GiB;
    const e = refused(facts(parts));
    expect(e.message).toMatch(
      /^the largest free region of \/dev\/nvme0n1 is too small for this layout: it has .*3\.0 GiB.*, the layout needs at least .*4\.0 GiB.* \(4G root at least\)$/,
    );
    expect(e.hint).toContain("make more room");
  });

  it("no free space at all", () => {
    const parts = windowsParts();
    (parts[3] as { sizeBytes: number }).sizeBytes = 500 * GiB - (117 * MiB + 200 * GiB) - MiB;
    const e = refused(facts(parts));
    expect(e.message).toBe(`${DISK} has no free space: its partitions fill the disk`);
    expect(e.hint).toContain("Shrink Volume");
  });

  it("a BitLocker partition is kept and named in the plan, with the recovery key warning; an unknown one too", () => {
    const parts = windowsParts();
    (parts[2] as { fstype: string }).fstype = "BitLocker";
    parts.push({ path: p(5), sizeBytes: GiB, startBytes: 300 * GiB });
    const pl = plan(facts(parts), { bootloader: "systemd-boot" });
    const notes = pl.notes.join("\n");
    expect(notes).toContain(
      `${p(3)} (200G BitLocker "Windows", Windows Boot Manager) is BitLocker-encrypted: it stays untouched, but Windows may ask for its recovery key`,
    );
    expect(notes).toContain(`${p(5)} (1G) holds nothing this installer recognises; it stays untouched`);
    // The MSR holds nothing by design: no note for it.
    expect(notes).not.toContain(`${p(2)} (16M) holds nothing`);
  });

  it("BIOS with a GPT disk that already has a BIOS boot partition (the other GRUB's core is there)", () => {
    const parts = linuxGptParts();
    parts.unshift({ path: p(3), sizeBytes: MiB, startBytes: MiB, type: BIOS_BOOT });
    (parts[1] as { startBytes: number }).startBytes = 2 * MiB;
    const e = refused(facts(parts, { firmware: "bios" }));
    expect(e.message).toBe(
      `${DISK} already has a BIOS boot partition (${p(3)}): the other system's GRUB keeps its core image there, and GRUB for the new system would overwrite it`,
    );
    expect(e.hint).toContain("UEFI mode");
  });

  it("free space only between logical partitions: refused (new logical ones go after the last)", () => {
    const parts: Part[] = [
      { path: p(1), sizeBytes: 100 * GiB, startBytes: MiB, fstype: "ext4", type: "83" },
      { path: p(2), sizeBytes: 400 * GiB - 2 * MiB, startBytes: MiB + 100 * GiB, type: "5" },
      { path: p(5), sizeBytes: 50 * GiB, startBytes: 2 * MiB + 100 * GiB, fstype: "ext4", type: "83" },
      // 100 GiB free between p5 and p6; p6 fills the rest of the container
      {
        path: p(6),
        sizeBytes: 250 * GiB - 3 * MiB,
        startBytes: 2 * MiB + 250 * GiB,
        fstype: "ext4",
        type: "83",
      },
    ];
    const e = refused(facts(parts, { firmware: "bios" }, { table: "dos" }));
    expect(e.message).toMatch(
      new RegExp(
        `^${DISK}'s free space \\(.+\\) lies between logical partitions of its extended partition ${p(2)}`,
      ),
    );
    expect(e.hint).toContain("at the end of the extended partition");
  });

  it("rootSize below the smallest root", () => {
    const e = refused(facts(windowsParts()), { rootSize: "2G" });
    expect(e.message).toBe("rootSize 2G is too small: root needs at least 4G");
    expect(e.path).toBe("steps[0].args.rootSize");
  });
});

const DEBIAN_LOGICAL = "Debian GNU/Linux 11 (bullseye)";
/** MBR: a primary Debian, an extended partition holding a logical one, 300 GiB free at its end. */
function logicalParts(): Part[] {
  return [
    { path: p(1), sizeBytes: 100 * GiB, startBytes: MiB, fstype: "ext4", type: "83", os: DEBIAN },
    { path: p(2), sizeBytes: 400 * GiB - 2 * MiB, startBytes: MiB + 100 * GiB, type: "5" },
    {
      path: p(5),
      sizeBytes: 50 * GiB,
      startBytes: 2 * MiB + 100 * GiB,
      fstype: "ext4",
      type: "83",
      os: DEBIAN_LOGICAL,
    },
  ];
}

describe("MBR: install into the free space of an extended partition as logical partitions", () => {
  it("logical partitions 6 and 7 after the last one, each 1 MiB after what precedes it (its EBR); nothing else written", () => {
    const pl = plan(facts(logicalParts(), { firmware: "bios" }, { table: "dos" }), { swapSize: "2G" });
    const first = 1 + 100 * 1024 + 1 + 50 * 1024 + 1;
    const end = 1 + 100 * 1024 + 400 * 1024 - 2;
    expect(run(step(pl, "partitionDisk.sfdisk"))?.argv).toEqual([
      "sfdisk",
      "--append",
      "--wipe-partitions",
      "always",
      DISK,
    ]);
    expect(run(step(pl, "partitionDisk.sfdisk"))?.stdin).toBe(
      [
        `${p(6)} : start=${first}MiB, size=1024MiB, type=83, bootable`,
        `${p(7)} : start=${first + 1024 + 1}MiB, size=2048MiB, type=82`,
        `${p(8)} : start=${first + 1024 + 1 + 2048 + 1}MiB, size=${end - (first + 1024 + 1 + 2048 + 1)}MiB, type=83`,
        "",
      ].join("\n"),
    );
    expect(pl.steps.some((s) => s.id === "partitionDisk.wipefs")).toBe(false);
    const notes = pl.notes.join("\n");
    expect(notes).toContain(
      `the new partitions are logical ones inside the extended partition ${p(2)}, after its last logical partition (numbered from 6, each with its 1 MiB extended boot record before it)`,
    );
    const cfg = Object.entries(writes(pl)).find(([k]) => k.endsWith("/boot/grub/grub.cfg"))?.[1] ?? "";
    expect(cfg).toContain(`menuentry '${DEBIAN}' {`);
    expect(cfg).toContain(`menuentry '${DEBIAN_LOGICAL}' {`);
    const check = step(pl, "partitionDisk.recheck")?.action as CheckDiskAction;
    expect(check.freeRegion).toEqual({
      startBytes: first * MiB,
      endBytes: end * MiB,
      logical: true,
    });
  });

  it("the EBRs count in the room the layout needs", () => {
    const parts = logicalParts();
    // the container ends so that 1 GiB boot + 4 GiB root fit, but not the EBR between them
    const ext = parts[1] as { startBytes: number; sizeBytes: number };
    ext.sizeBytes = MiB + 50 * GiB + MiB + 5 * GiB;
    // the disk ends with the extended partition: no free space outside it
    const f = facts(parts, { firmware: "bios" }, { table: "dos", sizeBytes: ext.startBytes + ext.sizeBytes });
    const e = refused(f);
    expect(e.message).toContain("1M for the logical partitions' EBRs + 1G boot + 4G root at least");
  });

  it("an MBR whose 4 entries are used (3 primaries and the extended one) takes logical partitions too", () => {
    const parts = logicalParts();
    parts.splice(
      1,
      0,
      { path: p(3), sizeBytes: GiB, startBytes: MiB + 100 * GiB, type: "83", fstype: "ext4" },
      { path: p(4), sizeBytes: GiB, startBytes: MiB + 101 * GiB, type: "83", fstype: "ext4" },
    );
    const ext = parts[3] as { startBytes: number; sizeBytes: number };
    ext.startBytes = MiB + 102 * GiB;
    ext.sizeBytes = 398 * GiB - 2 * MiB;
    (parts[4] as { startBytes: number }).startBytes = 2 * MiB + 102 * GiB;
    const pl = plan(facts(parts, { firmware: "bios" }, { table: "dos" }));
    expect(pl.disk?.after.partitions.map((x) => x.device)).toEqual([p(6), p(7)]);
  });

  it("UEFI without an ESP on the disk: refused, the ESP cannot be a logical partition", () => {
    const e = refused(facts(logicalParts(), {}, { table: "dos" }));
    expect(e.message).toBe(
      `${DISK}'s free space is inside its extended partition ${p(2)}, and the new system needs an EFI system partition there, which must be a primary partition (firmware does not look into logical ones)`,
    );
  });

  it("UEFI with an ESP (primary): shared, root goes in as a logical partition", () => {
    const parts = logicalParts();
    parts.unshift({
      path: p(3),
      sizeBytes: 500 * MiB,
      startBytes: 500 * GiB - 500 * MiB,
      type: "ef",
      fstype: "vfat",
      esp: true,
      loaders: [],
      fsFreeBytes: 400 * MiB,
    });
    (parts[2] as { sizeBytes: number }).sizeBytes = 400 * GiB - 2 * MiB - 500 * MiB;
    const pl = plan(facts(parts, {}, { table: "dos" }));
    const created = pl.disk?.after.partitions.filter((x) => !x.existing) ?? [];
    expect(created.map((x) => [x.role, x.device])).toEqual([["root", p(6)]]);
    expect(pl.disk?.after.partitions.find((x) => x.existing)?.device).toBe(p(3));
  });
});

describe("BIOS alongside an MBR Windows: GRUB chainloads it", () => {
  it("keeps the table, adds /boot and root, and GRUB's menu chainloads the Windows partition", () => {
    const parts: Part[] = [
      {
        path: p(1),
        sizeBytes: 500 * MiB,
        startBytes: MiB,
        fstype: "ntfs",
        label: "System Reserved",
        type: "7",
      },
      {
        path: p(2),
        sizeBytes: 100 * GiB,
        startBytes: 501 * MiB,
        fstype: "ntfs",
        label: "Windows",
        type: "7",
        os: "Windows",
      },
    ];
    const pl = plan(facts(parts, { firmware: "bios" }, { table: "dos" }));
    expect(run(step(pl, "partitionDisk.sfdisk"))?.stdin).toBe(
      `${p(3)} : start=${501 + 100 * 1024}MiB, size=1024MiB, type=83, bootable\n${p(4)} : start=${501 + 100 * 1024 + 1024}MiB, size=${500 * 1024 - (501 + 100 * 1024 + 1024)}MiB, type=83\n`,
    );
    const cfg = Object.entries(writes(pl)).find(([k]) => k.endsWith("/boot/grub/grub.cfg"))?.[1] ?? "";
    expect(cfg).toContain("menuentry 'Windows' {");
    expect(cfg).toContain(`search --no-floppy --fs-uuid --set=root {{uuid:${p(2)}}}`);
    expect(cfg).toContain("chainloader +1");
    expect(pl.notes.join("\n")).toContain("GRUB replaces the boot code in the MBR");
  });
});

const BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649";
const DEBIAN = "Debian GNU/Linux 12 (bookworm)";
/** An old Linux installed for BIOS on a GPT disk whose GRUB lives elsewhere (no BIOS boot partition). */
function linuxGptParts(): Part[] {
  return [
    {
      path: p(1),
      sizeBytes: 100 * GiB,
      startBytes: MiB,
      type: "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
      fstype: "ext4",
      label: "debian",
      os: DEBIAN,
    },
  ];
}

describe("an ESP that cannot be shared: refused, or a second ESP when efiSize asks for one", () => {
  it("too full for the chain: refused before anything is written, naming the ESP, its free space, the chain's need and the fixes", () => {
    const e = refused(facts(windowsParts(4 * MiB)));
    expect(e.message).toBe(
      `the EFI system partition ${p(1)} has 4M free; the shim → GRUB chain needs 7M there (shim and GRUB, GRUB's stub; the kernels stay on the root filesystem): the new system cannot share it, and nothing was written`,
    );
    expect(e.path).toBe("steps[0].args.use");
    expect(e.hint).toBe(
      `make room on ${p(1)} with the other system's tools; or give efiSize (e.g. efiSize 512M) to create a second EFI system partition for the new system in the free space (the other system's ESP stays untouched); or install on the whole disk (use whole)`,
    );
    const sd = refused(facts(windowsParts(20 * MiB)), { bootloader: "systemd-boot" });
    expect(sd.message).toContain(
      "systemd-boot needs 61M there (systemd-boot, its entries, the kernel and the initramfs)",
    );
    expect(sd.hint).toContain("or use the default shim → GRUB chain without encryption");
  });

  it("not FAT: refused too, with the efiSize way out", () => {
    const parts = windowsParts();
    (parts[0] as { fstype: string | null }).fstype = null;
    const e = refused(facts(parts));
    expect(e.message).toBe(
      `${p(1)} is marked as an EFI system partition but holds no filesystem, not FAT: the new system cannot share it, and nothing was written`,
    );
    expect(e.hint).toMatch(/^give efiSize \(e\.g\. efiSize 512M\) to create a second EFI system partition/);
  });

  it("with efiSize: a new ESP in the free space, the old one untouched and not in the plan's partitions", () => {
    const pl = plan(facts(windowsParts(4 * MiB)), { efiSize: "1G" });
    const start = 117 + 200 * 1024 + 700;
    expect(run(step(pl, "partitionDisk.sfdisk"))?.stdin).toBe(
      [
        `${p(5)} : start=${start}MiB, size=1024MiB, type=${ESP_TYPE}, name=ESP`,
        `${p(6)} : start=${start + 1024}MiB, size=${500 * 1024 - 1 - (start + 1024)}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name=root`,
        "",
      ].join("\n"),
    );
    expect(run(step(pl, "partitionDisk.mkfs.esp"))?.argv).toContain(p(5));
    expect(pl.steps.some((s) => run(s)?.argv.includes(p(1)) && s.destructive)).toBe(false);
    const notes = pl.notes.join("\n");
    expect(notes).toContain(
      `a second EFI system partition (1G) for the new system in the free space, as efiSize asks: the EFI system partition ${p(1)} has 4M free; the shim → GRUB chain needs 7M there`,
    );
    expect(notes).toMatch(/untouched: \/dev\/nvme0n1p1 \(100M vfat "SYSTEM"/);
    expect(notes).toContain(`Windows Boot Manager stays on ${p(1)}: GRUB lists it by that partition's UUID`);
  });

  it("with efiSize, GRUB chainloads the other system from its ESP by UUID; systemd-boot lists no entry it cannot start", () => {
    const grub = plan(facts(windowsParts(4 * MiB)), { efiSize: "512M" });
    const cfg = Object.values(writes(grub)).join("\n");
    expect(cfg).toContain("menuentry 'Windows Boot Manager' {");
    expect(cfg).toContain(`search --no-floppy --fs-uuid --set=root {{uuid:${p(1)}}}`);
    expect(cfg).toContain("chainloader /EFI/Microsoft/Boot/bootmgfw.efi");
    const sdboot = plan(facts(windowsParts(20 * MiB)), { bootloader: "systemd-boot", efiSize: "512M" });
    expect(Object.keys(writes(sdboot)).some((k) => k.includes("alt-"))).toBe(false);
    expect(JSON.stringify(sdboot.steps)).not.toContain("alt-windows");
  });

  it("with efiSize and an ESP that has room, efiSize is ignored: the ESP is shared", () => {
    const pl = plan(facts(windowsParts()), { efiSize: "512M" });
    expect(
      pl.disk?.after.partitions.filter((x) => x.role === "esp").map((x) => [x.device, !!x.existing]),
    ).toEqual([[p(1), true]]);
  });
});

describe("the room a shared ESP needs, per chain, from the files' sizes", () => {
  const measured = { shim: 2 * MiB, grub: 6 * MiB, systemdBoot: MiB, kernel: 20 * MiB, initramfs: 60 * MiB };
  const at = (freeMiB: number) => facts(windowsParts(freeMiB * MiB), { bootFiles: measured });
  const shares = (f: Facts, args: Record<string, unknown> = {}) => {
    const r = compilePlan([free(args)], f);
    if (!r.ok) return r.errors[0]?.message ?? "refused";
    return r.plan.disk?.after.partitions.some((x) => x.existing && x.role === "esp")
      ? "shared"
      : "not shared";
  };

  it("the pieces: shim → GRUB (plain, with the fallback, encrypted) and systemd-boot", () => {
    const opts = { encrypt: false, fallback: false, sdboot: true, entries: 2 };
    // (2 + 6 MiB + 4 KiB) x 1.1, rounded up to a MiB
    expect(espRoomFor("grub", opts, measured).bytes).toBe(9 * MiB);
    expect(espRoomFor("grub", { ...opts, fallback: true }, measured).bytes).toBe(18 * MiB);
    // + kernel 20 + initramfs 60 MiB on the ESP: 88.0 MiB x 1.1
    expect(espRoomFor("grub", { ...opts, encrypt: true }, measured).bytes).toBe(97 * MiB);
    // 1 + 20 + 60 MiB and 4 small files: 81.02 MiB x 1.1
    expect(espRoomFor("systemd-boot", opts, measured).bytes).toBe(90 * MiB);
    expect(espRoomFor("systemd-boot", { ...opts, sdboot: false }, measured).bytes).toBe(89 * MiB);
    expect(espRoomFor("grub", opts, REFERENCE_BOOT_FILES).what).toBe(
      "shim and GRUB, GRUB's stub; the kernels stay on the root filesystem",
    );
  });

  it("both sides of each limit, with the sizes the live system measured (facts.bootFiles)", () => {
    expect(shares(at(9))).toBe("shared");
    expect(shares(at(8))).toMatch(/has 8M free; the shim → GRUB chain needs 9M there/);
    expect(shares(at(97), { encrypt: true })).toBe("shared");
    expect(shares(at(96), { encrypt: true })).toMatch(
      /has 96M free; the shim → GRUB chain needs 97M there \(shim and GRUB, GRUB's stub, and the kernel and initramfs/,
    );
    expect(shares(at(90), { bootloader: "systemd-boot" })).toBe("shared");
    expect(shares(at(89), { bootloader: "systemd-boot" })).toMatch(
      /has 89M free; systemd-boot needs 90M there/,
    );
    // efiSize given: the same ESP becomes a second one instead of a refusal
    expect(shares(at(89), { bootloader: "systemd-boot", efiSize: "512M" })).toBe("not shared");
  });

  it("the re-check before writing asks for the same room", () => {
    const pl = plan(at(97), { encrypt: true });
    const check = step(pl, "partitionDisk.recheck")?.action as CheckDiskAction;
    expect(check.esp?.roomBytes).toBe(97 * MiB);
  });
});

describe("BIOS alongside on a GPT disk: a BIOS boot partition for GRUB's core", () => {
  it("a 1 MiB BIOS boot partition opens the free region, then /boot and root; GRUB i386-pc onto the disk; never formatted nor in fstab", () => {
    const pl = plan(facts(linuxGptParts(), { firmware: "bios" }));
    const start = 1 + 100 * 1024;
    expect(run(step(pl, "partitionDisk.sfdisk"))?.stdin).toBe(
      [
        `${p(2)} : start=${start}MiB, size=1MiB, type=${BIOS_BOOT}, name=biosboot`,
        `${p(3)} : start=${start + 1}MiB, size=1024MiB, type=BC13C2FF-59E6-4262-A352-B275FD6F7172, name=boot`,
        `${p(4)} : start=${start + 1 + 1024}MiB, size=${500 * 1024 - 1 - (start + 1 + 1024)}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name=root`,
        "",
      ].join("\n"),
    );
    const mkfs = pl.steps.filter((s) => s.id.startsWith("partitionDisk.mkfs."));
    expect(mkfs.map((s) => s.id)).toEqual(["partitionDisk.mkfs.boot", "partitionDisk.mkfs.root"]);
    expect(mkfs.some((s) => run(s)?.argv.includes(p(2)))).toBe(false);
    const w = writes(pl);
    const fstab = Object.entries(w).find(([k]) => k.endsWith("/etc/fstab"))?.[1] ?? "";
    expect(fstab).not.toContain(p(2));
    expect(run(step(pl, "install.grub-install"))?.argv).toEqual(
      expect.arrayContaining(["--target=i386-pc", DISK]),
    );
    const cfg = Object.entries(w).find(([k]) => k.endsWith("/boot/grub/grub.cfg"))?.[1] ?? "";
    expect(cfg).toContain("insmod part_gpt");
    expect(cfg).toContain(`menuentry '${DEBIAN}' {`);
    expect(cfg).toContain(`search --no-floppy --fs-uuid --set=root {{uuid:${p(1)}}}`);
    const notes = pl.notes.join("\n");
    expect(notes).toContain("a 1 MiB BIOS boot partition (GPT type 21686148-6449-6E6F-744E-656564454649)");
    expect(notes).toContain("protective MBR");
  });

  it("the BIOS boot partition counts in the room the layout needs", () => {
    const parts = linuxGptParts();
    // free: 1 GiB /boot + 4 GiB root exactly, without the BIOS boot partition's MiB
    (parts[0] as { sizeBytes: number }).sizeBytes = 500 * GiB - 2 * MiB - 5 * GiB;
    const e = refused(facts(parts, { firmware: "bios" }));
    expect(e.message).toContain("1M BIOS boot + 1G boot + 4G root at least");
  });
});

describe("pieces", () => {
  it("free regions: aligned to 1 MiB, the first MiB and GPT's last MiB reserved, largest first, gaps between partitions counted", () => {
    expect(
      freeRegions({
        sizeBytes: 100 * MiB + 4096,
        table: "gpt",
        partitions: [
          { startBytes: MiB, sizeBytes: 10 * MiB },
          { startBytes: 20 * MiB + 512, sizeBytes: 10 * MiB },
        ],
      }),
    ).toEqual([
      { startBytes: 31 * MiB, endBytes: 99 * MiB },
      { startBytes: 11 * MiB, endBytes: 20 * MiB },
    ]);
    expect(freeRegions({ sizeBytes: 100 * MiB, table: "dos", partitions: [] })).toEqual([
      { startBytes: MiB, endBytes: 100 * MiB },
    ]);
    expect(freeRegions({ sizeBytes: 100 * MiB, partitions: [] })).toBeUndefined();
  });

  it("rootSize on a whole disk: root as asked, the rest unallocated", () => {
    const l = computeLayout({
      disk: "/dev/sda",
      diskBytes: 100 * GiB,
      firmware: "uefi",
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      efiBytes: GiB,
      rootBytes: 20 * GiB,
    });
    expect(l.partitions.map((x) => [x.role, x.sizeMiB])).toEqual([
      ["esp", 1024],
      ["root", 20 * 1024],
    ]);
    expect(l.notes.join("\n")).toContain("root 20G as asked");
  });

  it("other systems' entry files sort below levitate.conf: systemd-boot orders by file name, descending, so the new system boots by default", () => {
    const files = systemdBootEntries([
      {
        name: "Windows Boot Manager",
        kind: "windows",
        loader: "EFI/Microsoft/Boot/bootmgfw.efi",
        partition: "/dev/sda1",
      },
      { name: "Zorin OS 17", kind: "linux", loader: "EFI/zorin/shimx64.efi", partition: "/dev/sda5" },
    ]).map((e) => e.file);
    expect(files).toEqual(["alt-windows-boot-manager.conf", "alt-zorin-os-17.conf"]);
    for (const f of files) expect(f < "levitate.conf").toBe(true);
  });

  it("menu entries never carry a quote or a newline from a probed name into a config", () => {
    const s = {
      name: "Evil'\ntitle x",
      kind: "linux" as const,
      loader: "EFI/evil/grubx64.efi",
      partition: "/dev/sda1",
    };
    expect(systemdBootEntries([s])[0]?.content).toBe("title Eviltitle x\nefi /EFI/evil/grubx64.efi\n");
    expect(grubMenuEntries([s], "uefi")[0]).toBe("menuentry 'Eviltitle x' {");
  });
});
