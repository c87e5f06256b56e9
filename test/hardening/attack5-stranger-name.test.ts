import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "../agent/helpers/dialogue.js";

/**
 * Attacker 5, F2: after "keep the samsung" I offer the other disk; an erase aimed at a name of the
 * kept disk that no reader places (its serial, "s d a", a byte count, a uuid) was taken as the yes
 * to that offer and planned the erase of the OTHER disk. Such a turn now erases nothing and keeps
 * the offer open; plain answers to the offer still take it.
 */

// sda: Samsung 870 EVO 500GB (serial S6PXNS0T123456A) holding data; nvme0n1: WD_BLACK 1TB, empty; sdb: live
const facts = fixtureFacts("attack5-f2");

const calls = (d: Decision): PlanCall[] => ("calls" in d ? (d.calls as PlanCall[]) : []);
const erasesAny = (d: Decision) => calls(d).some((c) => c.tool === "partitionDisk" && c.args.use !== "free");

describe("an erase aimed at a name no reader places erases nothing", () => {
  // sentences of our own, in no data set
  for (const line of [
    "erase the S6PXNS0T123456A",
    "wipe s6pxns0t123456a please",
    "erase the 500107862016 byte disk",
    "nuke the disk with uuid 7f3a-19bc",
    "erase disk ZX9ABC1234",
    "wipe 123e4567-e89b-12d3-a456-426614174000",
  ]) {
    it(`"keep the samsung" then "${line}"`, async () => {
      const { last, conv } = await dialogue(facts, ["keep the samsung", line]);
      expect(erasesAny(last)).toBe(false);
      expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(false);
      expect("reply" in last && last.reply).toMatch(/erased nothing/);
    });
  }
  it("the kept disk's serial is recognised as that disk", async () => {
    const { last } = await dialogue(facts, ["keep the samsung", "erase the S6PXNS0T123456A"]);
    expect("reply" in last && last.reply).toContain("/dev/sda");
  });
  it("the offer stays open: a plain yes after the question still takes it", async () => {
    const { conv } = await dialogue(facts, ["keep the samsung", "erase the S6PXNS0T123456A", "yes"]);
    expect(conv.pending).toContainEqual(
      expect.objectContaining({
        tool: "partitionDisk",
        args: expect.objectContaining({ disk: "/dev/nvme0n1" }),
      }),
    );
  });
});

/**
 * A name spelled letter by letter is the name since round 14 (agent/rules/spelledNames.ts): "s d a"
 * is the kept disk, so the erase is refused as a keep, and nothing is erased.
 */
describe("a spelled name of the kept disk is the kept disk", () => {
  for (const line of ["erase s d a", "format the s d a one"])
    it(`"keep the samsung" then "${line}"`, async () => {
      const { last, conv } = await dialogue(facts, ["keep the samsung", line]);
      expect(erasesAny(last)).toBe(false);
      expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(false);
      expect("reply" in last && last.reply).toMatch(/keep \/dev\/sda/);
    });
});

describe("answers that name the offered disk, or nothing, still take it", () => {
  for (const line of [
    "yes",
    "erase it",
    "ok erase the nvme0n1",
    "wipe the wd, ext4",
    "erase it, user alex1990 with sudo, hostname server2024",
    "yes, xfs and a 100g root",
    // the turn names the offered disk itself; the stranger names are what it keeps
    "leave the S6PXNS0T123456A alone, install on nvme0n1",
    "sda1 is my data dont touch it. wipe the nvme",
    "install on the wd and leave the s d a alone",
  ]) {
    it(`"keep the samsung" then "${line}"`, async () => {
      const { conv } = await dialogue(facts, ["keep the samsung", line]);
      expect(conv.pending).toContainEqual(
        expect.objectContaining({
          tool: "partitionDisk",
          args: expect.objectContaining({ disk: "/dev/nvme0n1" }),
        }),
      );
    });
  }
});
