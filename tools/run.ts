import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { JsonSyntaxError, parseJson } from "../facts/jsonError.js";
import { InputFileError, readInputFile } from "../facts/load.js";
import type { Facts } from "../facts/schema.js";
import type { NameCatalog } from "../leviso/rootfs/catalog.js";
import { type ExecEvent, type ExecuteResult, executeSteps } from "../steps/execute.js";
import type { RecipeRunner } from "../steps/recipeRunner.js";
import { type AskSecretAction, describeAction } from "../steps/step.js";
import { type CompileResult, compilePlan, type Plan, presetSecretsOf } from "./compile.js";
import type { Confirmer } from "./confirm.js";
import { duplicateKeys } from "./duplicateKeys.js";
import { mountpointsOf } from "./installTarget.js";
import { libraryRecipeRunner } from "./libraryRecipeRunner.js";
import { formatPlanErrors, type PlanError, validatePlan } from "./planFile.js";

/** Reads and validates a plan file, then compiles it. Every error comes back with its JSON path. */
export function loadPlanFile(
  path: string,
  facts: Facts,
  opts: { target?: string; catalog?: NameCatalog } = {},
): CompileResult {
  let raw: unknown;
  let text = "";
  try {
    // A byte-order mark (Notepad's default for UTF-8) is not part of the JSON: read past it.
    text = readInputFile(path, "plan file").replace(/^\uFEFF/, "");
    // parseJson says only where and what: a broken file's passwordHash is never quoted.
    raw = parseJson(text, path);
  } catch (e) {
    return {
      ok: false,
      errors: [
        {
          path: "(file)",
          message:
            e instanceof JsonSyntaxError || e instanceof InputFileError
              ? e.message
              : `cannot read ${path}: ${(e as Error).message}`,
          hint: "see CONTRACTS §3",
        },
      ],
    };
  }
  // JSON.parse keeps the last of two equal keys without a word: the file would not do what a
  // reader sees first (attacker 5, F15)
  const twice = duplicateKeys(text);
  if (twice.length)
    return {
      ok: false,
      errors: twice.map((at) => ({
        path: at,
        message: `"${at.replace(/^.*[.\]]/, "")}" is given twice in the same object; JSON keeps only the last one, so the file does not do what it seems to say`,
        hint: "keep one of them",
      })),
    };
  const v = validatePlan(raw, facts, opts.target);
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
  const guard = leaveNoMountsOnExit(plan);
  try {
    const result = await executeSteps(plan.steps, {
      target: plan.target,
      secrets: presetSecretsOf(plan),
      askSecret: opts.askSecret,
      recipes: opts.recipes ?? libraryRecipeRunner(),
      onEvent: (e) => {
        guard.seen(e);
        opts.onEvent?.(e);
      },
      env: opts.env,
      scratch: plan.scratch,
    });
    return { status: result.ok ? "done" : "failed", plan, result };
  } finally {
    guard.release();
  }
}

