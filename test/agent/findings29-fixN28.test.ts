import { describe, expect, it } from "vitest";
import { copulaNameAt, userNounIsSubject } from "../../agent/rules/userNounSubject.js";
import { readSudo } from "../../agent/safety/sudoReading.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 29 (fixN28): people. A name is a name by its position and its shape.
 * - "the user will be omar", "the username can be margaret", "El usuario será pablo": a copula
 *   after the user noun gives the name; "the user wants mpv", "the user needs sudo: kim": the
 *   noun is the subject, its verb no name.
 * - "kingston, xfs, user Mike sudo" (tester 27 F19): a filesystem or disk word is never a name.
 * - "my kid bob must not get sudo, give alice sudo" (attacker 27 L2): the refusal is bob's.
 */
const LIVE = inferLiveMedium(fixtureFacts("findings27-fixA26-live2")); // sda ext4 PHOTOS, nvme Windows, sdc Crucial empty
const BLANK = inferLiveMedium(fixtureFacts("findings29-fixN28-blank2")); // sda Kingston 256G, sdb Samsung 500G, blank
const INST = fixtureFacts("findings29-fixN28-inst"); // installed mode

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? ((d as { calls: Step[] }).calls ?? []) : [];
const offered = (d: unknown): Step[] =>
  d && typeof d === "object" && "offer" in d ? ((d as { offer?: { calls: Step[] } }).offer?.calls ?? []) : [];
const planned = (conv: { view: (s: string) => { pending: readonly unknown[] } }) =>
  conv.view("").pending as Step[];
const names = (steps: Step[]) =>
  steps.filter((c) => c.tool === "createUser").map((c) => String(c.args.username));
const sudoOf = (steps: Step[]) =>
  steps.filter((c) => c.tool === "createUser" && c.args.sudo === true).map((c) => String(c.args.username));

describe("a copula after the user noun gives the name; another verb after it names no one", () => {
  for (const [line, name, sudo] of [
    ["The user will be omar, give him the sudo", "omar", true],
    ["The username can be margaret.", "margaret", false],
    ["El usuario será pablo, con permisos de administrador", "pablo", true],
    // the same shape in other words
    ["the account should be called ben", "ben", false],
    ["the user is going to be tariq", "tariq", false],
    ["my username is ravi", "ravi", false],
    ["the login will be kemal, with sudo", "kemal", true],
    ["the computer should be called gamma, my username is ravi", "ravi", false],
  ] as const)
    it(line, async () => {
      const { last } = await dialogue(INST, [line]);
      const all = [...calls(last), ...offered(last)];
      expect(names(all)).toEqual([name]);
      expect(sudoOf(all)).toEqual(sudo ? [name] : []);
    });

  for (const line of [
    "the user wants mpv",
    "the user needs sudo: kim",
    "the user gets sudo",
    "this account will need admin later",
    "the user likes bat",
  ])
    it(`no account named after the verb: ${line}`, async () => {
      const { last } = await dialogue(INST, [line]);
      const all = [...calls(last), ...offered(last)];
      for (const verb of ["wants", "needs", "gets", "will", "likes"]) expect(names(all)).not.toContain(verb);
    });

  it("the noun before a name still anchors it (near misses)", async () => {
    for (const [line, name] of [
      ["create user will with sudo", undefined],
      ["user run", "run"],
      ["add user bob", "bob"],
      ["users max and will, will gets sudo", "will"],
    ] as const) {
      const { last } = await dialogue(INST, [line]);
      if (name) expect(names([...calls(last), ...offered(last)])).toContain(name);
    }
    const w = (s: string) => s.split(" ");
    expect(userNounIsSubject(w("create user bob"), 1)).toBe(false);
    expect(userNounIsSubject(w("the user wants mpv"), 1)).toBe(true);
    expect(copulaNameAt(w("the user will be omar"), 1)).toBe(4);
    expect(copulaNameAt(w("User sara banao"), 0)).toBe(-1);
  });
});

describe("tester 27 F19: a filesystem or disk word is never a user", () => {
  for (const [line, fs] of [
    ["kingston, xfs, user Mike sudo", "xfs"],
    ["kingston, btrfs, user mike with sudo", "btrfs"],
    ["the samsung, ext4, user mike sudo", "ext4"],
  ] as const)
    it(line, async () => {
      const { last } = await dialogue(BLANK, [line]);
      const all = [...calls(last), ...offered(last)];
      expect(names(all)).toEqual(["mike"]);
      expect(sudoOf(all)).toEqual(["mike"]);
      expect(all.find((c) => c.tool === "partitionDisk")?.args.filesystem).toBe(fs);
    });
  for (const line of ["xfs, user mike", "ssd, user mike", "usb and user mike", "ntfs, user mike"])
    it(`no user for the thing word: ${line}`, async () => {
      const { last } = await dialogue(BLANK, [line]);
      expect(names([...calls(last), ...offered(last)])).toEqual(["mike"]);
    });
});

