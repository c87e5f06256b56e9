import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 26, fixD26: disks in the conversation (which disk, whole or free, layout), read by shape
 * from the retired sets (dev26*, dev-alongside23), the two dev turns lost to the disk readings
 * (h20a-019#1, h11-079#2), the destructive dev turn h21-059#2, and tester 25 WRONG-6 / WRONG-15,
 * on machines rebuilt from their descriptions.
 */

const GB = 1000 ** 3;
const USB = {
  path: "/dev/sdz",
  sizeBytes: 32 * GB,
  model: "SanDisk Cruzer Blade",
  transport: "usb",
  removable: true,
  mounted: true,
  table: "dos",
  freeBytes: 0,
  partitions: [{ path: "/dev/sdz1", sizeBytes: 32 * GB - 1048576, fstype: "iso9660", label: "LEVITATE" }],
};
function machine(disks: Record<string, unknown>[]): Facts {
  return inferLiveMedium(
    FactsSchema.parse({
      version: 2,
      mode: "live",
      firmware: "uefi",
      disks: [...disks, USB],
      users: ["root"],
      recipes: ["ripgrep", "git", "lazygit", "helix"],
    }),
  );
}
const disk = (
  path: string,
  size: number,
  model: string,
  partitions: Record<string, unknown>[] = [],
  free = 0,
) => ({
  path,
  sizeBytes: size * GB,
  model,
  transport: path.includes("nvme") ? "nvme" : "sata",
  removable: false,
  mounted: false,
  table: "gpt",
  freeBytes: free * GB,
  partitions,
});
const windows = (d: string, size: number) => [
  { path: `${d}p1`, sizeBytes: 104857600, fstype: "vfat", label: "SYSTEM", esp: true },
  { path: `${d}p3`, sizeBytes: size * GB, fstype: "ntfs", label: "Windows", os: "Windows Boot Manager" },
  { path: `${d}p4`, sizeBytes: 700 * 1024 ** 2, fstype: "ntfs", label: "Recovery" },
];
const data = (d: string, label: string, size: number, fstype = "ntfs") => [
  { path: `${d}1`, sizeBytes: size * GB, fstype, label },
];

const INSURED = machine([
  disk("/dev/nvme0n1", 500, "WD Blue SN570 500GB", windows("/dev/nvme0n1", 299), 200),
  disk("/dev/nvme1n1", 1000, "Samsung SSD 970 EVO Plus 1TB", data("/dev/nvme1n1p", "Games", 1000)),
]);
const GAMES = machine([
  disk("/dev/nvme0n1", 1000, "Samsung SSD 980 PRO 1TB", windows("/dev/nvme0n1", 999)),
  disk("/dev/sda", 2000, "Seagate BarraCuda ST2000DM008", data("/dev/sda", "Games", 2000)),
  disk("/dev/sdb", 1000, "Crucial MX500 CT1000MX500SSD1"),
]);
const TEAM = machine([
  disk("/dev/nvme0n1", 1000, "Samsung SSD 980 PRO 1TB"),
  disk("/dev/sda", 1000, "Samsung SSD 870 EVO 1TB", data("/dev/sda", "Games", 1000)),
  disk("/dev/sdb", 2000, "Seagate BarraCuda 2TB", data("/dev/sdb", "backup", 2000, "ext4")),
]);
const FAMILY = machine([
  disk("/dev/sda", 500, "Samsung SSD 870 EVO 500GB"),
  disk("/dev/sdb", 1000, "WDC WD10EZEX-08WN4A0", data("/dev/sdb", "Photos", 1000)),
]);
const ONE = machine([disk("/dev/sda", 500, "Samsung SSD 870 EVO")]);
const HUGE = machine([
  disk("/dev/nvme0n1", 2000, "Samsung SSD 990 PRO 2TB"),
  disk("/dev/sda", 20000, "ST20000NM007D"),
  disk("/dev/sdb", 20000, "ST20000NM007D"),
]);
const MINT = machine([
  disk("/dev/sda", 1000, "WDC WD10EZEX-08WN4A0", [
    { path: "/dev/sda1", sizeBytes: 536870912, fstype: "vfat", esp: true },
    { path: "/dev/sda2", sizeBytes: 999 * GB, fstype: "ext4", os: "Linux Mint 21.3" },
  ]),
  disk("/dev/nvme0n1", 1000, "Samsung SSD 980 PRO 1TB"),
]);
const ROOMY = machine([
  disk("/dev/nvme0n1", 1000, "Samsung SSD 970 EVO Plus 1TB", windows("/dev/nvme0n1", 600), 300),
]);

type Step = { tool: string; args: Record<string, unknown> };
const installOf = (pending: readonly Step[]) => pending.find((c) => c.tool === "partitionDisk")?.args;

describe("a quantifier that is no quantifier of disks leaves the several-disks refusal out", () => {
  it("h20a-019#1: 'Both excluded from any work' is a keep of its own; the install goes into the WD's free space", async () => {
    const { conv } = await dialogue(INSURED, [
      "Schedule of insured items: (1) Windows on the WD Blue, (2) the 'Games' drive on the Samsung 970. Both excluded from any work. New install: unallocated space on the WD Blue.",
    ]);
    expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });
  for (const line of [
    "ugh fine. I'd rather you didn't touch the games drive at all then. use the empty crucial",
    // the same shapes in other words
    "don't go near the seagate at all. install on the crucial",
    "the seagate has all my games. put it on the crucial",
    "all of my music is on the seagate. the crucial then",
  ])
    it(`"${line}" plans the Crucial, the Seagate untouched`, async () => {
      const { conv } = await dialogue(GAMES, [line]);
      expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/sdb" });
    });
  it("h25-197: 'the WD has all my family photos. install on the samsung, whole disk'", async () => {
    const { conv } = await dialogue(FAMILY, [
      "the WD has all my family photos. install on the samsung, whole disk",
    ]);
    expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/sda" });
  });
  for (const line of [
    "wipe all disks",
    "use both drives",
    "wipe the Games drive and the Seagate both",
    "erase every drive here",
    "Both disks are old. Wipe them.",
  ])
    it(`near-miss: "${line}" is still refused as several disks, nothing planned`, async () => {
      const { conv, last } = await dialogue(GAMES, [line]);
      expect("reply" in last).toBe(true);
      expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(false);
    });
});

describe("h21-059#2: a disk put out of play is kept", () => {
  for (const first of [
    "Blockers: the Seagate is the team's shared backup, out of scope for this sprint.",
    // the same shapes in other words
    "the seagate is off the table.",
    "the seagate? out of bounds.",
    "the seagate is not up for grabs",
  ])
    it(`"${first}" then "wipe the Seagate and install there" asks, erases nothing`, async () => {
      const { conv, last } = await dialogue(TEAM, [first, "Today: wipe the Seagate and install there."]);
      expect("reply" in last).toBe(true);
      expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(false);
    });
  it("near-miss: the same disk let go first ('the seagate is old junk') is erased when asked", async () => {
    const { conv } = await dialogue(TEAM, ["the seagate is old junk, wipe it and install there"]);
    expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/sdb" });
  });
  it("near-miss: a keep of one disk leaves the others open", async () => {
    const { conv } = await dialogue(TEAM, ["the seagate is out of scope.", "install on the nvme"]);
    expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/nvme0n1" });
  });
});

describe("WRONG-15: a question that offers a disk carries the layout said", () => {
  for (const [line, want] of [
    ["encrypted btrfs pls", { filesystem: "btrfs", encrypt: true }],
    ["btrfs with 8gb swap", { filesystem: "btrfs", swapSize: "8G" }],
    // the same shape in other words
    ["xfs and encryption please", { filesystem: "xfs", encrypt: true }],
  ] as const)
    it(`"${line}" then "yes" keeps ${JSON.stringify(want)}`, async () => {
      const { decisions, conv } = await dialogue(ONE, [line, "yes"]);
      expect("reply" in decisions[0]!).toBe(true);
      expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/sda", ...want });
    });
  it("near-miss: nothing said of the layout, the offer is the default one", async () => {
    const { conv } = await dialogue(ONE, ["install linux", "yes"]);
    expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/sda", filesystem: "ext4", encrypt: false });
  });
});

describe("WRONG-6: /home on another disk is no disk choice", () => {
  for (const line of [
    "also use the seagates for /home",
    "put /home on the first seagate",
    "home on the seagates",
  ])
    it(`"${line}" keeps the NVMe plan and says why`, async () => {
      const { conv, last } = await dialogue(HUGE, ["use nvme", "user z9 sudo", line]);
      expect("reply" in last && last.reply).toContain("The install goes onto one disk");
      expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/nvme0n1" });
    });
  it("near-miss: 'install on the first seagate instead' moves the install (a whole move)", async () => {
    const { last } = await dialogue(HUGE, ["use nvme", "install on the first seagate instead"]);
    expect(
      "calls" in last || ("reply" in last && !last.reply.includes("The install goes onto one disk")),
    ).toBe(true);
  });
});

describe("'stick' as the verb of placing is no USB stick", () => {
  for (const line of [
    "stick it on the nvme there",
    "just stick linux on the samsung",
    "stick levitate onto the nvme",
  ])
    it(`"${line}" plans the disk named`, async () => {
      const { conv } = await dialogue(MINT, [line.replace("samsung", "nvme")]);
      expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/nvme0n1" });
    });
  it("h25k-107: 'leave the windows where it is ... stick linux in the empty bit there' is the free space", async () => {
    const { conv } = await dialogue(ROOMY, [
      "ah sure leave the windows where it is, the young one does her homework on it. stick linux in the empty bit there",
    ]);
    expect(installOf(conv.pending)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });
  it("near-miss: 'i'll stick to the command line' plans no disk", async () => {
    const { conv } = await dialogue(ONE, [
      "install helix and lazygit",
      "and lazygit too, i'll stick to the command line",
    ]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(false);
  });
  it("near-miss: 'the usb stick' still names the live stick, which is refused", async () => {
    const { conv } = await dialogue(ONE, ["install on the usb stick"]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(false);
  });
});
