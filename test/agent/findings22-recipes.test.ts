import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { FactsSchema } from "../../facts/schema.js";
import { baseRecipeNames } from "../../tools/baseSystem.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 22, issue 14: installed-mode recipes. A sweep ("remove everything except git") reached
 * sudo, tar and less, which came with the base system, and planned their removal from words that
 * never named them (agent/rules/sweepReach.ts, tools/baseSystem.ts). Sentences of our own, in
 * voices chosen for the mechanism, not taken from any data set.
 */
const INST = FactsSchema.parse({
  mode: "installed",
  firmware: "uefi",
  disks: [],
  users: ["root", "ines"],
  hostname: "box",
  locale: "en_US.UTF-8",
  recipes: [
    "ripgrep",
    "fd",
    "bat",
    "btop",
    "helix",
    "jq",
    "fzf",
    "zoxide",
    "sudo",
    "less",
    "tar",
    "vim-minimal",
  ],
  installed: ["git", "htop", "neovim", "tmux", "wget", "ripgrep", "fd", "less", "tar", "sudo", "vim-minimal"],
});
/** The same system with nothing of the base among what the facts list as installed. */
const ON_TOP = FactsSchema.parse({
  ...INST,
  installed: ["git", "htop", "neovim", "tmux", "wget", "ripgrep", "fd"],
});

const calls = (d: Decision): PlanCall[] => ("calls" in d ? (d.calls as PlanCall[]) : []);
const offered = (d: Decision): PlanCall[] => ("reply" in d && d.offer ? (d.offer.calls as PlanCall[]) : []);
const names = (cs: PlanCall[]) => cs.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])).sort();
const BASE_HERE = ["less", "sudo", "tar"];

describe("a sweep never removes the base system from words that did not name it", () => {
  for (const line of [
    "Clear the decks: remove everything that isn't git.",
    "get rid of everything apart from git",
    "uninstall all of it except git and tmux",
    "besides git, remove the rest",
    "keep git, ditch the rest",
    "nuke everything except git pls",
  ])
    it(`"${line}" asks, naming the base programs, and offers only what was installed on top`, async () => {
      const d = (await dialogue(INST, [line])).last;
      expect(calls(d)).toEqual([]);
      expect("reply" in d && d.reply).toMatch(/sudo/);
      const off = names(offered(d));
      expect(off.length).toBeGreaterThan(0);
      for (const b of BASE_HERE) expect(off).not.toContain(b);
      // what the words kept is never offered either
      expect(off).not.toContain("git");
    });

  it("a yes to the offer removes what was installed on top, and nothing of the base", async () => {
    const r = await dialogue(INST, ["remove everything except git", "yes"]);
    expect(names(calls(r.last))).toEqual(["fd", "htop", "neovim", "ripgrep", "tmux", "vim-minimal", "wget"]);
  });

  it("a sweep on a system whose installed list holds nothing of the base stays a plain plan", async () => {
    const d = (await dialogue(ON_TOP, ["remove everything except git"])).last;
    expect(names(calls(d))).toEqual(["fd", "htop", "neovim", "ripgrep", "tmux", "wget"]);
  });

  it("keeps that name base programs keep them; the base the words left out is still asked", async () => {
    const d = (await dialogue(INST, ["remove everything except git, sudo and less"])).last;
    expect(calls(d)).toEqual([]);
    expect("reply" in d && d.reply).toMatch(/\btar\b/);
    const off = names(offered(d));
    expect(off).toEqual(["fd", "htop", "neovim", "ripgrep", "tmux", "vim-minimal", "wget"]);
  });

  it("the base's editor goes with the user's programs; sudo is never taken by a sweep", async () => {
    const d = (await dialogue(INST, ["remove everything except git and less"])).last;
    expect(calls(d)).toEqual([]);
    expect(names(offered(d))).not.toContain("sudo");
    expect(names(offered(d))).toContain("vim-minimal");
  });

  it("a removal that names a base program is the user's own call", async () => {
    const d = (await dialogue(INST, ["uninstall vim-minimal and tar"])).last;
    expect(names(calls(d))).toEqual(["tar", "vim-minimal"]);
  });

  it("the base list mirrors recipes/base.list and the boot loader lists", () => {
    const read = (f: string) =>
      readFileSync(new URL(`../../recipes/${f}`, import.meta.url), "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("#"))
        .map((l) => l.toLowerCase());
    const files = [...new Set([...read("base.list"), ...read("base-uefi.list"), ...read("base-bios.list")])];
    expect([...baseRecipeNames()].sort()).toEqual(files.sort());
  });
});

/** Installed programs with and without a recipe (wget, curl, htop, tmux have none here). */
const MIX = FactsSchema.parse({
  ...INST,
  installed: ["git", "htop", "neovim", "tmux", "wget", "curl", "ripgrep", "fd"],
});

type Case = readonly [string, readonly string[], readonly string[]];
/** [sentence, removed, installed]: exactly these calls, nothing offered or asked. */
function plans(cases: readonly Case[]) {
  for (const [line, gone, added] of cases)
    it(`"${line}"`, async () => {
      const d = (await dialogue(MIX, [line])).last;
      expect(names(calls(d))).toEqual([...gone].sort());
      const installs = calls(d).flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
      expect(installs.sort()).toEqual([...added].sort());
    });
}

describe("a removal whose object is described before the programs are named", () => {
  plans([
    ["Retire the old terminal toys, htop and tmux.", ["htop", "tmux"], []],
    ["uninstall the download helpers: wget and fd", ["fd", "wget"], []],
    ["Evict those freeloaders: neovim and curl.", ["curl", "neovim"], []],
    ["Out with the dusty ones, htop and wget. In with btop and helix.", ["htop", "wget"], ["btop", "helix"]],
  ]);
});

describe("a removal said with a verb of letting go or pulling out, of programs with no recipe", () => {
  plans([
    ["Strip out wget and curl.", ["curl", "wget"], []],
    ["Let go of tmux.", ["tmux"], []],
    ["Pulling htop and curl off this box today.", ["curl", "htop"], []],
    ["Shed wget and fd, they weigh us down.", ["fd", "wget"], []],
    ["Shedding htop and curl this sprint.", ["curl", "htop"], []],
    ["Unplug tmux & htop.", ["htop", "tmux"], []],
    ["out with tmux, in with helix", ["tmux"], ["helix"]],
  ]);

  it("the removal does not reach a program the same turn keeps", async () => {
    const d = (await dialogue(MIX, ["Strip out wget and fd, but tmux stays."])).last;
    expect(names(calls(d))).toEqual(["fd", "wget"]);
    expect(names(offered(d))).not.toContain("tmux");
  });

  it("pull with an install's particle still installs", async () => {
    const d = (await dialogue(MIX, ["pull in jq please"])).last;
    expect(calls(d).map((c) => c.tool)).toEqual(["installRecipe"]);
  });
});

describe("a verb of the registers is no misspelling of a program", () => {
  plans([
    ["Let's cull the weak ones: uninstall wget.", ["wget"], []],
    ["Time to prune: delete fd and htop.", ["fd", "htop"], []],
  ]);
});

describe("an English verb said inside a verb-final language, after its object", () => {
  plans([
    ["tmux remove pannunga", ["tmux"], []],
    ["wget aur fd uninstall karo", ["fd", "wget"], []],
    ["htop remove koro, helix install kar do", ["htop"], ["helix"]],
    ["curl, wget rendum delete pannu.", ["curl", "wget"], []],
    ["shil el wget w nazzel helix", ["wget"], ["helix"]],
  ]);
});
