import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The fourth user findings' WRONG 1: "is X safe?" is answered from the plan, yes or no first, with
 * X found the way protections find it (a path, a model, a label, a partition). Machines:
 * findings4-a (Samsung sda with ext4 "data", empty WD nvme0n1), findings4-e (Samsung 980 with
 * "home-old", empty Crucial, Seagate with "SteamLibrary"), findings4-b (Windows 11 and free space).
 */
const TWO = fixtureFacts("findings4-a");
const THREE = fixtureFacts("findings4-e");
const WIN11 = fixtureFacts("findings4-b");

const replyOf = (d: object) => ("reply" in d ? (d as { reply: string }).reply : "");

describe("is X safe? is answered from the plan", () => {
  const cases: [typeof TWO, string[], RegExp][] = [
    // the tester's
    [TWO, ["install on the wd", "is sda safe?"], /^Yes: .*\/dev\/sda .*not touched/],
    [THREE, ["install on nvme1n1", "is the seagate safe"], /^Yes: .*\/dev\/sda .*not touched/],
    [
      THREE,
      ["install on nvme1n1, dont touch my steam drive", "is my steam library safe?"],
      /^Yes: .*SteamLibrary.*not touched/,
    ],
    // our own
    [THREE, ["install on nvme1n1", "will my old home survive?"], /^Yes: .*home-old.*not touched/],
    [WIN11, ["alongside windows", "is my recovery partition safe"], /^Yes: .*free space.*Recovery/],
    [TWO, ["erase sda, i dont need it", "is my data safe?"], /^No, not what is on \/dev\/sda/],
    [TWO, ["erase the samsung, i dont need it", "wait, will sda1 be ok?"], /^No: the plan erases \/dev\/sda/],
    [THREE, ["install on the crucial", "is nvme0n1 gonna be ok"], /^Yes: .*\/dev\/nvme0n1 .*not touched/],
    [TWO, ["user ann with sudo", "is the samsung ok?"], /^Yes: nothing is planned on any disk yet/],
  ];
  for (const [facts, turns, answer] of cases)
    it(`${turns.at(-1)} → ${answer}`, async () => {
      const { last, conv } = await dialogue(facts, turns);
      expect(replyOf(last)).toMatch(answer);
      expect("calls" in last || "confirm" in last).toBe(false);
      expect(conv.pending.length).toBeGreaterThan(0);
    });
  it("a question about no disk is left to the backend", async () => {
    const { last } = await dialogue(TWO, ["install on the wd", "is ripgrep safe?"]);
    expect(replyOf(last)).not.toMatch(/^(Yes|No): the plan/);
  });
});
