import type { ToolName } from "../tools/types.js";
import { allowedTools, callProblem } from "./checks.js";
import { type Decision, parseDecision } from "./decision.js";
import type { Facts } from "./facts/schema.js";
import type { Backend, ConversationView } from "./types.js";
import { yesNo } from "./yesno.js";

/**
 * One user turn → one Decision, the same way for every backend:
 * 1. "yes"/"no" (and their usual variants) on a pending plan are answered here, deterministically:
 *    no backend, and so no model, ever confirms a plan.
 * 2. The backend decides.
 * 3. Its decision is checked: schema, tools allowed in this mode, and the facts (the disk exists
 *    and is not the live medium, the recipe exists, the user is new). A call that fails becomes a
 *    reply that says why; nothing invalid reaches the plan.
 *
 * `levitate ask`, the install chat and the eval harness all go through here.
 */

export { allowedTools, callProblem } from "./checks.js";
export { yesNo } from "./yesno.js";

export async function decideTurn(
  backend: Backend,
  conv: ConversationView,
  facts: Facts,
  allowed: readonly ToolName[] = allowedTools(facts),
): Promise<Decision> {
  const yn = yesNo(conv.user);
  if (yn !== undefined) {
    if (conv.pending.length > 0) return { confirm: yn };
    return {
      reply: yn
        ? "There is nothing to confirm yet: tell me what to do first (try /help)."
        : "OK, nothing is planned.",
    };
  }
  let decision: Decision;
  try {
    const raw = await backend.decide(conv, facts, allowed);
    const parsed = parseDecision(raw);
    if (!parsed.ok)
      return { reply: `I could not turn that into a valid request (${backend.name}): ${parsed.error}` };
    decision = parsed.decision;
  } catch (e) {
    return { reply: `The ${backend.name} backend failed: ${(e as Error).message}` };
  }
  if ("confirm" in decision && conv.pending.length === 0) {
    return { reply: "There is nothing to confirm yet." };
  }
  if ("calls" in decision) {
    const problems = decision.calls.map((c) => callProblem(c, facts, allowed)).filter((p) => p !== undefined);
    if (problems.length > 0) return { reply: [...new Set(problems)].join(" ") };
  }
  return decision;
}
