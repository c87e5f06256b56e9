import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Dev12: "hostname runner01" then "scrap that — runner-01, with a dash" was read as a no to the
 * whole plan. A take-back followed by a new name corrects the hostname (agent/rules/hostname.ts,
 * agent/safety/cancelStep.ts); a take-back alone still drops it, and a disk or a program after the
 * take-back is never read as a name.
 */
const LIVE = fixtureFacts("findings9-desktop");
const hostnames = (pending: readonly { tool: string; args: Record<string, unknown> }[]) =>
  pending.filter((c) => c.tool === "setHostname").map((c) => c.args.hostname);

describe("a take-back followed by a new name corrects the hostname", () => {
  for (const [s, name] of [
    ["scrap that — runner-01, with a dash", "runner-01"],
    ["scrap that, runner-01", "runner-01"],
    ["scratch that. tower2", "tower2"],
    ["undo that, runner-02 please", "runner-02"],
    ["nah scratch that, build-7", "build-7"],
    ["forget that, edge-01", "edge-01"],
    ["oh scrap that, web-1 instead", "web-1"],
    ["sorry, runner-01 with a dash", "runner-01"],
    ["runner-01, with a hyphen", "runner-01"],
  ] as const)
    it(`"${s}" → ${name}`, async () => {
      const { conv, last } = await dialogue(LIVE, ["hostname runner01", s]);
      expect(last).toEqual({ calls: [{ tool: "setHostname", args: { hostname: name } }] });
      expect(hostnames(conv.pending)).toEqual([name]);
    });
});

describe("a take-back with no new name drops the hostname", () => {
  for (const s of [
    "scrap that",
    "undo that",
    "scrap that, I'll name it later",
    "scratch that, fd",
    "oh scratch that, the samsung",
  ])
    it(`"${s}" drops it and plans nothing else`, async () => {
      const { conv, last } = await dialogue(LIVE, ["hostname runner01", s]);
      expect(last).toEqual({ drop: [{ tool: "setHostname", args: { hostname: "runner01" } }] });
      expect(conv.pending).toEqual([]);
    });
});
