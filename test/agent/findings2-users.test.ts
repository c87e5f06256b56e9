import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { chatTranscript } from "./helpers/chat.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Users and sudo in the second user findings (issue 14, /work/lead/user-findings2.md D4-D6 and
 * the user items of WRONG): the tester's sentences, and variants of each class in no data set.
 */

const TWO_DISKS = fixtureFacts("live-samsung-wd");
const INSTALLED = fixtureFacts("installed-lena");

const users = (pending: readonly PlanCall[]) =>
  pending.flatMap((c) => (c.tool === "createUser" ? [{ username: c.args.username, sudo: c.args.sudo }] : []));

/** Every call the decision would add, offered ones included. */
function proposed(d: Decision): PlanCall[] {
  if ("calls" in d) return d.calls;
  if ("reply" in d && d.offer) return d.offer.calls;
  return [];
}

describe("D4: the word before 'with sudo' is no new user", () => {
  for (const [line, who] of [
    // the tester's
    ["use the nvme. user tim, absolutely with sudo", "tim"],
    ["use the nvme. user vince, the usual with sudo", "vince"],
    ["use the nvme. user tim, of course with sudo", "tim"],
    ["use the nvme. user tim, obviously with sudo", "tim"],
    ["use the nvme. user tim, ideally with sudo", "tim"],
    ["use the nvme. user tim, probably with sudo", "tim"],
    // variants in no data set
    ["use the nvme, create user ines, honestly with sudo", "ines"],
    ["use the nvme, add user pablo, basically with admin rights", "pablo"],
    ["use the nvme, user greta, certainly with sudo", "greta"],
    ["use the nvme, user omar, naturally with sudo", "omar"],
  ] as const) {
    it(`"${line}" gives ${who} sudo and creates nobody else`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [line]);
      expect(users(conv.pending)).toEqual([{ username: who, sudo: true }]);
    });
  }
  for (const line of ["add btop, sudo changes are fine", "add btop. the usual with sudo"]) {
    it(`"${line}" (installed, nobody named) creates no user`, async () => {
      const { conv, last } = await dialogue(INSTALLED, [line]);
      expect(proposed(last).filter((c) => c.tool === "createUser")).toEqual([]);
      expect(users(conv.pending)).toEqual([]);
    });
  }
  it("names that look like adverbs stay names (emily, kelly, beverly, shelly)", async () => {
    for (const name of ["emily", "kelly", "beverly", "shelly"]) {
      const { conv } = await dialogue(TWO_DISKS, [`use the nvme, add user ${name} with sudo`]);
      expect(users(conv.pending)).toEqual([{ username: name, sudo: true }]);
    }
  });
  for (const [line, who] of [
    ["give lenas account sudo", "lena"],
    ["lenas account needs sudo", "lena"],
    ["make lenas user an admin", "lena"],
    ["noras account should have sudo", "nora"],
  ] as const) {
    it(`"${line}": a possessive without its apostrophe is about ${who}`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [`use the nvme, user ${who}`, line]);
      expect(users(conv.pending)).toEqual([{ username: who, sudo: true }]);
    });
  }
  it("'give lenas account sudo' after 'no sudo for lena' is refused, and no admin 'lenas' appears", async () => {
    const { conv, last } = await dialogue(TWO_DISKS, [
      "use the nvme, user lena, no sudo for lena",
      "give lenas account sudo",
    ]);
    expect(proposed(last).some((c) => c.tool === "createUser" && c.args.sudo)).toBe(false);
    expect(users(conv.pending)).toEqual([{ username: "lena", sudo: false }]);
    expect("reply" in last && last.reply).toMatch(/should not have sudo/);
  });
});

