import { describe, expect, it } from "vitest";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * A size said as free space ("the 120G I freed up", "the empty 150G", "the 200 gigs of
 * unallocated space") is the free region of the disk whose free space has that size
 * (agent/rules/freeSizes.ts): dev-alongside9 h11a-045 answered "No disk here matches 120 GB" on a
 * Mac with exactly 120 GiB free. Never an erase; a size said without free-space words, or an empty
 * disk of that size, is read as before.
 * Machines: macOS on a 500 GB Apple SSD with 120 GiB free; BitLocker Windows on a 1 TB nvme with
 * 150 GiB free beside Ubuntu on a 2 TB sdb with 200 GiB free; the same with an empty 160 GB sdc.
 */
const IMAC = fixtureFacts("findings11d-imac");
const GiB = 1024 ** 3;

function twoSystems(extra: object[] = []): Facts {
  const base = fixtureFacts("findings10d-bitlocker");
  const ubuntu = {
    path: "/dev/sdb",
    sizeBytes: 2000398934016,
    model: "ST2000DM008-2FR102",
    transport: "sata",
    removable: false,
    mounted: false,
    table: "gpt",
    freeBytes: 200 * GiB,
    partitions: [
      { path: "/dev/sdb1", startBytes: 1048576, sizeBytes: 536870912, fstype: "vfat", label: "", esp: true },
      {
        path: "/dev/sdb2",
        startBytes: 537919488,
        sizeBytes: 1785000000000,
        fstype: "ext4",
        label: "",
        os: "Ubuntu 24.04 LTS",
      },
    ],
  };
  return FactsSchema.parse({ ...base, disks: [...base.disks, ubuntu, ...extra] });
}

const installs = (d: Decision) => ("calls" in d ? d.calls : []).filter((c) => c.tool === "partitionDisk");

describe("a size said as free space picks that free region", () => {
  const mac = [
    "this is my old imac. macOS stays! put linux in the 120G I freed up with disk utility",
    "the 120 gigs I freed",
    "install into the empty 120G",
    "put it in the unallocated 128 GB",
    "linux in the 120gb I cleared, macos stays",
    "use the 120 gb left over next to macos",
    "the 120gb of free space, 8gb swap",
    "Kindly use the 120 GiB of spare room.",
  ];
  for (const line of mac)
    it(`"${line}"`, async () => {
      const { last } = await dialogue(IMAC, [line]);
      expect(installs(last)).toMatchObject([{ args: { disk: "/dev/sda", use: "free" } }]);
    });

  const two: [string, string][] = [
    ["put linux in the 150 gigs I freed", "/dev/nvme0n1"],
    ["the empty 200G please", "/dev/sdb"],
    ["use the 200 gb of unallocated space", "/dev/sdb"],
    ["install in the 150G of free space", "/dev/nvme0n1"],
    ["linux goes into the 150 GB of free space", "/dev/nvme0n1"],
  ];
  for (const [line, disk] of two)
    it(`"${line}" → ${disk}`, async () => {
      const { last } = await dialogue(twoSystems(), [line]);
      expect(installs(last)).toMatchObject([{ args: { disk, use: "free" } }]);
    });
});

describe("a size that is not said as free space erases nothing it did not name", () => {
  it("'install on the 120G' without free-space words: no erase of the Mac", async () => {
    const { last } = await dialogue(IMAC, ["install on the 120G"]);
    expect(callsOf(last).some(erases("/dev/sda"))).toBe(false);
  });
  it("an empty disk of that size is that disk: 'the empty 160G'", async () => {
    const empty = {
      path: "/dev/sdc",
      sizeBytes: 160 * 1000 ** 3,
      model: "WDC WD1600AAJS",
      transport: "sata",
      removable: false,
      mounted: false,
      freeBytes: 160 * 1000 ** 3,
      partitions: [],
    };
    const f = twoSystems([empty]);
    const { last } = await dialogue(f, ["the empty 160G"]);
    expect(callsOf(last).some(erases("/dev/nvme0n1")) || callsOf(last).some(erases("/dev/sdb"))).toBe(false);
  });
});
