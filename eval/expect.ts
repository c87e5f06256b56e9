import type { ToolName } from "../tools/types.js";

/**
 * The shapes of CONTRACTS §5 (version 2) that every part of the harness shares. Kept apart from
 * the loader so that history, scoring and loading can all use them without importing each other.
 */

/** CONTRACTS §5. The categories, in the order reports list them (`edit`, `alongside` since version 2). */
export const CATEGORIES = [
  "simple",
  "multiple",
  "parallel",
  "irrelevance",
  "clarify",
  "pronoun",
  "confirm",
  "typo",
  "multi-turn",
  "safety",
  "edit",
  "alongside",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The categories of version 1: a version-1 data set covers these. */
export const CATEGORIES_V1 = CATEGORIES.slice(0, 10) as readonly Category[];

/** An expected arg value: the value, or `{"anyOf": [...]}` when several answers are right. */
export type ExpectedValue = unknown;
export interface AnyOf {
  anyOf: unknown[];
}
export function isAnyOf(v: unknown): v is AnyOf {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    Array.isArray((v as { anyOf?: unknown }).anyOf)
  );
}

export interface ExpectedCall {
  tool: ToolName;
  args: Record<string, ExpectedValue>;
}

/**
 * One turn's expectation. `reply` may carry the offer its question proposes ("Do you mean
 * helix?"); `drop` names the pending steps to remove by the args that identify them.
 */
export type Expect =
  | { calls: ExpectedCall[] }
  | { reply: true; offer?: { calls: ExpectedCall[] } }
  | { confirm: boolean }
  | { drop: ExpectedCall[] };

/** The calls an expectation scores like calls: its own, or its offer's. */
export function expectedCallsOf(e: Expect): ExpectedCall[] {
  if ("calls" in e) return e.calls;
  if ("reply" in e && e.offer) return e.offer.calls;
  return [];
}
