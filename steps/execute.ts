import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { lstat, mkdir, readFile, readlink, realpath, rm, symlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { execa } from "execa";
import { atomicCopyFile, atomicWriteFile } from "./atomicWrite.js";
import { type DiskIdentity, readDiskIdentity } from "./diskIdentity.js";
import { DISK_GONE_FIX, diskGoneProblem } from "./diskPresent.js";
import { fillEspMenus } from "./espMenu.js";
import { fatGuardSkip } from "./fatGuard.js";
import { describeUndo, fatListing, removeAdded } from "./fatUndo.js";
import { diskTableReader, fillFreeStarts } from "./freeStart.js";
import { openInstallJournal } from "./installJournal.js";
import { addMissingPartitions, whyMissing } from "./partitionNodes.js";
import { recheckDisk } from "./recheckDisk.js";
import type { RecipeRunner } from "./recipeRunner.js";
import { inRoot, isUnderRoot } from "./rootPath.js";
import {
  type AskSecretAction,
  describeAction,
  fillSecrets,
  type Step,
  type StepAction,
  secretsUsed,
} from "./step.js";

/** Where the journal lands inside the target once the target has a /var. */
export const JOURNAL_PATH = "/var/log/levitate-install.log";

export type ExecEvent =
  | { type: "start"; step: Step; index: number; total: number }
  | { type: "output"; step: Step; line: string }
  | { type: "done"; step: Step; index: number; total: number; durationMs: number }
  | { type: "failed"; step: Step; index: number; total: number; durationMs: number; message: string };

export interface ExecuteOptions {
  /** The root steps write into; file writes must stay below it, and the journal goes there. */
  target: string;
  /** Secrets known before execution (a plan file's password hash); never printed. */
  secrets?: ReadonlyMap<string, string>;
  /** Asks for a password or passphrase (the CLI uses @inquirer/prompts). */
  askSecret?: (action: AskSecretAction) => Promise<string>;
  recipes?: RecipeRunner;
  onEvent?: (event: ExecEvent) => void;
  /** Extra environment for commands (PATH for tests). */
  env?: Record<string, string>;
  /** Where the journal is kept while the target is not mounted yet (default: a temp file). */
  journalScratch?: string;
  /**
   * A directory outside the target that steps may also write into (the plan's staging area,
   * e.g. the EFI system partition's tree before mtools copies it onto the unmounted ESP).
   */
  scratch?: string;
}

export interface StepResult {
  id: string;
  title: string;
  action: string;
  /** skipped: a step whose `onlyIf` did not hold (the message says why). */
  status: "ok" | "skipped" | "failed";
  exitCode?: number;
  durationMs: number;
  message?: string;
}

export interface ExecuteResult {
  ok: boolean;
  results: StepResult[];
  /** The step that failed, with the reason and the last lines of its output. */
  failed?: { step: Step; message: string; output: string[] };
  notRun: Step[];
  /** Where the journal ended up (inside the target when it could be written there). */
  journalPath: string;
}

export class StepError extends Error {
  constructor(
    message: string,
    readonly exitCode?: number,
  ) {
    super(message);
  }
}

/** Values a plan cannot know: UUIDs after formatting, the kernel the base system installed. */
const VALUE_RE = /\{\{(uuid|partuuid|kernel|initrd):([^}]+)\}\}/g;

async function resolveValues(text: string, env: Record<string, string> | undefined): Promise<string> {
  const found = [...text.matchAll(VALUE_RE)];
  let out = text;
  for (const m of found) {
    const [whole, kind, arg] = m as unknown as [string, string, string];
    out = out.replace(whole, await resolveValue(kind, arg, env));
  }
  return out;
}

