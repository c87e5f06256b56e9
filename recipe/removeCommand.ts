import { lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ProgressEvent, RecipeAction } from "./actions.js";
import {
  type Ctx,
  context,
  fileOwners,
  installedSet,
  isDirectoryNow,
  load,
  loadOptions,
  type Plan,
  type RecipeOptions,
  recover,
  rpmArgv,
  runRpm,
  sizeCaps,
  trustedDirs,
  tryLoad,
  withState,
} from "./commandContext.js";
import { installedDependents, resolveOrder } from "./deps.js";
import { originalBeside, RecipeRun } from "./helpers.js";
import { dryRunWarnings } from "./hiddenRuns.js";
import { type LoadedRecipe, loadRecipeSource, RecipeError } from "./loader.js";
import { RecipeLock } from "./lock.js";
import { readOnlyError, storageFullError } from "./noSpace.js";
import { ownedDirs, protectedPathOf } from "./ownedDirs.js";
import { resolveConfinedNoFollow } from "./paths.js";
import { EMPTY_STATE, writeFileAtomic } from "./state.js";
import { isRpmPackageName } from "./stateSchema.js";
import { scanRecipes, stateFile } from "./store.js";
import { plainErrno, unlinkRecorded } from "./unlinkRecorded.js";

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
 * Removes `names` from the root: each recipe's remove() first (if it has one), then every file
 * it recorded, its RPMs in one `rpm -e`, and its state reset. Refuses, naming them, when an
 * installed recipe outside `names` depends on one of them, unless `force`.
 */
export async function remove(
  names: string[],
  opts: RecipeOptions = {},
  onProgress?: (e: ProgressEvent) => void,
): Promise<Plan> {
  const done: RemovedSoFar = { removed: [] };
  try {
    return await removeOnce(names, opts, done, onProgress);
  } catch (err) {
    if (opts.dryRun) throw err;
    // Removing is how a user frees a full disk (attacker 14 M2): say which filesystem, what this
    // run already deleted, and that the same command finishes the job.
    const what = removedSoFar(done);
    const full = storageFullError(
      err,
      [
        { label: "the root", path: resolve(opts.root ?? "/") },
        { label: "the build directory", path: opts.buildRoot ?? tmpdir() },
      ],
      what,
    );
    throw full ?? readOnlyError(err, resolve(opts.root ?? "/"), what) ?? stoppedHalfWay(err, what);
  }
}

/** The files this remove deleted before it stopped (host paths). */
interface RemovedSoFar {
  removed: string[];
}

/** What a remove that stopped had already done: the files it deleted, named, and the state it left. */
function removedSoFar(done: RemovedSoFar): string {
  const n = done.removed.length;
  if (n === 0) return "nothing was removed";
  const shown = done.removed.slice(0, 3).join(", ");
  return (
    `${n} file${n === 1 ? " was" : "s were"} already removed (${shown}${n > 3 ? `, and ${n - 3} more` : ""}), ` +
    "but the recipe's state still says installed"
  );
}

/**
 * A remove stopped by a file it could not delete or a state it could not write (attacker 25 M5: an
 * immutable file): the real errno and path, what was already removed, and that the same command
 * finishes the job once the cause is fixed (files already gone are skipped).
 */
function stoppedHalfWay(err: unknown, what: string): unknown {
  // Node's rename errors carry the second path as `dest`, which its type leaves out.
  const e = err as NodeJS.ErrnoException & { dest?: string };
  if (!(err instanceof Error) || typeof e.code !== "string" || !/^E[A-Z]+$/.test(e.code)) return err;
  const cause = err.message.startsWith("cannot delete ")
    ? err.message
    : `cannot finish: ${plainErrno(e)}${e.path ? ` at ${e.path}` : ""}${e.dest ? ` -> ${e.dest}` : ""}`;
  const hint =
    e.code === "EPERM" || e.code === "EACCES"
      ? "make it deletable or writable (as root; an immutable file: lsattr, chattr -i)"
      : "fix that";
  return new Error(`${cause}: ${what}; ${hint}, then run the same command again to finish`, { cause: err });
}

async function removeOnce(
  names: string[],
  opts: RecipeOptions,
  done: RemovedSoFar,
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
  if (!opts.force) refuseDependents(names, installed, ctx);
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
    // Checked again under the locks (attacker 17 F1): an install of a dependent that held a lock
    // this remove waited for has finished by now, and its recipe depends on what goes.
    if (!ctx.dryRun && !opts.force) refuseDependents(names, installedSet(ctx), ctx);
    const rpmNames: string[] = [];
    const writes: { file: string; content: string }[] = [];
    const notes: string[] = [];
    const owners = fileOwners(ctx, order);
    // No install writes the manager's own directories or commands (ownedDirs.ts), so a state entry
    // there is not this recipe's file: an edited state once deleted another recipe's state copy
    // and a shipped recipe (attacker 28 M6). Left in place, with a line.
    const owned = ownedDirs(ctx.root, ctx.dirs);
    const runs: RecipeRun[] = [];
    // the text whose remove() ran, per recipe: what the dry run's hidden-run check reads
    const hookSources = new Map<string, string>();
    for (const n of order) {
      // Re-read under the lock.
      const r = load(ctx, stateFile(ctx.root, n));
      ctx.emit({ type: "recipe-start", recipe: n, version: r.state.installed_version ?? r.pkg.version });
      const run = new RecipeRun({
        recipe: n,
        root: ctx.root,
        buildDir: join(buildRoot, n),
        recipeDirs: ctx.dirs,
        dryRun: ctx.dryRun,
        ...sizeCaps(ctx, r),
        arch: ctx.arch,
        onEvent: ctx.emit,
      });
      runs.push(run);
      if (!ctx.dryRun) mkdirSync(run.o.buildDir, { recursive: true });
      const hooks = removeHooks(ctx, r);
      if (hooks) {
        hookSources.set(n, hooks.source);
        hooks.call("remove", run);
      } else if (r.functions.has("remove")) {
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
        const guarded = protectedPathOf(host, owned);
        if (guarded) {
          const text = `installed_files entry "${f}" is ${guarded}; no recipe installs there, so it is left in place`;
          notes.push(`${n}: ${text}`);
          ctx.emit({ type: "note", recipe: n, text });
          continue;
        }
        if (isDirectoryNow(ctx, n, f, host, notes)) continue;
        const a: RecipeAction = { kind: "remove-file", recipe: n, path: host };
        actions.push(a);
        ctx.emit({ type: "action", action: a });
        if (!ctx.dryRun) {
          unlinkRecorded(host);
          done.removed.push(host);
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
    const guesses = ctx.dryRun ? dryRunWarnings(runs, (n) => hookSources.get(n), "remove") : undefined;
    return {
      order,
      skipped: [],
      actions,
      ...(notes.length ? { notes } : {}),
      ...(guesses ? { guesses } : {}),
    };
  } finally {
    for (const l of locks) l.release();
    if (!ctx.dryRun) rmSync(buildRoot, { recursive: true, force: true });
  }
}

/** Refuses, naming them, when an installed recipe outside `names` depends on one of them. */
function refuseDependents(
  names: readonly string[],
  installed: ReturnType<typeof installedSet>,
  ctx: Ctx,
): void {
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
