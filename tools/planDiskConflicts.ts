import type { ToolCall } from "./registry.js";

/** One error in a plan file (the shape of planFile.ts's PlanError; declared here so the two do not import each other). */
interface PlanError {
  path: string;
  message: string;
  hint?: string;
}

/** Two argument objects say the same thing (keys in any order, absent = undefined). */
function sameArgs(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([x], [y]) => (x < y ? -1 : 1))
            .map(([k, x]) => [k, norm(x)]),
        )
      : v;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * A plan file's steps are "in any order", so two different partitionDisk steps for one disk must
 * not be settled by position: compilePlan's merge keeps the later one, which let the order decide
 * between a free-space install and erasing the disk with Windows on it (attacker 28 M5). A plan
 * file is written by someone who can fix it, so it is refused, naming both steps. (The chat's own
 * calls still merge: there a later call is the user changing their mind.) Identical repeats merge.
 */
export function contradictingDiskSteps(steps: readonly ToolCall[]): PlanError[] {
  const errors: PlanError[] = [];
  const first = new Map<string, number>();
  steps.forEach((s, i) => {
    if (s?.tool !== "partitionDisk") return;
    const j = first.get(s.args.disk);
    if (j === undefined) {
      first.set(s.args.disk, i);
      return;
    }
    if (sameArgs(steps[j]?.args, s.args)) return;
    errors.push({
      path: `steps[${i}].args`,
      message: `two partitionDisk steps for ${s.args.disk} contradict each other (steps[${j}] and steps[${i}]); a plan's steps are in any order, so neither is chosen`,
      hint: "keep the one partitionDisk step you mean (use, filesystem, encrypt) and remove the other",
    });
  });
  return errors;
}
