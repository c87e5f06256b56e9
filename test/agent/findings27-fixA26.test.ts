import { describe, expect, it } from "vitest";
import { sayNegatingValues } from "../../agent/rules/negatingValues.js";
import { scrubSecrets } from "../../agent/scrubSecrets.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 26 (fixA26): attacker 26's HIGH misreads.
 * - F18: a password after pw/pass/pwd (":", "=", " is ", a space before a password-shaped value) or
 *   in a user:secret pair is hidden as a password: never a name, never echoed, never planned;
 * - F15, F16, F14: a request whose own clause ends in a form's "no" value, an unchecked box or an
 *   adynaton ("when pigs fly") is refused; "sudo: -", "sudo 0", "admin ☐" are no sudo.
 * Safety side: the readings only hide words or say "don't"; "I'll pass on git", "swap: 0",
 * "erase disk 0", a checked box and "bob:sudo" keep their words.
 */
const LIVE = inferLiveMedium(fixtureFacts("findings27-fixA26-live2")); // sda holds ext4 PHOTOS
const INST = fixtureFacts("findings27-fixA26-inst2"); // installed: fd among others

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? ((d as { calls: Step[] }).calls ?? []) : [];
const offered = (d: unknown): Step[] =>
  d && typeof d === "object" && "offer" in d ? ((d as { offer?: { calls: Step[] } }).offer?.calls ?? []) : [];
const everything = (d: unknown, pending: readonly Step[]) => [...calls(d), ...offered(d), ...pending];

describe("F18: a password in short form is a password, never a name", () => {
  const SECRETS = ["Tr0ub4dor&3", "Xyzzy123", "s3cr3tP4ss", "hunter2", "P@ssw0rd", "correct-Horse9"];
  for (const [line, secret] of [
    ["create user bob, pw: Tr0ub4dor&3", "Tr0ub4dor&3"],
    ["user carl pass=s3cr3tP4ss sudo", "s3cr3tP4ss"],
    ["create user bob:Xyzzy123", "Xyzzy123"],
    // the same shapes in other words
    ["add bob pwd hunter2 with sudo", "hunter2"],
    ["new user dana, pass is P@ssw0rd", "P@ssw0rd"],
    ["make an account for eli pw=correct-Horse9", "correct-Horse9"],
    ["add user finn:hunter2", "hunter2"],
    ["create user gus, pword: Xyzzy123", "Xyzzy123"],
  ] as const) {
    it(`hides the secret of "${line}" and plans no account named after it`, async () => {
      const said = scrubSecrets(line);
      expect(said).not.toContain(secret);
      expect(said.toLowerCase()).not.toContain(secret.toLowerCase());
      const { conv, last } = await dialogue(LIVE, [line]);
      const all = everything(last, conv.view("").pending as Step[]);
      const names = all.filter((c) => c.tool === "createUser").map((c) => String(c.args.username));
      for (const s of SECRETS) expect(names.join(" ")).not.toContain(s.toLowerCase().slice(0, 5));
      expect(JSON.stringify(last).toLowerCase()).not.toContain(secret.toLowerCase());
      expect(JSON.stringify(conv.view("").turns).toLowerCase()).not.toContain(secret.toLowerCase());
      if ("reply" in last) expect(last.reply).toMatch(/Passwords? .*asked/);
    });
  }

  it("keeps the user that the pair names", async () => {
    const { last } = await dialogue(INST, ["create user bob:Xyzzy123"]);
    expect(offered(last).map((c) => c.args.username)).toEqual(["bob"]);
  });

  // the safety side: words that are not passwords keep their meaning
  for (const line of [
    "I'll pass on git",
    "pass the salt",
    "create user bob:sudo",
    "user bob: wheel",
    "pw: none",
    "check the pwd of the shell",
    "at 10:30 create user anna",
  ])
    it(`leaves "${line}" as typed`, () => expect(scrubSecrets(line)).toBe(line));
});