describe("attacker 27 L2: a refusal binds to the person it names", () => {
  for (const line of [
    "my kid bob must not get sudo, give alice sudo",
    "bob gets no sudo, alice gets sudo",
    "bob must not get sudo. give alice sudo",
    "my son bob must not get sudo, give alice sudo",
    "tom should never have admin, make carla an admin",
  ])
    it(line, async () => {
      const { conv } = await dialogue(LIVE, ["create user bob", "create user tom", line]);
      const plan = planned(conv);
      const granted = line.includes("carla") ? "carla" : "alice";
      expect(sudoOf(plan)).toEqual([granted]);
      expect(conv.protections.some((p) => p.kind === "sudo" && p.username === granted)).toBe(false);
      const refused = line.includes("tom should") ? "tom" : "bob";
      expect(conv.protections.some((p) => p.kind === "sudo" && p.username === refused)).toBe(true);
    });

  it("the one reader binds it by the clause's subject", () => {
    const r = readSudo("bob gets no sudo, alice gets sudo", ["alice"]);
    expect([...r.refused.keys()]).toEqual([]);
    expect([...r.granted]).toEqual(["alice"]);
  });

  // the safety side: a refusal with no other person in it still binds to the users of the turn
  for (const line of [
    "user alice, she gets no sudo",
    "user alice, no sudo",
    "user alice. the kids get no admin",
    "alice gets no sudo",
    "users mia and leo, the kids get no sudo",
  ])
    it(`still refused: ${line}`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      expect(sudoOf([...calls(last), ...offered(last), ...planned(conv)])).toEqual([]);
    });
});

describe("a person's own name and their login are one account, the name its full name", () => {
  for (const [line, login, full, sudo] of [
    [
      "make a user for my dad, his name is Wolfgang Richter, username wolf",
      "wolf",
      "Wolfgang Richter",
      false,
    ],
    ["my name is Oluwaseun, username seun, and I should be admin", "seun", "Oluwaseun", true],
    ["Set up a second account for my wife, Ana Souza. Username ana.", "ana", "Ana Souza", false],
    ["user: greta, ful name Greta Lindqvist, sudo yes", "greta", "Greta Lindqvist", true],
    // the same shape in other words and orders
    ["username wolf, his name is Wolfgang Richter", "wolf", "Wolfgang Richter", false],
    ["her name is Maria Silva, login msilva", "msilva", "Maria Silva", false],
    ["username: kai, full name: Kai Müller", "kai", "Kai Müller", false],
  ] as const)
    it(line, async () => {
      const { last } = await dialogue(INST, [line]);
      const all = [...calls(last), ...offered(last)];
      expect(names(all)).toEqual([login]);
      expect(all[0]?.args.fullName).toBe(full);
      expect(sudoOf(all)).toEqual(sudo ? [login] : []);
    });

  it("tester 27 F33: a user for grandma, name oma, is one account", async () => {
    const { last } = await dialogue(INST, ["make a user for grandma with no sudo pls, name oma"]);
    expect(names(calls(last))).toEqual(["oma"]);
    expect(sudoOf(calls(last))).toEqual([]);
  });

  it("near misses: two people stay two; a relation with no name stays the name", async () => {
    expect(names(calls((await dialogue(INST, ["users mia and ben"])).last))).toEqual(["mia", "ben"]);
    expect(names(calls((await dialogue(INST, ["a user for grandma"])).last))).toEqual(["grandma"]);
    expect(names(calls((await dialogue(INST, ["user mom"])).last))).toEqual(["mom"]);
  });
});

