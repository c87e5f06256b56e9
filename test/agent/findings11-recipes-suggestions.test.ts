import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Retired held-out set dev13-keep: "is there a better grep?", "is there something for json?", "do
 * you have a nicer cat?" got "I can't answer that from here". A question for a program of a kind
 * or for a better classic command is answered with the recipe, whose install is offered, never
 * made (agent/rules/recipeSuggestions.ts).
 */
const BASE = fixtureFacts("findings11-recipes");
const FEW = FactsSchema.parse({ ...BASE, installed: ["git", "vim"] });

describe("a question for a better command or a kind of program offers its recipe", () => {
  const cases: [string, string][] = [
    ["is there a better grep?", "ripgrep"],
    ["is there something for json?", "jq"],
    ["do you have a nicer cat?", "bat"],
    ["any good alternative to less?", "bat"],
    ["is there a prettier ls?", "eza"],
    ["is there a faster find?", "fd"],
    ["anything for yaml files?", "yq"],
    ["do you have a modern du?", "dust"],
    ["what's a better diff tool?", "delta"],
    ["is there a replacement for cd that remembers folders?", "zoxide"],
    ["do you have a terminal multiplexer?", "tmux"],
  ];
  for (const [line, name] of cases)
    it(`${line} → offers ${name}, installs nothing`, async () => {
      const { last, conv } = await dialogue(FEW, [line]);
      expect("reply" in last && last.offer?.calls).toEqual([{ tool: "installRecipe", args: { name } }]);
      expect(conv.pending).toEqual([]);
    });

  it("installed already: said, nothing offered", async () => {
    const { last } = await dialogue(BASE, ["is there something for json?"]);
    expect("reply" in last && last.reply).toMatch(/jq is already installed/);
    expect("reply" in last && last.offer).toBeUndefined();
  });
  it("two recipes of the kind: both named, none offered", async () => {
    const { last } = await dialogue(FEW, ["is there a text editor?"]);
    expect("reply" in last && last.reply).toMatch(/helix and neovim/);
    expect("reply" in last && last.offer).toBeUndefined();
  });
  it("controls: a question about disks or time zones offers no program", async () => {
    for (const line of ["is there a better way to find the disk?", "what time zone is best?"]) {
      const { last } = await dialogue(FEW, [line]);
      expect("reply" in last && last.offer?.calls.some((c) => c.tool === "installRecipe")).toBeFalsy();
    }
  });
});
