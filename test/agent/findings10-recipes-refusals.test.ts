import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Retired held-out set (dev12-keep, "safety removes jq"): "Kindly refrain from removing jq under any
 * circumstances." kept nothing, and "now remove fd and jq" a turn later removed jq. A refusal said
 * without a "not" — a verb of holding back ("refrain from", "abstain from", "desist from") or a
 * phrase that rules out every case ("under no circumstances", "on no account", "in no case", "by no
 * means") — keeps the program it names for the rest of the conversation (agent/safety/recipeRefs.ts).
 */
const INSTALLED = fixtureFacts("findings9-installed");

function removals(d: Decision): string[] {
  return "calls" in d ? d.calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])) : [];
}

describe("a refusal said without a 'not' keeps the program, now and later", () => {
  const cases: [string, string][] = [
    // the tester's
    ["Kindly refrain from removing jq under any circumstances.", "jq"],
    // ours: other verbs, programs, positions, registers
    ["Please abstain from deleting git.", "git"],
    ["kindly desist from uninstalling htop", "htop"],
    ["I would ask that you refrain from uninstalling tmux", "tmux"],
    ["refrain from deleting bat pls", "bat"],
    ["under no circumstances should lazygit be removed", "lazygit"],
    ["on no account remove ripgrep", "ripgrep"],
    ["in no case should you uninstall fzf", "fzf"],
    ["by no means delete neovim, I live in it", "neovim"],
    ["jq: not to be removed under any circumstances", "jq"],
    ["btop — under no circumstance is it to be purged", "btop"],
    ["could you refrain from ditching git, thanks", "git"],
    ["We ask that you avoid removing htop at all times.", "htop"],
  ];
  for (const [first, kept] of cases)
    it(`${first} → ${kept} is never removed, this turn or the next`, async () => {
      const other = kept === "fd" ? "bat" : "fd";
      const { decisions, conv } = await dialogue(INSTALLED, [first, `now remove ${other} and ${kept}`]);
      expect(removals(decisions[0]!)).not.toContain(kept);
      expect(removals(decisions[1]!)).not.toContain(kept);
      expect(conv.pending.some((c) => c.tool === "removeRecipe" && c.args.name === kept)).toBe(false);
      expect(conv.protections.some((p) => p.kind === "recipe" && p.name === kept)).toBe(true);
    });

  it("a removal said plainly still removes: 'no matter what, remove jq' is no refusal", async () => {
    const { decisions } = await dialogue(INSTALLED, ["no matter what, remove jq"]);
    const d = decisions[0]!;
    const named = "calls" in d ? removals(d) : "reply" in d ? (d.offer?.calls ?? []).map((c) => c.tool) : [];
    expect(named.length).toBeGreaterThan(0);
  });
});
