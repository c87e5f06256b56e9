import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 9 D3/D4 (docs/findings/2026-12-05-hurried-user-9.md): sudo moved between people already
 * in the plan kept the old holder's sudo, and "yes" ran it: "just ben gets sudo" after "ana and ben
 * with sudo", "ben instead of ana gets sudo", "no. NOT leo. mia gets sudo" (agent/safety/
 * sudoMoves.ts). The plan is read before the "yes" that would run it. Machine: the tester's desk (an empty Crucial among three disks).
 */
const DESK = fixtureFacts("findings10t-desk");

function sudoOf(pending: readonly PlanCall[]): Record<string, boolean> {
  return Object.fromEntries(
    pending.flatMap((c) => (c.tool === "createUser" ? [[c.args.username, c.args.sudo]] : [])),
  );
}

describe("sudo said for one person only: the others in the plan lose it", () => {
  it.each([
    ["crucial. users ana and ben with sudo", "just ben gets sudo"],
    ["crucial. users ana and ben with sudo", "only ben gets admin"],
    ["crucial. users ana and ben with sudo", "actually only ben should have sudo"],
    ["crucial. users ana and ben with sudo", "ben only gets sudo"],
    ["crucial. users ana and ben with sudo", "sudo just for ben"],
    ["crucial. users ana and ben with sudo", "sudo for ben only"],
    ["crucial. users ana and ben with sudo", "hmm, just ben as admin"],
  ])("%s / %s", async (first, second) => {
    const { conv } = await dialogue(DESK, [first, second]);
    expect(sudoOf(conv.pending)).toEqual({ ana: false, ben: true });
  });

  it("the grant narrowed at the end of one request: 'users max and kim with sudo, just kim'", async () => {
    const { conv } = await dialogue(DESK, ["crucial", "users max and kim with sudo, just kim"]);
    expect(sudoOf(conv.pending)).toEqual({ max: false, kim: true });
  });
});

describe("sudo moved from one person to another", () => {
  it.each([
    ["crucial. user ana with sudo, user ben", "ben instead of ana gets sudo"],
    ["crucial. user ana with sudo, user ben", "ben rather than ana gets admin"],
    ["crucial. user ana with sudo, user ben", "instead of ana, ben gets sudo"],
    ["crucial. user ana with sudo, user ben", "no. NOT ana. ben gets sudo"],
    ["crucial. user ana with sudo, user ben", "not ana - ben has the admin"],
    ["crucial. user ana with sudo, user ben", "ben, not ana, gets sudo"],
  ])("%s / %s", async (first, second) => {
    const { conv } = await dialogue(DESK, [first, second]);
    expect(sudoOf(conv.pending)).toEqual({ ana: false, ben: true });
  });

  it("to someone new: 'no. NOT leo. mia gets sudo' creates mia with sudo and leo loses it", async () => {
    const { conv } = await dialogue(DESK, ["crucial, user leo with sudo", "no. NOT leo. mia gets sudo"]);
    expect(sudoOf(conv.pending)).toEqual({ leo: false, mia: true });
  });
});

describe("words that only look like a move change nobody's sudo", () => {
  it.each([
    "just ben gets no sudo",
    "only ben doesn't get sudo",
    "not just ben gets a user, ana too",
    "ben instead of ana gets the bigger home",
  ])("%s", async (second) => {
    const { conv } = await dialogue(DESK, ["crucial. users ana and ben with sudo", second]);
    expect(sudoOf(conv.pending).ana).toBe(true);
  });
});
