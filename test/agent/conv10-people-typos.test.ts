import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round ten (the lead's decision) offered every misspelled install; round 24 (fixR24,
 * agent/rules/recipeTypos.ts) installs a misspelled name where exactly one recipe is that close, as
 * the fresh sets' writers expect. An install destroys nothing and is read back before it runs; a
 * misspelled REMOVAL stays an offer (conv9-people-removals). A name said right, an alias (asked as
 * before), and a near word beside the right name are unchanged. Sentences of our own, in no data set.
 */
const I = fixtureFacts("findings3-d");
type Call = { tool: string; args?: unknown };
const offered = (d: unknown): Call[] => (d as { offer?: { calls: Call[] } }).offer?.calls ?? [];
const installs = (cs: readonly Call[]) =>
  cs.filter((c) => c.tool === "installRecipe").map((c) => (c.args as { name: string }).name);

describe("a misspelled install of the one close recipe is that install", () => {
  for (const [line, want] of [
    ["instal lazygti", ["lazygit"]],
    ["add hyperfien pls", ["hyperfine"]],
    ["get me btopp", ["btop"]],
    ["install dlta", ["delta"]],
    ["can you add fzff", ["fzf"]],
    ["i want ezaa and dust", ["eza", "dust"]],
    ["install lazygti and hyperfien", ["lazygit", "hyperfine"]],
  ] as const) {
    it(`"${line}" → install ${want.join(", ")}`, async () => {
      const { conv } = await dialogue(I, [line]);
      expect(installs(conv.pending).sort()).toEqual([...want].sort());
    });
  }
  it('"no" after it refuses the plan read back: nothing runs, the plan stays (round 24 ruling)', async () => {
    const { conv, decisions } = await dialogue(I, ["instal lazygti", "no"]);
    expect(decisions[1]).toEqual({ confirm: false });
    // confirm:false is "not now": the step stays for an edit, and only "start over" drops it
    expect(installs(conv.pending)).toEqual(["lazygit"]);
  });
});

describe("names said right stay direct installs", () => {
  for (const [line, want] of [
    ["install lazygit", ["lazygit"]],
    ["add hyperfine and btop", ["hyperfine", "btop"]],
    ["install all the rust cli stuff: eza dust", ["eza", "dust"]],
    ["Install Delta please", ["delta"]],
    ["get fzf", ["fzf"]],
    ["install btop, thanks", ["btop"]],
  ] as const) {
    it(`"${line}"`, async () => {
      const { conv } = await dialogue(I, [line]);
      expect(installs(conv.pending).sort()).toEqual([...want].sort());
    });
  }
  it('an alias is asked as before: "install lg" offers lazygit', async () => {
    const { last } = await dialogue(I, ["install lg"]);
    expect(installs(offered(last))).toEqual(["lazygit"]);
  });
});
