import { describe, expect, it } from "vitest";
import { REWRITE_STEPS, type RewriteContext, type RewriteStep, rewrite } from "../../agent/rewriteSteps.js";
import type { Decision } from "../../tools/decision.js";
import { fixtureFacts } from "./helpers/dialogue.js";

/**
 * agent/rewriteSteps.ts: the user's words said plainly by one ordered list of steps. The order of
 * some steps is what makes a turn read right; those pairs are pinned here, each with a turn that
 * reads wrong when the order is undone. Every step is a pure function of the words and the turn's
 * context: the chat and the eval call it twice per turn (view, then record) and must read the same.
 */

const facts = fixtureFacts("live-samsung-wd");
const plain: RewriteContext = { facts, last: undefined, pending: [], offer: undefined };

const names = REWRITE_STEPS.map((s) => s.name);

/** The list with step `name` moved to stand right after step `after`. */
function moved(name: string, after: string): RewriteStep[] {
  const step = REWRITE_STEPS.find((s) => s.name === name)!;
  const rest = REWRITE_STEPS.filter((s) => s.name !== name);
  rest.splice(rest.findIndex((s) => s.name === after) + 1, 0, step);
  return rest;
}

function expectBefore(first: string, later: string): void {
  expect(names, `${first} is a step`).toContain(first);
  expect(names, `${later} is a step`).toContain(later);
  expect(names.indexOf(first), `${first} before ${later}`).toBeLessThan(names.indexOf(later));
}

describe("the order of the rewrite steps", () => {
  it("names every step once", () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it("hides a password typed as an answer first, and reads the finished turn's plain words last", () => {
    expect(names[0]).toBe("hidePasswordAnswer");
    expect(names.at(-1)).toBe("plainWords");
  });

  it("folds look-alike letters before any step that matches plain letters", () => {
    for (const later of names.slice(names.indexOf("foldLookAlikes") + 1))
      expectBefore("foldLookAlikes", later);
    // undone, a password typed in full-width letters would reach the readers in clear
    const typed = "user tom, ｐａｓｓｗｏｒｄ tom123";
    expect(rewrite(typed, plain).text).not.toContain("tom123");
    expect(rewrite(typed, plain, moved("foldLookAlikes", "scrubSecrets")).text).toContain("tom123");
  });

  it("translates other languages before the split negations are joined and before the keep words", () => {
    for (const later of [
      "joinSplitNegations",
      "sayNoThenKeep",
      "sayStructuredLines",
      "sayRetractions",
      "sayJokeRetractions",
      "sayQuestionProtections",
      "sayKeptNamedAfter",
      "sayRatherThan",
    ])
      expectBefore("inEnglish", later);
    // "remove, never, git" in German: joined only once its verb is English
    expect(rewrite("entferne, never, git", plain).text).toBe("do not remove git");
    expect(rewrite("entferne, never, git", plain, moved("inEnglish", "joinSplitNegations")).text).not.toMatch(
      /\bdo not remove git\b/,
    );
    expect(rewrite("do not, por favor, borra sda", plain).text).toBe("do not erase sda");
  });

  it("joins split negations before the steps that read a keep or a refusal in one clause", () => {
    for (const later of ["sayNoThenKeep", "sayQuestionProtections", "sayKeptNamedAfter", "sayRatherThan"])
      expectBefore("joinSplitNegations", later);
  });

  it("reads the parenthesised jokes before the texting jokes, and whole product names before both", () => {
    expectBefore("sayCompoundNames", "sayRetractions");
    expectBefore("sayRetractions", "sayJokeRetractions");
  });

  it("says every disk meant (drive letters, menu picks, 'no is the') before the self-corrections", () => {
    for (const first of ["sayDriveLetters", "sayMenuPick", "sayNoIsThe"])
      expectBefore(first, "diskCorrections");
  });
});

describe("rewrite", () => {
  it("returns the disks a self-correction replaced", () => {
    const out = rewrite("put it on sda, sorry, nvme0n1", plain);
    expect(out.text).toMatch(/nvme0n1/);
    expect(out.corrected.length).toBeGreaterThan(0);
    expect(rewrite("install on nvme0n1", plain).corrected).toEqual([]);
  });
});

describe("each rewrite step is a pure function of its input", () => {
  const sudoAsked: Decision = { reply: "Who should have sudo?" };
  const guessed: Decision = {
    reply: "Do you mean helix?",
    offer: { calls: [{ tool: "installRecipe", args: { name: "helix" } }] },
  };
  const menu: Decision = {
    reply: "Which disk should I install onto: /dev/nvme0n1 (WD_BLACK) or /dev/sda (Samsung)?",
  };
  const contexts: RewriteContext[] = [
    plain,
    {
      facts,
      last: sudoAsked,
      pending: [
        { tool: "createUser", args: { username: "ben", sudo: false } },
        { tool: "createUser", args: { username: "ana", sudo: false } },
      ],
      offer: undefined,
    },
    { facts, last: guessed, pending: [], offer: guessed.offer },
    {
      facts,
      last: menu,
      pending: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "whole" } }],
      offer: undefined,
    },
  ] as RewriteContext[];
  const turns = [
    "install ripgrep",
    "ｄｏｎ'ｔ wipe sda",
    "s d a",
    "entferne htop",
    "do not, under any circumstances, erase sda",
    "no keep the samsung",
    "yes, just not git",
    "ben only, not ana",
    "user tom password hunter2",
    "- keep: samsung\n- disk: nvme0n1",
    "remove git hub desktop",
    "remove git (kidding) and htop",
    "remove tmux and git, jk about git",
    "is it ok if the samsung stays untouched?",
    "don't touch my drive, its the samsung",
    "install on the WD rather than the samsung",
    "sudo make me a sandwich",
    "format C:",
    "2",
    "no is the samsung",
    "put it on sda, sorry, nvme0n1",
    "create mom and dad, both admins",
    "",
  ];

  it("gives the same words for the same words twice, whatever ran in between, and changes no context", () => {
    for (const ctx of contexts) {
      const before = JSON.stringify([ctx.pending, ctx.last, ctx.offer]);
      const first = REWRITE_STEPS.map((step) => turns.map((t) => step.apply(t, ctx)));
      // the whole list over every turn in between, then each step again in the other order of
      // turns: a step that kept state (a /g regex's lastIndex, a cache of the last turn) answers
      // differently the second time
      for (const t of turns) rewrite(t, ctx);
      const second = REWRITE_STEPS.map((step) =>
        [...turns]
          .reverse()
          .map((t) => step.apply(t, ctx))
          .reverse(),
      );
      for (const [i, step] of REWRITE_STEPS.entries()) expect(second[i], step.name).toEqual(first[i]);
      expect(JSON.stringify([ctx.pending, ctx.last, ctx.offer])).toBe(before);
    }
  });

  it("reads a turn the same in view and in record (the whole list twice)", () => {
    for (const ctx of contexts)
      for (const t of turns) expect(rewrite(t, ctx), JSON.stringify(t)).toEqual(rewrite(t, ctx));
  });

  it("does something: the list changes the turns it is for", () => {
    const changed = turns.filter((t) => rewrite(t, plain).text !== t);
    expect(changed.length).toBeGreaterThan(10);
  });
});
