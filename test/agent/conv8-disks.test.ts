import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round eight (issue 14, destructive misreads about disks): each class behind a dev set's erase of
 * a disk the user did not choose, tested on sentences of the class that are in no data set.
 */

// sda: Samsung SATA 500 GB holding an ext4 "data" partition (no free space), nvme0n1: empty WD
// 1 TB, sdb: the live USB stick
const DATA = fixtureFacts("findings3-a");
// the same, with 200 GiB free on the Samsung
const DATA_FREE: Facts = {
  ...DATA,
  disks: DATA.disks.map((d) => (d.path === "/dev/sda" ? { ...d, freeBytes: 200 * 2 ** 30 } : d)),
};

const calls = (d: Decision): PlanCall[] => ("calls" in d ? d.calls : []);
const offered = (d: Decision): PlanCall[] => ("reply" in d && d.offer ? d.offer.calls : []);
const erases = (cs: readonly PlanCall[]) =>
  cs
    .filter((c) => c.tool === "partitionDisk" && (c.args as { use?: string }).use !== "free")
    .map((c) => (c.args as { disk: string }).disk);

describe("an erase of a disk that holds data needs words that choose the erase", () => {
  for (const line of [
    // a device name names the disk and chooses no erase (tester 6 DANGEROUS 5)
    "install on sda",
    "put it on /dev/sda",
    "install on the 500 gig samsung",
    "put levitate on the drive with my data pls",
    "use the sata ssd",
    "instal it on the samsnug",
    "ok put it on the smaller disk then",
    "i guess the samsung one, if that works",
    "Could you please use the Samsung SSD for the new system? Thanks!",
  ]) {
    it(`"${line}" asks, naming what is on /dev/sda, and erases nothing`, async () => {
      const { conv, last } = await dialogue(DATA, [line]);
      expect(erases(calls(last))).toEqual([]);
      expect("reply" in last && last.reply).toMatch(/\/dev\/sda1 \(ext4 "data"/);
      expect(conv.pending).toEqual([]);
    });
  }
  // round 28 (fixE28, unseenLoss.ts): an erase said without a word of what the disk holds, with a
  // blank disk beside it, is the question that names the data, the erase offered for a "yes"
  it('"wipe the samsung and install there" names the data and offers the erase', async () => {
    const { conv, decisions } = await dialogue(DATA, ["wipe the samsung and install there", "yes"]);
    expect(erases(calls(decisions[0]!))).toEqual([]);
    expect(erases(conv.pending)).toEqual(["/dev/sda"]);
  });
  for (const line of [
    "format the 500gb one, nothing important on it",
    "use the samsung, i have a backup of everything",
    "the samsung, from scratch",
  ]) {
    it(`"${line}" chooses the erase: /dev/sda is planned`, async () => {
      const { last } = await dialogue(DATA, [line]);
      expect(erases(calls(last))).toEqual(["/dev/sda"]);
    });
  }
  it("a yes to the question takes the erase it offered", async () => {
    const { conv, decisions } = await dialogue(DATA, ["install on the samsung", "yes"]);
    expect(erases(offered(decisions[0]!))).toEqual(["/dev/sda"]);
    expect(erases(conv.pending)).toEqual(["/dev/sda"]);
  });
  it("with free space on it, the install into the free space is what is offered", async () => {
    const { conv, decisions } = await dialogue(DATA_FREE, ["put linux on the samsung pls", "yes"]);
    expect(erases(offered(decisions[0]!))).toEqual([]);
    expect(offered(decisions[0]!).map((c) => c.tool === "partitionDisk" && c.args.use)).toEqual(["free"]);
    expect(conv.pending.map((c) => c.tool === "partitionDisk" && c.args)).toMatchObject([
      { disk: "/dev/sda", use: "free" },
    ]);
  });
  it("a partition's name is no pick of its whole disk", async () => {
    for (const line of ["install on sda1", "use sda1 for linux"]) {
      const { conv, last } = await dialogue(DATA, [line]);
      expect(erases(calls(last))).toEqual([]);
      expect(erases(conv.pending)).toEqual([]);
    }
  });
  it("the empty disk needs no question", async () => {
    const { last } = await dialogue(DATA, ["use the wd"]);
    expect(erases(calls(last))).toEqual(["/dev/nvme0n1"]);
  });
  it("an erase word in the request my question answered still chooses it", async () => {
    // "wipe a disk" → "Which disk?" → "the samsung"
    const { conv } = await dialogue(DATA, ["wipe a disk and install", "the samsung"]);
    expect(erases(conv.pending)).toEqual(["/dev/sda"]);
  });
});

// sda: Samsung SATA SSD, nvme0n1: WD NVMe, sdb: the live USB stick (no partitions known)
const SW = fixtureFacts("live-samsung-wd");

describe("the install already planned, said again, changes nothing and is never added again", () => {
  for (const line of [
    "thx, and no swap please",
    "put bat on it",
    "and no swap on it",
    "no encryption, thanks",
    "ext4 is good",
    "install it there and add fd",
  ]) {
    it(`"use the nvme" then "${line}": no partitionDisk call, the plan unchanged`, async () => {
      const { conv, decisions, last } = await dialogue(SW, ["use the nvme", line]);
      expect(calls(last).filter((c) => c.tool === "partitionDisk")).toEqual([]);
      expect(conv.pending.filter((c) => c.tool === "partitionDisk")).toEqual(calls(decisions[0]!));
    });
  }
  it('"btrfs please" with btrfs already planned says so', async () => {
    const { last } = await dialogue(SW, ["nvme with btrfs", "btrfs please"]);
    expect("reply" in last && last.reply).toMatch(/already the plan/);
  });
  it("words that describe the planned disk restate the choice (the call stays)", async () => {
    const { last } = await dialogue(SW, ["use the nvme", "just take the bigger one"]);
    expect(erases(calls(last))).toEqual(["/dev/nvme0n1"]);
  });
  it("a change is still a change", async () => {
    const { last } = await dialogue(SW, ["use the nvme", "actually 8G swap"]);
    expect(calls(last)).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", swapSize: "8G" } },
    ]);
  });
});

