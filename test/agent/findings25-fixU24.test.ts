import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 24, issue 14: accounts (createUser) read by the SHAPE of the turn where a recipe named sudo
 * exists (every fresh set since round 21 offers one). Sentences of our own, each class also in
 * other words, and the near misses that must not change. No sentence is from a data set.
 */
const LIVE = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 500107862016,
      model: "Samsung SSD 980 500GB",
      transport: "nvme",
      removable: false,
      mounted: false,
    },
  ],
  users: ["root", "lena"],
  hostname: "levitate",
  locale: "en_US.UTF-8",
  recipes: ["ripgrep", "fd", "bat", "btop", "jq", "fzf", "sudo", "networkmanager", "less", "tar", "grep"],
  installed: [],
});

/** The createUser calls of a decision (or of its offer), as "name:sudo". */
function users(d: Decision): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return calls.flatMap((c) =>
    c.tool === "createUser" ? [`${c.args.username}:${c.args.sudo === true}`] : [],
  );
}
const installsSudo = (d: Decision) =>
  "calls" in d && d.calls.some((c) => c.tool === "installRecipe" && c.args.name === "sudo");
const grants = (d: Decision) => users(d).some((u) => u.endsWith(":true"));

async function one(line: string, before: string[] = []): Promise<Decision> {
  return (await dialogue(LIVE, [...before, line])).last;
}

describe("sudo in a clause of its own is the account's privilege, not the program", () => {
  for (const [line, want] of [
    ["And a user, sartre, with sudo.", ["sartre:true"]],
    ["user tom, sudo.", ["tom:true"]],
    ["Task 4: user ada, sudo.", ["ada:true"]],
    ["user miles, he's the bandleader so he gets sudo", ["miles:true"]],
    ["Gary needs an account called gary. Gary is the boss, so Gary gets sudo.", ["gary:true"]],
    // the same shapes in other words
    ["Also a login, wren, with sudo.", ["wren:true"]],
    ["account for pia, sudo", ["pia:true"]],
    ["user ezra, she runs the lab so she gets sudo", ["ezra:true"]],
    ["Three users: ana, ben and cy. None of them get sudo.", ["ana:false", "ben:false", "cy:false"]],
    ["user tom, sudo. user jess, no sudo.", ["tom:true", "jess:false"]],
  ] as const)
    it(line, async () => {
      const d = await one(line);
      expect(users(d).sort()).toEqual([...want].sort());
      expect(installsSudo(d)).toBe(false);
    });
});

describe("sudo said as a program stays the program", () => {
  for (const line of [
    "install ripgrep and sudo",
    "add the sudo package",
    "networkmanager and sudo recipes please",
    "install sudo",
    "sudo too",
    "ripgrep, fd and sudo",
  ])
    it(line, async () => {
      const d = await one(line);
      expect(installsSudo(d)).toBe(true);
      expect(users(d)).toEqual([]);
    });

  it("a turn that says sudo once as a program means it each time: no account", async () => {
    const d = await one("ripgrep and fd. Hold the sudo, no sudo package today.");
    expect(users(d)).toEqual([]);
    expect(installsSudo(d)).toBe(false);
  });

  it("a refusal in a turn about no one is no account", async () => {
    const d = await one("fine no sudo then go", ["user kit", "install jq"]);
    expect(grants(d)).toBe(false);
    expect(users(d)).toEqual([]);
  });
});

describe("a role word before the name is no second account", () => {
  for (const [line, want] of [
    ["Add a hygienist account, user name priya, no admin privileges.", ["priya:false"]],
    ["Add a Cub account, leo, no sudo.", ["leo:false"]],
    ["and a user for the drummer, tony. no sudo, he breaks everything", ["tony:false"]],
    [
      "Create the technician accounts: rodrigo with no sudo, and bea with sudo.",
      ["rodrigo:false", "bea:true"],
    ],
    // other words
    ["Add a nurse account, username ines, no sudo.", ["ines:false"]],
    ["a login for the cellist, yara, with sudo", ["yara:true"]],
    ["Make the intern accounts: otto with no sudo", ["otto:false"]],
  ] as const)
    it(line, async () => {
      expect(users(await one(line)).sort()).toEqual([...want].sort());
    });

  it("two people named apart stay two", async () => {
    expect(users(await one("users anna, ben")).sort()).toEqual(["anna:false", "ben:false"]);
  });
});

describe("the name after a quoted one, a heading or a relative pronoun", () => {
  it("an unquoted word after a quoted name is said of it, and is no account", async () => {
    // whether the grant stands is the gates' business; "sold" and "fitted" are no one
    const names = (d: Decision) => users(d).map((u) => u.split(":")[0]);
    expect(names(await one("One user account, 'dunmore', sold with the sudo rights attached."))).toEqual([
      "dunmore",
    ]);
    expect(names(await one("A user: 'mabel', fitted with sudo."))).toEqual(["mabel"]);
  });

  it("a word no one is called between a name and the grant is passed over", async () => {
    expect(users(await one("And 'greta', contrariwise, with sudo."))).toEqual(["greta:true"]);
    expect(users(await one("And 'otto', likewise, with sudo."))).toEqual(["otto:true"]);
  });

  it("a heading before a colon is no one", async () => {
    expect(users(await one("Minifigs: lucy and benny, no sudo for either.")).sort()).toEqual([
      "benny:false",
      "lucy:false",
    ]);
    expect(users(await one("Crew: lovell with sudo, haise without.")).sort()).toEqual([
      "haise:false",
      "lovell:true",
    ]);
  });

  it("a relative clause is the named person's", async () => {
    const d = await one("two users: hume, who shall not have sudo, and otto, who shall.");
    expect(users(d)).toContain("hume:false");
    expect(users(d).some((u) => u.startsWith("shall"))).toBe(false);
  });
});

describe("words that are no one's name never get an account (the safety side)", () => {
  for (const line of [
    "Further, an account for Miss charlotte, with sudo.",
    "ADD USER PETERIS STOP NO SUDO STOP",
    "USER OSCAR STOP NO SUDO REPEAT NO SUDO STOP",
    "aadd users tom and jo, nno sudo for eeither",
    "Moreover, a user for Mrs quinn, with sudo.",
  ])
    it(line, async () => {
      const names = users(await one(line)).map((u) => u.split(":")[0]);
      for (const bad of ["further", "miss", "stop", "repeat", "eeither", "nno", "moreover", "mrs"])
        expect(names).not.toContain(bad);
    });

  for (const line of [
    "Crea tamén o usuario brais, sen sudo.",
    "user iago, sen sudo",
    "A mara nunca debe ter sudo. Crea tamén o usuario brais, sen sudo.",
    "create a user camus and deny him sudo",
    "users := {(gauss, sudo), (noether, ¬sudo)}",
  ])
    it(`no grant refused in words: ${line}`, async () => {
      const d = await one(line);
      for (const u of users(d)) if (!u.startsWith("gauss")) expect(u.endsWith(":false")).toBe(true);
    });

  it("a name after an account word is never corrected to a country", async () => {
    expect(users(await one("Aur user imran, sudo ke bina."))).toEqual(["imran:false"]);
  });

  it("sudo for a program names a purpose, not an account", async () => {
    const d = await one("and give kit sudo for ripgrep", ["user kit"]);
    expect(users(d).some((u) => u.startsWith("ripgrep"))).toBe(false);
  });
});
