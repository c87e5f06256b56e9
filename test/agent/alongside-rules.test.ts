import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Installing beside another system, the classes behind the alongside failures (issue 15), each
 * tested with sentences of our own that are in no data set: one partition is never erased alone,
 * "replace X"/"over X" erase X's disk, "the linux one", "the other one" beside what is kept, "the
 * empty ssd", a full system disk with an empty one beside it, a size given to the new system.
 */

const GiB = 1024 ** 3;
const LIVE = {
  path: "/dev/sdc",
  sizeBytes: 31004295168,
  model: "SanDisk Ultra",
  transport: "usb",
  removable: true,
  mounted: true,
  liveMedium: true,
};
const windows = (path: string, freeBytes: number, model = "WD_BLACK SN770 1TB") => ({
  path,
  sizeBytes: 1000204886016,
  model,
  transport: "nvme",
  table: "gpt",
  freeBytes,
  partitions: [
    { path: `${path}p1`, sizeBytes: 272629760, fstype: "vfat", label: "SYSTEM", esp: true },
    { path: `${path}p2`, sizeBytes: 16777216, label: "Microsoft reserved partition" },
    { path: `${path}p3`, sizeBytes: 700000000000, fstype: "ntfs", label: "OS", os: "Windows Boot Manager" },
    { path: `${path}p4`, sizeBytes: 680525824, fstype: "ntfs", label: "WinRE" },
  ],
});
const debian = (path: string, freeBytes: number) => ({
  path,
  sizeBytes: 2000398934016,
  model: "ST2000DM008-2FR102",
  transport: "sata",
  table: "gpt",
  freeBytes,
  partitions: [
    { path: `${path}1`, sizeBytes: 536870912, fstype: "vfat", esp: true },
    { path: `${path}2`, sizeBytes: 1500000000000, fstype: "ext4", os: "Debian GNU/Linux 12 (bookworm)" },
  ],
});
const empty = (path: string, model = "Crucial MX500 1TB") => ({
  path,
  sizeBytes: 1000204886016,
  model,
  transport: "sata",
  freeBytes: 1000202788864 - 2 * 1024 ** 2,
  partitions: [],
});
const facts = (...disks: object[]): Facts =>
  FactsSchema.parse({ mode: "live", firmware: "uefi", disks: [...disks, LIVE], recipes: ["ripgrep", "fd"] });

const callsOf = (d: Decision | undefined): PlanCall[] => (d && "calls" in d ? (d.calls as PlanCall[]) : []);
const replyOf = (d: Decision | undefined): string => (d && "reply" in d ? d.reply : "");
const erasesAny = (d: Decision | undefined) =>
  callsOf(d).some((c) => c.tool === "partitionDisk" && c.args.use !== "free");

describe("one partition is never erased alone (the hoa-028 class)", () => {
  const F = facts(windows("/dev/nvme0n1", 150 * GiB));
  for (const line of [
    "wipe only the windows partition and install there",
    "format nvme0n1p3 and put levitate on it",
    "delete my windows partition, install levitate in its place",
    "install over the windows partition please",
  ])
    it(`"${line}" is answered, with the free space offered`, async () => {
      const { decisions } = await dialogue(F, [line]);
      expect(erasesAny(decisions[0])).toBe(false);
      expect(replyOf(decisions[0])).toMatch(/just one partition/);
      const d = decisions[0] as { offer?: { calls: PlanCall[] } };
      expect(d.offer?.calls[0]?.args).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
    });

  it('"yes" then takes the free space, not the whole disk', async () => {
    const { conv } = await dialogue(F, ["nuke the windows partition and use that", "ok"]);
    expect(conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free" } },
    ]);
  });

  it("new partitions of the layout are no existing partition", async () => {
    const { decisions } = await dialogue(F, ["install next to windows with a separate home partition"]);
    expect(callsOf(decisions[0])).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free", separateHome: true } },
    ]);
  });
});

describe('"replace X", "over X", "get rid of X": X\'s disk is erased (the hoa-005/013 class)', () => {
  const F = facts(debian("/dev/sda", 0), windows("/dev/nvme0n1", 0));
  for (const line of [
    "get rid of debian and install levitate",
    "put levitate over debian",
    "install levitate instead of debian",
    "i'm switching from debian, replace it",
  ])
    it(`"${line}" erases the Debian disk`, async () => {
      const { decisions } = await dialogue(F, [line]);
      expect(callsOf(decisions[0])).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
      expect((callsOf(decisions[0])[0]?.args as { use?: string } | undefined)?.use).not.toBe("free");
    });

  it('"don\'t replace debian" erases nothing', async () => {
    const { decisions } = await dialogue(F, ["don't replace debian, use the free space"]);
    expect(erasesAny(decisions[0])).toBe(false);
  });
});

