import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class D of the fourth user findings (DANGEROUS D6, D7): sudo taken away in words ("drop zoe's
 * sudo") leaves the planned user without it, and a user kept without sudo as one of a group
 * ("kids get normal accounts: mia and leo") is not given sudo later without a question that names
 * the earlier words. Machines: findings4-b (Windows 11 and free space), findings4-a (Samsung sda,
 * empty WD nvme0n1).
 */
const WIN11 = fixtureFacts("findings4-b");
const TWO = fixtureFacts("findings4-a");

const sudoers = (plan: PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "createUser" && c.args.sudo ? [c.args.username] : []));
const users = (plan: PlanCall[]) => plan.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));

describe("sudo taken away in words leaves the user without it (D6)", () => {
  for (const line of [
    // the tester's
    "drop zoe's sudo",
    "sure, after you drop zoe's sudo",
    // our own
    "take zoe's admin away",
    "zoe shouldn't be admin",
    "revoke sudo from zoe pls",
    "remove zoes admin rights",
    "actually strip zoe's sudo",
    "zoe doesnt need admin",
    "hmm take away zoe's root access",
    "zoe should not get admin rights",
  ])
    it(`"${line}" plans zoe without sudo`, async () => {
      const { conv } = await dialogue(WIN11, ["alongside windows, user zoe with sudo", line]);
      expect(users(conv.pending)).toContain("zoe");
      expect(sudoers(conv.pending)).not.toContain("zoe");
    });
  it("\"drop zoe's sudo\" leaves another user's sudo alone", async () => {
    const { conv } = await dialogue(WIN11, [
      "alongside windows, user zoe with sudo and user max with sudo",
      "drop zoe's sudo",
    ]);
    expect(sudoers(conv.pending)).toEqual(["max"]);
  });
});

describe("a group kept without sudo keeps its members without it (D7)", () => {
  const first = "wd disk, samsung stays. kids get normal accounts: mia and leo. me carla with sudo";
  for (const line of [
    // the tester's
    "put mia in the wheel group",
    "make mia an admin",
    // our own
    "give mia sudo",
    "mia needs admin rights too",
    "add leo to wheel",
    "let leo use sudo",
    "make leo an administrator pls",
    "mia sudo",
  ])
    it(`"${line}" gives no kid sudo without "after all"`, async () => {
      const { conv, last } = await dialogue(TWO, [first, line]);
      expect(sudoers(conv.pending).filter((u) => u === "mia" || u === "leo")).toEqual([]);
      if ("reply" in last && /sudo|admin/.test(line))
        expect(last.reply).toMatch(/after all|normal accounts|kids/);
    });
  it('"give mia sudo after all" gives it', async () => {
    const { conv } = await dialogue(TWO, [first, "give mia sudo after all"]);
    expect(sudoers(conv.pending)).toContain("mia");
  });
  it("carla, said outside the kids' sentence, still gets sudo", async () => {
    const { conv } = await dialogue(TWO, [
      "kids get normal accounts: mia and leo. me carla with sudo",
      "user carla with sudo",
    ]);
    expect(sudoers(conv.pending)).toContain("carla");
  });
});
