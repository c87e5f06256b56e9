import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round six (issues 14 and 15, disks): the classes behind the dev sets' misreads about disks,
 * sizes, alongside installs and questions, each tested on sentences of the same class that are in
 * no data set.
 */

const TWO = fixtureFacts("live-two-disks");

function proposed(d: Decision): PlanCall[] {
  if ("calls" in d) return d.calls;
  if ("reply" in d && d.offer) return d.offer.calls;
  return [];
}
function disk(d: Decision): Record<string, unknown> | undefined {
  return proposed(d).find((c) => c.tool === "partitionDisk")?.args as Record<string, unknown> | undefined;
}

describe("two sizes in one request each go to the word they sit beside", () => {
  for (const [line, root, swap] of [
    ["nvme, 30gb root, 4gb swap", "30G", "4G"],
    ["install on the nvme with 40 gig root and 8 gig swap", "40G", "8G"],
    ["the samsung pls: 50G root 2G swap", "50G", "2G"],
    ["nvme. root 25gb swap 6gb", "25G", "6G"],
    ["use the nvme, swap 16 gigs, root 120 gigs", "120G", "16G"],
    ["nvme, 4gb swap, 30gb root", "30G", "4G"],
    ["nvme with half a tera root and 12gb swap", "512G", "12G"],
  ] as const) {
    it(`"${line}" → root ${root}, swap ${swap}`, async () => {
      const { last } = await dialogue(TWO, [line]);
      const a = disk(last);
      expect(a?.disk).toBe("/dev/nvme0n1");
      expect(a?.rootSize).toBe(root);
      expect(a?.swapSize).toBe(swap);
    });
  }
});

describe("a refused attribute in its own clause is refused, and refuses nothing in the next clause", () => {
  for (const [line, swap, encrypt] of [
    ["no swap, encrypt it, nvme", undefined, true],
    ["no swap. nvme", undefined, undefined],
    ["nvme, no swap, encrypt it", undefined, true],
    ["no swap pls and encryption on, the 980", undefined, true],
    ["without swap, encrypted, on the nvme", undefined, true],
    ["no encryption, 8g swap, nvme", "8G", false],
    ["nvme, swap yes, no encryption", "8G", false],
  ] as const) {
    it(`"${line}" → swap ${swap ?? "none"}, encrypt ${encrypt ?? "default"}`, async () => {
      const { last } = await dialogue(TWO, [line]);
      const a = disk(last);
      expect(a?.disk).toBe("/dev/nvme0n1");
      expect(a?.swapSize).toBe(swap);
      if (encrypt === undefined) expect(a?.encrypt ?? false).toBe(false);
      else expect(a?.encrypt ?? false).toBe(encrypt);
    });
  }
});

const WINB = fixtureFacts("findings2-b-win-free");
const replyOf = (d: Decision) => ("reply" in d ? d.reply : "");

