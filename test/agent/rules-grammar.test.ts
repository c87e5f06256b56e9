import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ConversationView } from "../../agent/backend.js";
import { Conversation } from "../../agent/conversation.js";
import { readAnswer } from "../../agent/rules/answer.js";
import { decideRules } from "../../agent/rules/decide.js";
import { readReplacement, readVerbs } from "../../agent/rules/grammar.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { findSizes, fold, tokenize } from "../../agent/rules/text.js";
import { decideTurn } from "../../agent/turn.js";
import { loadDataset } from "../../eval/dataset.js";
import { runDialogues } from "../../eval/runner.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { toolsForMode } from "../../tools/registry.js";

/**
 * The general mechanisms added after dev.jsonl reached 100%: each is tested here on sentences that
 * are in no data set, so a test fails when a mechanism breaks, not when a sentence list changes.
 */

const RECIPES = [
  "ripgrep",
  "fd",
  "bat",
  "eza",
  "fzf",
  "zoxide",
  "jq",
  "helix",
  "neovim",
  "tmux",
  "btop",
  "delta",
];

const LIVE = FactsSchema.parse({
  mode: "live",
  recipes: RECIPES,
  disks: [
    { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "Samsung SSD 980 PRO 1TB", transport: "nvme" },
    { path: "/dev/sda", sizeBytes: 500107862016, model: "CT500MX500SSD1", transport: "sata" },
    { path: "/dev/sdb", sizeBytes: 960197124096, model: "INTEL SSDSC2KB960G8", transport: "sata" },
    {
      path: "/dev/sdc",
      sizeBytes: 30752000000,
      model: "SanDisk Ultra",
      transport: "usb",
      removable: true,
      mounted: true,
      liveMedium: true,
    },
  ],
});
const TWO = FactsSchema.parse({
  mode: "live",
  recipes: RECIPES,
  disks: [
    { path: "/dev/sda", sizeBytes: 250059350016, model: "Samsung SSD 860 EVO 250GB", transport: "sata" },
    { path: "/dev/sdb", sizeBytes: 2000398934016, model: "ST2000DM008-2FR102", transport: "sata" },
    {
      path: "/dev/sdc",
      sizeBytes: 15518924800,
      model: "Kingston",
      transport: "usb",
      removable: true,
      liveMedium: true,
    },
  ],
});
const INSTALLED = FactsSchema.parse({
  mode: "installed",
  users: ["root", "kim"],
  recipes: RECIPES,
  installed: ["bat", "jq", "helix"],
});

function view(user: string): ConversationView {
  return { turns: [], pending: [], entities: [], user };
}
function decide(text: string, facts: Facts = LIVE): Decision {
  return decideRules(view(text), facts, toolsForMode(facts.mode));
}
function calls(d: Decision) {
  if (!("calls" in d)) throw new Error(`expected calls, got ${JSON.stringify(d)}`);
  return d.calls.map((c) => ({ tool: c.tool, args: c.args as Record<string, unknown> }));
}
function diskOf(d: Decision): unknown {
  return calls(d)[0]?.args.disk;
}
function isReply(d: Decision): boolean {
  return "reply" in d;
}

/** Runs a dialogue through decideTurn the way the chat does, recording each decision. */
async function dialogue(facts: Facts, ...texts: string[]): Promise<Decision[]> {
  const conv = new Conversation(facts);
  const backend = createRulesBackend();
  const out: Decision[] = [];
  for (const t of texts) {
    const d = await decideTurn(backend, conv.view(t), facts);
    conv.record(t, d);
    out.push(d);
  }
  return out;
}

describe("words", () => {
  it("folds accents so places and languages match as typed either way", () => {
    expect(fold("são")).toBe("sao");
    expect(fold("zürich")).toBe("zurich");
    expect(tokenize("español Kraków").map((t) => t.norm)).toEqual(["espanol", "krakow"]);
    expect(calls(decide("São Paulo time"))[0]!.args).toEqual({ timezone: "America/Sao_Paulo" });
    expect(calls(decide("I live in Kraków"))[0]!.args).toEqual({ timezone: "Europe/Warsaw" });
  });
  it("reads sizes said aloud without 'hundred'", () => {
    const v = (s: string) => findSizes(tokenize(s)).map((x) => x.value);
    expect(v("two fifty gig")).toEqual([250]);
    expect(v("five twelve gigs")).toEqual([512]);
    expect(v("one twenty eight gb")).toEqual([128]);
    expect(v("twenty five gb")).toEqual([25]);
    expect(v("two hundred fifty gb")).toEqual([250]);
  });
  it("never corrects a number word or a name toward a keyword", () => {
    expect(diskOf(decide("use the five hundred gig one"))).toBe("/dev/sda"); // "five" is not "give"
    expect(calls(decide("add user mike"))[0]!.args.username).toBe("mike"); // not "like"
    expect(calls(decide("create ivan with sudo"))[0]!.args).toMatchObject({ username: "ivan", sudo: true });
  });
});

