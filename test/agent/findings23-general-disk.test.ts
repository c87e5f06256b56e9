import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Issue 14, round 22: a disk turn in a register no reader lists is read by its structure
 * (agent/rules/generalDisk.ts): the disk a clause acts on, among the disks the turn names, once the
 * screen's keeps are set aside. The sentences are ours, in voices of trades, hobbies and jargon.
 *
 * RIG: a WD nvme with Windows (no free space), a Seagate with a media library, a blank Crucial, the stick.
 * LAPTOP: one nvme with Windows and 200 GiB free, the stick.
 * PAIR: two blank disks (a Kingston and a Crucial), the stick.
 */
const stick = {
  path: "/dev/sdc",
  sizeBytes: 30752000000,
  model: "SanDisk Cruzer Blade 32GB",
  transport: "usb",
  removable: true,
  liveMedium: true,
  partitions: [{ path: "/dev/sdc1", sizeBytes: 30752000000, fstype: "iso9660", label: "LEVITATE_LIVE" }],
};
const windowsNvme = (freeBytes: number) => ({
  path: "/dev/nvme0n1",
  sizeBytes: 1000204886016,
  model: "WD_BLACK SN850X 1TB",
  transport: "nvme",
  table: "gpt",
  freeBytes,
  partitions: [
    { path: "/dev/nvme0n1p1", sizeBytes: 104857600, fstype: "vfat", label: "SYSTEM", esp: true },
    { path: "/dev/nvme0n1p2", sizeBytes: 16777216 },
    { path: "/dev/nvme0n1p3", sizeBytes: 700000000000, fstype: "ntfs", os: "Windows Boot Manager" },
  ],
});
const RIG = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    windowsNvme(0),
    {
      path: "/dev/sda",
      sizeBytes: 2000398934016,
      model: "Seagate BarraCuda 2TB",
      transport: "sata",
      table: "gpt",
      partitions: [{ path: "/dev/sda1", sizeBytes: 2000000000000, fstype: "ntfs", label: "Media" }],
    },
    {
      path: "/dev/sdb",
      sizeBytes: 500107862016,
      model: "CT500MX500SSD1",
      transport: "sata",
      table: "gpt",
      partitions: [],
    },
    stick,
  ],
  users: ["root"],
  recipes: ["ripgrep", "fd"],
});
const LAPTOP = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [windowsNvme(214748364800), { ...stick, path: "/dev/sda" }],
  users: ["root"],
  recipes: ["ripgrep", "fd"],
});
const PAIR = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/sda",
      sizeBytes: 480103981056,
      model: "KINGSTON SA400S37480G",
      transport: "sata",
      table: "gpt",
      partitions: [],
    },
    {
      path: "/dev/sdb",
      sizeBytes: 500107862016,
      model: "CT500MX500SSD1",
      transport: "sata",
      table: "gpt",
      partitions: [],
    },
    stick,
  ],
  users: ["root"],
  recipes: ["ripgrep", "fd"],
});

const onto = (disk: string, extra: Record<string, unknown> = {}) => ({
  calls: [{ tool: "partitionDisk", args: { disk, use: "whole", ...extra } }],
});

/** No call of the turn, planned or offered, erases a disk that holds something. */
function erasesNothingKept(d: Decision) {
  for (const disk of ["/dev/nvme0n1", "/dev/sda"]) expect(callsOf(d).some(erases(disk))).toBe(false);
}

describe("the disk a clause acts on is the target, whatever the verb", () => {
  it.each([
    // trades
    ["The Seagate and the Windows WD are load-bearing walls. Frame the Crucial."],
    ["Seagate's the client's archive, nobody sands it. Plane the Crucial down for the new build."],
    // hobbies
    ["Windows drive and the Seagate are my prize roses. Mulch the Crucial."],
    ["Castle on the Crucial. The Seagate and the WD are pinned pieces."],
    ["The WD and the Seagate are on the reef. Moor the new system at the Crucial."],
    // jargon
    ["Prod is the WD, cold storage is the Seagate. Canary on the Crucial."],
    ["The Seagate and the WD are frozen assets. Buy the Crucial."],
  ])("%s", async (line) => {
    const { last } = await dialogue(RIG, [line]);
    expect(last).toMatchObject(onto("/dev/sdb"));
  });

  it("the system being installed as the subject places it: Levitate headlines on the Crucial", async () => {
    const { last } = await dialogue(RIG, [
      "Tonight: Levitate headlines on the Crucial. The Seagate sits this one out.",
    ]);
    expect(last).toMatchObject(onto("/dev/sdb"));
  });

  it("the layout said with it is read: 'Lay the Crucial down in btrfs, 8G of swap'", async () => {
    const { last } = await dialogue(RIG, [
      "The Seagate is a keeper. Lay the Crucial down in btrfs, 8G of swap.",
    ]);
    expect(last).toMatchObject(onto("/dev/sdb", { filesystem: "btrfs", swapSize: "8G" }));
  });

  it("a disk said to be the one, in a clause about it, is the target when nothing else acts", async () => {
    const { last } = await dialogue(PAIR, ["The Kingston stays as it is. The Crucial is the greenfield."]);
    expect(last).toMatchObject(onto("/dev/sdb"));
  });

  it("'build on it' after a question about a disk points at that disk", async () => {
    const { last } = await dialogue(RIG, ["what's on the crucial?", "Clean slate then. Frame on it."]);
    expect(last).toMatchObject(onto("/dev/sdb"));
  });

  it("beside the system kept on the disk, into its free space", async () => {
    const { last } = await dialogue(LAPTOP, [
      "Windows keeps its chair. Levitate squeezes into the empty room beside it.",
    ]);
    expect(last).toMatchObject({
      calls: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free" } }],
    });
  });

  it("by elimination: every disk but one kept, an act with no object goes to the blank one left", async () => {
    const { last } = await dialogue(RIG, [
      "Leave the Seagate and the Windows drive alone. Plant on the other one.",
    ]);
    expect(last).toMatchObject(onto("/dev/sdb"));
  });
});

