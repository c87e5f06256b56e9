import { type Decision, MAX_CALLS } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * Sudo given by a pronoun or an ordinal while the turn creates two or more people (attacker 27
 * H7): "create bob and alice with sudo for her", "create bob and alice, sudo for the second one"
 * gave sudo to a guess (bob, or both). Neither a pronoun's gender nor a list position is certain
 * enough for a grant of root: the turn asks who gets it and offers the people without sudo.
 *
 * Safety: only ever takes a grant away and asks; a turn with one new person ("user moss, give her
 * sudo") is not touched.
 */

const PRIV = String.raw`(?:sudo|admin(?:\s+rights)?|root(?:\s+access)?|wheel)`;
// "them" is left out: with two new people "give them sudo" is both of them (conv6 vera & wim)
const REF = String.raw`(?:her|him|the\s+(?:first|second|third|last|other|latter|former|older|younger)(?:\s+one)?|the\s+(?:1st|2nd|3rd))`;
const POSITIVE_REF = new RegExp(
  [
    String.raw`\b${PRIV}\s+(?:for|to)\s+${REF}\b`,
    String.raw`\b(?:give|grant)\s+${REF}\s+${PRIV}\b`,
    String.raw`\b${REF}\s+(?:gets?|has|should\s+(?:get|have)|with)\s+${PRIV}\b`,
    String.raw`\b(?:make|making)\s+${REF}\s+(?:an?\s+)?(?:admin|administrator|sudoer)\b`,
  ].join("|"),
  "i",
);

export function screenSudoPronoun(decision: Decision, conv: ConversationView): Decision {
  if (!("calls" in decision)) return decision;
  const calls = decision.calls as PlanCall[];
  const users = calls.filter((c) => c.tool === "createUser");
  if (users.length < 2 || !users.some((c) => c.args.sudo === true)) return decision;
  const text = conv.user.replace(/[’`]/g, "'");
  if (!POSITIVE_REF.test(text) || /\bnot?\b[^.,;]{0,20}$/.test(text.slice(0, text.search(POSITIVE_REF))))
    return decision;
  const names = users.map((c) => String(c.args.username));
  const offer = calls.map((c) =>
    c.tool === "createUser" ? ({ ...c, args: { ...c.args, sudo: false } } as PlanCall) : c,
  );
  const list = `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return {
    reply: `Who gets sudo: ${list}? I can't tell for certain from "her"/"him" or a position in the list, so I haven't given it to anyone yet. Say e.g. "${names.at(-1)} gets sudo". Shall I add ${names.join(" and ")} without sudo meanwhile?`,
    offer: { calls: offer.slice(0, MAX_CALLS) },
  };
}
