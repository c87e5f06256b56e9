import { readInputFile } from "../../facts/load.js";
import type { Facts } from "../../facts/schema.js";
import { type CompileOptions, type CompileResult, compilePlan } from "../compile.js";
import { validatePlan } from "../planFile.js";
import { loadPlanFile } from "../run.js";
import { importArchinstall, isArchinstallConfig, readSiblingCreds } from "./archinstall.js";

export interface PlanInput {
  compiled: CompileResult;
  /** Set when the file was archinstall's configuration: what did not carry over, one line each. */
  archinstall?: { notCarried: string[] };
}

/**
 * `levitate install --plan F`: F is our plan file (CONTRACTS §3) or archinstall's
 * user_configuration.json (with user_credentials.json beside it). An archinstall file is converted,
 * then validated and compiled exactly like a plan file.
 */
export function loadPlanInput(
  path: string,
  facts: Facts,
  opts: Pick<CompileOptions, "target" | "catalog"> = {},
): PlanInput {
  let raw: unknown;
  try {
    raw = JSON.parse(readInputFile(path, "plan file"));
  } catch {
    return { compiled: loadPlanFile(path, facts, opts) }; // it reports the read/JSON error its own way
  }
  if (!isArchinstallConfig(raw)) return { compiled: loadPlanFile(path, facts, opts) };
  let creds: unknown;
  try {
    creds = readSiblingCreds(path);
  } catch (e) {
    return {
      compiled: {
        ok: false,
        errors: [
          {
            path: "(user_credentials.json)",
            message: `cannot read the credentials beside ${path}: ${(e as Error).message}`,
            hint: "fix or remove user_credentials.json; passwords are then asked at install",
          },
        ],
      },
    };
  }
  let imported: ReturnType<typeof importArchinstall>;
  try {
    imported = importArchinstall(raw, creds, facts);
  } catch (e) {
    return {
      compiled: {
        ok: false,
        errors: [
          {
            path: "(file)",
            message: (e as Error).message,
            hint: "see docs/eval.md, archinstall configurations",
          },
        ],
      },
    };
  }
  const v = validatePlan(imported.plan, facts);
  const archinstall = { notCarried: imported.notCarried };
  if (!v.ok) return { compiled: v, archinstall };
  return {
    compiled: compilePlan(v.plan.steps, facts, {
      ...opts,
      target: opts.target ?? v.plan.target,
      mode: v.plan.mode,
    }),
    archinstall,
  };
}

export function formatNotCarried(path: string, notCarried: string[]): string {
  if (notCarried.length === 0) return `${path}: archinstall configuration, everything carried over`;
  return [`${path}: archinstall configuration; not carried over:`, ...notCarried.map((l) => `  - ${l}`)].join(
    "\n",
  );
}
