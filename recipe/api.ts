import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { safeText } from "../steps/terminalText.js";
import type { ProgressEvent, RecipeAction } from "./actions.js";
import { DependencyError, installedDependents, resolveOrder } from "./deps.js";
import { type DownloadConfig, defaultDownloadConfig, parseRpmFileName } from "./download.js";
import { defaultCacheDir, idleMsFromEnv, mirrorsFromEnv } from "./environment.js";
import { removeEmptyDirs, textOrNull } from "./fileBits.js";
import { machineArch, originalBeside, RecipeRun } from "./helpers.js";
import { InstalledStateError, readInstalledState, readInstalledStateSource } from "./installedState.js";
import { Journal, type JournalEntry, type Recovered, type Refused, recoverInterrupted } from "./journal.js";
import { type LoadedRecipe, loadRecipe, loadRecipeSource, RecipeError, type RecipeLimits } from "./loader.js";
import { RecipeLock } from "./lock.js";
import { storageFullError } from "./noSpace.js";
import { resolveConfined, resolveConfinedNoFollow } from "./paths.js";
import { hasRpmDb, rpmDbPathFor, rpmRootArgv } from "./rpmdb.js";
import { rpmPackageOf } from "./rpmPackage.js";
import { EMPTY_STATE, type RecipeState, rewriteState, writeFileAtomic } from "./state.js";
import { isRpmPackageName } from "./stateSchema.js";
import { defaultRecipeDirs, type Firmware, readBaseList, scanRecipes, stateDir, stateFile } from "./store.js";

/** The lock every install into a root holds while it writes files (see install). */
// named like a state file (store.ts skips dot files) so a journal can list it among its locks and
// the rollback after a crash releases it with the recipes' locks
const ROOT_FILES_LOCK = ".installing.rhai";

export type { ProgressEvent, RecipeAction } from "./actions.js";
export { describeAction } from "./actions.js";
export { defaultCacheDir, idleMsFromEnv, mirrorsFromEnv } from "./environment.js";
export type { Firmware } from "./store.js";

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

