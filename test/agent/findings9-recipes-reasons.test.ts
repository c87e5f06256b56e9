import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 (docs/findings/2026-12-05-hurried-user-8.md), D4: a removal given with its reason
 * ("remove htop, btop is enough", "… since I use btop now", "… coz btop") removed the program the
 * reason keeps as well. The reason is a keep (agent/rules/recipeReasons.ts). Machine: the tester's
 * installed.json (13 programs installed, htop and btop among them).
 */
const INSTALLED = fixtureFacts("findings9-installed");

function removed(d: Decision): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return [...new Set(calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])))].sort();
}

async function decide(...lines: string[]): Promise<Decision> {
  return (await dialogue(INSTALLED, lines)).last;
}

describe("tester8 D4: the program a removal's reason names is kept", () => {
  const reasons: [string, string[]][] = [
    // the tester's
    ["can you remove htop, btop is enough", ["htop"]],
    ["remove htop, I still use btop", ["htop"]],
    ["remove htop as btop is better", ["htop"]],
    ["remove htop since I use btop now", ["htop"]],
    ["remove htop coz btop", ["htop"]],
    ["remove htop. btop is fine", ["htop"]],
    ["nuke htop, btop's plenty", ["htop"]],
    // ours: other programs, other judgements, other leads, the reason first
    ["uninstall git cos lazygit does it better", ["git"]],
    ["remove vim-minimal, neovim does the job", ["vim-minimal"]],
    ["remove fd because ripgrep is good enough", ["fd"]],
    ["remove tmux - I'm using fzf now", ["tmux"]],
    ["get rid of jq since lazygit", ["jq"]],
    ["remove fd, i prefer ripgrep and bat", ["fd"]],
    ["i use btop now so remove htop", ["htop"]],
    ["ditch htop, btop is all i need", ["htop"]],
    ["remove htop since btop is better and remove fd", ["fd", "htop"]],
  ];
  for (const [line, want] of reasons)
    it(`${line} → removes ${want.join(", ")} only`, async () => {
      expect(removed(await decide(line))).toEqual(want);
    });

  const notReasons: [string, string[]][] = [
    // a reason that names no keep, or judges the program badly, leaves the list whole
    ["remove htop and btop", ["btop", "htop"]],
    ["remove htop because btop is broken", ["btop", "htop"]],
    ["remove htop as well as btop", ["btop", "htop"]],
    ["remove htop, btop is fine to remove too", ["btop", "htop"]],
    ["uninstall tmux bc i use zellij", ["tmux"]],
    // the program said is the one "that" removes: no other program for a reason to keep it from
    ["i have jq. remove that", ["jq"]],
  ];
  for (const [line, want] of notReasons)
    it(`${line} → removes ${want.join(", ")}`, async () => {
      expect(removed(await decide(line))).toEqual(want);
    });

  it("W8: 'remove vim, neovim does the job' neither removes nor offers neovim", async () => {
    // "vim" names no installed recipe here (vim-minimal is): the reason still keeps neovim
    expect(removed(await decide("remove vim, neovim does the job"))).not.toContain("neovim");
  });

  it("a reason mid-plan keeps the program for later turns too", async () => {
    const d = await decide("remove htop coz btop", "remove btop");
    expect(removed(d)).toEqual([]);
  });
});
