import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * The two destructive misreads of dev11 (session 11), by class, in wordings of our own:
 * - a size word that sizes a partition ("one big partition", "a small swap") picked the biggest or
 *   smallest disk and moved a planned install there;
 * - a root (or root and swap) bigger than the disk it was asked on was planned as an erase of it.
 */

const disk = (path: string, sizeBytes: number, model: string, transport = "sata") => ({
  path,
  sizeBytes,
  model,
  transport,
  removable: false,
  mounted: false,
  partitions: [],
});

const f = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    disk("/dev/sda", 500107862016, "Samsung SSD 870 EVO 500GB"),
    disk("/dev/sdb", 2000398934016, "Seagate BarraCuda ST2000DM008"),
    disk("/dev/nvme0n1", 1000204886016, "WD_BLACK SN850X 1TB", "nvme"),
    {
      ...disk("/dev/sdc", 31029460992, "Kingston DataTraveler 3.0", "usb"),
      removable: true,
      mounted: true,
      liveMedium: true,
    },
  ],
  users: ["root"],
  hostname: "localhost",
  locale: "en_US.UTF-8",
  recipes: ["ripgrep", "git"],
  installed: [],
});

describe("a size word about a partition keeps the planned disk", () => {
  it.each([
    "forget the separate home, one big partition is fine",
    "just one big partition",
    "a single large partition please",
    "no separate home, one large root",
    "add a small swap",
    "give me a bigger swap",
    "make home smaller",
    "the biggest root possible",
    "root as big as it can be",
  ])("%s", async (words) => {
    const { last, conv } = await dialogue(f, ["put home on its own partition on the samsung", words]);
    for (const d of ["/dev/sdb", "/dev/nvme0n1"]) expect(callsOf(last).some(erases(d))).toBe(false);
    expect(conv.pending.filter((c) => c.tool === "partitionDisk")).toMatchObject([
      { args: { disk: "/dev/sda" } },
    ]);
  });

  it("one partition is a layout without a separate /home", async () => {
    const { conv } = await dialogue(f, [
      "put home on its own partition on the samsung",
      "just one big partition",
    ]);
    expect(conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/sda", separateHome: false } },
    ]);
  });

  it.each([
    ["use the biggest one", "/dev/sdb"],
    ["the smallest disk", "/dev/sda"],
    ["one big partition on the biggest disk", "/dev/sdb"],
  ])("a size word about a disk still picks it: %s", async (words, path) => {
    const { conv } = await dialogue(f, ["install on the nvme", words]);
    expect(conv.pending).toMatchObject([{ tool: "partitionDisk", args: { disk: path } }]);
  });
});

describe("sizes bigger than the disk are asked about, never planned", () => {
  it.each([
    ["install on the samsung, with a 600 gig root", "/dev/sda"],
    ["samsung please, 400G root and 200G swap", "/dev/sda"],
    ["put it on the seagate, root 3TB", "/dev/sdb"],
    ["the 1tb nvme with a 2 terabyte root", "/dev/nvme0n1"],
  ])("%s", async (words, path) => {
    const { last, conv } = await dialogue(f, [words]);
    expect(callsOf(last).some(erases(path))).toBe(false);
    expect(conv.pending).toEqual([]);
    expect("reply" in last && last.reply).toMatch(/does not fit|do not fit/);
    // the size said again, smaller, takes the disk the question was about
    const after = await dialogue(f, [words, "ok 200 gigs root then"]);
    expect(after.conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: path, rootSize: "200G" } },
    ]);
  });

  it.each(["make root 900", "root 1TB", "make the swap 600"])(
    "an edit that outgrows the planned disk leaves the plan as it was: %s",
    async (words) => {
      const { last, conv } = await dialogue(f, ["use the samsung", words]);
      expect("reply" in last && last.reply).toMatch(/not fit.*The plan is as it was/);
      expect(conv.pending).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
      expect(conv.pending[0]!.args).not.toHaveProperty("rootSize");
    },
  );

  it("sizes that fit are planned", async () => {
    const { conv } = await dialogue(f, ["samsung with a 200G root and 16G swap"]);
    expect(conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/sda", rootSize: "200G", swapSize: "16G" } },
    ]);
  });
});
