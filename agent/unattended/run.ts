import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { JsonSyntaxError, parseJson } from "../../facts/jsonError.js";
import type { Facts } from "../../facts/schema.js";
import type { NameCatalog } from "../../leviso/rootfs/catalog.js";
import type { Plan } from "../../tools/compile.js";
import { planSecretsToAsk } from "../../tools/passwordStdin.js";
import { formatPlanErrors, type PlanShutdown, planShutdownOf } from "../../tools/planFile.js";
import { renderPlan } from "../../tools/render.js";
import { unattendedSecretsFix } from "../../tools/unattendedSecrets.js";
import { describeSource, unattendedFromCmdline } from "./cmdline.js";
import { type FetchOptions, fetchPlan, PlanSourceError } from "./source.js";

/**
 * The unattended install: the plan named on the kernel command line is fetched, validated with
 * the plan-file checks, shown, and after a countdown that a keypress cancels, installed by
 * `levitate install --plan FILE --yes` (the same path a person runs). Then the machine powers off
 * or reboots as the plan's `shutdown` says. A bad plan or a missing source is reported on the
 * console and nothing is installed; the machine stays on so someone can read why.
 */

export const UnattendedExit = { ok: 0, failure: 1, noRequest: 2, cancelled: 3 } as const;

/** Where the installed system keeps the unattended run's console log (beside the journal). */
export const UNATTENDED_LOG = "/var/log/levitate-unattended.log";

export interface UnattendedDeps {
  /** /proc/cmdline's text. */
  cmdline: string;
  /** Facts of this machine (probed on the live system). */
  facts: () => Promise<Facts>;
  catalog?: NameCatalog;
  /** One console line; the caller also appends it to the log. */
  out: (line: string) => void;
  /** Resolves true when a key is pressed within `ms`; false when the time passes. */
  waitForKey: (ms: number) => Promise<boolean>;
  /** A person could type at a prompt (the console is a terminal). */
  interactive: boolean;
  /** Runs the install of the plan file; resolves to its exit code. */
  install: (planFile: string) => Promise<number>;
  /** After a successful install: keep the log on the target, unmount it. */
  afterInstall: (plan: Plan) => Promise<void>;
  /** Powers off or reboots; not called for "none". */
  shutdown: (how: Exclude<PlanShutdown, "none">) => Promise<void>;
  /** Where the fetched plan is written (e.g. /run/levitate/unattended). */
  workDir: string;
  fetch?: FetchOptions;
  /** Fetch, validate and show the plan, then stop: no countdown, no install. */
  dryRun?: boolean;
}

export interface UnattendedOutcome {
  code: number;
  /** What went wrong, or what was done, in one line (also printed). */
  summary: string;
  planFile?: string;
}

export async function runUnattended(d: UnattendedDeps): Promise<UnattendedOutcome> {
  const stop = (code: number, summary: string, planFile?: string): UnattendedOutcome => {
    d.out(summary);
    return { code, summary, ...(planFile ? { planFile } : {}) };
  };
  const parsed = unattendedFromCmdline(d.cmdline);
  if (!parsed.ok)
    return stop(UnattendedExit.failure, `Unattended install: ${parsed.error}. Nothing was installed.`);
  if (!parsed.request)
    return stop(
      UnattendedExit.noRequest,
      "Unattended install: the kernel command line has no levitate.plan=: nothing to do (start the chat with `levitate install`).",
    );
  const { source, countdownSeconds } = parsed.request;
  const where = describeSource(source);
  d.out(`Unattended install: reading the plan from ${where}`);

  let text: string;
  try {
    text = await fetchPlan(source, {
      ...d.fetch,
      onWait: d.out,
      onRead: (line) => d.out(`Unattended install: ${line}`),
    });
  } catch (e) {
    if (!(e instanceof PlanSourceError)) throw e;
    return stop(UnattendedExit.failure, `Unattended install: ${e.message}. Nothing was installed.`);
  }
  mkdirSync(d.workDir, { recursive: true, mode: 0o700 });
  const planFile = join(d.workDir, "plan.json");
  writeFileSync(planFile, text, { mode: 0o600 });

  let raw: unknown;
  try {
    raw = parseJson(text, where);
  } catch (e) {
    const why = e instanceof JsonSyntaxError ? e.message : (e as Error).message;
    return stop(UnattendedExit.failure, `Unattended install: ${why}. Nothing was installed.`, planFile);
  }
  const facts = await d.facts();
  const { loadPlanInput } = await import("../../tools/import/planInput.js");
  const input = loadPlanInput(planFile, facts, d.catalog ? { catalog: d.catalog } : {});
  if (!input.compiled.ok) {
    d.out(formatPlanErrors(where, input.compiled.errors));
    return stop(
      UnattendedExit.failure,
      "Unattended install: the plan is not valid (above); fix it and boot again. Nothing was installed.",
      planFile,
    );
  }
  const plan = input.compiled.plan;
  const shutdown = planShutdownOf(raw);

  // Nobody may be at the console: every password must come as a hash in the plan.
  const asked = planSecretsToAsk(plan);
  if (asked.length && !d.interactive)
    return stop(
      UnattendedExit.failure,
      `Unattended install: the plan asks for ${asked.map((a) => `"${a.prompt}"`).join(", ")} and there is no terminal to type ${asked.length === 1 ? "it" : "them"} on: ${unattendedSecretsFix(asked)}. Nothing was installed.`,
      planFile,
    );

  d.out(renderPlan(plan, { color: false }));
  d.out(`After the install: ${shutdown === "none" ? "stay on (the plan's shutdown is none)" : shutdown}.`);
  if (asked.length)
    d.out(
      `This plan asks for ${asked.map((a) => `"${a.prompt}"`).join(", ")} at the console during the install.`,
    );
  if (d.dryRun)
    return stop(UnattendedExit.ok, "Dry run: the plan is valid; nothing was installed.", planFile);
  if (countdownSeconds > 0) {
    d.out(
      `Installing in ${countdownSeconds} s${d.interactive ? ": press any key to cancel" : " (no terminal: it cannot be cancelled here)"}.`,
    );
    for (let left = countdownSeconds; left > 0; left--) {
      if (await d.waitForKey(1000))
        return stop(
          UnattendedExit.cancelled,
          "Unattended install cancelled by a keypress: nothing was changed. Run `sudo levitate install` to install by conversation.",
          planFile,
        );
      if (left - 1 > 0 && ((left - 1) % 5 === 0 || left - 1 <= 3)) d.out(`  ${left - 1} s…`);
    }
  }
  d.out("Unattended install: starting.");
  const code = await d.install(planFile);
  if (code !== 0)
    return stop(
      UnattendedExit.failure,
      `Unattended install failed (exit ${code}); the machine stays on. The log is above and in ${d.workDir}.`,
      planFile,
    );
  await d.afterInstall(plan);
  d.out(`Unattended install: done. The log is in ${UNATTENDED_LOG} on the new system.`);
  if (shutdown !== "none") {
    d.out(shutdown === "poweroff" ? "Powering off." : "Rebooting.");
    await d.shutdown(shutdown);
  }
  return { code: UnattendedExit.ok, summary: "installed", planFile };
}