interface Ctx {
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
function recover(ctx: Ctx): void {
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

function rpmArgv(ctx: Ctx, ...rest: string[]): string[] {
  return rpmRootArgv(ctx.root, ctx.dbpath, ...rest);
}

/** Shared with recipe/updates.ts. */
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

function load(ctx: Ctx, file: string): LoadedRecipe {
  return loadRecipe(file, loadOptions(ctx));
}

function loadOptions(ctx: Ctx): Parameters<typeof loadRecipe>[1] {
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
function trustedDirs(ctx: Ctx): string[] {
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

function refuseRootCopy(ctx: Ctx, name: string, file: string): void {
  const problem = rootCopyProblem(ctx, name, file);
  if (problem) throw new RecipeError(problem, name, file);
}

/**
 * The recipe whose remove() runs for the installed `copy`: the trusted recipe of that name
 * ({@link trustedDirs}) given the state the copy records, so remove() sees the installed files.
 * Undefined when no trusted recipe has the name: then the copy's own remove() is NOT run (it would
 * be a stranger's script run as root on the host) and only the recorded files are removed.
 */
function removeHooks(ctx: Ctx, copy: LoadedRecipe): LoadedRecipe | undefined {
  const file = scanRecipes(trustedDirs(ctx)).get(copy.name);
  if (file === undefined) return undefined;
  if (file === copy.file) return copy;
  const code = tryLoad(ctx, copy.name, file);
  if (!code) return undefined;
  try {
    return loadRecipeSource(withState(code, copy.state), file, loadOptions(ctx));
  } catch (err) {
    if (!(err instanceof RecipeError)) throw err;
    ctx.problem(copy.name, file, err);
    return undefined;
  }
}

/**
 * A recorded file that is a directory now is left, and said so, instead of being listed as
 * removed: recipe records files only, so a directory there is someone else's (attacker 7 L3).
 */
function isDirectoryNow(ctx: Ctx, recipe: string, recorded: string, host: string, notes?: string[]): boolean {
  if (!lstatSync(host, { throwIfNoEntry: false })?.isDirectory()) return false;
  const text = `${recorded} is a directory now, not the file ${recipe} installed: left as it is`;
  notes?.push(`${recipe}: ${text}`);
  ctx.emit({ type: "note", recipe, text });
  return true;
}

/** The state recorded for `name` in `root`, from its state copy (not installed when there is none). */
function stateOf(ctx: Ctx, name: string, ran?: LoadedRecipe): RecipeState {
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
function withState(r: LoadedRecipe, state: RecipeState): string {
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
function sizeCaps(ctx: Ctx, r: LoadedRecipe): { download: DownloadConfig; maxUnpackedBytes?: number } {
  const mib = r.pkg.max_size_mib;
  if (mib === undefined) return { download: ctx.download };
  return { download: { ...ctx.download, maxBytes: mib * 1024 ** 2 }, maxUnpackedBytes: mib * 1024 ** 2 };
}

function resolveInstallOrder(
  ctx: Ctx,
  names: string[],
): { order: string[]; recipes: Map<string, LoadedRecipe> } {
  const catalog = scanRecipes(ctx.dirs);
  const recipes = new Map<string, LoadedRecipe>();
  try {
    const order = resolveOrder(names, (n) => {
      const file = catalog.get(n);
      if (!file) return undefined;
      refuseRootCopy(ctx, n, file);
      const r = load(ctx, file);
      recipes.set(n, r);
      return r.pkg.deps;
    });
    return { order, recipes };
  } catch (err) {
    if (err instanceof DependencyError && err.missing.length > 0) {
      throw new DependencyError(
        `${err.message} in ${ctx.dirs.join(", ")}; \`recipe search\` lists what exists, --recipes adds a directory`,
        err.missing,
      );
    }
    throw err;
  }
}

function isUpToDate(ctx: Ctx, r: LoadedRecipe, state: RecipeState): boolean {
  if (!state.installed) return false;
  if (r.pkg.version !== "latest" && state.installed_version !== r.pkg.version) return false;
  if (r.functions.has("is_installed")) {
    const probe = new RecipeRun({
      recipe: r.name,
      root: ctx.root,
      buildDir: join(tmpdir(), "recipe-probe-unused"),
      dryRun: true,
      download: ctx.download,
      arch: ctx.arch,
    });
    return r.call("is_installed", probe) === true;
  }
  return true;
}

function runRpm(ctx: Ctx, recipe: string, argv: string[], actions: RecipeAction[]): void {
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

function rpmDbExists(ctx: Ctx): boolean {
  return hasRpmDb(ctx.root, ctx.dbpath);
}

/**
 * Installs `names` and their dependencies into the root, in dependency order, as one unit:
 * every recipe's install() runs, then one rpm transaction for all queued RPMs (so rpm checks
 * dependencies across the set, circular ones included), then each recipe's state is written.
 * Any failure undoes everything this call installed and writes no state. With dryRun, returns
 * the same actions without touching anything.
 */
export async function install(
  names: string[],
  opts: RecipeOptions = {},
  onProgress?: (e: ProgressEvent) => void,
): Promise<Plan> {
  try {
    return await installOnce(names, opts, onProgress);
  } catch (err) {
    // A full disk names no path in its errno: say which filesystem, that nothing stayed, and what to do.
    const full = opts.dryRun
      ? undefined
      : storageFullError(
          err,
          [
            { label: "the root", path: resolve(opts.root ?? "/") },
            { label: "the download cache", path: opts.cacheDir ?? defaultCacheDir() },
            { label: "the build directory", path: opts.buildRoot ?? tmpdir() },
          ],
          "nothing was installed (every file this command wrote was removed, every file it replaced put back)",
        );
    throw full ?? err;
  }
}

async function installOnce(
  names: string[],
  opts: RecipeOptions,
  onProgress?: (e: ProgressEvent) => void,
): Promise<Plan> {
  const ctx = context(opts, onProgress);
  let { order, recipes } = resolveInstallOrder(ctx, names);
  const locks: RecipeLock[] = [];
  const runs: RecipeRun[] = [];
  const buildRoot = ctx.dryRun
    ? join(opts.buildRoot ?? tmpdir(), "recipe-build-dry-run")
    : mkdtempSync(join(opts.buildRoot ?? tmpdir(), "recipe-build-"));
  const actions: RecipeAction[] = [];
  const skipped: string[] = [];
  let rpmInstalledNames: string[] = [];
  let createdStateDir: string | undefined;
  let failed = false;
  let journal: Journal | undefined;
  const log = (e: JournalEntry) => journal?.add(e);
  try {
    if (!ctx.dryRun) {
      recover(ctx);
      createdStateDir = mkdirSync(stateDir(ctx.root), { recursive: true });
      // One install writes files into a root at a time: the file owners below are read from the
      // installed states, and another install's files get their state only when it ends, so two
      // concurrent installs both took one file (attacker 5, F6). Taken first, then the recipes'.
      locks.push(
        await RecipeLock.acquire(join(stateDir(ctx.root), ROOT_FILES_LOCK), {
          ...(opts.lockTimeoutMs !== undefined ? { timeoutMs: opts.lockTimeoutMs } : {}),
          onWait: (holder) =>
            ctx.emit({ type: "wait-lock", recipe: "another install into this root", holder }),
        }),
      );
      for (const n of [...order].sort()) {
        locks.push(
          await RecipeLock.acquire(stateFile(ctx.root, n), {
            ...(opts.lockTimeoutMs !== undefined ? { timeoutMs: opts.lockTimeoutMs } : {}),
            onWait: (holder) => ctx.emit({ type: "wait-lock", recipe: n, holder }),
          }),
        );
      }
      // Another process may have installed some of these while we waited: read again.
      ({ order, recipes } = resolveInstallOrder(ctx, names));
      journal = Journal.begin(stateDir(ctx.root), {
        locks: [
          join(stateDir(ctx.root), ROOT_FILES_LOCK),
          ...[...order].sort().map((n) => stateFile(ctx.root, n)),
        ],
        buildRoot,
      });
    }

    const owners = fileOwners(ctx, order);
    const sameCommand = new Map<string, string>();
    const todo: { r: LoadedRecipe; run: RecipeRun; prev: RecipeState; before: string | null }[] = [];
    for (const name of order) {
      const r = recipes.get(name)!;
      const prev = stateOf(ctx, name, r);
      const requested = names.includes(name);
      if (isUpToDate(ctx, r, prev) && !(requested && opts.force)) {
        skipped.push(name);
        ctx.emit({ type: "skip", recipe: name, reason: `${prev.installed_version ?? ""} is installed` });
        continue;
      }
      ctx.emit({ type: "recipe-start", recipe: name, version: r.pkg.version });
      const run = new RecipeRun({
        recipe: name,
        root: ctx.root,
        buildDir: join(buildRoot, name),
        dryRun: ctx.dryRun,
        ...sizeCaps(ctx, r),
        arch: ctx.arch,
        onEvent: ctx.emit,
        journal: log,
        owners,
        takeOver: opts.force ?? false,
        sameCommand,
      });
      runs.push(run);
      if (!ctx.dryRun) mkdirSync(run.o.buildDir, { recursive: true });
      const before = ctx.dryRun ? null : textOrNull(stateFile(ctx.root, name));
      r.call("install", run);
      actions.push(...run.actions);
      todo.push({ r, run, prev, before });
    }

    const queued = todo.flatMap((t) => t.run.rpmQueue);
    if (queued.length > 0) {
      if (ctx.dryRun || !rpmDbExists(ctx)) {
        if (!ctx.dryRun) mkdirSync(resolveConfined(ctx.root, ctx.dbpath, "chroot"), { recursive: true });
        if (!rpmDbExists(ctx)) runRpm(ctx, todo[0]!.r.name, rpmArgv(ctx, "--initdb"), actions);
      }
      const rpmNames = queued.map((f) => rpmPackageOf(f));
      if (!ctx.dryRun) log({ op: "undo-argv", argv: rpmArgv(ctx, "-e", "--nodeps", "--", ...rpmNames) });
      runRpm(
        ctx,
        todo.map((t) => t.r.name).join(","),
        rpmArgv(ctx, "-U", "--replacepkgs", "--", ...queued),
        actions,
      );
      rpmInstalledNames = rpmNames;
    }

    const now = (opts.now ?? (() => new Date()))().toISOString();
    const writes: { file: string; content: string; before: string | null; recipe: string }[] = [];
    for (const { r, run, prev, before } of todo) {
      const files = [...new Set(run.installed)];
      // An upgrade: files the old version installed that the new one did not are removed.
      for (const old of prev.installed_files) {
        if (files.includes(old) || old.startsWith("rpm:")) continue;
        // Taken over by another recipe (install --force): its file now, not this one's to remove.
        if (owners.has(old)) continue;
        const host = resolveConfinedNoFollow(ctx.root, old, "chroot");
        if (isDirectoryNow(ctx, r.name, old, host)) continue;
        const a: RecipeAction = { kind: "remove-file", recipe: r.name, path: host };
        actions.push(a);
        ctx.emit({ type: "action", action: a });
        if (!ctx.dryRun) {
          rmSync(host, { force: true });
          const orig = originalBeside(host);
          if (lstatSync(orig, { throwIfNoEntry: false })) renameSync(orig, host);
        }
      }
      const own = run.resolvedRpms.map(parseRpmFileName).find((p) => p?.name === r.name);
      const state: RecipeState = {
        installed: true,
        installed_version:
          r.pkg.version === "latest" && own ? `${own.version}-${own.release}` : r.pkg.version,
        installed_files: files,
        installed_at: now,
      };
      const file = stateFile(ctx.root, r.name);
      const a: RecipeAction = { kind: "write-state", recipe: r.name, file, state };
      actions.push(a);
      ctx.emit({ type: "action", action: a });
      writes.push({ file, content: withState(r, state), before, recipe: r.name });
    }
    if (!ctx.dryRun) {
      // Last writer must not win: a state file edited while the install ran (by the recipe's
      // run(), or by hand) would lose that edit to the write-back. Refused, and rolled back.
      for (const w of writes)
        if (textOrNull(w.file) !== w.before)
          throw new RecipeError(
            `${w.recipe}: ${w.file} was changed while the install ran (by the recipe or by hand); ` +
              "not overwriting that change: the install is undone, look at the file and run it again",
            w.recipe,
            w.file,
          );
      for (const w of writes) {
        log({ op: "state", file: w.file, prev: existsSync(w.file) ? readFileSync(w.file, "utf8") : null });
        writeFileAtomic(w.file, w.content);
      }
      log({ op: "commit" });
    }
    for (const { r, run, prev } of todo) {
      run.commit(prev.installed_files);
      ctx.emit({ type: "recipe-done", recipe: r.name });
    }
    return { order, skipped, actions };
  } catch (err) {
    failed = true;
    if (!ctx.dryRun) {
      const reason = err instanceof Error ? err.message : String(err);
      if (rpmInstalledNames.length > 0) {
        spawnSync("rpm", rpmArgv(ctx, "-e", "--nodeps", "--", ...rpmInstalledNames).slice(1), {
          stdio: "ignore",
        });
      }
      for (const run of [...runs].reverse()) {
        ctx.emit({ type: "rollback", recipe: run.o.recipe, reason });
        run.rollback();
      }
    }
    throw err;
  } finally {
    // Undone or done in process: nothing is left for a later command to recover.
    journal?.close();
    for (const l of locks) l.release();
    if (!ctx.dryRun) rmSync(buildRoot, { recursive: true, force: true });
    // A failed install leaves no trace, not even the state directory it made.
    if (failed && createdStateDir) removeEmptyDirs(stateDir(ctx.root), createdStateDir);
  }
}

/** What `install` would do, without doing it: the exact downloads, paths, argv and state writes. */
export async function planInstall(names: string[], opts: RecipeOptions = {}): Promise<Plan> {
  return install(names, { ...opts, dryRun: true });
}

/** Every recipe whose state copy in the root says installed, with its deps. */
/** Every file recorded by an installed recipe not being installed now, with that recipe's name. */
function fileOwners(ctx: Ctx, installing: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, r] of installedSet(ctx))
    if (!installing.includes(name)) for (const f of r.state.installed_files) out.set(f, name);
  return out;
}

export function installedSet(ctx: Ctx): Map<string, LoadedRecipe> {
  const out = new Map<string, LoadedRecipe>();
  for (const [name, file] of scanRecipes([stateDir(ctx.root)])) {
    const r = tryLoad(ctx, name, file);
    if (r?.state.installed) out.set(name, r);
  }
  return out;
}

/**
 * Removes `names` from the root: each recipe's remove() first (if it has one), then every file
 * it recorded, its RPMs in one `rpm -e`, and its state reset. Refuses, naming them, when an
 * installed recipe outside `names` depends on one of them, unless `force`.
 */
export async function remove(
  names: string[],
  opts: RecipeOptions = {},
  onProgress?: (e: ProgressEvent) => void,
): Promise<Plan> {
  const ctx = context(opts, onProgress);
  recover(ctx);
  const unreadable = new Map<string, string>();
  const installed = installedSet({
    ...ctx,
    problem: (name, file, err) => {
      if (names.includes(name)) unreadable.set(name, err instanceof Error ? err.message : String(err));
      else ctx.problem(name, file, err);
    },
  });
  for (const n of names) {
    const why = unreadable.get(n);
    if (why !== undefined)
      throw new RecipeError(
        `cannot remove ${n}: its state copy cannot be read (${why}); fix ${stateFile(ctx.root, n)} by hand`,
        n,
        stateFile(ctx.root, n),
      );
    if (!installed.has(n)) {
      throw new RecipeError(
        `${n} is not installed in ${ctx.root} (no installed state in ${stateFile(ctx.root, n)})`,
        n,
        stateFile(ctx.root, n),
      );
    }
  }
  if (!opts.force) {
    const deps = new Map([...installed].map(([n, r]) => [n, r.pkg.deps]));
    for (const n of names) {
      const blocking = installedDependents(n, deps).filter((d) => !names.includes(d));
      if (blocking.length > 0) {
        throw new RecipeError(
          `cannot remove ${n}: installed ${blocking.join(", ")} depend${blocking.length === 1 ? "s" : ""} on it; ` +
            `remove ${blocking.length === 1 ? "it" : "them"} too, or use --force`,
          n,
          stateFile(ctx.root, n),
        );
      }
    }
  }
  // Dependents go before what they depend on.
  const order = resolveOrder(
    names,
    (n) => installed.get(n)?.pkg.deps.filter((d) => names.includes(d)) ?? [],
  ).reverse();
  const actions: RecipeAction[] = [];
  const locks: RecipeLock[] = [];
  const buildRoot = ctx.dryRun
    ? join(tmpdir(), "recipe-remove-dry-run")
    : mkdtempSync(join(opts.buildRoot ?? tmpdir(), "recipe-remove-"));
  try {
    if (!ctx.dryRun) {
      for (const n of [...order].sort())
        locks.push(
          await RecipeLock.acquire(
            stateFile(ctx.root, n),
            opts.lockTimeoutMs !== undefined ? { timeoutMs: opts.lockTimeoutMs } : {},
          ),
        );
    }
    const rpmNames: string[] = [];
    const writes: { file: string; content: string }[] = [];
    const notes: string[] = [];
    const owners = fileOwners(ctx, order);
    for (const n of order) {
      // Re-read under the lock.
      const r = load(ctx, stateFile(ctx.root, n));
      ctx.emit({ type: "recipe-start", recipe: n, version: r.state.installed_version ?? r.pkg.version });
      const run = new RecipeRun({
        recipe: n,
        root: ctx.root,
        buildDir: join(buildRoot, n),
        dryRun: ctx.dryRun,
        ...sizeCaps(ctx, r),
        arch: ctx.arch,
        onEvent: ctx.emit,
      });
      if (!ctx.dryRun) mkdirSync(run.o.buildDir, { recursive: true });
      const hooks = removeHooks(ctx, r);
      if (hooks) hooks.call("remove", run);
      else if (r.functions.has("remove")) {
        const text =
          `the remove() in ${r.file} is not run: that copy belongs to ${ctx.root}, and no recipe directory ` +
          `(${trustedDirs(ctx).join(", ") || "none"}) has ${n}; only its recorded files are removed (--recipes DIR trusts a directory)`;
        notes.push(`${n}: ${text}`);
        ctx.emit({ type: "note", recipe: n, text });
      }
      actions.push(...run.actions);
      for (const f of [...r.state.installed_files].reverse()) {
        if (f.startsWith("rpm:")) {
          // The loader refused a state whose rpm: entries are not package names; checked again
          // here because this word goes into rpm's argv as root.
          if (!isRpmPackageName(f.slice(4)))
            throw new RecipeError(`${n}: installed_files entry "${f}" is not an rpm package`, n, r.file);
          rpmNames.push(f.slice(4));
          continue;
        }
        // Taken over by another installed recipe (install --force): that recipe's file now.
        if (owners.has(f)) continue;
        const host = resolveConfinedNoFollow(ctx.root, f, "chroot");
        if (isDirectoryNow(ctx, n, f, host, notes)) continue;
        const a: RecipeAction = { kind: "remove-file", recipe: n, path: host };
        actions.push(a);
        ctx.emit({ type: "action", action: a });
        if (!ctx.dryRun) {
          rmSync(host, { force: true });
          // The file this recipe's install replaced (the user's own) comes back.
          const orig = originalBeside(host);
          if (lstatSync(orig, { throwIfNoEntry: false })) renameSync(orig, host);
        }
      }
      const a: RecipeAction = { kind: "write-state", recipe: n, file: r.file, state: EMPTY_STATE };
      actions.push(a);
      ctx.emit({ type: "action", action: a });
      writes.push({ file: r.file, content: withState(r, EMPTY_STATE) });
    }
    if (rpmNames.length > 0) runRpm(ctx, order.join(","), rpmArgv(ctx, "-e", "--", ...rpmNames), actions);
    if (!ctx.dryRun) for (const w of writes) writeFileAtomic(w.file, w.content);
    for (const n of order) ctx.emit({ type: "recipe-done", recipe: n });
    return { order, skipped: [], actions, ...(notes.length ? { notes } : {}) };
  } finally {
    for (const l of locks) l.release();
    if (!ctx.dryRun) rmSync(buildRoot, { recursive: true, force: true });
  }
}

/**
 * Installs the base set into `root`, like pacstrap: `base.list` in the recipe search path, plus
 * `base-uefi.list` or `base-bios.list` beside it when `opts.firmware` says which.
 */
export async function bootstrap(
  root: string,
  opts: Omit<RecipeOptions, "root"> = {},
  onProgress?: (e: ProgressEvent) => void,
): Promise<Plan & { base: string[] }> {
  const ctx = context({ ...opts, root });
  const { names } = readBaseList(ctx.dirs, opts.firmware);
  const plan = await install(names, { ...opts, root }, onProgress);
  return { ...plan, base: names };
}

/** Every recipe in the search path with its state in `root`. */
export function listRecipes(dirs: string[] | undefined, root = "/", opts: RecipeOptions = {}): RecipeInfo[] {
  const ctx = context({ ...opts, root, ...(dirs ? { recipeDirs: dirs } : {}) });
  recover(ctx);
  const out: RecipeInfo[] = [];
  for (const [name, file] of scanRecipes(ctx.dirs)) {
    const r = tryLoad(ctx, name, file);
    if (!r) continue;
    let s = EMPTY_STATE;
    try {
      s = stateOf(ctx, name, r);
    } catch (err) {
      if (!(err instanceof RecipeError)) throw err;
      ctx.problem(name, stateFile(ctx.root, name), err);
    }
    out.push({
      name,
      version: r.pkg.version,
      description: r.pkg.description,
      deps: r.pkg.deps,
      installed: s.installed,
      installedVersion: s.installed_version,
      file,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export function info(name: string, opts: RecipeOptions = {}) {
  const ctx = context(opts);
  const file = scanRecipes(ctx.dirs).get(name);
  if (!file) throw new RecipeError(`no recipe named "${name}" in ${ctx.dirs.join(", ")}`, name, "");
  const r = load(ctx, file);
  return {
    ...r.pkg,
    file,
    functions: [...r.functions].sort(),
    state: stateOf(ctx, name, r),
    stateFile: stateFile(ctx.root, name),
  };
}

export function search(term: string, opts: RecipeOptions = {}): RecipeInfo[] {
  const t = term.toLowerCase();
  return listRecipes(opts.recipeDirs, opts.root ?? "/", opts).filter(
    (r) => r.name.includes(t) || r.description.toLowerCase().includes(t),
  );
}