async function resolveValue(
  kind: string,
  arg: string,
  env: Record<string, string> | undefined,
): Promise<string> {
  if (kind === "uuid" || kind === "partuuid") {
    // -c /dev/null: no cache, the filesystem was created seconds ago. PARTUUID: the partition
    // table's own id of the partition (a random-key swap has no filesystem to have a UUID).
    const tag = kind === "uuid" ? "UUID" : "PARTUUID";
    const r = await execa("blkid", ["-c", "/dev/null", "-s", tag, "-o", "value", arg], {
      env,
      reject: false,
    });
    const uuid = r.stdout.trim();
    if (r.exitCode !== 0 || !uuid)
      throw new StepError(`cannot read the ${tag} of ${arg} (blkid exit ${r.exitCode})`);
    return uuid;
  }
  const prefixes = kind === "kernel" ? ["vmlinuz-"] : ["initramfs-", "initrd.img-"];
  let names: string[] = [];
  try {
    names = readdirSync(arg);
  } catch {
    throw new StepError(`cannot list ${arg} to find the ${kind}`);
  }
  const matches = names
    .filter((n) => prefixes.some((p) => n.startsWith(p)) && !n.includes("rescue"))
    .sort((a, b) => statSync(join(arg, b)).mtimeMs - statSync(join(arg, a)).mtimeMs || b.localeCompare(a));
  if (!matches[0]) {
    throw new StepError(
      `no ${kind} (${prefixes.map((p) => `${p}*`).join(", ")}) in ${arg}: the base system's kernel package installs one`,
    );
  }
  return matches[0];
}

/** The directories a plan may write below: the target, and its scratch directory when it has one. */
function writableRoots(opts: ExecuteOptions): string[] {
  return opts.scratch ? [opts.target, opts.scratch] : [opts.target];
}

function describeRoots(roots: readonly string[]): string {
  return roots.length > 1
    ? `the target ${roots[0]} or the scratch directory ${roots[1]}`
    : `the target ${roots[0]}`;
}

/**
 * Refuses a write whose existing parent directories lead outside the target (or the plan's
 * scratch directory) through a symlink.
 */
async function confinedParent(roots: string | readonly string[], path: string): Promise<void> {
  const list = typeof roots === "string" ? [roots] : roots;
  const root = list.find((r) => isUnderRoot(r, path));
  if (!root) throw new StepError(`${path} is outside ${describeRoots(list)}`);
  await mkdir(dirname(path), { recursive: true });
  const [realRoot, realParent] = await Promise.all([realpath(root), realpath(dirname(path))]);
  if (!isUnderRoot(realRoot, realParent))
    throw new StepError(
      `${path} resolves to ${realParent}, outside ${root === list[0] ? "the target" : "the scratch directory"} ${root}`,
    );
}

/**
 * Reads an existing file the plan is about to rewrite, refusing one whose last component is a
 * symlink that leads outside the target: a link planted in the target (an absolute target
 * resolves on the host while the installer runs) would otherwise copy a host file into it.
 */
async function readConfined(roots: readonly string[], path: string): Promise<string> {
  const st = await lstat(path).catch(() => undefined);
  if (!st) return "";
  if (st.isSymbolicLink()) {
    const root = roots.find((r) => isUnderRoot(r, path)) as string;
    const [realRoot, real] = await Promise.all([realpath(root), realpath(path).catch(() => undefined)]);
    if (real === undefined) return ""; // a dangling link: the rename replaces the link itself
    if (!isUnderRoot(realRoot, real))
      throw new StepError(`${path} is a link to ${real}, outside the target ${root}; not reading it`);
  }
  return readFile(path, "utf8");
}

/** KEY=value files (locale.conf, vconsole.conf): replace the keys given, keep every other line. */
export function setKeysIn(text: string, keys: Record<string, string>): string {
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const pending = new Map(Object.entries(keys));
  const out = lines.map((line) => {
    const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1];
    if (key && pending.has(key)) {
      const v = pending.get(key) as string;
      pending.delete(key);
      return `${key}=${v}`;
    }
    return line;
  });
  for (const [k, v] of pending) out.push(`${k}=${v}`);
  return `${out.join("\n")}\n`;
}

/** What a step whose stdin carries a secret shows instead of its output. */
export const SECRET_OUTPUT_HIDDEN = "(output hidden: this step received a secret)";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces every known secret in a line of output by `********`. A secret of 4 characters or
 * more is replaced wherever it appears; a shorter one (a user may choose a 1-character password)
 * only as a whole token, not touching a letter or digit on either side, so that "a" does not
 * blank every word with an a in it, yet a lone "a" is never shown.
 */
