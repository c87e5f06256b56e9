import { describe, expect, it } from "vitest";
import { describeOutcome } from "../../agent/session/describe.js";
import type { PlanCall } from "../../agent/types.js";
import { FactsSchema } from "../../facts/schema.js";

/**
 * Tester 14 A2: "erase the nvme and install there" → "wait no, don't touch the nvme" printed
 * "Removed from the plan: erase /dev/nvme0n1 …" twice: the step was both dropped by the decision
 * and withdrawn by the turn's words. One step, one line.
 */
const facts = FactsSchema.parse({
  mode: "live",
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 1000204886016,
      model: "WD_BLACK SN770 1TB",
      transport: "nvme",
      removable: false,
      mounted: false,
    },
  ],
  users: ["root"],
  recipes: ["ripgrep"],
  installed: [],
});
const erase: PlanCall = { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "whole" } } as PlanCall;
const count = (s: string) => s.split("Removed from the plan:").length - 1;

describe("a step dropped and withdrawn in one turn is reported once", () => {
  it("drop outcome", () => {
    const s = describeOutcome({ kind: "drop", dropped: [erase], withdrawn: [erase] }, [], facts);
    expect(count(s)).toBe(1);
    expect(s).toContain("/dev/nvme0n1");
  });
  it("calls outcome withdrawing the same step twice", () => {
    const s = describeOutcome(
      { kind: "calls", added: [], replaced: [], withdrawn: [erase, erase] },
      [],
      facts,
    );
    expect(count(s)).toBe(1);
  });
  it("two different steps are still two lines", () => {
    const user: PlanCall = {
      tool: "createUser",
      args: { username: "anna", sudo: false, shell: "/bin/bash", groups: [] },
    } as PlanCall;
    const s = describeOutcome({ kind: "drop", dropped: [erase], withdrawn: [user] }, [], facts);
    expect(count(s)).toBe(2);
  });
});
