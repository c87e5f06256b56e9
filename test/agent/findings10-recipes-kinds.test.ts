import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Retired held-out set (dev12-mixed, "clarify removes git"): "remove the git stuff" removed git.
 * A program's name said as a kind of thing — "the git stuff", "anything vim related", "all things
 * neovim" — names no program to remove: which ones is asked, and no removal of it is planned or
 * offered (agent/safety/recipeCategories.ts, from the evidence gate agent/safety/evidence.ts).
 */
const INSTALLED = fixtureFacts("findings9-installed");

function removedOrOffered(d: Decision): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
}

describe("a program's name said as a kind of thing removes nothing by itself", () => {
  const cases: [string, string][] = [
    // the tester's
    ["remove the git stuff", "git"],
    // ours: other verbs, programs, word orders, registers
    ["uninstall anything git related", "git"],
    ["get rid of the git-related packages", "git"],
    ["nuke the tmux bits", "tmux"],
    ["purge all things neovim", "neovim"],
    ["could you remove the fzf things please", "fzf"],
    ["remove everything to do with htop", "htop"],
    ["ditch the jq tools", "jq"],
    ["delete bat stuff", "bat"],
    ["i want the ripgrep stuff gone", "ripgrep"],
    ["drop stuff related to btop", "btop"],
    ["Please uninstall the lazygit utilities.", "lazygit"],
    ["pls remove anything to do with tmux thx", "tmux"],
  ];
  for (const [line, kind] of cases)
    it(`${line} → ${kind} is neither removed nor offered`, async () => {
      const { last, conv } = await dialogue(INSTALLED, [line]);
      expect(removedOrOffered(last)).not.toContain(kind);
      expect(conv.pending.some((c) => c.tool === "removeRecipe" && c.args.name === kind)).toBe(false);
    });

  it("the git stuff asks which, naming the programs it could mean", async () => {
    const { last } = await dialogue(INSTALLED, ["remove the git stuff"]);
    expect("reply" in last && last.reply).toMatch(/lazygit/);
  });

  it("a name also said plainly is removed: 'remove git and the fzf stuff' takes git, asks about fzf", async () => {
    const { last } = await dialogue(INSTALLED, ["remove git and the fzf stuff"]);
    expect(removedOrOffered(last)).toEqual(["git"]);
  });

  it("'remove git' alone still removes git", async () => {
    const { last } = await dialogue(INSTALLED, ["remove git"]);
    expect("calls" in last && last.calls).toEqual([{ tool: "removeRecipe", args: { name: "git" } }]);
  });
});