describe("D5: 'let mike run admin stuff' after 'no sudo for mike' creates no admin", () => {
  for (const [setup, line] of [
    ["use the nvme, btrfs, user mike no sudo", "let mike run admin stuff"],
    ["use the nvme, user mike no sudo", "let mike do admin stuff"],
    ["use the nvme, user mike no sudo", "let mike use sudo"],
    ["use the nvme, user mike, no admin for mike", "mike needs to run admin tasks"],
    ["use the nvme, user mike without sudo", "let mike manage things as admin"],
  ] as const) {
    it(`"${line}"`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [setup, line]);
      expect(proposed(last).some((c) => c.tool === "createUser" && c.args.sudo)).toBe(false);
      expect(users(conv.pending)).toEqual([{ username: "mike", sudo: false }]);
    });
  }
  it("an unprotected user still gets it ('let sam do admin stuff')", async () => {
    const { conv } = await dialogue(TWO_DISKS, ["use the nvme, add user sam", "let sam do admin stuff"]);
    expect(users(conv.pending)).toEqual([{ username: "sam", sudo: true }]);
  });
});

describe("WRONG: adverbs and verbs are not users refused sudo either", () => {
  for (const [line, who] of [
    ["use the nvme, user tim, definitely no sudo", "tim"],
    ["use the nvme. make a user for my kid, name is tim, absolutely no admin rights", "tim"],
    ["use the nvme, create user oscar, seriously no admin", "oscar"],
  ] as const) {
    it(`"${line}" keeps ${who} (only) without sudo`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [line]);
      expect(users(conv.pending)).toEqual([{ username: who, sudo: false }]);
      expect(conv.protections.filter((p) => p.kind === "sudo")).toEqual([
        expect.objectContaining({ username: who }),
      ]);
    });
  }
  it("'no sudo for her' right after 'user lena' in the same turn protects lena, not the last user", async () => {
    const { conv } = await dialogue(TWO_DISKS, [
      "use the nvme. user tim, absolutely with sudo",
      "user lena, definitely no sudo for her",
    ]);
    expect(
      conv.protections.filter((p) => p.kind === "sudo").map((p) => p.kind === "sudo" && p.username),
    ).toEqual(["lena"]);
    expect(users(conv.pending)).toEqual([
      { username: "tim", sudo: true },
      { username: "lena", sudo: false },
    ]);
  });
  it("'take away lenas admin' protects lena and names no user 'take'", async () => {
    const { conv } = await dialogue(TWO_DISKS, [
      "use the nvme, user lena with sudo",
      "take away lenas admin",
    ]);
    expect(users(conv.pending)).toEqual([{ username: "lena", sudo: false }]);
    expect(conv.protections.every((p) => p.kind !== "sudo" || p.username === "lena")).toBe(true);
  });
});

const chat = chatTranscript;

describe("D6: 'yes' to the login question never starts the install", () => {
  for (const yes of ["yes", "yes please", "sure"]) {
    it(`"${yes}" to "Should anna get sudo?" gives anna sudo (and nothing runs)`, async () => {
      const { out } = await chat(TWO_DISKS, ["use the nvme, user anna", "yes", yes]);
      expect(out).toContain("Should anna get sudo?");
      expect(out).toContain("Changed: create user anna with sudo");
      expect(out).not.toContain("Dry run: nothing was changed.");
    });
  }
  it("'no' to it, then yes, installs with anna as she is", async () => {
    const { out } = await chat(TWO_DISKS, ["use the nvme, user anna", "yes", "no", "yes"]);
    expect(out).toContain("Dry run: nothing was changed.");
    expect(out).not.toContain("create user anna with sudo (password");
  });
  it("with no user, 'yes' is no answer to 'who?': it asks again and nothing runs", async () => {
    const { out } = await chat(TWO_DISKS, ["use the nvme", "yes", "yes", "ok"]);
    // a yes gets one line on what the question needs: never the same reply twice in a row
    // (tester 15 W9, findings20-answers)
    expect(out.match(/Who should have sudo\?/g)?.length).toBe(3);
    expect(out).toContain("A yes names nobody");
    expect(out).not.toContain("Dry run: nothing was changed.");
  });
  it("a name after 'who?' fixes it; 'nobody' then yes goes on", async () => {
    const fixed = await chat(TWO_DISKS, ["use the nvme", "yes", "create user bo with sudo", "yes"]);
    expect(fixed.out).toContain("Dry run: nothing was changed.");
    const nobody = await chat(TWO_DISKS, ["use the nvme", "yes", "nobody", "yes"]);
    expect(nobody.out).toContain("OK, nobody gets sudo");
    expect(nobody.out).toContain("Dry run: nothing was changed.");
  });
  it("a user refused sudo is never the one offered it", async () => {
    const { out } = await chat(TWO_DISKS, ["use the nvme, user anna no sudo", "yes", "yes"]);
    expect(out).not.toContain("Should anna get sudo?");
    expect(out).not.toContain('"create user anna with sudo"');
    expect(out).not.toContain("Dry run: nothing was changed.");
  });
});

