import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Two ways a disk reached an erase that the words never chose by name (last session's lost work):
 * - a disk the person only asked about ("tell me about the samsung", "what's on the WD?") and then
 *   "ok wipe it then": the erase is a question naming the disk ("yes" takes it), never planned
 *   from that turn (agent/safety/diskAskedAbout.ts);
 * - "install on E:" where this machine has no E:: a question naming the disks, never a guess
 *   (agent/safety/driveLetters.ts screenUnknownLetter).
 * Machines: a Samsung sda and an empty WD nvme (no Windows); Windows on a Samsung nvme with a
 * Seagate "Games" sda and an empty Crucial sdb (C: and D: only).
 */
const TWO = fixtureFacts("live-samsung-wd");
const WIN3 = fixtureFacts("findings8-c");

const planned = (d: Decision) => ("calls" in d ? d.calls : []);
const offered = (d: Decision) => ("reply" in d && d.offer ? d.offer.calls : []);

describe("a disk only asked about, then 'wipe it', is asked, never planned", () => {
  const cases: [string, string, string][] = [
    ["tell me about the samsung", "ok wipe it then", "/dev/nvme0n1"],
    ["what's on the seagate?", "ok wipe it then", "/dev/sda"],
    ["what is on the samsung", "nuke it", "/dev/nvme0n1"],
    ["show me the seagate", "format that one", "/dev/sda"],
    ["how big is the samsung?", "fine, wipe it and install", "/dev/nvme0n1"],
    ["what about sda?", "erase it then", "/dev/sda"],
    ["info on the nvme pls", "k install there, wipe everything", "/dev/nvme0n1"],
    ["tell me more about the seagate", "alright, format it", "/dev/sda"],
  ];

  for (const [ask, wipe, disk] of cases)
    it(`"${ask}" → "${wipe}" offers the erase of ${disk}`, async () => {
      const { conv, last } = await dialogue(WIN3, [ask, wipe]);
      for (const d of ["/dev/sda", "/dev/nvme0n1", "/dev/sdb"]) {
        expect(planned(last).some(erases(d))).toBe(false);
        expect(conv.pending.some(erases(d))).toBe(false);
      }
      expect(offered(last).some(erases(disk))).toBe(true);
      expect("reply" in last && last.reply.includes(disk)).toBe(true);
    });

  for (const ask of [
    "Could you tell me about the Samsung drive, please?",
    "info on the nvme pls",
    "tell me about the samsung",
    "what's on the WD?",
    "details on sda",
  ])
    it(`the question alone, "${ask}", plans no erase`, async () => {
      const { conv, last } = await dialogue(TWO, [ask]);
      expect(planned(last).some((c) => c.tool === "partitionDisk")).toBe(false);
      expect(conv.pending).toEqual([]);
    });

  it("a relayed question, 'my wife asks what's on the samsung' → 'ok, erase it, she says', plans no erase", async () => {
    const { conv, last } = await dialogue(TWO, [
      "my wife asks what's on the samsung",
      "ok, erase it, she says",
    ]);
    expect(planned(last).some(erases("/dev/sda"))).toBe(false);
    expect(conv.pending).toEqual([]);
  });

  it("'yes' to the question takes the erase", async () => {
    const { conv } = await dialogue(WIN3, ["tell me about the seagate", "ok wipe it then", "yes"]);
    expect(conv.pending.some(erases("/dev/sda"))).toBe(true);
  });

  it("the disk said by name after the question is chosen: 'what's on the WD?' → 'erase the wd'", async () => {
    const { last } = await dialogue(WIN3, ["what's on the seagate?", "erase the seagate"]);
    expect(planned(last).some(erases("/dev/sda"))).toBe(true);
  });
});

describe("a drive letter this machine lacks is a question naming the disks", () => {
  const lines = [
    "install on E:",
    "install on the E drive",
    "please install onto F:\\",
    "format G: and put linux there",
    "Kindly install the system on drive E:",
    "my brother says use E:",
    "wipe H: then install",
    "put levitate on e:",
  ];
  for (const line of lines)
    it(`Windows (C:, D:): "${line}"`, async () => {
      const { conv, last } = await dialogue(WIN3, [line]);
      expect(planned(last)).toEqual([]);
      expect(offered(last)).toEqual([]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last && /\/dev\/nvme0n1.*\/dev\/sda.*\/dev\/sdb/.test(last.reply)).toBe(true);
    });

  for (const line of ["install on C:", "format D: and install", "install on E:"])
    it(`no Windows, no letters: "${line}"`, async () => {
      const { conv, last } = await dialogue(TWO, [line]);
      expect(planned(last)).toEqual([]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last && /\/dev\/sda.*\/dev\/nvme0n1/.test(last.reply)).toBe(true);
    });

  it("a letter that is there still names its partition: 'format D:' is one partition of the Seagate", async () => {
    const { last } = await dialogue(WIN3, ["format D: and install there"]);
    expect(planned(last)).toEqual([]);
    expect("reply" in last && last.reply.includes("/dev/sda1")).toBe(true);
  });
});