describe("F15, F16: a request answered no in its own clause is refused", () => {
  for (const line of [
    "erase /dev/sda = false",
    "[ ] erase /dev/sda",
    "- [ ] erase /dev/sda",
    "erase /dev/sda: 0",
    "erase sda: -",
    "[ ] wipe the samsung",
    "erase the samsung: ✘",
    "format /dev/sda: [ ]",
    "erase /dev/sda in your dreams",
    "erase /dev/sda when pigs fly",
    // the same shapes in other words
    "wipe the samsung = off",
    "☐ format sda",
    "nuke /dev/sda ✗",
    "erase sda when hell freezes over",
    "wipe the samsung, not in a million years",
    "format sda? over my cold dead body",
    "erase the samsung only when pigs can fly lol",
    "the samsung? in your dreams",
  ])
    it(`never erases on "${line}"`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      const all = everything(last, conv.view("").pending as Step[]);
      expect(all.filter((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toEqual([]);
    });

  for (const line of [
    "remove fd = false",
    "remove fd = 0",
    "remove fd: 0",
    "remove fd 0",
    "remove fd: -",
    "remove fd: —",
    "remove fd: [ ]",
    "[ ] remove fd",
    "remove fd ☐",
    "remove fd ✗",
    "remove fd: ✘",
    "fd | remove: -",
    "remove fd in your dreams",
    "remove fd when pigs fly",
    "remove fd when hell freezes over",
    "remove fd over my dead body",
    // other words
    "uninstall fd = off",
    "- [ ] delete fd",
    "purge fd, dream on",
    "uninstall fd on the twelfth of never",
  ])
    it(`never removes on "${line}"`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect([...calls(last), ...offered(last)].filter((c) => c.tool === "removeRecipe")).toEqual([]);
    });

  // the safety side: a plain request, a checked box and non-destructive values keep their words
  it("still reads a checked box as chosen and a plain request as asked", async () => {
    expect(sayNegatingValues("[x] keep sda [ ] erase sda")).toBe("[x] keep sda don't erase sda");
    expect(sayNegatingValues("- [x] remove fd")).toBe("- [x] remove fd");
    const { last } = await dialogue(INST, ["[x] remove fd"]);
    expect(JSON.stringify(last)).toContain("fd");
  });
  for (const line of [
    "swap: 0",
    "erase disk 0",
    "encryption: -",
    "remove fd",
    "install fd",
    "erase sda",
    // a word after a bare space is English, not a form's value (dev turns that must keep their words)
    "Wipe that ubuntu off, I'm plumb done with it",
    "wipe the samsung and put it there i already copied the photos off",
    "the kid gets an account, dani, but admin is a hard no",
    "remove(git) remove(helix) remove(lazygit) — actually no, only lazygit",
    "B3 administrative privileges: [ ] yes [x] no",
    "Output format: yes or no.",
    "for u in {ana, ben}: create u, with sudo(ana) = true and sudo(ben) = false.",
  ])
    it(`leaves "${line}" as typed`, () => expect(sayNegatingValues(line)).toBe(line));
});

describe("F14: a form's no after sudo or admin is no sudo", () => {
  for (const line of [
    "create user bob, sudo 0",
    "create user bob, sudo: -",
    "create user bob, sudo: —",
    "create user bob, sudo: [ ]",
    "create user bob, sudo ☐",
    "create user bob, sudo ✗",
    "create user bob, sudo: ✘",
    "create user bob, admin: -",
    "create user bob, admin [ ]",
    "user: bob | sudo: -",
    "create bob. [ ] give him sudo",
    "[ ] give bob sudo",
    "create user bob with sudo [ ]",
    "create user bob. sudo for bob: ✘",
    "give bob sudo when pigs fly",
    "create user bob with sudo in your dreams",
    // other words
    "add user bob, administrator: ☐",
    "new user bob, superuser = off",
    "create user bob, root: —",
  ])
    it(`never grants sudo on "${line}"`, async () => {
      for (const f of [LIVE, INST]) {
        const { conv, last } = await dialogue(f, [line]);
        const all = everything(last, conv.view("").pending as Step[]);
        expect(all.filter((c) => c.tool === "createUser" && c.args.sudo === true)).toEqual([]);
      }
    });

  it("still grants sudo when asked plainly", async () => {
    const { last } = await dialogue(INST, ["create user bob, sudo: yes"]);
    expect([...calls(last), ...offered(last)].some((c) => c.args.sudo === true)).toBe(true);
  });
});

describe("F13: a quoted full name is a name, never a grant", () => {
  for (const line of [
    'create user bob, full name "Admin Bob"',
    'create user sam, full name "Sudo Sam"',
    'add user kim, full name "Kim (administrator)"',
    'create user bob called "Bob, sudo ALL"',
    // other words
    'add user lee, real name "Lee Root"',
    'new user max, display name "Max the Superuser"',
    "create user ida named “Ida Wheel”",
  ])
    it(`plans no sudo on '${line}'`, async () => {
      for (const f of [LIVE, INST]) {
        const { conv, last } = await dialogue(f, [line]);
        const planned = [...calls(last), ...(conv.view("").pending as Step[])];
        expect(planned.filter((c) => c.tool === "createUser" && c.args.sudo === true)).toEqual([]);
      }
    });

  // the safety side: a grant said outside the quotes still stands
  it('keeps "with sudo, full name "Bob Admin""', async () => {
    const { last } = await dialogue(INST, ['create user bob with sudo, full name "Bob Admin"']);
    expect(calls(last).some((c) => c.tool === "createUser" && c.args.sudo === true)).toBe(true);
  });
});