describe("a question about a disk or a system is answered from the facts and the plan, never planned", () => {
  for (const line of [
    "the samsung, whats on it",
    "the 980 - what's on there?",
    "nvme: how big is it",
    "the crucial. is it empty?",
    "that ssd, anything on it?",
  ]) {
    it(`"${line}" plans nothing and names the disk`, async () => {
      const f = line.includes("samsung") ? fixtureFacts("live-samsung-wd") : TWO;
      const { conv, last } = await dialogue(f, [line]);
      expect(proposed(last)).toEqual([]);
      expect(conv.pending).toEqual([]);
      expect(replyOf(last)).toMatch(/\/dev\//);
    });
  }
  for (const line of [
    "how much free space is there",
    "hw much space is free on the nvme?",
    "how much room is left next to windows",
    "is there any free space?",
    "how big is the free space",
  ]) {
    it(`"${line}" says the free space (120.0 GiB)`, async () => {
      const { conv, last } = await dialogue(WINB, [line]);
      // nothing planned; at most the install into that free space is offered (conv8-disks)
      expect("calls" in last).toBe(false);
      expect(conv.pending).toEqual([]);
      expect(proposed(last).filter((c) => c.tool !== "partitionDisk" || c.args.use !== "free")).toEqual([]);
      expect(replyOf(last)).toMatch(/120\.0 GiB/);
    });
  }
  for (const line of ["what's on p4", "whats on the nvme", "what is on nvme0n1?"]) {
    it(`"${line}" names the partitions' labels and systems`, async () => {
      const { last } = await dialogue(WINB, [line]);
      expect(replyOf(last)).toMatch(/Recovery/);
    });
  }
});

describe("'will windows still boot?' gets a true answer from the plan", () => {
  for (const q of [
    "will windows still boot?",
    "will i still be able to boot windows",
    "can i still start windows after this?",
    "is windows safe?",
    "windows will still work right?",
    "and windows stays bootable?",
  ]) {
    it(`"${q}" after an install beside Windows: yes, kept and in the boot menu`, async () => {
      const { conv, last } = await dialogue(WINB, ["next to windows", q]);
      expect(replyOf(last)).toMatch(/^Yes/);
      expect(replyOf(last)).toMatch(/boot menu/);
      expect(conv.pending.map((c) => c.args)).toMatchObject([{ use: "free" }]);
    });
    it(`"${q}" after the whole disk is erased: no, it is lost`, async () => {
      const { last } = await dialogue(WINB, ["erase the nvme, windows can go", q]);
      expect(replyOf(last)).toMatch(/^No/);
      expect(replyOf(last)).toMatch(/lost|erase/i);
    });
  }
  for (const q of ["will windows be deleted?", "does this wipe windows", "is windows going to be erased?"]) {
    it(`"${q}" after an install beside Windows: no`, async () => {
      const { last } = await dialogue(WINB, ["next to windows", q]);
      expect(replyOf(last)).toMatch(/^No/);
    });
  }
});

describe("a disk holding another system, with no word about it: the question offers the install beside it", () => {
  for (const line of [
    "install levitate",
    "put linux on this laptop pls",
    "ok lets install the os",
    "instal levitateos",
    "set up linux on the nvme",
  ]) {
    it(`"${line}" asks, offering use: free; "yes" takes it and erases nothing`, async () => {
      const { conv, decisions } = await dialogue(WINB, [line, "yes"]);
      expect(decisions[0]).toHaveProperty("reply");
      expect(replyOf(decisions[0]!)).toMatch(/erase/);
      expect(disk(decisions[0]!)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
      expect(conv.pending.map((c) => c.args)).toMatchObject([{ disk: "/dev/nvme0n1", use: "free" }]);
    });
  }
  it("without room beside the system, nothing is offered", async () => {
    const { last } = await dialogue(fixtureFacts("findings2-c-win-nofree"), ["install levitate"]);
    expect(proposed(last)).toEqual([]);
  });
});

describe("in the live installer, erasing 'it all' or replacing a system is the erase of its disk, never a recipe removal", () => {
  for (const lines of [
    ["replace windows, im done with it"],
    ["get rid of windows, i'm so done with that thing"],
    ["replace windows with levitate, erase all of it"],
    ["install levitate", "erase it all"],
    ["install levitate", "just wipe everything"],
    ["erase everything on the nvme"],
    ["windows can go, wipe it all pls"],
  ]) {
    it(`${JSON.stringify(lines)} erases /dev/nvme0n1 whole`, async () => {
      const { last } = await dialogue(WINB, lines);
      expect("calls" in last ? last.calls : []).toMatchObject([
        { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "whole" } },
      ]);
    });
  }
  it("after 'dont touch windows', 'erase it all' still erases nothing", async () => {
    const { conv, last } = await dialogue(WINB, ["dont touch windows", "erase it all"]);
    expect("calls" in last ? last.calls : []).toEqual([]);
    expect(conv.pending.filter((c) => c.tool === "partitionDisk" && c.args.use === "whole")).toEqual([]);
  });
});

describe("an explicit erase of the disk after an install beside its system: the erase when the words name the system, else a question that offers it; after an explicit keep never an erase", () => {
  for (const second of [
    "screw it, nuke windows and use the entire disk",
    "hmm no, wipe the whole ssd, windows is useless",
    "ok forget dual boot, erase windows too, the whole nvme",
    "actually windows goes, format the nvme completely",
    "eh, erase all of the nvme incl windows",
  ]) {
    it(`"next to windows" then "${second}" → the whole disk`, async () => {
      const { conv, last } = await dialogue(WINB, ["next to windows", second]);
      expect("calls" in last ? last.calls : []).toMatchObject([
        { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "whole" } },
      ]);
      expect(conv.pending.map((c) => c.args)).toMatchObject([{ disk: "/dev/nvme0n1", use: "whole" }]);
    });
    it(`"dont touch windows, alongside" then "${second}" → never an erase`, async () => {
      const { conv } = await dialogue(WINB, ["dont touch windows, alongside", second]);
      expect(conv.pending.filter((c) => c.tool === "partitionDisk" && c.args.use === "whole")).toEqual([]);
    });
  }
  for (const second of [
    "actually forget dual boot, erase the whole nvme",
    "change of plan: format the nvme completely",
    "eh just erase all of the nvme",
  ]) {
    it(`"next to windows" then "${second}" (Windows not named) → asks, naming Windows, and "yes" erases`, async () => {
      const { conv, decisions } = await dialogue(WINB, ["next to windows", second, "yes"]);
      expect(replyOf(decisions[1]!)).toMatch(/Windows/);
      expect(disk(decisions[1]!)).toMatchObject({ disk: "/dev/nvme0n1", use: "whole" });
      expect(conv.pending.map((c) => c.args)).toMatchObject([{ disk: "/dev/nvme0n1", use: "whole" }]);
    });
  }
  it('"next to windows" then a bare "erase" with no object keeps the install beside it', async () => {
    const { conv } = await dialogue(WINB, ["next to windows", "erase"]);
    expect(conv.pending.filter((c) => c.tool === "partitionDisk" && c.args.use === "whole")).toEqual([]);
  });
});

