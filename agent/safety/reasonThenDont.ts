/**
 * "oh crap I'm connected through it, don't", "wait, my thesis is on there 😱 don't!", "omg no thats
 * the windows drive, dont": a reason, then a bare "don't", right after a change to the plan. The
 * take-back reader (takeback.ts) finds "don't" closing the turn and withdraws the words before it,
 * but those words ask for nothing: they are the reason the LAST change must not happen. The chat
 * had said "OK, I won't do that ... The plan is as it was" and kept the removal or the erase in the
 * plan, where the next "yes" ran it.
 *
 * Read: the turn ends in "don't" ("don't do it", "do not"), the words before it ask for nothing (no
 * verb of a tool opens a clause; a verb after its subject is a statement: "I use it daily"), name
 * no program or user the last change did not hold, and the last turn added steps that are still
 * pending. Those steps are dropped.
 *
 * Safety: a drop runs nothing and adds nothing; it takes out only what the last change added, which
 * is all a bare "don't" after a reason can refuse. Words that ask for something, or name something
 * else, are left to the take-back reader as before.
 */
import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dropMatches } from "../../tools/decision.js";
import { entitiesInText } from "../conversation.js";
import type { ConversationView, PlanCall } from "../types.js";
import { entryOf } from "./cancelStep.js";

/** A bare refusal closing the turn: "don't", "don't!", "dont do it", "do not do that 😱". */
const DONT_AT_END =
  /(?:^|[\s,.;:!…—-])(?:no\s+)?(?:don'?t|dont|do\s+not)(?:\s+do)?(?:\s+(?:it|that|this))?[\s!.…]*(?:\p{Extended_Pictographic}[\s!.…]*)*$/iu;

/** Verbs that ask for a change when they open a clause. */
const TOOL_VERB =
  /^(?:install|add|get|remove|uninstall|delete|drop|erase|wipe|format|nuke|use|put|create|make|set|call|name|give|switch|change|replace|encrypt|grant|take|skip)$/;

/** Words that open a clause without asking anything: interjections and hesitations. */
const OPENERS = new Set(
  "oh crap wait omg no nope nah hmm hm hang on hold sorry ugh damn shit whoa woah oops uh um ah eh well actually so but and".split(
    " ",
  ),
);

/** The clause's first word, past its openers, is a tool verb: the clause asks for something. */
function asks(clause: string): boolean {
  const words = clause
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .split(/[^a-z']+/)
    .filter(Boolean);
  const first = words.find((w) => !OPENERS.has(w));
  return first !== undefined && TOOL_VERB.test(first);
}

/** The steps of the last change, still pending. */
function lastAdded(conv: ConversationView): PlanCall[] {
  const last = conv.turns[conv.turns.length - 1];
  if (!last || !("calls" in last.decision)) return [];
  return (last.decision.calls as PlanCall[]).filter((c) =>
    conv.pending.some((p) => dropMatches(entryOf(c), p)),
  );
}

/** The drop of the last change, where the turn is a reason and a bare "don't"; undefined otherwise. */
export function refuseLastChange(
  withdrawn: string,
  conv: ConversationView,
  facts: Facts,
): Decision | undefined {
  if (!DONT_AT_END.test(conv.user.trim())) return undefined;
  const calls = lastAdded(conv);
  if (!calls.length) return undefined;
  if (withdrawn.split(/[,.;:!?…\n]+|\s[-–—]+\s/).some(asks)) return undefined;
  const held = new Set(
    calls.flatMap((c) =>
      Object.values(c.args as Record<string, unknown>).map((v) => String(v).toLowerCase()),
    ),
  );
  if (entitiesInText(withdrawn, facts).some((e) => !held.has(e.value.toLowerCase()))) return undefined;
  return { drop: calls.map(entryOf) };
}
