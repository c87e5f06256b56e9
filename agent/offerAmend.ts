import type { Facts } from "../facts/schema.js";
import type { Decision, Offer } from "../tools/decision.js";
import type { ConversationView } from "./types.js";

/**
 * "Shall I add the rest (install ripgrep, install jq)?" "remove jq" (tester 24 W12): a program my
 * open offer holds, taken out of it in words ("remove jq", "no jq", "not jq", "without jq", "drop
 * jq", "dont want jq"), amends the offer: the rest is asked again, and nothing is planned. Read as a
 * removal it answered "jq is not installed." in the live installer and the offer was lost.
 *
 * Only when every program the words name is in the offer and nothing but a taking-out cue, the
 * names and small words are said ("remove jq and add fd" is the readers'). Safety: the reading plans
 * nothing; a smaller offer still needs a yes.
 */
const CUE =
  /\b(?:remove|drop|no|not|without|skip|minus|except|forget|leave|take|cancel|scrap|nix|lose|ditch|dont|don't|do\s+not|want|need)\b/i;
const SMALL = new Set(
  "actually but just please pls the and or also out off of it that one from list offer rest wait oh ok okay hmm i we no not nope nah without remove drop skip minus except forget leave take cancel scrap nix lose ditch dont don't do want need thanks".split(
    " ",
  ),
);

export function amendOffer(conv: ConversationView, facts: Facts): Decision | undefined {
  const offer = conv.offer;
  if (!offer?.calls.length) return undefined;
  if (!offer.calls.every((c) => c.tool === "installRecipe")) return undefined;
  const text = conv.user.toLowerCase();
  if (!CUE.test(text)) return undefined;
  const words = text.match(/[a-z0-9][a-z0-9._+-]*|don't/g) ?? [];
  const offered = offer.calls.map((c) => (c.args as { name: string }).name);
  const named = [...new Set(words.filter((w) => facts.recipes.includes(w)))];
  if (!named.length || !named.every((n) => offered.includes(n))) return undefined;
  if (words.some((w) => !named.includes(w) && !SMALL.has(w))) return undefined;
  const rest: Offer["calls"] = offer.calls.filter((c) => !named.includes((c.args as { name: string }).name));
  const list = named.join(" and ");
  if (!rest.length)
    return {
      reply: `OK, I won't add ${list}.${conv.pending.length ? " The plan is as it was." : " Nothing is planned."}`,
    };
  return {
    reply: `OK, not ${list}. Shall I add the rest (${rest.map((c) => `install ${(c.args as { name: string }).name}`).join(", ")})?`,
    offer: { calls: rest },
  };
}
