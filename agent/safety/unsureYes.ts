import type { Facts } from "../../facts/schema.js";
import { type Decision, type Offer, sameCall } from "../../tools/decision.js";
import { namedThings, names, readGoStop } from "../goStop.js";
import type { ConversationView } from "../types.js";
import { yesNo } from "../yesno.js";
import { questionIn } from "./openQuestion.js";

/**
 * A yes hedged by doubt, put off, or tied to a condition is not a yes (tester 26 W6, attacker 26
 * F9/F10): "hmm ok", "uhh ok", "meh ok", "um sure...", "yes I guess", "ok I suppose", "sure,
 * maybe", "ok, I'll think about it", "cool, brb", "sure, after I check", "yes once I've backed up",
 * "go if it keeps windows". Read by its yes word it confirmed the whole plan (the erase in it
 * included) or took an offered erase of a disk with photos on it, while the person was still
 * deciding. A confirmation runs everything and cannot be undone; asking once more costs one
 * "yes". So the reading is one-sided: it never makes a yes, it only keeps one from running the
 * plan or taking an offer. Whatever reader made the yes (the bare yes words, the remarks around a
 * yes, a register's go, a backend), it is checked here on the words as typed.
 *
 * Four shapes, each a closed class, none a list of sentences seen:
 * - doubt said in so many words beside the yes: the hedges of English ("I guess", "I suppose",
 *   "maybe", "probably", "perhaps", "I think so", "not sure", "idk", "if you say so");
 * - a deferral: thinking it over, being right back, checking or backing up first, waiting for a
 *   time or an event ("after I ...", "once I ...", "when I'm back", "ok, tomorrow");
 * - a condition: "if ...", "unless ...", "as long as ...", "provided ...", "assuming ..." (but not
 *   the politeness "if you can/want", "if possible", nor the concessive "even if");
 * - a hesitation sound before nothing but a soft yes ("hmm ok", "uh sure", "well, fine", "ugh
 *   ok"): the sound is the doubt. A firm word after it ("meh fine. yes go", "hmm, yes, do it")
 *   is a decision, and stays one.
 */

