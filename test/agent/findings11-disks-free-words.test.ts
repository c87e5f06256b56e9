import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The free region said in other words than "free space" (dev-alongside10 h12a-004, -008, -069,
 * -070): "in what is left", "linux in the rest", "the unpartitioned space", "the remaining space",
 * "mode=free" install beside Windows, never over it (agent/rules/alongside.ts asksFreeSpace).
 * "install the rest" about programs stays about programs.
 * Machine: Windows on a Samsung nvme with 150 GiB free, beside the live USB.
 */
const WIN_FREE = fixtureFacts("findings11d-win-free");

const installs = (d: Decision) => ("calls" in d ? d.calls : []).filter((c) => c.tool === "partitionDisk");

describe("the free region in other words installs into it", () => {
  const lines = [
    "install in what is left",
    "my wife uses the windows for her work, she says dont touch it. install in what is left",
    "put linux into the rest, windows stays",
    "Kann ich Windows behalten? I mean: keep windows, linux in the rest",
    "use the remaining space",
    "levitate in the unpartitioned area please",
    "Leave Windows where it is. Levitate only in the unpartitioned space, nothing else.",
    "keep windows; linux goes in the leftover space",
    "disk=nvme0n1 mode=free fs=xfs swap=4G",
    "could you install into what is left?",
    "windows stays. the space remaining is for linux",
  ];
  for (const line of lines)
    it(`"${line}"`, async () => {
      const { last } = await dialogue(WIN_FREE, [line]);
      expect(callsOf(last).some(erases("/dev/nvme0n1"))).toBe(false);
      expect(installs(last)).toMatchObject([{ args: { disk: "/dev/nvme0n1", use: "free" } }]);
    });
});

describe("'the rest' about programs is not the free region", () => {
  for (const line of ["install the rest", "add fd, then install the rest", "install ripgrep and the rest"])
    it(`"${line}"`, async () => {
      const { last } = await dialogue(WIN_FREE, [line]);
      expect(callsOf(last).some((c) => c.tool === "partitionDisk")).toBe(false);
    });
});
