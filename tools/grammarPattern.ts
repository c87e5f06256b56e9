import type { z } from "zod";

/** A string's pattern for the llm grammar alone, where the schema's own cannot be bounded exactly. */
const grammarPatterns = new WeakMap<z.ZodType, { pattern: RegExp; max: number }>();

/**
 * Generate `schema`'s strings from `pattern` (at most `max` characters) instead of its own checks.
 * For a limit the schema states as a refinement that a pattern bounded by one length cannot say
 * (a hostname: labels of up to 63 characters, 64 in all): the grammar must admit only strings the
 * schema accepts, so `pattern` describes a subset of them; test/grammars checks that it does.
 * Kept beside the tools (the grammar compiler reads it) so a tool's schema need not import the
 * compiler.
 */
export function grammarPattern<T extends z.ZodType>(schema: T, pattern: RegExp, max: number): T {
  grammarPatterns.set(schema, { pattern, max });
  return schema;
}

/** The grammar-only pattern given to `schema`, if any. */
export function grammarPatternOf(schema: z.ZodType): { pattern: RegExp; max: number } | undefined {
  return grammarPatterns.get(schema);
}
