import { describe, expect, it } from "vitest";
import { callsOf } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Retired held-out sets: "remove neo vim" removed vim (dev13-mixed), "uninstal lazy git pls"
 * removed git (dev13); known open: "remove git-cola" removed git. A program's name typed in pieces
 * is that program; a program's name inside a longer product name is never the shorter program
 * (agent/rules/compoundNames.ts).
 */
const FACTS = fixtureFacts("findings11-recipes");

async function removalsAfter(lines: string[]): Promise<string[]> {
  const { decisions } = await dialogue(FACTS, lines);
  return decisions.flatMap((d) =>
    callsOf(d).flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])),
  );
}

describe("a program's name in two pieces is that program, never the piece", () => {
  const cases: [string, string, string][] = [
    ["remove neo vim", "neovim", "vim"],
    ["uninstal lazy git pls, keep teh rest", "lazygit", "git"],
    ["please get rid of Lazy Git", "lazygit", "git"],
    ["uninstall neo-vim", "neovim", "vim"],
    ["can you remove lazy-git for me", "lazygit", "git"],
    ["drop neo  vim and nothing else", "neovim", "vim"],
    ["i no longer need the lazy git tool, remove it", "lazygit", "git"],
    ["delete star ship", "starship", "ship"],
    ["bitte neo vim entfernen", "neovim", "vim"],
  ];
  for (const [line, meant, never] of cases)
    it(`${line} → ${meant}, never ${never}`, async () => {
      const removed = await removalsAfter([line]);
      expect(removed).not.toContain(never);
      if (!line.startsWith("bitte") && !line.includes("no longer")) expect(removed).toContain(meant);
    });
});

describe("a program's name inside a longer product name never removes the program", () => {
  const cases: [string, string][] = [
    ["remove git-cola", "git"],
    ["uninstall vim-plug", "vim"],
    ["remove the vim plug", "vim"],
    ["get rid of git cola please", "git"],
    ["remove git-extras and git-lfs", "git"],
    ["could you uninstall the neovim-qt thing", "neovim"],
    ["drop my vim config", "vim"],
    ["remove the helix themes", "helix"],
    ["lose git-flow", "git"],
    ["uninstall fzf-tmux integration", "fzf"],
  ];
  for (const [line, never] of cases)
    it(`${line} → ${never} stays`, async () => {
      expect(await removalsAfter([line])).not.toContain(never);
    });

  it("controls: the programs said alone are removed", async () => {
    expect(await removalsAfter(["remove git and vim"])).toEqual(["git", "vim"]);
    expect(await removalsAfter(["remove neovim and vim"])).toEqual(["neovim", "vim"]);
  });
});
