import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
import { whichOne } from "./gateQuestions.js";
import { unsettledReference } from "./pronounTargets.js";
import { protectedIn } from "./protectingWords.js";
import { isKeepWord, isNegator } from "./protectLexicon.js";
import { diskMentions, mentionsIn, namer, recipeMentions } from "./targetMentions.js";
import { segments } from "./turnSegments.js";
import { erasesWholeDisk } from "./wholeErase.js";

/** The certainty gate on a reply's offer (./certaintyGate.ts). */

/** An offer never holds an erase or removal of what the same words protect. */
export function stripOffer(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("reply" in decision) || !decision.offer) return decision;
  const segs = segments(conv.user);
  const offered = decision.offer.calls as PlanCall[];
  // "wipe it" offered back as "Shall I erase /dev/sda?": a reflexive "yes" would settle what the
  // words left open, so the offer is the question between the candidates (./pronounTargets.ts)
  const people = new Set(
    [
      ...facts.users,
      ...[...offered, ...conv.pending].flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
    ].filter((n) => n && !isNegator(n) && !isKeepWord(n)),
  );
  const named = namer(facts, people);
  const open = offered.flatMap((c) => {
    const candidates = unsettledReference(c, conv, facts, named);
    return candidates ? [whichOne(c, candidates, facts)] : [];
  });
  const calls = offered.filter((c) => !unsettledReference(c, conv, facts, named));
  if (open.length) {
    const asks = [...new Set(open)].join(" ");
    return calls.length
      ? {
          reply: `${asks} Shall I do the rest (${calls.length} change${calls.length > 1 ? "s" : ""})?`,
          offer: { calls },
        }
      : { reply: asks };
  }
  const kept = calls.filter((c) => {
    if (c.tool === "removeRecipe")
      return !protectedIn(
        mentionsIn(segs, (t) => recipeMentions(t, c.args.name, facts), new Set()),
        true,
      );
    if (c.tool === "partitionDisk" && erasesWholeDisk(c))
      return !protectedIn(mentionsIn(segs, (t) => diskMentions(t, c.args.disk, facts), new Set()));
    return true;
  });
  if (kept.length === calls.length) return decision;
  return kept.length
    ? { reply: decision.reply, offer: { calls: kept } }
    : { reply: decision.reply.replace(/\s*[^.?!]*"yes"[^.?!]*[.?!]?\s*$/, "") || decision.reply };
}
