import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 8, H1: a recipe named like an English word (just, less, tree, at, up, dust, delta…)
 * was removed or installed when the word stood in the rest of the sentence ("remove fd, it just
 * gathers dust"). Such a name counts only as an object of the request (agent/rules/wordNames.ts).
 * The recipes live in a test fixture, never in the shipped recipes.
 */
const FACTS = fixtureFacts("findings11-word-names");

function named(d: Decision, tool: "removeRecipe" | "installRecipe"): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return calls.flatMap((c) => (c.tool === tool ? [c.args.name] : []));
}

describe("a word that is a recipe's name, said in a reason or as an adverb, removes nothing", () => {
  const cases: [string, string, string][] = [
    ["remove fd at once", "fd", "at"],
    ["remove fd, I use it less", "fd", "less"],
    ["uninstall fd and watch what happens", "fd", "watch"],
    ["remove the fd file", "fd", "file"],
    ["remove fd from the tree", "fd", "tree"],
    ["remove fd, then pass", "fd", "pass"],
    ["get rid of fd, it is up to you", "fd", "up"],
    ["remove fd, which I no longer use", "fd", "which"],
    ["remove fd, it just gathers dust", "fd", "dust"],
    ["remove fd, it just gathers dust", "fd", "just"],
    ["remove lazygit, the delta is too small", "lazygit", "delta"],
    ["please uninstall ripgrep, I am rarely at my desk", "ripgrep", "at"],
    ["delete fzf since i use it less and less", "fzf", "less"],
    ["drop lazygit, it makes my tree of files a mess", "lazygit", "tree"],
    ["remove bat, most of the time I use cat", "bat", "most"],
  ];
  for (const [line, kept, word] of cases)
    it(`${line} → ${word} stays`, async () => {
      const { last, conv } = await dialogue(FACTS, [line]);
      expect(named(last, "removeRecipe")).not.toContain(word);
      expect(conv.pending.some((c) => c.tool === "removeRecipe" && c.args.name === word)).toBe(false);
      expect(named(last, "removeRecipe")).toContain(kept);
    });
});

describe("a word that is a recipe's name, said in a reason or as an adverb, installs nothing", () => {
  const cases: [string, string, string][] = [
    ["install ripgrep, I just need it", "ripgrep", "just"],
    ["add jq, I use it most of the time", "jq", "most"],
    ["add jq, I use it most of the time", "jq", "time"],
    ["install jq and make it the default", "jq", "make"],
    ["install helix, it is up to date", "helix", "up"],
    ["get me jq, I need it at work", "jq", "at"],
    ["add eza, it shows the file tree nicely", "eza", "tree"],
    ["install jq, the delta is in the json", "jq", "delta"],
    ["install helix so I can watch logs", "helix", "watch"],
  ];
  for (const [line, wanted, word] of cases)
    it(`${line} → no ${word}`, async () => {
      const { last } = await dialogue(FACTS, [line]);
      expect(named(last, "installRecipe")).not.toContain(word);
      expect(named(last, "installRecipe")).toContain(wanted);
    });
});

describe("a word-like name said as the object is still the recipe", () => {
  const cases: [string, "removeRecipe" | "installRecipe", string[]][] = [
    ["remove just", "removeRecipe", ["just"]],
    ["install micro and helix", "installRecipe", ["micro", "helix"]],
    ["remove the delta package", "removeRecipe", ["delta"]],
    ["add exa", "installRecipe", ["exa"]],
    ["remove tree, less and up", "removeRecipe", ["tree", "less", "up"]],
    ['uninstall "watch"', "removeRecipe", ["watch"]],
    ["remove just bat", "removeRecipe", ["bat"]],
    ["uninstall dust and delta please", "removeRecipe", ["dust", "delta"]],
    ["get rid of pass", "removeRecipe", ["pass"]],
    ["remove the at tool", "removeRecipe", ["at"]],
  ];
  for (const [line, tool, names] of cases)
    it(`${line} → ${names.join(", ")}`, async () => {
      const { last } = await dialogue(FACTS, [line]);
      for (const n of names) expect(named(last, tool)).toContain(n);
    });
  it("remove just bat → bat only, never just", async () => {
    const { last } = await dialogue(FACTS, ["remove just bat"]);
    expect(named(last, "removeRecipe")).not.toContain("just");
  });
});
