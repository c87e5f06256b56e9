import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { callsOf } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Retired held-out set dev13-keep: "I only want lazygit gone" planned an install of lazygit, "the
 * fzf, jq, zoxide must stay" installed fzf and jq, "undo, I still need it for my prompt" after
 * "remove starship" installed starship, "revert that" after "remove htop" did nothing. A program's
 * fate said with "gone", "must stay", "still need" is a removal or a keep
 * (agent/rules/recipeKeeps.ts); "keep A, B and C" keeps every name of the list; "undo" and
 * "revert that" take the last change back (agent/safety/cancelStep.ts).
 */
const FACTS = fixtureFacts("findings11-recipes");

const tools = (ds: Decision[]) =>
  ds.flatMap((d) => callsOf(d).map((c) => `${c.tool}:${(c.args as { name?: string }).name ?? ""}`));
const steps = (pending: readonly { tool: string; args: unknown }[]) =>
  pending.map((c) => `${c.tool}:${(c.args as { name?: string }).name ?? ""}`).sort();

describe("'X gone' asks for X's removal, never its install", () => {
  const cases = [
    "I only want lazygit gone",
    "is it possible to leave git alone? I only want lazygit gone",
    "I want lazygit out",
    "I want lazygit off my machine",
    "want lazygit off the system pls",
    "can you get lazygit gone",
    "want the lazygit gone, thanks",
    "honestly I would like lazygit gone",
  ];
  for (const line of cases)
    it(`${line} → remove lazygit`, async () => {
      const { decisions } = await dialogue(FACTS, [line]);
      const said = tools(decisions);
      expect(said).not.toContain("installRecipe:lazygit");
      expect(said).not.toContain("removeRecipe:git");
      expect(said).toContain("removeRecipe:lazygit");
    });
});

describe("'X must stay' and 'keep A, B and C' keep every program named, install none", () => {
  const cases = [
    "the fzf, jq, zoxide must stay. rest I don't know yet",
    "fzf, jq and zoxide have to remain",
    "keep fzf, jq and zoxide",
    "keep the fzf and the jq and zoxide",
    "fzf and jq should stay",
    "jq must stay, fzf too",
    "please keep fzf, jq, zoxide",
    "my fzf & jq are to stay",
  ];
  for (const line of cases)
    it(`${line} → nothing installed or removed`, async () => {
      const { decisions } = await dialogue(FACTS, [line]);
      expect(tools(decisions)).toEqual([]);
    });

  it("remove helix, keep fzf, jq and zoxide → only helix", async () => {
    const { decisions } = await dialogue(FACTS, ["remove helix, keep fzf, jq and zoxide"]);
    expect(tools(decisions)).toEqual(["removeRecipe:helix"]);
  });
  it("control: keep fzf and remove jq → jq", async () => {
    const { decisions } = await dialogue(FACTS, ["keep fzf and remove jq"]);
    expect(tools(decisions)).toEqual(["removeRecipe:jq"]);
  });
});

describe("'I still need it' and 'undo'/'revert' after a removal take it back", () => {
  const cases = [
    "undo, I still need it for my prompt",
    "I still need it",
    "revert that",
    "revert",
    "undo!",
    "hmm, roll back that",
    "we still use it",
    "i actually still need starship",
    "undo that, sorry",
  ];
  for (const line of cases)
    it(`remove starship → ${line} → nothing planned, nothing installed`, async () => {
      const { conv, decisions } = await dialogue(FACTS, ["remove starship", line]);
      expect(tools(decisions.slice(1))).toEqual([]);
      expect(conv.pending).toEqual([]);
    });

  it("with an earlier step planned, 'revert that' takes back only the last change", async () => {
    const { conv } = await dialogue(FACTS, ["install bat", "remove starship", "revert that"]);
    expect(steps(conv.pending)).toEqual(["installRecipe:bat"]);
  });
  it("control: 'i need bat' (not installed) installs it", async () => {
    const { decisions } = await dialogue(FACTS, ["i need bat"]);
    expect(tools(decisions)).toEqual(["installRecipe:bat"]);
  });
});
