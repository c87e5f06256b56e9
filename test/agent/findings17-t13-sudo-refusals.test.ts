import { describe, expect, it } from "vitest";
import { saySudoRefusalsAbroad } from "../../agent/rules/sudoRefusalsAbroad.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 13's DANGEROUS D4 and D7: the privilege refused in Indonesian, Vietnamese, Romanian,
 * Hungarian, Hindi or romaji ("user lena bukan admin", "sudo nashi", "fara sudo"), or refused by
 * the value of a "sudo:" label ("sudo: not needed", "sudo: overkill"), gave sudo; "nem admin"
 * made a user "nem" with sudo. Machines: the tester's desk3 (live) and inst (installed).
 */
const DESK = fixtureFacts("findings17-t13-desk3");
const INST = fixtureFacts("findings17-t13-inst");
type Call = { tool: string; args: { username?: string; sudo?: boolean } };
const users = (plan: readonly Call[]) =>
  Object.fromEntries(
    plan.filter((c) => c.tool === "createUser").map((c) => [c.args.username, c.args.sudo === true]),
  );

describe("the privilege refused in the languages people mix in gives no sudo (D4)", () => {
  const refused = [
    // the tester's
    "user lena bukan admin",
    "user lena tidak admin",
    "user lena không admin",
    "user lena nu admin",
    "user lena nem admin",
    "user lena admin janai",
    "user lena nahi admin",
    "buat user lena tanpa sudo",
    "creeaza user lena fara sudo",
    "user lena sudo nashi",
    // our own
    "create user lena, jangan jadi admin",
    "create user lena không cần sudo",
    "create user lena fără sudo",
    "create user lena, nu e admin",
    "create user lena, sudo nélkül",
    "create user lena ne legyen admin",
    "create user lena, bina sudo",
    "create user lena, sudo nahi chahiye",
    "create user lena, sudo wa iranai",
    "create user lena admin dame",
    "create user lena, tidak perlu sudo",
  ];
  for (const s of refused) {
    it(`"${s}" creates lena without sudo`, async () => {
      const { conv } = await dialogue(DESK, ["install on sdc", s]);
      expect(users(conv.pending as Call[])).toEqual({ lena: false });
    });
  }
  it("the English grant beside a refused one stays a grant", async () => {
    const { conv } = await dialogue(DESK, ["install on sdc", "sdc, user vince admin, user lena bukan admin"]);
    expect(users(conv.pending as Call[])).toEqual({ vince: true, lena: false });
  });
  it("a negation word is never a user: 'nem admin' after the name makes no user nem", async () => {
    const { conv } = await dialogue(DESK, ["install on sdc", "hozd létre lena felhasználót, nem admin"]);
    const u = users(conv.pending as Call[]);
    expect(u.nem).toBeUndefined();
    expect(Object.values(u)).not.toContain(true);
  });
  it("installed mode: 'add user mia bukan admin' creates mia without sudo", async () => {
    const { conv } = await dialogue(INST, ["add user mia bukan admin"]);
    expect(users(conv.pending as Call[])).toEqual({ mia: false });
  });
  it("the other direction: a plain grant still gives sudo", async () => {
    const { conv } = await dialogue(DESK, ["install on sdc", "user lena admin"]);
    expect(users(conv.pending as Call[])).toEqual({ lena: true });
  });
  it("words of those languages away from the privilege are left as typed", () => {
    expect(saySudoRefusalsAbroad("nu stiu, user lena admin")).toBe("nu stiu, user lena admin");
    expect(saySudoRefusalsAbroad("tidak apa apa")).toBe("tidak apa apa");
  });
});

describe("a 'sudo:' label whose value refuses gives no sudo (D7)", () => {
  const refused = [
    "not needed",
    "unneeded",
    "not necessary",
    "overkill",
    "not for her",
    "optional",
    "nah",
    "forget it",
    "unnecessary",
    "nope",
  ];
  for (const v of refused) {
    it(`"add lena, sudo: ${v}" creates lena without sudo`, async () => {
      const { conv } = await dialogue(DESK, ["install on sdc", `add lena, sudo: ${v}`]);
      expect(users(conv.pending as Call[])).toEqual({ lena: false });
    });
  }
  it('"admin = not required" and "sudo -> overkill" refuse too', () => {
    expect(saySudoRefusalsAbroad("user lena, admin = not required")).toBe("user lena, without admin");
    expect(saySudoRefusalsAbroad("user lena sudo -> overkill")).toBe("user lena without sudo");
  });
  it("installed mode: 'add user mia, sudo: overkill' creates mia without sudo", async () => {
    const { conv } = await dialogue(INST, ["add user mia, sudo: overkill"]);
    expect(users(conv.pending as Call[])).toEqual({ mia: false });
  });
  it("the other direction: 'sudo: yes' and 'sudo: vince' still grant", async () => {
    const yes = await dialogue(DESK, ["install on sdc", "add lena, sudo: yes"]);
    expect(users(yes.conv.pending as Call[])).toEqual({ lena: true });
    const who = await dialogue(DESK, ["install on sdc", "add lena and vince, sudo: vince"]);
    expect(users(who.conv.pending as Call[])).toEqual({ lena: false, vince: true });
  });
});
