import { describe, expect, it } from "vitest";
import { sayPeopleWordsPlainly } from "../../agent/rules/peopleWordsPlain.js";
import { callsOf, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Sudo refused by a quantity, a subtraction, an omission or a value (attacker 9 M2: "add user carl
 * minus sudo" gave carl sudo), and in the languages people mix in (dev16-mixed h15m-028: "walang
 * sudo" gave sudo to "na" and "walang"). The reverse of the grant: never sudo. Plain grants still
 * grant. agent/rules/peopleWordsPlain.ts.
 */
const DESK = fixtureFacts("findings16-desk");

async function run(line: string) {
  const { conv, decisions } = await dialogue(DESK, ["erase the nvme", line]);
  return [...conv.pending, ...decisions.flatMap(callsOf)];
}

describe("refused with a quantity, a subtraction, an omission or a value", () => {
  for (const line of [
    "add user carl minus sudo",
    "add user carl with zero sudo",
    "add user carl, sudo: none",
    "add user carl, sudo: nil",
    "add user carl, sudo = false",
    "add user carl, sudo = nada",
    "add user carl, no admin rights",
    "add user carl, admin rights: no",
    "add user carl but hold the sudo",
    "add user carl, keep admin out of it",
    "add user carl, excluding sudo",
    "add user carl, root access -> none",
  ])
    it(`"${line}": carl is planned, without sudo`, async () => {
      const calls = await run(line);
      expect(calls.some((c) => c.tool === "createUser" && c.args.username === "carl")).toBe(true);
      expect(calls.some(sudoFor("carl"))).toBe(false);
    });
});

describe("refused in the languages people mix in", () => {
  for (const [line, who] of [
    ["gawa ka ng user na jun, walang sudo", "jun"],
    ["user na jun, hindi admin", "jun"],
    ["user arjun, sudo nahi", "arjun"],
    ["user arjun, bina sudo", "arjun"],
    ["user arjun, admin mat do", "arjun"],
    ["kullanıcı ali, sudosuz", "ali"],
    ["ali için hesap, sudo verme", "ali"],
    ["uživatel petr, sudo ne", "petr"],
    ["účet pro petra, bez sudo", "petra"],
  ] as const)
    it(`"${line}": no sudo for anyone`, async () => {
      const calls = await run(line);
      expect(calls.some((c) => c.tool === "createUser" && c.args.username === who)).toBe(true);
      expect(calls.some((c) => c.tool === "createUser" && c.args.sudo === true)).toBe(false);
    });
});

describe("sudo still granted where asked plainly", () => {
  for (const [line, who] of [
    ["add user carl with sudo", "carl"],
    ["user carl, admin yes", "carl"],
    ["make me an account, handle is anke, and I do need sudo", "anke"],
    ["gawa ka ng user na jun, may sudo", "jun"],
    ["kullanıcı ali, sudo olsun", "ali"],
    ["user arjun, sudo chahiye", "arjun"],
    ["uživatel petr se sudo", "petr"],
  ] as const)
    it(`"${line}" gives ${who} sudo`, async () => {
      expect((await run(line)).some(sudoFor(who))).toBe(true);
    });

  it("the words that only look like refusals are left as typed", () => {
    for (const s of [
      "add user zero",
      "user nil with sudo",
      "give tom sudo, hold on",
      "sudo for the login screen",
    ])
      expect(sayPeopleWordsPlainly(s)).toBe(s);
    expect(sayPeopleWordsPlainly("add user carl minus sudo")).toBe("add user carl without sudo");
  });
});

describe("sudo said in brackets, by a colon or as a call (tester 12 W2, W9)", () => {
  for (const [line, granted, refused] of [
    ["add tom (no sudo) and ann (sudo)", "ann", "tom"],
    ["users ann and tom. sudo: ann. tom: no", "ann", "tom"],
    ["createUser(ops, sudo=true)", "ops", undefined],
    ["createUser(tom, sudo=false)", undefined, "tom"],
    ["add_user(name='kim', admin=True)", "kim", undefined],
  ] as const)
    it(`"${line}"`, async () => {
      const calls = await run(line);
      if (granted) expect(calls.some(sudoFor(granted))).toBe(true);
      if (refused) {
        expect(calls.some((c) => c.tool === "createUser" && c.args.username === refused)).toBe(true);
        expect(calls.some(sudoFor(refused))).toBe(false);
      }
    });
});
