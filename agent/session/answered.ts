import { isKeepReply } from "../keptReply.js";
import { isPlanQuestion } from "../safety/question.js";

/**
 * Whether a one-shot request that planned nothing was answered (exit 0: "what is installed?",
 * "hi") rather than refused or not understood (exit 1: "install firefox", "remove user lena"):
 * README's exit codes. A question is answered by its reply; anything else asked for an action.
 */
const QUESTION_LEAD =
  /^\s*(?:what|whats|what's|which|how|why|where|who|when|is|are|does|do|did|can|could|will|would|should|has|have|hi|hello|hey|help|thanks|thank you)\b/i;

/**
 * "do not remove fd" is an order, not a question that starts with "do": read as one, it exited 0
 * while "don't remove fd", with the same reply, exited 1 (attacker 25 M4).
 */
const NEGATED_ORDER = /^\s*(?:do\s+not|don'?t|dont|never)\b/i;

/**
 * `reply`: what the request got. A keep that was honoured ("OK, kept: fd, not removed.") answers
 * the request however it was worded ("keep fd", "don't remove fd"): one answer, one exit code.
 */
export function answered(text: string, reply?: string): boolean {
  if (reply !== undefined && isKeepReply(reply)) return true;
  if (/\?\s*$/.test(text)) return true;
  if (NEGATED_ORDER.test(text)) return false;
  return isPlanQuestion(text) || QUESTION_LEAD.test(text);
}
