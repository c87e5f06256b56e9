import type { Decision } from "../../tools/decision.js";
import type { ConversationView } from "../types.js";
import { onlyAcknowledges } from "./ackNotConsent.js";
import { PAUSE_REPLY } from "./confirmGate.js";

/**
 * "no" → "Nothing runs; the plan stays." → "ok": the "ok" takes note of what I just said, it does
 * not take the "no" back (attacker 26 F10: "ok", "fine", "cool", "ok thanks" right after a "not
 * now" or a "take your time" compiled the plan for the final confirmation). Right after the person
 * held the plan, an answer made only of acknowledgements and thanks runs nothing; a word that says
 * yes or go ("yes", "ok go", "do it now") is a decision and confirms as before. One-sided: it only
 * keeps a plan from running.
 */
function heldLast(conv: ConversationView): boolean {
  const last = conv.turns.at(-1)?.decision;
  if (!last) return false;
  if ("confirm" in last) return last.confirm === false;
  return "reply" in last && (last.reply === PAUSE_REPLY || /\bTake your time\b/.test(last.reply));
}

export function ackAfterHold(decision: Decision, conv: ConversationView): Decision | undefined {
  if (!("confirm" in decision) || decision.confirm !== true || !conv.pending.length) return undefined;
  if (!heldLast(conv) || !onlyAcknowledges(conv.typed ?? conv.user)) return undefined;
  return {
    reply: `Noted: nothing runs, and the plan stays as it is. Say "yes" when you want to run it, or tell me what to change.`,
  };
}
