import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * "no the hdd", "no the 500gb disk" with the install planned on another disk (dev6-mixed h5m-032,
 * dev7-mixed h6m-040): the "no" turns away from the planned disk and the rest names the one meant,
 * as "no, the hdd" does. The install moves there (one erase, never a second), a disk that holds
 * something is asked, and "no the X" about the disk planned stays a refusal.
 * Machines: empty nvme (1 TB), sda (500 GB Samsung SSD) and sdb (2 TB Seagate hdd) beside the live
 * USB; Windows on a full KIOXIA nvme beside an empty Seagate sda.
 */
const THREE = fixtureFacts("findings11d-three-empty");
const WIN_EMPTY = fixtureFacts("findings10d-winfull-empty");

const installs = (d: Decision) => ("calls" in d ? d.calls : []).filter((c) => c.tool === "partitionDisk");

describe("'no the X' after an install planned on another disk moves it to X", () => {
  const cases: [string, string][] = [
    ["no the hdd", "/dev/sdb"],
    ["no the 500gb disk", "/dev/sda"],
    ["no the 2tb", "/dev/sdb"],
    ["nope the seagate", "/dev/sdb"],
    ["no no the hdd, sorry, and separate home", "/dev/sdb"],
    ["no the sata ssd", "/dev/sda"],
    ["no that seagate one", "/dev/sdb"],
    ["no the 500 gig one please", "/dev/sda"],
    ["nah the 2 tera drive", "/dev/sdb"],
    ["No the Samsung 870", "/dev/sda"],
  ];
  for (const [line, disk] of cases)
    it(`"${line}" → ${disk}`, async () => {
      const { last, conv } = await dialogue(THREE, ["nvme", line]);
      expect(installs(last)).toMatchObject([{ args: { disk } }]);
      // one install in the plan: the nvme is no longer erased
      expect(conv.pending.filter((c) => c.tool === "partitionDisk")).toMatchObject([{ args: { disk } }]);
      expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
    });
});

describe("'no the X' that is no correction stays what it was", () => {
  it("about the disk planned: never an erase of it", async () => {
    const { last } = await dialogue(THREE, ["use sda", "no the 500gb disk"]);
    expect(callsOf(last).some(erases("/dev/sda"))).toBe(false);
  });
  it("with nothing planned: no disk chosen", async () => {
    const { last } = await dialogue(THREE, ["no the hdd"]);
    expect(callsOf(last).some(erases("/dev/sdb"))).toBe(false);
  });
  it("a bare name without an article is not read as a choice: 'no sda'", async () => {
    const { last } = await dialogue(THREE, ["nvme", "no sda"]);
    expect(callsOf(last).some(erases("/dev/sda"))).toBe(false);
  });
  it("'no the hdd is fine' says something of its own", async () => {
    const { last } = await dialogue(THREE, ["nvme", "no the hdd is fine"]);
    expect(callsOf(last).some(erases("/dev/sdb"))).toBe(false);
  });
  it("a disk that holds Windows is asked, never planned", async () => {
    const { last, conv } = await dialogue(WIN_EMPTY, ["install on the seagate", "no the kioxia"]);
    expect("calls" in last && last.calls.some(erases("/dev/nvme0n1"))).toBe(false);
    expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
  });
});
