import { basename } from "node:path";
import { safeLines } from "../steps/terminalText.js";
import { valueDiscarded } from "./discardedCall.js";
import { HelperError, type RecipeRun } from "./helpers.js";
import { StateValueError, stateFromScope, valueToJs } from "./installedState.js";
import { Engine, RhaiError, Scope, type Script } from "./rhai/index.js";
import { RChar, type Value } from "./rhai/values.js";

export { valueToJs } from "./installedState.js";

import { readRecipeSource } from "./readSource.js";
import { describeZodError, type Pkg, PkgSchema } from "./schema.js";
import { type RecipeState, STATE_VARS, type TopLevelLet } from "./state.js";

/** Sandbox limits for recipes: generous for real work, finite for a loop that never ends. */
export interface RecipeLimits {
  maxOperations: number;
  /** Milliseconds of script time for loading a recipe, and again for each function call. */
  maxMillis: number;
  maxStatements: number;
  maxFunctions: number;
  maxCallDepth: number;
  maxStringLength: number;
  maxArrayLength: number;
  maxMapSize: number;
}

export const DEFAULT_LIMITS: RecipeLimits = {
  maxOperations: 10_000_000,
  // A real recipe's top level takes milliseconds; the operations limit alone let one take hours.
  maxMillis: 5_000,
  // Hand-written recipes have tens of statements and a handful of functions; 100,000 functions
  // or 500,000 statements took minutes to compile (attacker 8, M1).
  maxStatements: 20_000,
  maxFunctions: 200,
  maxCallDepth: 64,
  maxStringLength: 1 << 20,
  maxArrayLength: 100_000,
  maxMapSize: 10_000,
};

