import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { stillAsking } from "../rules/stillAsking.js";
import type { ConversationView, PlanCall } from "../types.js";
import { questionIn } from "./openQuestion.js";

/**
 * A question is never the yes to an offer that destroys something. After "Shall I erase it
 * anyway?", the turns "erase it anyway?", "you'd erase it anyway?", "erase it??" and the question
 * said back word for word ("Shall I erase it anyway?") hold the request's verb, so a reader takes
 * them for the request; what they say is the person checking what they heard. Taking that as
 * consent erased a disk full of photos (tester 7, DANGEROUS D16). The rule is about the form of the
 * turn, not its words: a turn that ends in a question mark, or that repeats the question I asked,
 * takes none of the destructive calls I offered, whatever a backend read in it ("can you erase
 * it?" is a request put politely, as agent/safety/questionGate.ts reads it, and is not held
 * back). The question is answered with what "yes" would do and what is lost
 * (agent/rules/stillAsking.ts), the offer stays open, and a plain "yes" (or "erase it") still
 * takes it. Calls that destroy nothing are not held
 * back: "use btrfs?" after an offer of an empty disk is left to the other readers.
 */

/** A call that takes something away: an erase of a whole disk, a removal, a sudo grant. */
export function destroys(c: PlanCall): boolean {
  if (c.tool === "partitionDisk") return c.args.use !== "free";
  if (c.tool === "removeRecipe") return true;
  if (c.tool === "createUser") return c.args.sudo === true;
  return false;
}

function plain(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z0-9/]+/g, " ")
    .trim();
}

/** The turn asks (ends in "?") or says my question back to me. */
export function asksBack(user: string, myQuestion: string | undefined): boolean {
  // "can you erase it?", "could you wipe it please?": a request put to me politely, as
  // agent/safety/questionGate.ts reads it
  if (POLITE.test(user)) return false;
  if (/\?[\s?!.]*$/.test(user.trim())) return true;
  return myQuestion !== undefined && plain(myQuestion).length > 0 && plain(user) === plain(myQuestion);
}

const POLITE = /^\s*(?:(?:ok(?:ay)?|so|then|well|alright)[\s,]+)?(?:can|could|would|will)\s+(?:you|u|ya)\b/i;

const SAME = (a: PlanCall, b: PlanCall) => JSON.stringify(a) === JSON.stringify(b);

export function screenAskedBack(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  const offered = conv.offer?.calls.filter(destroys) ?? [];
  if (!offered.length) return decision;
  const last = conv.turns.at(-1)?.decision;
  const asked = last && "reply" in last ? questionIn(last.reply) : undefined;
  if (!asksBack(conv.user, asked)) return decision;
  const takes =
    ("confirm" in decision && decision.confirm) ||
    ("calls" in decision && decision.calls.some((c) => offered.some((o) => SAME(o, c)) || destroys(c)));
  if (!takes) return decision;
  return stillAsking(
    {
      reply:
        'That reads as a question, so I changed nothing: a question is no yes to this. Answer a plain "yes" to go ahead.',
    },
    conv,
    facts,
  );
}