describe("'i never use it' about a disk or a system lets it go; it never keeps the whole disk", () => {
  const SW = fixtureFacts("live-samsung-wd");
  for (const [f, lines, target] of [
    [SW, ["the samsung? i never use it, wipe it"], "/dev/sda"],
    [TWO, ["i dont use the crucial anymore, install there"], "/dev/sda"],
    [WINB, ["we never boot windows, erase the nvme"], "/dev/nvme0n1"],
    [WINB, ["install levitate", "erase it, i never use windows anyway"], "/dev/nvme0n1"],
    [SW, ["samsung pls. i barely use it"], "/dev/sda"],
  ] as const) {
    it(`${JSON.stringify(lines)} erases ${target} and keeps nothing`, async () => {
      const { conv, last } = await dialogue(f, [...lines]);
      expect(conv.protections.filter((p) => p.kind === "disk")).toEqual([]);
      expect(disk(last)).toMatchObject({ disk: target });
    });
  }
  it("'erase the recovery partition too, i never use it' beside Windows: the install beside it stays", async () => {
    const { conv } = await dialogue(WINB, [
      "next to windows",
      "actually erase the recovery partition too, i never use it",
    ]);
    expect(conv.protections.filter((p) => p.kind === "disk")).toEqual([]);
    expect(conv.pending.map((c) => c.args)).toMatchObject([{ disk: "/dev/nvme0n1", use: "free" }]);
  });
});

