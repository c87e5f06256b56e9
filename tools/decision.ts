import { z } from "zod";
import { TOOLS } from "./registry.js";
import { TOOL_NAMES, type ToolName } from "./types.js";

/**
 * CONTRACTS §2 (version 2): what a backend returns for one user turn. The same shape for
 * grammar-constrained model output, the rules backend and eval expectations.
 */
export const ToolCallSchema = z.discriminatedUnion(
  "tool",
  TOOL_NAMES.map((name) => z.strictObject({ tool: z.literal(name), args: TOOLS[name].args })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
);

/**
 * The args of a tool with every field optional and no default filled: a drop names only what
 * identifies the step ("forget about fd" is `{name: "fd"}`), so defaults must not be invented.
 */
function identifyingArgs(name: ToolName): z.ZodObject {
  const shape = TOOLS[name].args.shape as Record<string, z.ZodType>;
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    let inner: z.ZodType = schema;
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional)
      inner = inner.def.innerType as z.ZodType;
    out[key] = inner.optional();
  }
  return z.strictObject(out);
}

/** One pending step to remove: the tool and the args that identify it (a subset of its args). */
export const DropEntrySchema = z.discriminatedUnion(
  "tool",
  TOOL_NAMES.map((name) =>
    z.strictObject({ tool: z.literal(name), args: identifyingArgs(name).default({}) }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

/**
 * The most calls one decision may carry (calls, an offer's calls, drop entries). CONTRACTS §2/§5
 * state no cap; this one only bounds a decision's size (and the llm grammar's repetition). 16, not
 * 8: "remove everything but htop" on a system with 9 installed recipes, or 9 programs named in one
 * request, is one decision.
 */
export const MAX_CALLS = 16;

export const OfferSchema = z.strictObject({ calls: z.array(ToolCallSchema).min(1).max(MAX_CALLS) });

export const DecisionSchema = z.union([
  z.strictObject({ calls: z.array(ToolCallSchema).min(1).max(MAX_CALLS) }),
  z.strictObject({ reply: z.string().min(1).max(2000), offer: OfferSchema.optional() }),
  z.strictObject({ confirm: z.boolean() }),
  z.strictObject({ drop: z.array(DropEntrySchema).min(1).max(MAX_CALLS) }),
]);

export type ModelToolCall = {
  [T in keyof typeof TOOLS]: { tool: T; args: z.output<(typeof TOOLS)[T]["args"]> };
}[keyof typeof TOOLS];
export type DropEntry = {
  [T in keyof typeof TOOLS]: { tool: T; args: Partial<z.output<(typeof TOOLS)[T]["args"]>> };
}[keyof typeof TOOLS];
export type Offer = { calls: ModelToolCall[] };
export type Decision =
  | { calls: ModelToolCall[] }
  | { reply: string; offer?: Offer }
  | { confirm: boolean }
  | { drop: DropEntry[] };

export function parseDecision(
  value: unknown,
): { ok: true; decision: Decision } | { ok: false; error: string } {
  const r = DecisionSchema.safeParse(value);
  if (r.success) return { ok: true, decision: r.data as Decision };
  return { ok: false, error: z.prettifyError(r.error) };
}

/** The same call: the same tool with the same args, written in the same order (as the readers build them). */
export function sameCall(a: ModelToolCall, b: ModelToolCall): boolean {
  return a.tool === b.tool && JSON.stringify(a.args) === JSON.stringify(b.args);
}

/** True when a pending call matches a drop entry: same tool, and every arg the entry names equal. */
export function dropMatches(entry: DropEntry, call: ModelToolCall): boolean {
  if (entry.tool !== call.tool) return false;
  const args = call.args as Record<string, unknown>;
  return Object.entries(entry.args).every(
    ([k, v]) => v === undefined || JSON.stringify(args[k]) === JSON.stringify(v),
  );
}