describe('"can I install on X?" is a question: the install is offered, never added before a yes', () => {
  for (const [line, disk] of [
    ["Can I install on the nvme?", "/dev/nvme0n1"],
    ["could we put it on the wd?", "/dev/nvme0n1"],
    ["keep the samsung please. can i install on the other one?", "/dev/nvme0n1"],
    ["so can i use the nvme for levitate?", "/dev/nvme0n1"],
    ["hey, may I install linux onto the WD drive?", "/dev/nvme0n1"],
    ["can i instal it on sda?", "/dev/sda"],
  ] as const) {
    it(`"${line}" offers ${disk} and plans nothing`, async () => {
      const { conv, last } = await dialogue(SW, [line]);
      expect(calls(last)).toEqual([]);
      expect(erases(offered(last))).toEqual([disk]);
      expect(conv.pending).toEqual([]);
    });
  }
  it('"yes" to it takes the install', async () => {
    const { conv } = await dialogue(SW, ["can I install on the nvme?", "yes"]);
    expect(erases(conv.pending)).toEqual(["/dev/nvme0n1"]);
  });
  it("with another install planned, the question leaves the plan as it is", async () => {
    const { conv, last } = await dialogue(SW, [
      "use the samsung",
      "hmm can I put linux on the nvme instead?",
    ]);
    expect(erases(offered(last))).toEqual(["/dev/nvme0n1"]);
    expect(erases(conv.pending)).toEqual(["/dev/sda"]);
  });
  it("beside windows: the install into the free space is what is offered", async () => {
    const { conv, last } = await dialogue(fixtureFacts("live-windows-free"), [
      "can i install next to windows?",
    ]);
    expect(offered(last).map((c) => c.tool === "partitionDisk" && c.args.use)).toEqual(["free"]);
    expect(conv.pending).toEqual([]);
  });
  it('"can i have fd?" and "can I install on the nvme" (no mark) stay requests', async () => {
    expect(calls((await dialogue(SW, ["can i have fd?"])).last)).toMatchObject([{ tool: "installRecipe" }]);
    expect(erases(calls((await dialogue(SW, ["can I install on the nvme"])).last))).toEqual(["/dev/nvme0n1"]);
  });
});

describe("the install goes onto one disk: a part of the system placed on another never moves it", () => {
  for (const line of [
    "can i put home on the samsung?",
    "put /home on sda",
    "swap on the samsung pls",
    "and /var onto the other disk",
    "home folder to the sata ssd, its bigger",
    "could i use the samsung for home?",
  ]) {
    it(`"use the nvme" then "${line}": the plan stays on the nvme, sda is not erased`, async () => {
      const { conv, last } = await dialogue(SW, ["use the nvme", line]);
      expect(erases(calls(last))).toEqual([]);
      expect(erases(offered(last))).not.toContain("/dev/sda");
      expect(erases(conv.pending)).toEqual(["/dev/nvme0n1"]);
    });
  }
  it('"actually put everything on the samsung instead" moves the install', async () => {
    const { last } = await dialogue(SW, ["use the nvme", "actually put everything on the samsung instead"]);
    expect(erases(calls(last))).toEqual(["/dev/sda"]);
  });
});

// sda: Samsung SATA SSD, sdb: Seagate 2 TB hard disk, nvme0n1: WD NVMe, sdc: the live stick
const THREE_KINDS = fixtureFacts("live-three-disks");

