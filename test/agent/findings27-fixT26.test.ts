import { describe, expect, it } from "vitest";
import { describeOutcome } from "../../agent/session/describe.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 26 (fixT26): people and words read as the wrong thing (tester 26 W1, D2, W2, W5, W7).
 * - "give X sudo" names the person who gets it: the grant, not the sudo recipe;
 * - a "no sudo" follows a rename of the planned user;
 * - "grandpa" is one name; a city beside locale words is the time zone; a filesystem word after a
 *   hostname turn is a filesystem; "X is not a user" / "no user X" take planned X out;
 * - taking sudo away keeps the account, without sudo;
 * - renames in other words: "not mike, mikey", "mike -> mikey", "change the username to mikey".
 * Safety side: "install sudo" stays the recipe; a refusal wins over a grant under the new name; no
 * other account is dropped for an objection; "make it happen" renames nobody.
 */
const facts = (name: string) => inferLiveMedium(fixtureFacts(`findings27-fixT26-${name}`));
const BLANK = facts("two-blank"); // blank sda Samsung, blank sdb Crucial, the live stick sdc
const PHOTOS = facts("desktop-photos"); // blank nvme, 4 TB photos disk
const WIN = facts("laptop-win-free"); // Windows + 300 GB free

type Step = { tool: string; args: Record<string, unknown> };
const users = (pending: readonly Step[]) =>
  pending.flatMap((c) => (c.tool === "createUser" ? [`${c.args.username}:${c.args.sudo}`] : []));
const recipes = (pending: readonly Step[]) =>
  pending.flatMap((c) => (c.tool === "installRecipe" ? [String(c.args.name)] : []));

describe("W1: give X sudo is the grant to X", () => {
  for (const line of [
    "give jake sudo",
    "give jake sudo too",
    "give jake admin",
    // the same shape in other words
    "grant jake sudo",
    "pls give jake sudo",
    "ok give jake full sudo",
    "and give him sudo",
  ])
    it(`"${line}" gives jake sudo`, async () => {
      const { conv } = await dialogue(BLANK, ["use sdb", "user jake", line]);
      expect(users(conv.pending)).toEqual(["jake:true"]);
      expect(recipes(conv.pending)).toEqual([]);
    });

  for (const line of ["install sudo", "add sudo", "also install sudo"])
    it(`"${line}" (no person) stays the recipe`, async () => {
      const { conv } = await dialogue(BLANK, ["use sdb", "user jake", line]);
      expect(recipes(conv.pending)).toEqual(["sudo"]);
      expect(users(conv.pending)).toEqual(["jake:false"]);
    });

  it("a refused person is asked about, never given sudo on a bare give", async () => {
    const { conv, last } = await dialogue(PHOTOS, [
      "the ssd",
      "users mom and dad, dad is admin, mom NOT admin",
      "give mom sudo",
    ]);
    expect("reply" in last && last.reply).toMatch(/should not have sudo/);
    expect(users(conv.pending)).toContain("mom:false");
  });

  it('"give mom sudo after all" releases the refusal and gives it', async () => {
    const { conv } = await dialogue(PHOTOS, [
      "the ssd",
      "users mom and dad, dad is admin, mom NOT admin",
      "give mom sudo after all",
    ]);
    expect(users(conv.pending)).toContain("mom:true");
  });
});

describe("D2: a no-sudo follows the rename", () => {
  for (const grant of ["make timmy admin", "give timmy sudo", "timmy with sudo", "timmy should have sudo"])
    it(`rename tim to timmy, then "${grant}": refused`, async () => {
      const { conv } = await dialogue(BLANK, [
        "use sdb",
        "users tim and jon, tim no sudo",
        "rename tim to timmy",
        grant,
      ]);
      expect(users(conv.pending)).toContain("timmy:false");
      expect(users(conv.pending)).not.toContain("timmy:true");
      expect(conv.protections).toContainEqual(expect.objectContaining({ kind: "sudo", username: "timmy" }));
      expect(conv.protections).not.toContainEqual(expect.objectContaining({ kind: "sudo", username: "tim" }));
    });

  it('the kept line names the new name; "rename tim to timmy with sudo" keeps the refusal', async () => {
    const { conv } = await dialogue(BLANK, [
      "use sdb",
      "users tim and jon, tim no sudo",
      "rename tim to timmy with sudo",
    ]);
    expect(users(conv.pending)).toContain("timmy:false");
    const out = conv.record("call him tommy", {
      calls: [
        { tool: "createUser", args: { username: "tommy", sudo: false, shell: "/bin/bash", groups: [] } },
      ],
    });
    expect(describeOutcome(out, conv.pending, BLANK)).toMatch(/Kept: tommy without sudo/);
  });

  it("jon, never refused, keeps his grants through a rename", async () => {
    const { conv } = await dialogue(BLANK, ["use sdb", "user jon with sudo", "rename jon to john"]);
    expect(users(conv.pending)).toEqual(["john:true"]);
  });
});

