import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { describeCall } from "../session/describe.js";

/**
 * The answer to "can I install on the other disk?" (questionGate.ts asksMayI): what the request
 * would add is said and offered, never added; "yes" takes it.
 */
export function offeredOnly(decision: Decision, facts: Facts): Decision {
  if (!("calls" in decision) || !decision.calls.length) return decision;
  const what = decision.calls.map((c) => describeCall(c, facts)).join("; ");
  return {
    reply: `Yes, that can be done: ${what}. Shall I add it to the plan?`,
    offer: { calls: decision.calls },
  };
}
