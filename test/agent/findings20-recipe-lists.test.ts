import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 15 W3: the first item of a program list was dropped after a verb no reader knows ("deploy
 * ripgrep, fd, bat" planned fd and bat): the list is cut at its commas, the bare names after the
 * cut install, and the first clause read as a remark (agent/rules/listHeads.ts). W1: an exclusion
 * inside a list ("but not jq", "except jq", "excluding fd") left the excluded name installed by the
 * clause that listed it (agent/rules/listExclusions.ts). Facts: a desktop with an empty Crucial
 * nvme and 15 recipes. Sentences of our own, in registers the report did not use.
 */
const DESK = fixtureFacts("findings19-t15-f2-desktop");

async function installed(line: string): Promise<string[]> {
  const { conv } = await dialogue(DESK, ["use the crucial", line]);
  return conv.pending.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : [])).sort();
}

describe("every item of a list after any verb is installed", () => {
  const cases: [string, string[]][] = [
    ["provision ripgrep, fd, bat", ["bat", "fd", "ripgrep"]],
    ["kindly furnish helix and jq", ["helix", "jq"]],
    ["ship me tmux, htop and curl", ["curl", "htop", "tmux"]],
    ["onboard zoxide, starship", ["starship", "zoxide"]],
  ];
  for (const [line, want] of cases)
    it(`"${line}" installs ${want.join(", ")}`, async () => {
      expect(await installed(line)).toEqual(want);
    });

  it("a refused head is no item: never provision ripgrep, fd", async () => {
    expect(await installed("never provision ripgrep, fd")).not.toContain("ripgrep");
  });
});

describe("an exclusion leaves its name out of the whole list", () => {
  const cases: [string, string[]][] = [
    ["add tmux, htop and curl but not htop", ["curl", "tmux"]],
    ["install helix jq fzf, excluding jq", ["fzf", "helix"]],
    ["add eza, zoxide, starship except zoxide", ["eza", "starship"]],
    ["add neovim, git and curl minus git", ["curl", "neovim"]],
    // "vim" is read as neovim where no vim recipe exists: the spelled-out name is not excluded by it
    ["neovim and curl please, without vim", ["curl", "neovim"]],
    // the run of names after the word, not the rest of its clause
    ["add tmux, but not htop, give me curl too", ["curl", "tmux"]],
  ];
  for (const [line, want] of cases)
    it(`"${line}" installs ${want.join(", ")}`, async () => {
      expect(await installed(line)).toEqual(want);
    });
});
