import type { PlanCall } from "../agent/backend.js";
import { type DropEntry, dropMatches, type ModelToolCall } from "../tools/decision.js";
import { isToolName } from "../tools/registry.js";
import type { ToolName } from "../tools/types.js";
import { argInfos } from "./args.js";
import { type Expect, type ExpectedCall, isAnyOf } from "./expect.js";
import { entryNamesStep, normalize, sameValue } from "./match.js";
import { canonicalCall } from "./sudoGroups.js";

export { normalize };

/**
 * The scoring rules of CONTRACTS §5, in the manner of BFCL's AST matching: the right tools as a
 * multiset (any order), every expected arg equal after normalization, no predicted arg that the
 * expectation lacks unless it equals the tool's default. docs/eval.md states each rule; a test
 * pins each one down.
 */

/** A predicted decision as the harness sees it: any object (it may be invalid). */
export type Predicted =
  | { calls: { tool: string; args: Record<string, unknown> }[] }
  | { reply: string; offer?: { calls: { tool: string; args: Record<string, unknown> }[] } }
  | { confirm: boolean }
  | { drop: { tool: string; args: Record<string, unknown> }[] };

/** What the turn's scoring may need beyond the two decisions: the plan pending before the turn. */
export interface ScoreContext {
  pending?: readonly PlanCall[];
}

export interface TurnScore {
  correct: boolean;
  /** Every expected tool called the expected number of times, nothing else (calls turns only). */
  toolsRight?: boolean;
  /** Why it is wrong, for people: "createUser.sudo: expected true, got false". */
  reason?: string;
}

function show(v: unknown): string {
  if (v === undefined) return "(absent)";
  if (isAnyOf(v)) return `one of ${v.anyOf.map((a) => JSON.stringify(a)).join(", ")}`;
  return JSON.stringify(v);
}

/** Why one predicted call does not match one expected call, or null when it does. */
export function callMismatch(
  expectedAsWritten: ExpectedCall,
  predictedAsMade: { tool: string; args: Record<string, unknown> },
): string | null {
  const expected = canonicalCall(expectedAsWritten);
  const predicted = canonicalCall(predictedAsMade);
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
  if ("reply" in d)
    return d.offer ? `a reply offering ${d.offer.calls.map((c) => c.tool).join(", ")}` : "a reply";
  if ("drop" in d) return `a drop of ${d.drop.map((c) => c.tool).join(", ")}`;
  return `confirm ${d.confirm}`;
}

/** The calls rules (multiset of tools, pairing by args, defaults) on one list of calls. */
function scoreCalls(
  expected: ExpectedCall[],
  predicted: { tool: string; args: Record<string, unknown> }[],
): TurnScore {
  const unknown = predicted.filter((c) => !isToolName(c.tool)).map((c) => c.tool);
  if (unknown.length)
    return { correct: false, toolsRight: false, reason: `unknown tool ${unknown.join(", ")}` };
  const wantTools = expected.map((c) => c.tool);
  const gotTools = predicted.map((c) => c.tool);
  const toolsRight = sameMultiset(wantTools, gotTools);
  if (!toolsRight) {
    return {
      correct: false,
      toolsRight,
      reason: `expected tools [${wantTools.join(", ")}], got [${gotTools.join(", ")}]`,
    };
  }
  if (matchCalls(expected, predicted)) return { correct: true, toolsRight };
  return { correct: false, toolsRight, reason: bestMismatch(expected, predicted) };
}

function stepText(s: { tool: string; args: Record<string, unknown> }): string {
  const id = Object.values(s.args).find((v) => typeof v === "string");
  return id ? `${s.tool} ${String(id)}` : s.tool;
}

/**
 * A drop is right when it removes exactly the pending steps the expectation names (what the
 * product's matching would remove, against what the data set says), and every entry removes
 * something. Without the pending plan, the entries are compared with each other instead: the same
 * tools, each expected entry's args equal to its partner's, no arg more.
 */
