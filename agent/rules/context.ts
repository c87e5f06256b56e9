import type { Facts } from "../../facts/schema.js";
import { type Decision, MAX_CALLS } from "../../tools/decision.js";
import type { ToolName } from "../../tools/types.js";
import { callProblem } from "../checks.js";
import type { ConversationView, PlanCall } from "../types.js";

export interface Ctx {
  conv: ConversationView;
  facts: Facts;
  allowed: readonly ToolName[];
}

export function capabilities(facts: Facts, allowed: readonly ToolName[]): string {
  const can: string[] = [];
  if (allowed.includes("partitionDisk")) can.push('install onto a disk ("use the nvme with btrfs")');
  if (allowed.includes("createUser")) can.push('create users ("add user anna with sudo")');
  if (allowed.includes("installRecipe")) can.push('install programs ("add ripgrep")');
  if (allowed.includes("removeRecipe")) can.push('remove them ("remove bat")');
  if (allowed.includes("setLocale"))
    can.push('set language, keyboard and time zone ("German keyboard, Berlin time")');
  if (allowed.includes("setHostname")) can.push('set the hostname ("call it atlas")');
  void facts;
  return `I can ${can.join(", ")}.`;
}

export function listOr(names: readonly string[], max = 12): string {
  if (names.length === 0) return "none";
  const shown = names.slice(0, max);
  return shown.join(", ") + (names.length > max ? `, … (${names.length} in all)` : "");
}

export function reply(text: string): Decision {
  return { reply: text };
}

export function lastCallOf(conv: ConversationView, tools: readonly string[]): PlanCall | undefined {
  for (let i = conv.turns.length - 1; i >= 0; i--) {
    const d = conv.turns[i]!.decision;
    if ("calls" in d) {
      for (let j = d.calls.length - 1; j >= 0; j--) if (tools.includes(d.calls[j]!.tool)) return d.calls[j];
    }
  }
  for (let j = conv.pending.length - 1; j >= 0; j--)
    if (tools.includes(conv.pending[j]!.tool)) return conv.pending[j];
  return undefined;
}

export function lastEntity(conv: ConversationView, kind: string): string | undefined {
  for (let i = conv.entities.length - 1; i >= 0; i--)
    if (conv.entities[i]!.kind === kind) return conv.entities[i]!.value;
  return undefined;
}

export function finish(calls: PlanCall[], ctx: Ctx): Decision {
  const problems = calls.map((c) => callProblem(c, ctx.facts, ctx.allowed)).filter((p) => p !== undefined);
  if (problems.length) return reply([...new Set(problems)].join(" "));
  if (calls.length > MAX_CALLS) return reply(tooManySteps(calls.length));
  return { calls };
}

/**
 * One decision holds at most MAX_CALLS calls (the decision schema). Cutting the rest would drop part
 * of a request without a word, so nothing is planned and the user is told to split it.
 */
export function tooManySteps(count: number): string {
  return `That is ${count} steps in one request, and I take at most ${MAX_CALLS} at a time, so I planned none of them. Say the first half now and the rest after it.`;
}
