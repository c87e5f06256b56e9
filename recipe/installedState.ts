/**
 * Reads what a recipe file records about its installation (`installed`, `installed_version`,
 * `installed_files`, `installed_at`): the one reader behind the recipe manager (loader.ts turns
 * a loaded recipe's scope into state with `stateFromScope`) and the installer's facts probe
 * (facts/probe/probe.ts), so the two never disagree about what is installed.
 *
 * Cheap: the Rhai engine alone (no helpers, downloads or archive code is imported), the top level
 * run under tight limits. A recipe's top level only declares `pkg` and state.
 */
import { basename } from "node:path";
import { readRecipeSource } from "./readSource.js";
import { Engine, RhaiError, Scope } from "./rhai/index.js";
import { FnPtr, RChar, RFloat, RRange, type Value } from "./rhai/values.js";
import { EMPTY_STATE, type RecipeState } from "./state.js";
import { installedFilesProblem } from "./stateSchema.js";

/** Rhai value → plain JSON-like JS (maps become objects). */
export function valueToJs(v: Value): unknown {
  if (v === null || typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  if (v instanceof RFloat) return v.v;
  if (v instanceof RChar) return v.c;
  if (Array.isArray(v)) return v.map(valueToJs);
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [k, valueToJs(x)]));
  if (v instanceof FnPtr) return `Fn(${v.name})`;
  if (v instanceof RRange) return [v.start, v.end];
  return String(v);
}

/** A state whose values cannot be used as they are (an `installed_files` entry that is no path or package). */
export class StateValueError extends Error {
  override name = "StateValueError";
}

/**
 * The state variables of a scope the recipe's top level ran in; missing ones read as not installed.
 * Throws StateValueError when an `installed_files` entry is neither an absolute path nor rpm:NAME:
 * those entries become rm paths and rpm arguments.
 */
export function stateFromScope(scope: Scope): RecipeState {
  const get = (n: string) => (scope.has(n) ? valueToJs(scope.get(n) ?? null) : undefined);
  const installed = get("installed");
  const version = get("installed_version");
  const files = get("installed_files");
  const at = get("installed_at");
  const state: RecipeState = {
    installed: installed === true,
    installed_version: typeof version === "string" ? version : EMPTY_STATE.installed_version,
    installed_files: Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [],
    installed_at:
      typeof at === "string" ? at : typeof at === "number" ? new Date(at * 1000).toISOString() : null,
  };
  const problem = installedFilesProblem(state.installed_files);
  if (problem) throw new StateValueError(problem);
  return state;
}

export class InstalledStateError extends Error {
  override name = "InstalledStateError";
  constructor(
    message: string,
    readonly recipe: string,
    readonly file: string,
  ) {
    super(message);
  }
}

const READ_LIMITS = {
  maxOperations: 1_000_000,
  // The recipe loader's bounds (loader.ts DEFAULT_LIMITS): without them the facts probe read a
  // hostile recipe for minutes, its operations limit counting a scan of a big map as one.
  maxMillis: 5_000,
  maxStatements: 20_000,
  maxFunctions: 200,
  maxCallDepth: 32,
  maxStringLength: 1 << 20,
  maxArrayLength: 100_000,
  maxMapSize: 10_000,
};

/** The state recorded in recipe source text. Throws InstalledStateError when it does not compile or run. */
export function readInstalledStateSource(source: string, file: string): RecipeState {
  const name = basename(file, ".rhai");
  const engine = new Engine(READ_LIMITS);
  engine.onPrint(() => {});
  engine.onDebug(() => {});
  const scope = new Scope();
  try {
    engine.run(engine.compile(source, file), scope);
  } catch (err) {
    const why = err instanceof RhaiError ? err.format() : err instanceof Error ? err.message : String(err);
    throw new InstalledStateError(`${name}: cannot read its state from ${file}: ${why}`, name, file);
  }
  try {
    return stateFromScope(scope);
  } catch (err) {
    if (!(err instanceof StateValueError)) throw err;
    throw new InstalledStateError(`${name}: ${file}: ${err.message}`, name, file);
  }
}

/**
 * The state recorded in a recipe file (`root`: the target root it lies in). Throws
 * InstalledStateError when it cannot be read or run.
 */
export function readInstalledState(file: string, root?: string): RecipeState {
  let source: string;
  try {
    source = readRecipeSource(file, root);
  } catch (err) {
    const name = basename(file, ".rhai");
    throw new InstalledStateError(`${name}: cannot read ${file}: ${(err as Error).message}`, name, file);
  }
  return readInstalledStateSource(source, file);
}
