import { z } from "zod";
import { TOOLS } from "../tools/registry.js";
import { TOOL_NAMES } from "../tools/types.js";

/**
 * CONTRACTS §2: what a backend returns for one user turn. The same shape for grammar-constrained
 * model output, the rules backend and eval expectations.
 */
export const ToolCallSchema = z.discriminatedUnion(
  "tool",
  TOOL_NAMES.map((name) => z.strictObject({ tool: z.literal(name), args: TOOLS[name].args })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
);

export const DecisionSchema = z.union([
  z.strictObject({ calls: z.array(ToolCallSchema).min(1).max(8) }),
  z.strictObject({ reply: z.string().min(1).max(2000) }),
  z.strictObject({ confirm: z.boolean() }),
]);

export type ModelToolCall = {
  [T in keyof typeof TOOLS]: { tool: T; args: z.output<(typeof TOOLS)[T]["args"]> };
}[keyof typeof TOOLS];
export type Decision = { calls: ModelToolCall[] } | { reply: string } | { confirm: boolean };

export function parseDecision(
  value: unknown,
): { ok: true; decision: Decision } | { ok: false; error: string } {
  const r = DecisionSchema.safeParse(value);
  if (r.success) return { ok: true, decision: r.data as Decision };
  return { ok: false, error: z.prettifyError(r.error) };
}
