import { describe, expect, it } from "vitest";
import { conjuncts, haltShape, literalConfirm, negatedObstacle } from "../../agent/planAnswerClauses.js";
import { readAnswerShape } from "../../agent/planAnswerShape.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 23: more answer SHAPES to a pending plan (agent/planAnswerClauses.ts), read
 * where every reader before found nothing: a phrasal verb on the plan toward its end ("Wrap it
 * up."), go shapes joined by "and" ("Knead it and bake it"), participles joined ("Signed and
 * sealed."), a negated obstacle beside a go ("No worries, frost it."), the decision written out
 * ("=CONFIRM(TRUE)"); and on the stop side a clause headed by a halt, a negated command on the plan
 * or a bare negation ("Hold the dough.", "Lid on, don't pour yet.", "Nein, warte."), which is
 * confirm:false and runs nothing. A go runs a plan that may erase a disk: every refusal below, in
 * registers we made up, must never confirm. The sentences are ours, none from a data set.
 * DESK: Crucial nvme0n1 (empty), Seagate sda, Samsung sdb.
 */
const DESK = fixtureFacts("findings19-t15-f2-desktop");

/** The decision for `text` with "install ripgrep and bat" pending. */
async function answer(text: string): Promise<Decision> {
  const { decisions } = await dialogue(DESK, ["install ripgrep and bat", text]);
  expect(decisions[0]).toHaveProperty("calls");
  return decisions[1]!;
}

const SLOTS = {
  things: new Set(["ripgrep", "bat", "sda", "sdb", "nvme0n1", "samsung"]),
  recipes: ["ripgrep", "bat"],
};

describe("new go shapes, in registers no list holds", () => {
  for (const p of [
    // VERB it up|in|on
    "Wrap it up.",
    "Dial it in.",
    "Crank it up.",
    "Fire it up.",
    "Spin it up.",
    "Whip it up.",
    "Stir it up.",
    "Reel it in.",
    "Tuck it in.",
    // go shapes joined by "and"
    "Knead it and bake it.",
    "Sand it and stain it.",
    "Chop it and fry it",
    "Mix and pour.",
    "Shake and bake.",
    // participles joined
    "Signed and sealed.",
    "Approved and notarized.",
    "Inspected and tagged.",
    // a go without an obstacle
    "Accepted without reservations.",
    "Approved without objection.",
    // a negated obstacle beside a go
    "No worries, frost it.",
    "No problem. Stitch it.",
    "Don't wait, weld it.",
    "Nothing else, glaze it.",
    "No objections. Launch the regatta.",
    "Not a problem, carve away.",
    // base forms that end like -ing
    "Great, swing away.",
    "Bring it.",
    "Fling it!",
    // the decision written out
    "=CONFIRM(TRUE)",
    "confirm(true)",
  ])
    it(`"${p}" confirms`, async () => {
      expect(await answer(p)).toEqual({ confirm: true });
    });
});

describe("refusals in the new shapes never confirm", () => {
  for (const p of [
    // phrasal verbs that hold back, store, quit or raise later
    "Pack it in.",
    "Rein it in.",
    "Box it up.",
    "Lock it up.",
    "Hang it up.",
    "Hold it up.",
    "Give it up.",
    "Tie it up.",
    "Cover it up.",
    "Turn it in.",
    "Bring it up with the board.",
    "Put it on hold.",
    "Tone it down.",
    "Turn it down.",
    "Cut it out.",
    "Take it out.",
    "Hash it out first.",
    "Pull the plug.",
    "Stand down.",
    // joined by "and"
    "Wait and see.",
    "Stop and think.",
    "Sit and wait.",
    "Pause and reflect.",
    "Reflect and decide.",
    "Sleep on it and call me.",
    "Reviewed and rejected.",
    "Signed and shelved.",
    "Frost it and wait.",
    // a negation that is no obstacle's
    "No rush.",
    "No rush, frost it.",
    "Not until Friday, then frost it.",
    "No worries, I'll wait.",
    "No problem, but hold on.",
    "No, problems.",
    "No worries if not.",
    "Nothing else for now.",
    "No more.",
    "Don't, wait.",
    "Don't wait for me to check it.",
    // the decision written out, refused or hedged
    "=CONFIRM(FALSE)",
    "confirm(true) later",
  ])
    it(`"${p}" does not confirm`, async () => {
      expect(await answer(p)).not.toEqual({ confirm: true });
    });
});

describe("a clause headed by a halt, a negated command or a bare negation refuses", () => {
  for (const p of [
    "Hold the dough.",
    "Halt the parade.",
    "Whoa there, don't plant it yet.",
    "Lid on, don't pour yet.",
    "Hold the dough. I'll sleep on it.",
    "Nein, warte.",
    "Non, attends.",
    "Nie, czekaj.",
    "Nej, vänta.",
    "=CONFIRM(FALSE)",
  ])
    it(`"${p}" is confirm:false`, async () => {
      expect(await answer(p)).toEqual({ confirm: false });
    });
  it("a halt beside a go, or naming a thing here, is not read as a refusal", () => {
    expect(readAnswerShape("Hold on. Frost it.", SLOTS)).toBeUndefined();
    expect(readAnswerShape("Hold the samsung.", SLOTS)).toBeUndefined();
    expect(readAnswerShape("Hold on, is it safe?", SLOTS)).toBeUndefined();
  });
});

describe("the pieces of the shapes", () => {
  it("conjuncts part on and, &, n", () => {
    expect(conjuncts(["grip", "it", "and", "rip", "it"])).toEqual([
      ["grip", "it"],
      ["rip", "it"],
    ]);
    expect(conjuncts(["rock", "n", "roll"])).toEqual([["rock"], ["roll"]]);
    expect(conjuncts(["frost", "it"])).toBeUndefined();
    expect(conjuncts(["and", "frost"])).toBeUndefined();
  });
  it("a negation's scope: an obstacle or a delay is assent, a time is not", () => {
    for (const p of ["no worries", "no problem", "don't wait", "not a concern", "nothing else"])
      expect(negatedObstacle(p.split(" ")), p).toBe(true);
    for (const p of ["not yet", "no rush", "not until", "no", "not now", "don't", "nothing"])
      expect(negatedObstacle(p.split(" ")), p).toBe(false);
  });
  it("the decision written out says one value", () => {
    expect(literalConfirm("=CONFIRM(TRUE)")).toBe(true);
    expect(literalConfirm("confirm(false);")).toBe(false);
    expect(literalConfirm("confirm(true) lol")).toBeUndefined();
  });
  it("halt heads", () => {
    expect(haltShape([["hold", "the", "saw"]])).toBe(true);
    expect(haltShape([["hold", "it", "at", "the", "depot"]])).toBe(true);
    expect(haltShape([["non"], ["espera"]])).toBe(true);
    // a bare wait is a pause (the plan stays, asked); a negation with a reason of one's own too
    expect(haltShape([["whoa", "there"]])).toBe(false);
    expect(haltShape([["hold", "on"]])).toBe(false);
    expect(haltShape([["no"], ["i", "must", "back", "up", "first"]])).toBe(false);
    // a negation later in the turn answers what was said before it
    expect(haltShape([["give", "everyone", "sudo"], ["nah"]])).toBe(false);
    expect(haltShape([["don't", "shoot", "yet"]])).toBe(true);
    expect(haltShape([["don't", "forget", "the", "swap"]])).toBe(false);
    expect(haltShape([["no", "worries"]])).toBe(false);
  });
});

describe("known misreads", () => {
  it('"Cut!" (a film set\'s stop) never confirms', async () => {
    expect(await answer("Cut!")).not.toEqual({ confirm: true });
  });
  it('"Cut it." stays no go: a cut of the plan may be its end', async () => {
    expect(await answer("Cut it.")).not.toEqual({ confirm: true });
  });
  it('"Non, espera, aínda non." (Galician) refuses', async () => {
    expect(await answer("Non, espera, aínda non.")).toEqual({ confirm: false });
  });
  it('"Não, espera." (Portuguese) refuses', async () => {
    expect(await answer("Não, espera.")).toEqual({ confirm: false });
  });
  it("a go shape with a letter outside plain English is still not read as a go", () => {
    expect(readAnswerShape("Reel it ín.", SLOTS)).toBeUndefined();
  });
});
