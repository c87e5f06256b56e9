import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The retired held-out set (eval/data/dev12-keep.jsonl) gave sudo to people its authors refused it
 * to, in three kinds of wording no reader knew: a refusal said as the speaker's negated wish ("I do
 * not wish for her to have sudo": the negation four words and more before the privilege), the
 * short forms of "without" ("user ci-bot w/o sudo") and the privilege taken back with no name
 * ("undo the sudo bit"). Each class is tried here in wordings of our own, through the whole
 * conversation, on a live machine with an empty disk.
 */
const LIVE = fixtureFacts("findings8-c");
const INSTALLED = fixtureFacts("findings8-d");

type Create = Extract<PlanCall, { tool: "createUser" }>;

/** Every account the plan holds at the end, with its sudo. */
async function accounts(lines: string[], facts = LIVE) {
  const { conv } = await dialogue(facts, lines);
  return Object.fromEntries(
    conv.pending
      .filter((c): c is Create => c.tool === "createUser")
      .map((c) => [c.args.username, c.args.sudo]),
  );
}

const DISK = "install on the empty disk";

describe("a refusal said as the speaker's negated wish", () => {
  const cases: [string, Record<string, boolean>][] = [
    [
      "Create an account for my colleague, username pkaur. I do not wish for her to have sudo.",
      { pkaur: false },
    ],
    ["add user pavel. I don't want him to have admin rights", { pavel: false }],
    ["new user mei, I would not like her to be given sudo", { mei: false }],
    ["user tariq please. We do not intend for him to receive administrator privileges.", { tariq: false }],
    ["please make an account olu; it is not my wish that he gets sudo", { olu: false }],
    ["account for dragan please. I don't need him having root access", { dragan: false }],
    ["add user kofi. i dont think he should get admin", { kofi: false }],
    ["user ahmed — I am not wanting him to have sudo, thank you", { ahmed: false }],
    ["Kindly create user bao. I have no wish for him to be an administrator.", { bao: false }],
    ["user sven. Under no circumstances should he have sudo", { sven: false }],
    ["make an account for nadia, but I don't want her to be in the wheel group", { nadia: false }],
    [
      "user femi and user gus with sudo. I'm not ok with femi being an admin though",
      { femi: false, gus: true },
    ],
    ["user lena. my boss says no admin for interns", { lena: false }],
    ["user priya, she is an intern, my manager says interns don't get sudo", { priya: false }],
  ];
  for (const [line, want] of cases)
    it(line, async () => {
      expect(await accounts([DISK, line])).toEqual(want);
    });

  it("a negated wish about something else leaves a grant said in its own clause", async () => {
    expect(await accounts([DISK, "user zed. I don't want to wait, give zed sudo"])).toEqual({ zed: true });
  });
});

describe("the short forms of without, and one-word refusals", () => {
  const cases: [string, Record<string, boolean>][] = [
    ["user build-bot w/o sudo, user ops with sudo", { "build-bot": false, ops: true }],
    ["add user deploy w/out admin rights", { deploy: false }],
    ["user jenkins, sudo-less", { jenkins: false }],
    ["user runner nosudo", { runner: false }],
    ["user ana (no-sudo), user ben (sudo)", { ana: false, ben: true }],
    ["user qa, unprivileged", { qa: false }],
    ["user tester, non-admin", { tester: false }],
    ["user build sans sudo", { build: false }],
    ["create user dev1 sudo=no and user dev2 with sudo", { dev1: false, dev2: true }],
    ["user mo w/o admin", { mo: false }],
    ["user lin, no sudo pls, user kat w/ sudo", { lin: false, kat: true }],
    ["user guest w/o root access", { guest: false }],
  ];
  for (const [line, want] of cases)
    it(line, async () => {
      expect(await accounts([DISK, line])).toEqual(want);
    });
});

describe("the privilege taken back, with no name", () => {
  const cases: [string, string, Record<string, boolean>][] = [
    ["user max, admin", "scrap the admin part", { max: false }],
    ["user ida with sudo", "actually forget the sudo", { ida: false }],
    ["user ole with sudo", "cancel the sudo for now", { ole: false }],
    ["user pia with sudo", "take the sudo back", { pia: false }],
    ["user rex with sudo", "lose the admin rights", { rex: false }],
    ["user sol with sudo", "skip the sudo thing, just a normal account", { sol: false }],
    ["user tia with sudo", "on second thought, no sudo", { tia: false }],
    ["user uma with sudo", "I'd rather she didn't have sudo actually", { uma: false }],
    ["user vic with sudo", "drop the sudo bit please", { vic: false }],
    ["user wyn with sudo", "undo the sudo, sorry", { wyn: false }],
  ];
  for (const [first, then, want] of cases)
    it(`${first} → ${then}`, async () => {
      expect(await accounts([DISK, first, then])).toEqual(want);
    });

  it("a grant the words keep stays", async () => {
    expect(await accounts([DISK, "user wes with sudo", "I don't want to lose anything, add htop"])).toEqual({
      wes: true,
    });
    expect(await accounts([DISK, "user wes. I don't need a separate home. wes gets sudo"])).toEqual({
      wes: true,
    });
  });

  it("taking the sudo back and dropping the person drops them", async () => {
    expect(await accounts([DISK, "user lou w/ sudo", "undo the sudo bit — drop lou for now"])).toEqual({});
    expect(
      await accounts(
        ["user nina, sudo", "I'd rather she didn't have sudo actually, drop her for now"],
        INSTALLED,
      ),
    ).toEqual({});
  });
});
