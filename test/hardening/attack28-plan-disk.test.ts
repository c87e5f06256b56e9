/**
 * Attacker 28 M5: a plan file with a free-space and a whole-disk partitionDisk for one disk ran the
 * later one silently, so the order of steps decided whether Windows was erased. Refused, naming both.
 */
import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { validatePlan } from "../../tools/planFile.js";

const facts = FactsSchema.parse({
  mode: "live",
  disks: [{ path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO 500GB", partitions: [] }],
});
const disk = facts.disks.find((d) => !d.liveMedium)!.path;
const plan = (steps: object[]) => ({ version: 1, mode: "live", steps });
const user = { tool: "createUser", args: { username: "bob", sudo: true } };

describe("M5: two different partitionDisk steps for one disk are refused", () => {
  it.each([
    [[{ use: "free" }, {}]],
    [[{}, { use: "free" }]],
    [[{ filesystem: "ext4" }, { filesystem: "xfs" }]],
  ])("%j: an error naming both steps, in either order", (pair) => {
    const steps = [...pair.map((a) => ({ tool: "partitionDisk", args: { disk, ...a } })), user];
    const v = validatePlan(plan(steps), facts);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map((e) => e.message).join("\n")).toMatch(
      new RegExp(
        `two partitionDisk steps for ${disk} contradict each other \\(steps\\[0\\] and steps\\[1\\]\\)`,
      ),
    );
  });

  it("near miss: the same step twice still merges; one step alone is fine", () => {
    const p = { tool: "partitionDisk", args: { disk, use: "free" } };
    for (const steps of [
      [p, p, user],
      [p, user],
    ]) {
      const v = validatePlan(plan(steps), facts);
      if (!v.ok) expect(v.errors.map((e) => e.message).join("\n")).not.toMatch(/contradict/);
    }
  });
});
