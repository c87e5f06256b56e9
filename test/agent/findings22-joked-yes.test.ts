import { describe, expect, it } from "vitest";
import { yesTakenBack } from "../../agent/jokedYes.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/** Attacker 15 F2: "YES!!! (jk)", "yes, kidding", "yep, psych" confirmed the pending plan. */
const DESK = fixtureFacts("findings22-t18-desk"); // nvme0n1 WD_BLACK empty, sda IronWolf photos

describe("a yes taken back in the same breath confirms nothing", () => {
  for (const line of [
    "YES!!! (jk)",
    "yes, kidding",
    "yep, psych",
    "sure /s",
    "ok jk",
    "yes... j/k",
    "Yes. Sike.",
  ])
    it(`"${line}" with a plan pending: no confirm, the plan stays`, async () => {
      const { conv, last } = await dialogue(DESK, ["install on the nvme", "create user bob with sudo", line]);
      expect("confirm" in last && last.confirm === true).toBe(false);
      expect(conv.pending.length).toBeGreaterThan(0);
    });

  it("a plain yes still confirms", async () => {
    const { last } = await dialogue(DESK, ["install on the nvme", "create user bob with sudo", "yes"]);
    expect(last).toEqual({ confirm: true });
  });

  it('"no kidding" and "not joking" are emphasis, not a take-back', () => {
    expect(yesTakenBack("no kidding, go")).toBe(false);
    expect(yesTakenBack("not joking, yes")).toBe(false);
    expect(yesTakenBack("I'm not even kidding, ship it")).toBe(false);
    expect(yesTakenBack("yes jk")).toBe(true);
    expect(yesTakenBack("install jkl")).toBe(false);
  });
});
