import { parseSize } from "../steps/size.js";
import { type ArgInfo, argInfos } from "./args.js";
import { type ExpectedCall, isAnyOf } from "./expect.js";

/** How the scoring rules compare values (docs/eval.md, "Normalization"). */

type Norm = string | number | boolean | null | Norm[] | { [k: string]: Norm };

/** Values as the rules compare them: strings trimmed and lowercased, sizes in bytes, arrays as sorted sets. */
export function normalize(value: unknown, kind: ArgInfo["kind"]): Norm {
  if (value === undefined || value === null) return null;
  if (kind === "size") {
    if (typeof value === "number") return value;
    if (typeof value === "string") {
      try {
        return parseSize(value);
      } catch {
        return value.trim().toLowerCase();
      }
    }
  }
  if (kind === "array" && Array.isArray(value)) {
    const items = value.map((v) => JSON.stringify(normalize(v, "string")));
    return [...new Set(items)].sort();
  }
  if (typeof value === "string") return value.trim().toLowerCase();
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v) => normalize(v, "other"));
  if (typeof value === "object") {
    const out: { [k: string]: Norm } = {};
    for (const k of Object.keys(value).sort())
      out[k] = normalize((value as Record<string, unknown>)[k], "other");
    return out;
  }
  return String(value);
}

/** The expected value (or any of its anyOf values) equals the predicted one after normalization. */
export function sameValue(expected: unknown, predicted: unknown, kind: ArgInfo["kind"]): boolean {
  const alternatives = isAnyOf(expected) ? expected.anyOf : [expected];
  const p = JSON.stringify(normalize(predicted, kind));
  return alternatives.some((a) => JSON.stringify(normalize(a, kind)) === p);
}

/**
 * Whether a plan step is one an expected drop entry names: the same tool, and every arg the entry
 * gives equal after normalization (an arg the step leaves out stands for its default).
 */
export function entryNamesStep(entry: ExpectedCall, step: { tool: string; args: Record<string, unknown> }) {
  if (entry.tool !== step.tool) return false;
  const infos = argInfos(entry.tool);
  return Object.entries(entry.args).every(([name, want]) => {
    const info = infos.get(name);
    if (!info) return false;
    const got =
      Object.hasOwn(step.args, name) && step.args[name] !== undefined ? step.args[name] : info.default;
    return sameValue(want, got, info.kind);
  });
}
