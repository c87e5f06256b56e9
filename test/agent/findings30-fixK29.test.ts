import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 29 (fixK29): keeps and negation as people say them.
 * - A clause of program names alone after the disk clause installs them ("install on the nvme,
 *   plus bat"): inherited, the disk reader found no disk in it and the programs vanished.
 */
const BLANK = inferLiveMedium(fixtureFacts("findings25-lead-two-blank")); // blank sda, blank nvme0n1, live sdb

const names = (d: object, tool: string) =>
  "calls" in d
    ? (d.calls as { tool: string; args: { name?: string; disk?: string } }[])
        .filter((c) => c.tool === tool)
        .map((c) => c.args.name ?? c.args.disk)
    : [];

describe("program names after the disk clause", () => {
  const CASES: [string, string[]][] = [
    ["install on the nvme, plus bat", ["bat"]],
    ["install on the nvme, plus bat, but not fzf", ["bat"]],
    ["install on the nvme. bat too", ["bat"]],
    ["install on the nvme, bat too", ["bat"]],
    ["nvme please, plus bat and fzf", ["bat", "fzf"]],
    ["use the nvme, and jq and delta as well", ["jq", "delta"]],
    ["put it on the nvme; also ripgrep", ["ripgrep"]],
  ];
  for (const [line, want] of CASES)
    it(line, async () => {
      const { last } = await dialogue(BLANK, [line]);
      expect(names(last, "partitionDisk")).toEqual(["/dev/nvme0n1"]);
      expect(names(last, "installRecipe")).toEqual(want);
    });

  // near-misses: a disk named in the second clause stays with the disk; a keep stays a keep;
  // a program said no to is not installed
  it("install on the nvme, not the sda: no program, one disk", async () => {
    const { last } = await dialogue(BLANK, ["install on the nvme, not the sda"]);
    expect(names(last, "partitionDisk")).toEqual(["/dev/nvme0n1"]);
    expect(names(last, "installRecipe")).toEqual([]);
  });
  it("install on the nvme, but not fzf: fzf is not installed", async () => {
    const { last } = await dialogue(BLANK, ["install on the nvme, but not fzf"]);
    expect(names(last, "installRecipe")).toEqual([]);
  });
  it("install on the nvme, keep bat: bat is not installed by it", async () => {
    const { last } = await dialogue(BLANK, ["install on the nvme, no bat"]);
    expect(names(last, "installRecipe")).toEqual([]);
  });
});