describe("'leave it' / 'dont wipe it' with an install into the free space of that disk keeps its partitions, not the whole disk", () => {
  const F = fixtureFacts("live-fedora-free");
  for (const lines of [
    ["what's on sda?", "leave it, install in the free space on sda"],
    ["install on sda", "wipe it", "i changed my mind, dont wipe it, put it next to fedora"],
    ["sda", "no dont erase it. use the free space"],
    ["whats on the crucial", "leave that alone and go in the unallocated space"],
    ["use sda", "hmm dont format it, alongside fedora pls"],
  ]) {
    it(`${JSON.stringify(lines)} → use: free on /dev/sda`, async () => {
      const { conv, last } = await dialogue(F, lines);
      expect(disk(last)).toMatchObject({ disk: "/dev/sda", use: "free" });
      expect(conv.protections.filter((p) => p.kind === "disk")).toEqual([]);
    });
  }
});

describe("one disk left after a keep: layout words install there", () => {
  const THREE = fixtureFacts("live-three-disks");
  for (const [f, lines, target] of [
    [TWO, ["keep the crucial, it has my games", "install with btrfs and 16g swap"], "/dev/nvme0n1"],
    [TWO, ["dont touch sda", "encrypted, xfs pls"], "/dev/nvme0n1"],
    [TWO, ["the 500gb one is off limits", "ok go, 50G root and the rest for home"], "/dev/nvme0n1"],
    [THREE, ["keep sda and sdb. btrfs with 8 gigs swap"], "/dev/nvme0n1"],
    [TWO, ["avoid the crucial", "go ahead, encryption please"], "/dev/nvme0n1"],
    [THREE, ["keep sda and sdb", "btrfs with 8 gigs swap"], "/dev/nvme0n1"],
    [TWO, ["avoid the crucial", "install it with encryption please"], "/dev/nvme0n1"],
  ] as const) {
    it(`${JSON.stringify(lines)} → ${target}`, async () => {
      const { last } = await dialogue(f, [...lines]);
      expect("calls" in last ? last.calls : []).toMatchObject([
        { tool: "partitionDisk", args: { disk: target } },
      ]);
    });
  }
  it("with two disks left, layout words still ask which", async () => {
    const { last } = await dialogue(THREE, ["keep sda", "btrfs with 8 gigs swap"]);
    expect(proposed(last).filter((c) => c.tool === "partitionDisk")).toEqual([]);
  });
});

