import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ProgressEvent, RecipeAction } from "./actions.js";
import {
  type Ctx,
  context,
  fileOwners,
  isDirectoryNow,
  load,
  type Plan,
  type RecipeOptions,
  recover,
  refuseRootCopy,
  rpmArgv,
  rpmDbExists,
  runRpm,
  sizeCaps,
  stateOf,
  withState,
} from "./commandContext.js";
import { DependencyError, resolveOrder } from "./deps.js";
import { parseRpmFileName } from "./download.js";
import { defaultCacheDir } from "./environment.js";
import { removeEmptyDirs, textOrNull } from "./fileBits.js";
import { originalBeside, RecipeRun } from "./helpers.js";
import { dryRunWarnings } from "./hiddenRuns.js";
import { Journal, type JournalEntry } from "./journal.js";
import { type LoadedRecipe, RecipeError } from "./loader.js";
import { RecipeLock } from "./lock.js";
import { storageFullError } from "./noSpace.js";
import { ownedDirs, protectedPathOf } from "./ownedDirs.js";
import { resolveConfined, resolveConfinedNoFollow } from "./paths.js";
import { rpmPackageOf } from "./rpmPackage.js";
import { rpmPayloadRefusal } from "./rpmPayloadGuard.js";
import { type RecipeState, writeFileAtomic } from "./state.js";
import { readBaseList, scanRecipes, stateDir, stateFile } from "./store.js";

/** The lock every install into a root holds while it writes files (see install). */
// named like a state file (store.ts skips dot files) so a journal can list it among its locks and
// the rollback after a crash releases it with the recipes' locks
const ROOT_FILES_LOCK = ".installing.rhai";

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
    const answer = r.call("is_installed", probe) === true;
    // Its run()/download() did nothing here (a dry run), so its answer is not the check it meant:
    // failed, like an is_installed() that throws, instead of a silent reinstall (attacker 8, L6).
    const tried = probe.actions[0];
    if (tried)
      throw new RecipeError(
        `${r.name}: is_installed() called ${tried.kind === "run" ? "run()" : `a helper that changes the system (${tried.kind})`}, ` +
          "which only install() and remove() may do; nothing was run. Check with exists() or glob() instead",
        r.name,
        r.file,
      );
    return answer;
  }
  return true;
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
        recipeDirs: ctx.dirs,
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
      const owned = ownedDirs(ctx.root, ctx.dirs);
      for (const t of todo)
        for (const f of t.run.rpmQueue) {
          const refusal = rpmPayloadRefusal(f, ctx.root, owned, t.r.name);
          if (refusal) throw new RecipeError(`${t.r.name}: ${refusal}`, t.r.name, t.r.file);
        }
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
        // never the manager's own directories or commands, whatever the old state says (M6)
        if (protectedPathOf(host, ownedDirs(ctx.root, ctx.dirs))) continue;
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
    const guesses = ctx.dryRun ? dryRunWarnings(runs, (n) => recipes.get(n)?.source, "install") : undefined;
    return { order, skipped, actions, ...(guesses ? { guesses } : {}) };
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
