import { tmpdir } from "node:os";
import { join } from "node:path";
import { context, installedSet, type RecipeOptions, rootCopyProblem, tryLoad } from "./commandContext.js";
import { RecipeRun } from "./helpers.js";
import { RecipeError } from "./loader.js";
import { VERSION } from "./schema.js";
import { scanRecipes } from "./store.js";
import { compareVersions } from "./versionOrder.js";

/**
 * Why a check_update() answer is not a version, or undefined when it is one. The answer comes
 * from a mirror or a web page, so it is held to the rule `pkg.version` follows (attacker 24 F17,
 * attacker 25 L6): no path, option, shell text or escape, at most 64 characters; a longer one is
 * shown cut, with its length, never printed whole.
 */
function upstreamProblem(v: string): string | undefined {
  if (VERSION.test(v)) return undefined;
  const shown = v.length > 40 ? `${v.slice(0, 40)}...` : v;
  const size = v.length > 64 ? ` (${v.length} characters, at most 64)` : "";
  return `check_update() returned ${JSON.stringify(shown)}${size}, not a version: a version starts with a letter or digit, then letters, digits and . _ + ~ - (fix the recipe's check_update())`;
}

export interface UpdateInfo {
  name: string;
  installedVersion: string | null;
  /** The version of the recipe in the search path, when it differs. */
  recipeVersion: string;
  /** What the recipe's check_update() returned, if it has one and it returned a version. */
  upstream: string | null;
  updateAvailable: boolean;
  /** Why the recipe's check_update() gave no answer (it threw, or returned no version): unknown, not "up to date". */
  error?: string;
}

/** For installed recipes: is the search path's recipe newer, and what does check_update() say. */
export function checkUpdates(names: string[], opts: RecipeOptions = {}): UpdateInfo[] {
  const ctx = context({ ...opts, dryRun: true });
  const catalog = scanRecipes(ctx.dirs);
  const installed = installedSet(ctx);
  const chosen = names.length ? names : [...installed.keys()].sort();
  return chosen.map((name) => {
    const copy = installed.get(name);
    if (!copy) throw new RecipeError(`${name} is not installed in ${ctx.root}`, name, "");
    const r = tryLoad(ctx, name, catalog.get(name) ?? copy.file) ?? copy;
    let upstream: string | null = null;
    let error: string | undefined;
    const untrusted = rootCopyProblem(ctx, name, r.file);
    // Not run is not "up to date": the answer is unknown, and a script must see that (attacker 13 L3).
    if (untrusted) {
      error = `check_update() not run: ${untrusted}`;
      ctx.problem(name, r.file, new Error(error));
    } else if (r.functions.has("check_update")) {
      const probe = new RecipeRun({
        recipe: name,
        root: ctx.root,
        buildDir: join(tmpdir(), "recipe-probe-unused"),
        dryRun: true,
        download: ctx.download,
        arch: ctx.arch,
      });
      try {
        const v = r.call("check_update", probe);
        if (typeof v === "string" && v !== "") {
          error = upstreamProblem(v);
          if (error === undefined) upstream = v;
        } else if (v !== null && v !== undefined && v !== "")
          error = `check_update() returned ${JSON.stringify(v)}, not a version string`;
      } catch (err) {
        // One recipe's failing check (offline, a bad URL) leaves the others' answers standing.
        if (!(err instanceof RecipeError)) throw err;
        error = `check_update() failed: ${err.message.split("\n")[0]}`;
      }
    }
    const iv = copy.state.installed_version;
    // Only a newer answer is an update: an older one offered as `install --force` is a downgrade.
    const upstreamNewer =
      upstream !== null && (iv === null || !VERSION.test(iv) || compareVersions(upstream, iv) > 0);
    return {
      name,
      installedVersion: iv,
      recipeVersion: r.pkg.version,
      upstream,
      updateAvailable: (r.pkg.version !== "latest" && r.pkg.version !== iv) || upstreamNewer,
      ...(error !== undefined ? { error } : {}),
    };
  });
}
