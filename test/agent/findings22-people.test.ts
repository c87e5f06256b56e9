import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 21: how a name is introduced in other registers and languages. A name set in
 * quotes keeps the sudo said beside it and wins over a role word an anchor reached first
 * (agent/rules/quotedNames.ts); a word that introduces a name ("by the name of", "goes by",
 * "handle", "login", "esme", "jméno", "nome") puts the name after it, never the verb or role before
 * it (agent/rules/nameIntroducers.ts). The sentences are ours, of no data set.
 */
const DESK = fixtureFacts("findings16-desk");

const users = (d: unknown) =>
  "calls" in (d as object)
    ? (d as { calls: PlanCall[] }).calls.flatMap((c) =>
        c.tool === "createUser" ? [{ username: c.args.username, sudo: c.args.sudo === true }] : [],
      )
    : [];

describe("a quoted name keeps the sudo said beside it", () => {
  for (const [line, expected] of [
    ["make an account 'tove' with sudo", [{ username: "tove", sudo: true }]],
    ["and a user 'raf' with admin rights, he runs the servers", [{ username: "raf", sudo: true }]],
    ['user "mika" with sudo please', [{ username: "mika", sudo: true }]],
    ["user ‘ines’ with sudo", [{ username: "ines", sudo: true }]],
    [
      "Shift roster: user 'odile', sudo. User 'pim', no sudo.",
      [
        { username: "odile", sudo: true },
        { username: "pim", sudo: false },
      ],
    ],
    ["user 'dana', no sudo at all", [{ username: "dana", sudo: false }]],
  ] as const)
    it(`"${line}"`, async () => {
      const { last } = await dialogue(DESK, [line]);
      expect(users(last)).toEqual(expected);
    });
});

describe("a quoted name wins over the role word said before it", () => {
  for (const [line, name] of [
    ["Add a night nurse: user 'ottilie', no sudo.", "ottilie"],
    ["A login for our bookkeeper, 'henrik'. No sudo.", "henrik"],
    ["CREATE UNIT 'k9', NO SUDO.", "k9"],
    ["a shiny new user, 'winner', no sudo", "winner"],
  ] as const)
    it(`"${line}" creates ${name} only`, async () => {
      const { last } = await dialogue(DESK, [line]);
      expect(users(last)).toEqual([{ username: name, sudo: false }]);
    });

  it("a quoted hostname is no account", async () => {
    const { last } = await dialogue(DESK, ["user 'lotte', hostname 'harbour'"]);
    expect(users(last).map((u) => u.username)).toEqual(["lotte"]);
    expect(JSON.stringify(last)).toContain('"hostname":"harbour"');
  });
});

describe("a word that introduces a name puts the name after it", () => {
  for (const [line, name, sudo] of [
    ["make a user by the name of fenna", "fenna", false],
    ["set up a user who goes by quill, with sudo", "quill", true],
    ["new account, handle zephyr, no sudo", "zephyr", false],
    ["new account, login brik, with admin", "brik", true],
    ["Ye user besaz be esme kian ba sudo", "kian", true],
    ["create user with jmeno radek, no sudo", "radek", false],
  ] as const)
    it(`"${line}" creates ${name}`, async () => {
      const { last } = await dialogue(DESK, [line]);
      expect(users(last)).toEqual([{ username: name, sudo }]);
    });

  it('a Persian verb before "esme" never gets sudo', async () => {
    const { last } = await dialogue(DESK, ["user besaz be esme kian ba sudo"]);
    expect(JSON.stringify(last)).not.toContain('"username":"besaz"');
  });

  for (const [line, name, sudo] of [
    ["user esme with sudo", "esme", true],
    ["add user esme", "esme", false],
    ["a user called admin", "admin", false],
  ] as const)
    it(`"${line}": a name that is an introducer elsewhere stays the name`, async () => {
      const { last } = await dialogue(DESK, [line]);
      expect(users(last)).toEqual([{ username: name, sudo }]);
    });

  it('"full name" is the person\'s full name, not the login', async () => {
    const { last } = await dialogue(DESK, ["user omar, full name Omar Haddad"]);
    expect(users(last)).toEqual([{ username: "omar", sudo: false }]);
  });
});
