import { type Decision, sameCall } from "../../tools/decision.js";
import type { ConversationView } from "../types.js";
import { namesWholePlanDiscard } from "../wholePlanDiscard.js";

/**
 * "lets start again", "begin again", "go back to the start", "from scratch" (tester 24 D7): a start
 * verb said with a word of going back asks to begin the conversation anew, the opposite of running
 * the plan; read by its start verb alone it confirmed the plan, and taken as an answer to "Shall I
 * erase it anyway?" it planned the erase. A yes to the plan or to an offer is never read from words
 * that go back: the plan is said back with how to clear it. A go back misread as a stop would lose
 * nothing (the plan stays pending), so the reading is one-sided.
 */
const GOING_BACK =
  /\b(?:again|anew|afresh|restart|reset|redo|rewind|undo|scratch|beginning|start over|starting over|do over|all over|(?:go|going|get|come|take (?:it|me)) back|back to(?! (?:you|u|ya|yall|y'all)\b))\b/i;

/**
 * "back to you, confirm": handing the turn back to me (as a presenter does) goes back nowhere. "forget
 * everything, go", "scrap all that and go": the whole plan thrown away beside a go word is no go
 * either (it had confirmed the plan it threw away); said back, as a restart is.
 */
export function restartNotGo(decision: Decision, conv: ConversationView): Decision | undefined {
  if (!GOING_BACK.test(conv.user) && !namesWholePlanDiscard(conv.user)) return undefined;
  const takesOffer =
    "calls" in decision &&
    conv.offer !== undefined &&
    decision.calls.some((c) => conv.offer!.calls.some((o) => sameCall(o, c)));
  const confirms = "confirm" in decision && decision.confirm === true;
  if (!confirms && !takesOffer) return undefined;
  return {
    reply: `That sounds like starting over, so nothing was ${takesOffer ? "added" : "run"}. To clear the plan and begin again, say "start over"; to keep it, say what to change, or "yes" to go ahead with it.`,
  };
}