describe("WRONG: a removal elsewhere in the turn is no deletion of a user", () => {
  it("'create user kim, no sudo. also remove htop' (installed) plans both", async () => {
    const { conv } = await dialogue(INSTALLED, ["create user kim, no sudo. also remove htop"]);
    expect(conv.pending.map((c) => c.tool).sort()).toEqual(["createUser", "removeRecipe"]);
  });
  it("'no wait drop bat, and forget the user' drops both planned steps", async () => {
    const { conv } = await dialogue(TWO_DISKS, [
      "use the nvme, user vince with sudo, add bat",
      "no wait drop bat, and forget the user",
    ]);
    expect(conv.pending.map((c) => c.tool)).toEqual(["partitionDisk"]);
  });
  it("'add user ines, then uninstall git' (installed) creates ines and removes git", async () => {
    const { conv } = await dialogue(INSTALLED, ["add user ines, then uninstall git"]);
    expect(conv.pending.map((c) => c.tool).sort()).toEqual(["createUser", "removeRecipe"]);
  });
  for (const line of ["remove user lena", "delete the root user", "remove lena", "remove all users"]) {
    it(`"${line}" (installed) is still refused: no tool deletes users`, async () => {
      const { conv, last } = await dialogue(INSTALLED, [line]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last && last.reply).toMatch(/can't delete users/);
    });
  }
});

describe("WRONG: naming a user who exists does not block the request", () => {
  for (const line of [
    "no sudo for lena. create user max with sudo",
    "create user max with sudo, not lena though",
    "lena stays a normal user, add user max with sudo",
  ]) {
    it(`"${line}" (installed, lena exists) creates max with sudo`, async () => {
      const { conv } = await dialogue(INSTALLED, [line]);
      expect(users(conv.pending)).toEqual([{ username: "max", sudo: true }]);
    });
  }
  it("'give lena sudo' (lena exists) says no tool changes an existing user, and how to do it", async () => {
    const { conv, last } = await dialogue(INSTALLED, ["give lena sudo"]);
    expect(conv.pending).toEqual([]);
    expect("reply" in last && last.reply).toMatch(/can't change an existing user.*usermod -aG wheel lena/);
  });
  it("'create user lena' (lena exists) still says the name is taken", async () => {
    const { last } = await dialogue(INSTALLED, ["create user lena"]);
    expect("reply" in last && last.reply).toMatch(/lena already exists/);
  });
});

describe("WRONG: a password in the chat is refused, and the rest of the turn is still read", () => {
  for (const [line, tools] of [
    ["use the nvme, user bob with sudo, his password is fakepass123", ["partitionDisk", "createUser"]],
    ["use the nvme and encrypt it, passphrase correcthorse", ["partitionDisk"]],
    ["create user ida. her password should be s3cret!", ["createUser"]],
  ] as const) {
    it(`"${line}" offers ${tools.join(" + ")}, never says the password, and yes adds them`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [line]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last && last.reply).toMatch(/Passwords never go through the chat/);
      expect(JSON.stringify(last)).not.toMatch(/fakepass123|correcthorse|s3cret/);
      expect(proposed(last).map((c) => c.tool)).toEqual(tools);
      const { conv: after } = await dialogue(TWO_DISKS, [line, "yes"]);
      expect(after.pending.map((c) => c.tool)).toEqual(tools);
    });
  }
  it("a password alone is refused and plans nothing", async () => {
    const { conv, last } = await dialogue(TWO_DISKS, ["my password is hunter2"]);
    expect(conv.pending).toEqual([]);
    expect(proposed(last)).toEqual([]);
  });
});
