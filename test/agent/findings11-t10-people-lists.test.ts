import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 10 (docs/findings/2026-12-05-hurried-user-10.md) D3, W3: in a list of people, sudo landed
 * on the person refused it ("users max and will, will gets sudo, max doesnt" → max with sudo),
 * names that are words vanished ("admin", "will"), and people were lost ("users ana ben", "users
 * mum and dad with sudo, lia and tom without"). Every listed person is made, sudo as said per
 * person (agent/safety/peopleLists.ts). Facts: the tester's desk (live).
 */
const DESK = fixtureFacts("findings11-t10r-desk");

async function users(line: string): Promise<Record<string, boolean>> {
  const { conv } = await dialogue(DESK, [line]);
  return Object.fromEntries(
    conv.pending.flatMap((c) =>
      c.tool === "createUser" ? [[c.args.username, (c.args as { sudo: boolean }).sudo]] : [],
    ),
  );
}

describe("tester10 D3/W3: every listed person, sudo as said", () => {
  const cases: [string, Record<string, boolean>][] = [
    // the tester's
    ["crucial. create users max and will, will gets sudo, max doesnt", { max: false, will: true }],
    ["crucial. users kim and admin, admin gets sudo", { kim: false, admin: true }],
    ["crucial. users ana ben", { ana: false, ben: false }],
    [
      "crucial. users mum and dad with sudo, lia and tom without",
      { mum: true, dad: true, lia: false, tom: false },
    ],
    ["crucial. users dad, lia, tom. dad sudo, kids no", { dad: true, lia: false, tom: false }],
    // ours
    ["crucial, users may and june; june has admin, may does not", { may: false, june: true }],
    ["install on the crucial. accounts: bill, will. bill is admin, will no", { bill: true, will: false }],
    ["crucial. new users sam and mark, mark with sudo, sam without", { sam: false, mark: true }],
    [
      "crucial. users grace, hope and faith. hope gets sudo, the rest no",
      { grace: false, hope: true, faith: false },
    ],
    ["crucial. users pat and chris, both with sudo", { pat: true, chris: true }],
    ["crucial. users will and bob, will doesnt get sudo, bob does", { will: false, bob: true }],
    ["crucial. users nina leo kai", { nina: false, leo: false, kai: false }],
  ];
  for (const [line, want] of cases)
    it(`${line}`, async () => {
      const got = await users(line);
      for (const [n, sudo] of Object.entries(want)) expect(got[n], n).toBe(sudo);
      // sudo only where said: nobody outside the list, nobody refused
      for (const [n, sudo] of Object.entries(got)) if (sudo) expect(want[n], n).toBe(true);
    });

  it("the list said after the disk, in a second turn, reads the same", async () => {
    const { conv } = await dialogue(DESK, ["crucial", "users max and will, will gets sudo, max doesnt"]);
    const sudo = Object.fromEntries(
      conv.pending.flatMap((c) =>
        c.tool === "createUser" ? [[c.args.username, (c.args as { sudo: boolean }).sudo]] : [],
      ),
    );
    expect(sudo).toEqual({ max: false, will: true });
  });
});

describe("controls: one person, and words of the machine, stay as they were read", () => {
  it("users ana and ben, crucial → no user named crucial", async () => {
    const got = await users("users ana and ben, crucial");
    expect(Object.keys(got)).not.toContain("crucial");
  });
  it("crucial. user ana with sudo → ana with sudo", async () => {
    expect(await users("crucial. user ana with sudo")).toEqual({ ana: true });
  });
});
