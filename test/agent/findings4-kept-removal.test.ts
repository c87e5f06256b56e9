import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class C of the fourth user findings (DANGEROUS D4, D9): a removal never reaches a program the
 * same sentence keeps, named by name, alias, kind ("the editor") or pronoun ("keep it for now").
 * Machine: findings4-d (installed: ripgrep fd htop git neovim).
 */
const INSTALLED = fixtureFacts("findings4-d");

const removed = (plan: PlanCall[], offered: PlanCall[]) =>
  [...plan, ...offered].flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));

describe("a program the sentence keeps is not removed", () => {
  const cases: [string, string[], string[]][] = [
    // the tester's: [sentence, kept, still removed or offered]
    ["remove htop and neovim but not the editor", ["neovim"], ["htop"]],
    ["i dont use git anymore but keep it for now", ["git"], []],
    ["get rid of htop, actually no keep it", ["htop"], []],
    // our own
    ["uninstall fd and ripgrep, oh and keep rg", ["ripgrep"], ["fd"]],
    ["remove htop, neovim, git. not git tho", ["git"], ["htop", "neovim"]],
    ["please remove htop and nvim but keep the editor", ["neovim"], ["htop"]],
    ["i never use fd, but leave it for now", ["fd"], []],
    ["delete git and htop... actually dont remove git", ["git"], ["htop"]],
    ["get rid of the search tool and htop but not ripgrep", ["ripgrep"], ["htop"]],
    ["drop neovim and fd, well, keep neovim i guess", ["neovim"], ["fd"]],
    ["remvoe git but keep it for now", ["git"], []],
  ];
  for (const [line, kept, rest] of cases)
    it(`"${line}" keeps ${kept.join(", ")}`, async () => {
      const { conv, last } = await dialogue(INSTALLED, [line]);
      const offered = "reply" in last && last.offer ? (last.offer.calls as PlanCall[]) : [];
      for (const k of kept) expect(removed(conv.pending, offered)).not.toContain(k);
      for (const r of rest) expect(removed(conv.pending, offered)).toContain(r);
    });
  it('"remove git" after "keep it for now" is refused with the way to say it', async () => {
    const { conv, last } = await dialogue(INSTALLED, [
      "i dont use git anymore but keep it for now",
      "remove git",
    ]);
    expect(removed(conv.pending, [])).not.toContain("git");
    expect(JSON.stringify(last)).toMatch(/after all/);
  });
  it('"i dont use git anymore, remove it" still removes git (planned or offered)', async () => {
    const { conv, last } = await dialogue(INSTALLED, ["i dont use git anymore, remove it"]);
    const offered = "reply" in last && last.offer ? (last.offer.calls as PlanCall[]) : [];
    expect(removed(conv.pending, offered)).toContain("git");
  });
});
