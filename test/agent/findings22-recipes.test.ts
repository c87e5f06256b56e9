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
const BASE_HERE = ["less", "sudo", "tar", "vim-minimal"];

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
    expect(names(calls(r.last))).toEqual(["fd", "htop", "neovim", "ripgrep", "tmux", "wget"]);
  });

  it("a sweep on a system whose installed list holds nothing of the base stays a plain plan", async () => {
    const d = (await dialogue(ON_TOP, ["remove everything except git"])).last;
    expect(names(calls(d))).toEqual(["fd", "htop", "neovim", "ripgrep", "tmux", "wget"]);
  });

  it("keeps that name base programs show the base was weighed: the rest of it goes, sudo kept", async () => {
    const d = (await dialogue(INST, ["remove everything except git, sudo and less"])).last;
    expect(names(calls(d))).toEqual(
      ["fd", "htop", "neovim", "ripgrep", "tmux", "vim-minimal", "tar", "wget"].sort(),
    );
  });

  it("sudo is never taken by a sweep, even when other base programs are kept", async () => {
    const d = (await dialogue(INST, ["remove everything except git and less"])).last;
    expect(calls(d)).toEqual([]);
    expect(names(offered(d))).not.toContain("sudo");
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