/** Mountpoints at or below `target`, deepest first. */
function mountsBelow(target: string): string[] {
  let text = "";
  try {
    text = readFileSync("/proc/self/mountinfo", "utf8");
  } catch {
    return [];
  }
  let real = target;
  try {
    real = realpathSync(target);
  } catch {
    // not created yet: nothing can be mounted there
  }
  return [...mountpointsOf(text)]
    .filter((m) => m === real || m.startsWith(`${real}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * A live install that ends while its steps run (Ctrl-C: the CLI's SIGINT handler exits 130 at
 * once) would leave the new filesystems mounted under the target and LUKS open, so the next
 * install is refused ("mounted") and the disk cannot be removed cleanly. On such an exit this
 * unmounts the target, closes the plan's LUKS mappings, and says what state the disk is in.
 * Synchronous: `process.on("exit")` runs nothing asynchronous.
 */
function leaveNoMountsOnExit(plan: Plan): { seen: (e: ExecEvent) => void; release: () => void } {
  let wrote = false;
  let inCopy = false;
  let copied = false;
  const copyId = sharedEspCopy(plan)?.id;
  const seen = (e: ExecEvent) => {
    if (e.type === "start" && e.step.destructive) wrote = true;
    if (e.step.id !== copyId) return;
    inCopy = e.type === "start";
    if (e.type === "done") copied = true;
  };
  if (plan.mode !== "live" || !plan.disk) return { seen, release: () => {} };
  const disk = plan.disk;
  const onExit = () => {
    const lines: string[] = [];
    const mounted = mountsBelow(plan.target);
    if (mounted.length) {
      // A step's program got the same Ctrl-C and may take a moment to let go of the target.
      let r = spawnSync("umount", ["-R", plan.target], { encoding: "utf8" });
      for (let i = 0; i < 10 && r.status !== 0 && mountsBelow(plan.target).length; i++) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
        r = spawnSync("umount", ["-R", plan.target], { encoding: "utf8" });
      }
      const left = mountsBelow(plan.target);
      lines.push(
        left.length
          ? `${plan.target} is still mounted (umount: ${String(r.stderr).trim()}): run umount -R ${plan.target} before installing again.`
          : `${plan.target} was unmounted.`,
      );
    }
    for (const p of disk.after.partitions) {
      const name = p.encrypted && p.mapper ? p.mapper.slice("/dev/mapper/".length) : undefined;
      if (name && existsSync(`/dev/mapper/${name}`)) spawnSync("cryptsetup", ["close", name]);
    }
    if (wrote)
      lines.unshift(
        ...(disk.after.free
          ? alongsideLeftovers(disk, sharedEspState(plan, { copied, stoppedDuringCopy: inCopy }))
          : [
              `${disk.path} is partly installed and will not boot: run the same install again; it starts over from an empty disk.`,
            ]),
      );
    if (lines.length) process.stderr.write(`${lines.join("\n")}\n`);
  };
  process.once("exit", onExit);
  return { seen, release: () => process.off("exit", onExit) };
}

/**
 * After an install into free space stopped part way: the other system is untouched, the
 * partitions this run created are named, and the exact command that gives the free space back
 * (the re-check refuses a second run while they are there: the space is no longer free).
 */
export function alongsideLeftovers(disk: NonNullable<Plan["disk"]>, esp?: SharedEspState): string[] {
  const added = disk.after.partitions.filter((p) => !p.existing);
  // A shared ESP the copy wrote to is never called untouched (attack4 M3), even when it was taken back.
  const kept = disk.before.map((p) => p.path).filter((p) => p !== esp?.device);
  const numbers = added.map((p) => p.number).sort((a, b) => b - a);
  return [
    `${disk.path}: the install into its free space stopped part way; ${kept.length ? `${kept.join(", ")} (the other system) ${kept.length === 1 ? "is" : "are"} untouched and it boots as before` : "nothing that was there was changed"}.`,
    ...(esp ? [`${esp.device} (the shared EFI system partition) ${esp.says}.`] : []),
    `If lsblk ${disk.path} lists ${added.map((p) => p.device).join(", ")}, this install created ${added.length === 1 ? "it" : "them"}: give the free space back before running the same plan again with sfdisk --delete ${disk.path} ${numbers.join(" ")}`,
  ];
}

/** What this run did to another system's EFI system partition, said in the report. */
export interface SharedEspState {
  device: string;
  says: string;
}

/** The copy onto a shared ESP (a step with undoAddedToFat), if the plan has one. */
function sharedEspCopy(plan: Plan): { id: string; device: string; changes: string } | undefined {
  const s = plan.steps.find((x) => x.action.kind === "run" && x.action.undoAddedToFat);
  if (s?.action.kind !== "run" || !s.action.undoAddedToFat) return undefined;
  return { id: s.id, device: s.action.undoAddedToFat, changes: s.changes };
}

function listCommand(device: string): string {
  return `MTOOLS_SKIP_CHECK=1 mdir -/ -i ${device} ::/`;
}

/**
 * The shared ESP after the run stopped: `copied` (the copy finished), `stopped` (killed during
 * it), or the failed copy's own message (which says whether its undo took everything back).
 */
export function sharedEspState(
  plan: Plan,
  how: { copied?: boolean; stoppedDuringCopy?: boolean; failedCopyMessage?: string },
): SharedEspState | undefined {
  const copy = sharedEspCopy(plan);
  if (!copy) return undefined;
  const { device } = copy;
  if (how.copied)
    return {
      device,
      says: `now holds this install's boot files (${copy.changes}): the same plan is refused while they are there; list them with ${listCommand(device)} and remove those with mdel/mrd -i ${device} before running it again`,
    };
  if (how.failedCopyMessage !== undefined)
    return {
      device,
      says: /still on the shared/.test(how.failedCopyMessage)
        ? "still holds some of this install's boot files: the failed step above names them and the commands that remove them"
        : "had this install's boot files added, and removed again when the copy failed: it holds what it held before",
    };
  if (how.stoppedDuringCopy)
    return {
      device,
      says: `may hold some of this install's boot files (the copy was stopped: ${copy.changes}); list them with ${listCommand(device)} and remove what this install added with mdel/mrd -i ${device} before running the same plan again`,
    };
  return undefined;
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
  // Only a step that wrote to the disk changed it: the re-check before writing reads only.
  const destructiveIds = new Set(plan.steps.filter((s) => s.destructive).map((s) => s.id));
  const touchedDisk = done.some((r) => r.id.startsWith("partitionDisk.") && destructiveIds.has(r.id));
  lines.push("How to go on:");
  if (plan.mode === "live" && touchedDisk && plan.disk?.after.free) {
    const copy = sharedEspCopy(plan);
    const esp = sharedEspState(plan, {
      copied: done.some((r) => r.id === copy?.id),
      ...(result.failed && result.failed.step.id === copy?.id
        ? { failedCopyMessage: result.failed.message }
        : {}),
    });
    lines.push(
      ...alongsideLeftovers(plan.disk, esp).map((l) => `  ${l}`),
      `  to undo the mounts first: umount -R ${plan.target}${plan.disk.after.partitions.some((p) => p.encrypted) ? "; cryptsetup close cryptroot" : ""}`,
    );
  } else if (plan.mode === "live" && touchedDisk) {
    lines.push(
      `  the disk was already changed; fix the cause and run the same plan again: it starts over from an empty disk.`,
      `  to undo the mounts first: umount -R ${plan.target}${plan.disk?.after.partitions.some((p) => p.encrypted) ? "; cryptsetup close cryptroot" : ""}`,
    );
  } else if (plan.mode === "live" && plan.disk) {
    // Stopped before the first write (the re-check, a vanished disk): there is nothing to undo.
    lines.push(`  nothing was written to ${plan.disk.path}; fix the cause and run the same plan again.`);
  } else {
    lines.push(
      "  fix the cause and run the plan again; steps already done are safe to repeat except creating a user that now exists (drop that step).",
    );
  }
  // Only when staging ran and its tree is still there (attack3 L1: a re-check failure named one).
  if (plan.scratch && existsSync(plan.scratch) && !done.some((r) => r.id === "install.esp.clean"))
    lines.push(
      `  ${plan.scratch} holds the staged EFI system partition tree; the next run starts it afresh.`,
    );
  lines.push(`Journal: ${result.journalPath}`);
  return lines.join("\n");
}

export function compileErrorsText(file: string, errors: PlanError[]): string {
  return formatPlanErrors(file, errors);
}
