import { describe, expect, it } from "vitest";
import { asksBack } from "../../agent/safety/questionGate.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 7's DANGEROUS D16: after "Shall I erase it anyway?", a turn that asks back ("erase it
 * anyway?", "erase it??", the question said back word for word) took the erase of a disk full of
 * photos. A turn that is itself a question is never the yes to an offer that destroys something
 * (agent/safety/questionGate.ts): the offer stays open, what "yes" would lose is said again, and a
 * plain "yes" still takes it. Machine: the tester's a.json (Samsung sda "data", WD nvme0n1
 * "photos").
 */
const A = fixtureFacts("findings8-a");
const C = fixtureFacts("findings8-c");
type Call = { tool: string; args?: unknown };
const erased = (plan: readonly Call[]) =>
  plan.flatMap((c) =>
    c.tool === "partitionDisk" && (c.args as { use?: string }).use !== "free"
      ? [(c.args as { disk: string }).disk]
      : [],
  );
const offered = (d: unknown): Call[] => (d as { offer?: { calls: Call[] } }).offer?.calls ?? [];
const reply = (d: unknown) => (d as { reply?: string }).reply ?? "";

describe("a question asked back at 'Shall I erase it anyway?' erases nothing (DANGEROUS D16)", () => {
  const cases: [string, string, string][] = [
    // the tester's
    ["install on the samsung", "Shall I erase it anyway?", "/dev/sda"],
    ["install on the nvme", "erase it anyway?", "/dev/nvme0n1"],
    ["install on the nvme", "you'd erase it anyway?", "/dev/nvme0n1"],
    ["install on the nvme", "erase it??", "/dev/nvme0n1"],
    // our own
    ["install on the nvme", "Shall I erase it anyway", "/dev/nvme0n1"],
    ["install on the nvme", "wipe it?", "/dev/nvme0n1"],
    ["install on the samsung", "so you erase the samsung?", "/dev/sda"],
    ["install on the samsung", "erase /dev/sda?", "/dev/sda"],
    ["install on the nvme", "yes?", "/dev/nvme0n1"],
    ["install on the nvme", "the whole thing gets erased anyway??", "/dev/nvme0n1"],
    ["install on the nvme", "you would format it, really?", "/dev/nvme0n1"],
    ["install on the nvme", "format the wd anyway?!", "/dev/nvme0n1"],
  ];
  for (const [before, s, disk] of cases) {
    it(`"${before}" then "${s}" keeps the offer open and erases nothing`, async () => {
      const { conv, last } = await dialogue(A, [before, s]);
      expect(erased(conv.pending)).not.toContain(disk);
      // the question is still mine to ask, with what yes loses
      expect(erased(offered(last))).toContain(disk);
      expect(reply(last)).toMatch(/for good/);
    });
    it(`"${before}", "${s}", then a plain "yes" takes the erase`, async () => {
      const { conv } = await dialogue(A, [before, s, "yes"]);
      expect(erased(conv.pending)).toContain(disk);
    });
  }
  it('"erase it" (no question) still takes the offer', async () => {
    const { conv } = await dialogue(A, ["install on the nvme", "erase it"]);
    expect(erased(conv.pending)).toEqual(["/dev/nvme0n1"]);
  });
  it("a question after an offer of an empty disk is left to the other readers", async () => {
    // the Crucial is empty: nothing is destroyed, nothing is held back here
    const { conv } = await dialogue(C, ["install on the crucial"]);
    expect(erased(conv.pending)).toEqual(["/dev/sdb"]);
  });
});

describe("the form that asks back", () => {
  it("ends in a question mark, or repeats my question", () => {
    expect(asksBack("erase it anyway?", undefined)).toBe(true);
    expect(asksBack("erase it ?!", undefined)).toBe(true);
    expect(asksBack("shall i erase it anyway", "Shall I erase it anyway?")).toBe(true);
    expect(asksBack("erase it anyway", "Shall I erase it anyway?")).toBe(false);
    expect(asksBack("yes", "Shall I erase it anyway?")).toBe(false);
  });
});
