import { describe, expect, it } from "vitest";
import { gateDestructive } from "../../agent/safety/destructiveGate.js";
import { conditionPick, judgeUnnamedErase } from "../../agent/safety/unnamedErase.js";
import type { ConversationView, PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * A whole-disk erase whose disk the turn never names (agent/safety/unnamedErase.ts, called by the
 * last-line gate): planned only on an empty disk the facts settle, otherwise offered with the disk
 * I would pick, why and what it holds. Wordings are our own (delegations, comparisons, conditions,
 * kinds two disks share, counts that take in the live medium), on machines with one, two and three
 * disks, with and without data.
 */

const BASE = fixtureFacts("findings11d-three-empty");
const LIVE_USB = {
  path: "/dev/sdz",
  sizeBytes: 31000000000,
  model: "Kingston DataTraveler",
  transport: "usb",
  removable: true,
  mounted: true,
  liveMedium: true,
  table: "dos",
  freeBytes: 0,
  partitions: [{ path: "/dev/sdz1", sizeBytes: 1621098496, fstype: "iso9660", label: "LEVITATE" }],
};
const LIVE_DVD = {
  path: "/dev/sr0",
  sizeBytes: 1621098496,
  model: "QEMU DVD-ROM",
  transport: "sata",
  removable: true,
  mounted: true,
  liveMedium: true,
  freeBytes: 0,
  partitions: [],
};
const empty = (path: string, sizeBytes: number, model: string, transport: string) => ({
  path,
  sizeBytes,
  model,
  transport,
  freeBytes: sizeBytes,
  partitions: [],
});
const machine = (disks: object[]): Facts => FactsSchema.parse({ ...BASE, disks });

/** One virtual disk beside the live DVD. */
const ONE = machine([empty("/dev/vda", 68719476736, "", "virtio"), LIVE_DVD]);
/** One disk with a photo partition beside the live stick. */
const ONE_DATA = machine([
  {
    path: "/dev/sda",
    sizeBytes: 512110190592,
    model: "Seagate BarraCuda 510",
    transport: "sata",
    table: "gpt",
    freeBytes: 0,
    partitions: [{ path: "/dev/sda1", sizeBytes: 512000000000, fstype: "ntfs", label: "Photos" }],
  },
  LIVE_USB,
]);
/** Two empty disks of different sizes. */
const TWO = machine([
  empty("/dev/nvme0n1", 2000398934016, "WD_BLACK SN850X 2000GB", "nvme"),
  empty("/dev/sda", 1000204886016, "Samsung SSD 870 QVO 1TB", "sata"),
  LIVE_USB,
]);
/** An empty NVMe and a smaller SATA disk with Windows. */
const MIXED = machine([
  empty("/dev/nvme0n1", 1000204886016, "WD_BLACK SN770 1TB", "nvme"),
  {
    path: "/dev/sda",
    sizeBytes: 500107862016,
    model: "Samsung SSD 860 EVO 500GB",
    transport: "sata",
    table: "gpt",
    freeBytes: 0,
    partitions: [
      { path: "/dev/sda1", sizeBytes: 536870912, fstype: "vfat", esp: true, os: "Windows Boot Manager" },
      { path: "/dev/sda2", sizeBytes: 499000000000, fstype: "ntfs", os: "Windows 10" },
    ],
  },
  LIVE_USB,
]);
/** Two empty SSDs and a bigger hard disk full of films. */
const THREE = machine([
  empty("/dev/nvme0n1", 500107862016, "Samsung SSD 970 EVO Plus 500GB", "nvme"),
  empty("/dev/sda", 1000204886016, "CT1000MX500SSD1", "sata"),
  {
    path: "/dev/sdb",
    sizeBytes: 2000398934016,
    model: "TOSHIBA DT01ACA200",
    transport: "sata",
    table: "gpt",
    freeBytes: 0,
    partitions: [{ path: "/dev/sdb1", sizeBytes: 2000397795328, fstype: "ext4", label: "films" }],
  },
  LIVE_USB,
]);
/** A USB SSD with data, an empty eMMC, and the live stick (USB too). */
const USB_DATA = machine([
  empty("/dev/mmcblk0", 125069950976, "BJTD4R", "mmc"),
  {
    path: "/dev/sda",
    sizeBytes: 1000204886016,
    model: "Samsung PSSD T7",
    transport: "usb",
    table: "gpt",
    freeBytes: 0,
    partitions: [{ path: "/dev/sda1", sizeBytes: 1000203091968, fstype: "exfat", label: "T7" }],
  },
  { ...LIVE_USB, path: "/dev/sdb", partitions: [{ ...LIVE_USB.partitions[0], path: "/dev/sdb1" }] },
]);

const whole = (disk: string, more: object = {}): PlanCall =>
  ({
    tool: "partitionDisk",
    args: { disk, use: "whole", filesystem: "ext4", encrypt: false, separateHome: false, ...more },
  }) as PlanCall;

function view(user: string, extra: Partial<ConversationView> = {}): ConversationView {
  return { turns: [], pending: [], entities: [], user, ...extra };
}

function erased(d: Decision): string[] {
  return "calls" in d
    ? d.calls.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []))
    : [];
}