describe("a disk that holds data, or that the words keep, is never erased by this reading", () => {
  it.each([
    ["Sand down the Seagate."],
    ["Mulch the Windows WD."],
    ["Liquidate the Seagate position."],
    ["The Crucial is a keeper. Frame the Seagate."],
  ])("an unknown verb on a data disk asks: %s", async (line) => {
    const { last, conv } = await dialogue(RIG, [line]);
    erasesNothingKept(last);
    expect(conv.pending).toEqual([]);
  });

  it("by elimination the disk left holds data: asked, naming it, nothing offered", async () => {
    const { last, conv } = await dialogue(RIG, [
      "Keep the Crucial and the Windows drive, then plant on the rest.",
    ]);
    expect("reply" in last && last.reply).toMatch(/\/dev\/sda/);
    expect(callsOf(last)).toEqual([]);
    expect(conv.pending).toEqual([]);
  });

  it("two disks acted on with verbs of unknown polarity: nothing is chosen", async () => {
    const { last } = await dialogue(PAIR, ["Varnish the Kingston, sand the Crucial."]);
    expect(callsOf(last)).toEqual([]);
  });

  it("a blank disk the words keep is no target", async () => {
    const { last } = await dialogue(PAIR, ["Leave the Crucial alone. Pave the Kingston."]);
    expect(last).toMatchObject(onto("/dev/sda"));
  });

  it("a question, a condition or a negated clause acts on nothing", async () => {
    for (const line of [
      "Could the Crucial take a frame?",
      "If the Crucial is free, frame it.",
      "Never frame the Crucial.",
    ]) {
      const { last } = await dialogue(RIG, [line]);
      expect(callsOf(last)).toEqual([]);
    }
  });

  it("the system kept on the only disk, with no room beside it: never the whole disk", async () => {
    const { last } = await dialogue(RIG, ["Windows keeps its chair. Levitate squeezes onto the WD."]);
    erasesNothingKept(last);
  });
});

describe("a turn typed without vowels is read with them put back (droppedVowels.ts)", () => {
  it("'lv th sgt nd wndws ln. frm th crcl': the blank Crucial (offered: the typed words name no disk the screens know)", async () => {
    const { last } = await dialogue(RIG, ["lv th sgt nd wndws ln. frm th crcl"]);
    expect(callsOf(last)).toMatchObject(onto("/dev/sdb").calls);
    erasesNothingKept(last);
  });

  it("'kp th sgt. nstll thr': the kept disk is no target, nothing is planned", async () => {
    const { last, conv } = await dialogue(RIG, ["kp th sgt. nstll thr"]);
    erasesNothingKept(last);
    expect(conv.pending).toEqual([]);
  });

  it("'wp th sgt': an erase read from restored words is never planned outright", async () => {
    const { last, conv } = await dialogue(RIG, ["wp th sgt"]);
    expect("calls" in last).toBe(false);
    expect(conv.pending).toEqual([]);
  });
});

describe("a keep read, and the disk offered acted on in words no reader knows", () => {
  it("'The Kingston stays as it is. The Crucial is the greenfield.': planned, not offered", async () => {
    const { last } = await dialogue(PAIR, ["The Kingston stays as it is. The Crucial is the greenfield."]);
    expect(last).toMatchObject(onto("/dev/sdb"));
  });

  it("a keep alone still only offers", async () => {
    const { last } = await dialogue(PAIR, ["The Kingston stays as it is."]);
    expect("calls" in last).toBe(false);
  });
});