export function redactSecrets(line: string, secrets: Iterable<string>): string {
  let out = line;
  const longestFirst = [...secrets].filter((v) => v.length > 0).sort((x, y) => y.length - x.length);
  for (const v of longestFirst) {
    if (v.length >= 4) out = out.replaceAll(v, "********");
    else
      out = out.replace(
        new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(v)}(?![\\p{L}\\p{N}])`, "gu"),
        "********",
      );
  }
  return out;
}

function redact(line: string, secrets: ReadonlyMap<string, string>): string {
  return redactSecrets(line, secrets.values());
}

/** Runs one action. Returns the exit code for commands. */
/** The first of `names` found on PATH (the plan's environment, else this process's); else the first. */
export function pickProgram(names: string[], env?: Record<string, string | undefined>): string {
  const path = (env?.PATH ?? process.env.PATH ?? "").split(":").filter(Boolean);
  for (const n of names) {
    if (n.includes("/")) {
      if (existsSync(n)) return n;
      continue;
    }
    for (const d of path) {
      try {
        accessSync(join(d, n), constants.X_OK);
        return n;
      } catch {
        // not in this directory
      }
    }
  }
  return names[0] as string;
}

async function runAction(
  a: StepAction,
  step: Step,
  ctx: {
    opts: ExecuteOptions;
    secrets: Map<string, string>;
    log: (line: string) => void;
    tail: string[];
    /** Each re-checked disk as the install found it when it started (steps/diskIdentity.ts). */
    identities?: Map<string, DiskIdentity>;
  },
): Promise<number | undefined | { skipped: string }> {
  const { opts, secrets } = ctx;
  switch (a.kind) {
    case "run": {
      if (a.onlyIf && !existsSync(a.onlyIf.exists)) {
        ctx.log(`skipped: ${a.onlyIf.otherwise}`);
        return { skipped: a.onlyIf.otherwise };
      }
      const [named, ...args] = a.argv as [string, ...string[]];
      const file = a.alternatives?.length ? pickProgram([named, ...a.alternatives], opts.env) : named;
      if (file !== named) ctx.log(`${named} is not installed here: running ${file}`);
      const input =
        a.stdin !== undefined
          ? fillSecrets(
              await fillFreeStarts(a.stdin, diskTableReader(opts.env), (m) => new StepError(m)),
              secrets,
            )
          : undefined;
      const fatBefore = a.undoAddedToFat ? await fatListing(a.undoAddedToFat, opts.env) : undefined;
      const child = execa(file, args, {
        input,
        stdin: input === undefined ? "ignore" : undefined,
        env: a.env ? { ...opts.env, ...a.env } : opts.env,
        reject: false,
        all: true,
        stripFinalNewline: true,
      });
      // A program fed a secret may echo it back in any shape (a prompt, an error quoting its
      // input): none of its output is shown or journalled, only that it was hidden. Except
      // cryptsetup reading its key with --key-file=-: it never prints the key it reads (no prompt,
      // no quoting of its input), and its messages are the only way to tell a missing dm-crypt
      // from a busy device or a name in use (attack3 M1); they are still redacted line by line.
      const neverEchoes = basename(file) === "cryptsetup" && args.includes("--key-file=-");
      const fedSecret = a.stdin !== undefined && secretsUsed(step).length > 0 && !neverEchoes;
      if (fedSecret) ctx.log(SECRET_OUTPUT_HIDDEN);
      if (!a.captureSecret && !fedSecret) {
        child.all?.setEncoding("utf8");
        let buf = "";
        child.all?.on("data", (chunk: string) => {
          buf += chunk;
          const lines = buf.split("\n");
          buf = lines.pop() ?? "";
          for (const l of lines) ctx.log(redact(l, secrets));
        });
        child.all?.on("end", () => buf && ctx.log(redact(buf, secrets)));
      }
      if (a.bounded) {
        const { ms, otherwise, fail } = a.bounded;
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<"late">((resolve) => {
          timer = setTimeout(() => resolve("late"), ms);
        });
        const first = await Promise.race([child.then(() => "done" as const), late]);
        clearTimeout(timer);
        if (first === "late") {
          child.kill("SIGKILL");
          // Not awaited: it may sit in the kernel until the firmware answers. Its pipes and
          // handle must not keep the installer alive.
          child.stdout?.destroy();
          child.stderr?.destroy();
          child.all?.destroy();
          child.unref();
          const why = `${file} did not return within ${Math.round(ms / 1000)} s: ${otherwise}`;
          ctx.log(why);
          if (fail) throw new StepError(why);
          return { skipped: why };
        }
      }
      const r = await child;
      if (r.failed && r.exitCode === undefined) {
        throw new StepError(
          (r as { code?: string }).code === "ENOENT"
            ? `${file} is not installed (command not found)`
            : `${file} could not run: ${r.shortMessage}`,
        );
      }
      if (r.exitCode !== 0) {
        if (a.captureSecret && !fedSecret) ctx.tail.push("(output hidden: it may contain a secret)");
        // A copy onto another system's ESP that stopped part way takes back what it wrote (attack4 M3).
        const undone =
          a.undoAddedToFat && fatBefore
            ? `; ${describeUndo(a.undoAddedToFat, await removeAdded(a.undoAddedToFat, fatBefore, opts.env))}`
            : "";
        throw new StepError(`${file} exited with ${r.exitCode}${undone}`, r.exitCode);
      }
      if (a.captureSecret) {
        const v = String(r.stdout).trim();
        if (!v) throw new StepError(`${file} printed nothing`);
        secrets.set(a.captureSecret, v);
      }
      return r.exitCode;
    }
    case "writeFile": {
      const guarded = a.unlessOnFat && (await fatGuardSkip(a.unlessOnFat, opts.env));
      if (guarded) {
        ctx.log(`skipped: ${guarded}`);
        return { skipped: guarded };
      }
      await confinedParent(writableRoots(opts), a.path);
      // The other systems' menu entries first: they hold {{uuid:ESP}} placeholders of their own.
      const menus = await fillEspMenus(
        a.content,
        (dev) => fatListing(dev, opts.env),
        (m) => new StepError(m),
      );
      const content = await resolveValues(menus, opts.env);
      const check = a.check;
      await atomicWriteFile(a.path, content, {
        mode: a.mode,
        ...(check && {
          check: async (tmp: string) => {
            const argv = check.map((x) => (x === "{}" ? tmp : x));
            const r = await execa(argv[0] as string, argv.slice(1), {
              env: opts.env,
              reject: false,
              all: true,
            });
            if (r.exitCode !== 0) {
              for (const l of String(r.all ?? "").split("\n")) ctx.log(l);
              throw new StepError(
                `check ${argv.join(" ")} failed (exit ${r.exitCode}); ${a.path} left as it was`,
                r.exitCode,
              );
            }
          },
        }),
      });
      return undefined;
    }
    case "copyFile": {
      const guarded = a.unlessOnFat && (await fatGuardSkip(a.unlessOnFat, opts.env));
      if (guarded) {
        ctx.log(`skipped: ${guarded}`);
        return { skipped: guarded };
      }
      const roots = writableRoots(opts);
      const from = await resolveValues(a.from, opts.env);
      const to = await resolveValues(a.to, opts.env);
      if (!roots.some((r) => isUnderRoot(r, from)))
        throw new StepError(`${from} is outside ${describeRoots(roots)}`);
      const st = await lstat(from).catch(() => undefined);
      if (!st) throw new StepError(`${from} is missing: ${a.missing}`);
      if (!st.isFile()) throw new StepError(`${from} is not a regular file`);
      // Its directories may be links too (a planted TARGET/boot -> /boot): read only what
      // really lies inside the target or the scratch directory.
      const realFrom = await realpath(from);
      const realRoots = await Promise.all(roots.map((r) => realpath(r).catch(() => r)));
      if (!realRoots.some((r) => isUnderRoot(r, realFrom)))
        throw new StepError(`${from} resolves to ${realFrom}, outside ${describeRoots(roots)}`);
      await confinedParent(roots, to);
      await atomicCopyFile(from, to, { mode: a.mode });
      return undefined;
    }
    case "setKeys": {
      await confinedParent(writableRoots(opts), a.path);
      const old = await readConfined(writableRoots(opts), a.path);
      await atomicWriteFile(a.path, setKeysIn(old, a.keys), { mode: a.mode });
      return undefined;
    }
    case "symlink": {
      await confinedParent(writableRoots(opts), a.path);
      const existing = await lstat(a.path).catch(() => undefined);
      if (existing?.isDirectory())
        throw new StepError(`${a.path} is a directory; not replacing it with a link`);
      if (existing?.isSymbolicLink() && (await readlink(a.path)) === a.target) return undefined;
      if (existing) await rm(a.path);
      await symlink(a.target, a.path);
      return undefined;
    }
    case "mkdir": {
      const roots = writableRoots(opts);
      if (!roots.some((r) => isUnderRoot(r, a.path) || a.path === r))
        throw new StepError(`${a.path} is outside ${describeRoots(roots)}`);
      await mkdir(a.path, { recursive: true, mode: a.mode });
      return undefined;
    }
    case "checkDisk": {
      const problems = await recheckDisk(a, opts.env, opts.target, ctx.identities?.get(a.disk));
      for (const p of problems) ctx.log(p);
      if (problems.length)
        throw new StepError(
          `${a.disk} is not as it was when the plan was confirmed; stopped before writing anything:\n  - ${problems.join("\n  - ")}`,
        );
      return undefined;
    }
    case "waitDevices": {
      const until = Date.now() + a.timeoutMs;
      // Without udev a new (logical) partition may stay unknown to the kernel: every second,
      // partx --add asks again (it adds only what is missing).
      let nudge = Date.now() + 1000;
      for (;;) {
        const missing = a.paths.filter((p) => !existsSync(p));
        if (!missing.length) return undefined;
        if (Date.now() > until)
          throw new StepError(
            `${missing.join(", ")} did not appear within ${a.timeoutMs / 1000}s: ${missing.map(whyMissing).join("; ")}`,
          );
        if (Date.now() > nudge) {
          await addMissingPartitions(missing, opts.env);
          nudge = Date.now() + 1000;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    case "recipe": {
      // The executor sits below the recipe manager: whoever runs a plan with recipe steps brings
      // the runner (tools/run.ts gives the in-process one by default).
      if (!opts.recipes) throw new StepError("no recipe runner was given to the executor for a recipe step");
      await opts.recipes.run(a, ctx.log);
      return undefined;
    }
    case "askSecret": {
      if (secrets.has(a.secret)) return undefined;
      if (!opts.askSecret)
        throw new StepError(`${a.prompt}: no terminal to ask on (give a passwordHash in the plan file)`);
      const v = await opts.askSecret(a);
      if (v.length < a.minLength)
        throw new StepError(`${a.prompt}: must be at least ${a.minLength} characters`);
      secrets.set(a.secret, v);
      return undefined;
    }
  }
  void step;
}

/** A `run` step that writes to `disk` or one of its partitions (`/dev/sda`, `/dev/sda2`, `/dev/loop3p1`). */
function writesToDisk(step: Step, disk: string): boolean {
  if (!step.destructive || step.action.kind !== "run") return false;
  return step.action.argv.some(
    (x) => x === disk || (x.startsWith(disk) && /^p?\d+$/.test(x.slice(disk.length))),
  );
}

/**
 * Test-only pause (test/faults): with `LEVITATE_TEST_PAUSE_BEFORE_WRITE=FIFO` the executor stops
 * before the first step that writes to a disk (`FIFO@STEP-ID`: before that step instead), says so
 * on stderr, and waits until something is written to FIFO, so that a test can pull the disk out
 * at that moment. Without the variable it does nothing.
 */
export const TEST_PAUSE_ENV = "LEVITATE_TEST_PAUSE_BEFORE_WRITE";

function pauseIfAsked(steps: readonly Step[], index: number): void {
  const value = process.env[TEST_PAUSE_ENV];
  if (!value) return;
  const [fifo, stepId] = value.split("@") as [string, string | undefined];
  const at = stepId
    ? steps.findIndex((s) => s.id === stepId)
    : steps.findIndex((s) => s.destructive && s.action.kind === "run");
  if (at !== index) return;
  process.stderr.write(`levitate: test pause before ${steps[index]?.id}; waiting on ${fifo}\n`);
  readFileSync(fifo); // blocks until the test writes and closes its end
}

/**
 * Runs the steps in order, stopping at the first failure. The journal records each step (its
 * action as `describeAction` shows it, exit code, duration), never a secret; it is copied to the
 * target's /var/log/levitate-install.log when the target has a /var.
 */
export async function executeSteps(steps: readonly Step[], opts: ExecuteOptions): Promise<ExecuteResult> {
  const secrets = new Map(opts.secrets ?? []);
  const journalFile = await openInstallJournal(opts.journalScratch);
  const scratch = journalFile.path;
  const journal = journalFile.append;
  await journal({ event: "begin", target: opts.target, steps: steps.length });
  const results: StepResult[] = [];
  let failed: ExecuteResult["failed"];
  const total = steps.length;
  /** The disk the re-check found as confirmed: every later step that writes to it checks it is still there. */
  let checked: { disk: string; sizeBytes: number } | undefined;
  // The medium behind each path as the install starts, right after the confirmation: a loop
  // device re-attached to another image or a card swapped keeps its path (attacker 5, F5).
  const identities = new Map<string, DiskIdentity>();
  for (const s of steps)
    if (s.action.kind === "checkDisk" && !identities.has(s.action.disk))
      identities.set(s.action.disk, await readDiskIdentity(s.action.disk, opts.env));
  for (const [index, step] of steps.entries()) {
    pauseIfAsked(steps, index);
    const tail: string[] = [];
    const log = (line: string) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      opts.onEvent?.({ type: "output", step, line });
    };
    opts.onEvent?.({ type: "start", step, index, total });
    const t0 = performance.now();
    let exitCode: number | undefined;
    try {
      const gone =
        checked && writesToDisk(step, checked.disk) && diskGoneProblem(checked.disk, checked.sizeBytes);
      if (gone)
        throw new StepError(
          `${gone}; stopped before this step, nothing more was written. To go on: ${DISK_GONE_FIX}`,
        );
      const outcome = await runAction(step.action, step, { opts, secrets, log, tail, identities });
      if (step.action.kind === "checkDisk")
        checked = { disk: step.action.disk, sizeBytes: step.action.sizeBytes };
      const skipped = typeof outcome === "object" ? outcome.skipped : undefined;
      exitCode = typeof outcome === "number" ? outcome : undefined;
      const durationMs = Math.round(performance.now() - t0);
      const status = skipped === undefined ? "ok" : "skipped";
      results.push({
        id: step.id,
        title: step.title,
        action: describeAction(step.action),
        status,
        exitCode,
        durationMs,
        ...(skipped !== undefined ? { message: skipped } : {}),
      });
      await journal({
        event: "step",
        id: step.id,
        action: describeAction(step.action),
        status,
        exitCode,
        durationMs,
        ...(skipped !== undefined ? { message: skipped } : {}),
      });
      opts.onEvent?.({ type: "done", step, index, total, durationMs });
    } catch (e) {
      const durationMs = Math.round(performance.now() - t0);
      const message = redact(e instanceof Error ? e.message : String(e), secrets);
      exitCode = e instanceof StepError ? e.exitCode : undefined;
      results.push({
        id: step.id,
        title: step.title,
        action: describeAction(step.action),
        status: "failed",
        exitCode,
        durationMs,
        message,
      });
      await journal({
        event: "step",
        id: step.id,
        action: describeAction(step.action),
        status: "failed",
        exitCode,
        durationMs,
        message,
        output: tail.slice(-10),
      });
      opts.onEvent?.({ type: "failed", step, index, total, durationMs, message });
      failed = { step, message, output: tail.slice(-10) };
      break;
    }
  }
  const notRun = steps.slice(results.length);
  await journal({
    event: "end",
    ok: !failed,
    done: results.filter((r) => r.status !== "failed").length,
    notRun: notRun.length,
  });
  await journalFile.close();
  let journalPath = scratch;
  if (existsSync(inRoot(opts.target, "/var"))) {
    const dest = inRoot(opts.target, JOURNAL_PATH);
    try {
      await confinedParent(opts.target, dest);
      // Through a temporary file and a rename: a link planted at the journal's path is replaced,
      // never written through.
      await atomicCopyFile(scratch, dest, { mode: 0o600 });
      await journalFile.discard();
      journalPath = dest;
    } catch {
      // The scratch journal stays where it is; the report names it.
    }
  }
  return { ok: !failed, results, failed, notRun, journalPath };
}
