import {
  context,
  load,
  type RecipeInfo,
  type RecipeOptions,
  recover,
  stateOf,
  tryLoad,
} from "./commandContext.js";
import { killableWhile } from "./killableWhile.js";
import { RecipeError } from "./loader.js";
import { EMPTY_STATE } from "./state.js";
import { scanRecipes, stateFile } from "./store.js";
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

/** Killable while it loads (killableWhile.ts): it changes nothing, and a recipe may load for seconds. */
export function info(name: string, opts: RecipeOptions = {}) {
  return killableWhile(() => infoNow(name, opts));
}

function infoNow(name: string, opts: RecipeOptions) {
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
