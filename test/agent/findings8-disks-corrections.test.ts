import { describe, expect, it } from "vitest";
import { sayNoIsThe } from "../../agent/safety/noIsThe.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 7's DANGEROUS D15: after "install on the nvme" (the WD with the photos) and my "Shall I
 * erase it anyway?", the non-native "no is the samsung" kept my question open and the next "yes"
 * erased the WD. The "no" refuses what I proposed and the rest is the disk meant, as in "no, the
 * samsung" (agent/safety/noIsThe.ts). Machine: the tester's a.json.
 */
const A = fixtureFacts("findings8-a");
type Call = { tool: string; args?: unknown };
const erased = (plan: readonly Call[]) =>
  plan.flatMap((c) =>
    c.tool === "partitionDisk" && (c.args as { use?: string }).use !== "free"
      ? [(c.args as { disk: string }).disk]
      : [],
  );
const offered = (d: unknown): Call[] => (d as { offer?: { calls: Call[] } }).offer?.calls ?? [];

describe("'no is the X' rejects my offer and picks X (DANGEROUS D15)", () => {
  const cases: [string, string, string][] = [
    // the tester's
    ["install on the nvme", "no is the samsung", "/dev/sda"],
    // our own
    ["install on the nvme", "no its the samsung", "/dev/sda"],
    ["install on the nvme", "nope, is sda", "/dev/sda"],
    ["install on the nvme", "no it is the samsung", "/dev/sda"],
    ["install on the samsung", "no is the wd", "/dev/nvme0n1"],
    ["install on the samsung", "no is the other one", "/dev/nvme0n1"],
    ["install on the nvme", "nah it's the 500gb one", "/dev/sda"],
    ["install on the samsung", "no was the nvme", "/dev/nvme0n1"],
  ];
  for (const [before, s, meant] of cases) {
    it(`"${before}", "${s}", "yes": the refused disk is never erased; my next question is about ${meant}`, async () => {
      const refused = meant === "/dev/sda" ? "/dev/nvme0n1" : "/dev/sda";
      const { last } = await dialogue(A, [before, s]);
      expect(erased(offered(last))).not.toContain(refused);
      const { conv } = await dialogue(A, [before, s, "yes"]);
      expect(erased(conv.pending)).not.toContain(refused);
    });
  }
});

describe("only a disk after the 'no is'", () => {
  it("restates what names a disk, leaves the rest", () => {
    expect(sayNoIsThe("no is the samsung", A)).toBe("no, the samsung");
    expect(sayNoIsThe("no is fine", A)).toBe("no is fine");
    expect(sayNoIsThe("no it's ok", A)).toBe("no it's ok");
    expect(sayNoIsThe("no is not the samsung", A)).toBe("no is not the samsung");
    expect(sayNoIsThe("no is the weather nice", A)).toBe("no is the weather nice");
  });
});