function offered(d: Decision): string[] {
  return "reply" in d
    ? (d.offer?.calls ?? []).flatMap((c) => (c.tool === "partitionDisk" ? [c.args.disk] : []))
    : [];
}

const gate = (facts: Facts, user: string, disk: string, extra: Partial<ConversationView> = {}) =>
  gateDestructive({ calls: [whole(disk)] }, view(user, extra), facts);

describe("gate: an erase the words never named is offered, not planned", () => {
  // [facts, words, the disk a reader chose, the disk the offer must hold (undefined: no offer)]
  const asked: [string, Facts, string, string, string | undefined][] = [
    ["delegation, two empty disks", TWO, "you choose the disk, just install it", "/dev/sda", "/dev/sda"],
    ["delegation, two empty disks", TWO, "whatever you reckon is best", "/dev/nvme0n1", "/dev/nvme0n1"],
    ["delegation, two empty disks", TWO, "dealer's choice", "/dev/sda", "/dev/sda"],
    ["a comparison the facts cannot settle", TWO, "put it on the faster one", "/dev/nvme0n1", "/dev/nvme0n1"],
    ["both empty", TWO, "whichever is blank, wipe it", "/dev/nvme0n1", "/dev/nvme0n1"],
    ["delegation onto a Windows disk", MIXED, "pick one for me and go", "/dev/sda", "/dev/nvme0n1"],
    ["a comparison onto a Windows disk", MIXED, "install it on the bigger drive", "/dev/sda", "/dev/nvme0n1"],
    ["the biggest holds films", THREE, "use the biggest disk", "/dev/sdb", "/dev/sda"],
    ["a default onto the films disk", THREE, "go ahead and install", "/dev/sdb", "/dev/sda"],
    [
      "a kind the live stick shares",
      USB_DATA,
      "format the usb drive and install",
      "/dev/sda",
      "/dev/mmcblk0",
    ],
    ["a kind the live stick shares", USB_DATA, "clear off the external one", "/dev/sda", "/dev/mmcblk0"],
    ["a count that takes in the live DVD", ONE, "the second of the two drives", "/dev/vda", "/dev/vda"],
    ["a count that takes in the live DVD", ONE, "the other disk, not this one", "/dev/vda", "/dev/vda"],
    ["the only disk holds photos", ONE_DATA, "just use the whole drive", "/dev/sda", "/dev/sda"],
    [
      "a failed condition",
      USB_DATA,
      "erase the T7 but only if it has nothing on it",
      "/dev/mmcblk0",
      "/dev/mmcblk0",
    ],
  ];
  for (const [why, facts, words, disk, offer] of asked)
    it(`${why}: "${words}"`, () => {
      const d = gate(facts, words, disk);
      expect(erased(d)).toEqual([]);
      expect("reply" in d).toBe(true);
      expect(offered(d)).toEqual(offer ? [offer] : []);
      // the reply names the disk "yes" takes and whether anything on it is lost
      if (offer && "reply" in d) expect(d.reply).toContain(offer);
    });

  it("what the offered disk holds is said before a yes can take it", () => {
    const d = gate(ONE_DATA, "install, use everything", "/dev/sda");
    expect("reply" in d && d.reply).toMatch(/Photos/);
    expect(offered(d)).toEqual(["/dev/sda"]);
  });

  it("two disks with data and no empty one: asked, nothing offered", () => {
    const full = machine([
      ONE_DATA.disks[0]!,
      {
        ...MIXED.disks[1]!,
        path: "/dev/sdc",
        partitions: [{ ...MIXED.disks[1]!.partitions![1]!, path: "/dev/sdc2" }],
      },
      LIVE_USB,
    ]);
    const d = gate(full, "you decide", "/dev/sda");
    expect(erased(d)).toEqual([]);
    expect(offered(d)).toEqual([]);
  });

  it("every erase refused, the empty disk never named: asked, the yes says what it erases", () => {
    for (const words of [
      "wipe nothing. windows stays",
      "don't erase anything, windows stays",
      "nothing gets wiped",
    ]) {
      const d = gate(MIXED, words, "/dev/nvme0n1", {
        protections: [{ kind: "disk", disk: "/dev/sda", said: "windows stays" }],
      });
      expect(erased(d)).toEqual([]);
      expect("reply" in d && d.reply).toMatch(/wipe nothing/);
    }
  });

  it("a refused wish refuses the erase, and offers nothing of that disk", () => {
    for (const words of ["i do not want you to touch the nvme", "we no want make anyone wipe the nvme o"]) {
      const d = gate(TWO, words, "/dev/nvme0n1");
      expect(erased(d)).toEqual([]);
      expect(offered(d)).not.toContain("/dev/nvme0n1");
    }
  });

  it("the rest of the decision rides on the offer", () => {
    const user = { tool: "createUser", args: { username: "mara", sudo: false } } as PlanCall;
    const d = gateDestructive(
      { calls: [whole("/dev/nvme0n1"), user] },
      view("surprise me, and add mara"),
      TWO,
    );
    expect(erased(d)).toEqual([]);
    expect("reply" in d && d.offer?.calls.map((c) => c.tool)).toEqual(["partitionDisk", "createUser"]);
  });
});

