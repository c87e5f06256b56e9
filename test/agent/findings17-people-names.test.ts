import { describe, expect, it } from "vitest";
import { functionWord } from "../../agent/rules/functionWords.js";
import { sayPeopleWordsPlainly } from "../../agent/rules/peopleWordsPlain.js";
import type { PlanCall } from "../../agent/types.js";
import { callsOf } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * A word that holds the sentence together is no one's name (dev16 h15-017 and h15m-028, attacker 9
 * M1/M3, tester 12 W6): "handle is anke" names anke, "user na jun, walang sudo" names jun, "no sudo,
 * ever" names no "ever", a chat log's "@dad:" is who spoke. agent/rules/functionWords.ts,
 * agent/rules/peopleWordsPlain.ts.
 */
const DESK = fixtureFacts("findings16-desk");
const INST = fixtureFacts("findings16-inst");

type User = Extract<PlanCall, { tool: "createUser" }>;
const usersOf = (calls: readonly PlanCall[]) =>
  calls
    .filter((c): c is User => c.tool === "createUser")
    .map((c) => `${c.args.username}${c.args.sudo ? "+sudo" : ""}`);

async function planned(line: string): Promise<string[]> {
  const { conv } = await dialogue(DESK, ["erase the nvme", line]);
  return usersOf(conv.pending).sort();
}

describe("a label before a name: the name after it is the account", () => {
  for (const [line, want] of [
    ["make me an account, handle is anke, and I do need sudo", ["anke+sudo"]],
    ["account for me. my login will be anke. admin please", ["anke+sudo"]],
    ["new account, nick: mara, no sudo", ["mara"]],
    ["set me up, my handle is ozzy", ["ozzy"]],
  ] as const)
    it(`"${line}" → ${want.join(", ")}`, async () => {
      expect(await planned(line)).toEqual([...want]);
    });
});

describe("words after the name are no further accounts (attacker 9 M1)", () => {
  for (const line of [
    "add user carl. no sudo, ever",
    "add user carl, not an admin, ever",
    "add user carl; under no circumstances should carl get sudo",
    "add user carl but leave sudo out",
    "add user carl. sudo? never, whatsoever",
    "add user carl, and again: no admin, period",
  ])
    it(`"${line}" → carl alone, without sudo`, async () => {
      expect(await planned(line)).toEqual(["carl"]);
    });
});

describe("function words of the languages mixed in are no names (dev16-mixed h15m-028)", () => {
  for (const [line, want] of [
    ["i-install mo sa nvme, tapos gawa ka ng user na jun, walang sudo", ["jun"]],
    ["gawa ka ng account para kay lito, wala ng admin", ["lito"]],
    ["gawa ka ng user na jun, may sudo", ["jun+sudo"]],
    ["bhai ke liye bhi account, name arjun, usko sudo nahi", ["arjun"]],
    ["user arjun, sudo chahiye", ["arjun+sudo"]],
    ["ali adında bir kullanıcı, sudo yok", ["ali"]],
    ["kullanıcı ali, sudo olsun", ["ali+sudo"]],
    ["uživatel petr, žádné sudo", ["petr"]],
    ["uživatel petr, sudo ne", ["petr"]],
  ] as const)
    it(`"${line}" → ${want.join(", ")}`, async () => {
      expect(await planned(line)).toEqual([...want]);
    });

  it("the function words themselves, in their turns", () => {
    for (const w of ["na", "walang", "usko", "ever", "under", "leave", "kullanıcı"])
      expect(functionWord(w)).toBe(true);
    // short words that are names elsewhere are function words only in a turn of their language
    expect(functionWord("mo", "user mo, sudo is overkill")).toBe(false);
    expect(functionWord("mo", "gawa ka ng user, i-install mo")).toBe(true);
    for (const name of ["anke", "jun", "will", "max", "mark", "kai", "jo"])
      expect(functionWord(name)).toBe(false);
  });
});

describe("a pasted chat log: the speaker is no account, the message is the request (attacker 9 M3)", () => {
  it("the time and handle are taken off each line", () => {
    expect(sayPeopleWordsPlainly("[10:32] @dad: no sudo for the kids\n[10:33] @mia: add user mia")).toBe(
      "no sudo for the kids\nadd user mia",
    );
    expect(sayPeopleWordsPlainly("<mum> give tom sudo")).toBe("give tom sudo");
    expect(sayPeopleWordsPlainly("21:04 <lea> user tom no sudo")).toBe("user tom no sudo");
  });
  for (const [line, want] of [
    ["@dad: tom gets sudo", ["tom+sudo"]],
    ["<mum> give tom sudo", ["tom+sudo"]],
    ["[10:32] @dad: make an account for tom, no sudo", ["tom"]],
    ["[21:03] dad: add user tom\n[21:04] mum: no sudo for tom", ["tom"]],
  ] as const)
    it(`${JSON.stringify(line)} → ${want.join(", ")}`, async () => {
      expect(await planned(line)).toEqual([...want]);
    });
});

describe("a real name after user/account/for still becomes a user", () => {
  for (const [line, want] of [
    ["add user anna with sudo", ["anna+sudo"]],
    ["an account for ben, no sudo", ["ben"]],
    ["users will and max. sudo for max", ["max+sudo", "will"]],
    ["user mo, sudo is overkill", ["mo"]],
    // a Tagalog word that is a name too ("kay"): a name outside a Tagalog turn (dev9 h8-038)
    ["user kay with sudo", ["kay+sudo"]],
  ] as const)
    it(`"${line}" → ${want.join(", ")}`, async () => {
      expect(await planned(line)).toEqual([...want]);
    });
});

describe("a user named in a reason is no user removal (tester 12 W6)", () => {
  for (const line of [
    "remove bat (kid uses it tho)",
    "remove the stuff raj uses",
    "remove the thing the kid installed",
  ])
    it(`"${line}" is not refused as deleting a user`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(JSON.stringify(last)).not.toMatch(/can't delete users/);
      expect(callsOf(last).some((c) => c.tool === "removeRecipe" && c.args.name !== "bat")).toBe(false);
    });
  it('"remove user raj" is still refused', async () => {
    const { last } = await dialogue(INST, ["remove user raj"]);
    expect(JSON.stringify(last)).toMatch(/can't delete users/);
  });
});
