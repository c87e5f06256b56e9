import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { computeFreeLayout } from "../../leviso/disk/free-layout.js";
import { computeLayout, sfdiskScript } from "../../leviso/disk/layout.js";
import { bootloaderSteps } from "../../leviso/disk/steps.js";
import { fillFreeStarts } from "../../steps/freeStart.js";
import { GiB, MiB, TiB } from "../../steps/size.js";
import type { Step } from "../../steps/step.js";
import { compilePlan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 24, fixL25: tester 24's disk and layout findings (W28, W17, W6 and the disk-choice words),
 * on the tester's machines rebuilt from the findings' descriptions.
 */

const BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649";
const BOOT = "BC13C2FF-59E6-4262-A352-B275FD6F7172";
const ROOT = "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709";
const SIXTEEN_TB = 16000900661248;

function machine(firmware: "uefi" | "bios", disks: Record<string, unknown>[]): Facts {
  return inferLiveMedium(
    FactsSchema.parse({
      version: 2,
      mode: "live",
      firmware,
      disks: [
        ...disks,
        {
          path: "/dev/sdz",
          sizeBytes: 32017047552,
          model: "SanDisk Ultra USB 3.0",
          transport: "usb",
          removable: true,
          mounted: true,
          table: "dos",
          freeBytes: 0,
          partitions: [{ path: "/dev/sdz1", sizeBytes: 32015998976, fstype: "iso9660", label: "LEVITATE" }],
        },
      ],
      users: ["root"],
      recipes: ["ripgrep", "sudo"],
    }),
  );
}
const blank = (path: string, sizeBytes: number, model: string) => ({
  path,
  sizeBytes,
  model,
  transport: "sata",
  removable: false,
  mounted: false,
});
const whole = (disk: string, args: Record<string, unknown> = {}): ToolCall =>
  ({
    tool: "partitionDisk",
    args: { disk, use: "whole", filesystem: "ext4", encrypt: false, separateHome: false, ...args },
  }) as ToolCall;

describe("W28: a BIOS install on a disk over 2 TiB writes GPT with a BIOS boot partition", () => {
  const req = (diskBytes: number) => ({
    disk: "/dev/sdb",
    diskBytes,
    firmware: "bios" as const,
    filesystem: "ext4" as const,
    encrypt: false,
    separateHome: false,
    efiBytes: GiB,
  });

  it("16 TB: GPT, BIOS boot (1 MiB) first, then /boot and root, in the sfdisk script", () => {
    const layout = computeLayout(req(SIXTEEN_TB));
    expect(layout.table).toBe("gpt");
    expect(layout.partitions.map((p) => [p.device, p.role, p.fstype, p.mountpoint])).toEqual([
      ["/dev/sdb1", "biosboot", "none", null],
      ["/dev/sdb2", "boot", "ext4", "/boot"],
      ["/dev/sdb3", "root", "ext4", "/"],
    ]);
    expect(sfdiskScript(layout)).toBe(
      [
        "label: gpt",
        "",
        `size=1MiB, type=${BIOS_BOOT}, name=biosboot`,
        `size=1024MiB, type=${BOOT}, name=boot`,
        `type=${ROOT}, name=root`,
        "",
      ].join("\n"),
    );
    expect(layout.notes[0]).toContain("larger than the 2 TiB an MBR can address");
  });

  it("with swap and a separate /home the BIOS boot partition stays first", () => {
    const layout = computeLayout({ ...req(3 * TiB), swapBytes: 8 * GiB, separateHome: true });
    expect(layout.partitions.map((p) => p.role)).toEqual(["biosboot", "boot", "swap", "root", "home"]);
  });

  it("the MBR stays for BIOS disks it can address (2 TiB and less), and UEFI keeps its GPT", () => {
    expect(computeLayout(req(2 * TiB)).table).toBe("dos");
    expect(computeLayout(req(500 * GiB)).partitions.map((p) => p.role)).toEqual(["boot", "root"]);
    expect(computeLayout(req(2 * TiB + MiB)).table).toBe("gpt");
    const uefi = computeLayout({ ...req(SIXTEEN_TB), firmware: "uefi" });
    expect(uefi.partitions.map((p) => p.role)).toEqual(["esp", "root"]);
  });

  it("GRUB: the exact grub-install argv, part_gpt in the menu, the BIOS boot partition named", () => {
    const steps = bootloaderSteps(computeLayout(req(SIXTEEN_TB)), "/mnt");
    const install = steps.find((s) => s.id === "install.grub-install") as Step;
    expect(install.action).toMatchObject({
      kind: "run",
      argv: ["grub2-install", "--target=i386-pc", "--boot-directory=/mnt/boot", "/dev/sdb"],
    });
    expect(install.changes).toContain("the BIOS boot partition /dev/sdb1");
    const cfg = steps.find((s) => s.id === "install.grub-cfg") as Step;
    expect(cfg.action.kind === "writeFile" && cfg.action.content).toContain("insmod part_gpt");
  });

  it("the whole plan: the BIOS boot partition is never formatted nor mounted, nor in fstab", () => {
    const f = machine("bios", [blank("/dev/sdb", SIXTEEN_TB, "WDC WUH721816ALE6L4")]);
    const r = compilePlan([whole("/dev/sdb")], f);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const argvs = r.plan.steps.flatMap((s) => (s.action.kind === "run" ? [s.action.argv.join(" ")] : []));
    expect(argvs.some((a) => a.includes("/dev/sdb1"))).toBe(false);
    const sf = r.plan.steps.find((s) => s.id === "partitionDisk.sfdisk") as Step;
    expect(sf.title).toBe("Write a new GPT partition table on /dev/sdb");
  });

  it("free space on an MBR disk is used below 2 TiB only", () => {
    const layout = computeFreeLayout({
      disk: "/dev/sda",
      firmware: "bios",
      filesystem: "ext4",
      table: "dos",
      region: { startBytes: TiB, endBytes: 3 * TiB },
      usedNumbers: [1],
      encrypt: false,
      separateHome: false,
      efiBytes: GiB,
      kept: [],
    });
    const root = layout.partitions.find((p) => p.role === "root");
    expect((root?.startMiB ?? 0) * MiB + (root?.sizeBytes ?? 0)).toBeLessThanOrEqual(2 * TiB);
    expect(layout.notes.join(" ")).toContain("only the free space below 2 TiB is used");
  });
});

describe("W17: a whole-disk install on a disk too small for an install is answered with the numbers", () => {
  const TINY = machine("uefi", [{ ...blank("/dev/mmcblk0", 7818182656, "DA4064"), transport: "mmc" }]);
  for (const line of [
    "install here, btrfs and encrypted",
    "use /dev/mmcblk0",
    "erase the emmc and put it there",
    "just install it on the internal storage",
  ])
    it(`"${line}": no erase, a reply naming the disk's size and what an install needs`, async () => {
      const { last, conv } = await dialogue(TINY, [line]);
      expect("calls" in last).toBe(false);
      expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(false);
      if ("reply" in last) {
        expect(last.offer?.calls.some((c) => c.tool === "partitionDisk") ?? false).toBe(false);
        if (last.reply.includes("too small"))
          expect(last.reply).toContain("9.7 GB (9.0 GiB) (1G EFI system partition + 8G for the system)");
      }
    });

  it("the first turn says it, and a yes after it erases nothing", async () => {
    const { decisions, conv } = await dialogue(TINY, ["install here, btrfs and encrypted", "yes"]);
    const first = decisions[0] as { reply: string };
    expect(first.reply).toContain("is too small for an install");
    expect(first.reply).toContain("7.8 GB (7.3 GiB)");
    expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(false);
  });

  it("swap counts: a disk that holds the system but not the swap says it fits without it", async () => {
    const ELEVEN = machine("uefi", [blank("/dev/sda", 11 * GiB, "Kingston A400")]);
    const { last } = await dialogue(ELEVEN, ["install on sda with 8G swap"]);
    expect("reply" in last && last.reply).toContain("It fits without swap");
  });

  it("near-miss: a disk with room is planned as before", async () => {
    const SIXTEEN = machine("uefi", [blank("/dev/sda", 16 * 1000 ** 3, "Kingston A400")]);
    const { conv } = await dialogue(SIXTEEN, ["install on sda"]);
    expect(conv.pending.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({ disk: "/dev/sda" });
  });
});

describe("W6: beside Ubuntu/Windows with facts as CONTRACTS §4 gives them (no partition offsets)", () => {
  const UBUNTU = inferLiveMedium(fixtureFacts("findings25-lead-dual-ubuntu"));
  const WIN = inferLiveMedium(fixtureFacts("findings25-lead-laptop-win"));
  for (const [name, f, line] of [
    ["Ubuntu", UBUNTU, "keep ubuntu, install alongside it"],
    ["Windows", WIN, "install linux next to windows, dont touch windows"],
  ] as const)
    it(`${name}: the plan compiles; the place is read from the disk when it runs`, async () => {
      const { conv } = await dialogue(f, [line, "create user dave with sudo"]);
      const call = conv.pending.find((c) => c.tool === "partitionDisk");
      expect(call?.args).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
      const r = compilePlan(conv.pending as ToolCall[], f);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const sf = r.plan.steps.find((s) => s.id === "partitionDisk.sfdisk") as Step;
      const stdin = sf.action.kind === "run" ? (sf.action.stdin ?? "") : "";
      expect(stdin).toMatch(/^\/dev\/nvme0n1p\d : start=\{\{freestart:\/dev\/nvme0n1:\d+:0\}\}, size=/m);
      expect(sf.action.kind === "run" && sf.action.argv).toEqual([
        "sfdisk",
        "--append",
        "--wipe-partitions",
        "always",
        "/dev/nvme0n1",
      ]);
      const check = r.plan.steps.find((s) => s.action.kind === "checkDisk")?.action;
      expect(check?.kind === "checkDisk" && check.freeRegion?.anywhere).toBe(true);
      expect(r.plan.notes.join(" ")).toContain("read from the disk");
    });

  it("the placeholder takes the disk's largest free region, or stops before writing", async () => {
    const table = {
      table: "gpt" as const,
      partitions: [
        { path: "/dev/sda1", startBytes: MiB, sizeBytes: 100 * GiB, type: ROOT },
        { path: "/dev/sda2", startBytes: 200 * GiB, sizeBytes: 100 * GiB, type: ROOT },
      ],
    };
    const read = async () => ({ sizeBytes: 500 * GiB, table });
    const fail = (m: string) => new Error(m);
    const script = `/dev/sda3 : start={{freestart:/dev/sda:${150 * GiB}:0}}, size=1024MiB\n/dev/sda4 : start={{freestart:/dev/sda:${150 * GiB}:1024}}, size=2048MiB\n`;
    expect(await fillFreeStarts(script, read, fail)).toBe(
      `/dev/sda3 : start=${300 * 1024}MiB, size=1024MiB\n/dev/sda4 : start=${300 * 1024 + 1024}MiB, size=2048MiB\n`,
    );
    await expect(fillFreeStarts(script.replace(/153600/g, "1"), read, fail)).resolves.toBeTypeOf("string");
    const tooBig = `/dev/sda3 : start={{freestart:/dev/sda:${250 * GiB}:0}}, size=1024MiB\n`;
    await expect(fillFreeStarts(tooBig, read, fail)).rejects.toThrow(/nothing was written/);
    expect(await fillFreeStarts("label: gpt\n", read, fail)).toBe("label: gpt\n");
  });

  it("facts without partitions or without freeBytes are refused with a command that exists", () => {
    const f = inferLiveMedium(
      FactsSchema.parse({
        ...UBUNTU,
        disks: UBUNTU.disks.map((d) => (d.path === "/dev/nvme0n1" ? { ...d, freeBytes: undefined } : d)),
      }),
    );
    const r = compilePlan([whole("/dev/nvme0n1", { use: "free" })], f);
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r.ok ? {} : r.errors);
    expect(text).toContain("without --facts");
    expect(text).not.toContain("levitate probe");
    expect(text).not.toContain("version-1");
  });
});

describe("dev h24a-043: an erase said blind beside free space is asked, naming what is lost", () => {
  const movies = (freeBytes: number) =>
    machine("bios", [
      {
        path: "/dev/sda",
        sizeBytes: 3000592982016,
        model: "TOSHIBA DT01ACA300",
        transport: "sata",
        removable: false,
        mounted: false,
        table: "gpt",
        freeBytes,
        partitions: [{ path: "/dev/sda1", sizeBytes: 1319413953536, fstype: "ntfs", label: "Movies" }],
      },
    ]);
  const ROOMY = movies(1680000000000);
  const FULL = movies(0);
  for (const line of [
    "wipe the disk",
    "format the drive",
    "just wipe it and install",
    "nuke the hard drive pls",
    "erase the disk and put linux on",
    "ok clear the drive",
  ])
    it(`"${line}": a question that offers the free space, no erase`, async () => {
      const { last, conv } = await dialogue(ROOMY, [line]);
      expect("calls" in last).toBe(false);
      expect(conv.pending).toEqual([]);
      expect("reply" in last && last.reply).toContain('ntfs "Movies"');
      const offered = "reply" in last ? (last.offer?.calls ?? []) : [];
      expect(offered.every((c) => c.tool !== "partitionDisk" || c.args.use === "free")).toBe(true);
    });

  it("the next turn keeps the movies and takes the free space", async () => {
    const { conv, last } = await dialogue(ROOMY, ["wipe the disk", "no no, keep the movies, use the rest"]);
    const planned = "calls" in last ? last.calls : "reply" in last ? (last.offer?.calls ?? []) : conv.pending;
    expect(planned.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({ use: "free" });
    expect(conv.pending.every((c) => c.tool !== "partitionDisk" || c.args.use === "free")).toBe(true);
  });

  for (const line of [
    "wipe the whole disk",
    "wipe the disk, the movies can go",
    "erase everything on it and install",
    "erase the toshiba",
  ])
    it(`near-miss, the erase is chosen: "${line}"`, async () => {
      const { last } = await dialogue(ROOMY, [line]);
      expect("calls" in last && last.calls.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({
        disk: "/dev/sda",
        use: "whole",
      });
    });

  it("near-miss: with no room beside the content, the erase words decide as before", async () => {
    const before = await dialogue(FULL, ["wipe the disk"]);
    expect("calls" in before.last && before.last.calls[0]?.args).toMatchObject({ use: "whole" });
  });
});

describe("disk choice words (tester 24 W26, W8)", () => {
  const PHOTOS = inferLiveMedium(fixtureFacts("findings25-lead-desktop-photos"));
  const BLANK = inferLiveMedium(fixtureFacts("findings25-lead-two-blank"));
  const live = (f: Facts) => f.disks.find((d) => d.liveMedium)?.path as string;
  const wd = PHOTOS.disks.find((d) => /wd|western/i.test(d.model ?? ""))?.path as string;
  const samsung = PHOTOS.disks.find((d) => /samsung/i.test(d.model ?? ""))?.path as string;

  for (const line of [
    "erase all disks except the WD",
    "wipe every drive but the wd one",
    "format all the disks except WD",
  ])
    it(`"${line}": the one disk left is offered as a yes/no, the kept and live ones are no choice`, async () => {
      const { last } = await dialogue(PHOTOS, [line]);
      if (!("reply" in last)) throw new Error(JSON.stringify(last));
      expect(last.offer?.calls).toEqual([
        expect.objectContaining({
          tool: "partitionDisk",
          args: expect.objectContaining({ disk: samsung, use: "whole" }),
        }),
      ]);
      expect(last.reply).toContain("?");
      expect(last.reply).not.toContain(live(PHOTOS));
    });

  it("a yes takes the offered disk, and nothing else", async () => {
    const { conv } = await dialogue(PHOTOS, ["erase all disks except the WD", "yes"]);
    expect(conv.pending.filter((c) => c.tool === "partitionDisk").map((c) => c.args.disk)).toEqual([samsung]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === wd)).toBe(false);
  });

  it("near-miss: two disks left is still a question without an offer", async () => {
    const { last } = await dialogue(BLANK, ["erase all disks"]);
    expect("reply" in last && last.offer).toBeFalsy();
  });

  for (const line of [
    "what do you recommend?",
    "which one would you pick?",
    "what do you suggest",
    "your call, which disk?",
  ])
    it(`"${line}" after the disk list: the largest empty disk is advised, as an offer`, async () => {
      const { last } = await dialogue(BLANK, ["which disk should I use?", line]);
      if (!("reply" in last)) throw new Error(JSON.stringify(last));
      expect(last.offer?.calls[0]).toMatchObject({
        tool: "partitionDisk",
        args: { disk: "/dev/nvme0n1", use: "whole" },
      });
      expect(last.reply).toContain("largest of the empty disks");
    });

  it("the disk list names the live medium apart, never as a choice", async () => {
    const { last } = await dialogue(BLANK, ["which disk should I use?"]);
    const reply = "reply" in last ? last.reply : "";
    expect(reply).toMatch(/\/dev\/nvme0n1/);
    expect(reply.split("(")[0]).not.toContain(live(BLANK));
  });

  it("advice beside a system: the free space, nothing erased", async () => {
    const UBUNTU = inferLiveMedium(fixtureFacts("findings25-lead-dual-ubuntu"));
    const { last } = await dialogue(UBUNTU, ["what disk do you recommend?"]);
    expect("reply" in last && last.offer?.calls[0]).toMatchObject({
      args: { disk: "/dev/nvme0n1", use: "free" },
    });
  });

  for (const line of ["what filesystem do you recommend?", "which editor would you pick?"])
    it(`near-miss, advice about something else: "${line}" offers no disk`, async () => {
      const { last } = await dialogue(BLANK, ["which disk should I use?", line]);
      expect("reply" in last && last.offer?.calls.some((c) => c.tool === "partitionDisk")).toBeFalsy();
    });
});

describe("the other disk, the kept one, the one that's not Windows (tester 24 W10, R1, W25)", () => {
  const BLANK = inferLiveMedium(fixtureFacts("findings25-lead-two-blank"));
  const WIN = inferLiveMedium(fixtureFacts("findings25-lead-laptop-win"));
  const WINSSD = inferLiveMedium(fixtureFacts("findings26-fixL25-win-plus-ssd"));

  for (const line of ["actually the other disk", "no, use the other one", "switch to the other drive"])
    it(`W10 "${line}" after keeping the crucial: the other disk is named as kept, nothing changes`, async () => {
      const { last, conv } = await dialogue(BLANK, ["use the nvme, keep the crucial", line]);
      expect("reply" in last && last.reply).toContain("which you asked me to keep");
      expect("reply" in last && last.offer).toBeFalsy();
      expect(conv.pending.filter((c) => c.tool === "partitionDisk").map((c) => c.args.disk)).toEqual([
        "/dev/nvme0n1",
      ]);
    });

  it("W10 near-miss: the same disk said again is still 'already the plan'", async () => {
    const { last } = await dialogue(BLANK, ["use the nvme, keep the crucial", "use the nvme"]);
    expect("reply" in last && last.reply).not.toContain("which you asked me to keep");
  });

  for (const line of [
    "hi, install linux next to windows pls, dont touch windows",
    "put linux beside windows",
  ])
    it(`R1 "${line}": the kept system is named from the facts, not from "linux"`, async () => {
      const { conv } = await dialogue(WIN, [line]);
      const kept = (conv.protections ?? []).filter((p) => p.kind === "partitions");
      expect(kept.length).toBeGreaterThan(0);
      for (const p of kept) expect(p.kind === "partitions" && p.what).toMatch(/Windows/);
    });

  for (const line of [
    "install on the disk thats not windows",
    "use the drive that is not windows",
    "put it on the one that's not ubuntu",
  ])
    it(`W25 "${line}": the disk without that system`, async () => {
      const f = /ubuntu/.test(line)
        ? inferLiveMedium(
            FactsSchema.parse({
              ...WINSSD,
              disks: WINSSD.disks.map((d) =>
                d.path === "/dev/nvme0n1"
                  ? {
                      ...d,
                      partitions: d.partitions?.map((p) => (p.os ? { ...p, os: "Ubuntu 24.04 LTS" } : p)),
                    }
                  : d,
              ),
            }),
          )
        : WINSSD;
      const { last, conv } = await dialogue(f, [line]);
      const planned = "calls" in last ? last.calls : "reply" in last ? (last.offer?.calls ?? []) : [];
      expect(planned.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({ disk: "/dev/sda" });
      expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/nvme0n1")).toBe(
        false,
      );
    });

  it("W25 near-miss: 'dont touch windows' keeps Windows and plans nothing onto it whole", async () => {
    const { conv } = await dialogue(WINSSD, ["install linux, dont touch windows"]);
    expect(
      conv.pending.some(
        (c) => c.tool === "partitionDisk" && c.args.disk === "/dev/nvme0n1" && c.args.use !== "free",
      ),
    ).toBe(false);
  });
});
