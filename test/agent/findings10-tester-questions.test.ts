import { describe, expect, it } from "vitest";
import { sayQuestionProtections } from "../../agent/safety/questionProtections.js";
import { callsOf, erases, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 9 D5/W1: "is it ok if lena has no admin?" kept "if" without sudo, and after "create user
 * lena" the no-administrator question offered lena sudo; "is it possible to not give sudo to my son
 * kai, and make him a user?" kept "possible". A question that carries a protection binds it to the
 * person or disk it names, and gets an answer (agent/safety/questionProtections.ts).
 */
const DESK = fixtureFacts("findings10t-desk");

const sudoKept = (conv: { protections: { kind: string; username?: string }[] }) =>
  conv.protections.filter((p) => p.kind === "sudo").map((p) => p.username);

/** [question, the person refused] */
const REFUSALS: [string, string][] = [
  ["is it ok if lena has no admin?", "lena"],
  ["is it okay if mia has no sudo?", "mia"],
  ["would it be ok if tom gets no admin rights?", "tom"],
  ["so is it fine if omar has no sudo?", "omar"],
  ["is it possible to not give sudo to my son kai, and make him a user?", "kai"],
  ["would it be possible to not give admin to my daughter ida?", "ida"],
  ["is there a way to not give sudo to ravi?", "ravi"],
  ["Is it OK if Lena has no admin??", "lena"],
  ["do you mind if jonas has no sudo?", "jonas"],
  ["is it alright if pia is a user without sudo?", "pia"],
];

describe("a refusal asked as a question binds to the person (D5)", () => {
  for (const [q, who] of REFUSALS) {
    it(`"${q}" refuses sudo to ${who}, never to a word of the question`, async () => {
      const { conv, decisions } = await dialogue(DESK, ["put it on the crucial", q]);
      expect(sudoKept(conv)).toEqual([who]);
      // the question gets an answer, never a request for a name
      const d = decisions[1]!;
      expect("reply" in d ? d.reply : JSON.stringify(d)).not.toMatch(/\b(?:if|possible|way|mind)\b is not/);
      expect(decisions.flatMap(callsOf).some(sudoFor(who))).toBe(false);
    });
    it(`"${q}", "create user ${who}", "yes", "yes" never gives ${who} sudo`, async () => {
      const { conv, decisions } = await dialogue(DESK, [
        "put it on the crucial",
        q,
        `create user ${who}`,
        "yes",
        "yes",
      ]);
      expect(decisions.flatMap(callsOf).some(sudoFor(who))).toBe(false);
      expect(conv.pending.some(sudoFor(who))).toBe(false);
      for (const d of decisions)
        if ("reply" in d) expect(d.reply).not.toMatch(new RegExp(`gives ${who} sudo`));
    });
  }
});

/** [question, the disk kept] */
const DISKS: [string, string][] = [
  ["can you leave the samsung alone?", "/dev/nvme0n1"],
  ["is it ok if the samsung stays untouched?", "/dev/nvme0n1"],
  ["would it be possible to keep the seagate?", "/dev/sda"],
  ["would you mind not wiping the seagate?", "/dev/sda"],
  ["is it possible to not touch sda and install on sdb?", "/dev/sda"],
  ["do you mind not erasing the 2tb?", "/dev/sda"],
  ["is there any way to leave the seagate alone?", "/dev/sda"],
];

describe("a disk kept in a question is kept, and the question answered", () => {
  for (const [q, kept] of DISKS)
    it(`"${q}" then "yes" never erases ${kept}`, async () => {
      const { conv, decisions } = await dialogue(DESK, [q, "yes"]);
      expect(decisions.flatMap(callsOf).some(erases(kept))).toBe(false);
      expect(conv.pending.some(erases(kept))).toBe(false);
      expect(conv.protections.some((p) => p.kind === "disk" && p.disk === kept)).toBe(true);
      expect("reply" in decisions[0]! || "calls" in decisions[0]!).toBe(true);
    });
});

describe("a question about an act that keeps nothing stays a question", () => {
  for (const q of [
    "is it ok if I wipe sda?",
    "is it possible to erase the seagate?",
    "is it ok if lena gets sudo?",
  ])
    it(`"${q}" is not rewritten and plans nothing destructive`, async () => {
      expect(sayQuestionProtections(q)).toBe(q);
      const { decisions } = await dialogue(DESK, [q]);
      expect(callsOf(decisions[0]!).some(erases("/dev/sda"))).toBe(false);
      expect(callsOf(decisions[0]!).some(sudoFor("lena"))).toBe(false);
    });
});
