import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 27 (fixC27): answers to what the product just said.
 * - A yes hedged by doubt, put off, tied to a condition, or said after a sound of hesitation is not
 *   a yes (tester 26 W6, attacker 26 F9/F10): it never confirms the plan or takes an offer (the
 *   offer stays open); an answer that is only unsure and names nothing gets a reply that keeps
 *   everything (agent/safety/unsureYes.ts). An acknowledgement right after the person held the plan
 *   ("no" … "ok") runs nothing (agent/safety/ackAfterHold.ts). "hold on, not yet" is a pause.
 * - A go verb of moving on ("ok then just continue", "ok start") passes over a question of mine
 *   that asks for a choice or a name, and confirms the pending plan (agent/safety/openQuestion.ts);
 *   a yes/no question is not passed over.
 * - The plan said back as it is, then a clear go: the go (agent/safety/unchanged.ts).
 * - "that means yes", "that's a yes", "my answer is yes": the words before declared a yes
 *   (agent/planAnswerReported.ts declaredAnswer); pt/es "pode confirmar", "puedes proceder".
 * - "ugh ok. no then, leave everything as it is": the no, the plan kept (agent/answerTurn.ts).
 */
const BLANK = inferLiveMedium(fixtureFacts("findings25-lead-two-blank")); // blank sda, blank nvme0n1, live sdb
const INST = fixtureFacts("findings25-lead-inst"); // installed: ripgrep, fd, bat; helix and jq to install
// sda: Windows and free space; nvme0n1: ext4 "windows-backup"; sdb: USB ntfs "Photos"
const MULTI = fixtureFacts("findings28-fixC27-multi");

const tools = (conv: { pending: readonly { tool: string }[] }) => conv.pending.map((c) => c.tool);
const erases = (d: object) => "calls" in d && JSON.stringify(d).includes('"partitionDisk"');

const UNSURE = [
  // hesitation before a soft yes
  "hmm ok",
  "uhh ok",
  "meh ok",
  "well ok",
  "um sure...",
  "ugh fine",
  "erm, fine",
  "hm ok",
  // doubt
  "yes I guess",
  "ok I suppose",
  "go, I guess",
  "yeah probably",
  "sure, maybe",
  "I think so",
  "perhaps",
  "maybe",
  "idk, ok",
  "ok if you say so",
  "yes, I'm not sure though",
  // put off
  "ok, I'll think about it",
  "ok I will think about it",
  "cool, brb",
  "sure, after I check",
  "sure, let me check first",
  "ok, give me a minute",
  "ok tomorrow",
  "yes, but later",
  "yes, I need to ask my wife first",
  "fine, let me sleep on it",
  "ok once I've looked it over",
  // a condition
  "ok if you are sure",
  "yes, as long as nothing else is touched",
  "sure, provided it works",
  "go, unless something breaks",
];

describe("a yes hedged by doubt, put off or conditional never runs the plan", () => {
  for (const line of UNSURE)
    it(`"${line}" runs nothing and keeps the plan`, async () => {
      const { last, conv } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).not.toEqual({ confirm: true });
      expect(last).toHaveProperty("reply");
      expect(tools(conv)).toEqual(["partitionDisk"]);
    });

  // the safety side: a yes that is a yes, with a sound or a shrug beside a firm go, still goes
  for (const line of [
    "ok",
    "sure",
    "yes",
    "meh fine. yes go",
    "hmm, yes, do it",
    "ugh. fine. go",
    "whatever, go",
    "fine whatever, go",
    "later is fine. go",
    "okay... go",
    "I'm reading the plan... fine. go",
  ])
    it(`"${line}" still confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: true });
    });
});

describe("a hedged yes never takes an offered erase, and the offer stays open", () => {
  const ASK = "keep windows, wipe the other one";
  for (const line of [
    "hmm ok",
    "uhh ok",
    "meh ok",
    "well ok",
    "um sure...",
    "yes I guess",
    "sure, after I check",
    "maybe",
    "I guess?",
    "ok, I'll think about it",
    "probably, yes",
    "yes if you think so",
  ])
    it(`"${line}" to "Shall I erase it anyway?" erases nothing`, async () => {
      const { last, decisions } = await dialogue(MULTI, [ASK, line]);
      expect(decisions[0]).toHaveProperty("offer");
      expect(erases(last)).toBe(false);
      expect(last).toHaveProperty("offer");
    });

  it('a plain "yes" after the hedge still takes the offer', async () => {
    const { last } = await dialogue(MULTI, [ASK, "hmm ok", "yes"]);
    expect(erases(last)).toBe(true);
  });

  it('"yes, erase it" takes it at once (the words positively ask)', async () => {
    const { last } = await dialogue(MULTI, [ASK, "yes, erase it"]);
    expect(erases(last)).toBe(true);
  });
});

describe("an acknowledgement right after the plan was held is no go", () => {
  for (const hold of ["no", "not now", "ok hold on"])
    for (const line of ["ok", "fine", "cool", "ok thanks", "alright"])
      it(`"${hold}" then "${line}" runs nothing`, async () => {
        const { last, conv } = await dialogue(BLANK, ["use the nvme", hold, line]);
        expect(last).not.toEqual({ confirm: true });
        expect(tools(conv)).toEqual(["partitionDisk"]);
      });

  for (const line of ["yes", "ok go", "yes, run it now", "go ahead"])
    it(`"no" then "${line}" confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "no", line]);
      expect(last).toEqual({ confirm: true });
    });

  it('an "ok" after a change (no hold) is still the yes', async () => {
    const { last } = await dialogue(BLANK, ["use the nvme", "add ripgrep", "ok"]);
    expect(last).toEqual({ confirm: true });
  });
});

