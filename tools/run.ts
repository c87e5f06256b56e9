import { readFileSync } from "node:fs";
import { JsonSyntaxError, parseJson } from "../facts/jsonError.js";
import type { Facts } from "../facts/schema.js";
import type { NameCatalog } from "../leviso/rootfs/catalog.js";
import { type ExecEvent, type ExecuteResult, executeSteps } from "../steps/execute.js";
import type { RecipeRunner } from "../steps/recipeRunner.js";
import { type AskSecretAction, describeAction } from "../steps/step.js";
import { type CompileResult, compilePlan, type Plan, presetSecretsOf } from "./compile.js";
import type { Confirmer } from "./confirm.js";
import { libraryRecipeRunner } from "./libraryRecipeRunner.js";
import { formatPlanErrors, type PlanError, validatePlan } from "./planFile.js";

/** Reads and validates a plan file, then compiles it. Every error comes back with its JSON path. */
export function loadPlanFile(
  path: string,
  facts: Facts,
  opts: { target?: string; catalog?: NameCatalog } = {},
): CompileResult {
  let raw: unknown;
  try {
    // parseJson says only where and what: a broken file's passwordHash is never quoted.
    raw = parseJson(readFileSync(path, "utf8"), path);
  } catch (e) {
    return {
      ok: false,
      errors: [
        {
          path: "(file)",
          message: e instanceof JsonSyntaxError ? e.message : `cannot read ${path}: ${(e as Error).message}`,
          hint: "see CONTRACTS §3",
        },
      ],
    };
  }
  const v = validatePlan(raw, facts);
  if (!v.ok) return v;
  const target = opts.target ?? ((raw as { target?: string }).target ? v.plan.target : undefined);
  return compilePlan(v.plan.steps, facts, { target, mode: v.plan.mode, catalog: opts.catalog });
}

export interface RunPlanOptions {
  /** Prints the plan and stops. */
  dryRun?: boolean;
  /** Asked before anything runs; absent means "go ahead" (the caller already confirmed). */
  confirmer?: Confirmer;
  askSecret?: (a: AskSecretAction) => Promise<string>;
  recipes?: RecipeRunner;
  onEvent?: (e: ExecEvent) => void;
  env?: Record<string, string>;
}

export type RunPlanOutcome =
  | { status: "dry-run"; plan: Plan }
  | { status: "declined"; plan: Plan }
  | { status: "done" | "failed"; plan: Plan; result: ExecuteResult };

/** The one path from a compiled plan to a changed machine: `levitate install` and `levitate ask` both call it. */
export async function runPlan(plan: Plan, opts: RunPlanOptions = {}): Promise<RunPlanOutcome> {
  if (opts.dryRun) return { status: "dry-run", plan };
  if (opts.confirmer && !(await opts.confirmer.confirm(plan))) return { status: "declined", plan };
  const result = await executeSteps(plan.steps, {
    target: plan.target,
    secrets: presetSecretsOf(plan),
    askSecret: opts.askSecret,
    recipes: opts.recipes ?? libraryRecipeRunner(),
    onEvent: opts.onEvent,
    env: opts.env,
    scratch: plan.scratch,
  });
  return { status: result.ok ? "done" : "failed", plan, result };
}

/** What went wrong, what was done, what was not, and how to go on. */
export function failureReport(outcome: { plan: Plan; result: ExecuteResult }): string {
  const { result, plan } = outcome;
  const done = result.results.filter((r) => r.status !== "failed");
  const lines = [
    `Step ${done.length + 1} of ${plan.steps.length} failed: ${result.failed?.step.title}`,
    `  ${result.failed?.message}`,
  ];
  if (result.failed?.output.length)
    lines.push("  last output:", ...result.failed.output.map((l) => `    ${l}`));
  lines.push(`Done (${done.length}):`, ...done.map((r) => `  ✓ ${r.title}`));
  lines.push(
    `Not run (${result.notRun.length}):`,
    ...result.notRun.map((s) => `  - ${s.title}: ${describeAction(s.action)}`),
  );
  const touchedDisk = done.some((r) => r.id.startsWith("partitionDisk."));
  lines.push("How to go on:");
  if (plan.mode === "live" && touchedDisk) {
    lines.push(
      `  the disk was already changed; fix the cause and run the same plan again: it starts over from an empty disk.`,
      `  to undo the mounts first: umount -R ${plan.target}${plan.disk?.after.partitions.some((p) => p.encrypted) ? "; cryptsetup close cryptroot" : ""}`,
    );
  } else {
    lines.push(
      "  fix the cause and run the plan again; steps already done are safe to repeat except creating a user that now exists (drop that step).",
    );
  }
  if (plan.scratch && !done.some((r) => r.id === "install.esp.clean"))
    lines.push(
      `  ${plan.scratch} holds the staged EFI system partition tree; the next run starts it afresh.`,
    );
  lines.push(`Journal: ${result.journalPath}`);
  return lines.join("\n");
}

export function compileErrorsText(file: string, errors: PlanError[]): string {
  return formatPlanErrors(file, errors);
}