describe("a root size beside another system, with no word about it, is the install into its free space", () => {
  for (const line of [
    "give linux 80 gigs",
    "keep windows, 100G for root",
    "keep windows. 60gb root rest for home",
    "linux gets 50 gb",
    "windows stays, root 70G",
  ]) {
    it(`"${line}" → use: free on the Windows disk`, async () => {
      const { last } = await dialogue(WINB, [line]);
      expect("calls" in last ? last.calls : []).toMatchObject([
        { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free" } },
      ]);
    });
  }
});

describe("a size said without a unit, to change a pending size, is in GiB", () => {
  for (const [first, edit, key, size] of [
    ["nvme with 8G swap", "make the swap 12 instead", "swapSize", "12G"],
    ["nvme, 100G root, rest for home", "no make root 250", "rootSize", "250G"],
    ["nvme, root 40gb", "actually make it 60", "rootSize", "60G"],
    ["nvme with 4 gigs of swap", "swap 6 pls", "swapSize", "6G"],
    ["nvme, 30G root", "hmm bump root to 45", "rootSize", "45G"],
  ] as const) {
    it(`"${first}" then "${edit}" → ${key} ${size}`, async () => {
      const { conv } = await dialogue(TWO, [first, edit]);
      expect(conv.pending.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({
        disk: "/dev/nvme0n1",
        [key]: size,
      });
    });
  }
  it("a bare number with nothing pending plans nothing", async () => {
    const { conv } = await dialogue(TWO, ["make root 250"]);
    expect(conv.pending).toEqual([]);
  });
});

describe("a reason of the user's own beside a keep ('i need it for work') is part of the keep, never an install", () => {
  const SW = fixtureFacts("live-samsung-wd");
  for (const [f, line] of [
    [WINB, "whatever happens dont delete windows. i need it for work"],
    [WINB, "keep windows pls, i still use it for games"],
    [SW, "leave the samsung alone, i have my photos on it"],
    [SW, "dont wipe the samsung!! i need that"],
    [WINB, "windows stays. we use it every day"],
  ] as const) {
    it(`"${line}" keeps and plans nothing`, async () => {
      const { conv, last } = await dialogue(f, [line]);
      expect("calls" in last ? last.calls : []).toEqual([]);
      expect(conv.pending).toEqual([]);
      expect(conv.protections.length).toBeGreaterThan(0);
    });
  }
});

describe("'which disk?' with exactly one disk that loses nothing offers that one", () => {
  const F = fixtureFacts("live-fedora-free");
  const NOFREE = fixtureFacts("findings2-c-win-nofree");
  const twoWin = {
    ...NOFREE,
    disks: [
      ...NOFREE.disks,
      { path: "/dev/sdb", sizeBytes: 500107862016, model: "CT500MX500SSD1", transport: "sata" as const },
    ],
  };
  for (const [name, f, line, args] of [
    ["fedora with free space + an empty disk", F, "install levitate", undefined],
    ["windows without free space + an empty disk", twoWin, "install levitate", { disk: "/dev/sdb" }],
    ["windows without free space + an empty disk", twoWin, "put linux on here", { disk: "/dev/sdb" }],
    ["windows without free space + an empty disk", twoWin, "lets install the os", { disk: "/dev/sdb" }],
    ["windows without free space + an empty disk", twoWin, "install linux pls", { disk: "/dev/sdb" }],
  ] as const) {
    it(`${name}: "${line}" asks${args ? `, offering ${args.disk}` : " with no offer (two disks lose nothing)"}`, async () => {
      const { conv, last } = await dialogue(f as never, [line]);
      expect(last).toHaveProperty("reply");
      expect(conv.pending).toEqual([]);
      if (args) expect(disk(last)).toMatchObject(args);
      else expect(disk(last)).toBeUndefined();
    });
  }
});

describe("a layout word refused by 'w/o' or excluded by 'anything but' is not planned", () => {
  for (const [line, key, value] of [
    ["install on the nvme w/o separate home", "separateHome", false],
    ["nvme, w/o swap", "swapSize", undefined],
    ["nvme w/o encryption pls", "encrypt", false],
    ["nvme, whatever fs except btrfs", "filesystem", "ext4"],
    ["nvme, anything except btrfs for the fs", "filesystem", "ext4"],
    ["nvme and anything but ext4", "filesystem", "xfs"],
  ] as const) {
    it(`"${line}" → ${key} ${String(value)}`, async () => {
      const { last } = await dialogue(TWO, [line]);
      const a = disk(last);
      expect(a?.disk).toBe("/dev/nvme0n1");
      if (key === "filesystem") expect(a?.filesystem ?? "ext4").toBe(value);
      else if (value === undefined) expect(a?.[key]).toBeUndefined();
      else expect(a?.[key] ?? false).toBe(value);
    });
  }
});

describe("'instead of X' rules X out and takes the disk the request names", () => {
  const THREE = fixtureFacts("live-three-disks");
  for (const [first, line, target] of [
    ["install on the seagate", "instead of the seagate use the wd", "/dev/nvme0n1"],
    ["install on sdb", "use the samsung instead of sdb", "/dev/sda"],
    ["put it on the 2tb", "hmm instead of the 2tb one put it on the nvme", "/dev/nvme0n1"],
    ["sdb", "the 870 instead of the hdd please", "/dev/sda"],
    ["install on the seagate", "instead of that one, use the 1tb", "/dev/nvme0n1"],
  ] as const) {
    it(`"${first}" then "${line}" → ${target}`, async () => {
      const { conv } = await dialogue(THREE, [first, line]);
      expect(conv.pending.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({ disk: target });
    });
  }
});
