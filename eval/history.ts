import type { PlanCall } from "../agent/backend.js";
import { formatSize } from "../steps/size.js";
import type { Decision, DropEntry } from "../tools/decision.js";
import { TOOLS } from "../tools/registry.js";
import { argInfos } from "./args.js";
import { type Expect, type ExpectedCall, isAnyOf } from "./expect.js";
import { entryNamesStep } from "./match.js";

/**
 * Teacher forcing (CONTRACTS §5): before turn N the conversation holds the EXPECTED outcomes of
 * turns 1..N-1, never the backend's own, so one miss does not cascade into the rest of a dialogue.
 */

function concreteArgs(call: ExpectedCall): Record<string, unknown> {
  const infos = argInfos(call.tool);
  const args: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(call.args)) {
    let v = isAnyOf(raw) ? raw.anyOf[0] : raw;
    if (infos.get(name)?.kind === "size" && typeof v === "number") v = formatSize(v);
    args[name] = v;
  }
  return args;
}

/** An expected call made concrete: the first anyOf alternative, sizes as size strings, defaults filled. */
export function concreteCall(call: ExpectedCall): PlanCall {
  const args = concreteArgs(call);
  const parsed = TOOLS[call.tool].args.safeParse(args);
  return { tool: call.tool, args: parsed.success ? parsed.data : args } as PlanCall;
}

/**
 * An expected drop as the conversation applies it: each pending step the expectation names,
 * identified by all of its args, so that the product's exact matching removes exactly those steps
 * (the expectation's values are compared normalized: "Anna" names the step of user anna).
 */
export function concreteDrop(entries: ExpectedCall[], pending: readonly PlanCall[]): DropEntry[] {
  const named = pending.filter((step) => entries.some((e) => entryNamesStep(e, step)));
  if (named.length > 0) return named.map((s) => ({ tool: s.tool, args: { ...s.args } }) as DropEntry);
  return entries.map((e) => ({ tool: e.tool, args: concreteArgs(e) }) as DropEntry);
}

/** The decision that stands for an expected outcome in the history. */
export function expectedDecision(
  expect: Expect,
  replyText: string | undefined,
  pending: readonly PlanCall[] = [],
): Decision {
  if ("calls" in expect) return { calls: expect.calls.map(concreteCall) };
  if ("confirm" in expect) return { confirm: expect.confirm };
  if ("drop" in expect) return { drop: concreteDrop(expect.drop, pending) };
  // The data set says only "a reply"; the backend's own words stand in when it did reply.
  const reply = replyText ?? "(the assistant answered without changing the plan)";
  // An expected offer is part of the history: the next "yes" or "no" answers it.
  if (expect.offer) return { reply, offer: { calls: expect.offer.calls.map(concreteCall) } };
  return { reply };
}
