import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 13's DANGEROUS D5 (installed mode): "replace tmux with zellij", zellij no recipe here,
 * removed tmux and dropped zellij without a word. The removal was asked only for the
 * replacement: with the replacement unavailable, the program is kept and the reply says the
 * replacement is not a recipe. Machine: the tester's inst.json.
 */
const INST = fixtureFacts("findings17-t13-inst");
type Call = { tool: string; args: { name?: string } };
const plan = (calls: readonly Call[]) => calls.map((c) => `${c.tool} ${c.args.name}`);
const reply = (d: unknown) => (d as { reply?: string }).reply ?? "";

describe("a replacement that is no recipe keeps the program it would replace (D5)", () => {
  const cases: [string, string, string][] = [
    // the tester's
    ["replace tmux with zellij", "tmux", "zellij"],
    ["replace htop with glances", "htop", "glances"],
    ["ditch firefox for chromium", "firefox", "chromium"],
    ["swap tmux for zellij", "tmux", "zellij"],
    // our own
    ["please replace the htop with bottom", "htop", "bottom"],
    ["switch jq to gojq", "jq", "gojq"],
    ["drop firefox in favour of librewolf", "firefox", "librewolf"],
    ["can you swap my tmux for screen", "tmux", "screen"],
  ];
  for (const [s, old, wanted] of cases) {
    it(`"${s}" removes no ${old} and says ${wanted} is not here`, async () => {
      const { conv, last } = await dialogue(INST, [s]);
      expect(plan(conv.pending as Call[])).not.toContain(`removeRecipe ${old}`);
      expect(reply(last)).toContain(wanted);
    });
  }
  it("the other direction: a replacement that is a recipe does both", async () => {
    for (const s of ["replace htop with btop", "swap htop for btop"]) {
      const { conv } = await dialogue(INST, [s]);
      expect(plan(conv.pending as Call[])).toEqual(["removeRecipe htop", "installRecipe btop"]);
    }
  });
  it("a plain removal is still a removal", async () => {
    const { conv } = await dialogue(INST, ["remove tmux"]);
    expect(plan(conv.pending as Call[])).toEqual(["removeRecipe tmux"]);
  });
});
