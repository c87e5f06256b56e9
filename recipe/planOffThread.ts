/**
 * Plans an install or remove (a dry run) in a worker thread. Loading a recipe runs its script
 * synchronously, and while it does no signal handler can run: `levitate ask` ignored Ctrl-C,
 * SIGTERM and SIGHUP for as long as a slow recipe loaded (attacker 8, M2). With the work on
 * another thread the main one stays free, so its handlers end the process at once.
 */
import { Worker } from "node:worker_threads";
import type { Plan, RecipeOptions } from "./commandContext.js";

export interface PlanRequest {
  op: "install" | "remove";
  names: string[];
  /** Plain data only: callbacks cannot cross to the worker. */
  options: Omit<RecipeOptions, "onPrint" | "onProblem" | "now">;
}

/**
 * How to start the worker: the built .js beside this module; under tsx (source .ts) a bootstrap
 * that registers tsx in the worker first; elsewhere (a test runner's own transform) none.
 */
function workerEntry(): { code: string; eval: boolean } | undefined {
  const here = import.meta.url;
  if (here.endsWith(".js")) return { code: new URL("./planWorker.js", here).href, eval: false };
  if (!process.execArgv.some((a) => a.includes("tsx"))) return undefined;
  let api: string;
  try {
    api = import.meta.resolve("tsx/esm/api");
  } catch {
    return undefined;
  }
  const entry = new URL("./planWorker.ts", here).href;
  return {
    code: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
    eval: true,
  };
}

/** Undefined where no worker can start here: the caller plans in this thread. */
export function planOffThread(req: PlanRequest): Promise<Plan> | undefined {
  const entry = workerEntry();
  if (!entry) return undefined;
  return new Promise((resolve, reject) => {
    const w = new Worker(entry.eval ? entry.code : new URL(entry.code), {
      eval: entry.eval,
      workerData: req,
      stdout: false,
      stderr: false,
    });
    let done = false;
    w.on("message", (m: { ok: true; plan: Plan } | { ok: false; message: string }) => {
      done = true;
      void w.terminate();
      if (m.ok) resolve(m.plan);
      else reject(new Error(m.message));
    });
    w.on("error", (e) => {
      done = true;
      reject(e);
    });
    w.on("exit", (code) => {
      if (!done) reject(new Error(`the recipe planner stopped (exit ${code}) before it answered`));
    });
  });
}
