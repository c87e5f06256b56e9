import { describe, expect, it } from "vitest";
import type { Conversation } from "../../agent/conversation.js";
import { sayListJoiners } from "../../agent/rules/listJoiners.js";
import { withoutPasswordClauses } from "../../agent/rules/secrets.js";
import { asksBack, followUp, requestFor } from "../../agent/session/askFollowUp.js";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 25 (fixP25): several requests in one turn, and `levitate ask` one-shots.
 * - the joiners people type between requests ("+", " / ", line breaks, "fzf/bat/eza", dictated
 *   "comma"/"period") are clause ends: no request runs into the next and vanishes (tester 24 W34);
 * - "add fzf and remove bat": a verb after "and" opens its own command, so a program named like a
 *   word ("bat", "delta") is its object as "fd" was (W18);
 * - a clause of program names after a hostname or a keyboard installs them (dev25 h24-140);
 * - a password inside a request loses only itself, never the user or the disk beside it (W36);
 * - "remove vim" with vim-minimal installed offers vim-minimal (W20); "update/reinstall
 *   everything" is no removal (W21, W29); one call asked twice is one call (R11);
 * - `ask` waits on a terminal for the answer to its own question, or names the command (W22).
 * Safety: splitting never carries a negation or a keep away from what it protects; an offered
 * removal still needs a yes.
 * INST: installed mode, bat fd ripgrep helix vim-minimal sudo … installed, fzf jq delta … not.
 * LIVE: blank sda (256 GB), blank nvme0n1 (1 TB), live USB sdb.
 */
const INST = fixtureFacts("findings26-fixP25-installed");
const LIVE = fixtureFacts("findings25-lead-two-blank");

async function one(facts: typeof INST, text: string): Promise<Decision> {
  return (await dialogue(facts, [text])).last;
}
const names = (d: Decision) =>
  "calls" in d ? d.calls.map((c) => `${c.tool}:${Object.values(c.args)[0]}`).sort() : [];
const offered = (d: Decision) =>
  "reply" in d && d.offer ? d.offer.calls.map((c) => `${c.tool}:${Object.values(c.args)[0]}`).sort() : [];

describe("typed joiners split the requests of a turn", () => {
  const all = [
    "createUser:ali",
    "installRecipe:fzf",
    "partitionDisk:/dev/nvme0n1",
    "setHostname:ali-pc",
    "setLocale:trq",
  ].sort();
  for (const t of [
    "pls instal on nvme + user ali sudo + turkish keyboard istanbul + hostname ali-pc + add fzf",
    "pls instal on nvme / user ali sudo / turkish keyboard istanbul / hostname ali-pc / add fzf",
    "pls instal on nvme\nuser ali sudo\nturkish keyboard istanbul\nhostname ali-pc\nadd fzf",
    "install on nvme\r\n\r\nuser ali sudo\r\nturkish keyboard istanbul\r\nhostname ali-pc\r\nadd fzf",
  ])
    it(JSON.stringify(t), async () => {
      const d = await one(LIVE, t);
      expect(names(d)).toEqual(all);
      const user = "calls" in d ? d.calls.find((c) => c.tool === "createUser") : undefined;
      expect(user?.args).toMatchObject({ username: "ali", sudo: true });
    });
  for (const [t, want] of [
    ["nvme + user ali sudo", ["createUser:ali", "partitionDisk:/dev/nvme0n1"]],
    ["use the sda / user mo", ["createUser:mo", "partitionDisk:/dev/sda"]],
    ["use the nvme\nadd jq", ["installRecipe:jq", "partitionDisk:/dev/nvme0n1"]],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(names(await one(LIVE, t))).toEqual([...want].sort());
    });
  for (const [t, want] of [
    ["fzf/bat/eza", ["installRecipe:bat", "installRecipe:eza", "installRecipe:fzf"]],
    ["add jq + fzf", ["installRecipe:fzf", "installRecipe:jq"]],
    [
      "install these:\n- fzf\n- zoxide\n- starship",
      ["installRecipe:fzf", "installRecipe:starship", "installRecipe:zoxide"],
    ],
    ["install:\n* jq\n* eza", ["installRecipe:eza", "installRecipe:jq"]],
    [
      "install jq comma fzf comma and eza period",
      ["installRecipe:eza", "installRecipe:fzf", "installRecipe:jq"],
    ],
    // a line that ends open goes on with the next: one sentence wrapped
    ["install jq and\neza please", ["installRecipe:eza", "installRecipe:jq"]],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(names(await one(INST, t))).toEqual([...want].sort());
    });

  it("leaves paths, time zones, offsets and words alone", () => {
    const programs = new Set(["fzf", "bat", "eza"]);
    for (const t of [
      "timezone Europe/Berlin",
      "use /dev/sda",
      "time zone UTC+2",
      "fzf and/or bat",
      "c++ tools",
      "a trial period of a week",
      "my shell is /bin/zsh",
    ])
      expect(sayListJoiners(t, programs)).toBe(t);
    expect(sayListJoiners("fzf/bat/eza", programs)).toBe("fzf, bat, eza");
    expect(sayListJoiners("fzf/vlc", programs)).toBe("fzf/vlc");
  });
});