describe("W2: words turned into users or hostnames", () => {
  for (const [line, want] of [
    ["create user grandpa", ["grandpa:false"]],
    ["create user grandma", ["grandma:false"]],
    ["add user grandad", ["grandad:false"]],
    ["create mom and dad", ["mom:false", "dad:false"]],
  ] as const)
    it(`"${line}" is ${want.join(", ")}`, async () => {
      const { conv } = await dialogue(BLANK, ["use sdb", line]);
      expect(users(conv.pending)).toEqual(want);
    });

  for (const line of [
    "user max sudo, berlin, german kb",
    "ok im in a hurry. nvme, btrfs, user max sudo, berlin, german kb, add btop fzf zoxide, hostname max-pc, photos disk stays. go",
    // other cities, other locale words
    "user max sudo, paris, french keyboard",
    "user max with sudo, tokyo, japanese keyboard",
  ])
    it(`"${line}": the city is the time zone`, async () => {
      const { conv } = await dialogue(PHOTOS, [line]);
      expect(users(conv.pending)).toEqual(["max:true"]);
      const loc = conv.pending.find((c) => c.tool === "setLocale");
      expect(loc?.args.timezone).toMatch(/\//);
    });

  for (const line of ["user paris, german kb", "a user called berlin, german keyboard"])
    it(`"${line}": a city put where a name goes stays the name`, async () => {
      const { conv } = await dialogue(PHOTOS, [line]);
      expect(users(conv.pending)[0]).toMatch(/^(paris|berlin):false$/);
    });

  for (const fs of ["zfs pls", "ok xfs then", "xfs", "btrfs", "ext4 actually"])
    it(`"${fs}" after a hostname turn is no hostname`, async () => {
      const { conv } = await dialogue(BLANK, ["use sdb", "call it atlas", "actually call it zeus", fs]);
      expect(conv.pending.find((c) => c.tool === "setHostname")?.args.hostname).toBe("zeus");
    });

  for (const line of [
    "berlin is the timezone not a user!!",
    "no user berlin",
    "berlin is not a user",
    "no user berlin. time zone berlin",
    // other words
    "berlin is a city, not a person",
    "berlin isn't a user lol",
    "dont create user berlin",
  ])
    it(`"${line}" takes planned berlin out, max stays`, async () => {
      const { conv } = await dialogue(PHOTOS, ["nvme, user max sudo, user berlin", line]);
      expect(users(conv.pending)).toEqual(["max:true"]);
    });

  it('"no user berlin. time zone berlin" also sets the zone', async () => {
    const { conv } = await dialogue(PHOTOS, [
      "nvme, user max sudo, user berlin",
      "no user berlin. time zone berlin",
    ]);
    expect(conv.pending.find((c) => c.tool === "setLocale")?.args.timezone).toBe("Europe/Berlin");
  });

  it("an objection about someone not planned drops no one else", async () => {
    const { conv } = await dialogue(WIN, [
      "install it next to windows",
      "user: stud3nt, with sudo",
      "python is a program not a user",
    ]);
    expect(users(conv.pending)).toEqual(["stud3nt:true"]);
  });

  for (const line of ["mom is the admin, not a user", "mom isnt an admin just a user", "mom is a user"])
    it(`"${line}" drops nobody`, async () => {
      const { conv } = await dialogue(PHOTOS, ["nvme, users mom and dad", line]);
      expect(
        users(conv.pending)
          .map((u) => u.split(":")[0])
          .sort(),
      ).toEqual(["dad", "mom"]);
    });
});

describe("W5: taking sudo away keeps the account", () => {
  for (const line of [
    "mike shouldnt be admin",
    "actually mike shouldnt be admin, make user boss admin instead",
    "mike no sudo",
    "take away mikes sudo",
    // other words
    "actually no admin for mike",
    "mike doesnt need sudo",
  ])
    it(`"${line}": mike stays, without sudo`, async () => {
      const { conv } = await dialogue(BLANK, ["use sdb", "user mike with sudo", line]);
      expect(users(conv.pending)).toContain("mike:false");
      expect(users(conv.pending)).not.toContain("mike:true");
    });

  it('"other way round. anna no sudo, sam admin": anna stays without sudo, sam refused', async () => {
    const { conv } = await dialogue(WIN, [
      "dual boot w windows, encrypted btrfs. users: sam (no sudo!) and anna (admin)",
      "oh wait other way round. anna no sudo, sam admin",
    ]);
    expect(users(conv.pending).sort()).toEqual(["anna:false", "sam:false"]);
  });

  it("the reply says the account stays", async () => {
    const { conv } = await dialogue(BLANK, ["use sdb", "user mike with sudo"]);
    const out = conv.record("take away mikes sudo", { reply: "Go ahead with the plan? (yes/no)" });
    expect(describeOutcome(out, conv.pending, BLANK)).toMatch(/mike stays in the plan, without sudo/);
  });
});

describe("W7: renames in other words", () => {
  for (const line of [
    "not mike, mikey",
    "change the username to mikey",
    "mike -> mikey",
    "make that mikey",
    // other words
    "not mike but mikey",
    "mike => mikey",
    "set the username to mikey pls",
    "change his name to mikey",
    "make it mikey instead",
  ])
    it(`"${line}" renames mike, keeping his sudo`, async () => {
      const { conv } = await dialogue(BLANK, ["use sdb", "user mike with sudo", line]);
      expect(users(conv.pending)).toEqual(["mikey:true"]);
    });

  for (const line of [
    "make it happen",
    "make that quick",
    "make it btrfs",
    "make that bigger",
    "not mike, bob and",
  ])
    it(`"${line}" renames nobody`, async () => {
      const { conv, last } = await dialogue(BLANK, ["use sdb", "user mike with sudo", line]);
      expect("calls" in last && last.calls.some((c) => c.tool === "createUser")).toBe(false);
      expect(users(conv.pending).filter((u) => !u.startsWith("mike:"))).toEqual([]);
    });
});