describe('"hold on, not yet": a pause, not a no', () => {
  for (const line of ["hold on, not yet", "wait, not yet", "hang on. not now", "one sec, not yet"])
    it(`"${line}" keeps the plan with a reply`, async () => {
      const { last, conv } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toHaveProperty("reply");
      expect(tools(conv)).toEqual(["partitionDisk"]);
    });

  for (const line of ["not yet", "nah not yet", "wait no"])
    it(`"${line}" stays the no it was`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: false });
    });
});

describe("a go verb of moving on passes over a question that asks for a name or a choice", () => {
  for (const line of [
    "ok then just continue",
    "ok start",
    "continue",
    "proceed",
    "carry on please",
    "no, just start",
    "never mind, proceed",
    "ok, go on without it",
  ])
    it(`"What should the new user be called?" … "${line}" confirms the plan`, async () => {
      const { last, decisions } = await dialogue(BLANK, ["use the nvme", "add a user", line]);
      expect(decisions[1]).toHaveProperty("reply");
      expect(last).toEqual({ confirm: true });
    });

  for (const line of ["yes", "ok", "sure", "go ahead?"])
    it(`"${line}" does not answer the question and runs nothing`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "add a user", line]);
      expect(last).not.toEqual({ confirm: true });
    });

  it("a yes/no question is answered by the go, never passed over", async () => {
    const { last, decisions } = await dialogue(INST, [
      "install jq and helix",
      "Scrub jq, payload too heavy.",
      "continue",
    ]);
    expect(JSON.stringify(decisions[1])).toContain("(yes/no)");
    expect(last).not.toEqual({ confirm: true });
  });
});

describe("the plan said back as it is, then a clear go", () => {
  for (const line of [
    "fine, keep it encrypted. start",
    "ok, encrypted as planned. go",
    "keep it encrypted, go ahead",
  ])
    it(`"${line}" confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme, encrypted", line]);
      expect(last).toEqual({ confirm: true });
    });

  for (const line of ["keep it encrypted, ok", "keep it encrypted. start?", "keep it encrypted"])
    it(`"${line}" is no go`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme, encrypted", line]);
      expect(last).not.toEqual({ confirm: true });
    });
});

describe("a yes declared in so many words", () => {
  for (const line of [
    "That means yes.",
    "Up, up and away! That means yes.",
    "Operators are standing by: that's a yes!",
    "my answer is yes",
    "consider that a yes",
    "take that as a yes",
    "this is a go",
    "Fine by me, that is a yes from me",
    "Pode confirmar.",
    "puedes proceder",
    "podes continuar",
  ])
    it(`"${line}" confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "add ripgrep", line]);
      expect(last).toEqual({ confirm: true });
    });

  for (const line of [
    "that does not mean yes",
    "that's not a yes",
    "that means yes?",
    "wait. that means yes",
    "my answer is yes, but later",
    "that means yes to the crucial",
    "my wife is a yes",
    "that means no",
  ])
    it(`"${line}" runs nothing`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "add ripgrep", line]);
      expect(last).not.toEqual({ confirm: true });
    });
});

describe("a no beside a note-taking ok", () => {
  for (const line of [
    "ugh ok. no then, leave everything as it is",
    "ugh. no then, leave everything as it is",
    "ok. no, leave it all as it is",
    "hmm ok. no then, keep everything",
  ])
    it(`"${line}" is the no: nothing runs, nothing is added`, async () => {
      const { last, conv } = await dialogue(INST, ["remove bat", "will my config be deleted too?", line]);
      expect(last).toEqual({ confirm: false });
      // what "leave everything" keeps may also take the removal out (the keep screen): never more
      expect(tools(conv).every((t) => t === "removeRecipe")).toBe(true);
    });

  it('"ok. no, keep bat" keeps bat: the removal leaves the plan, nothing runs', async () => {
    const { last } = await dialogue(INST, [
      "remove bat",
      "will my config be deleted too?",
      "ok. no, keep bat",
    ]);
    expect(last).not.toEqual({ confirm: true });
    expect(last).not.toEqual({ confirm: false });
  });
});