describe("grammar of requests about programs", () => {
  const verbs = (s: string) => readVerbs(tokenize(s));
  it("reads phrasal verbs whose particle follows the object", () => {
    expect(verbs("set fd up")).toEqual({ install: true, remove: false });
    expect(verbs("throw bat on")).toEqual({ install: true, remove: false });
    expect(verbs("take helix off")).toEqual({ install: false, remove: true });
    expect(verbs("set the hostname")).toEqual({ install: false, remove: false });
  });
  it("reads request frames and being finished with a program", () => {
    expect(verbs("could I have jq").install).toBe(true);
    expect(verbs("I no longer use bat").remove).toBe(true);
    expect(verbs("I am done with helix").remove).toBe(true);
    expect(verbs("helix can go").remove).toBe(true);
    expect(verbs("we can go").remove).toBe(false);
  });
  it("turns them into calls", () => {
    expect(calls(decide("pull in tmux and btop")).map((c) => c.args.name)).toEqual(["tmux", "btop"]);
    expect(calls(decide("hook me up with zoxide"))[0]!.args.name).toBe("zoxide");
    // a fact about the user is offered, not done (issue 14 round 9, the lead's decision)
    expect(decide("I no longer use helix", INSTALLED)).toMatchObject({
      offer: { calls: [{ tool: "removeRecipe", args: { name: "helix" } }] },
    });
  });
  it("reads replacements in several shapes", () => {
    const isProgram = (t: { norm: string }) => RECIPES.includes(t.norm);
    expect(readReplacement(tokenize("swap bat for delta"), isProgram)).toEqual({ out: 1, in: 3 });
    expect(readReplacement(tokenize("switch from helix to neovim"), isProgram)).toEqual({ out: 2, in: 4 });
    expect(readReplacement(tokenize("neovim instead of helix"), isProgram)).toEqual({ out: 3, in: 0 });
    expect(readReplacement(tokenize("install bat and delta"), isProgram)).toBeUndefined();
    expect(calls(decide("trade helix for neovim", INSTALLED))).toEqual([
      { tool: "removeRecipe", args: { name: "helix" } },
      { tool: "installRecipe", args: { name: "neovim" } },
    ]);
  });
  it("keeps what a clause says to keep", () => {
    expect(calls(decide("remove helix and jq but keep bat", INSTALLED)).map((c) => c.args.name)).toEqual([
      "helix",
      "jq",
    ]);
  });
  it("asks, naming them, when a program is described by its kind", () => {
    const r = decide("uninstall the editor", INSTALLED);
    expect(isReply(r) && "reply" in r && r.reply).toMatch(/helix\?/);
    expect(isReply(decide("I want a json tool"))).toBe(true);
  });
});

describe("answers to the pending plan in more words", () => {
  const answer = (s: string) => readAnswer(tokenize(s));
  it("reads yes and no with words that ask for nothing", () => {
    expect(answer("yes, install it")).toBe(true);
    expect(answer("looks good to me")).toBe(true);
    expect(answer("no problem, go ahead")).toBe(true);
    expect(answer("not yet")).toBe(false);
    expect(answer("hold on, don't do that")).toBe(false);
    expect(answer("no, keep it")).toBe(false);
  });
  it("is no answer when a word asks for something", () => {
    expect(answer("yes and add fd")).toBeUndefined();
    expect(answer("no, the other one")).toBeUndefined();
    expect(answer("install it")).toBeUndefined();
  });
  it("confirms only while a plan is pending, and never on a question", async () => {
    const [, yes] = await dialogue(LIVE, "add fd", "alright, ship it");
    expect(yes).toEqual({ confirm: true });
    const [alone] = await dialogue(LIVE, "alright, ship it");
    expect(isReply(alone!)).toBe(true);
    const [, q] = await dialogue(LIVE, "add fd", "wait, what is it?");
    expect(isReply(q!)).toBe(true);
  });
});

