import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Dev12 voices: "undo that", "nah scratch that, I still want starship", "hang on, undo that, I'm
 * keeping the samsung" right after the only change so far were read as a no to the whole plan. They
 * take that change back (a drop), as they do when more is planned; "cancel it", "nope, forget it"
 * still answer the plan with a no (agent/safety/cancelStep.ts).
 */
const INSTALLED = fixtureFacts("installed");
const LIVE = fixtureFacts("findings9-desktop");

describe("undo / scratch that, with only the last change planned, drops that change", () => {
  for (const [first, s, dropped] of [
    ["add fd", "undo that", { tool: "installRecipe", args: { name: "fd" } }],
    ["add fd", "scratch that", { tool: "installRecipe", args: { name: "fd" } }],
    ["add fd", "scrap that", { tool: "installRecipe", args: { name: "fd" } }],
    ["add fd", "never mind that", { tool: "installRecipe", args: { name: "fd" } }],
    ["add fd", "hmm undo that please", { tool: "installRecipe", args: { name: "fd" } }],
    ["remove bat", "undo that", { tool: "removeRecipe", args: { name: "bat" } }],
    ["remove bat", "nah scratch that, I still want bat", { tool: "removeRecipe", args: { name: "bat" } }],
    ["remove bat", "undo that, I still need bat", { tool: "removeRecipe", args: { name: "bat" } }],
    ["user dana with sudo", "undo that", { tool: "createUser", args: { username: "dana" } }],
  ] as const)
    it(`"${first}" then "${s}"`, async () => {
      const { conv, last } = await dialogue(INSTALLED, [first, s]);
      expect(last).toEqual({ drop: [dropped] });
      expect(conv.pending).toEqual([]);
    });

  for (const s of [
    "hang on, undo that, I'm keeping the samsung",
    "WAIT no the samsung has my backups, undo that",
  ])
    it(`"${s}" drops the erase of the samsung`, async () => {
      const { conv, last } = await dialogue(LIVE, ["use the samsung", s]);
      expect(last).toEqual({ drop: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }] });
      expect(conv.pending).toEqual([]);
    });

  it('"cancel that disk" names the step: the erase is dropped', async () => {
    const { last } = await dialogue(LIVE, [
      "use the samsung",
      "ok then no, I'm keeping the samsung. cancel that disk",
    ]);
    expect(last).toEqual({ drop: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }] });
  });
});

describe("cancel / forget it still answer the plan with a no", () => {
  for (const s of ["nope, cancel that", "cancel it please", "nah, forget it", "abort that"])
    it(`"add fd" then "${s}" is a no`, async () => {
      const { last } = await dialogue(INSTALLED, ["add fd", s]);
      expect(last).toEqual({ confirm: false });
    });
});

describe("with more planned, undo that takes back the last change only", () => {
  it('"add fd", "remove bat", "undo that" keeps fd', async () => {
    const { conv, last } = await dialogue(INSTALLED, ["add fd", "remove bat", "undo that"]);
    expect(last).toEqual({ drop: [{ tool: "removeRecipe", args: { name: "bat" } }] });
    expect(conv.pending.map((c) => c.tool)).toEqual(["installRecipe"]);
  });
});
