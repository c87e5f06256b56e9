import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * dev15-mixed's destructive turn ("username p-a-v-e-l, admin yes" gave sudo to a user named
 * "p-a-v-e-l") and the spelled names of dev15 ("new user: r, o, s, a. rosa." made four users):
 * a name spelled letter by letter is the one name its letters make. And account commands typed as
 * requests ("useradd -m -G wheel sam", "userdel lena"; tester 11 W11) are the plan steps they
 * stand for, with an admin group read as sudo (CONTRACTS: sudo means wheel).
 */
const DESK = fixtureFacts("findings12-desk3");

async function users(lines: string[]): Promise<Record<string, boolean>> {
  const { conv } = await dialogue(DESK, lines);
  return Object.fromEntries(
    conv.pending.flatMap((c) =>
      c.tool === "createUser" ? [[c.args.username, (c.args as { sudo: boolean }).sudo]] : [],
    ),
  );
}

describe("a spelled name is one name", () => {
  const cases: [string, Record<string, boolean>][] = [
    ["username p-a-v-e-l, admin yes", { pavel: true }],
    ["add user P-A-V-E-L with sudo", { pavel: true }],
    ["user p-a-v-e-l", { pavel: false }],
    ["new user: r, o, s, a. rosa.", { rosa: false }],
    ["new user: r, o, s, a", { rosa: false }],
    ["user name is kay eye em. kim.", { kim: false }],
    // a hyphen inside a real name is no spelling
    ["user anna-lena", { "anna-lena": false }],
  ];
  for (const [line, want] of cases)
    it(line, async () => {
      expect(await users(["nvme", line])).toEqual(want);
    });
  it("no user named after a single letter, and no sudo to anyone the letters do not spell", async () => {
    const got = await users(["nvme", "username p-a-v-e-l, no sudo"]);
    expect(got).toEqual({ pavel: false });
  });
});

describe("account commands typed as requests", () => {
  const cases: [string[], Record<string, boolean>][] = [
    [["useradd -m -G wheel sam"], { sam: true }],
    [["useradd bob && usermod -aG wheel bob"], { bob: true }],
    [["sudo useradd -m mei"], { mei: false }],
    [["useradd tomas"], { tomas: false }],
    [["useradd -s /bin/zsh lena"], { lena: false }],
    [["useradd -G docker,video ana"], { ana: false }],
    [["useradd lena", "userdel lena"], {}],
    [["gpasswd -a bob wheel"], {}],
  ];
  for (const [lines, want] of cases)
    it(lines.join(" / "), async () => {
      expect(await users(["nvme", ...lines])).toEqual(want);
    });
  it("the shell and the groups go with the account", async () => {
    const { conv } = await dialogue(DESK, ["nvme", "useradd -s /bin/zsh -G docker lena"]);
    expect(conv.pending.find((c) => c.tool === "createUser")?.args).toMatchObject({
      username: "lena",
      shell: "/bin/zsh",
      groups: ["docker"],
      sudo: false,
    });
  });
  it("usermod -aG wheel after a refusal gives no sudo", async () => {
    expect(await users(["nvme", "user kim, no sudo", "usermod -aG wheel kim"])).toEqual({ kim: false });
  });
  it("a password on the command line never makes the account", async () => {
    expect(await users(["nvme", "useradd -p secret bob"])).toEqual({});
  });
});

describe("a person's name near a program's name stays a person in a list of people (tester 11 W7)", () => {
  const cases: [string, Record<string, boolean>][] = [
    ["users anna, ben, carl", { anna: false, ben: false, carl: false }],
    ["users anna, ben, carl; carl no sudo", { anna: false, ben: false, carl: false }],
    ["users anna, ben and carl", { anna: false, ben: false, carl: false }],
  ];
  for (const [line, want] of cases)
    it(line, async () => {
      expect(await users(["nvme", line])).toEqual(want);
    });
  // round 23 (fixR24): a misspelled install with exactly one close recipe of the same first letter
  // is installed, not asked; it is still read as the program, never as a third person
  it("a misspelled program outside a list of people is read as the program", async () => {
    const { last } = await dialogue(DESK, ["nvme", "users anna and ben, add crul"]);
    expect("calls" in last && last.calls.map((c) => c.tool)).toEqual([
      "createUser",
      "createUser",
      "installRecipe",
    ]);
    expect(
      "calls" in last && last.calls.some((c) => c.tool === "createUser" && c.args.username === "crul"),
    ).toBe(false);
  });
});
