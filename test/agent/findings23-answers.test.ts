import { describe, expect, it } from "vitest";
import { readGoStop } from "../../agent/goStop.js";
import { readAnswerShape } from "../../agent/planAnswerShape.js";
import { leavesAlone } from "../../agent/planAnswerWords.js";
import type { ConversationView } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 22: answers to a pending plan read by STRUCTURE (agent/planAnswerShape.ts),
 * where every reader before found nothing. A register's go verb is open ("Frost it.", "Knead
 * away.", "Let's boogie.", "Launch the regatta.", "Blueprint approved."); the stop side is a closed
 * class read anywhere in the turn (agent/planAnswerWords.ts), and a turn in words this reading
 * cannot read is asked. A go runs a plan that may erase a disk: every refusal below, in registers
 * and idioms we made up, must never confirm. The sentences are ours, none from a data set.
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

describe("a go by its shape, in registers no list holds", () => {
  for (const p of [
    // VERB it
    "Frost it.",
    "Stitch it.",
    "Glaze it.",
    "Weld it.",
    "Brand it.",
    "Emboss it.",
    "Print it.",
    "Carve it.",
    "Sculpt it.",
    "Paint it.",
    // VERB away
    "Brew away.",
    "Knead away.",
    "Drill away.",
    // let's VERB, we VERB, now VERBing
    "Let's boogie.",
    "Let's jam.",
    "Let's rumble.",
    "We feast.",
    "Now boarding.",
    "Now serving.",
    // start X, with X the register's name for the plan
    "Launch the regatta.",
    "Begin the harvest.",
    "Commence the recital.",
    "Execute the manoeuvre.",
    "Submit the manuscript.",
    "Proceed with the surgery.",
    "Let the regatta begin.",
    // approval forms
    "Blueprint approved.",
    "Manuscript cleared.",
    "Budget signed off.",
    "Vetted.",
    // beside assent, with emphasis and fillers
    "Lovely, frost it.",
    "Perfect. Stitch it!",
    "Good, weld it!!",
    "The rest is fine, carve away.",
    "ok just print it",
    "Glaze it now please.",
    "Looks good to me. Frost it.",
    "Everything's ready, launch the regatta.",
    "Chart approved. Sail it.",
    "Proofs checked. Print it.",
  ])
    it(`"${p}" confirms`, async () => {
      expect(await answer(p)).toEqual({ confirm: true });
    });
});

describe("a refusal, a delay, a condition or a doubt is never a go", () => {
  for (const p of [
    "Let it simmer.",
    "Let it marinate.",
    "Let it go.",
    "Let it be.",
    "Not tonight.",
    "Hang tight.",
    "I'll ring you back.",
    "Sleep on it.",
    "Let's sit on it.",
    "Table it.",
    "Mothball it.",
    "Let's circle back.",
    "Rain check.",
    "Hold your horses.",
    "Shelve the expedition.",
    "Keep it on ice.",
    "Let's not.",
    "Nah, ice it.",
    "Back to the drawing board.",
    "Cool your jets.",
    "Pump the brakes.",
    "Freeze it.",
    "Let me check with legal.",
    "After lunch.",
    "Once the concrete cures.",
    "Steady, steady.",
    "Wait for my signal.",
    "Stow it.",
    "Don't frost it.",
    "Never launch it.",
    "Maybe frost it.",
    "Frost it tomorrow.",
    "Frost it?",
    "Frost it. jk",
    "Frost it if the baker agrees.",
    "Frost it, but not the top tier.",
    "Hmm, frost it.",
    "Ask the foreman.",
    "Read it back to me.",
    "Rehearse it.",
    "Let's regroup.",
    "We wait.",
    "We retreat.",
    "Run away!",
    "Go away.",
    "Chill.",
    "Brb.",
    "Got it.",
    "Pencil it in.",
    "Queue it.",
    "Schedule it.",
    "Not my call, ask the owner.",
    "Wind it down.",
    "Knock it off.",
    "Abandon it.",
    "Punt it.",
    "Unplug it.",
    "Dock it.",
    "Bag it.",
    "Escalate it.",
    "Eyeball it.",
    "Defer the pour.",
    "Let's take five.",
    "Nuke it.",
    "Rethink it.",
    "Sunset it.",
    "Run the tests.",
    "Start the browser.",
    "Torch it.",
    "Expunge it.",
    "Update everything.",
    "Pick it.",
  ])
    it(`"${p}" does not confirm`, async () => {
      expect(await answer(p)).not.toEqual({ confirm: true });
    });
});

