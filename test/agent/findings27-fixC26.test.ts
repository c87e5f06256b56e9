import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 26 (fixC26): answers to a pending plan said with something around them.
 * - the last exchange set aside, then a go: "never mind. confirm", "nah leave it then, start";
 *   the list closed, then a go: "no that's it. ok yes" (agent/dismissThenGo.ts);
 * - a yes among the lines of a poem whose last line names "the disk" only by its kind (dev
 *   h25-187#2, a destructive turn: the haiku had erased the one disk; agent/answerTurn.ts);
 * - "you may begin" (a modal of permission), "Epilogue: yes." (a heading before the yes),
 *   "gogogo" (a go word typed again without spaces) (agent/goStop.ts, agent/yesno.ts).
 * - a reason, then a bare "don't", right after a change: the change is dropped ("oh crap I'm
 *   connected through it, don't"; agent/safety/reasonThenDont.ts); the user's own doubt about a
 *   removal or an erase answered with "keep it" drops that step (agent/safety/keepAfterDoubt.ts);
 * - "back to you, confirm" is a handover, no going back; "forget everything, go" runs nothing
 *   (agent/safety/restartWords.ts).
 * Safety side: a setting-aside after a change, or about a planned step, is not read so; a bare yes
 * beside an open offer is the offer's; a question is no go; a disk told apart from another, or a
 * tool word, beside a yes is still a request; a heading that says wait is a wait.
 */
const BLANK = inferLiveMedium(fixtureFacts("findings25-lead-two-blank")); // blank sda, blank nvme0n1, live sdb
const INST = fixtureFacts("findings25-lead-inst"); // installed: ripgrep, fd, bat; helix and jq to install
const ONE = inferLiveMedium(fixtureFacts("findings26-fixE25-bios-blank")); // one blank sda, live sdb

const erases = (d: object) => "calls" in d && JSON.stringify(d).includes('"partitionDisk"');

describe("the last exchange set aside, then a go to the plan", () => {
  for (const line of [
    "never mind. confirm",
    "fine, forget it. confirm",
    "nah leave it then, start",
    // the same shape in other words
    "forget it. go ahead",
    "ok never mind then, start",
    "whatever. go",
    "no worries, begin",
    "nvm, proceed",
    "leave it. yes",
    "oh well, confirm",
    "fair enough. go ahead",
    "forget I asked. start",
  ])
    it(`"${line}" after a question I answered confirms the plan`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "can the crucial be my home?", line]);
      expect(last).toEqual({ confirm: true });
    });

  for (const line of ["never mind, don't do it", "nvm. not now", "whatever, not yet"])
    it(`"${line}" after a question I answered is a no: nothing runs, the plan stays`, async () => {
      const { last, conv } = await dialogue(BLANK, ["use the nvme", "can the crucial be my home?", line]);
      expect(last).toEqual({ confirm: false });
      expect(conv.pending.map((c) => c.tool)).toEqual(["partitionDisk"]);
    });

  for (const line of ["nah leave it then, start", "never mind. confirm", "leave it, go ahead"])
    it(`"${line}" with an erase offered confirms the plan and never takes the offer`, async () => {
      const { last, decisions } = await dialogue(BLANK, ["add ripgrep", "which disk would you pick?", line]);
      expect(decisions[1]).toHaveProperty("offer");
      expect(last).toEqual({ confirm: true });
    });
});

describe("the list closed, then a go", () => {
  for (const line of [
    "and... no that's it. ok yes",
    "Ok, then only the plan as it is. Start.",
    // other words
    "that's it. yes",
    "no that's all, go ahead",
    "nothing else. start",
    "that'll do, proceed",
    "ok, just the plan as it is. confirm",
    "i'm done. go",
  ])
    it(`"${line}" after a program was added confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "add ripgrep", line]);
      expect(last).toEqual({ confirm: true });
    });
});

describe("near misses: not read as a set-aside and a go", () => {
  it("a setting-aside right after a change may mean that change: not a confirm", async () => {
    const { last } = await dialogue(BLANK, ["use the nvme", "add ripgrep", "never mind. confirm"]);
    expect(last).not.toEqual({ confirm: true });
  });
  it("a bare yes after a setting-aside, with an offer open, is never a confirm of the plan", async () => {
    const { last } = await dialogue(BLANK, ["add ripgrep", "which disk would you pick?", "never mind, yes"]);
    expect(last).not.toEqual({ confirm: true });
    expect(erases(last)).toBe(false);
  });
  for (const line of [
    "never mind? go",
    "never mind. erase the crucial too",
    "never mind. ok",
    "dust on my drive. yes",
  ])
    it(`"${line}" is no go`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "can the crucial be my home?", line]);
      expect(last).not.toEqual({ confirm: true });
    });
  it("a question about a planned step, then a setting-aside: not this reading", async () => {
    const { last } = await dialogue(BLANK, [
      "add ripgrep",
      "use the nvme",
      "is ripgrep big?",
      "forget it, go",
    ]);
    expect(last).not.toEqual({ confirm: true });
    expect(erases(last)).toBe(false);
  });
});

describe("a yes among lines that name the disk only by its kind", () => {
  const plan = ["user ren", "add helix", "call it moonpond"];
  for (const line of [
    "Autumn wind whispers / yes, proceed with everything / leaves fall on the disk",
    // other words
    "yes, go ahead. my cat sleeps on the drive",
    "Rain on the window / yes, do it / moss grows on my hard drive",
    "yes. leaves fall on the disk",
  ])
    it(`"${line}" confirms and erases nothing`, async () => {
      const { last } = await dialogue(ONE, [...plan, line]);
      expect(last).toEqual({ confirm: true });
    });
  for (const line of [
    "yes. the disk",
    "yes, and use the disk",
    "yes. wipe the disk",
    "yes. the disk too",
    "yes. leaves fall on the big disk",
  ])
    it(`"${line}" is no plain yes`, async () => {
      const { last } = await dialogue(ONE, [...plan, line]);
      expect(last).not.toEqual({ confirm: true });
    });
});

describe("go said with a modal, a heading, or typed without spaces", () => {
  for (const line of [
    "Thank you, you may begin",
    "you may begin",
    "begin, the install may",
    // other words
    "you may proceed now",
    "you might start now",
    "thanks, you could go ahead",
    "Epilogue: yes.",
    "Verdict: go ahead",
    "Final answer: proceed",
    "gogogo",
    "yesyes",
    "okok go",
  ])
    it(`"${line}" confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "add ripgrep", line]);
      expect(last).toEqual({ confirm: true });
    });
  for (const line of ["wait: go", "nonono", "gogogo fd", "you may add fd", "hostname: yes"])
    it(`"${line}" is no confirm`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "add ripgrep", line]);
      expect(last).not.toEqual({ confirm: true });
    });
});

