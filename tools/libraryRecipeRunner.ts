import type { RecipeRunner } from "../steps/recipeRunner.js";
import type { RecipeAction } from "../steps/step.js";

export interface LibraryRecipeRunnerOptions {
  /** Recipe search path (default: the shipped recipes, then the target's /etc/recipes). */
  recipeDirs?: string[];
  /** Local mirrors (the live ISO's RPM repository) tried before the network; RECIPE_MIRRORS adds more. */
  mirrors?: string[];
  cacheDir?: string;
}

/** In-process: recipe/api.ts's install/remove/bootstrap; dry-run lists the library's own actions. */
export function libraryRecipeRunner(opts: LibraryRecipeRunnerOptions = {}): RecipeRunner {
  const load = () => import("../recipe/api.js");
  const common = async (dryRun: boolean) => {
    const api = await load();
    return {
      api,
      options: {
        ...(opts.recipeDirs ? { recipeDirs: opts.recipeDirs } : {}),
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
        mirrors: [...(opts.mirrors ?? []), ...api.mirrorsFromEnv()],
        dryRun,
        progress: false,
      },
    };
  };
  const call = async (action: RecipeAction, dryRun: boolean, log?: (l: string) => void) => {
    const { api, options } = await common(dryRun);
    const onProgress = (e: import("../recipe/api.js").ProgressEvent) => {
      if (!log) return;
      if (e.type === "action") log(api.describeAction(e.action));
      else if (e.type === "recipe-start") log(`${e.recipe} ${e.version}`);
      else if (e.type === "skip") log(`${e.recipe}: skipped (${e.reason})`);
      else if (e.type === "rollback") log(`${e.recipe}: rolled back (${e.reason})`);
      else if (e.type === "note") log(`${e.recipe}: ${e.text}`);
    };
    const onPrint = (recipe: string, text: string) => log?.(`${recipe}: ${text}`);
    if (action.op === "bootstrap")
      return api.bootstrap(
        action.root,
        { ...options, onPrint, ...(action.firmware ? { firmware: action.firmware } : {}) },
        onProgress,
      );
    const name = action.name ?? "";
    if (action.op === "install")
      return api.install([name], { ...options, root: action.root, onPrint }, onProgress);
    return api.remove([name], { ...options, root: action.root, onPrint }, onProgress);
  };
  return {
    async preview(action) {
      const { api } = await common(true);
      try {
        // Off the main thread where it can be, so a signal ends a preview stuck in a slow recipe.
        const { planOffThread } = await import("../recipe/planOffThread.js");
        const { options } = await common(true);
        const offThread =
          action.op === "bootstrap"
            ? undefined
            : planOffThread({
                op: action.op,
                names: [action.name ?? ""],
                options: { ...options, root: action.root },
              });
        const plan = await (offThread ?? call(action, true));
        // First, before the list it qualifies (attacker 25 H1: a hidden run() behind a glob()).
        const warnings = (plan.guesses ?? []).map((g) => `WARNING: ${g.warning}`);
        return [...warnings, ...plan.actions.map((a) => api.describeAction(a)), ...(plan.notes ?? [])];
      } catch (e) {
        return [`(cannot preview: ${(e as Error).message})`];
      }
    },
    async run(action, log) {
      await call(action, false, log);
    },
  };
}
