import { z } from "zod";
import { SIZE_PATTERN } from "../steps/size.js";
import { TOOLS, toolDefaults } from "../tools/registry.js";
import type { ToolName } from "../tools/types.js";

/** How the scorer compares an arg's values: read from the tool's zod schema, never listed by hand. */
export type ArgKind = "size" | "array" | "string" | "boolean" | "number" | "other";

export interface ArgInfo {
  name: string;
  kind: ArgKind;
  required: boolean;
  hasDefault: boolean;
  default?: unknown;
  /** The arg's schema without its optional/default wrapper: what one value must satisfy. */
  value: z.ZodType;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 8; i++) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    else break;
  }
  return s;
}

function kindOf(value: z.ZodType): ArgKind {
  if (value instanceof z.ZodArray) return "array";
  if (value instanceof z.ZodBoolean) return "boolean";
  if (value instanceof z.ZodNumber) return "number";
  if (value instanceof z.ZodString) {
    // A size arg is one whose schema carries the size pattern (steps/size.ts is its only source).
    const json = z.toJSONSchema(value) as { pattern?: string };
    return json.pattern === SIZE_PATTERN ? "size" : "string";
  }
  return "other";
}

const cache = new Map<ToolName, Map<string, ArgInfo>>();

/** Every arg a tool accepts from the model, with how to compare it and its default. */
export function argInfos(tool: ToolName): Map<string, ArgInfo> {
  const hit = cache.get(tool);
  if (hit) return hit;
  const defaults = toolDefaults(tool);
  const shape = TOOLS[tool].args.shape as Record<string, z.ZodType>;
  const out = new Map<string, ArgInfo>();
  for (const [name, schema] of Object.entries(shape)) {
    const value = unwrap(schema);
    const hasDefault = Object.hasOwn(defaults, name);
    out.set(name, {
      name,
      kind: kindOf(value),
      required: !(schema instanceof z.ZodOptional || schema instanceof z.ZodDefault),
      hasDefault,
      ...(hasDefault ? { default: defaults[name] } : {}),
      value,
    });
  }
  cache.set(tool, out);
  return out;
}
