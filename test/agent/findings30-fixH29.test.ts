/**
 * fixH29: attacker 29 H3 in the chat (a removal deferred, taken back or written as code is asked,
 * default no) and tester 29 F13 (`ask "remove tim's sudo"` tacked on "I can't delete users").
 */
import { describe, expect, it } from "vitest";
import { oneShot } from "../../agent/session/oneShot.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

const INST = fixtureFacts("findings30-fixH29-inst"); // installed: firefox vim git fd bat; users anna tim

const removals = (d: unknown): string[] =>
  "calls" in (d as object)
    ? (d as { calls: { tool: string; args: { name?: string } }[] }).calls
        .filter((c) => c.tool === "removeRecipe")
        .map((c) => c.args.name ?? "")
    : [];

describe("H3: removals from words that are no plain request are asked", () => {
  it("deferred, taken back or code: no removal runs, the question offers it", async () => {
    for (const s of [
      "remove fd when I say so",
      "remove fd... wait",
      "remove fd — or so I thought",
      "uninstall bat once I've copied my config",
      "get rid of bat, never mind",
    ]) {
      const { last } = await dialogue(INST, [s]);
      expect(removals(last), s).toEqual([]);
    }
  });

  it("the question's plain yes still removes", async () => {
    const { conv } = await dialogue(INST, ["remove fd when I say so", "yes"]);
    expect(conv.pending.some((p) => p.tool === "removeRecipe" && p.args.name === "fd")).toBe(true);
  });

  it("plain requests still plan the removal", async () => {
    for (const [s, want] of [
      ["remove fd", ["fd"]],
      ["remove fd and bat", ["fd", "bat"]],
      ["get rid of bat please", ["bat"]],
      ["uninstall fd, I never use it", ["fd"]],
      ["sudo recipe remove fd", ["fd"]],
    ] as const) {
      const { last } = await dialogue(INST, [s]);
      expect(removals(last), s).toEqual(want);
    }
  });
});

describe("F13: taking sudo away is answered alone", () => {
  it("no stray 'I can't delete users', and the line ends a sentence", async () => {
    const text = "remove tim's sudo";
    const shot = await oneShot(
      {
        reply:
          "I can't delete users (or remove the root user). I can create users; removing them is left to you.",
      },
      text,
      INST,
      async () => ({ reply: "" }),
    );
    const reply = "reply" in shot.decision ? shot.decision.reply : "";
    expect(reply).toMatch(/^I didn't take sudo from tim: .*gpasswd -d tim wheel .*\.$/);
    expect(reply).not.toMatch(/delete users/);
  });
});
