import { isToolName } from "../tools/registry.js";
import { parseSize } from "../tools/size.js";
import type { ToolName } from "../tools/types.js";
import { type ArgInfo, argInfos } from "./args.js";
import { type Expect, type ExpectedCall, isAnyOf } from "./dataset.js";

/**
 * The scoring rules of CONTRACTS §5, in the manner of BFCL's AST matching: the right tools as a
 * multiset (any order), every expected arg equal after normalization, no predicted arg that the
 * expectation lacks unless it equals the tool's default. docs/eval.md states each rule; a test
 * pins each one down.
 */

/** A predicted decision as the harness sees it: any object (it may be invalid). */
export type Predicted =
  | { calls: { tool: string; args: Record<string, unknown> }[] }
  | { reply: string }
  | { confirm: boolean };

export interface TurnScore {
  correct: boolean;
  /** Every expected tool called the expected number of times, nothing else (calls turns only). */
  toolsRight?: boolean;
  /** Why it is wrong, for people: "createUser.sudo: expected true, got false". */
  reason?: string;
}

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

function sameValue(expected: unknown, predicted: unknown, kind: ArgInfo["kind"]): boolean {
  const alternatives = isAnyOf(expected) ? expected.anyOf : [expected];
  const p = JSON.stringify(normalize(predicted, kind));
  return alternatives.some((a) => JSON.stringify(normalize(a, kind)) === p);
}

function show(v: unknown): string {
  if (v === undefined) return "(absent)";
  if (isAnyOf(v)) return `one of ${v.anyOf.map((a) => JSON.stringify(a)).join(", ")}`;
  return JSON.stringify(v);
}

/** Why one predicted call does not match one expected call, or null when it does. */
export function callMismatch(
  expected: ExpectedCall,
  predicted: { tool: string; args: Record<string, unknown> },
): string | null {
  if (expected.tool !== predicted.tool) return `expected ${expected.tool}, got ${predicted.tool}`;
  const infos = argInfos(expected.tool);
  const problems: string[] = [];
  for (const [name, want] of Object.entries(expected.args)) {
    const info = infos.get(name);
    if (!info) {
      problems.push(`${name}: not an arg of ${expected.tool}`);
      continue;
    }
    // An arg the prediction leaves out stands for its default (a backend may omit defaults).
    const got =
      Object.hasOwn(predicted.args, name) && predicted.args[name] !== undefined
        ? predicted.args[name]
        : info.default;
    if (!sameValue(want, got, info.kind)) problems.push(`${name}: expected ${show(want)}, got ${show(got)}`);
  }
  for (const [name, got] of Object.entries(predicted.args)) {
    if (Object.hasOwn(expected.args, name) || got === undefined) continue;
    const info = infos.get(name);
    if (!info) problems.push(`${name}: unexpected arg (not in ${expected.tool}'s schema)`);
    else if (!info.hasDefault) problems.push(`${name}: unexpected arg ${show(got)}`);
    else if (!sameValue(info.default, got, info.kind))
      problems.push(`${name}: unexpected ${show(got)} (default ${show(info.default)} expected)`);
  }
  return problems.length ? `${expected.tool}: ${problems.join("; ")}` : null;
}

function toolCounts(tools: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tools) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

function sameMultiset(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const ca = toolCounts(a);
  const cb = toolCounts(b);
  return [...ca].every(([k, n]) => cb.get(k) === n);
}

/**
 * Pairs every expected call with a distinct predicted call so each pair matches (calls are few:
 * at most 8, so backtracking is cheap). Returns null when no pairing exists.
 */
function matchCalls(
  expected: ExpectedCall[],
  predicted: { tool: string; args: Record<string, unknown> }[],
): number[] | null {
  const ok = expected.map((e) => predicted.map((p) => callMismatch(e, p) === null));
  const used = new Array<boolean>(predicted.length).fill(false);
  const pick: number[] = [];
  const go = (i: number): boolean => {
    if (i === expected.length) return true;
    for (let j = 0; j < predicted.length; j++) {
      if (used[j] || !ok[i]![j]) continue;
      used[j] = true;
      pick.push(j);
      if (go(i + 1)) return true;
      used[j] = false;
      pick.pop();
    }
    return false;
  };
  return go(0) ? pick : null;
}

