import { describe, expect, it } from "vitest";
import { refusedAccount } from "../../agent/rules/refusedAccounts.js";
import type { PlanCall } from "../../agent/types.js";
import { callsOf, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * dev11 h10-003 (two destructive misreads in one edit turn): with anna and ben planned with sudo,
 * "don't create ben after all, he can use anna's" planned ben and anna again, with sudo. The class:
 * an account refused by a negated creating verb or by "no account for X" / "X doesn't need an
 * account" (agent/rules/refusedAccounts.ts, asked last by agent/rules/negatedCalls.ts), and a
 * reason about the person dropped said beside the drop ("he can use anna's", "she has her own
 * laptop", agent/rules/edits.ts). Sentences of our own, in no data set.
 * Machine: the tester's live machine (findings8-c).
 */
const LIVE = fixtureFacts("findings8-c");
const PLAN = ["install on the empty disk", "create users tara and omar, both with sudo"];

type Create = Extract<PlanCall, { tool: "createUser" }>;
const users = (cs: readonly PlanCall[]) =>
  cs.filter((c): c is Create => c.tool === "createUser").map((c) => c.args.username);

const refusals = [
  "don't create omar after all",
  "do not add omar, he can use tara's",
  "dont make an account for omar",
  "no account for omar please, he shares with tara",
  "omar doesn't need an account",
  "omar won't need a login, he uses tara's laptop",
  "don't bother creating omar",
  "actually dont add omar",
  "never mind omar, he has his own laptop",
  "forget omar. he'll use tara's account",
];

describe("an account the words refuse is never planned, and nobody gets sudo from it", () => {
  for (const line of refusals) {
    it(`"${line}" with omar planned: omar leaves the plan, no sudo is added`, async () => {
      const { conv, last } = await dialogue(LIVE, [...PLAN, line]);
      expect(callsOf(last).filter(sudoFor("omar"))).toEqual([]);
      expect(callsOf(last).filter(sudoFor("tara"))).toEqual([]);
      expect(users(conv.pending)).toEqual(["tara"]);
    });
  }

  for (const line of [
    "don't create omar",
    "do not add an account for omar",
    "no user for omar",
    "omar doesn't need an account",
    "dont even make omar",
  ])
    it(`"${line}" with nothing planned creates no omar`, async () => {
      const { conv, last } = await dialogue(LIVE, ["install on the empty disk", line]);
      expect(users(callsOf(last))).not.toContain("omar");
      expect(users(conv.pending)).toEqual([]);
    });
});

describe("the reader refuses the account only, and only the one named", () => {
  it("a privilege refused keeps the account (that is the sudo reader's)", () => {
    expect(refusedAccount("omar", "don't make omar an admin")).toBeUndefined();
    expect(refusedAccount("omar", "dont add omar to wheel")).toBeUndefined();
    expect(refusedAccount("omar", "do not create omar with sudo")).toBeUndefined();
  });
  it("the refusal ends where another request starts", () => {
    expect(refusedAccount("tara", "don't create omar, create tara")).toBeUndefined();
    expect(refusedAccount("tara", "dont add omar and add tara")).toBeUndefined();
    expect(refusedAccount("omar", "don't create omar, create tara")).toBeDefined();
  });
  it("a plain request refuses nothing", () => {
    for (const line of ["create omar", "add omar, no sudo", "omar needs an account", "no wait, add omar"])
      expect(refusedAccount("omar", line), line).toBeUndefined();
  });
  it("a plain request still creates the account", async () => {
    const { conv } = await dialogue(LIVE, ["install on the empty disk", "add omar, he needs an account"]);
    expect(users(conv.pending)).toEqual(["omar"]);
  });
});