describe('"the hard drive" alone is what people call any disk: asked, the one hard disk offered', () => {
  for (const line of [
    "install it on the hard drive",
    "put levitate on the harddrive pls",
    "the hard disk i guess",
    "Please install the system on my hard drive.",
    "use the hard drive for linux",
    "instal on hard disk",
  ]) {
    it(`"${line}" asks and offers /dev/sdb; nothing is planned`, async () => {
      const { conv, last } = await dialogue(THREE_KINDS, [line]);
      expect(calls(last)).toEqual([]);
      expect(erases(offered(last))).toEqual(["/dev/sdb"]);
      expect(conv.pending).toEqual([]);
    });
  }
  it("with another description it narrows: the 2tb hard drive is the Seagate", async () => {
    const { last } = await dialogue(THREE_KINDS, ["put it on the 2tb hard drive"]);
    expect(erases(calls(last))).toEqual(["/dev/sdb"]);
  });
  it('"the samsung harddrive" is the Samsung (an SSD people call a hard drive)', async () => {
    const { last } = await dialogue(THREE_KINDS, ["install on the samsung harddrive"]);
    expect(erases(calls(last))).toEqual(["/dev/sda"]);
  });
  it('"hdd" is the hard disk', async () => {
    const { last } = await dialogue(THREE_KINDS, ["use the hdd"]);
    expect(erases(calls(last))).toEqual(["/dev/sdb"]);
  });
  it("a yes takes the hard disk offered", async () => {
    const { conv } = await dialogue(THREE_KINDS, ["install on the hard drive", "yes"]);
    expect(erases(conv.pending)).toEqual(["/dev/sdb"]);
  });
});

// nvme0n1: Windows with 372 GiB free, sda: an empty Samsung, sdb: the live stick
const WIN_AND_EMPTY: Facts = {
  ...fixtureFacts("live-windows-free"),
  disks: [
    ...fixtureFacts("live-windows-free").disks,
    { ...SW.disks.find((d) => d.path === "/dev/sda")!, partitions: [] },
  ],
};

describe("an answer about the free space beside a system offers the install into it", () => {
  for (const [q, then] of [
    ["how much free space is there next to windows", "use it"],
    ["is there room beside windows?", "ok put it there"],
    ["how much free space is there beside windows?", "use that"],
    ["how much unallocated space does the windows disk have?", "yes"],
    ["whats the free space on the nvme", "yes please"],
    ["how much space is left next to win11?", "ok do that"],
  ] as const) {
    it(`"${q}" then "${then}": the free space on the nvme, never the empty sda`, async () => {
      const { conv, decisions } = await dialogue(WIN_AND_EMPTY, [q, then]);
      expect(calls(decisions[0]!)).toEqual([]);
      expect("reply" in decisions[0]! && decisions[0].reply).not.toMatch(/\/dev\/sda/);
      expect(conv.pending.map((c) => c.tool === "partitionDisk" && c.args)).toMatchObject([
        { disk: "/dev/nvme0n1", use: "free" },
      ]);
    });
  }
});

describe("a negated erase of the disk planned takes that step out, and only it", () => {
  for (const line of [
    "wait i changed my mind dont wipe it yet",
    "hmm ok dont erase it then",
    "dont wipe it, i need to back up first",
    "no!! do not format the nvme after all",
    "actually dont wipe that disk yet pls",
    "dnt erase it",
  ]) {
    it(`"use the nvme, user bob" then "${line}": the install dropped, bob stays`, async () => {
      const { conv, last } = await dialogue(SW, ["use the nvme, user bob", line]);
      expect("drop" in last && last.drop).toMatchObject([
        { tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } },
      ]);
      expect(conv.pending.map((c) => c.tool)).toEqual(["createUser"]);
    });
  }
  it("a correction after it is read as one: nothing is erased", async () => {
    const { conv } = await dialogue(SW, ["use the nvme", "dont wipe it, use the samsung"]);
    expect(erases(conv.pending)).not.toContain("/dev/nvme0n1");
  });
  it("a negated erase of another disk drops nothing", async () => {
    const { last } = await dialogue(SW, ["use the nvme", "dont wipe the samsung"]);
    expect("drop" in last).toBe(false);
  });
});

describe('"the empty one" is the disk with no partitions; "the empty space" stays the free space', () => {
  for (const line of [
    "use the empty one",
    "the blank drive pls",
    "put it on the empty disk",
    "install on the unused ssd",
    "ok the empty drive then",
    "Please use the empty one, thank you.",
  ]) {
    it(`"${line}" picks the empty WD, never the Samsung with data`, async () => {
      const { last } = await dialogue(DATA, [line]);
      expect(erases(calls(last))).toEqual(["/dev/nvme0n1"]);
    });
  }
  it('"the samsung. is it empty?" is answered, nothing planned', async () => {
    const { conv, last } = await dialogue(DATA, ["the samsung. is it empty?"]);
    expect(calls(last)).toEqual([]);
    expect(conv.pending).toEqual([]);
  });
  it('"install in the empty space on the samsung" is its free space', async () => {
    const { last } = await dialogue(DATA_FREE, ["install in the empty space on the samsung"]);
    expect(proposedFree(last)).toEqual(["/dev/sda"]);
  });
});

function proposedFree(d: Decision): string[] {
  return [...calls(d), ...offered(d)]
    .filter((c) => c.tool === "partitionDisk" && (c.args as { use?: string }).use === "free")
    .map((c) => (c.args as { disk: string }).disk);
}
