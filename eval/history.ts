import type { PlanCall } from "../agent/backend.js";
import type { Decision } from "../agent/decision.js";
import { TOOLS } from "../tools/registry.js";
import { formatSize } from "../tools/size.js";
import { argInfos } from "./args.js";
import { type Expect, type ExpectedCall, isAnyOf } from "./dataset.js";

/**
 * Teacher forcing (CONTRACTS §5): before turn N the conversation holds the EXPECTED outcomes of
 * turns 1..N-1, never the backend's own, so one miss does not cascade into the rest of a dialogue.
 */

/** An expected call made concrete: the first anyOf alternative, sizes as size strings, defaults filled. */
export function concreteCall(call: ExpectedCall): PlanCall {
  const infos = argInfos(call.tool);
  const args: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(call.args)) {
    let v = isAnyOf(raw) ? raw.anyOf[0] : raw;
    if (infos.get(name)?.kind === "size" && typeof v === "number") v = formatSize(v);
    args[name] = v;
  }
  const parsed = TOOLS[call.tool].args.safeParse(args);
  return { tool: call.tool, args: parsed.success ? parsed.data : args } as PlanCall;
}

/** The decision that stands for an expected outcome in the history. */
export function expectedDecision(expect: Expect, replyText: string | undefined): Decision {
  if ("calls" in expect) return { calls: expect.calls.map(concreteCall) };
  if ("confirm" in expect) return { confirm: expect.confirm };
  // The data set says only "a reply"; the backend's own words stand in when it did reply.
  return { reply: replyText ?? "(the assistant answered without changing the plan)" };
}
