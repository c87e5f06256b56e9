import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 (docs/findings/2026-12-05-hurried-user-8.md), D5: a program's name corrected without
 * commas ("uninstall htop sorry btop", "remove git sry lazygit", "remove git - lazygit rather")
 * removed the name taken back as well. The correction replaces the name before it
 * (agent/rules/recipeCorrections.ts). Machine: the tester's installed.json.
 */
const INSTALLED = fixtureFacts("findings9-installed");

function named(d: Decision, tool: "removeRecipe" | "installRecipe"): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return [...new Set(calls.flatMap((c) => (c.tool === tool ? [c.args.name] : [])))].sort();
}

async function decide(...lines: string[]): Promise<Decision> {
  return (await dialogue(INSTALLED, lines)).last;
}

describe("tester8 D5: a corrected name replaces the one before it", () => {
  const corrected: [string, string[]][] = [
    // the tester's
    ["uninstall htop sorry btop", ["btop"]],
    ["remove git sry lazygit", ["lazygit"]],
    ["remove git oops lazygit", ["lazygit"]],
    ["remove git er lazygit", ["lazygit"]],
    ["remove git - lazygit rather", ["lazygit"]],
    // ours: other correction words, other programs, a list after the correction
    ["remove fd whoops bat", ["bat"]],
    ["uninstall tmux erm jq", ["jq"]],
    ["remove neovim actually vim-minimal", ["vim-minimal"]],
    ["remove git, lazygit rather", ["lazygit"]],
    ["remove git or rather lazygit", ["lazygit"]],
    ["remove htop soz, i mean btop", ["btop"]],
    ["remove fd sorry bat and tmux", ["bat", "tmux"]],
    ["ditch jq - fzf", ["fzf"]],
    ["remove ripgrep make that fd", ["fd"]],
  ];
  for (const [line, want] of corrected)
    it(`${line} → removes ${want.join(", ")} only`, async () => {
      expect(named(await decide(line), "removeRecipe")).toEqual(want);
    });

  // tester 12 D7: with no "no"/"sorry" it may also mean "I use lazygit instead": asked, neither removed
  it("remove git, lazygit instead → asks which one goes", async () => {
    const d = await decide("remove git, lazygit instead");
    expect(named(d, "removeRecipe")).toEqual([]);
    expect("reply" in d && d.reply).toMatch(/remove git and keep lazygit/i);
  });

  it("an install is corrected the same way", async () => {
    const d = await decide("install thunderbird sorry vlc");
    expect(named(d, "installRecipe")).toEqual(["vlc"]);
  });

  const whole: [string, string[]][] = [
    // a second name that adds, or a plain list, is no correction
    ["remove fd and bat", ["bat", "fd"]],
    ["remove fd, bat and tmux", ["bat", "fd", "tmux"]],
  ];
  for (const [line, want] of whole)
    it(`${line} → removes ${want.join(", ")}`, async () => {
      expect(named(await decide(line), "removeRecipe")).toEqual(want);
    });

  it("a name already refused ('not git, i meant lazygit') is never turned into 'not lazygit'", async () => {
    const d = await decide("remove git... wait no, not git, i meant lazygit");
    expect(named(d, "removeRecipe")).not.toContain("git");
  });

  it("'htop, sorry, btop too' never removes only btop", async () => {
    const d = await decide("remove htop, sorry, btop too");
    expect(named(d, "removeRecipe")).toContain("htop");
  });
});
