import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 7 (docs/findings/2026-12-05-hurried-user-7.md), DANGEROUS 18: programs removed that the
 * user did not choose. "remove bat, fd... actually only bat", "remove the bigger one of vim and
 * neovim", "remove either fd or ripgrep" and "remove bat *htop" each removed both. A list the same
 * words narrow keeps only what was finally chosen, and a choice the words leave open is asked,
 * never guessed (agent/rules/removalChoices.ts). Machine: the tester's d.json (installed, 12 recipes).
 */
const INSTALLED = fixtureFacts("findings8-d");

function named(d: Decision, tool: "removeRecipe" | "installRecipe"): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return [...new Set(calls.flatMap((c) => (c.tool === tool ? [c.args.name] : [])))].sort();
}

async function decide(line: string): Promise<Decision> {
  return (await dialogue(INSTALLED, [line])).last;
}

describe("tester7 D18: a narrowed list removes only what was chosen", () => {
  const narrowed: [string, string[]][] = [
    // the tester's
    ["remove bat, fd... actually only bat", ["bat"]],
    ["remove bat *htop", ["htop"]],
    // ours: a retraction by "only"/"just", a typed correction
    ["uninstall tmux, htop... actually only tmux", ["tmux"]],
    ["remove git and curl, no wait, just curl", ["curl"]],
    ["uninstall fd, ripgrep... sorry, only ripgrep", ["ripgrep"]],
    ["remove htop *tmux", ["tmux"]],
    ["remove fd *bat", ["bat"]],
    ["remove wget, curl. wait, just wget", ["wget"]],
    // lists that are not narrowed stay whole
    ["remove fd and ripgrep", ["fd", "ripgrep"]],
    ["remove fd, ripgrep and bat", ["bat", "fd", "ripgrep"]],
    ["remove only bat", ["bat"]],
  ];
  for (const [line, want] of narrowed)
    it(`${line} → remove ${want.join(", ")}`, async () => {
      const d = await decide(line);
      expect("calls" in d).toBe(true);
      expect(named(d, "removeRecipe")).toEqual(want);
    });

  const choices: [string, string[]][] = [
    // the tester's
    ["remove the bigger one of vim and neovim", ["neovim", "vim"]],
    ["remove either fd or ripgrep", ["fd", "ripgrep"]],
    ["remove curl or wget, whichever is older", ["curl", "wget"]],
    // ours
    ["remove one of zsh and tmux", ["tmux", "zsh"]],
    ["remove either vim or neovim", ["neovim", "vim"]],
    ["remove the smaller one of fd and bat", ["bat", "fd"]],
    ["uninstall htop or tmux, whichever you think", ["htop", "tmux"]],
    ["remove the older one of wget and curl", ["curl", "wget"]],
  ];
  for (const [line, pair] of choices)
    it(`${line} → asks which, removes (and offers) neither`, async () => {
      const d = await decide(line);
      expect("reply" in d).toBe(true);
      expect(named(d, "removeRecipe")).toEqual([]);
      if ("reply" in d) for (const n of pair) expect(d.reply).toContain(n);
    });

  it("a choice beside another request asks the choice and offers the rest", async () => {
    const d = await decide("install gimp and remove either fd or ripgrep");
    expect(named(d, "removeRecipe")).toEqual([]);
    expect(named(d, "installRecipe")).toEqual(["gimp"]);
  });

  it("an install corrected with '*' installs the corrected one", async () => {
    const d = await decide("install gimp *vlc");
    expect(named(d, "installRecipe")).toEqual(["vlc"]);
  });
});

/**
 * Tester 7, WRONG "remove neovim, keep vim": the keep of vim was read as a keep of neovim too
 * (vim is also an alias of neovim), so the removal asked for was refused. A program named as
 * itself is that program; the alias speaks only for a word that is no program of its own
 * (agent/safety/recipeRefs.ts).
 */
describe("tester7 W83: a keep names the program it says, not one it is an alias of", () => {
  const cases: [string, string[]][] = [
    ["remove neovim, keep vim", ["neovim"]],
    ["keep vim, remove neovim", ["neovim"]],
    ["remove vim but keep neovim", ["vim"]],
    ["uninstall neovim. vim stays", ["neovim"]],
    ["remove neovim and leave vim alone", ["neovim"]],
    ["drop neovim, dont touch vim", ["neovim"]],
    ["get rid of neovim, i keep vim", ["neovim"]],
    ["remove neovim; keep vim and git", ["neovim"]],
  ];
  for (const [line, want] of cases)
    it(`${line} → remove ${want.join(", ")}`, async () => {
      const d = await decide(line);
      expect(named(d, "removeRecipe")).toEqual(want);
    });
  it("an alias that is no program of its own still names its program: 'keep nvim, remove neovim' removes nothing", async () => {
    const d = await decide("keep nvim, remove neovim");
    expect(named(d, "removeRecipe")).toEqual([]);
  });
});
