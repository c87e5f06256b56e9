import { describe, expect, it } from "vitest";
import { haltShape } from "../../agent/planAnswerClauses.js";
import { hedgedAnswer, remainder, reportedAnswer, reportedCheck } from "../../agent/planAnswerReported.js";
import { readAnswerShape } from "../../agent/planAnswerShape.js";
import { yesNo } from "../../agent/yesno.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 24 (fixK24): answers to a pending plan.
 * - an answer REPORTED of a person ("Gary says go ahead.", "my wife says no", "Gary confirms.",
 *   "I assent.", "Gary is ready.", "I withhold assent") or hedged ("Basically yes.");
 * - the plan's remainder as a start verb's object ("Proceed with what's left.");
 * - the participles of a ruling ("So proclaimed!"), a plan noun in the plural ("Issue the tickets.");
 * - refusals by shape: a discard verb on the register's noun ("Cancel the appointment."), the work
 *   refused for now in its progressive ("not checking out yet");
 * - imperatives of go verbs in both aspects and the stop words of the same languages ("Gotovo,
 *   primenyay.", "Po, vazhdo.", "Jo, prit. Anulo.");
 * - safety: "jo" (Czech yes, Albanian no) confirmed a disk erase beside two Albanian stop words;
 *   "Snap." was corrected to "swap" and replanned the disk.
 * A go runs a plan that may erase a disk: every near miss below must never confirm.
 * DESK: Crucial nvme0n1 (empty), Seagate sda, Samsung sdb.
 */
const DESK = fixtureFacts("findings19-t15-f2-desktop");

/** The decision for `text` with "install ripgrep and bat" pending. */
async function answer(text: string): Promise<Decision> {
  const { decisions } = await dialogue(DESK, ["install ripgrep and bat", text]);
  expect(decisions[0]).toHaveProperty("calls");
  return decisions[1]!;
}

/** The decision for `text` with an erase of the Crucial pending. */
async function answerErase(text: string): Promise<Decision> {
  const { decisions } = await dialogue(DESK, ["erase the crucial and install there", text]);
  expect(decisions[0]).toHaveProperty("calls");
  return decisions[1]!;
}

const SLOTS = {
  things: new Set(["ripgrep", "bat", "sda", "sdb", "nvme0n1", "samsung", "crucial", "seagate", "lena"]),
  recipes: ["ripgrep", "bat"],
};
const open = (w: string) => /^[a-z]+$/.test(w) && !SLOTS.things.has(w);

describe("an answer reported of a person confirms", () => {
  for (const p of [
    "Gary says yes.",
    "Gary says go.",
    "Gary says go ahead.",
    "Gary is happy with that. Gary says go.",
    "Gary confirms.",
    "Gary has looked at the plan. Gary approves.",
    "Gary is ready.",
    "I assent.",
    "Basically yes.",
    // the same shapes in other words
    "My wife says yes.",
    "The boss says go ahead.",
    "Mum said go ahead.",
    "Priya says to go ahead.",
    "Everyone agrees.",
    "The client approves.",
    "We concur.",
    "She's ready.",
    "Tom is happy with it.",
    "My son has read the plan. He says yes.",
    "Essentially yes.",
    "Honestly, yes.",
  ])
    it(`"${p}" confirms`, async () => {
      expect(await answer(p)).toEqual({ confirm: true });
    });
});

describe("a refusal reported of a person is confirm:false", () => {
  for (const p of [
    "I withhold assent, for now.",
    "Gary says no.",
    "Gary says no to this.",
    "My husband says no.",
    "The board rejects it.",
    "I object.",
  ])
    it(`"${p}" is confirm:false`, async () => {
      expect(await answer(p)).toEqual({ confirm: false });
    });
});

describe("near misses of a report never confirm", () => {
  for (const p of [
    "Gary says go?",
    "Does Gary say yes?",
    "Gary says wait.",
    "Gary says not yet.",
    "Gary says go, but I'm not sure.",
    "Gary says go. I'll check first.",
    "Gary says yes, Mary says no.",
    "Gary says go ahead with the samsung.",
    "Gary says add bat too.",
    "Gary isn't ready.",
    "Gary is not happy with that.",
    "Gary is happy.",
    "Gary will confirm tomorrow.",
    "Gary might approve.",
    "Gary wants to think about it.",
    "Dinner is ready.",
    "The log says go.",
    "It says yes.",
    "Gary has looked at the plan.",
    "Probably yes.",
    "Maybe yes.",
  ])
    it(`"${p}" does not confirm`, async () => {
      expect(await answer(p)).not.toEqual({ confirm: true });
    });
  it("a person the machine knows is no reporter: the turn is read as the request it is", () => {
    expect(reportedAnswer(["lena", "says", "yes"], open)).toBeUndefined();
    expect(readAnswerShape("Lena says go.", SLOTS)).toBeUndefined();
  });
});

describe("the pieces of a report", () => {
  it("reads a say, an assent verb, readiness", () => {
    expect(reportedAnswer("gary says go ahead".split(" "), open)).toBe(true);
    expect(reportedAnswer("gary says no to this".split(" "), open)).toBe(false);
    expect(reportedAnswer("i withhold assent".split(" "), open)).toBe(false);
    expect(reportedAnswer("gary's ready".split(" "), open)).toBe(true);
    expect(reportedAnswer("gary says install bat".split(" "), open)).toBeUndefined();
    expect(reportedAnswer("gary is happy".split(" "), open)).toBeUndefined();
    expect(reportedAnswer("the says go".split(" "), open)).toBeUndefined();
  });
  it("a check said done is a remark, an assent beside a go", () => {
    expect(reportedCheck("gary has looked at the plan".split(" "), open)).toBe(true);
    expect(reportedCheck("gary has looked at the samsung".split(" "), open)).toBe(false);
    expect(readAnswerShape("Gary has looked at the plan.", SLOTS)).toBeUndefined();
  });
  it("a hedge keeps a yes; doubt is no hedge", () => {
    expect(hedgedAnswer(["basically", "yes"])).toBe(true);
    expect(hedgedAnswer(["probably", "yes"])).toBeUndefined();
    expect(hedgedAnswer(["yes"])).toBeUndefined();
  });
  it("the remainder of the plan", () => {
    for (const p of ["what's left", "what remains", "the rest", "everything else", "whatever is left"])
      expect(remainder(p.split(" ")), p).toBe(true);
    for (const p of ["what's on it", "the rest of the disks", "htop"])
      expect(remainder(p.split(" ")), p).toBe(false);
  });
});

describe("the start of the work, a ruling made, the plural plan noun", () => {
  for (const p of [
    "Proceed with what's left.",
    "Begin the installation.",
    "Then it is settled. Begin the installation.",
    "Execute the rest.",
    "Proceed with the rest.",
    "So proclaimed!",
    "So witnessed.",
    "So decreed.",
    "Issue the tickets.",
    "Process the orders.",
  ])
    it(`"${p}" confirms`, async () => {
      expect(await answer(p)).toEqual({ confirm: true });
    });
  for (const p of [
    "Proceed with what's left of the seagate.",
    "Launch firefox.",
    "So confused.",
    "So tired.",
    "Proceed with what's left?",
    "Ordered pizza, back soon.",
  ])
    it(`"${p}" does not confirm`, async () => {
      expect(await answer(p)).not.toEqual({ confirm: true });
    });
});

describe("a refusal by its shape is confirm:false", () => {
  for (const p of [
    "Cancel the appointment. Patient hasn't signed the consent form.",
    "Withdraw the proclamation for now; the council adjourns.",
    "not checking out yet",
    "Let it sit, not brewing yet.",
    // other words
    "Cancel the booking.",
    "Withdraw the motion.",
    "Retract the offer.",
    "not sailing today",
    "Not launching tonight.",
  ])
    it(`"${p}" is confirm:false`, async () => {
      expect(await answer(p)).toEqual({ confirm: false });
    });
  it("a discard of something this machine has, or of another task, is no refusal of the plan", () => {
    expect(readAnswerShape("Cancel the samsung.", SLOTS)).toBeUndefined();
    expect(readAnswerShape("Cancel the backup.", SLOTS)).toBeUndefined();
    expect(readAnswerShape("Cancel the appointment, then go.", SLOTS)).toBeUndefined();
  });
  it("the work refused for now needs its progressive and a time past now", () => {
    expect(haltShape([["not", "checking", "out", "yet"]])).toBe(true);
    expect(haltShape([["not", "installing", "bat", "yet"]])).toBe(false);
    expect(haltShape([["not", "yet"]])).toBe(false);
    expect(haltShape([["not", "bad", "today"]])).toBe(false);
  });
});

describe("go and stop words of other languages, every aspect", () => {
  for (const p of [
    "Gotovo, primenyay.",
    "gotovo, davay",
    "Davay.",
    "Vypolni.",
    "Nachinay.",
    "Po, vazhdo.",
    "Vazhdo.",
    "Fillo.",
    "V redu, izvedi.",
    "Potrdi.",
    "Entaksei, proxora.",
    "Dobre, vykonuy.",
    "Gerai, pirmyn.",
  ])
    it(`"${p}" confirms`, async () => {
      expect(await answer(p)).toEqual({ confirm: true });
    });
  for (const p of ["Jo, prit. Anulo.", "Ndalo.", "Anulo.", "Abhi ruko.", "Otmeni.", "Stani."])
    it(`"${p}" is confirm:false`, async () => {
      expect(await answer(p)).toEqual({ confirm: false });
    });
  it('"jo" (Czech yes, Albanian no) alone answers nothing; by the locale it does', () => {
    expect(yesNo("Jo.")).toBeUndefined();
    expect(yesNo("Jo.", { lang: "cs" })).toBe(true);
    expect(yesNo("Jo.", { lang: "sq" })).toBe(false);
  });
});

describe("safety", () => {
  it('"Jo, prit. Anulo." never confirms an erase (it confirmed one: dev h23a-048#2)', async () => {
    expect(await answerErase("Jo, prit. Anulo.")).toEqual({ confirm: false });
    expect(await answerErase("Jo.")).not.toEqual({ confirm: true });
    expect(await answerErase("Tak.")).not.toEqual({ confirm: true });
  });
  it('"Snap." is never read as "swap" into a disk call (dev h23m-039#4)', async () => {
    const d = await answerErase("Snap.");
    expect(d).not.toHaveProperty("calls");
    expect(d).not.toEqual({ confirm: true });
  });
  it("a word spelled right is still the request it is", async () => {
    expect(await answerErase("swap")).toHaveProperty("calls");
    expect(await answerErase("encrypt it")).toHaveProperty("calls");
  });
});

describe("a person the plan is for may report the answer", () => {
  it('"Lena approves." with an account lena planned confirms; a refusal naming her is asked', async () => {
    const go = await dialogue(DESK, ["add user lena", "Lena approves."]);
    expect(go.decisions[1]).toEqual({ confirm: true });
    const ready = await dialogue(DESK, ["add user lena", "Lena is ready."]);
    expect(ready.decisions[1]).toEqual({ confirm: true });
    for (const p of ["Lena says no sudo.", "Lena says go with sudo.", "Lena wants sudo."]) {
      const d = await dialogue(DESK, ["add user lena", p]);
      expect(d.decisions[1], p).not.toEqual({ confirm: true });
    }
  });
});

describe("turning back is a stop", () => {
  for (const p of [
    "Conditions have turned. We turn back, no summit today.",
    "Call it a day.",
    "Calling it a night.",
  ])
    it(`"${p}" is confirm:false`, async () => {
      expect(await answer(p)).toEqual({ confirm: false });
    });
});