describe("a reason, then a bare don't: the last change is dropped", () => {
  for (const line of [
    "oh crap I'm connected through it, don't",
    // other words
    "wait, I still need that 😱 don't!",
    "I use it daily, don't",
    "hmm my scripts need it. dont",
    "omg no, that one matters, do not",
  ])
    it(`"${line}" after "remove ripgrep" drops the removal`, async () => {
      const { last, conv } = await dialogue(INST, ["add helix", "remove ripgrep", line]);
      expect(last).toEqual({ drop: [{ tool: "removeRecipe", args: { name: "ripgrep" } }] });
      expect(conv.pending.map((c) => c.tool)).toEqual(["installRecipe"]);
    });
  it("after an erase, a reason and don't drop the erase", async () => {
    const { last } = await dialogue(BLANK, [
      "add ripgrep",
      "wipe the nvme",
      "wait, my thesis is on there 😱 don't!",
    ]);
    expect(last).toEqual({ drop: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }] });
  });
  for (const line of ["add fd, no don't", "remove bat, don't"])
    it(`"${line}": a request taken back in the same turn, the last change stays`, async () => {
      const { last } = await dialogue(INST, ["add helix", "remove ripgrep", line]);
      expect(last).not.toHaveProperty("drop");
      expect(last).not.toHaveProperty("calls");
    });
  it("a reason naming another program is no refusal of the last change", async () => {
    const { last } = await dialogue(INST, ["add helix", "remove ripgrep", "bat is what I use, don't"]);
    expect(last).not.toEqual({ drop: [{ tool: "removeRecipe", args: { name: "ripgrep" } }] });
  });
});

describe("a doubt about a removal or an erase, answered with keep it", () => {
  for (const line of [
    "hang on is that the backup one? keep it then",
    // other words
    "wait, is that the search tool? keep it",
    "is ripgrep the search one? ok, keep it",
    "doesn't my editor need that? leave it",
  ])
    it(`"${line}" drops the removal`, async () => {
      const { last } = await dialogue(INST, ["add helix", "remove ripgrep", line]);
      expect(last).toEqual({ drop: [{ tool: "removeRecipe", args: { name: "ripgrep" } }] });
    });
  it("the removal the question names is the one kept", async () => {
    const { last } = await dialogue(INST, [
      "add helix",
      "remove ripgrep and fd",
      "hmm is fd on there? keep it",
    ]);
    expect(last).toEqual({ drop: [{ tool: "removeRecipe", args: { name: "fd" } }] });
  });
  it("an erase doubted and kept leaves the plan", async () => {
    const { last } = await dialogue(BLANK, [
      "add ripgrep",
      "wipe the nvme",
      "wait thats my steam library?? no no keep that",
    ]);
    expect(last).toEqual({ drop: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }] });
  });
  it("two removals and none named: not guessed", async () => {
    const { last } = await dialogue(INST, [
      "add helix",
      "remove ripgrep and fd",
      "is that the search one? keep it",
    ]);
    expect(last).not.toHaveProperty("drop");
  });
  it("an install doubted and kept stays planned", async () => {
    const { last } = await dialogue(INST, ["add helix", "add jq", "is that the json one? keep it"]);
    expect(last).not.toHaveProperty("drop");
  });
});

describe("a handover is no going back; a whole-plan discard beside a go is no go", () => {
  for (const line of ["back to you, confirm", "ok, back to you. go ahead", "over to you, proceed"])
    it(`"${line}" confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "add ripgrep", line]);
      expect(last).toEqual({ confirm: true });
    });
  for (const line of [
    "forget everything, go",
    "scrap all that and go ahead",
    "back to the start, go",
    "lets go back to square one, go",
  ])
    it(`"${line}" runs nothing`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "add ripgrep", line]);
      expect(last).not.toEqual({ confirm: true });
    });
});
