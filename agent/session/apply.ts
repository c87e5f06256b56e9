import { resolve } from "node:path";
import type { Facts } from "../../facts/schema.js";
import type { PlanCall } from "../types.js";

/**
 * From accepted calls to a changed machine, through the tools' one path (tools/index.ts):
 * compile → render → (dry run: previews, stop) → confirm → execute with progress.
 * `levitate ask` and the install chat both end here.
 */

export interface ApplyOptions {
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  verbose?: boolean;
  recipeDirs?: string[];
  mirrors?: string[];
  target?: string;
  /** Where text goes (the chat passes its own writer). */
  out?: (line: string) => void;
  /** Whether a person can answer a confirmation prompt. */
  interactive?: boolean;
  /**
   * Read the plan's passwords and passphrases from stdin, one per line in the order the plan
   * asks for them, before anything runs (`--password-stdin`). Not for the chat: it reads stdin.
   */
  passwordStdin?: boolean;
  /** Where `passwordStdin` reads from (default process.stdin; tests). */
  secretsInput?: NodeJS.ReadableStream;
  /**
   * What the user's words keep, one line each ("/dev/sda (…, Samsung SSD 870 EVO), not touched"):
   * printed under the plan that is confirmed, so the promise is in sight when the user says yes.
   */
  kept?: readonly string[];
}

export interface ApplyResult {
  /** CLI exit code (ExitCode in cli/common.ts). */
  code: number;
  status: "invalid" | "dry-run" | "declined" | "done" | "failed" | "no-terminal";
  /** Set when the calls did not compile: one line a person can act on. */
  error?: string;
  /** The JSON document printed with --json (for callers that add to it). */
  json?: unknown;
}

export async function applyCalls(
  calls: readonly PlanCall[],
  facts: Facts,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const tools = await import("../../tools/index.js");
  const out = opts.out ?? ((s: string) => process.stdout.write(`${s}\n`));
  // A pinned version the recipe cannot provide is refused here, before anything is shown or run.
  const { pinProblems } = await import("./versions.js");
  const pins = await pinProblems(
    calls,
    opts.recipeDirs?.map((d) => resolve(d)),
  );
  if (pins.length) {
    const error = pins.join("; ");
    const json = { ok: false, errors: pins.map((message) => ({ path: "installRecipe.version", message })) };
    return { code: 1, status: "invalid", error, ...(opts.json ? { json } : {}) };
  }
  const compiled = tools.compilePlan(calls as Parameters<typeof tools.compilePlan>[0], facts, {
    ...(opts.target ? { target: opts.target } : {}),
  });
  if (!compiled.ok) {
    const error = compiled.errors.map((e) => `${e.message}${e.hint ? ` (${e.hint})` : ""}`).join("; ");
    if (opts.json) return { code: 1, status: "invalid", error, json: { ok: false, errors: compiled.errors } };
    return { code: 1, status: "invalid", error };
  }
  const plan = compiled.plan;
  if (facts.mode === "live") {
    // The chat and ask take the same care over where the new root goes as a plan file does.
    const { checkInstallTarget } = await import("../../tools/installTarget.js");
    const bad = checkInstallTarget(plan.target, { requireEmpty: !opts.dryRun });
    if (bad) {
      const error = `${bad.message} (${bad.hint})`;
      if (opts.json)
        return {
          code: 1,
          status: "invalid",
          error,
          json: { ok: false, errors: [{ path: "target", ...bad }] },
        };
      return { code: 1, status: "invalid", error };
    }
  }
  const recipes = tools.libraryRecipeRunner({
    ...(opts.recipeDirs ? { recipeDirs: opts.recipeDirs.map((d) => resolve(d)) } : {}),
    ...(opts.mirrors ? { mirrors: opts.mirrors.map((d) => resolve(d)) } : {}),
  });
  if (opts.json && opts.dryRun) {
    return {
      code: 0,
      status: "dry-run",
      json: { ok: true, dryRun: true, plan: JSON.parse(tools.planToJson(plan)) },
    };
  }
  if (!opts.json) {
    out(tools.renderPlan(plan, { verbose: opts.verbose || opts.dryRun }));
    for (const k of opts.kept ?? []) out(`  kept: ${k}`);
  }
  if (opts.dryRun) {
    for (const step of plan.steps) {
      if (step.action.kind !== "recipe") continue;
      try {
        const lines = await recipes.preview(step.action);
        out(`\n${step.title} (${tools.describeAction(step.action)}) would:`);
        for (const line of lines) out(`  ${line}`);
      } catch (e) {
        out(`\n${step.title}: cannot preview (${(e as Error).message})`);
      }
    }
    out("\nDry run: nothing was changed.");
    return { code: 0, status: "dry-run" };
  }
  const interactive = opts.interactive ?? process.stdin.isTTY === true;
  if (!opts.yes && !interactive) {
    return {
      code: 2,
      status: "no-terminal",
      error: "Refusing to run without confirmation: no terminal to ask on. Add --yes to run from a script.",
    };
  }
  let askSecret = interactive ? tools.askSecretInteractive : undefined;
  if (opts.passwordStdin) {
    try {
      askSecret = tools.stdinSecretAsker(await tools.readPlanSecrets(plan, opts.secretsInput));
    } catch (e) {
      if (!(e instanceof tools.PasswordStdinError)) throw e;
      return {
        code: 1,
        status: "invalid",
        error: e.message,
        ...(opts.json ? { json: { ok: false, errors: [{ path: "(stdin)", message: e.message }] } } : {}),
      };
    }
  }
  const { default: chalk } = await import("chalk");
  // Ctrl-C at a prompt or while steps run: exit 130 with one line naming what already ran.
  const { cancellable, exitOnInterrupt, trackProgress } = await import("../chat/interrupt.js");
  exitOnInterrupt();
  const confirmer = opts.yes ? tools.yesConfirmer : tools.interactiveConfirmer();
  const outcome = await tools.runPlan(plan, {
    confirmer: { confirm: cancellable(confirmer.confirm.bind(confirmer)) },
    ...(askSecret ? { askSecret: cancellable(askSecret) } : {}),
    recipes,
    onEvent: trackProgress(
      opts.json
        ? undefined
        : (e: import("../../tools/index.js").ExecEvent) => {
            if (e.type === "start") out(chalk.bold(`[${e.index + 1}/${e.total}] ${e.step.title}`));
            else if (e.type === "output" && opts.verbose) out(chalk.dim(`    ${e.line}`));
            else if (e.type === "failed") out(chalk.red(`    failed: ${e.message}`));
          },
    ),
  });
  if (outcome.status === "declined") return { code: 3, status: "declined" };
  if (outcome.status === "dry-run") return { code: 0, status: "dry-run" };
  const json = {
    ok: outcome.result.ok,
    plan: JSON.parse(tools.planToJson(plan)),
    result: {
      ok: outcome.result.ok,
      journalPath: outcome.result.journalPath,
      failed: outcome.result.failed && {
        id: outcome.result.failed.step.id,
        message: outcome.result.failed.message,
      },
      notRun: outcome.result.notRun.map((s) => s.id),
    },
  };
  if (outcome.status === "failed") {
    return { code: 1, status: "failed", error: tools.failureReport(outcome), json };
  }
  if (!opts.json)
    out(chalk.green(`Done: ${plan.steps.length} steps. Journal: ${outcome.result.journalPath}`));
  return { code: 0, status: "done", json };
}
