import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 8, H1, read by grammar (agent/rules/wordNames.ts): a recipe named like a word is the
 * request's object where the grammar makes it one (the noun a command opens with, a list the
 * sentence closes, "the micro one"), and the word where it is an adverb or a reason's subject.
 * "keep the rest" reaches the rules as its own sentence (agent/rules/commandWords.ts).
 */
const FACTS = fixtureFacts("findings11-word-names");

function named(d: Decision, tool: "removeRecipe" | "installRecipe"): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return calls.flatMap((c) => (c.tool === tool ? [c.args.name] : []));
}

describe("'keep the rest' after a removal keeps what it says, and no adverb before it is a program", () => {
  for (const line of [
    "remove fd and just keep the rest",
    "remove fd and just leave the rest alone",
    "uninstall fd and simply keep everything else",
    "remove fd, but just keep the rest as is",
    "get rid of fd and then leave everything else",
  ])
    it(`${line} → fd only, fd not kept`, async () => {
      const { last, conv } = await dialogue(FACTS, [line]);
      expect(named(last, "removeRecipe")).toEqual(["fd"]);
      expect(conv.pending.filter((c) => c.tool === "removeRecipe").map((c) => c.args.name)).toEqual(["fd"]);
      expect(conv.protections.some((p) => p.kind === "recipe" && p.name === "fd")).toBe(false);
    });

  it("the rules read the words: 'keep the rest' is still in what the backend sees", async () => {
    const { Conversation } = await import("../../agent/conversation.js");
    const view = new Conversation(FACTS).view("remove fd and just keep the rest");
    expect(view.user).toMatch(/just keep the rest/);
    expect(view.user).not.toMatch(/and just\s*$/);
  });

  it("remove fd and just, keep the rest → a comma after 'just' lists it", async () => {
    const { last } = await dialogue(FACTS, ["remove fd and just, keep the rest"]);
    expect(named(last, "removeRecipe")).toEqual(["fd", "just"]);
  });
});

describe("a word-like name said as the object is still the recipe", () => {
  const cases: [string, "removeRecipe" | "installRecipe", string[]][] = [
    ["remove just", "removeRecipe", ["just"]],
    ["install less and tree", "installRecipe", ["less", "tree"]],
    ["remove the delta package", "removeRecipe", ["delta"]],
    ["add dust and bat", "installRecipe", ["dust", "bat"]],
    // the noun a command opens with, whatever follows it
    ["add the micro editor just in case", "installRecipe", ["micro"]],
    ["please remove the dust disk usage thing", "removeRecipe", ["dust"]],
    // a bare list that the sentence closes
    ["install jq helix micro", "installRecipe", ["jq", "helix", "micro"]],
    ["remove ripgrep dust delta please", "removeRecipe", ["ripgrep", "dust", "delta"]],
    ["uninstall bat delta and dust", "removeRecipe", ["bat", "delta", "dust"]],
    // a list after a comma, after "and", after an object pronoun
    ["remove fd, delta too", "removeRecipe", ["fd", "delta"]],
    ["can you give me micro and jq", "installRecipe", ["micro", "jq"]],
    ["drop lazygit n delta", "removeRecipe", ["lazygit", "delta"]],
    ["get rid of dust tho", "removeRecipe", ["dust"]],
    // a command said as a wish
    ["i want you to add micro just in case", "installRecipe", ["micro"]],
    ["I'd like to remove dust", "removeRecipe", ["dust"]],
    ["hmm remove the dust thing", "removeRecipe", ["dust"]],
    ["but get rid of dust", "removeRecipe", ["dust"]],
  ];
  for (const [line, tool, names] of cases)
    it(`${line} → ${names.join(", ")}`, async () => {
      const { last } = await dialogue(FACTS, [line]);
      expect(named(last, tool).sort()).toEqual([...names].sort());
    });

  it("'and delta too' after a removal removes delta as well", async () => {
    const { conv } = await dialogue(FACTS, ["remove fd", "and delta too"]);
    expect(conv.pending.filter((c) => c.tool === "removeRecipe").map((c) => c.args.name)).toEqual([
      "fd",
      "delta",
    ]);
  });

  it("'the dust one' answers which program", async () => {
    const { last } = await dialogue(FACTS, ["remove it", "the dust one"]);
    expect(named(last, "removeRecipe")).toEqual(["dust"]);
  });
});

describe("a word-like name in a reason, as an adverb or as a subject removes nothing", () => {
  const cases: [string, string, string][] = [
    ["remove fd just because", "fd", "just"],
    ["remove lazygit, the delta tool is too small", "lazygit", "delta"],
    ["remove lazygit, delta too small for me", "lazygit", "delta"],
    ["remove fd, it's how I kill time", "fd", "time"],
    ["uninstall ripgrep since I use it less", "ripgrep", "less"],
    ["remove fd, then I just watch", "fd", "watch"],
    ["drop bat, most of it is noise", "bat", "most"],
    ["remove fzf. the dust settles", "fzf", "dust"],
    ["remove fd, it only takes up time", "fd", "time"],
    ["remove bat, it just makes the tree noisy", "bat", "tree"],
    ["remove fd, I'd rather lose less time", "fd", "less"],
    ["remove fd, I kill time with it", "fd", "time"],
    ["remove fd, it's how I want to kill time", "fd", "time"],
  ];
  for (const [line, kept, word] of cases)
    it(`${line} → ${word} stays`, async () => {
      const { last, conv } = await dialogue(FACTS, [line]);
      expect(named(last, "removeRecipe")).toContain(kept);
      expect(named(last, "removeRecipe")).not.toContain(word);
      expect(conv.pending.some((c) => c.tool === "removeRecipe" && c.args.name === word)).toBe(false);
    });
});
