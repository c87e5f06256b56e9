import { z } from "zod";
import { createUser } from "./createUser.js";
import { installRecipe } from "./installRecipe.js";
import { partitionDisk } from "./partitionDisk.js";
import { removeRecipe } from "./removeRecipe.js";
import { setHostname } from "./setHostname.js";
import { setLocale } from "./setLocale.js";
import { type Mode, TOOL_NAMES, type ToolName } from "./types.js";

export const TOOLS = {
  partitionDisk,
  createUser,
  installRecipe,
  removeRecipe,
  setLocale,
  setHostname,
} as const;

export type Tools = typeof TOOLS;
export type ToolArgs<T extends ToolName> = z.output<Tools[T]["args"]>;
export type ToolPlanArgs<T extends ToolName> = z.output<Tools[T]["planArgs"]>;

/** A call as a backend produces it and a plan file holds it: args already validated and defaulted. */
export type ToolCall = { [T in ToolName]: { tool: T; args: ToolPlanArgs<T> } }[ToolName];

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

export function toolsForMode(mode: Mode): ToolName[] {
  return TOOL_NAMES.filter((n) => (TOOLS[n].modes as readonly Mode[]).includes(mode));
}

/**
 * The default of every arg that has one, read from the zod schema (the single source of truth): a
 * zod default, or a documented one (`.meta({ default })`) that parsing leaves absent (efiSize).
 */
export function toolDefaults(name: ToolName): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const shape = TOOLS[name].args.shape as Record<string, z.ZodType>;
  for (const [key, schema] of Object.entries(shape)) {
    if (schema instanceof z.ZodDefault) {
      const v = schema.def.defaultValue;
      out[key] = typeof v === "function" ? (v as () => unknown)() : v;
    } else if (schema.meta()?.default !== undefined) out[key] = schema.meta()?.default;
  }
  return out;
}

/** The names of the args a tool accepts from the model, required ones first. */
export function toolArgNames(name: ToolName): { required: string[]; optional: string[] } {
  const shape = TOOLS[name].args.shape as Record<string, z.ZodType>;
  const required: string[] = [];
  const optional: string[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? optional : required).push(key);
  }
  return { required, optional };
}