/** The closest explanation of why a calls turn failed, when the tools are right but an arg is not. */
function bestMismatch(
  expected: ExpectedCall[],
  predicted: { tool: string; args: Record<string, unknown> }[],
): string {
  const reasons: string[] = [];
  const used = new Set<number>();
  for (const e of expected) {
    let exact = -1;
    let sameTool = -1;
    predicted.forEach((p, j) => {
      if (used.has(j)) return;
      if (exact < 0 && callMismatch(e, p) === null) exact = j;
      if (sameTool < 0 && p.tool === e.tool) sameTool = j;
    });
    const j = exact >= 0 ? exact : sameTool;
    if (j < 0) continue;
    used.add(j);
    if (exact < 0) reasons.push(callMismatch(e, predicted[j]!)!);
  }
  return reasons.join(" | ") || "no pairing of expected and predicted calls matches";
}

export function describeKind(d: Predicted | undefined): string {
  if (!d) return "nothing";
  if ("calls" in d) return `calls ${d.calls.map((c) => c.tool).join(", ")}`;
  if ("reply" in d) return "a reply";
  return `confirm ${d.confirm}`;
}

/** Scores one turn. `predicted` undefined means the backend failed (threw or gave invalid output). */
export function scoreTurn(expect: Expect, predicted: Predicted | undefined): TurnScore {
  if ("reply" in expect) {
    if (predicted && "reply" in predicted) return { correct: true };
    return { correct: false, reason: `expected a reply, got ${describeKind(predicted)}` };
  }
  if ("confirm" in expect) {
    if (predicted && "confirm" in predicted && predicted.confirm === expect.confirm) return { correct: true };
    return { correct: false, reason: `expected confirm ${expect.confirm}, got ${describeKind(predicted)}` };
  }
  if (!predicted || !("calls" in predicted)) {
    return { correct: false, toolsRight: false, reason: `expected calls, got ${describeKind(predicted)}` };
  }
  const unknown = predicted.calls.filter((c) => !isToolName(c.tool)).map((c) => c.tool);
  if (unknown.length)
    return { correct: false, toolsRight: false, reason: `unknown tool ${unknown.join(", ")}` };
  const wantTools = expect.calls.map((c) => c.tool);
  const gotTools = predicted.calls.map((c) => c.tool);
  const toolsRight = sameMultiset(wantTools, gotTools);
  if (!toolsRight) {
    return {
      correct: false,
      toolsRight,
      reason: `expected tools [${wantTools.join(", ")}], got [${gotTools.join(", ")}]`,
    };
  }
  if (matchCalls(expect.calls, predicted.calls)) return { correct: true, toolsRight };
  return { correct: false, toolsRight, reason: bestMismatch(expect.calls, predicted.calls) };
}

/** Labels for the tool confusion matrix: tool names, and `(reply)`, `(confirm)`, `(none)`, `(error)`. */
export function confusionPairs(expect: Expect, predicted: Predicted | undefined): [string, string][] {
  const want: string[] =
    "calls" in expect ? expect.calls.map((c) => c.tool) : ["reply" in expect ? "(reply)" : "(confirm)"];
  const got: string[] = !predicted
    ? ["(error)"]
    : "calls" in predicted
      ? predicted.calls.map((c) => c.tool)
      : ["reply" in predicted ? "(reply)" : "(confirm)"];
  const pairs: [string, string][] = [];
  const rest = [...got];
  const left: string[] = [];
  for (const w of want) {
    const k = rest.indexOf(w);
    if (k >= 0) {
      pairs.push([w, w]);
      rest.splice(k, 1);
    } else left.push(w);
  }
  for (const w of left) pairs.push([w, rest.shift() ?? "(none)"]);
  for (const g of rest) pairs.push(["(none)", g]);
  return pairs;
}

export type { ToolName };