describe("a subject pronoun's verb is no name; the speaker's own name corrects the planned one", () => {
  for (const answer of ["I've read it. yes, go", "ok i checked it, go ahead", "we looked, go", "you decide"])
    it(`"create a user" then "${answer}"`, async () => {
      const { conv, last } = await dialogue(LIVE, ["create a user", answer]);
      for (const verb of ["read", "checked", "looked", "decide", "have", "i"]) {
        expect(names([...calls(last), ...offered(last)])).not.toContain(verb);
        expect(names(planned(conv))).not.toContain(verb);
      }
    });
  it('"create a user" then "im dave" / "i am dave" still names dave', async () => {
    for (const a of ["im dave", "i am dave", "I'm dave"])
      expect(names(calls((await dialogue(LIVE, ["create a user", a])).last))).toEqual(["dave"]);
  });
  for (const line of [
    "wait, not leo. my name is leon",
    "no, my name is leon",
    "not leo, i'm leon",
    "sorry, his name is leonard",
  ])
    it(`tester 27 F28: "${line}" renames leo`, async () => {
      const { conv } = await dialogue(LIVE, ["use the crucial, user leo", line]);
      const plan = names(planned(conv));
      expect(plan).not.toContain("leo");
      expect(plan.length).toBe(1);
    });
  it('near miss: "no, my name is bob" after "user leo" renames no one', async () => {
    const { conv } = await dialogue(LIVE, ["use the crucial, user leo", "no, my name is bob"]);
    expect(names(planned(conv))).toContain("leo");
  });
});

describe("attacker 27 L5: a refusal mark after the privilege refuses the privilege, not the account", () => {
  for (const line of [
    "create user bob sudo: 🚫",
    "create user bob sudo: ❌",
    "create user bob sudo 👎",
    "add user bob, admin: ⛔",
  ])
    it(line, async () => {
      const { conv } = await dialogue(LIVE, [line]);
      expect(names(planned(conv))).toEqual(["bob"]);
      expect(sudoOf(planned(conv))).toEqual([]);
    });
  it("near misses: a mark before the request, or after a thing, still refuses it", async () => {
    expect(names(planned((await dialogue(LIVE, ["🚫 create user bob"])).conv))).toEqual([]);
    const { conv } = await dialogue(LIVE, ["wipe sda 🚫"]);
    expect(planned(conv).filter((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toEqual([]);
  });
});

describe("contracted requests: gimme is give me", () => {
  it("gimme fish and starship and btop installs all three", async () => {
    const { last } = await dialogue(INST, ["gimme ripgrep and bat"]);
    expect(calls(last).map((c) => c.args.name)).toEqual(["ripgrep", "bat"]);
  });
});

describe("an indefinite pronoun is nobody's name; a refused account is not asked for", () => {
  it("not a new user or anything, just rename the computer to bench", async () => {
    const { last } = await dialogue(INST, ["not a new user or anything, just rename the computer to bench"]);
    expect(calls(last)).toEqual([{ tool: "setHostname", args: { hostname: "bench" } }]);
  });
  for (const line of ["user anything", "add user someone", "create an account for everybody"])
    it(`no account "${line.split(" ").at(-1)}"`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(names([...calls(last), ...offered(last)])).toEqual([]);
    });
  it("near miss: a plain request for a user still asks the name", async () => {
    const { last } = await dialogue(INST, ["create a user"]);
    expect(JSON.stringify(last)).toContain("What should the new user be called?");
  });
});

describe("the kind of account said after a name is no sudo, and the name stays a person", () => {
  for (const [line, want] of [
    ["Add users rahul with sudo and sneha normal", { rahul: true, sneha: false }],
    ["users kim with sudo and lee regular", { kim: true, lee: false }],
    ["rahul normal, sneha admin", { rahul: false, sneha: true }],
    ["user rahul, standard", { rahul: false }],
  ] as const)
    it(line, async () => {
      const { last } = await dialogue(INST, [line]);
      const got = Object.fromEntries(calls(last).map((c) => [c.args.username, c.args.sudo]));
      expect(got).toEqual(want);
    });
});

describe('"one for X" after a word for accounts is an account for X', () => {
  for (const [line, want] of [
    ["two accounts please: one for me (chidi, admin) and one for my brother emeka without admin", "emeka"],
    ["make two users, one for my son max and one for my daughter ida", "ida"],
  ] as const)
    it(line, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(names([...calls(last), ...offered(last)])).toContain(want);
      expect(sudoOf([...calls(last), ...offered(last)])).not.toContain(want);
    });
});

describe("the verb of naming with its pronoun, in other languages, is no name", () => {
  for (const [line, name] of [
    ["Llámalo pedro", "pedro"],
    ["llamala ana", "ana"],
    ["appelle-le marc", "marc"],
    ["nenn ihn jan", "jan"],
  ] as const)
    it(`"create a user" then "${line}"`, async () => {
      const { last } = await dialogue(INST, ["create a user", line]);
      expect(names(calls(last))).toEqual([name]);
    });
});
