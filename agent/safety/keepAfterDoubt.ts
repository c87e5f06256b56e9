/**
 * "hang on is that the backup one? keep it then", "hmm is tmux on there? keep it", "wait, that's my
 * steam library?? no no keep that": a doubt about a step that takes something away (a removal, an
 * erase), then "keep it". The question is the user's own, and the keep answers it: the thing stays,
 * so the step that would take it away leaves the plan. The question reader had set the question
 * aside and read "keep it" alone, a no to the plan (confirm:false), which keeps the removal in the
 * plan for the next "yes".
 *
 * Read: the turn is one or more questions, then only a keep of a pronoun ("keep it", "keep that
 * then", "no no leave it"). The step kept is the removal or erase the question names; where it
 * names none ("is that the backup one?"), the one such step the last change added.
 *
 * Safety: a drop runs nothing, and only a step that removes or erases is dropped: "keep" can only
 * refuse taking away. Anything else in the turn (a disk, "use the free space") is left to the
 * readers as before, and two candidate steps with none named are not guessed.
 */
import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dropMatches } from "../../tools/decision.js";
import { entitiesInText } from "../conversation.js";
import type { ConversationView, PlanCall } from "../types.js";
import { entryOf } from "./cancelStep.js";

const KEEP_ONLY =
  /^(?:(?:ok(?:ay)?|then|so|oh|hmm+|well|no+|nah|nope|wait|actually|ah|please|pls)[\s,.!]+)*(?:keep|leave|spare)\s+(?:it|that|this|them|those)(?:\s+(?:one|ones|then|please|pls|alone|instead|installed|as\s+is))*[\s.!]*$/i;

/** A step that takes something away. */
function takesAway(c: PlanCall): boolean {
  return c.tool === "removeRecipe" || (c.tool === "partitionDisk" && c.args.use === "whole");
}

export function keepAfterDoubt(conv: ConversationView, facts: Facts): Decision | undefined {
  const at = conv.user.lastIndexOf("?");
  if (at < 0) return undefined;
  const question = conv.user.slice(0, at);
  if (!KEEP_ONLY.test(conv.user.slice(at + 1).trim())) return undefined;
  const candidates = conv.pending.filter(takesAway);
  if (!candidates.length) return undefined;
  const named = entitiesInText(question, facts);
  const hit = candidates.filter((c) => {
    const v = c.tool === "removeRecipe" ? c.args.name : c.tool === "partitionDisk" ? c.args.disk : "";
    return named.some((e) => e.value === v);
  });
  if (hit.length) return { drop: hit.map(entryOf) };
  if (named.length) return undefined;
  const last = conv.turns[conv.turns.length - 1]?.decision;
  const added =
    last && "calls" in last
      ? (last.calls as PlanCall[]).filter(
          (c) => takesAway(c) && candidates.some((p) => dropMatches(entryOf(c), p)),
        )
      : [];
  return added.length === 1 ? { drop: added.map(entryOf) } : undefined;
}
