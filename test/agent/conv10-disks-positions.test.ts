import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, convB class 4: pronouns and positions resolve against what the installer last showed,
 * never onto a disk the user keeps or the live medium; a refusal never prints an empty list.
 * Sentences of our own, in no data set.
 */

const three = fixtureFacts("live-three-disks"); // sda 500G, sdb 2T, nvme0n1 1T (all empty), sdc live USB
const two = fixtureFacts("findings6-a"); // sda Samsung "backup", nvme0n1 WD "games", sdb live USB

const callsOf = (d: Decision): PlanCall[] => [
  ...(("calls" in d ? d.calls : []) as PlanCall[]),
  ...(("reply" in d && d.offer ? d.offer.calls : []) as PlanCall[]),
];
const disksOf = (d: Decision) => callsOf(d).flatMap((c) => (c.tool === "partitionDisk" ? [c.args.disk] : []));
const replyOf = (d: Decision) => ("reply" in d ? d.reply : "");

describe("positions in the list I showed", () => {
  const LIST = "which disks are there?";
  it.each([
    ["the top one", "/dev/sda"],
    ["the first one you listed", "/dev/sda"],
    ["the second one", "/dev/sdb"],
    ["ok the upper one then", "/dev/sda"],
    ["use the third one", "/dev/nvme0n1"],
  ])("%s → %s", async (words, disk) => {
    const { last } = await dialogue(three, [LIST, words]);
    expect(disksOf(last)).toEqual([disk]);
  });

  it.each(["the bottom one", "the last one", "the lowest one pls"])(
    "%s is the live stick listed last: refused, never the disk above it",
    async (words) => {
      const { last, conv } = await dialogue(three, [LIST, words]);
      expect(disksOf(last)).toEqual([]);
      expect(conv.pending).toEqual([]);
      expect(replyOf(last)).toMatch(/live system runs from/);
    },
  );
});

describe("pronouns and positions after a protection", () => {
  it.each([
    "the other one",
    "it",
    "that one",
    "use it",
    "the first one you listed",
    "make it the 500gb one",
    "the top one",
  ])("keep the samsung, then %s: never the samsung", async (words) => {
    const { conv, last } = await dialogue(two, ["keep the samsung", words]);
    expect(disksOf(last)).not.toContain("/dev/sda");
    expect(conv.pending.filter((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toEqual([]);
  });

  it.each(["the 2tb one", "the other one", "the bigger one", "the bottom one"])(
    "with every disk kept, %s plans nothing and lists no empty set",
    async (words) => {
      const { conv, last } = await dialogue(two, ["keep the samsung and the wd", words]);
      expect(disksOf(last)).toEqual([]);
      expect(conv.pending).toEqual([]);
      expect(replyOf(last)).not.toMatch(/Disks: \.|kept: \./);
    },
  );
});