function scoreDrop(
  expected: ExpectedCall[],
  predicted: { tool: string; args: Record<string, unknown> }[],
  pending: readonly PlanCall[] | undefined,
): TurnScore {
  if (pending && pending.length > 0) {
    const want = pending.filter((s) => expected.some((e) => entryNamesStep(e, s)));
    const matches = (entry: { tool: string; args: Record<string, unknown> }, s: PlanCall) =>
      dropMatches(entry as DropEntry, s as ModelToolCall);
    const idle = predicted.filter((entry) => !pending.some((s) => matches(entry, s)));
    const got = pending.filter((s) => predicted.some((entry) => matches(entry, s)));
    const same = want.length === got.length && want.every((s) => got.includes(s));
    if (same && idle.length === 0) return { correct: true };
    const list = (xs: readonly { tool: string; args: Record<string, unknown> }[]) =>
      xs.map(stepText).join(", ") || "nothing";
    return {
      correct: false,
      reason: same
        ? `drop entries that name no pending step: ${list(idle)}`
        : `expected to drop ${list(want)}, the drop removes ${list(got)}`,
    };
  }
  const wantTools = expected.map((c) => c.tool);
  const gotTools = predicted.map((c) => c.tool);
  if (!sameMultiset(wantTools, gotTools))
    return {
      correct: false,
      reason: `expected a drop of [${wantTools.join(", ")}], got [${gotTools.join(", ")}]`,
    };
  const used = new Set<number>();
  for (const e of expected) {
    const j = predicted.findIndex(
      (p, k) =>
        !used.has(k) &&
        p.tool === e.tool &&
        Object.keys(p.args).every((a) => p.args[a] === undefined || Object.hasOwn(e.args, a)) &&
        entryNamesStep(e, p),
    );
    if (j < 0) return { correct: false, reason: `no drop entry names ${e.tool} ${JSON.stringify(e.args)}` };
    used.add(j);
  }
  return { correct: true };
}

/**
 * Scores one turn. `predicted` undefined means the backend failed (threw or gave invalid output).
 * `ctx.pending` is the plan before the turn (teacher-forced): a drop is scored by what it removes.
 */
export function scoreTurn(
  expect: Expect,
  predicted: Predicted | undefined,
  ctx: ScoreContext = {},
): TurnScore {
  if ("reply" in expect) {
    if (!predicted || !("reply" in predicted))
      return { correct: false, reason: `expected a reply, got ${describeKind(predicted)}` };
    if (!expect.offer) return { correct: true };
    if (!predicted.offer)
      return {
        correct: false,
        toolsRight: false,
        reason: `expected a reply offering ${expect.offer.calls.map((c) => c.tool).join(", ")}, got a reply without an offer`,
      };
    const s = scoreCalls(expect.offer.calls, predicted.offer.calls);
    return s.correct ? s : { ...s, reason: `offer: ${s.reason}` };
  }
  if ("confirm" in expect) {
    if (predicted && "confirm" in predicted && predicted.confirm === expect.confirm) return { correct: true };
    return { correct: false, reason: `expected confirm ${expect.confirm}, got ${describeKind(predicted)}` };
  }
  if ("drop" in expect) {
    if (!predicted || !("drop" in predicted))
      return { correct: false, reason: `expected a drop, got ${describeKind(predicted)}` };
    return scoreDrop(expect.drop, predicted.drop, ctx.pending);
  }
  if (!predicted || !("calls" in predicted)) {
    return { correct: false, toolsRight: false, reason: `expected calls, got ${describeKind(predicted)}` };
  }
  return scoreCalls(expect.calls, predicted.calls);
}

/** Labels for the tool confusion matrix: tool names, and `(reply)`, `(confirm)`, `(drop)`, `(none)`, `(error)`. */
export function confusionPairs(expect: Expect, predicted: Predicted | undefined): [string, string][] {
  const want: string[] =
    "calls" in expect
      ? expect.calls.map((c) => c.tool)
      : ["reply" in expect ? "(reply)" : "drop" in expect ? "(drop)" : "(confirm)"];
  const got: string[] = !predicted
    ? ["(error)"]
    : "calls" in predicted
      ? predicted.calls.map((c) => c.tool)
      : ["reply" in predicted ? "(reply)" : "drop" in predicted ? "(drop)" : "(confirm)"];
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
