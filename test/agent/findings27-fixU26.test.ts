import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 26, issue 14: people, locale and hostname read by shape. The two destructive dev26 turns
 * (a refusal written as a sign, "-sudo"; a name corrected to one no account can have, whose sudo
 * went to the old name), the hurried tester's "user dad with sudo and user kid no sudo", and the
 * dev26 shapes: a name corrected in the same breath, a shell said as a key beside its user, a shell
 * corrected after a take-back, "name it X" after an unnamed account, a relation in the name's place,
 * a time zone typed with a slip, a language kept. Each with sentences of the same shape in other
 * words, and the near misses that must not change.
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
  users: ["root"],
  hostname: "levitate",
  locale: "en_US.UTF-8",
  recipes: ["ripgrep", "fd", "bat", "git", "htop", "zsh", "fish"],
  installed: [],
});
const INSTALLED = FactsSchema.parse({ ...LIVE, mode: "installed", users: ["root", "kwame"] });

/** The createUser calls of a decision (or of its offer), as "name:sudo". */
function users(d: Decision): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return calls.flatMap((c) =>
    c.tool === "createUser" ? [`${c.args.username}:${c.args.sudo === true}`] : [],
  );
}
const granted = (d: Decision) =>
  "calls" in d
    ? d.calls.flatMap((c) => (c.tool === "createUser" && c.args.sudo ? [c.args.username] : []))
    : "reply" in d
      ? (d.offer?.calls ?? []).flatMap((c) =>
          c.tool === "createUser" && c.args.sudo ? [c.args.username] : [],
        )
      : [];
const call = (d: Decision, tool: string) =>
  "calls" in d
    ? (d.calls.find((c) => c.tool === tool)?.args as Record<string, unknown> | undefined)
    : undefined;

async function turns(...lines: string[]): Promise<Decision> {
  return (await dialogue(LIVE, lines)).last;
}

describe("a refusal written as a sign refuses (dev26 h25k-109)", () => {
  for (const [line, want] of [
    ["1. nvme 2. user kasparov +sudo 3. user karpov -sudo", ["kasparov:true", "karpov:false"]],
    ["user kasparov +sudo, user karpov -sudo", ["kasparov:true", "karpov:false"]],
    ["* kasparov +admin\n* karpov -admin", ["kasparov:true", "karpov:false"]],
    ["user karpov -sudo", ["karpov:false"]],
    ["user bob !sudo", ["bob:false"]],
    ["user bob (−admin)", ["bob:false"]],
    ["users: kasparov (sudo: yes), karpov (sudo: -)", ["kasparov:true", "karpov:false"]],
    ["user bob, sudo: —", ["bob:false"]],
    ["user bob --no-sudo", ["bob:false"]],
    ["user ann with sudo\n-sudo", ["ann:false"]],
  ] as const)
    it(JSON.stringify(line), async () => {
      expect(users(await turns(line)).sort()).toEqual([...want].sort());
    });

  // the near misses: a plus, a flag that asks for it, a hyphen inside a word stay as typed
  for (const [line, want] of [
    ["user kasparov +sudo", ["kasparov:true"]],
    ["user bob, sudo", ["bob:true"]],
    ["user anna-marie with sudo", ["anna-marie:true"]],
  ] as const)
    it(`still granted: ${line}`, async () => {
      expect(users(await turns(line)).sort()).toEqual([...want].sort());
    });
});

describe("a grant and a refusal bind to the person each follows (hurried tester 25 WRONG-1)", () => {
  for (const [line, want] of [
    ["user dad with sudo and user kid no sudo", ["dad:true", "kid:false"]],
    ["user mom with sudo, user kid without sudo", ["mom:true", "kid:false"]],
    ["user dad with sudo and user kids no sudo", ["dad:true", "kids:false"]],
    ["user anna with sudo and user ben no sudo", ["anna:true", "ben:false"]],
  ] as const)
    it(line, async () => {
      expect(users(await turns(line)).sort()).toEqual([...want].sort());
    });

  // a group word that is no account's name still refuses everyone named beside it
  for (const line of [
    "the kids get no admin: users mia and leo",
    "users mia and leo, the kids get no sudo",
    "user dad with sudo, user mia and user leo, the kids no sudo",
  ])
    it(`the group's refusal: ${line}`, async () => {
      const d = await turns(line);
      expect(granted(d).filter((u) => u !== "dad")).toEqual([]);
    });
});

