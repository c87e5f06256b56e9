import { describe, expect, it } from "vitest";
import { readPeopleList } from "../../agent/safety/peopleLists.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 10 D3/W3 (docs/findings/2026-12-05-hurried-user-10.md): a list of people whose names are
 * words ("will", "admin", "may") with sudo said per person. The list reader
 * (agent/safety/peopleLists.ts) acts only where everything after "users" reads as names and the
 * sudo said of them; anything else is left to the sudo readers, which handled it before (the first
 * version took those over and broke 17 wordings: "all of them admins", "either can have sudo",
 * "paul (admin)" made a user "admin", "ana should have sudo" made a user "should").
 */
const DESK = fixtureFacts("findings11-t10r-desk");

async function users(lines: string[]): Promise<Record<string, boolean>> {
  const { conv } = await dialogue(DESK, lines);
  return Object.fromEntries(
    conv.pending.flatMap((c) =>
      c.tool === "createUser" ? [[c.args.username, (c.args as { sudo: boolean }).sudo]] : [],
    ),
  );
}

describe("sudo said per person after a list of names that are words", () => {
  const cases: [string, Record<string, boolean>][] = [
    ["crucial. users will and max. sudo for max, will shouldnt", { will: false, max: true }],
    ["crucial. users max, will, ana. only ana gets sudo", { max: false, will: false, ana: true }],
    ["crucial. users will and ana, will no sudo, ana sudo", { will: false, ana: true }],
    ["crucial. users admin and ana", { admin: false, ana: false }],
    ["crucial. users ana, tom and dad. dad gets sudo", { ana: false, tom: false, dad: true }],
    ["crucial. create users kim and will, give will sudo", { kim: false, will: true }],
    ["crucial. create users kim and admin, admin gets sudo", { kim: false, admin: true }],
    ["crucial. users ana and ben, make ben an admin", { ana: false, ben: true }],
    ["crucial. users ana and ben, no sudo for ben, ana sudo", { ana: true, ben: false }],
    ["crucial. users june and may, may is an admin, june no", { june: false, may: true }],
    ["crucial. users ria and sol, either can have sudo", { ria: true, sol: true }],
  ];
  for (const [line, want] of cases)
    it(line, async () => {
      expect(await users([line])).toEqual(want);
    });
});

describe("a verb after a listed name is never one more name", () => {
  it("'ana may have sudo': may, a listed person, gets nothing from ana's sudo", async () => {
    const got = await users(["crucial. users ana and may, ana may have sudo"]);
    expect(got).toEqual({ ana: true, may: false });
  });
  it("'paul (admin)': paul's sudo, no user named admin", async () => {
    expect(readPeopleList("users: paul (admin), lily, tom", DESK)).toEqual(
      new Map([
        ["paul", true],
        ["lily", false],
        ["tom", false],
      ]),
    );
  });
  it("'ana should have sudo': no user named should", () => {
    expect([
      ...(readPeopleList("users ana and ben, ana should have sudo", DESK) ?? new Map()).keys(),
    ]).toEqual(["ana", "ben"]);
  });
});

describe("what the list does not read whole is left to the sudo readers", () => {
  const deferred = [
    "create users ana, bo and cy, all of them admins",
    "new users vera & wim, give them sudo",
    "users max and kim with sudo, just kim",
    "the kids get no admin. users mia and leo, user eva with sudo",
    "users ana and ben, neither gets sudo",
    "add ana to the users group, with sudo",
    "user ana, groups users video audio",
    "users ana and ben, ana gets sudo and install firefox",
  ];
  for (const line of deferred)
    it(line, () => {
      expect(readPeopleList(line, DESK)).toBeUndefined();
    });

  it("a list that does not name an account the other readers made replaces nothing", async () => {
    // ana is made by the other readers; "video audio" is a list of groups, not of people
    expect(Object.keys(await users(["crucial. user ana, groups users video audio"]))).toEqual(["ana"]);
  });
});
