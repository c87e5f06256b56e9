import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { leavesItToMe } from "../../agent/leftToMe.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { LoginGate } from "../../agent/session/login.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 15 W9, W6: answers to the installer's own questions. A question must accept every answer
 * a person could give it: a yes to a question that names no choice explains in one line what it
 * needs and never repeats itself verbatim or stacks quotes (agent/safety/openQuestion.ts,
 * agent/session/login.ts); "whatever you think" takes an offer that loses nothing and otherwise
 * says why I won't choose (agent/leftToMe.ts); a keep said while my offer is open answers no offer
 * (the offer is made again). DESK: Crucial nvme0n1 (empty), Seagate sda ("Photos"), Samsung sdb
 * ("Games"); SINGLE: one Samsung with Windows (BIOS). The sentences are ours.
 */
const DESK = fixtureFacts("findings19-t15-f2-desktop");
const FOUR = fixtureFacts("findings19-t15-f3-four");
const SINGLE = fixtureFacts("findings20-t15-f5-single");

const replyOf = (d: Decision) => ("reply" in d ? d.reply : "");
const disks = (p: readonly PlanCall[]) =>
  p.flatMap((c) => (c.tool === "partitionDisk" ? [(c.args as { disk: string }).disk] : []));

/** The chat's loop: the login gate first, then the turn; a confirmation may raise the login question. */
async function chat(facts: Facts, lines: string[]) {
  const conv = new Conversation(facts);
  const login = new LoginGate();
  const backend = createRulesBackend();
  const said: string[] = [];
  for (const line of lines) {
    const gate = login.answer(line, conv.pending);
    if (gate) {
      conv.record(line, { reply: gate.say });
      said.push(gate.say);
      continue;
    }
    let d = await decideTurn(backend, conv.view(line), facts);
    if ("confirm" in d && d.confirm) {
      const ask = login.onConfirm(facts.mode, conv.pending, []);
      if (!ask) break;
      d = ask.offer ? { reply: ask.text, offer: { calls: [ask.offer] } } : { reply: ask.text };
    }
    conv.record(line, d);
    said.push(replyOf(d));
  }
  return { conv, said };
}

describe('"Who should have sudo?" answered with a yes never loops', () => {
  for (const yes of ["yes", "yep", "sure thing", "k", "fine", "aye"])
    it(`"${yes}" three times: no reply is the one before it`, async () => {
      const { said } = await chat(DESK, ["use the crucial", "go ahead", yes, yes, yes]);
      expect(said[1]).toMatch(/Who should have sudo\?/);
      for (let i = 2; i < said.length; i++) expect(said[i]).not.toBe(said[i - 1]);
      expect(said[2]).toMatch(/name/);
    });

  for (const left of ["whatever you think", "your call", "up to you, really", "you decide"])
    it(`"${left}" says I won't pick who gets root`, async () => {
      const { said, conv } = await chat(DESK, ["use the crucial", "go ahead", left]);
      expect(said.at(-1)).toMatch(/won't pick/);
      expect(conv.pending.some((c) => c.tool === "createUser")).toBe(false);
    });
});

describe("a yes to a question that offers nothing: no stacked quotes, never the same reply twice", () => {
  it("SINGLE: keep windows, then three yeses", async () => {
    const { decisions } = await dialogue(SINGLE, ["keep windows, install linux", "sure", "yes", "ok"]);
    const replies = decisions.map(replyOf);
    expect(replies[0]).toMatch(/\?/);
    for (const r of replies.slice(1))
      expect(r.match(/does not answer my question/g)?.length ?? 0).toBeLessThan(2);
    for (let i = 2; i < replies.length; i++) expect(replies[i]).not.toBe(replies[i - 1]);
  });
});

describe("the answer left to me", () => {
  it("reads the ways of leaving it to me, and no request", () => {
    for (const t of [
      "whatever you think",
      "you pick",
      "up to you",
      "your call",
      "dealer's choice",
      "idk, you decide",
    ])
      expect(leavesItToMe(t)).toBe(true);
    for (const t of ["use the crucial", "you pick the seagate", "yes", "whatever"])
      expect(leavesItToMe(t)).toBe(false);
  });

  it("an offer that loses nothing is taken", async () => {
    const { conv } = await dialogue(DESK, ["hands off the samsung and the seagate", "your call"]);
    expect(disks(conv.pending)).toEqual(["/dev/nvme0n1"]);
  });

  it("an offer that erases data is not taken, and stays open", async () => {
    const { decisions, conv } = await dialogue(FOUR, ["install on the 990 pro", "you decide"]);
    expect(replyOf(decisions[0]!)).toMatch(/erase/);
    expect(conv.pending.length).toBe(0);
    expect(replyOf(decisions[1]!)).toMatch(/won't choose/);
    const { conv: after } = await dialogue(FOUR, ["install on the 990 pro", "you decide", "yes"]);
    expect(disks(after.pending)).toEqual(["/dev/nvme0n1"]);
  });
});

describe("a keep said while my offer is open answers no offer (W6)", () => {
  // the report's reproduction: the first turn offers the Crucial and keeps the Samsung
  const first = "Aye, the crucial it shall be, but lay not a finger upon the Samsung";
  for (const keep of ["and spare the Seagate too", "oh and the seagate stays as well"])
    it(`"${keep}" makes the offer again instead of taking it`, async () => {
      const { decisions, conv } = await dialogue(DESK, [first, keep]);
      expect("reply" in decisions[0]! && decisions[0].offer).toBeTruthy();
      const d = decisions[1]!;
      expect(conv.pending.length).toBe(0);
      expect("reply" in d && d.offer?.calls.length).toBeTruthy();
    });
});
