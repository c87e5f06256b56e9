/**
 * A go said after setting the last exchange aside: "never mind. confirm", "fine, forget it.
 * confirm", "nah leave it then, start", "and... no that's it. ok yes", "Ok, then only the plan as
 * it is. Start.". People ask about something, or ask for something I refuse or offer, and then
 * drop it and say go in the same breath. The first part answers my last reply, the last part the
 * plan. Read whole, the turn had been a drop of the last step ("never mind" read as "cancel that"),
 * a no ("forget it" beside "go ahead"), or a question of which step to take out.
 *
 * The turn is read by its shape: pieces (sentences and clauses) of which the LAST is a go, and
 * every piece before it is one of
 *  - a setting-aside of the last exchange: "never mind", "forget it", "leave it", "no matter",
 *    "doesn't matter", "whatever", "no worries" (with "ok", "fine", "nah", "then" around it);
 *  - a closing of the list: "that's it", "that's all", "nothing else", "no more", "the plan as it
 *    is", "as planned";
 *  - politeness or a plain weak yes: "ok", "fine", "thanks".
 * A setting-aside with a no after it ("never mind, don't do it") is that no: nothing runs.
 *
 * Safety: a setting-aside names no object, so it can only mean the last exchange. It is read as
 * changing nothing only where that exchange left the plan as it was (my last answer was a reply:
 * a question answered, a request refused, an offer made) and where the user's last words named
 * nothing the plan holds ("uninstall docker" / "will that remove my containers?" / "never mind, go"
 * could mean the removal: left to the readers as before). A confirm runs the plan the user last
 * saw; an open offer is never taken by it (the setting-aside refuses the offer), and beside an open
 * offer only a go verb ("start", "confirm", "proceed") answers the plan, never a bare "yes", which
 * could be the offer's. A closing of the list ("that's it") sets nothing aside, so it needs no
 * such condition. A question anywhere in the turn is no go.
 */
import type { Facts } from "../facts/schema.js";
import { entitiesInText, entitiesOfCall } from "./conversation.js";
import type { ConversationView } from "./types.js";
import { folded, type YesNoOptions, yesNo } from "./yesno.js";

/** Words around a setting-aside or a closing that add nothing: "ok", "nah", "then", "well". */
const AROUND = `(?:ok(?:ay)?|k|fine|alright|all right|right|so|well|oh|ah|eh|meh|hmm+|um+|uh+|nah|no+|nope|then|and|but|sure|yeah|now|in that case|anyway|anyways|actually|alas|sigh|ugh|ahh|i guess|guess)`;

/**
 * Setting the last exchange aside, without an object that could be a step of the plan ("drop
 * it", "skip that", "scratch that" edit the plan, so they are not here).
 */
const ASIDE = `(?:never ?mind(?: that| it)?|nevermind(?: that| it)?|nvm|forget (?:about )?(?:it|that|this)|forget (?:i asked|i said (?:anything|that)|what i (?:said|asked)|my question)|leave (?:it|that|this)(?: be| there)?|let it be|ignore (?:that|this|me|my question)|no matter|(?:it |that )?does ?n'?t matter|(?:it |that )?does not matter|(?:it'?s |that'?s )?not important|whatever|no worries|no problem|not a problem|(?:it'?s|that'?s|its|thats) (?:fine|ok(?:ay)?|alright|all right)|all good|oh well|fair enough|too bad|(?:what a )?(?:pity|shame)|no need|not needed|not necessary|don'?t bother|do not bother|don'?t worry(?: about (?:it|that))?|(?:i )?(?:see|understand)|understood|got it|noted|if not then not|if you can'?t then (?:you )?can'?t)`;

/** Closing the list: nothing more is asked, what is planned is the whole of it. */
const CLOSE = `(?:(?:that'?s|thats|that is|this is) (?:it|all|everything|enough|all for now|about it)|is all|nothing (?:else|more)|no more|none else|that(?:'ll| will| should) do(?: it)?|enough|(?:i'?m |i am |we'?re |we are |all )?done|all set|(?:only |just )?(?:the )?plan as (?:it is|is)|(?:only |just )?as (?:it is|is|planned)|(?:only |just )?(?:the )?plan as planned|the rest is fine|(?:everything|all) else is fine)`;