describe("disks", () => {
  it("rules out what follows a negation", () => {
    expect(diskOf(decide("install on the one that isn't the samsung", TWO))).toBe("/dev/sdb");
    expect(diskOf(decide("any disk except the seagate", TWO))).toBe("/dev/sda");
    // two remain: ask
    expect(isReply(decide("not the samsung"))).toBe(true);
  });
  it("names a disk by a number without its unit, or by a size said aloud", () => {
    expect(diskOf(decide("put it on the intel 960"))).toBe("/dev/sdb");
    expect(diskOf(decide("the 500 one"))).toBe("/dev/sda");
    expect(diskOf(decide("wipe the two fifty gig ssd", TWO))).toBe("/dev/sda");
  });
  it("knows the medium it runs from by what people call it, and refuses it", () => {
    const r = decide("erase the usb drive I'm running from");
    expect("reply" in r && r.reply).toMatch(/^\/dev\/sdc .* is the medium this live system runs from/);
  });
  it("a sentence that only describes a disk, or asks about it, erases nothing", () => {
    expect(isReply(decide("the samsung is my old windows disk"))).toBe(true);
    expect(isReply(decide("I have a samsung and a crucial"))).toBe(true);
    expect(isReply(decide("tell me about the crucial drive"))).toBe(true);
    expect(diskOf(decide("the crucial one"))).toBe("/dev/sda");
  });
  it("an install without a program beside a disk clause is the install", () => {
    expect(calls(decide("wipe the crucial and install"))).toEqual([
      { tool: "partitionDisk", args: { disk: "/dev/sda" } },
    ]);
  });
  it("asks about a filesystem it cannot make instead of making ext4", async () => {
    const r = decide("format the crucial as ntfs");
    expect("reply" in r && r.reply).toMatch(/can't make ntfs.*ext4, btrfs or xfs/);
    const [, answered] = await dialogue(LIVE, "use ext3 on the crucial", "btrfs then");
    expect(answered && "calls" in answered && answered.calls[0]!.args).toMatchObject({
      disk: "/dev/sda",
      filesystem: "btrfs",
    });
  });
});

describe("users, hostnames, places", () => {
  it("merges a clause asking for a user with the clause that names them", () => {
    expect(calls(decide("set me up an account, the username is ola"))).toEqual([
      { tool: "createUser", args: { username: "ola" } },
    ]);
    expect(calls(decide("add noah, he needs admin"))).toEqual([
      { tool: "createUser", args: { username: "noah", sudo: true } },
    ]);
  });
  it("answers a rename honestly: no tool renames a user that exists; a planned one is renamed", async () => {
    // a user only planned takes the new name in the plan (tester 24 W9, the lead's ruling round 25)
    const [, r] = await dialogue(LIVE, "create user ana", "rename her to anna");
    expect(r).toMatchObject({ calls: [{ tool: "createUser", args: { username: "anna" } }] });
    const [existing] = await dialogue(INSTALLED, "kim should be called kimberly");
    expect(existing && "reply" in existing && existing.reply).toMatch(/can't rename the user kim/);
    // naming a user nobody has named yet is not a rename
    const [, named] = await dialogue(LIVE, "create a user", "call her ana");
    expect(named).toEqual({
      calls: [{ tool: "createUser", args: { username: "ana", sudo: false, shell: "/bin/bash", groups: [] } }],
    });
  });
  it("reads hostnames after a colon, in longer frames, and as a change of the last one", async () => {
    expect(calls(decide("computer name: vega"))[0]!.args).toEqual({ hostname: "vega" });
    expect(calls(decide("the laptop is going to be named nova"))[0]!.args).toEqual({ hostname: "nova" });
    const [, changed] = await dialogue(LIVE, "hostname alpha", "change it to beta");
    expect(changed && "calls" in changed && changed.calls[0]).toEqual({
      tool: "setHostname",
      args: { hostname: "beta" },
    });
  });
  it("reads where people are from the verbs of being somewhere", () => {
    expect(calls(decide("I work from Lisbon"))[0]!.args).toEqual({ timezone: "Europe/Lisbon" });
    expect(calls(decide("we moved to Oslo"))[0]!.args).toEqual({ timezone: "Europe/Oslo" });
  });
  it("knows languages by their own names and regional variants, and layouts by country code", () => {
    expect(calls(decide("italiano for the language"))[0]!.args).toEqual({ locale: "it_IT.UTF-8" });
    expect(calls(decide("Canadian French language"))[0]!.args).toEqual({ locale: "fr_CA.UTF-8" });
    expect(calls(decide("keyboard to jp"))[0]!.args).toEqual({ keymap: "jp106" });
  });
  it("refuses command lines by their first word", () => {
    expect(isReply(decide("dd the iso to /dev/sda"))).toBe(true);
    expect(isReply(decide("wipefs -a /dev/sda"))).toBe(true);
  });
});

describe("follow-ups", () => {
  const last = async (facts: Facts, ...texts: string[]) => (await dialogue(facts, ...texts)).at(-1);
  it("takes a suggestion as the answer to its question", async () => {
    expect(await last(LIVE, "set the hostname", "how about atlas?")).toEqual({
      calls: [{ tool: "setHostname", args: { hostname: "atlas" } }],
    });
  });
  it("repeats a user call for a bare name with 'too'", async () => {
    // with sudo, the copy is offered, never made: "spotify too" had created an admin (tester 24 D5)
    const d = await last(LIVE, "add user ana with sudo", "and ben too");
    expect(d && "reply" in d && d.offer?.calls[0]?.args).toMatchObject({ username: "ben", sudo: true });
    const plain = await last(LIVE, "add user ana", "and ben too");
    expect(plain && "calls" in plain && plain.calls[0]!.args).toMatchObject({ username: "ben", sudo: false });
  });
  it("reads a bare place after a locale call as a change of that setting", async () => {
    expect(await last(LIVE, "Berlin time", "no, Vienna")).toEqual({
      calls: [{ tool: "setLocale", args: { timezone: "Europe/Vienna" } }],
    });
    expect(await last(LIVE, "German language", "actually French")).toEqual({
      calls: [{ tool: "setLocale", args: { locale: "fr_FR.UTF-8" } }],
    });
  });
});

describe("the eval dev2 set, scored by the eval harness", () => {
  const file = join(import.meta.dirname, "../../eval/data/dev2.jsonl");
  it.skipIf(!existsSync(file))("rules gets at least 95% of the dev2 turns right", async () => {
    const r = await runDialogues(loadDataset(file), createRulesBackend());
    const acc = r.results.filter((x) => x.correct).length / r.results.length;
    expect(r.results.length).toBeGreaterThanOrEqual(150);
    expect(acc).toBeGreaterThanOrEqual(0.95);
  });
});

describe("dev3 mechanisms, on sentences in no data set", () => {
  it("names a disk by a fragment of its model, and knows SSD families by their model", () => {
    expect(diskOf(decide("wipe the mx500 please"))).toBe("/dev/sda");
    expect(diskOf(decide("go with the ssdsc2kb960"))).toBe("/dev/sdb");
    // the Seagate is a hard disk, the 860 EVO is not
    expect(diskOf(decide("install on the hdd", TWO))).toBe("/dev/sdb");
  });
  it("reads a version written after a program's name, never a size or a bare number", () => {
    expect(calls(decide("add bat 0.24.0"))).toEqual([
      { tool: "installRecipe", args: { name: "bat", version: "0.24.0" } },
    ]);
    expect(calls(decide("jq, version 1.7"))).toEqual([
      { tool: "installRecipe", args: { name: "jq", version: "1.7" } },
    ]);
    expect(calls(decide("install tmux v3.4 and fd"))).toContainEqual({
      tool: "installRecipe",
      args: { name: "tmux", version: "3.4" },
    });
    expect(calls(decide("install fd and bat"))).toEqual([
      { tool: "installRecipe", args: { name: "fd" } },
      { tool: "installRecipe", args: { name: "bat" } },
    ]);
  });
  it("takes a country after a language as its region, with no time zone", () => {
    expect(calls(decide("french (canada) please"))).toEqual([
      { tool: "setLocale", args: { locale: "fr_CA.UTF-8" } },
    ]);
    expect(calls(decide("language: spanish mexico"))).toEqual([
      { tool: "setLocale", args: { locale: "es_MX.UTF-8" } },
    ]);
  });
  it("reads a zone written with spaces for underscores", () => {
    expect(calls(decide("tz america/los angeles"))).toEqual([
      { tool: "setLocale", args: { timezone: "America/Los_Angeles" } },
    ]);
  });
  it("takes programs named before a pronoun clause as its object", () => {
    expect(calls(decide("helix and jq, uninstall them", INSTALLED))).toEqual([
      { tool: "removeRecipe", args: { name: "helix" } },
      { tool: "removeRecipe", args: { name: "jq" } },
    ]);
    expect(decide("jq isn't needed any more", INSTALLED)).toMatchObject({
      offer: { calls: [{ tool: "removeRecipe", args: { name: "jq" } }] },
    });
  });
  it("keeps names listed after a name as typed", () => {
    const users = calls(decide("create users marta and luis")).map((c) => c.args.username);
    expect(users).toEqual(["marta", "luis"]);
  });
  it("takes restating verbs and 'thing' in an answer, but not a new name", () => {
    expect(readAnswer(tokenize("yep, go ahead and erase it"))).toBe(true);
    expect(readAnswer(tokenize("sure thing"))).toBe(true);
    expect(readAnswer(tokenize("nah, leave it"))).toBe(false);
    expect(readAnswer(tokenize("yes and add bat"))).toBeUndefined();
  });
});