const DOUBT =
  /\b(?:i\s+guess|i\s+suppose|i\s+(?:think|believe|reckon|hope)\s+so|maybe|mayb|perhaps|probably|prob|possibly|presumably|kinda|sorta|sort\s+of|idk|dunno|i\s+(?:do\s*n[o']?t|dont)\s+know|not\s+(?:sure|certain|convinced)|unsure|if\s+you\s+(?:say|think)\s+so|i'?m\s+torn|on\s+the\s+fence|50\s*\/\s*50)\b/;

const LATER = String.raw`(?:later|tomorrow|tonight|another\s+time|next\s+time|in\s+a\s+(?:bit|while|minute|sec|second|moment))`;

const DEFERRAL = new RegExp(
  [
    // thinking it over, being away
    String.raw`think\s+(?:about\s+(?:it|that|this)|it\s+over|(?:it\s+)?through|on\s+it)`,
    String.raw`let\s+me\s+(?:think|check|see|look|ask|make\s+sure|back|copy|save|talk|double|sleep|verify|read|first)`,
    String.raw`lemme\s+(?:think|check|see|look|ask|make\s+sure|back|copy|save|talk|double|read)`,
    String.raw`sleep\s+on\s+it`,
    String.raw`brb|be\s+right\s+back|back\s+in\s+a\s+(?:sec|second|minute|min|bit|moment)`,
    String.raw`(?:give|gimme)\s+(?:me\s+)?(?:a\s+)?(?:sec|second|minute|min|moment|bit|while|day)`,
    // something the speaker does first
    String.raw`(?:i'?ll|i\s+will|i'?d\s+like\s+to|i\s+(?:need|have|want)\s+to|i\s+must|i\s+gotta|i\s+got\s+to|i\s+should)\s+(?:first\s+)?(?:check|think|ask|look|see|back\s*up|copy|save|make\s+sure|talk|verify|double|read)`,
    String.raw`(?:after|once|when|as\s+soon\s+as)\s+i(?:'?ve|'?m|\s+(?:have|am|get|got|check|checked|back|backed|copy|copied|save|saved|make|made|talk|talked|ask|asked|finish|finished|read|look|looked))\b`,
    String.raw`(?:wait|hold\s+off)\s+(?:till|until|for)\b`,
    String.raw`(?:check|ask|think|look)\s+first`,
    // a time that is not now, said as the answer ("ok, tomorrow", "yes but later", "later then"),
    // not a time of some other thing ("later is fine. go", "no sudo later either, ok go")
    String.raw`(?:^|\b(?:ok|okay|yes|yeah|yep|sure|fine|alright|k|go|do\s+it|run\s+it|start|but|maybe)[\s,.!…-]+)${LATER}\b(?!\s+(?:is|was|works|'s))`,
    String.raw`\b${LATER}\s*(?:then|pls|please|ok|okay)?\s*[.!…]*$`,
  ].join("|"),
);

const CONDITION =
  /\b(?:(?<!\beven\s|\bas\s|\bwhat\s)if(?!\s+(?:possible|needed|necessary|you\s+(?:can|could|would|want|wish|like|please|don'?t\s+mind)|u\s+(?:can|want)))|unless|as\s+long\s+as|so\s+long\s+as|provided|providing|assuming|on\s+condition|only\s+when)\b/;

const HESITATION = /^(?:h+m+|u+m+|u+h+m*|e+r+m*|e+h+|m+e+h+|well|u+g+h+|welp|mm+|ahh*|oof)$/;
const SOFT_YES = new Set([
  "ok",
  "okay",
  "okey",
  "k",
  "kk",
  "sure",
  "fine",
  "alright",
  "right",
  "yeah",
  "yea",
  "ya",
  "yep",
  "yup",
  "cool",
  "good",
  "then",
  "i",
  "all",
]);

/** The words as typed, lowercased, apostrophes made plain. */
function plain(text: string): string {
  return text.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, " ").trim();
}

/** A hesitation sound first, then nothing but soft yes words ("hmm ok", "uh... sure", "well, fine"). */
function hesitantSoftYes(t: string): boolean {
  const words = t.match(/[a-z']+/g) ?? [];
  if (words.length < 2 || !HESITATION.test(words[0]!)) return false;
  const rest = words.filter((w) => !HESITATION.test(w));
  return rest.length > 0 && rest.every((w) => SOFT_YES.has(w));
}

/** Which of the four shapes the words have; undefined for a yes that is a yes. */
export function unsureOf(text: string): "doubt" | "later" | "condition" | "hesitation" | undefined {
  const t = plain(text);
  if (DOUBT.test(t)) return "doubt";
  if (DEFERRAL.test(t)) return "later";
  if (CONDITION.test(t)) return "condition";
  if (hesitantSoftYes(t)) return "hesitation";
  return undefined;
}

/** The decision takes (some of) the open offer's calls. */
export function takesOffer(decision: Decision, offer: Offer | undefined): boolean {
  return (
    offer !== undefined &&
    "calls" in decision &&
    decision.calls.some((c) =>
      offer.calls.some(
        (o) =>
          sameCall(o, c) ||
          (o.tool === "partitionDisk" && c.tool === "partitionDisk" && o.args.disk === c.args.disk),
      ),
    )
  );
}

const WHY: Record<NonNullable<ReturnType<typeof unsureOf>>, string> = {
  doubt: "sounds unsure",
  later: "puts it off",
  condition: "sets a condition",
  hesitation: "sounds hesitant",
};

/**
 * A reply that keeps everything as it is, when the decision confirms the plan or takes the open
 * offer on words that are not a yes as they stand; undefined otherwise. The offer stays open, so
 * a plain "yes" still takes it.
 */
export function unsureYes(decision: Decision, conv: ConversationView): Decision | undefined {
  const confirms = "confirm" in decision && decision.confirm === true;
  const takes = !confirms && takesOffer(decision, conv.offer);
  if (!confirms && !takes) return undefined;
  const shape = unsureOf(conv.typed ?? conv.user);
  if (!shape) return undefined;
  const said = `"${(conv.typed ?? conv.user).trim()}" ${WHY[shape]}`;
  if (takes) return keptOffer(said, conv, conv.offer!);
  return {
    reply: `${said}, so nothing was run and the plan is as it was. Take your time: say "yes" when you're sure, or tell me what to change.`,
  };
}

/** A no, a stop or a wait anywhere: that answer is read as it always was ("hmm, let me think. not now"). */
const REFUSES = /\b(?:no|nope|nah|not|don'?t|dont|cancel|stop|never|abort|wait|hold|hang)\b/;

/**
 * "maybe", "I guess?", "ok, I'll think about it", "yes, I need to ask my wife first": while a plan
 * is pending or an offer open, an answer that is only unsure, put off or conditional, and names
 * nothing to change (no program, disk, person, place or request word), is answered here: nothing
 * runs, nothing is added, the offer and my question stay open. Read further, its stray words were
 * taken for requests ("There is no recipe named check", "Which program?"). A turn that also asks,
 * refuses or names something goes on to the readers.
 */
export function answerUnsure(conv: ConversationView, facts: Facts): Decision | undefined {
  if (!conv.pending.length && !conv.offer) return undefined;
  const typed = plain(conv.typed ?? conv.user);
  const shape = unsureOf(typed);
  if (!shape || REFUSES.test(typed)) return undefined;
  // "oh and I live in Lisbon if that matters": a condition with no yes in it answers nothing
  if (shape === "condition" && !/\b(?:ok(?:ay)?|k|yes|yeah|yep|yup|sure|fine|alright|go|cool)\b/.test(typed))
    return undefined;
  // "Stand down, I'll do it tomorrow": a stop in any register is read as the no it is
  if (yesNo(conv.user) === false || readGoStop(conv, facts) === false) return undefined;
  const things = namedThings(conv, facts);
  const recipes = [...facts.recipes, ...facts.installed];
  // the hedge itself names nothing ("give me a minute", "let me check first")
  const rest = [DOUBT, DEFERRAL, CONDITION].reduce(
    (t, re) => t.replace(new RegExp(re.source, "g"), " "),
    typed,
  );
  const words = rest.match(/[a-z0-9][a-z0-9'_-]*/g) ?? [];
  if (words.some((w) => names(w, "filler", things, recipes))) return undefined;
  const last = conv.turns.at(-1)?.decision;
  const asked = last && "reply" in last ? questionIn(last.reply) : undefined;
  const open = asked ? ` Still open: ${asked}` : "";
  const said = `"${(conv.typed ?? conv.user).trim()}" ${WHY[shape]}`;
  if (conv.offer) return keptOffer(said, conv, conv.offer);
  return {
    reply: `${said}, so nothing was run and the plan is as it was. Take your time: say "yes" when you're sure, or tell me what to change.${open}`,
  };
}

/**
 * The offer kept open, with my question said again in full: what it would lose ("… holds "Photos"
 * … erases it for good. Shall I erase it anyway?") stays said, so a plain "yes" after it is a yes
 * to that question, as it would have been before the hedge.
 */
function keptOffer(said: string, conv: ConversationView, offer: Offer): Decision {
  const last = conv.turns.at(-1)?.decision;
  const before =
    last && "reply" in last
      ? last.reply.replace(/^"[\s\S]*?" (?:sounds|puts|sets)[\s\S]*?Still open: /, "")
      : "";
  return {
    reply: `${said}, so I added nothing.${conv.pending.length ? " The plan is as it was." : ""} Say "yes" when you're sure, or "no" to leave it.${before ? ` Still open: ${before}` : ""}`,
    offer,
  };
}