/** Thanks and greetings beside a go: "Thank you, you may begin". */
const POLITE = `(?:thanks?(?: you)?(?: (?:so|very) much)?|thank u|thx|ty|cheers|ta|great|perfect|good|cool|nice|lovely|excellent|wonderful|brilliant)`;

const piece = (core: string) => new RegExp(`^(?:${AROUND} )*${core}(?: ${AROUND})*$`);
const ASIDE_PIECE = piece(ASIDE);
const CLOSE_PIECE = piece(`(?:${CLOSE}|${ASIDE} ${CLOSE}|${CLOSE} ${ASIDE})`);
const FILLER_PIECE = piece(POLITE);
const ONLY_AROUND = new RegExp(`^(?:${AROUND} ?)+$`);

/** Words of a yes that open a sentence as easily as they agree: alone they run nothing. */
const WEAK = new Set(
  "ok okay k fine sure alright right good great cool nice perfect then now just".split(" "),
);
/** Go verbs that answer the plan itself, never an offer's "Shall I add it?" (which a "yes" answers). */
const PLAN_GO =
  /\b(?:start|begin|commence|confirm|confirmed|proceed|go|install|launch|run|execute|apply|continue)\b/;

/** The turn's pieces: sentences, clauses after a comma, colon or dash, and lines of a poem (" / "). */
function pieces(text: string): string[] | undefined {
  if (text.includes("?")) return undefined;
  return text
    .split(/[.!;:,…\n]+|\s[-–—/]+\s/)
    .map((p) => folded(p))
    .filter(Boolean);
}

/** The last exchange left the plan as it was: I replied (answered, refused, offered, asked). */
function lastLeftPlan(conv: ConversationView): boolean {
  const last = conv.turns[conv.turns.length - 1];
  return last !== undefined && "reply" in last.decision;
}

/** The user's last words named a disk, program, user or setting the plan holds. */
function lastNamedPlan(conv: ConversationView, facts: Facts): boolean {
  const last = conv.turns[conv.turns.length - 1];
  if (!last) return false;
  const planned = new Set(conv.pending.flatMap((c) => entitiesOfCall(c).map((e) => `${e.kind}:${e.value}`)));
  return entitiesInText(last.user, facts).some((e) => planned.has(`${e.kind}:${e.value}`));
}

/**
 * true: the turn sets the last exchange aside (or closes the list) and then says go; false: it
 * sets it aside and then says no to the plan; undefined: any other shape.
 */
export function readDismissThenGo(
  conv: ConversationView,
  facts: Facts,
  options: YesNoOptions = {},
): boolean | undefined {
  if (!conv.pending.length) return undefined;
  const parts = pieces(conv.user);
  if (!parts || parts.length < 2) return undefined;
  const last = parts[parts.length - 1]!;
  const answer = yesNo(last, options);
  if (answer === undefined) return undefined;
  let aside = false;
  let closed = false;
  for (const p of parts.slice(0, -1)) {
    if (CLOSE_PIECE.test(p)) closed = true;
    else if (ASIDE_PIECE.test(p)) aside = true;
    else if (!FILLER_PIECE.test(p) && !ONLY_AROUND.test(p) && yesNo(p, options) !== true) return undefined;
  }
  if (!aside && !closed) return undefined;
  // what was set aside may be a step of the plan, or may have changed it: not this reading
  if (aside && (!lastLeftPlan(conv) || lastNamedPlan(conv, facts))) return undefined;
  if (answer === false) {
    // a no to an offer is the offer's ("never mind, no"); a no after closing the list is unclear
    return aside && !closed && !conv.offer ? false : undefined;
  }
  const words = last.split(" ");
  if (words.every((w) => WEAK.has(w))) return undefined;
  if (conv.offer && !PLAN_GO.test(last)) return undefined;
  return true;
}
