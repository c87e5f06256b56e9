import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The fifth user findings' WRONG 2 and 3 (class C): "read that back to me", "whats the plan",
 * "what did you add", "is max an admin?", "does lena have sudo" are answered from the pending plan
 * and the protections. A read-back never changes the plan and never confirms it.
 * Machine: findings5q-t (see findings5-questions-consequences.test.ts).
 */
const T = fixtureFacts("findings5q-t");

const replyOf = (d: object) => ("reply" in d ? (d as { reply: string }).reply : "");

async function expectAnswer(turns: string[], answer: RegExp, not?: RegExp, refusesSudoOf?: string) {
  const before = await dialogue(T, turns.slice(0, -1));
  const { last, conv } = await dialogue(T, turns);
  expect(replyOf(last)).toMatch(answer);
  if (not) expect(replyOf(last)).not.toMatch(not);
  expect("calls" in last || "confirm" in last || "drop" in last).toBe(false);
  expect(JSON.stringify(conv.pending)).toBe(JSON.stringify(before.conv.pending));
  // "does lena need sudo? no": the speaker's own answer may be kept as lena's refusal, nothing else
  const added = conv.protections.slice(before.conv.protections.length);
  expect(added).toEqual(
    refusesSudoOf ? added.filter((p) => p.kind === "sudo" && p.username === refusesSudoOf) : [],
  );
}

const PLAN = ["install on the nvme", "create user lena", "create user max with sudo"];
const RECITAL =
  /The plan so far: 1\. erase \/dev\/nvme0n1.*2\. create user lena.*3\. create user max with sudo/;

describe("the plan read back", () => {
  const cases: [string[], RegExp, RegExp?][] = [
    // the tester's
    [[...PLAN, "read that back to me"], RECITAL],
    [[...PLAN, "whats the plan"], RECITAL],
    [[...PLAN, "what did you add"], /create user max with sudo/],
    [["create user lena no sudo", "is max an admin?"], /^max is not in the plan.*creates lena without sudo/],
    [
      ["create user lena", "no sudo for max", "is max an admin?"],
      /^No: the plan creates max without sudo, as you asked/,
    ],
    [[...PLAN, "does lena have sudo"], /^No: the plan creates lena without sudo/],
    // our own
    [[...PLAN, "whats teh plan"], RECITAL],
    [[...PLAN, "READ IT BACK"], RECITAL],
    [[...PLAN, "repeat the plan pls"], RECITAL],
    [[...PLAN, "recap please"], RECITAL],
    [[...PLAN, "what have you got so far"], RECITAL],
    [[...PLAN, "what did u just add?"], /^Last added: create user max with sudo/],
    [[...PLAN, "say that again"], RECITAL],
    [[...PLAN, "is max admin"], /^Yes: the plan creates max with sudo/],
    [[...PLAN, "does max get sudo or not"], /^Yes: the plan creates max with sudo/],
    [[...PLAN, "is max"], /the plan creates max with sudo/i],
    [["dont touch sda", "read it back"], /The plan is empty.*Kept: \/dev\/sda/],
    [
      ["create user lena no sudo", "IS LENA AN ADMIN"],
      /^No: the plan creates lena without sudo, as you asked/,
    ],
    // a bare "no" after a question answers that question, never the plan (it had dropped the plan)
    [[...PLAN, "is max an admin? yes"], /^Yes: the plan creates max with sudo/],
  ];
  for (const [turns, answer, not] of cases)
    it(`${turns.at(-1)} → ${answer}`, () => expectAnswer(turns, answer, not));
  it("does lena need sudo? no → answered, and at most lena's sudo refusal kept", () =>
    expectAnswer(
      [...PLAN, "does lena need sudo? no"],
      /^No: the plan creates lena without sudo/,
      undefined,
      "lena",
    ));
});
