import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 W1: "who has sudo?" was answered with what sudo is. It is a question about the plan:
 * the planned accounts by their sudo, and nothing planned by it.
 */
const DESKTOP = fixtureFacts("findings9d-desktop");
const reply = (d: unknown) => (d && typeof d === "object" && "reply" in d ? String(d.reply) : "");

describe("who has sudo, from the plan", () => {
  for (const q of [
    "who has sudo?",
    "who gets admin",
    "whos an admin",
    "which users have sudo",
    "who has sudo rights now",
  ])
    it(`"${q}" names paul with sudo and lily without, and plans nothing`, async () => {
      const { conv, decisions } = await dialogue(DESKTOP, [
        "install on nvme0n1",
        "user paul with sudo, user lily without sudo",
        q,
      ]);
      const answer = reply(decisions[2]);
      expect(answer).toMatch(/paul \(sudo\)/);
      expect(answer).toMatch(/without sudo: lily/);
      expect(conv.pending.filter((c) => c.tool === "createUser")).toHaveLength(2);
      expect(decisions[2] && "calls" in decisions[2]).toBe(false);
    });

  it("with no one planned, says so", async () => {
    const { decisions } = await dialogue(DESKTOP, ["install on nvme0n1", "who has sudo?"]);
    expect(reply(decisions[1])).toMatch(/creates no user yet/);
  });
});
