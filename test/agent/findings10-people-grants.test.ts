import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 D7/D8, done right rather than only safe (docs/findings/2026-12-05-hurried-user-8.md):
 * "kate as well, with sudo" with paul, lily and tom planned creates kate with sudo (the name said
 * with "as well", "too", "oh and", "my wife" is a person of its own, and the grant after it hers);
 * "no, lily gets the sudo, not tom" moves the grant: lily gets it, the planned tom loses it. And
 * the privilege taken from a planned person by name ("drop zoe's sudo") is read by the one sudo
 * reader (agent/safety/sudoReader.ts), not by a pattern of its own.
 */
const LIVE = fixtureFacts("findings8-c");
type Create = Extract<PlanCall, { tool: "createUser" }>;

async function accounts(lines: string[]) {
  const { conv } = await dialogue(LIVE, lines);
  return Object.fromEntries(
    conv.pending
      .filter((c): c is Create => c.tool === "createUser")
      .map((c) => [c.args.username, c.args.sudo]),
  );
}

const FAMILY = ["install on the empty disk", "users: paul (admin), lily, tom"];

describe("D7: a person added beside a grant gets it", () => {
  const cases: [string, string][] = [
    ["kate as well, with sudo", "kate"],
    ["bob as well, with sudo", "bob"],
    ["kate as well pls, admin", "kate"],
    ["my wife kate, she can have admin too", "kate"],
    ["oh and kate. sudo.", "kate"],
    ["also my partner sam. sudo pls", "sam"],
    ["and bea, with admin rights", "bea"],
    ["oh and dora too, with sudo", "dora"],
    ["my husband ari, admin please", "ari"],
  ];
  for (const [line, who] of cases)
    it(line, async () => {
      expect(await accounts([...FAMILY, line])).toEqual({ paul: true, lily: false, tom: false, [who]: true });
    });

  it("a name said alone beside a refusal is created without sudo", async () => {
    expect(await accounts([...FAMILY, "kate as well, no sudo"])).toEqual({
      paul: true,
      lily: false,
      tom: false,
      kate: false,
    });
  });
});

describe("D8: a correction moves the grant", () => {
  const start = ["install on the empty disk", "create users lily and tom", "give tom sudo"];
  for (const line of [
    "no, lily gets the sudo, not tom",
    "lily should have sudo, not tom",
    "not tom, lily gets the admin",
    "sorry, I meant lily gets sudo, not tom",
  ])
    it(line, async () => {
      expect(await accounts([...start, line])).toEqual({ lily: true, tom: false });
    });
});

describe("the privilege taken from a planned person by name", () => {
  const start = ["install on the empty disk", "create users lily and zoe", "give zoe sudo"];
  for (const line of [
    "drop zoe's sudo",
    "take zoe's admin away",
    "revoke sudo from zoe",
    "zoe shouldn't be admin",
    "zoe: no admin",
    "hmm take away zoe's root access",
    "remove the sudo of zoe",
    "get rid of zoe's sudo",
  ])
    it(line, async () => {
      expect(await accounts([...start, line])).toEqual({ lily: false, zoe: false });
    });
});