describe("which disk, beside what is kept", () => {
  it('"the linux one" is the disk holding a Linux (hoa-024 class)', async () => {
    const F = facts(windows("/dev/nvme0n1", 0), debian("/dev/sda", 0));
    const { decisions } = await dialogue(F, ["leave the windows disk alone and erase the linux drive"]);
    expect(callsOf(decisions[0])).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
  });

  it('"the other one" is the disk nothing is kept on (hoa-008 class)', async () => {
    const F = facts(
      windows("/dev/nvme0n1", 0, "Samsung SSD 980 1TB"),
      empty("/dev/sda", "Samsung SSD 870 EVO 1TB"),
    );
    for (const lines of [
      ["windows stays on the nvme, levitate goes on the other drive"],
      ["keep windows please", "now install on the other samsung"],
    ]) {
      const { conv } = await dialogue(F, lines);
      expect(conv.pending).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
    }
  });

  it('"the empty ssd" picks the one empty disk among several ssds (hoa-009 class)', async () => {
    const F = facts(windows("/dev/nvme0n1", 100 * GiB), empty("/dev/sda"));
    const { decisions } = await dialogue(F, ["use the blank ssd for it"]);
    expect(callsOf(decisions[0])).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
  });

  it("a kept system's full disk is no candidate (hoa-020 class)", async () => {
    const F = facts(
      windows("/dev/nvme0n1", 0, "Samsung SSD 980 1TB"),
      empty("/dev/sda", "Samsung SSD 870 EVO 1TB"),
    );
    const { decisions } = await dialogue(F, ["windows must stay. install on the samsung with 60G root"]);
    expect(callsOf(decisions[0])).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/sda", rootSize: "60G" } },
    ]);
  });

  it("beside a system whose disk is full, an empty disk takes the install (hoa-023 class)", async () => {
    const F = facts(windows("/dev/nvme0n1", 0), empty("/dev/sda"));
    const { decisions } = await dialogue(F, ["i want to dual boot windows and levitate"]);
    expect(callsOf(decisions[0])).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
    // a disk whose contents the facts do not tell is asked about, never erased
    const V1 = facts(windows("/dev/nvme0n1", 0), {
      path: "/dev/sda",
      sizeBytes: 1000204886016,
      model: "Crucial MX500 1TB",
      transport: "sata",
    });
    const v1 = await dialogue(V1, ["i want to dual boot windows and levitate"]);
    expect(erasesAny(v1.decisions[0])).toBe(false);
  });

  it('"..., it\'s an old laptop": a description beside the request does not swallow it (hoa-021 class)', async () => {
    const F = facts(windows("/dev/nvme0n1", 150 * GiB));
    const { decisions } = await dialogue(F, ["alongside windows 10 please, the machine is ancient"]);
    expect(callsOf(decisions[0])).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free" } },
    ]);
  });
});

describe("a size said for the new system is root's, not a disk's", () => {
  const F = facts(windows("/dev/nvme0n1", 300 * GiB));
  for (const [line, size] of [
    ["install next to windows but only give linux 100gb", "100G"],
    ["dual boot with 120 gb for levitate", "120G"],
    ["beside windows, levitate gets just 80G", "80G"],
  ] as const)
    it(`"${line}": rootSize ${size}`, async () => {
      const { decisions } = await dialogue(F, [line]);
      expect(callsOf(decisions[0])).toMatchObject([
        { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free", rootSize: size } },
      ]);
    });

  it('"install on the 1tb one" still names the disk', async () => {
    const F2 = facts(windows("/dev/nvme0n1", 300 * GiB), debian("/dev/sda", 300 * GiB));
    const { decisions } = await dialogue(F2, ["install levitate next to windows on the 1tb one"]);
    expect(callsOf(decisions[0])).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }]);
    expect((callsOf(decisions[0])[0]?.args as { rootSize?: string } | undefined)?.rootSize).toBeUndefined();
  });
});

describe("keeping a system keeps its partitions; its disk's free space may be used", () => {
  it('"leave windows alone" then "ok use the free space on the nvme"', async () => {
    const F = facts(windows("/dev/nvme0n1", 200 * GiB), empty("/dev/sda"));
    const { conv } = await dialogue(F, ["leave windows alone", "ok use the free space on the nvme"]);
    expect(conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free" } },
    ]);
  });
});

describe('"install" with nothing planned nor offered asks for the install (the hoa-019 class)', () => {
  it('"keep my windows partition" then "install": the free space beside it', async () => {
    const F = facts(windows("/dev/nvme0n1", 200 * GiB));
    const conv = new Conversation(F);
    const backend = createRulesBackend();
    // the offer of the first answer is not taken: the next turn is read on its own
    const first = await decideTurn(backend, conv.view("please keep my windows partition safe"), F);
    conv.record("please keep my windows partition safe", "reply" in first ? { reply: first.reply } : first);
    const d = await decideTurn(backend, conv.view("install"), F);
    expect(callsOf(d)).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free" } },
    ]);
  });
});
