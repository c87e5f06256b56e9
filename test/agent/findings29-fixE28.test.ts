import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Issue 14, round 28 (fixE28): erasing a disk, both directions.
 * 1. An erase whose words neither name nor point at what the disk holds, while a blank disk sits
 *    beside it ("wipe the nvme" on the Windows disk, "erase the seagate and put linux there" on the
 *    Photos disk), is the question that names what is lost, with the erase offered: "yes" takes it.
 *    Form text ("whole: /dev/sda", "whole /dev/sda") asks wherever the install could go (L3).
 * 2. D12's middle way: a keep said earlier is withdrawn, and the erase planned, by a strong let-go
 *    that names what was kept ("forget windows, i never use it. wipe it", "ok erase the seagate
 *    after all"); a judgement alone or an erase verb alone still asks.
 * 3. "the samsung has my photos, use the other one" keeps the Samsung and asks which other (M7).
 * 4. A keep of the system on the one disk, in a talk about installing, plans the free space.
 */
const GiB = 1024 ** 3;
const usb = {
  path: "/dev/sdz",
  sizeBytes: 32 * GiB,
  model: "SanDisk Cruzer Blade",
  transport: "usb",
  removable: true,
  mounted: false,
  liveMedium: true,
  partitions: [{ path: "/dev/sdz1", sizeBytes: 32 * GiB, fstype: "iso9660", label: "LEVITATE_LIVE" }],
};
const windowsDisk = (freeGiB = 0) => ({
  path: "/dev/nvme0n1",
  sizeBytes: 512 * GiB,
  model: "WD SN730 512GB",
  transport: "nvme",
  removable: false,
  mounted: false,
  table: "gpt",
  freeBytes: freeGiB * GiB,
  partitions: [
    { path: "/dev/nvme0n1p1", sizeBytes: 100 * 1024 * 1024, fstype: "vfat", label: "SYSTEM", esp: true },
    { path: "/dev/nvme0n1p3", sizeBytes: 400 * GiB, fstype: "ntfs", os: "Windows Boot Manager" },
    { path: "/dev/nvme0n1p4", sizeBytes: 512 * 1024 * 1024, fstype: "ntfs", label: "Recovery" },
  ],
});
const photos = {
  path: "/dev/sdb",
  sizeBytes: 2000 * GiB,
  model: "ST2000DM008-2FR102",
  transport: "sata",
  removable: false,
  mounted: false,
  table: "gpt",
  freeBytes: 0,
  partitions: [{ path: "/dev/sdb1", sizeBytes: 2000 * GiB, fstype: "ntfs", label: "Photos" }],
};
const blank = {
  path: "/dev/sda",
  sizeBytes: 500 * GiB,
  model: "Samsung SSD 870 EVO 500GB",
  transport: "sata",
  removable: false,
  mounted: false,
  table: "gpt",
  freeBytes: 500 * GiB,
  partitions: [],
};
const facts = (disks: object[]): Facts =>
  inferLiveMedium(
    FactsSchema.parse({
      mode: "live",
      firmware: "uefi",
      disks,
      users: ["root"],
      hostname: "levitate",
      locale: "en_US.UTF-8",
      recipes: ["git", "htop"],
      installed: [],
    }),
  );
/** Windows on the nvme, a blank Samsung beside it. */
const WIN_BLANK = facts([windowsDisk(), blank, usb]);
/** Photos on the Seagate, a blank Samsung beside it. */
const PHOTOS_BLANK = facts([blank, photos, usb]);
/** Windows alone (with room), no other disk. */
const WIN_ONLY = facts([windowsDisk(100), usb]);
/** Photos alone, no other disk. */
const PHOTOS_ONLY = facts([photos, usb]);

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? ((d as { calls: Step[] }).calls ?? []) : [];
const offered = (d: unknown): Step[] =>
  d && typeof d === "object" && "offer" in d ? ((d as { offer?: { calls: Step[] } }).offer?.calls ?? []) : [];
const planned = (d: unknown) =>
  calls(d)
    .filter((c) => c.tool === "partitionDisk" && c.args.use !== "free")
    .map((c) => c.args.disk);
const offeredErase = (d: unknown) =>
  offered(d)
    .filter((c) => c.tool === "partitionDisk" && c.args.use !== "free")
    .map((c) => c.args.disk);
const reply = (d: unknown) =>
  d && typeof d === "object" && "reply" in d ? String((d as { reply: string }).reply) : "";

describe("an erase said without knowing what is lost, a blank disk beside: asked, the erase offered", () => {
  for (const line of [
    "wipe the nvme",
    // the same shape in other words
    "erase the nvme and install there",
    "format the WD and put linux on it",
    "nuke nvme0n1",
    "wipe the 512gb one and install",
  ])
    it(`"${line}" names Windows and offers the erase; "yes" takes it`, async () => {
      const { conv, decisions } = await dialogue(WIN_BLANK, [line, "yes"]);
      expect(planned(decisions[0])).toEqual([]);
      expect(offeredErase(decisions[0])).toEqual(["/dev/nvme0n1"]);
      expect(reply(decisions[0])).toMatch(/Windows Boot Manager/);
      expect(conv.pending.map((c) => c.args)).toMatchObject([{ disk: "/dev/nvme0n1", use: "whole" }]);
    });

  for (const line of [
    "erase the seagate and put linux there",
    "wipe sdb and install",
    "format the 2tb drive",
  ])
    it(`"${line}" names the Photos volume and offers the erase`, async () => {
      const { last } = await dialogue(PHOTOS_BLANK, [line]);
      expect(planned(last)).toEqual([]);
      expect(offeredErase(last)).toEqual(["/dev/sdb"]);
      expect(reply(last)).toMatch(/Photos/);
    });

  it("'no, keep the photos! use the samsung' after the question: the blank disk, nothing erased", async () => {
    const { conv } = await dialogue(PHOTOS_BLANK, [
      "erase the seagate and put linux there",
      "no, keep the photos! use the samsung",
    ]);
    expect(conv.pending.map((c) => (c.args as { disk?: string }).disk)).toEqual(["/dev/sda"]);
  });

  it("'erase it' answers the question as a yes does", async () => {
    const { conv } = await dialogue(WIN_BLANK, ["wipe the nvme", "erase it"]);
    expect(conv.pending.map((c) => c.args)).toMatchObject([{ disk: "/dev/nvme0n1", use: "whole" }]);
  });
});

describe("the erase stays planned where the words show what is lost, or no disk is spare", () => {
  for (const line of [
    "wipe the nvme, windows can go",
    "erase windows and install there",
    "wipe the windows disk",
    "wipe the nvme, i don't need anything on it",
    "erase everything on the nvme",
    "wipe the nvme and start fresh",
    "keep the samsung, wipe the nvme",
  ])
    it(`"${line}" plans the erase of the Windows disk`, async () => {
      const { last } = await dialogue(WIN_BLANK, [line]);
      expect(planned(last)).toEqual(["/dev/nvme0n1"]);
    });

  for (const line of ["wipe the seagate and install", "erase sdb", "format the 2tb drive and install there"])
    it(`"${line}" on the one disk there is: planned as before, the loss shown at the yes`, async () => {
      const { last } = await dialogue(PHOTOS_ONLY, [line]);
      expect(planned(last)).toEqual(["/dev/sdb"]);
    });

  it("after my answer named what the disk holds, 'wipe the nvme' is said knowing", async () => {
    const { last } = await dialogue(WIN_BLANK, ["what's on the nvme?", "wipe the nvme"]);
    expect(planned(last)).toEqual(["/dev/nvme0n1"]);
  });

  it("'erase the wd and install, it's an old disk': a judgement with its article lets it go", async () => {
    const old = facts([
      {
        ...photos,
        path: "/dev/sda",
        model: "WDC WD10EZEX-00BBHA0",
        partitions: [{ path: "/dev/sda1", sizeBytes: 900 * GiB, fstype: "ntfs", label: "Windows-old" }],
      },
      usb,
    ]);
    const { last } = await dialogue(old, ["erase the wd and install, it's an old disk"]);
    expect(planned(last)).toEqual(["/dev/sda"]);
    const { last: not } = await dialogue(old, ["erase the wd and install, it's not an old disk"]);
    expect(planned(not)).toEqual([]);
  });
});

describe("form text: a bare 'whole' is no consent to erase (attacker 27 L3)", () => {
  for (const line of [
    "whole: /dev/sdb",
    "whole /dev/sdb",
    "scheme: whole, disk: /dev/sdb",
    "disk=/dev/sdb use=whole",
  ])
    it(`"${line}" on the Photos disk asks, even with no other disk`, async () => {
      const { last } = await dialogue(PHOTOS_ONLY, [line]);
      expect(planned(last)).toEqual([]);
    });
  for (const line of ["install on sdb whole", "use the whole sdb", "erase /dev/sdb, whole disk"])
    it(`"${line}" is a sentence with its verb: planned as before`, async () => {
      const { last } = await dialogue(PHOTOS_ONLY, [line]);
      expect(planned(last)).toEqual(["/dev/sdb"]);
    });
});

describe("D12's middle way: a keep taken back by name plans the erase", () => {
  for (const [keep, line] of [
    ["install it but keep windows pls", "fine, forget windows then, i never use it. wipe it"],
    ["i want to keep windows", "ugh. ok then wipe it, I never use windows anyway"],
    ["keep windows", "windows can go, erase the nvme"],
  ] as const)
    it(`"${keep}" … "${line}" plans the erase`, async () => {
      const { last } = await dialogue(WIN_ONLY, [keep, line]);
      expect(planned(last)).toEqual(["/dev/nvme0n1"]);
    });

  for (const [keep, line] of [
    ["keep windows", "windows is trash, wipe it"],
    ["keep windows", "wipe the nvme"],
    ["keep windows", "should I erase the nvme after all?"],
    ["keep windows", "maybe windows can go, wipe it"],
    ["keep windows", "windows can go if the photos are backed up, wipe it"],
    ["keep windows", "forget windows, wipe it. no wait, keep it"],
    // the disk named, not the Windows kept on it: asked (at the merge, fixI28's strict consent)
    ["don't touch windows", "ok erase the nvme after all"],
  ] as const)
    it(`"${keep}" … "${line}" plans no erase`, async () => {
      const { last } = await dialogue(WIN_ONLY, [keep, line]);
      expect(planned(last)).toEqual([]);
    });
});

describe("a disk said to hold the person's things, and 'the other one' (attacker 27 M7)", () => {
  const THREE = facts([
    {
      ...photos,
      path: "/dev/sda",
      model: "Samsung SSD 870 EVO",
      partitions: [{ path: "/dev/sda1", sizeBytes: 2000 * GiB, fstype: "ext4", label: "PHOTOS" }],
    },
    windowsDisk(300),
    { ...blank, path: "/dev/sdc", model: "Crucial MX500" },
    usb,
  ]);
  for (const line of [
    "the samsung has my photos, use the other one",
    "the samsung holds all my pictures, install on another disk",
  ])
    it(`"${line}" keeps the Samsung and asks which other disk`, async () => {
      const { conv, last } = await dialogue(THREE, [line, "use the 500gb one", "yes"]);
      expect(planned(last)).toEqual([]);
      expect(conv.protections.some((p) => "disk" in p && p.disk === "/dev/sda")).toBe(true);
      expect(conv.pending.some((c) => (c.args as { disk?: string }).disk === "/dev/sda")).toBe(false);
    });
  it("'the samsung has my photos, wipe it' is still the photos' erase asked, never planned", async () => {
    const { last } = await dialogue(THREE, ["the samsung has my photos, wipe it"]);
    expect(planned(last)).toEqual([]);
  });
});

describe("a keep of the system on the one disk, in a talk about installing: the free space planned", () => {
  for (const lines of [
    ["can i have both", "windows and linux i mean. i dont want to loose windows"],
    [
      "I want to install it but Windows must stay. Is this possible?",
      "Good, then please make it so. Windows is not to be touched.",
    ],
    ["keep windows and install linux next to it"],
  ])
    it(`${JSON.stringify(lines)} plans the install into the free space`, async () => {
      const { last } = await dialogue(WIN_ONLY, lines);
      expect(calls(last).map((c) => c.args)).toMatchObject([{ disk: "/dev/nvme0n1", use: "free" }]);
    });
  for (const lines of [["keep windows"], ["don't install anything yet, keep windows"]])
    it(`${JSON.stringify(lines)} plans nothing`, async () => {
      const { last } = await dialogue(WIN_ONLY, lines);
      expect(calls(last)).toEqual([]);
    });
});

describe("one list of the person's things for both readers (heldThings.ts, thingsObjection.ts)", () => {
  const TWO = facts([
    {
      ...photos,
      path: "/dev/sda",
      model: "Samsung SSD 870 EVO",
      partitions: [{ path: "/dev/sda1", sizeBytes: 2000 * GiB, fstype: "ext4", label: "misc" }],
    },
    { ...blank, path: "/dev/sdc", model: "Crucial MX500" },
    usb,
  ]);
  for (const line of [
    "the samsung has my dissertation, install on the crucial",
    "the samsung holds all my repos, use the crucial",
    "the samsung has my repo, use the crucial",
  ])
    it(`"${line}" keeps the Samsung (a word the objection reader knew, now heard here too)`, async () => {
      const { conv } = await dialogue(TWO, [line]);
      expect(conv.protections.some((p) => "disk" in p && p.disk === "/dev/sda")).toBe(true);
      expect(conv.pending.some((c) => (c.args as { disk?: string }).disk === "/dev/sda")).toBe(false);
    });
  for (const line of ["it's got my notes", "my savegames!", "my downloads are on it"])
    it(`"${line}" with the Samsung's erase planned takes the erase out`, async () => {
      const { conv } = await dialogue(TWO, ["wipe the samsung, nothing on it i need", line]);
      expect(conv.pending.some((c) => (c.args as { disk?: string }).disk === "/dev/sda")).toBe(false);
    });
});

it("'... I can have Linux and still keep my Windows. Is that right?' is answered, nothing planned", async () => {
  const { last } = await dialogue(WIN_ONLY, [
    "Good afternoon. My grandson told me I can have Linux and still keep my Windows with the solitaire. Is that right?",
  ]);
  expect(calls(last)).toEqual([]);
});