describe("a turn in words this reading does not know is asked", () => {
  for (const p of [
    "Attendez.",
    "Aspetta un attimo.",
    "Počkaj malo.",
    "Nolo.",
    "Kusubiri kidogo.",
    "Bekle biraz.",
  ])
    it(`"${p}" does not confirm`, async () => {
      expect(await answer(p)).not.toEqual({ confirm: true });
    });
  it("a go shape with a letter outside plain English is not read", () => {
    expect(readAnswerShape("Frost it.", SLOTS)).toBe(true);
    expect(readAnswerShape("Frøst it.", SLOTS)).toBeUndefined();
    // ("Izvedi." is a known yes word since fixK24: agent/yesnoLexicon.ts)
    expect(readAnswerShape("Sprovedi.", SLOTS)).toBeUndefined();
  });
});

describe("a go shape never names a thing of this machine or plan, nor another task", () => {
  for (const p of [
    "Launch ripgrep.",
    "Execute the samsung.",
    "Start the browser.",
    "Run the tests.",
    "Frost sda.",
  ])
    it(`"${p}" is no go`, () => {
      expect(readAnswerShape(p, SLOTS)).toBeUndefined();
    });
});

describe("a verb that throws the plan away, with the plan as its object, refuses", () => {
  for (const p of [
    "Park it.",
    "Shelve the order.",
    "Scrap the whole thing.",
    "Call the whole thing off.",
    "Hard pass for now.",
    "Ditching this.",
  ])
    it(`"${p}" refuses`, async () => {
      expect(await answer(p)).toEqual({ confirm: false });
    });
  it('"Park it. Frost it." is mixed: asked', () => {
    expect(readAnswerShape("Park it. Frost it.", SLOTS)).toBeUndefined();
  });
  it('"Killing it." praises: no refusal', () => {
    expect(readAnswerShape("Killing it.", SLOTS)).not.toBe(false);
  });
});

describe("the shape answers only the plan, never an open question", () => {
  it('"Frost it." after my question for a name does not confirm', async () => {
    const { last } = await dialogue(DESK, ["install ripgrep", "add a user", "Frost it."]);
    expect(last).not.toEqual({ confirm: true });
  });
  it('"Frost it." with nothing pending confirms nothing', async () => {
    const { last } = await dialogue(DESK, ["Frost it."]);
    expect(last).not.toHaveProperty("confirm");
  });
});

describe("the plan left alone in go words is never a go, whoever reads it", () => {
  it("leavesAlone reads the let-it and the going-away shapes", () => {
    for (const p of ["Let it simmer.", "let it go", "Go away!", "Walk away.", "let things slide"])
      expect(leavesAlone(p), p).toBe(true);
    for (const p of ["Let it rip.", "let it roll", "Fire away.", "Demo away", "go ahead"])
      expect(leavesAlone(p), p).toBe(false);
  });
  it('the word reader no longer confirms "Let it simmer."', () => {
    const conv = {
      user: "Let it simmer.",
      pending: [{ tool: "installRecipe", args: { name: "ripgrep" } }],
      turns: [],
      protections: [],
    } as unknown as ConversationView;
    expect(readGoStop(conv, DESK)).toBeUndefined();
  });
});
