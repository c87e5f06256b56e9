import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 25, issue 14: people, locale and hostname read by shape. The two destructive turns of the
 * retired dev25 sets gave sudo to a function word ("o", Turkish "he"; "com", Portuguese "with");
 * here the whole closed class of the languages the rules translate, the "with" before sudo in those
 * languages, the near misses (short real names), and the hurried tester's locale and hostname
 * turns. Sentences are ours except the two destructive ones, quoted as the class's root.
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
  recipes: ["ripgrep", "fd", "bat", "git", "htop", "zsh"],
  installed: [],
});

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
    : [];
function locale(d: Decision): Record<string, unknown> | undefined {
  return "calls" in d ? d.calls.find((c) => c.tool === "setLocale")?.args : undefined;
}

async function turns(...lines: string[]): Promise<Decision> {
  return (await dialogue(LIVE, lines)).last;
}

describe("a function word beside sudo is no account (dev25 destructive turns)", () => {
  for (const [line, want] of [
    ["Utilizador joana, com sudo.", ["joana:true"]],
    ["Bir de benim için mert, o sudo olsun.", ["mert:true"]],
    // the same class in the other languages the rules translate
    ["Usuario juan, con sudo.", ["juan:true"]],
    ["Utente marco, con sudo.", ["marco:true"]],
    ["Utilisateur marc, avec sudo.", ["marc:true"]],
    ["Benutzer jonas, mit sudo.", ["jonas:true"]],
    ["Gebruiker piet, met sudo.", ["piet:true"]],
    ["Användare erik, med sudo.", ["erik:true"]],
    ["utilizador rui, sem sudo", ["rui:false"]],
    ["Kullanıcı ayşe için, sudo olmasın", ["ayse:false"]],
  ] as const)
    it(line, async () => {
      expect(users(await turns(line)).sort()).toEqual([...want].sort());
    });

  it("after a refused first user, the Turkish second user gets the sudo said to him", async () => {
    const d = await turns(
      "Kullanıcı adı lena olsun, ama lena için sudo olmasın.",
      "Bir de benim için mert, o sudo olsun.",
    );
    expect(users(d)).toEqual(["mert:true"]);
  });

  for (const line of [
    "o sudo",
    "com sudo",
    "y sudo",
    "e sudo",
    "para sudo",
    "und sudo",
    "avec sudo",
    "Utilizador joana, o sudo.",
    "Bir de benim için, o sudo olsun.",
  ])
    it(`never an account: ${line}`, async () => {
      const d = await turns(line);
      for (const name of ["o", "com", "y", "e", "para", "und", "avec", "benim"])
        expect(users(d).map((u) => u.split(":")[0])).not.toContain(name);
    });
});

describe("short real names stay names (near misses)", () => {
  for (const [line, want] of [
    ["user al, with sudo", ["al:true"]],
    ["al gets sudo", ["al:true"]],
    ["user ed, sudo", ["ed:true"]],
    ["jo sudo", ["jo:true"]],
    ["bo, with sudo", ["bo:true"]],
    ["user q with sudo", ["q:true"]],
    ["user del, no sudo", ["del:false"]],
    ["Användare ola, med sudo.", ["ola:true"]],
    ["Użytkownik jan, z sudo.", ["jan:true"]],
  ] as const)
    it(line, async () => {
      expect(users(await turns(line)).sort()).toEqual([...want].sort());
    });
});

describe("a grant said as a wish or with a courtesy is a grant", () => {
  for (const [line, want] of [
    ["User is arjun, he should have admin rights, and shell zsh if possible", ["arjun:true"]],
    ["my user should be called deepak and should be able to do sudo", ["deepak:true"]],
    ["user deepak, he should be able to use sudo", ["deepak:true"]],
    ["user mia with admin rights if you can", ["mia:true"]],
    ["user kai and he can use sudo", ["kai:true"]],
    ["add an account for my flatmate giulia. she should NOT be able to use sudo", ["giulia:false"]],
    ["account for my coworker ines", ["ines:false"]],
  ] as const)
    it(line, async () => {
      expect(users(await turns(line)).sort()).toEqual([...want].sort());
    });

  // the safety side: a habit, a refusal, a real condition stay what they were
  for (const line of [
    "user tom. i always use sudo apt install, lol",
    "user tom, he uses sudo a lot at work",
    "user tom, no sudo even if possible",
    "user tom, sudo only if the kids cant reach it",
    "user tom, he should not be able to use sudo",
  ])
    it(`no grant: ${line}`, async () => {
      expect(granted(await turns(line))).toEqual([]);
    });
});

