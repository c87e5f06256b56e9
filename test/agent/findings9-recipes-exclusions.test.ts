import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 (docs/findings/2026-12-05-hurried-user-8.md), D6: "uninstall the lot bar tmux" removed
 * tmux, the one program kept, and nothing else. An exclusion word ("bar", "apart from", "other
 * than", "leaving", "but not") after "the lot / everything / all of them" keeps what follows; the
 * rest is removed or offered, never the program kept (agent/rules/removeRest.ts).
 */
const INSTALLED = fixtureFacts("findings9-installed");

function removed(d: Decision): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return [...new Set(calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])))];
}

async function decide(...lines: string[]): Promise<Decision> {
  return (await dialogue(INSTALLED, lines)).last;
}

describe("tester8 D6: what an exclusion names is never removed", () => {
  const kept: [string, string[]][] = [
    // the tester's
    ["uninstall the lot bar tmux", ["tmux"]],
    ["remove everything bar ripgrep", ["ripgrep"]],
    ["remove the lot but not fzf", ["fzf"]],
    // ours
    ["uninstall all of them apart from git", ["git"]],
    ["ditch the whole lot except jq and fzf", ["jq", "fzf"]],
    ["remove all my stuff, leaving git", ["git"]],
    ["get rid of everything other than neovim", ["neovim"]],
    ["remove everything not including bat", ["bat"]],
    ["nuke the lot besides lazygit", ["lazygit"]],
    ["remove all of it bar htop and btop", ["htop", "btop"]],
  ];
  for (const [line, keep] of kept)
    it(`${line} → keeps ${keep.join(", ")}, removes (or offers) the rest`, async () => {
      const out = removed(await decide(line));
      for (const k of keep) expect(out).not.toContain(k);
      // the rest is what goes: every other installed program is in the decision
      expect(out.length).toBe(INSTALLED.installed.length - keep.length);
    });

  it("the rest is planned (at once, or by a 'yes' to the offer) and the excluded program kept", async () => {
    // "the lot" counts as naming every program (findings10-recipes-lot): planned without an offer
    const first = await dialogue(INSTALLED, ["uninstall the lot bar tmux"]);
    const offered = "reply" in first.last && first.last.offer !== undefined;
    const { conv } = offered ? await dialogue(INSTALLED, ["uninstall the lot bar tmux", "yes"]) : first;
    const names = conv.pending.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
    expect(names.length).toBe(INSTALLED.installed.length - 1);
    expect(names).not.toContain("tmux");
  });
});
