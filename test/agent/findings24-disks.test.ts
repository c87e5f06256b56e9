import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 23, disk turns of last round's unseen set read by shape (the sentences are ours):
 * - a word read as an unknown program beside an install the turn placed, where the word is no
 *   verb's object and stands in no list of programs ("Give me a mulligan, put it on the Seagate"):
 *   the install the reply held back is made; a program asked for by its verb is still asked about;
 * - "the other one" after a turn that named one disk, in words no keep reader knows: the disk
 *   that turn did not name.
 *
 * PAIR: a blank WD nvme, a blank Seagate (sdb), the stick. DATA: the Seagate holds photos.
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
const PAIR = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 500107862016,
      model: "WD Blue SN570 500GB",
      transport: "nvme",
      table: "gpt",
      partitions: [],
    },
    {
      path: "/dev/sdb",
      sizeBytes: 2000398934016,
      model: "Seagate BarraCuda 2TB",
      transport: "sata",
      table: "gpt",
      partitions: [],
    },
    stick,
  ],
  users: ["root"],
  recipes: ["ripgrep", "fd", "bat"],
});
const DATA = FactsSchema.parse({
  ...PAIR,
  disks: PAIR.disks.map((d) =>
    d.path === "/dev/sdb"
      ? {
          ...d,
          partitions: [{ path: "/dev/sdb1", sizeBytes: 2000000000000, fstype: "ext4", label: "photos" }],
        }
      : d,
  ),
});

const wholeOrFree = (c: PlanCall, disk: string) => c.tool === "partitionDisk" && c.args.disk === disk;
const installsOn = (d: Decision, disk: string) =>
  "calls" in d && d.calls.some((c) => wholeOrFree(c as PlanCall, disk));
const erasesIn = (d: Decision, disk: string) =>
  "calls" in d &&
  d.calls.some((c) => {
    const p = c as PlanCall;
    return p.tool === "partitionDisk" && p.args.disk === disk && p.args.use !== "free";
  });

describe("a word no program reader placed, beside a placed install, leaves the install made", () => {
  it('"Give me a do-over, put it on the Seagate instead." after the WD: the Seagate is planned', async () => {
    const { last } = await dialogue(PAIR, [
      "install on the WD",
      "Give me a do-over, put it on the Seagate instead.",
    ]);
    expect(installsOn(last, "/dev/sdb")).toBe(true);
  });

  for (const line of [
    "give me frobnicator, and put it on the Seagate instead",
    "install the frobnicator and put it on the Seagate instead",
    "add fd and frobnicator, on the Seagate instead",
  ])
    it(`"${line}": the missing program is still asked about, nothing planned`, async () => {
      const { last } = await dialogue(PAIR, ["install on the WD", line]);
      expect("reply" in last && /frobnicator/.test(last.reply)).toBe(true);
      expect("calls" in last).toBe(false);
    });

  it('"Give me a do-over, put it on the Seagate instead." with photos there: asked, not erased', async () => {
    const { conv, last } = await dialogue(DATA, [
      "install on the WD",
      "Give me a do-over, put it on the Seagate instead.",
    ]);
    expect(erasesIn(last, "/dev/sdb")).toBe(false);
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sdb")).toBe(false);
  });
});

describe('"the other one" after a turn that named one disk is the disk it did not name', () => {
  for (const line of ["That's a keeper. Cast on the other one.", "That one stays. Cast on the other one."])
    it(`"What's on the Seagate?" then "${line}": the WD`, async () => {
      const { last } = await dialogue(DATA, ["What's on the Seagate?", line]);
      expect(installsOn(last, "/dev/nvme0n1")).toBe(true);
      expect(erasesIn(last, "/dev/sdb")).toBe(false);
    });

  it('"What\'s on the WD?" then "That\'s a keeper. Cast on the other one." with photos on the other: not erased', async () => {
    const { last } = await dialogue(DATA, ["What's on the WD?", "That's a keeper. Cast on the other one."]);
    expect(erasesIn(last, "/dev/sdb")).toBe(false);
  });
});

describe("where the reader saw several disks, one clause that acts on one and keeps or refusals of the rest choose it", () => {
  for (const line of [
    "Nu atingeti Seagate! Instalati pe WD.",
    "Plonk it on the WD. No messing with the Seagate.",
    "Pasang di WD saja, jangan sentuh Seagate.",
  ])
    it(`"${line}": the WD is planned, the Seagate untouched`, async () => {
      const { last } = await dialogue(DATA, [line]);
      expect(installsOn(last, "/dev/nvme0n1")).toBe(true);
      expect(erasesIn(last, "/dev/sdb")).toBe(false);
    });

  for (const line of [
    "Plant Levitate on the WD or the Seagate, whichever.",
    "Seagate nechaj, plant Levitate on the WD.",
    "No messing with the WD. Plonk it on the Seagate or the WD.",
  ])
    it(`"${line}": the choice is left open or a disk is said in unknown words: asked`, async () => {
      const { last } = await dialogue(DATA, [line]);
      expect("calls" in last).toBe(false);
    });

  it('"Plonk it on the Seagate. No messing with the WD." with photos on the Seagate: not erased', async () => {
    const { conv, last } = await dialogue(DATA, ["Plonk it on the Seagate. No messing with the WD.", "yes"]);
    expect(erasesIn(last, "/dev/sdb")).toBe(false);
    expect(
      conv.pending.some(
        (c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sdb" && c.args.use !== "free",
      ),
    ).toBe(false);
  });
});
