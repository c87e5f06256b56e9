import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 24, disk turns of last round's unseen alongside set read by shape (the sentences are ours):
 * - the free region said as an empty thing of the user's own picture ("the blank skin next to it",
 *   "an empty bay"): an emptiness adjective on a noun that names no disk (agent/rules/emptyPlace.ts);
 * - a size said of the free region ("a 250G well next to windows"): a size no disk has that fits
 *   one disk's free space (agent/rules/freeSizes.ts: freeRegionBySizeAlone);
 * - "Windows stays on the little drive and Linux goes on the Samsung": the target's clause after
 *   "and" is a clause of its own, out of the keep (agent/rules/clauses.ts);
 * - "we play on the crucial": the speaker as the subject of an act (agent/rules/generalDisk.ts).
 *
 * WIN: Windows on a WD nvme with 120 GiB free. TWO: Windows on a Samsung 980 (250 GiB free),
 * Ubuntu on a WD (80 GiB free). FULL: Windows on a hynix nvme with no room, a blank Samsung 870.
 * BAND: a Samsung 870 with a backup, a blank Crucial, a Seagate with games.
 */
const GiB = 1024 ** 3;
const stick = (path: string) => ({
  path,
  sizeBytes: 15376000000,
  model: "SanDisk Cruzer Blade",
  transport: "usb",
  removable: true,
  liveMedium: true,
  partitions: [{ path: `${path}1`, sizeBytes: 15376000000, fstype: "iso9660", label: "LEVITATE" }],
});
const windows = (disk: string, p: string) => [
  {
    path: `${disk}${p}1`,
    sizeBytes: 104857600,
    fstype: "vfat",
    label: "SYSTEM",
    esp: true,
    os: "Windows Boot Manager",
  },
  { path: `${disk}${p}3`, sizeBytes: 300 * GiB, fstype: "ntfs", label: "Windows", os: "Windows 11" },
];
const base = { mode: "live", firmware: "uefi", users: ["root"], recipes: ["ripgrep", "fd", "bat"] };
const WIN = FactsSchema.parse({
  ...base,
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 500107862016,
      model: "WD Blue SN570 500GB",
      transport: "nvme",
      table: "gpt",
      freeBytes: 120 * GiB,
      partitions: windows("/dev/nvme0n1", "p"),
    },
    stick("/dev/sda"),
  ],
});
const TWO = FactsSchema.parse({
  ...base,
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 1000204886016,
      model: "Samsung SSD 980 PRO 1TB",
      transport: "nvme",
      table: "gpt",
      freeBytes: 250 * GiB,
      partitions: windows("/dev/nvme0n1", "p"),
    },
    {
      path: "/dev/nvme1n1",
      sizeBytes: 500107862016,
      model: "WD Blue SN570 500GB",
      transport: "nvme",
      table: "gpt",
      freeBytes: 80 * GiB,
      partitions: [
        { path: "/dev/nvme1n1p1", sizeBytes: 536870912, fstype: "vfat", esp: true },
        { path: "/dev/nvme1n1p2", sizeBytes: 380 * GiB, fstype: "ext4", os: "Ubuntu 22.04.4 LTS (22.04)" },
      ],
    },
    stick("/dev/sda"),
  ],
});
const FULL = FactsSchema.parse({
  ...base,
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 512110190592,
      model: "SK hynix BC711 512GB",
      transport: "nvme",
      table: "gpt",
      freeBytes: 0,
      partitions: windows("/dev/nvme0n1", "p"),
    },
    {
      path: "/dev/sda",
      sizeBytes: 1000204886016,
      model: "Samsung SSD 870 EVO 1TB",
      transport: "sata",
      table: "gpt",
      partitions: [],
    },
    stick("/dev/sdb"),
  ],
});
const BAND = FactsSchema.parse({
  ...base,
  disks: [
    {
      path: "/dev/sda",
      sizeBytes: 1000204886016,
      model: "Samsung SSD 870 EVO 1TB",
      transport: "sata",
      table: "gpt",
      freeBytes: 0,
      partitions: [{ path: "/dev/sda1", sizeBytes: 1000000000000, fstype: "ext4", label: "backup" }],
    },
    {
      path: "/dev/sdb",
      sizeBytes: 250059350016,
      model: "Crucial MX500 250GB",
      transport: "sata",
      table: "gpt",
      partitions: [],
    },
    {
      path: "/dev/sdc",
      sizeBytes: 2000398934016,
      model: "Seagate BarraCuda 2TB",
      transport: "sata",
      table: "gpt",
      freeBytes: 0,
      partitions: [{ path: "/dev/sdc1", sizeBytes: 2000000000000, fstype: "ntfs", label: "Games" }],
    },
    stick("/dev/sdd"),
  ],
});

