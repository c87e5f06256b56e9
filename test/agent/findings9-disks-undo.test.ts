import { describe, expect, it } from "vitest";
import { saysUndoLast } from "../../agent/rules/undoLast.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 D3: "scratch the last one" / "undo the last one" moved the install onto the last disk in
 * the list (the films disk on desktop2, where it is listed last). They mean the last change to the
 * plan (agent/rules/undoLast.ts): an addition is taken out, a replacement is asked about, and no
 * disk is ever picked by position.
 */
const DESKTOP = fixtureFacts("findings9d-desktop");
const DESKTOP2 = fixtureFacts("findings9d-desktop2");

const WORDINGS = [
  "scratch the last one",
  "undo the last one",
  "revert the last one",
  "scratch that last one pls",
  "undo the last change",
  "revert the last change please",
  "remove the last one",
  "drop the last thing i added",
  "get rid of the last thing i added",
  "ok cancel the latest one",
  "take back the last one",
  "forget the last one",
  "actually, undo the last step",
  "nah scrap the last bit",
  "undo the previous one thanks",
  "Scratch The Last One.",
];

describe("'undo the last one' takes back the last change, never the last disk (D3)", () => {
  for (const s of WORDINGS)
    for (const [name, facts] of [
      ["desktop2", DESKTOP2],
      ["desktop", DESKTOP],
    ] as const)
      it(`${name}: "${s}" after adding bat takes bat out and keeps the Samsung`, async () => {
        const { conv, decisions } = await dialogue(facts, ["use the samsung", "add fd", "add bat", s, "yes"]);
        expect(decisions.flatMap(callsOf).some(erases("/dev/sda"))).toBe(false);
        expect(JSON.stringify(decisions[3])).not.toContain("/dev/sda");
        expect(JSON.stringify(decisions[3])).not.toContain("/dev/sdc");
        expect(decisions[3]).toEqual({ drop: [{ tool: "installRecipe", args: { name: "bat" } }] });
        expect(conv.turns).toHaveLength(5);
      });

  it("a replaced step is asked about, and 'yes' goes back to it", async () => {
    const lines = ["use the samsung", "make it btrfs", "undo the last one"];
    const { conv, decisions } = await dialogue(DESKTOP2, lines);
    const fs = (c: { tool: string; args: unknown }) => (c.args as { filesystem?: string }).filesystem;
    expect(conv.pending.map(fs)).toEqual(["btrfs"]);
    const asked = decisions[2]!;
    expect("reply" in asked && asked.offer?.calls.map(fs)).toEqual(["ext4"]);
    const after = await dialogue(DESKTOP2, [...lines, "yes"]);
    expect(after.conv.pending.map(fs)).toEqual(["ext4"]);
    expect(after.conv.pending.some(erases("/dev/nvme0n1"))).toBe(true);
  });

  it("after my question about the backup disk, the last change is still the Samsung install", async () => {
    const { conv, decisions } = await dialogue(DESKTOP2, [
      "use the samsung",
      "actually the wd",
      "undo the last one",
      "yes",
    ]);
    expect(
      decisions
        .slice(2)
        .flatMap(callsOf)
        .some((c) => erases("/dev/sdb")(c) || erases("/dev/sda")(c)),
    ).toBe(false);
    expect(conv.pending.some(erases("/dev/sdb"))).toBe(false);
  });

  it("a drop taken back is offered again", async () => {
    const { conv, decisions } = await dialogue(DESKTOP2, [
      "use the samsung",
      "add fd",
      "drop fd",
      "undo the last one",
    ]);
    expect(conv.pending.some((c) => c.tool === "installRecipe")).toBe(false);
    const asked = decisions[3]!;
    expect("reply" in asked && asked.offer?.calls).toEqual([{ tool: "installRecipe", args: { name: "fd" } }]);
  });

  it("with nothing planned, nothing is picked", async () => {
    for (const facts of [DESKTOP, DESKTOP2]) {
      const { conv, decisions } = await dialogue(facts, ["scratch the last one", "yes"]);
      expect(conv.pending).toEqual([]);
      expect(decisions.flatMap(callsOf)).toEqual([]);
    }
  });

  it("'the last one' right after my which-disk question is still a menu pick", async () => {
    const { decisions } = await dialogue(DESKTOP, ["install linux", "the last one"]);
    expect(JSON.stringify(decisions[1])).toContain("/dev/sdb");
  });

  it("reads only a turn that takes back the last change", () => {
    expect(saysUndoLast("put it on the last one")).toBe(false);
    expect(saysUndoLast("remove the last one and add htop")).toBe(false);
    expect(saysUndoLast("use the last disk")).toBe(false);
    expect(saysUndoLast("scratch the last one")).toBe(true);
  });
});
