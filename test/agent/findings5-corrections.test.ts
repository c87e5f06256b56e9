import { describe, expect, it } from "vitest";
import { restateCorrection } from "../../agent/rules/corrections.js";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * WRONG 6 of the fifth user findings: a removal corrected in the same breath keeps what the
 * correction keeps and still removes the rest ("remove htop and ripgrep, no wait keep ripgrep"
 * had dropped the htop removal too). Machine: findings5n-d (installed).
 */
const D = fixtureFacts("findings5n-d");
const removals = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));

describe("a removal corrected in the same breath (WRONG 6)", () => {
  for (const [s, removed, kept] of [
    ["remove htop and ripgrep, no wait keep ripgrep", ["htop"], ["ripgrep"]],
    ["remove htop tmux, jk keep both", [], ["htop", "tmux"]],
    ["remove neovim, wait, no, i need it", [], ["neovim"]],
    ["uninstall fd and jq no wait i still need jq", ["fd"], ["jq"]],
    ["REMOVE HTOP AND BAT, NO WAIT, KEEP BAT", ["htop"], ["bat"]],
    ["please remove htop and bat. actually keep bat", ["htop"], ["bat"]],
    ["remove htop, bat and tmux, sorry, keep tmux", ["htop", "bat"], ["tmux"]],
    ["get rid of bat and jq oops keep jq", ["bat"], ["jq"]],
    ["remove htop and tmux hmm no keep them", [], ["htop", "tmux"]],
    ["uninstall bat and fd, scratch that, keep fd", ["bat"], ["fd"]],
  ] as const)
    it(`"${s}" removes [${removed.join(", ")}] and keeps [${kept.join(", ")}]`, async () => {
      const { conv } = await dialogue(D, [s]);
      expect(removals(conv.pending).sort()).toEqual([...removed].sort());
      for (const k of kept)
        expect(conv.protections.some((p) => p.kind === "recipe" && p.name === k)).toBe(true);
    });

  it("words without a correction come back unchanged", () => {
    for (const s of [
      "remove htop and tmux",
      "remove htop, keep git",
      "remove git, no, keep curl",
      "keep bat",
    ])
      expect(restateCorrection(s)).toBe(s);
  });
});