const partitionOf = (d: Decision): PlanCall | undefined =>
  "calls" in d ? (d.calls as PlanCall[]).find((c) => c.tool === "partitionDisk") : undefined;
const args = (d: Decision) => partitionOf(d)?.args as { disk?: string; use?: string } | undefined;
/** No call erases a disk that holds something (whole on anything but a blank disk). */
const erasesAny = (d: Decision, disks: readonly string[]) =>
  "calls" in d &&
  (d.calls as PlanCall[]).some(
    (c) => c.tool === "partitionDisk" && disks.includes(c.args.disk) && c.args.use !== "free",
  );

describe("the free region as an empty thing of the user's picture", () => {
  for (const line of [
    "client wants to keep windows. new linux goes on the blank skin next to it",
    "windows is parked in its spot. there's an empty bay next to it, park linux there",
    "Stow Levitate in the empty hold, Windows stays",
    "paint linux on the bare bit of wall beside windows",
    "keep windows, put linux in the vacant stall next to it",
    "windows keeps its chair; levitate takes the empty chair beside it",
    "put linux on the unused patch next to windows please",
    "linux goes in the open lane beside windows",
    "slot it into the empty shelf next to windows",
  ])
    it(`"${line}": the free space of the Windows disk`, async () => {
      const { last } = await dialogue(WIN, [line]);
      expect(args(last)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
    });

  it('"park linux in the empty bay on the 980 next to windows": the named disk\'s free space', async () => {
    const { last } = await dialogue(TWO, ["park linux in the empty bay on the 980 next to windows"]);
    expect(args(last)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });

  // the adjective on a disk is still a blank disk, read as before
  for (const line of [
    "install on the empty samsung",
    "install on the blank one",
    "put it on the empty 1tb drive",
    "linux on the blank 870",
    "use the empty evo",
  ])
    it(`"${line}": the blank Samsung, whole`, async () => {
      const { last } = await dialogue(FULL, [line]);
      expect(args(last)).toMatchObject({ disk: "/dev/sda" });
      expect(args(last)?.use).not.toBe("free");
    });

  it('"a clean install on the samsung" is no free region', async () => {
    const { last } = await dialogue(FULL, ["a clean install on the samsung"]);
    expect(args(last)?.use).not.toBe("free");
  });

  // the data-disk gate stays: an empty place never erases, and a metaphor never reads as loss
  for (const line of [
    "put linux on the empty seagate",
    "linux goes in the empty bay on the seagate",
    "pour it into the blank bit of the samsung",
  ])
    it(`"${line}" on disks that hold data: nothing erased`, async () => {
      const { last } = await dialogue(BAND, [line]);
      expect(erasesAny(last, ["/dev/sda", "/dev/sdc"])).toBe(false);
    });
});

describe("a size said of the free region", () => {
  for (const line of [
    "there's a 250G well next to windows on the 980 pro. drop it in there",
    "cast levitate into the 250 gigs of open water beside windows",
    "use the 250GB pocket on the samsung",
    "Install (next to Windows, please) in the leftovers (about 250G, I think).",
  ])
    it(`"${line}": the Samsung's free space`, async () => {
      const { last } = await dialogue(TWO, [line]);
      expect(args(last)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
    });

  it('"the 80 gigs beside ubuntu": the WD\'s free space', async () => {
    const { last } = await dialogue(TWO, ["put it in the 80 gigs beside ubuntu"]);
    expect(args(last)).toMatchObject({ disk: "/dev/nvme1n1", use: "free" });
  });

  it('"install on the 1TB" is still the disk of that size', async () => {
    const { last } = await dialogue(TWO, ["install next to windows on the 1TB"]);
    expect(args(last)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });

  it("a layout size that fits the free space stays the layout's", async () => {
    const { last } = await dialogue(TWO, ["next to windows, swap 80G"]);
    expect(args(last)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
    expect(partitionOf(last)?.args).toHaveProperty("swapSize", "80G");
  });

  it('"I have 80 gigs of ram" picks no disk', async () => {
    const { last } = await dialogue(TWO, ["I have 80 gigs of ram, put linux next to windows"]);
    expect(args(last)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });
});

describe("the target's own clause after a keep", () => {
  for (const line of [
    "Windows stays on the little drive and Linux goes on the Samsung I just bought.",
    "windows stays put and levitate lands on the samsung",
    "keep windows on the hynix and the new system goes on the 870",
    "Windows remains on the nvme and linux should go on the samsung",
  ])
    it(`"${line}": the blank Samsung`, async () => {
      const { last } = await dialogue(FULL, [line]);
      expect(args(last)).toMatchObject({ disk: "/dev/sda" });
    });

  // a keep of a disk said with "and" is still a keep of it
  for (const line of ["keep windows and the samsung", "leave the samsung and windows alone"])
    it(`"${line}": the Samsung is not planned`, async () => {
      const { last } = await dialogue(FULL, [line]);
      expect(args(last)?.disk).not.toBe("/dev/sda");
    });
});

describe("the speaker as the subject of an act", () => {
  for (const line of [
    "ok band, we play on the crucial. the 870 and the seagate sit this one out, they don't play a note",
    "dive plan: we descend on the crucial. the seagate is the wreck, look don't touch",
    "Route plan: we summit on the Crucial. The Samsung is base camp and the Seagate is the supply cache. Nobody touches either.",
    "The Seagate is not ours to touch. We are using the Crucial today.",
    // a keep read alone, and the act after it ("OK, kept: ... Which disk?" no more)
    "Keep the Seagate. We descend on the Crucial.",
    "leave the seagate alone, we play on the crucial tonight",
  ])
    it(`"${line}": the blank Crucial`, async () => {
      const { last } = await dialogue(BAND, [line]);
      expect(args(last)).toMatchObject({ disk: "/dev/sdb" });
      expect(erasesAny(last, ["/dev/sda", "/dev/sdc"])).toBe(false);
    });

  // a description by the speaker, or an act on a disk that holds data: never an erase
  for (const line of [
    "I have my games on the seagate",
    "we keep the backups on the samsung",
    "we play on the seagate tonight",
    "I play games on the seagate",
    "we descend on the samsung",
    "Keep the Seagate. We descend on the Samsung.",
    "I'm working through that backup on the samsung",
  ])
    it(`"${line}": nothing erased`, async () => {
      const { last } = await dialogue(BAND, [line]);
      expect(erasesAny(last, ["/dev/sda", "/dev/sdc"])).toBe(false);
    });
});

describe('"spare" as an adjective is the free region, the verb still keeps', () => {
  for (const line of [
    "squeeze Levitate in next to Windows, there's 120 gig spare.",
    "keep windows, use the spare bit beside it",
    "Leave Windows as it is and use the spare cloth beside it.",
  ])
    it(`"${line}": the free space of the Windows disk`, async () => {
      const { last } = await dialogue(WIN, [line]);
      expect(args(last)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
    });

  for (const line of [
    "spare the samsung, install on the hynix",
    "please spare the 870. put linux on the nvme",
  ])
    it(`"${line}": the Samsung is kept`, async () => {
      const { conv, last } = await dialogue(FULL, [line]);
      expect(args(last)?.disk).not.toBe("/dev/sda");
      expect((conv.protections ?? []).some((p) => "disk" in p && p.disk === "/dev/sda")).toBe(true);
    });

  // a disk said to be "the spare" is a description of it (a reserve), never its free space
  for (const line of [
    "The Crucial is the spare, keep it locked.",
    "No, the Crucial is the spare roll. Use the other one.",
  ])
    it(`"${line}": the Crucial is never erased nor planned`, async () => {
      const { last } = await dialogue(BAND, [line]);
      expect(args(last)?.disk).not.toBe("/dev/sdb");
      expect(erasesAny(last, ["/dev/sda", "/dev/sdc"])).toBe(false);
    });

  it('"install on the spare drive" is still a disk, never its free space', async () => {
    const { last } = await dialogue(FULL, ["install on the spare drive"]);
    expect(args(last)?.use).not.toBe("free");
  });
});

describe("the free region said as a remainder put in", () => {
  for (const line of [
    "keep windows. levitate goes in the gap.",
    "Bung Levitate in the gap.",
    "ok use whats already free",
    "then use whatever is left beside windows",
    "install on what remains, windows stays",
    "put it into whatever's still free",
  ])
    it(`"${line}": the free space of the Windows disk`, async () => {
      const { last } = await dialogue(WIN, [line]);
      expect(args(last)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
    });

  for (const line of ["what's left?", "remove whatever is left of fd", "how much is left"])
    it(`"${line}": no install`, async () => {
      const { last } = await dialogue(WIN, [line]);
      expect(partitionOf(last)).toBeUndefined();
    });

  it('"use whatever is left" with a blank disk and no "beside" is no free region', async () => {
    const { last } = await dialogue(FULL, ["use whatever is left"]);
    expect(args(last)?.use).not.toBe("free");
  });
});