export class RecipeError extends Error {
  override name = "RecipeError";
  constructor(
    message: string,
    readonly recipe: string,
    readonly file: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export type Lifecycle = "install" | "remove" | "is_installed" | "check_update";

/** A recipe file, compiled and its top level run: `pkg` checked, state read, functions known. */
export interface LoadedRecipe {
  name: string;
  file: string;
  source: string;
  pkg: Pkg;
  state: RecipeState;
  functions: Set<string>;
  lets: TopLevelLet[];
  /** Calls a lifecycle function with the helpers bound to `run` (or to nothing, which refuses I/O). */
  call(fn: Lifecycle, run: RecipeRun | null): unknown;
}

function stringArg(v: Value | undefined, fn: string, what: string): string {
  if (typeof v === "string") return v;
  if (v instanceof RChar) return v.c;
  throw new HelperError(`${fn}: ${what} must be a string`);
}

function stringArray(v: Value | undefined, fn: string): string[] {
  if (!Array.isArray(v)) throw new HelperError(`${fn}: expected an array of strings`);
  return v.map((x) => stringArg(x, fn, "every element"));
}

/**
 * Registers the recipe helpers. They reach the machine only through `current()`, which is null
 * while the top level runs, so loading a recipe (list, info, search) can never download or
 * install anything.
 */
export function registerHelpers(
  engine: Pick<Engine, "registerFn">,
  current: () => RecipeRun | null,
  archName: string,
): void {
  const need = (fn: string): RecipeRun => {
    const r = current();
    if (!r) throw new HelperError(`${fn}() may only be called from install() or remove()`);
    return r;
  };
  const unit = null;
  engine.registerFn("download", ["string"], (a) =>
    need("download").download(stringArg(a[0], "download", "url")),
  );
  engine.registerFn("download", ["string", "any"], (a) =>
    need("download").download(
      stringArg(a[0], "download", "url"),
      a[1] === null ? undefined : stringArg(a[1], "download", "checksum"),
    ),
  );
  engine.registerFn("extract", ["string"], (a) => {
    need("extract").extract(stringArg(a[0], "extract", "format"));
    return unit;
  });
  engine.registerFn("extract", ["string", "string"], (a) => {
    need("extract").extract(stringArg(a[0], "extract", "format"), stringArg(a[1], "extract", "file"));
    return unit;
  });
  engine.registerFn("install_bin", ["string"], (a) => {
    need("install_bin").installBin(stringArg(a[0], "install_bin", "path"));
    return unit;
  });
  engine.registerFn("install_bin", ["string", "string"], (a) => {
    need("install_bin").installBin(
      stringArg(a[0], "install_bin", "path"),
      stringArg(a[1], "install_bin", "name"),
    );
    return unit;
  });
  engine.registerFn("install_lib", ["string"], (a) => {
    need("install_lib").installLib(stringArg(a[0], "install_lib", "path"));
    return unit;
  });
  engine.registerFn("install_man", ["string"], (a) => {
    need("install_man").installMan(stringArg(a[0], "install_man", "path"));
    return unit;
  });
  // A dry run's guessed answer matters only where the recipe reads it (recipe/discardedCall.ts).
  engine.registerFn("install_to_dir", ["string", "string"], (a, ctx) =>
    need("install_to_dir").installToDir(
      stringArg(a[0], "install_to_dir", "glob"),
      stringArg(a[1], "install_to_dir", "dir"),
      undefined,
      !valueDiscarded(ctx),
    ),
  );
  engine.registerFn("install_to_dir", ["string", "string", "int"], (a, ctx) =>
    need("install_to_dir").installToDir(
      stringArg(a[0], "install_to_dir", "glob"),
      stringArg(a[1], "install_to_dir", "dir"),
      a[2] as number,
      !valueDiscarded(ctx),
    ),
  );
  engine.registerFn("install_link", ["string", "string"], (a) => {
    need("install_link").installLink(
      stringArg(a[0], "install_link", "target"),
      stringArg(a[1], "install_link", "link"),
    );
    return unit;
  });
  engine.registerFn("rpm_install", [], () => {
    need("rpm_install").rpmInstall();
    return unit;
  });
  engine.registerFn("rpm_install", ["string"], (a) => {
    need("rpm_install").rpmInstall([stringArg(a[0], "rpm_install", "file")]);
    return unit;
  });
  engine.registerFn("rpm_install", ["array"], (a) => {
    need("rpm_install").rpmInstall(stringArray(a[0], "rpm_install"));
    return unit;
  });
  engine.registerFn("run", ["array"], (a, ctx) => {
    need("run").run(stringArray(a[0], "run"), ctx.position.line);
    return unit;
  });
  engine.registerFn("exists", ["string"], (a, ctx) =>
    need("exists").exists(stringArg(a[0], "exists", "path"), !valueDiscarded(ctx)),
  );
  engine.registerFn("glob", ["string"], (a, ctx) =>
    need("glob").glob(stringArg(a[0], "glob", "pattern"), !valueDiscarded(ctx)),
  );
  engine.registerFn("env", ["string"], (a) => process.env[stringArg(a[0], "env", "name")] ?? unit);
  engine.registerFn("arch", [], () => archName);
}

export interface LoadOptions {
  limits?: Partial<RecipeLimits>;
  arch: string;
  /** Where `print`/`debug` output of recipes goes. */
  onPrint?: (recipe: string, text: string) => void;
  /** The target root: a recipe file inside it is read as chroot would (readRecipeSource). */
  root?: string;
}

function wrapError(
  err: unknown,
  name: string,
  file: string,
  during: string,
  limits?: RecipeLimits,
): RecipeError {
  if (err instanceof RecipeError) return err;
  if (err instanceof RhaiError && err.kind === "limit" && err.detail.startsWith("Time limit") && limits)
    return new RecipeError(
      `${name}: ${during}: ${file} ran longer than ${limits.maxMillis / 1000} s of script time, the limit ` +
        "for one recipe (an endless or very slow loop); fix or remove the recipe, or raise the limit",
      name,
      file,
    );
  if (err instanceof RhaiError)
    return new RecipeError(`${name}: ${during}: ${err.format(safeLines)}`, name, file);
  const msg = err instanceof Error ? err.message : String(err);
  return new RecipeError(`${name}: ${during}: ${msg}`, name, file);
}

/** Compiles a recipe file and runs its top level, which only declares `pkg` and state. */
export function loadRecipe(file: string, opts: LoadOptions): LoadedRecipe {
  const name = basename(file, ".rhai");
  let source: string;
  try {
    source = readRecipeSource(file, opts.root);
  } catch (err) {
    throw new RecipeError(`${name}: cannot read ${file}: ${(err as Error).message}`, name, file);
  }
  return loadRecipeSource(source, file, opts);
}

interface HelperFailure {
  fn: string;
  error: Error;
}

export function loadRecipeSource(source: string, file: string, opts: LoadOptions): LoadedRecipe {
  const name = basename(file, ".rhai");
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const engine = new Engine(limits);
  let current: RecipeRun | null = null;
  // The helper error behind a failed call, so the report can be its own message in one line
  // instead of the engine's wrapped one with a source excerpt and call chain.
  let helperFailure: HelperFailure | undefined;
  const remembering: Pick<Engine, "registerFn"> = {
    registerFn: (fname, params, impl) =>
      engine.registerFn(fname, params, (a, c) => {
        try {
          // A download or an rpm run is the machine's time, not the script's.
          return c.untimed(() => impl(a, c));
        } catch (e) {
          if (e instanceof Error && !(e instanceof RhaiError)) helperFailure = { fn: fname, error: e };
          throw e;
        }
      }),
  };
  registerHelpers(remembering, () => current, opts.arch);
  const print = (t: string) =>
    opts.onPrint ? opts.onPrint(name, t) : process.stderr.write(`[${name}] ${safeLines(t)}\n`);
  engine.onPrint(print);
  engine.onDebug(print);

  let script: Script;
  const scope = new Scope();
  try {
    script = engine.compile(source, file);
    engine.run(script, scope);
  } catch (err) {
    throw wrapError(err, name, file, "loading the recipe failed", limits);
  }
  if (!scope.has("pkg")) {
    throw new RecipeError(`${name}: ${file} declares no \`let pkg = #{ name: …, version: … };\``, name, file);
  }
  const parsed = PkgSchema.safeParse(valueToJs(scope.get("pkg") ?? null));
  if (!parsed.success)
    throw new RecipeError(`${name}: ${file}: ${describeZodError(parsed.error)}`, name, file);
  if (parsed.data.name !== name) {
    throw new RecipeError(
      `${name}: pkg.name is "${parsed.data.name}" but the file is ${name}.rhai; make them the same`,
      name,
      file,
    );
  }
  const functions = new Set(script.functions().map((f) => f.name));
  if (!functions.has("install")) {
    throw new RecipeError(`${name}: ${file} has no \`fn install()\`; every recipe needs one`, name, file);
  }
  // State variables are owned by the engine: a recipe that declares them as anything else
  // would have them overwritten, so only the known names matter here.
  const lets: TopLevelLet[] = script
    .topLevelLets()
    .map((l) => ({ name: l.name, stmt: l.stmt, value: l.value }));
  for (const v of STATE_VARS) {
    if (!scope.has(v)) scope.set(v, v === "installed" ? false : v === "installed_files" ? [] : null);
  }
  let state: RecipeState;
  try {
    state = stateFromScope(scope);
  } catch (err) {
    if (!(err instanceof StateValueError)) throw err;
    throw new RecipeError(`${name}: ${file}: ${err.message}`, name, file);
  }

  return {
    name,
    file,
    source,
    pkg: parsed.data,
    state,
    functions,
    lets,
    call(fn, run) {
      if (!functions.has(fn)) return undefined;
      current = run;
      helperFailure = undefined;
      try {
        return valueToJs(engine.callFn(script, scope, fn, []));
      } catch (err) {
        const h = helperFailure as HelperFailure | undefined;
        if (
          h &&
          err instanceof RhaiError &&
          err.detail === `Error in function '${h.fn}': ${h.error.message}`
        ) {
          const where = err.line > 0 ? ` (${basename(err.file)}:${err.line})` : "";
          const said = h.error.message;
          const what =
            said.startsWith(`${h.fn}(`) || said.startsWith(`${h.fn}:`) ? said : `${h.fn}(): ${said}`;
          throw new RecipeError(`${name}: ${what}${where}`, name, file, { cause: h.error });
        }
        throw wrapError(err, name, file, `${fn}() failed`, limits);
      } finally {
        current = null;
      }
    },
  };
}
