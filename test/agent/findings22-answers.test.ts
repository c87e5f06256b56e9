import { describe, expect, it } from "vitest";
import { telegramStops } from "../../agent/telegramStop.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 21: answers to a pending plan that failed for a reason of structure, not of a
 * missing word. A telegram's STOP is its full stop ("PROCEED STOP" had refused the plan); the last
 * decisive piece answers where only a plain "no", a "no <thing>" or a statement came before it
 * ("Nah, it's good. Carry on."); a wait refused is no wait ("no need to wait, go ahead"); a chat's
 * laugh or thanks is no object of the go ("ok go lol"); a stop stands beside a lone word it does
 * not know; removing a program that is only planned drops the planned install (CONTRACTS §2).
 * Safety stays: a stop or hold before the go, or words that refuse what the plan does, are never a
 * yes. The sentences are ours. DESK: Crucial nvme0n1 (empty), Seagate sda, Samsung sdb.
 */
const DESK = fixtureFacts("findings19-t15-f2-desktop");

/** The decision for `text` with "install ripgrep" pending. */
async function answer(text: string): Promise<Decision> {
  const { decisions } = await dialogue(DESK, ["install ripgrep", text]);
  expect(decisions[0]).toHaveProperty("calls");
  return decisions[1]!;
}

describe("a telegram's STOP ends its sentence", () => {
  for (const p of ["PROCEED STOP", "GO AHEAD STOP", "EXECUTE STOP", "ALL CLEAR STOP GO AHEAD STOP"])
    it(`"${p}" confirms`, async () => {
      expect(await answer(p)).toEqual({ confirm: true });
    });
  for (const p of ["ABORT STOP", "STOP", "PLEASE STOP", "STOP STOP", "DO NOT PROCEED STOP"])
    it(`"${p}" refuses`, async () => {
      expect(await answer(p)).toEqual({ confirm: false });
    });
  it("is rewritten only after a word of the same sentence, in capitals", () => {
    expect(telegramStops("ADD USER TOM STOP NO SUDO STOP")).toBe("ADD USER TOM. NO SUDO.");
    expect(telegramStops("SEND STOP")).toBe("SEND.");
    expect(telegramStops("go stop")).toBe("go stop");
    expect(telegramStops("just STOP")).toBe("just STOP");
    expect(telegramStops("STOP. WAIT")).toBe("STOP. WAIT");
    expect(telegramStops("ALL STOP")).toBe("ALL STOP");
  });
  it('"WIPE NOTHING STOP USER TOM STOP" plans no erase', async () => {
    const { last } = await dialogue(DESK, ["WIPE NOTHING STOP USER TOM STOP"]);
    const calls = "calls" in last ? last.calls : [];
    expect(calls.some((c) => c.tool === "partitionDisk")).toBe(false);
  });
});

describe("the last decisive piece answers after a plain no or a statement", () => {
  for (const p of [
    "Nah, it's good. Carry on.",
    "I nearly changed my mind, but no, it's fine. Proceed.",
    "Eh, no. Ship it.",
    "We'll see. Go ahead.",
  ])
    it(`"${p}" confirms`, async () => {
      expect(await answer(p)).toEqual({ confirm: true });
    });
  for (const p of [
    "Go ahead. No, wait.",
    "Proceed. Actually no.",
    "Stop. Go.",
    "Not yet. Okay, go.",
    "Don't destroy it. Go.",
    "No nuking. Go.",
    "No deal. Go.",
  ])
    it(`"${p}" is not a yes`, async () => {
      expect(await answer(p)).not.toEqual({ confirm: true });
    });
});

describe("a wait refused is no wait", () => {
  for (const p of [
    "No need to wait, go ahead.",
    "Don't hesitate, proceed.",
    "Without further delay: execute.",
  ])
    it(`"${p}" confirms`, async () => {
      expect(await answer(p)).toEqual({ confirm: true });
    });
  it('"No need to wait. Cancel it." still refuses', async () => {
    expect(await answer("No need to wait. Cancel it.")).toEqual({ confirm: false });
  });
});

describe("a chat's laugh or thanks is no object of the go", () => {
  for (const p of ["ok go lol", "proceed pls thx", "ship it haha"])
    it(`"${p}" confirms`, async () => {
      expect(await answer(p)).toEqual({ confirm: true });
    });
});

describe("a stop stands beside a lone word it does not know", () => {
  it('"Bah. Not running it tonight." refuses', async () => {
    expect(await answer("Bah. Not running it tonight.")).toEqual({ confirm: false });
  });
});

describe("removing a program that is only planned drops its install", () => {
  for (const said of [
    "remove fzf",
    "On second thought, remove fzf from the list.",
    "Hmm, fzf doesn't belong. Take it off the list.",
    "The fzf was a mistake, remove it from the order.",
  ])
    it(`"${said}" after "install fzf and bat"`, async () => {
      const { last, conv } = await dialogue(DESK, ["install fzf and bat", said]);
      expect(last).toEqual({ drop: [{ tool: "installRecipe", args: { name: "fzf" } }] });
      expect(conv.pending.map((c) => c.args)).toEqual([{ name: "bat" }]);
    });
  it('"remove fzf and install helix" drops nothing with the new call: it asks', async () => {
    const { last } = await dialogue(DESK, ["install fzf and bat", "remove fzf and install helix"]);
    expect(last).not.toHaveProperty("drop");
    expect(last).not.toHaveProperty("calls");
  });
  it('"remove helix" with helix neither planned nor installed drops nothing', async () => {
    const { last } = await dialogue(DESK, ["install fzf and bat", "remove helix"]);
    expect(last).not.toHaveProperty("drop");
  });
});
