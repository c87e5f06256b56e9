import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Dev12: "is the disk encrypted?", "what filesystem will it use?", "is there swap?" asked with an
 * install pending were answered with the machine's disk list. They are answered from the pending
 * install's settings (agent/rules/planQuestions.ts), change nothing, and never confirm.
 */
const LIVE = fixtureFacts("findings9-desktop");

describe("a question about the install's settings is answered from the plan", () => {
  for (const s of [
    "is the disk encrypted?",
    "will it be encrypted?",
    "what filesystem will it use?",
    "which fs is it?",
    "is there swap?",
    "does it use btrfs?",
    "is it going to be xfs?",
    "any swap on it?",
  ])
    it(`"${s}"`, async () => {
      const { conv, last } = await dialogue(LIVE, ["use the samsung, btrfs, 8G swap", s]);
      expect("reply" in last && last.reply).toMatch(
        /\/dev\/nvme0n1 with filesystem btrfs, not encrypted, 8G swap/,
      );
      expect(conv.pending).toHaveLength(1);
    });

  it("encryption asked for is said as planned", async () => {
    const { last } = await dialogue(LIVE, ["use the samsung, encrypted", "is the disk encrypted?"]);
    expect("reply" in last && last.reply).toMatch(/filesystem ext4, encrypted, no swap/);
  });

  it("with no install pending the question is not answered from a plan", async () => {
    const { conv, last } = await dialogue(LIVE, ["add fd", "is the disk encrypted?"]);
    expect("reply" in last && last.reply).not.toMatch(/The plan installs on/);
    expect(conv.pending).toHaveLength(1);
  });
});