describe("locale: the keyboard, the city and the region as said", () => {
  for (const [line, want] of [
    ["german keybord berlin", { keymap: "de", timezone: "Europe/Berlin" }],
    ["uk keyboard london", { keymap: "uk", timezone: "Europe/London" }],
    ["Teclado português e fuso horário de Lisboa.", { keymap: "pt-latin1", timezone: "Europe/Lisbon" }],
    ["fuso orario di Roma", { timezone: "Europe/Rome" }],
    ["keyboard abnt2 and timezone Sao Paulo", { keymap: "br-abnt2", timezone: "America/Sao_Paulo" }],
    ["Clavier canadien français", { keymap: "cf" }],
    [
      "portuguese brazil keyboard, sao paulo time, portuguese language",
      { locale: "pt_BR.UTF-8", keymap: "br-abnt2", timezone: "America/Sao_Paulo" },
    ],
    // near misses: a code beside the keyboard word is still the layout
    ["keyboard de", { keymap: "de" }],
    ["set the keyboard to jp", { keymap: "jp106" }],
    ["german keyboard, language english", { locale: "en_US.UTF-8", keymap: "de" }],
  ] as const)
    it(line, async () => {
      expect(locale(await turns(line))).toEqual(want);
    });

  for (const [first, then, want] of [
    ["french keyboard pls", "no wait belgian", { keymap: "be-latin1" }],
    ["french keyboard", "actually swiss", { keymap: "sg" }],
    ["us keyboard", "actually make it uk", { keymap: "uk" }],
    // near misses: a setting named, or no correction, is read as said
    ["french keyboard pls", "and german language", { locale: "de_DE.UTF-8" }],
    ["french keyboard", "no, paris time", { timezone: "Europe/Paris" }],
  ] as const)
    it(`${first} / ${then}`, async () => {
      expect(locale(await turns(first, then))).toEqual(want);
    });
});

describe("hostname: a name a hostname cannot hold is offered written as one", () => {
  for (const [line, want] of [
    ["hostname Johns Laptop", "johns-laptop"],
    ["hostname Ed's PC", "eds-pc"],
    ["hostname My_PC", "my-pc"],
    ["name the machine Living Room", "living-room"],
  ] as const)
    it(line, async () => {
      const d = await turns(line);
      expect("reply" in d && d.offer?.calls).toEqual([{ tool: "setHostname", args: { hostname: want } }]);
      const yes = (await dialogue(LIVE, [line, "yes"])).last;
      expect("calls" in yes && yes.calls).toEqual([{ tool: "setHostname", args: { hostname: want } }]);
    });

  for (const [line, want] of [
    ["hostname atlas", "atlas"],
    ["call the computer orion while I'm away", "orion"],
    ["Hostname I am giving as sharma-dev", "sharma-dev"],
    ["no hostname that identifies me. call it box", "box"],
    ["hostname nas01 and user bob", "nas01"],
  ] as const)
    it(line, async () => {
      const d = await turns(line);
      expect("calls" in d && d.calls.find((c) => c.tool === "setHostname")?.args).toEqual({ hostname: want });
    });
});

describe("more people after a user, said by who they are", () => {
  for (const line of ["my wife too", "and the kids", "dad too"])
    it(`asks the name: ${line}`, async () => {
      const d = await turns("user bob sudo", line);
      expect("reply" in d && d.reply).toMatch(/^What should the new user be called\?/);
      expect(users(d)).toEqual([]);
    });

  it("the name given to that question is the account, without sudo", async () => {
    expect(users(await turns("user bob sudo", "my wife too", "lily"))).toEqual(["lily:false"]);
  });

  it("a relation with its name is that account, without sudo", async () => {
    expect(users(await turns("user bob sudo", "my wife lily too"))).toEqual(["lily:false"]);
  });

  it("a name said too still asks before copying sudo", async () => {
    const d = await turns("user bob sudo", "alice too");
    expect("calls" in d).toBe(false);
  });

  for (const [line, want] of [
    ["oh and a user named nalu w/ sudo", ["nalu:true"]],
    ["he also says i should have a user called walter with the admin thing", ["walter:true"]],
    ["Please prepare an account for our arriving guest, username anna.", ["anna:false"]],
  ] as const)
    it(`unchanged: ${line}`, async () => {
      expect(users(await turns(line))).toEqual([...want]);
    });
});

describe("hostname and keyboard near misses read as before", () => {
  it("a name typed as a hostname, then talk", async () => {
    const d = await turns("and call it mint-killer lol");
    expect("calls" in d && d.calls).toEqual([{ tool: "setHostname", args: { hostname: "mint-killer" } }]);
  });
  it("a name the reader took whole stands", async () => {
    const d = await turns("Imposta la lingua italiana e il nome del computer su pizzeria");
    expect("calls" in d && d.calls.find((c) => c.tool === "setHostname")?.args).toEqual({
      hostname: "pizzeria",
    });
  });
  it("a layout code after its label and marks", async () => {
    expect(locale(await turns("Field 8 (time zone): Europe/Vienna\nField 9 (keyboard layout): de"))).toEqual({
      keymap: "de",
      timezone: "Europe/Vienna",
    });
  });
});