describe("a name corrected to one no account can have is asked about (dev26 h25-196)", () => {
  for (const line of [
    "make a user called root2... actually make it Root with sudo, capital R",
    "user bob, actually make it root with sudo",
    "add user bob with sudo... actually make it Root",
    "make a user called bob... actually make it daemon with sudo",
    "user bob... sorry, root",
    "make a user called bob... actually make it Tom with sudo, capital T",
  ])
    it(line, async () => {
      const d = (await dialogue(INSTALLED, [line])).last;
      expect("reply" in d).toBe(true);
      expect(granted(d)).toEqual([]);
    });

  for (const [line, want] of [
    ["make a user called bob... actually make it tom with sudo", ["tom:true"]],
    ["make a usr called  mariaa... sorry maria", ["maria:false"]],
    ["user bob, sorry, bobby", ["bobby:false"]],
  ] as const)
    it(`the new name replaces the old: ${line}`, async () => {
      expect(users(await turns(line))).toEqual([...want]);
    });

  // near misses: a privilege said with "make him", an addition, a second person
  for (const [line, want] of [
    ["user bob, make him sudo", ["bob:true"]],
    ["user bob, make it an admin", ["bob:true"]],
    ["user bob, sorry ben too", ["bob:false", "ben:false"]],
  ] as const)
    it(`not a rename: ${line}`, async () => {
      expect(users(await turns(line)).sort()).toEqual([...want].sort());
    });
});

describe("a shell is the account's, said as a key or corrected after a take-back", () => {
  it("user dev, shell fish", async () => {
    const d = await turns("user dev, shell fish");
    expect(call(d, "createUser")).toMatchObject({ username: "dev", shell: "/bin/fish" });
    expect(call(d, "installRecipe")).toBeUndefined();
  });
  it("hostname db01; user ops with sudo, shell /bin/zsh... no, bash (dev26 h25m-009)", async () => {
    const d = await turns("hostname db01; user ops with sudo, shell /bin/zsh... no, bash");
    expect(call(d, "setHostname")).toEqual({ hostname: "db01" });
    expect(call(d, "createUser")).toMatchObject({ username: "ops", sudo: true, shell: "/bin/bash" });
  });
  it("user ops, shell zsh, no wait, fish", async () => {
    expect(call(await turns("user ops, shell zsh, no wait, fish"), "createUser")).toMatchObject({
      username: "ops",
      shell: "/bin/fish",
    });
  });
  it("a program named beside an install verb stays a program: install zsh", async () => {
    expect(call(await turns("install zsh"), "installRecipe")).toEqual({ name: "zsh" });
  });
});

describe("the account named where the words asked for one", () => {
  for (const [line, want] of [
    ["So, um, I think I want a user account. Name it walter. That's it.", "walter"],
    ["add a user account, call it ana", "ana"],
    ["I'd like a second account for my girlfriend, call her sofia", "sofia"],
    ["an account for my coworker, username ines", "ines"],
  ] as const)
    it(line, async () => {
      const d = await turns(line);
      expect(users(d)).toEqual([`${want}:false`]);
      expect(call(d, "setHostname")).toBeUndefined();
    });

  for (const line of ["call it atlas", "new laptop, call it atlas", "add user bob. call it atlas"])
    it(`the machine: ${line}`, async () => {
      expect(call(await turns(line), "setHostname")).toEqual({ hostname: "atlas" });
    });
});

describe("locale: a zone typed with a slip, a language kept", () => {
  for (const [line, zone] of [
    ["timezone europe/berln", "Europe/Berlin"],
    ["time zone: Amercia/Chicgao", "America/Chicago"],
    ["timezone Europe/Lodnon", "Europe/London"],
  ] as const)
    it(line, async () => {
      expect(call(await turns(line), "setLocale")).toEqual({ timezone: zone });
    });

  it("a path no zone is near is asked about", async () => {
    expect("reply" in (await turns("timezone europe/xyz"))).toBe(true);
  });

  it("hostname kitchen, timezone lisbon, portuguese keyboard but leave the language english", async () => {
    const d = await turns(
      "hostname kitchen, timezone lisbon, portuguese keyboard but leave the language english",
    );
    expect(call(d, "setLocale")).toEqual({ keymap: "pt-latin1", timezone: "Europe/Lisbon" });
  });
  it("german keyboard, but the system language stays english", async () => {
    expect(call(await turns("german keyboard, but the system language stays english"), "setLocale")).toEqual({
      keymap: "de",
    });
  });
  it("a language kept after the plan changed it is set back (dev h10-030)", async () => {
    const d = await turns("french locale", "sorry i meant french keyboard, language stays english");
    expect(call(d, "setLocale")).toEqual({ locale: "en_US.UTF-8", keymap: "fr" });
  });
  it("near miss: a language asked for is set", async () => {
    expect(call(await turns("german keyboard, english language"), "setLocale")).toEqual({
      locale: "en_US.UTF-8",
      keymap: "de",
    });
  });
});
