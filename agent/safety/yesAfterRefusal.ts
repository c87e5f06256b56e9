import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { GO_AHEAD_QUESTION } from "../rules/objectFallback.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView } from "../types.js";

/**
 * "install on the nvme" … "sí, en el samsung" → I refuse the change ("I read no request to install
 * there … I haven't planned anything") … "sí" (attacker 15 F6): the bare yes was meant for the
 * change I refused, and it confirmed the unchanged plan at once. A yes answers the last thing said;
 * after a refusal that asked nothing, the last thing said was the person's own request. So a bare
 * yes there gets the plan read back with the plan question, and only the next yes confirms.
 *
 * Narrow on purpose: a go word ("go", "proceed", "send") commands the plan whatever came before
 * and still confirms; so does a yes after a reply that answered a question, kept something, or took
 * something out at the person's word (none of those refused them).
 */

/** My refusals of a change asked for: what a screen says when it plans nothing for a request. */
const REFUSED =
  /\b(?:haven't planned|have not planned|so I won't|I won't (?:erase|remove|install|touch|give|use|wipe)|no request to|nothing changed|can't (?:change|do|use|install|erase)|I don't (?:change|give|erase))\b/i;
/** Said back to the person: not a refusal ("That is already the plan, nothing changed"). */
const NOT_REFUSAL = /\balready\b/i;
/**
 * Affirmation particles: the closed class of words that say yes to whatever was said last, in the
 * languages the rules read ("sí", "ja", "oui", "da", "tak"). A verb ("go", "send", "proceed", "run
 * it") names the act of running the plan and is no bare yes, whatever came before.
 */
const PARTICLE =
  /^(?:y|yes|yess|yeah|ya|yah|yea|yep|yup|sure|ok|okay|k|si|ja|jo|jep|oui|da|sim|tak|evet|ano|igen|kylla|joo|hai|haan|aye|ndiyo|yebo|ewe)$/;
/** Courtesy around a yes that changes nothing in it. */
const COURTESY = /^(?:please|pls|plz|thanks|thx|then|oh|well|bitte|merci|gracias|por|favor)$/;

/** The turn is one affirmation particle, with courtesy at most ("sí", "yes!", "oui merci"). */
function bareYes(text: string): boolean {
  const words = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w && !COURTESY.test(w));
  return words.length === 1 && PARTICLE.test(words[0]!);
}

/** The request the person made in their last turn, refused by my reply to it. */
function refusedLastTurn(conv: ConversationView): boolean {
  const last = conv.turns.at(-1);
  if (!last || !("reply" in last.decision) || last.decision.offer) return false;
  const reply = last.decision.reply;
  // a reply that asks something has its own answer (agent/safety/openQuestion.ts)
  if (reply.replace(/"[^"]*"|“[^”]*”/g, '""').includes("?")) return false;
  // the person asked a question: my answer refused nothing of theirs
  if (/\?\s*$/.test(last.user.trim())) return false;
  return REFUSED.test(reply.replace(/[’]/g, "'")) && !NOT_REFUSAL.test(reply);
}

/** The question asked instead of confirming, or undefined where the yes confirms. */
export function yesAfterRefusal(conv: ConversationView, facts: Facts): Decision | undefined {
  if (!conv.pending.length || conv.offer || !bareYes(conv.user) || !refusedLastTurn(conv)) return undefined;
  const plan = conv.pending.map((c, i) => `${i + 1}. ${describeCall(c, facts)}`).join("; ");
  return {
    reply: `I changed nothing after your last request, so the plan is unchanged: ${plan}. ${GO_AHEAD_QUESTION}`,
  };
}
