import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Answers to the pending plan as people who never read our rules give them (retired held-out
 * sets dev13*): a yes or a no in their own language ("ja, passt", "sí, adelante", "nein, lass
 * es"), with idioms ("do the needful"), with a verdict that opens like a question ("ok is fine,
 * please go now"), with a reason after a no ("I will back up first"), and "not yet" as a pause.
 */
const F = fixtureFacts("findings6-a");
const PLAN = "add ripgrep and jq";

describe("a yes in the speaker's own words confirms the plan", () => {
  for (const s of [
    "ja, passt",
    "passt so, los",
    "alles klar, mach",
    "ja bitte, installieren",
    "sí, adelante",
    "vale, dale",
    "bueno, confirmo",
    "d'accord, allez-y",
    "merci, c'est bon",
    "va bene, vai",
    "tak, dalej",
    "sim, pode",
    "kindly do the needful",
    "all good, kindly proceed",
    "ok is fine, please go now",
    "is good, go",
    "ys",
    "got it. now yes",
  ])
    it(`"${s}"`, async () => {
      const { last } = await dialogue(F, [PLAN, s]);
      expect(last).toEqual({ confirm: true });
    });
});

describe("a no in the speaker's own words, or with a reason, says no", () => {
  for (const s of [
    "nein, lass es",
    "nein danke, abbrechen",
    "non, annuler",
    "no, cancela",
    "no, I changed my mind, nothing today",
    "hmm no, cancel, I will back up first",
    "no wait, don't do anything, I'll come back later",
    "nah, nothing for now",
    "nie, dziękuję",
  ])
    it(`"${s}"`, async () => {
      const { last } = await dialogue(F, [PLAN, s]);
      expect(last).toEqual({ confirm: false });
    });
});

describe('"not yet" with a reason pauses: the plan stays, nothing runs', () => {
  for (const s of [
    "not yet, I ask my boss first",
    "hmm, not yet, I must copy my files first",
    "not now, I'll check with my wife first",
    "not yet, let me think",
    "wait, not yet, I need to back up",
    "noch nicht, ich muss erst sichern",
    "pas encore, je dois sauvegarder",
    "todavía no, I ask first",
    "not today, I'm too tired",
  ])
    it(`"${s}"`, async () => {
      const { conv, last } = await dialogue(F, [PLAN, s]);
      expect("reply" in last).toBe(true);
      expect(conv.pending.map((c) => c.tool)).toEqual(["installRecipe", "installRecipe"]);
    });

  for (const s of ["not yet", "noch nicht", "pas encore", "todavía no"])
    it(`a bare "${s}" is the no it was, and runs nothing`, async () => {
      expect((await dialogue(F, [PLAN, s])).last).toEqual({ confirm: false });
    });

  it("a real no with it is still a no, and a request after it is read", async () => {
    expect((await dialogue(F, [PLAN, "nah not yet"])).last).toEqual({ confirm: false });
    expect((await dialogue(F, [PLAN, "no, not now"])).last).toEqual({ confirm: false });
    const { last } = await dialogue(F, [PLAN, "not yet, also htop"]);
    expect("calls" in last && last.calls.map((c) => c.args)).toEqual([{ name: "htop" }]);
  });
});

describe("words around a yes that ask for something still make it a request", () => {
  for (const s of ["ja, und htop", "sí, pero sin jq", "ok is fine? what does it install"])
    it(`"${s}" confirms nothing`, async () => {
      const { last } = await dialogue(F, [PLAN, s]);
      expect(last).not.toEqual({ confirm: true });
    });
});
