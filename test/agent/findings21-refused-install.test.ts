import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 17 W4: "add jq, no btop, btop is naughty" installed btop (and showed "kept: btop" beside
 * it). A program the same words refuse is never installed (agent/safety/refusedInstall.ts),
 * unless a later clause asks for it again with an install word.
 */
const DESK = fixtureFacts("findings16-desk");
const installs = (pending: readonly PlanCall[]) =>
  pending.flatMap((p) => (p.tool === "installRecipe" ? [p.args.name] : []));

describe("a program the words refuse is not installed", () => {
  for (const [line, refused, added] of [
    ["add jq, no htop, htop is naughty", "htop", ["jq"]],
    ["snack time: fd, bat, dust. no tmux, tmux is naughty", "tmux", ["fd", "bat", "dust"]],
    ["fd and bat please, skip fzf, fzf annoys me", "fzf", ["fd", "bat"]],
    ["add jq without fzf; fzf is not for me", "fzf", ["jq"]],
  ] as const)
    it(`"${line}": ${refused} is not planned`, async () => {
      const { conv, last } = await dialogue(DESK, ["erase the nvme", line]);
      expect(installs(conv.pending)).not.toContain(refused);
      expect(JSON.stringify(last)).not.toContain(`"name":"${refused}"`);
      for (const a of added) expect(installs(conv.pending)).toContain(a);
    });

  it('"no htop. actually, add htop": the later request stands', async () => {
    const { conv } = await dialogue(DESK, ["erase the nvme", "no htop. actually, add htop"]);
    expect(installs(conv.pending)).toContain("htop");
  });
});