describe("gate: an erase the words or the facts settle still stands", () => {
  const planned: [string, Facts, string, string][] = [
    ["the only disk, empty", ONE, "use the whole drive", "/dev/vda"],
    ["the only disk, empty", ONE, "install levitate and wipe everything", "/dev/vda"],
    [
      "the only disk, erased as a whole",
      ONE_DATA,
      "fine, format the whole disk, photos are backed up",
      "/dev/sda",
    ],
    ["a kind only one disk is", TWO, "the nvme please, the whole thing", "/dev/nvme0n1"],
    ["a bare kind word as an answer", TWO, "disk: nvme. fs: btrfs.", "/dev/nvme0n1"],
    ["a size", TWO, "put it on the 1tb one", "/dev/sda"],
    ["a comparison, both empty", TWO, "install on the bigger one", "/dev/nvme0n1"],
    ["a comparison, both empty", TWO, "the smaller disk will do", "/dev/sda"],
    ["a brand the model hides", THREE, "erase the crucial", "/dev/sda"],
    [
      "a comparison inside a kind",
      THREE,
      "keep the toshiba, install onto whichever ssd is larger",
      "/dev/sda",
    ],
    [
      "a comparison in its own clause",
      THREE,
      "keep the bigger of the two ssds, erase the smaller",
      "/dev/nvme0n1",
    ],
    ["a kind only one disk is, with data", THREE, "nuke the hdd, the films are backed up", "/dev/sdb"],
    ["what the disk holds", THREE, "get rid of the films drive and install there", "/dev/sdb"],
    ["a device name", MIXED, "wipe sda", "/dev/sda"],
    ["a tag question is no refusal", TWO, "nvme can or not", "/dev/nvme0n1"],
    ["a condition that holds", TWO, "if the nvme is bigger use it, otherwise sda", "/dev/nvme0n1"],
  ];
  for (const [why, facts, words, disk] of planned)
    it(`${why}: "${words}"`, () => {
      expect(erased(gate(facts, words, disk))).toEqual([disk]);
    });

  it("a yes to my offer of exactly that erase", () => {
    const d = gate(TWO, "yes", "/dev/nvme0n1", { offer: { calls: [whole("/dev/nvme0n1")] } });
    expect(erased(d)).toEqual(["/dev/nvme0n1"]);
  });

  it("a change to the erase already planned", () => {
    const d = gateDestructive(
      { calls: [whole("/dev/sda", { filesystem: "btrfs" })] },
      view("make it btrfs", { pending: [whole("/dev/sda")] }),
      THREE,
    );
    expect(erased(d)).toEqual(["/dev/sda"]);
  });

  it("a disk my last reply spoke of alone, taken up with a pronoun", () => {
    const d = gate(TWO, "ok use it", "/dev/sda", {
      turns: [{ user: "what's on the samsung?", decision: { reply: "/dev/sda is empty." } }],
    });
    expect(erased(d)).toEqual(["/dev/sda"]);
  });

  it("the only disk the person's keeps leave", () => {
    const d = gate(MIXED, "windows stays. put it on the other drive", "/dev/nvme0n1", {
      protections: [{ kind: "disk", disk: "/dev/sda", said: "windows stays" }],
    });
    expect(erased(d)).toEqual(["/dev/nvme0n1"]);
  });
});

