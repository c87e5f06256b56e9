/**
 * The worker side of {@link planOffThread} (recipe/planOffThread.ts): plans one install or remove
 * (dry run) and posts the plan back, or the error's message.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type Plan, planInstall, remove } from "./api.js";
import type { PlanRequest } from "./planOffThread.js";

async function plan(req: PlanRequest): Promise<Plan> {
  if (req.op === "install") return planInstall(req.names, req.options);
  return remove(req.names, { ...req.options, dryRun: true });
}

const req = workerData as PlanRequest;
plan(req).then(
  (p) => parentPort?.postMessage({ ok: true, plan: p }),
  (e: unknown) => parentPort?.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
);
