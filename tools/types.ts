import type { z } from "zod";
import type { ToolName } from "../steps/toolNames.js";

export type Mode = "live" | "installed";
export const MODES: readonly Mode[] = ["live", "installed"];

/**
 * A tool of the installer: one zod schema is the single source of truth for the model's grammar,
 * the plan file's JSON Schema, CLI help and docs. `planArgs` may extend `args` with fields only a
 * plan file may carry (never the model), e.g. createUser.passwordHash.
 */
export interface ToolSpec<A extends z.ZodObject = z.ZodObject, P extends z.ZodType = z.ZodType> {
  readonly name: ToolName;
  /** One or two sentences for both people and the model. */
  readonly description: string;
  readonly modes: readonly Mode[];
  /** What the model may produce. */
  readonly args: A;
  /** What a plan file may carry (args plus plan-only fields). */
  readonly planArgs: P;
  /** Short example requests, for docs and the model's prompt. */
  readonly examples: readonly string[];
}

export { TOOL_NAMES, type ToolName } from "../steps/toolNames.js";
