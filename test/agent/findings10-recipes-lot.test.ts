import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Retired held-out set (dev12-keep "bin the lot besides vim"): the removals came back as an offer,
 * because the evidence gate (agent/safety/evidence.ts) did not count "the lot" as naming every
 * program. It does now, and a program excepted is still never removed.
 */
const INSTALLED = fixtureFacts("findings9-installed");

describe("'the lot' names every program, bar those excepted", () => {
  const cases: [string, string[]][] = [
    ["bin the lot besides tmux", ["tmux"]],
    ["uninstall the lot bar tmux", ["tmux"]],
    ["ditch the whole lot except jq and fzf", ["jq", "fzf"]],
    ["remove the lot apart from git", ["git"]],
    ["nuke the whole lot but not htop", ["htop"]],
    ["get rid of the lot other than neovim and git", ["neovim", "git"]],
    ["Kindly uninstall the lot, excluding lazygit.", ["lazygit"]],
    ["yeet the lot except bat pls", ["bat"]],
  ];
  for (const [line, kept] of cases)
    it(`${line} → removes the rest now, never ${kept.join(" or ")}`, async () => {
      const { last } = await dialogue(INSTALLED, [line]);
      expect("calls" in last).toBe(true);
      const names =
        "calls" in last ? last.calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])) : [];
      for (const k of kept) expect(names).not.toContain(k);
      expect(names.length).toBe(INSTALLED.installed.length - kept.length);
    });
});