describe("conditions the facts settle move the erase to the disk they pick", () => {
  it("a fallback taken when the condition fails", () => {
    const d = gate(TWO, "if the samsung is bigger use it, otherwise the wd", "/dev/sda");
    expect(erased(d)).toEqual(["/dev/nvme0n1"]);
  });
  it("a size floor", () => {
    expect(conditionPick("if the nvme has at least 1.5 tb put it there, else sda", TWO)?.path).toBe(
      "/dev/nvme0n1",
    );
    expect(conditionPick("if sda has more than 1.5 tb use it, else the nvme", TWO)?.path).toBe(
      "/dev/nvme0n1",
    );
  });
  it("a condition on a disk with data picks nothing", () => {
    expect(conditionPick("wipe the T7 if it's empty", USB_DATA)).toBeNull();
    const v = judgeUnnamedErase(whole("/dev/mmcblk0"), view("wipe the T7 if it's empty"), USB_DATA);
    expect(v.kind).toBe("ask");
    expect(v.kind === "ask" && v.ask).toMatch(/\/dev\/sda .*not empty/);
  });
  it("no condition, nothing to settle", () => {
    expect(conditionPick("use the nvme", TWO)).toBeUndefined();
  });
});

describe("the whole turn: the rules backend and every screen before the gate", () => {
  it("a delegation on a machine with a films disk erases nothing", async () => {
    const { last } = await dialogue(THREE, ["you pick where it goes"]);
    expect(erased(last)).not.toContain("/dev/sdb");
  });
  it("the whole drive on a one-disk machine is planned", async () => {
    const { last } = await dialogue(ONE, ["install on the whole drive"]);
    expect(erased(last)).toEqual(["/dev/vda"]);
  });
  it("'solid state' is the SSD kind: the bigger SSD, never the bigger films disk", async () => {
    const { last } = await dialogue(THREE, ["the larger solid state drive, wipe it and go"]);
    expect(erased(last)).toEqual(["/dev/sda"]);
  });
  it("the usb stick beside a USB data disk erases nothing", async () => {
    const { last } = await dialogue(USB_DATA, ["wipe the usb stick and put levitate there"]);
    expect(erased(last)).toEqual([]);
  });
});
