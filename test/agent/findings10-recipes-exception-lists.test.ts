import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Retired held-out set (dev12-keep): "uninstall everything other than neovim, tmux and git" and
 * "remove everything except git, vim and tmux" were refused ("I won't remove everything"): only
 * the first program of the list after the exception word was read as kept, so the rest of the
 * list looked like programs to remove. "remove all but vim" was refused the same way: "all" before
 * an exception word is every program (agent/rules/removeRest.ts). Every program of the list is kept.
 */
const INSTALLED = fixtureFacts("findings9-installed");

function removed(d: Decision): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
}

describe("a list after an exception word keeps every program in it", () => {
  const cases: [string, string[]][] = [
    // the testers'
    ["uninstall everything other than neovim, tmux and git", ["neovim", "tmux", "git"]],
    ["remove everything except git, jq and tmux", ["git", "jq", "tmux"]],
    ["remove all but htop", ["htop"]],
    // ours
    ["get rid of all except fzf and bat", ["fzf", "bat"]],
    ["nuke everything besides ripgrep, fd, bat", ["ripgrep", "fd", "bat"]],
    ["uninstall the lot bar git & tmux", ["git", "tmux"]],
    ["remove all apart from neovim", ["neovim"]],
    ["please remove everything except for git, lazygit, and neovim", ["git", "lazygit", "neovim"]],
    ["delete all but jq plus fzf", ["jq", "fzf"]],
    ["Remove every program other than btop, htop or tmux.", ["btop", "htop", "tmux"]],
  ];
  for (const [line, kept] of cases)
    it(`${line} → keeps ${kept.join(", ")}, removes the rest`, async () => {
      const { last } = await dialogue(INSTALLED, [line]);
      const out = removed(last);
      for (const k of kept) expect(out).not.toContain(k);
      expect(out.length).toBe(INSTALLED.installed.length - kept.length);
    });

  it("a list that goes on after the exception is not kept: 'remove htop, tmux and everything except git' asks", async () => {
    const { last } = await dialogue(INSTALLED, ["remove htop, tmux and everything except git"]);
    expect(removed(last)).not.toContain("git");
  });
});
