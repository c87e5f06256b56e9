import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Retired held-out set (dev12-keep): after "bin jq, fzf and starship", "all of them but fzf, sorry"
 * removed fzf ("edit removes fzf"); after "remove htop", "remove it from the list, I've changed my
 * mind" removed htop again ("edit removes htop"). Words about the plan — "all of them but X", "take
 * X off the list", "never mind the lot" — edit the programs planned; the program excepted or taken
 * off is never removed (agent/rules/recipePlanEdits.ts).
 */
const INSTALLED = fixtureFacts("findings9-installed");

function removals(d: Decision): string[] {
  return "calls" in d ? d.calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])) : [];
}

async function planAfter(lines: string[]) {
  const { conv, last } = await dialogue(INSTALLED, lines);
  return { last, names: conv.pending.map((c) => `${c.tool}:${"name" in c.args ? c.args.name : ""}`) };
}

describe("'all of them but X' after a list of removals keeps X", () => {
  const cases = [
    // the tester's
    "all of them but fzf, sorry",
    // ours: other exception words, openers, closers, verbs
    "all but fzf",
    "everything except fzf please",
    "the lot bar fzf",
    "ok all of those apart from fzf",
    "go ahead with all of them other than fzf",
    "do all three minus fzf",
    "hmm, every one of them except fzf",
    "remove all of them but fzf",
    "yes to all except fzf",
    "all of them save fzf, my bad",
    "all except for the fzf one",
  ];
  for (const line of cases)
    it(`remove jq, fzf and bat → ${line} → fzf stays, jq and bat go`, async () => {
      const { last, names } = await planAfter(["remove jq, fzf and bat", line]);
      expect(removals(last)).not.toContain("fzf");
      expect(names).not.toContain("removeRecipe:fzf");
      expect(names).toEqual(expect.arrayContaining(["removeRecipe:jq", "removeRecipe:bat"]));
    });

  it("installs too: add eza, zoxide and delta → all of them but delta → delta is not installed", async () => {
    const { names } = await planAfter(["add eza, zoxide and delta", "all of them but delta"]);
    expect(names.sort()).toEqual(["installRecipe:eza", "installRecipe:zoxide"]);
  });

  it("keep everything except bat (removals planned): only bat's removal stays", async () => {
    const { last } = await planAfter(["uninstall neovim, htop and bat", "hmm, keep everything except bat"]);
    expect("drop" in last && last.drop.map((d) => (d.args as { name?: string }).name).sort()).toEqual([
      "htop",
      "neovim",
    ]);
  });

  it("drop all of them except zoxide (installs planned): only zoxide's install stays", async () => {
    const { names } = await planAfter(["add eza, zoxide and delta", "drop all of them except zoxide"]);
    expect(names).toEqual(["installRecipe:zoxide"]);
  });
});

describe("'remove it from the list' takes the step off the plan, never removes again", () => {
  const cases = [
    // the tester's
    "remove it from the list, I've changed my mind",
    // ours
    "take bat off the list",
    "please strike that from the plan",
    "remove bat from the plan",
    "cross it off the list",
    "get it off the list",
    "take it out of the plan, sorry",
    "delete that from the queue",
    "pull bat from the list",
    "actually remove it from my list",
  ];
  for (const line of cases)
    it(`remove bat → ${line} → nothing planned, bat not removed`, async () => {
      const { last, names } = await planAfter(["remove bat", line]);
      expect(removals(last)).not.toContain("bat");
      expect(names).toEqual([]);
    });

  it("of two planned, the one named goes: remove bat and htop → take htop off the list", async () => {
    const { names } = await planAfter(["remove bat and htop", "take htop off the list"]);
    expect(names).toEqual(["removeRecipe:bat"]);
  });
});

describe("'never mind the lot' drops every planned program", () => {
  for (const line of [
    "never mind the lot",
    "forget all of them",
    "cancel all three",
    "drop the whole lot",
    "nevermind all of those",
    "actually scratch all of them, keep everything",
  ])
    it(`add eza, zoxide and delta → ${line} → nothing planned`, async () => {
      const { names } = await planAfter(["add eza, zoxide and delta", line]);
      expect(names).toEqual([]);
    });

  it("scratch both, after two removals: neither is removed", async () => {
    const { last, names } = await planAfter(["remove fzf and jq", "actually scratch both, keep everything"]);
    expect(removals(last)).toEqual([]);
    expect(names).toEqual([]);
  });
});
