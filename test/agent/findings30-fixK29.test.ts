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

const INST = fixtureFacts("findings25-lead-inst"); // installed: ripgrep, fd, bat; helix and jq to install

describe("programs asked for before a keep in words the verb reader does not know", () => {
  const CASES: [string, string[]][] = [
    ["Lay some jq and helix on me, but no fd", ["jq", "helix"]],
    ["Hook me up with jq and helix, leave fd out", ["jq", "helix"]],
    ["Toss jq my way; no bat", ["jq"]],
    ["jq and helix please, but not fd", ["jq", "helix"]],
  ];
  for (const [line, want] of CASES)
    it(line, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(names(last, "installRecipe")).toEqual(want);
      expect(names(last, "removeRecipe")).toEqual([]);
    });
});

describe("programs named first, kept after by a pronoun", () => {
  for (const line of ["ripgrep and fd, leave them alone", "ripgrep and fd, don't touch those"])
    it(line, async () => {
      const { last, conv } = await dialogue(INST, [line]);
      expect(names(last, "installRecipe")).toEqual([]);
      expect("reply" in last && last.reply).toMatch(/kept/);
      expect(conv.pending).toEqual([]);
    });
  // near-misses: a program asked for in a verb of its own, and a keep beside a request
  it("install jq and keep it: installs jq", async () => {
    const { last } = await dialogue(INST, ["install jq and keep it"]);
    expect(names(last, "installRecipe")).toEqual(["jq"]);
  });
  it("keep bat, add jq: installs jq only", async () => {
    const { last } = await dialogue(INST, ["keep bat, add jq"]);
    expect(names(last, "installRecipe")).toEqual(["jq"]);
  });
  it("ripgrep and fd, leave them alone, add jq: jq only", async () => {
    const { last } = await dialogue(INST, ["ripgrep and fd, leave them alone, add jq"]);
    expect(names(last, "installRecipe")).toEqual(["jq"]);
  });
});
