import { type Facts, targetOf } from "../facts/schema.js";
import { factErrors } from "../tools/planFile.js";
import { toolsForMode } from "../tools/registry.js";
import type { ToolName } from "../tools/types.js";
import type { PlanCall } from "./types.js";

/** Checks of one call against the mode and the facts, shared by agent/turn.ts and the rules backend. */

export function allowedTools(facts: Facts): ToolName[] {
  return toolsForMode(facts.mode);
}

/** Why a call cannot join the plan, as one sentence for the user; undefined when it can. */
export function callProblem(call: PlanCall, facts: Facts, allowed: readonly ToolName[]): string | undefined {
  if (!allowed.includes(call.tool)) {
    if (call.tool === "partitionDisk")
      return "Partitioning a disk is only possible from the live installer (boot the LevitateOS ISO); this system is already installed.";
    if (call.tool === "removeRecipe")
      return "Nothing is installed on the new system yet, so there is nothing to remove.";
    return `${call.tool} is not available in ${facts.mode} mode.`;
  }
  const errors = factErrors({ version: 1, mode: facts.mode, target: targetOf(facts), steps: [call] }, facts, {
    oneCall: true,
  }).filter((e) => e.path !== "mode");
  const e = errors[0];
  if (!e) return undefined;
  return `${e.message[0]!.toUpperCase()}${e.message.slice(1)}${e.hint ? `; ${e.hint}` : ""}.`;
}
