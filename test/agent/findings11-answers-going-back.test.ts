import { describe, expect, it } from "vitest";
import { saysGoingBack } from "../../agent/rules/goingBack.js";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Hurried user 10, D1/D2: "put it back", "revert", "no go back", answered to "/dev/sda holds backup
 * ... Shall I erase it anyway?", planned the erase ("put it" named the disk asked about) or left the
 * question open for a hurried "yes"; said after "actually whole disk" switched the free-space
 * install to an erase, they were not understood and the erase stayed. Going back refuses what my
 * question offered, and restores the install the plan had before a switch.
 */
const LINUX2 = fixtureFacts("findings11-answers-linux2");
const WIN2 = fixtureFacts("findings11-answers-win2");

function erases(c: { tool: string; args: unknown }, disk: string): boolean {
  const a = c.args as { disk?: string; use?: string };
  return c.tool === "partitionDisk" && a.disk === disk && a.use !== "free";
}

function planned(decisions: Decision[], pending: PlanCall[], disk: string): boolean {
  return (
    pending.some((c) => erases(c, disk)) ||
    decisions.some((d) => "calls" in d && d.calls.some((c) => erases(c, disk)))
  );
}

const ASKED = ["install next to fedora, user ana with sudo", "actually no, the whole other disk"];

describe('answered to "Shall I erase it anyway?", going back never erases (D1)', () => {
  for (const answer of [
    "put it back",
    "no dont, put it back",
    "revert",
    "go back to what it was",
    "no keep data",
    "no go back",
    "undo that",
    "no, as before",
    "put it back like before",
    "change it back pls",
    "nah, switch back",
    "restore the old plan",
    "no no, the way it was",
    "revert that please",
    "no keep my stuff",
  ])
    it(`"${answer}", then "yes"`, async () => {
      const first = await dialogue(LINUX2, ASKED);
      // the erase question was really asked, about the backup disk
      expect("reply" in first.last && first.last.reply).toMatch(/Shall I erase it anyway\?/);
      const { conv, decisions } = await dialogue(LINUX2, [...ASKED, answer]);
      expect(planned(decisions, conv.pending, "/dev/sda")).toBe(false);
      const last = decisions.at(-1)!;
      expect("reply" in last && last.offer?.calls.some((c) => erases(c, "/dev/sda"))).toBeFalsy();
      // the free-space install next to Fedora is still the plan, and ana stays
      expect(conv.pending.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({
        disk: "/dev/nvme0n1",
        use: "free",
      });
      expect(conv.pending.some((c) => c.tool === "createUser" && c.args.username === "ana")).toBe(true);
      const after = await dialogue(LINUX2, [...ASKED, answer, "yes"]);
      expect(planned(after.decisions, after.conv.pending, "/dev/sda")).toBe(false);
    });
});

// "actually whole disk" on a disk whose Games partition the words never name asks first (round 28,
// the unseen loss); the yes to that question is the switch
const SWITCHED = ["use the free space on the samsung, user ana with sudo", "actually whole disk", "yes"];

describe("after a switch to the whole disk, going back restores the free-space install (D2)", () => {
  for (const answer of [
    "no go back",
    "put it back like before",
    "put it back",
    "revert",
    "undo that",
    "go back",
    "switch it back",
    "i want it like before",
    "no, like before",
    "roll it back",
    "restore it",
    "go back to the old one",
    "undo",
  ])
    it(`"${answer}"`, async () => {
      const first = await dialogue(WIN2, SWITCHED);
      // the switch really planned the erase of the Games disk
      expect(first.conv.pending.some((c) => erases(c, "/dev/sda"))).toBe(true);
      const { conv } = await dialogue(WIN2, [...SWITCHED, answer]);
      expect(conv.pending.some((c) => erases(c, "/dev/sda"))).toBe(false);
      expect(conv.pending.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({
        disk: "/dev/sda",
        use: "free",
      });
      expect(conv.pending.some((c) => c.tool === "createUser" && c.args.username === "ana")).toBe(true);
    });
});

describe("going back is read only when it is all the turn says", () => {
  for (const [said, is] of [
    ["put it back", true],
    ["go back to the free space on the crucial", false],
    ["put it on the samsung", false],
    ["go back and use the crucial", false],
    ["revert", true],
    ["bring it back the way it was", true],
  ] as const)
    it(`"${said}" → ${is}`, () => expect(saysGoingBack(said)).toBe(is));
});