describe("a joiner never carries a negation or a keep away from what it protects", () => {
  it("install fd and bat but not bat installs only fd", async () => {
    expect(names(await one(INST, "install fd and jq but not jq"))).toEqual(["installRecipe:fd"]);
  });
  it("remove ripgrep, keep fd removes only ripgrep", async () => {
    expect(names(await one(INST, "remove ripgrep, keep fd"))).toEqual(["removeRecipe:ripgrep"]);
  });
  for (const t of [
    "add fzf and remove bat, keep bat",
    "add fzf and remove bat but not bat",
    "add fzf + remove bat + keep bat",
    "add fzf\nremove bat\nkeep bat",
  ])
    it(`${JSON.stringify(t)} never removes bat`, async () => {
      const d = await one(INST, t);
      expect(names(d)).not.toContain("removeRecipe:bat");
      expect(offered(d)).not.toContain("removeRecipe:bat");
    });
  for (const t of ["dont erase sda / use the nvme", "dont erase sda\nuse the nvme", "use the nvme + not sda"])
    it(`${JSON.stringify(t)} never erases sda`, async () => {
      const d = await one(LIVE, t);
      const all = [...names(d), ...offered(d)];
      expect(all).not.toContain("partitionDisk:/dev/sda");
    });
  it("a negation wrapped to the next line stays with its object", async () => {
    const d = await one(INST, "remove ripgrep but not\nfd");
    expect(names(d)).toEqual(["removeRecipe:ripgrep"]);
  });
});

describe("a verb after 'and' opens its own command (W18)", () => {
  for (const [t, want] of [
    ["add fzf and remove bat", ["installRecipe:fzf", "removeRecipe:bat"]],
    ["add fzf and uninstall bat", ["installRecipe:fzf", "removeRecipe:bat"]],
    ["install jq and then delete bat", ["installRecipe:jq", "removeRecipe:bat"]],
    ["add fzf then remove bat", ["installRecipe:fzf", "removeRecipe:bat"]],
    ["add fzf and also remove bat", ["installRecipe:fzf", "removeRecipe:bat"]],
    ["add user tom and remove bat", ["createUser:tom", "removeRecipe:bat"]],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(names(await one(INST, t))).toEqual([...want].sort());
    });
  it("a clause said of someone keeps its verb a statement", async () => {
    const d = await one(INST, "i use fzf and remove bat sometimes");
    expect(names(d)).not.toContain("removeRecipe:bat");
  });
});

describe("program names after a setting are installed, never dropped", () => {
  for (const [t, want] of [
    ["call it pebble, and also fzf and jq", ["installRecipe:fzf", "installRecipe:jq", "setHostname:pebble"]],
    [
      "the computer is called pebble, and also delta and eza",
      ["installRecipe:delta", "installRecipe:eza", "setHostname:pebble"],
    ],
    ["german keyboard, and also jq", ["installRecipe:jq", "setLocale:de"]],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(names(await one(INST, t))).toEqual([...want].sort());
    });
  it("a second name after a hostname is no program: not installed", async () => {
    expect(names(await one(INST, "hostname atlas and zeus"))).toEqual(["setHostname:atlas"]);
  });
});

describe("a password loses only itself (W36)", () => {
  for (const [t, want] of [
    ["nvme encrypted with passphrase hunter22", ["partitionDisk:/dev/nvme0n1"]],
    ["user bob sudo password Secret123!", ["createUser:bob"]],
    ["add user tom with password abc12345 and install fzf", ["createUser:tom", "installRecipe:fzf"]],
    ["user bob with sudo and his password is x9x9x9", ["createUser:bob"]],
  ] as const)
    it(JSON.stringify(t), async () => {
      const { conv, last } = await dialogue(LIVE, [t]);
      expect(offered(last)).toEqual([...want].sort());
      expect("reply" in last && last.reply).toMatch(/Passwords never go through the chat/);
      // the value is kept nowhere: not in the recorded turn, the reply or the offer
      const secret = /hunter22|Secret123|abc12345|x9x9x9/;
      expect(JSON.stringify(conv.turns)).not.toMatch(secret);
      expect(JSON.stringify(last)).not.toMatch(secret);
    });
  it("the offered user keeps his sudo; encryption stays asked", async () => {
    const d = await one(LIVE, "nvme encrypted with passphrase hunter22");
    expect("reply" in d && d.offer?.calls[0]?.args).toMatchObject({ encrypt: true });
  });
  it("'set my password to hunter2' asks for nothing", async () => {
    const d = await one(LIVE, "set my password to hunter2");
    expect(offered(d)).toEqual([]);
    expect(names(d)).toEqual([]);
    expect(JSON.stringify(d)).not.toMatch(/hunter2/);
  });
  it("a clause only about a password is still left out", () => {
    expect(withoutPasswordClauses("my password is ***")).toBeUndefined();
    expect(withoutPasswordClauses("user ana, her password is ***")).toBe("user ana");
  });
});

