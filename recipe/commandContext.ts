/**
 * What every recipe command shares: its options, the context built from them, loading recipes
 * (a broken one reported once and left out), the root's state, and rolling back what an
 * interrupted command left.
 */

import { spawnSync } from "node:child_process";
import { existsSync, lstatSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { safeText } from "../steps/terminalText.js";
import type { ProgressEvent, RecipeAction } from "./actions.js";
import { type DownloadConfig, defaultDownloadConfig } from "./download.js";
import type { DryRunGuess } from "./dryRunGuesses.js";
import { defaultCacheDir, idleMsFromEnv, mirrorsFromEnv } from "./environment.js";
import { machineArch } from "./helpers.js";
import { InstalledStateError, readInstalledState, readInstalledStateSource } from "./installedState.js";
import { type Recovered, type Refused, recoverInterrupted } from "./journal.js";
import { type LoadedRecipe, loadRecipe, RecipeError, type RecipeLimits } from "./loader.js";
import { hasRpmDb, rpmDbPathFor, rpmRootArgv } from "./rpmdb.js";
import { EMPTY_STATE, type RecipeState, rewriteState } from "./state.js";
import { defaultRecipeDirs, type Firmware, scanRecipes, stateDir, stateFile } from "./store.js";

export interface RecipeOptions {
  /** The root being managed (default `/`); bootstrap targets such as /mnt. */
  root?: string;
  /** Recipe search path; the root's state directory is always searched last. */
  recipeDirs?: string[];
  /**
   * Run recipes found only in ROOT/etc/recipes of a root other than / (install, update). Off:
   * those copies were written on that disk, maybe by another machine (attacker 6).
   */
  trustRoot?: boolean;
  dryRun?: boolean;
  /** install: reinstall what is installed; remove: even if installed recipes depend on it. */
  force?: boolean;
  /** Downloads verified by checksum are cached here (default /var/cache/recipe as root, else ~/.cache/recipe). */
  cacheDir?: string;
  /** Local directories or base URLs tried before each download's URL. */
  mirrors?: string[];
  /** Byte progress of downloads on stderr. */
  progress?: boolean;
  limits?: Partial<RecipeLimits>;
  arch?: string;
  /** Parent of the per-recipe build directories (default the OS temp dir). */
  buildRoot?: string;
  lockTimeoutMs?: number;
  downloadRetries?: number;
  downloadIdleMs?: number;
  onPrint?: (recipe: string, text: string) => void;
  /** The clock for `installed_at` (tests pin it). */
  now?: () => Date;
  /**
   * The target's rpm database location when it has none yet (default $RECIPE_RPM_DBPATH, else
   * Rocky 10's /usr/lib/sysimage/rpm); a database the target already has is used where it is.
   */
  rpmDbPath?: string;
  /** bootstrap: the firmware the system boots with, which adds base-FIRMWARE.list to base.list. */
  firmware?: Firmware;
  /**
   * list, search, update, remove: told once per recipe file that cannot be read (a syntax error,
   * a bad pkg), which is then left out so the others still work. Default: one line on stderr.
   */
  onProblem?: (p: RecipeProblem) => void;
}

/** A recipe file that list/search/update/remove had to leave out. */
export interface RecipeProblem {
  name: string;
  file: string;
  message: string;
}

export interface Plan {
  order: string[];
  /** Recipes in `order` that are already installed at this version and will be left alone. */
  skipped: string[];
  actions: RecipeAction[];
  /** What the command chose not to do and why (a root's own remove() not run), one line each. */
  notes?: string[];
  /**
   * Dry runs only: the recipes whose listing may be incomplete, because they asked a helper
   * something a dry run can only guess (recipe/dryRunGuesses.ts). Absent when none did.
   */
  guesses?: DryRunGuess[];
}

export interface RecipeInfo {
  name: string;
  version: string;
  description: string;
  deps: string[];
  installed: boolean;
  installedVersion: string | null;
  file: string;
}

export interface Ctx {
  root: string;
  dirs: string[];
  arch: string;
  dryRun: boolean;
  download: DownloadConfig;
  opts: RecipeOptions;
  emit: (e: ProgressEvent) => void;
  /** The target's rpm database (recipe/rpmdb.ts), fixed for the whole command. */
  dbpath: string;
  /** Reports a recipe file left out, once per file. */
  problem: (name: string, file: string, err: unknown) => void;
}

/**
 * Undoes what commands killed mid-install left in the root (recipe/journal.ts), saying so in one
 * line each. Run by every command that reads or changes the root's state, before it does.
 */
export function recover(ctx: Ctx): void {
  if (ctx.dryRun) return;
  const trust = { root: ctx.root, dbpath: ctx.dbpath, buildParent: ctx.opts.buildRoot ?? tmpdir() };
  const refused = (r: Refused) =>
    process.stderr.write(
      `recipe: kept ${safeText(r.file)} and undid nothing: it names what recipe never writes for ${safeText(ctx.root)} ` +
        `(${safeText(r.reasons.slice(0, 3).join("; "))}${r.reasons.length > 3 ? `; ${r.reasons.length - 3} more` : ""}). ` +
        "It was not written by recipe for this root (copied from another machine, or crafted). " +
        `Look at it, then delete it (rm ${safeText(r.file)}); nothing outside the root was touched.\n`,
    );
  for (const r of recoverInterrupted(stateDir(ctx.root), trust, refused)) {
    const what = r.committed
      ? "finished an install that was interrupted after it completed"
      : "rolled back an install that was interrupted";
    process.stderr.write(
      `recipe: ${what} (process ${r.pid}) in ${ctx.root}` +
        (r.problems.length ? `; could not undo: ${safeText(r.problems.join("; "))}` : "") +
        "\n",
    );
  }
}

/**
 * Undoes, now, what commands that died mid-install left in the root (the same rollback every
 * later command would do), returning what was found instead of printing it: the `recipe` CLI's
 * supervisor runs this right after it stopped its interrupted worker (recipe/supervise.ts).
 */
export function rollBackInterrupted(opts: RecipeOptions): { recovered: Recovered[]; refused: Refused[] } {
  const ctx = context(opts);
  const trust = { root: ctx.root, dbpath: ctx.dbpath, buildParent: ctx.opts.buildRoot ?? tmpdir() };
  const refused: Refused[] = [];
  const recovered = recoverInterrupted(stateDir(ctx.root), trust, (r) => refused.push(r));
  return { recovered, refused };
}

export function rpmArgv(ctx: Ctx, ...rest: string[]): string[] {
  return rpmRootArgv(ctx.root, ctx.dbpath, ...rest);
}

export function context(opts: RecipeOptions, onProgress?: (e: ProgressEvent) => void): Ctx {
  const root = resolve(opts.root ?? "/");
  const dirs = [...(opts.recipeDirs ?? defaultRecipeDirs(root))];
  const sd = stateDir(root);
  if (!dirs.includes(sd)) dirs.push(sd);
  return {
    root,
    dirs,
    arch: opts.arch ?? machineArch(),
    dryRun: opts.dryRun ?? false,
    download: {
      ...defaultDownloadConfig(opts.cacheDir ?? defaultCacheDir()),
      mirrors: opts.mirrors ?? mirrorsFromEnv(),
      progress: opts.progress ?? false,
      retries: opts.downloadRetries ?? 1,
      idleMs: opts.downloadIdleMs ?? idleMsFromEnv(),
    },
    opts,
    emit: onProgress ?? (() => {}),
    dbpath: rpmDbPathFor(root, opts.rpmDbPath),
    problem: problemReporter(opts.onProblem),
  };
}

function problemReporter(onProblem: RecipeOptions["onProblem"]): Ctx["problem"] {
  const told = new Set<string>();
  const tell =
    onProblem ?? ((p: RecipeProblem) => process.stderr.write(`recipe: skipped ${safeText(p.message)}\n`));
  return (name, file, err) => {
    if (told.has(file)) return;
    told.add(file);
    tell({ name, file, message: oneLine(err instanceof Error ? err.message : String(err)) });
  };
}

/** An engine report (message, ` --> file:line:col`, source excerpt, notes) as its first line and position. */
function oneLine(message: string): string {
  const [first = "", ...rest] = message.split("\n");
  const at = rest.find((l) => l.startsWith(" --> "))?.slice(5);
  return at ? `${first} (${at})` : first;
}

/** Loads a recipe, or reports it and returns undefined when it cannot be read. */
export function tryLoad(ctx: Ctx, name: string, file: string): LoadedRecipe | undefined {
  try {
    return load(ctx, file);
  } catch (err) {
    if (!(err instanceof RecipeError)) throw err;
    ctx.problem(name, file, err);
    return undefined;
  }
}

export function load(ctx: Ctx, file: string): LoadedRecipe {
  return loadRecipe(file, loadOptions(ctx));
}

export function loadOptions(ctx: Ctx): Parameters<typeof loadRecipe>[1] {
  return {
    arch: ctx.arch,
    ...(ctx.opts.limits ? { limits: ctx.opts.limits } : {}),
    ...(ctx.opts.onPrint ? { onPrint: ctx.opts.onPrint } : {}),
    root: ctx.root,
  };
}

/**
 * The recipe directories whose code may run on this machine: those named (--recipes), else the
 * defaults. The root's state directory is one of the defaults only where the root is this system
 * (`/`, where /etc/recipes is the user's own recipe directory): on a disk from elsewhere its
 * copies are data written there by another machine, not recipes this user chose to trust.
 */
export function trustedDirs(ctx: Ctx): string[] {
  if (ctx.opts.recipeDirs) return [...ctx.opts.recipeDirs];
  const sd = stateDir(ctx.root);
  return defaultRecipeDirs(ctx.root).filter((d) => ctx.root === "/" || d !== sd);
}

/**
 * A root's own copy of a recipe, where no trusted directory has one, is a script written on that
 * disk: install would run its install() (and any run([...]) in it) as root on this machine.
 * Refused, with the way to trust it on purpose (attacker 6).
 */
export function rootCopyProblem(ctx: Ctx, name: string, file: string): string | undefined {
  if (ctx.root === "/" || ctx.opts.trustRoot) return undefined;
  if (dirname(file) !== stateDir(ctx.root) || trustedDirs(ctx).includes(stateDir(ctx.root))) return undefined;
  return (
    `${name}: the only recipe of that name is ${file}, ${ctx.root}'s own copy, which recipe does not run ` +
    `for a root other than / (it was written on that disk, maybe by another machine, and would run as root here); ` +
    `give a directory holding ${name}.rhai with --recipes DIR, or pass --trust-root if you trust that disk's recipes`
  );
}

export function refuseRootCopy(ctx: Ctx, name: string, file: string): void {
  const problem = rootCopyProblem(ctx, name, file);
  if (problem) throw new RecipeError(problem, name, file);
}

/**
 * A recorded file that is a directory now is left, and said so, instead of being listed as
 * removed: recipe records files only, so a directory there is someone else's (attacker 7 L3).
 */
export function isDirectoryNow(
  ctx: Ctx,
  recipe: string,
  recorded: string,
  host: string,
  notes?: string[],
): boolean {
  if (!lstatSync(host, { throwIfNoEntry: false })?.isDirectory()) return false;
  const text = `${recorded} is a directory now, not the file ${recipe} installed: left as it is`;
  notes?.push(`${recipe}: ${text}`);
  ctx.emit({ type: "note", recipe, text });
  return true;
}

/** The state recorded for `name` in `root`, from its state copy (not installed when there is none). */
export function stateOf(ctx: Ctx, name: string, ran?: LoadedRecipe): RecipeState {
  const sf = stateFile(ctx.root, name);
  if (ran && ran.file === sf) return ran.state;
  if (!existsSync(sf)) return EMPTY_STATE;
  try {
    return readInstalledState(sf, ctx.root);
  } catch (err) {
    if (err instanceof InstalledStateError) throw new RecipeError(err.message, err.recipe, err.file);
    throw err;
  }
}

/**
 * The recipe's source with `state` written back, checked by reading it again with the same
 * reader the manager and the facts probe use: a write-back that would not record the state
 * (a `let` landing inside a comment or string) is refused before the file is touched.
 */
export function withState(r: LoadedRecipe, state: RecipeState): string {
  const content = rewriteState(r.source, r.lets, state);
  let back: RecipeState | undefined;
  try {
    back = readInstalledStateSource(content, r.file);
  } catch {
    back = undefined;
  }
  if (JSON.stringify(back) !== JSON.stringify(state))
    throw new RecipeError(
      `${r.name}: cannot record its state in ${r.file}: the rewritten file would not read back as written; ` +
        "declare the state variables (let installed = false; …) on lines of their own after pkg",
      r.name,
      r.file,
    );
  return content;
}

/** The download config and unpack cap for one recipe: its pkg.max_size_mib, else the defaults. */
export function sizeCaps(ctx: Ctx, r: LoadedRecipe): { download: DownloadConfig; maxUnpackedBytes?: number } {
  const mib = r.pkg.max_size_mib;
  if (mib === undefined) return { download: ctx.download };
  return { download: { ...ctx.download, maxBytes: mib * 1024 ** 2 }, maxUnpackedBytes: mib * 1024 ** 2 };
}

export function runRpm(ctx: Ctx, recipe: string, argv: string[], actions: RecipeAction[]): void {
  const a: RecipeAction = { kind: "rpm", recipe, argv };
  actions.push(a);
  ctx.emit({ type: "action", action: a });
  if (ctx.dryRun) return;
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.error) throw new Error(`cannot run rpm (${r.error.message}); install rpm`);
  if (r.status !== 0) {
    throw new Error(`${argv.join(" ")} failed (exit ${r.status}):\n${(r.stderr + r.stdout).trim()}`);
  }
}

export function rpmDbExists(ctx: Ctx): boolean {
  return hasRpmDb(ctx.root, ctx.dbpath);
}

/** Every file recorded by an installed recipe not being installed now, with that recipe's name. */
export function fileOwners(ctx: Ctx, installing: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, r] of installedSet(ctx))
    if (!installing.includes(name)) for (const f of r.state.installed_files) out.set(f, name);
  return out;
}

/** Every recipe whose state copy in the root says installed. */
export function installedSet(ctx: Ctx): Map<string, LoadedRecipe> {
  const out = new Map<string, LoadedRecipe>();
  for (const [name, file] of scanRecipes([stateDir(ctx.root)])) {
    const r = tryLoad(ctx, name, file);
    if (r?.state.installed) out.set(name, r);
  }
  return out;
}