describe("ask one-shots", () => {
  it("'remove vim' with vim-minimal installed offers vim-minimal (W20)", async () => {
    const d = await one(INST, "remove vim");
    expect(offered(d)).toEqual(["removeRecipe:vim-minimal"]);
    expect("reply" in d && d.reply).toMatch(/vim-minimal/);
  });
  it("'remove emacs' (no variant) still says no recipe", async () => {
    expect(offered(await one(INST, "remove emacs"))).toEqual([]);
  });
  for (const t of ["update everything", "reinstall everything", "upgrade all", "reinstall everything please"])
    it(`${JSON.stringify(t)} is no removal (W21, W29)`, async () => {
      const d = await one(INST, t);
      expect(d).toHaveProperty("reply");
      expect(offered(d)).toEqual([]);
      expect("reply" in d && d.reply).toMatch(/can't update or reinstall/);
    });
  it("'remove everything' is still refused as before", async () => {
    const d = await one(INST, "remove everything");
    expect("reply" in d && d.reply).toMatch(/won't remove everything/);
  });
  it("'change my password' names passwd after install (W29)", async () => {
    const d = await one(INST, "change my password");
    expect("reply" in d && d.reply).toMatch(/run passwd/);
  });
  it("'remove bat remove bat' is one call (R11)", async () => {
    expect(names(await one(INST, "remove bat remove bat"))).toEqual(["removeRecipe:bat"]);
  });
});

describe("ask follows up its own question (W22)", () => {
  const reply = (r: string, calls?: PlanCall[]): Decision => ({
    reply: r,
    ...(calls ? { offer: { calls } } : {}),
  });
  it("asksBack: offers and questions wait, statements do not", () => {
    expect(asksBack(reply("Remove it anyway? (yes / no)"))).toBe(true);
    expect(asksBack(reply("Do you mean helix?", [{ tool: "installRecipe", args: { name: "helix" } }]))).toBe(
      true,
    );
    expect(asksBack(reply("ripgrep is installed."))).toBe(false);
    expect(asksBack({ calls: [] })).toBe(false);
  });
  it("a yes on the terminal takes the offer as the next turn", async () => {
    const { conv, decisions } = await dialogue(INST, []);
    expect(decisions).toEqual([]);
    const first = await one(INST, "remove fd fzf");
    const said: string[] = [];
    const answers = ["yes"];
    const { decideTurn } = await import("../../agent/turn.js");
    const { createRulesBackend } = await import("../../agent/rules/index.js");
    const backend = createRulesBackend();
    const r = await followUp(
      first,
      "remove fd fzf",
      conv,
      (c: Conversation, text: string) => decideTurn(backend, c.view(text), INST),
      { say: (s) => said.push(s), answer: async () => answers.shift() },
    );
    expect(said[0]).toMatch(/fzf is not installed/);
    expect(names(r.decision)).toEqual(["removeRecipe:fd"]);
  });
  it("no answer (end of input) leaves the reply shown and nothing planned", async () => {
    const { conv } = await dialogue(INST, []);
    const first = await one(INST, "remove sudo");
    const r = await followUp(first, "remove sudo", conv, async () => ({ calls: [] }), {
      say: () => {},
      answer: async () => undefined,
    });
    expect(r.shown).toBe(true);
    expect(r.decision).toBe(first);
  });
  it("a no drops the offer: nothing removed", async () => {
    const { conv } = await dialogue(INST, []);
    const first = await one(INST, "remove sudo");
    const { decideTurn } = await import("../../agent/turn.js");
    const { createRulesBackend } = await import("../../agent/rules/index.js");
    const backend = createRulesBackend();
    const r = await followUp(
      first,
      "remove sudo",
      conv,
      (c: Conversation, text: string) => decideTurn(backend, c.view(text), INST),
      { say: () => {}, answer: async () => "no" },
    );
    expect(names(r.decision)).toEqual([]);
  });
  it("requestFor names the command for the offered part, never the same words again", () => {
    expect(requestFor([{ tool: "removeRecipe", args: { name: "fd" } }], "remove fd fzf")).toBe("remove fd");
    expect(requestFor([{ tool: "removeRecipe", args: { name: "sudo" } }], "remove sudo")).toBeUndefined();
    expect(
      requestFor([
        { tool: "installRecipe", args: { name: "fzf" } },
        { tool: "createUser", args: { username: "tom", sudo: true, shell: "/bin/bash", groups: [] } },
      ]),
    ).toBe("install fzf, create user tom with sudo");
    expect(requestFor([{ tool: "setLocale", args: { keymap: "de" } }])).toBeUndefined();
  });
  it("the named command does what was offered", async () => {
    const d = await one(INST, requestFor([{ tool: "removeRecipe", args: { name: "fd" } }])!);
    expect(names(d)).toEqual(["removeRecipe:fd"]);
  });
});
