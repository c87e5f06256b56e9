import { isVerdict } from "../rules/verdict.js";

/**
 * A yes that goes on with a question or a doubt is not a yes. "yes?? wait what does that erase",
 * "yes? what happens to my backup", "ok but is that the one with my photos?", "sure... wait,
 * what's on it": the person is still deciding, and asks what they would agree to. Read as a yes,
 * the open offer ("… holds "backup" … Shall I erase it anyway?") was taken and the disk erased
 * (tester 6, DANGEROUS 6): the question sentence was held back and the "yes?" left alone read as
 * consent. Here the opener is dropped and only the question is read (agent/turn.ts), so it is
 * answered and the offer stays open until a yes that is a yes as a whole.
 */

/** Words that say yes as an opener, with what may follow them before the rest of the turn. */
const YES_OPENER =
  /^\s*(?:yes+|yeah|yea|yep|yup|ya|ok(?:ay)?|k|sure|fine|alright|all right|right|i guess)\b(?<marks>[\s?!.,;:…-]*)/i;

/** Words of doubt or a turn to a question: "wait", "but", "hmm", "hold on", "though". */
const DOUBT =
  /^(?:(?:but|wait|hmm+|hm|um+|uh+|hold on|hang on|though|tho|actually|first|before that|just|so|and|oh)\b[\s?!.,;:…-]*)+/i;

/** A sentence that asks: a question word first, or a question mark anywhere. */
const ASKS =
  /^(?:what|whats|what's|which|how|hows|how's|why|where|when|who|whose|is|isnt|isn't|are|arent|aren't|does|doesnt|doesn't|(?:do|did)\s+(?:you|i|we|they|my)|will|wont|won't|would|can|could|should|was)\b/i;

/** Said after a yes, these still agree: "sure why not", "ok could you also add htop". */
const STILL_YES = /^(?:why not|(?:can|could|would|will)\s+(?:you|u|ya)\b)/i;

/**
 * "yes, can go", "ok, will do", "sure, may proceed": a modal with no subject before a verb of going
 * on is the permission or promise said short, not a question (a question puts its subject after
 * the modal: "can it go?", "will my files survive"). Only without a question mark; the yes it
 * leaves still passes every check after this one.
 */
const MODAL_GO =
  /^(?:can|could|may|might|will|shall)\s+(?:go|go\s+ahead|start|proceed|continue|begin|do|do\s+it|run|install|carry\s+on|get\s+started)\b[^?]*$/i;

/**
 * The question a hesitant yes goes on with, ending in "?" so that it is read as one; undefined
 * when the turn is not a yes followed by a question or a doubt ("yes", "ok use the wd", "yes wait
 * no" stay as they are).
 */
export function hesitantYes(text: string): string | undefined {
  const open = YES_OPENER.exec(text);
  if (!open) return undefined;
  let rest = text.slice(open[0].length);
  const marked = /[?…]|\.\./.test(open.groups?.marks ?? "");
  const doubt = DOUBT.exec(rest);
  if (doubt) rest = rest.slice(doubt[0].length);
  rest = rest.trim();
  if (!rest || STILL_YES.test(rest) || (!marked && MODAL_GO.test(rest))) return undefined;
  // "ok is fine, please go now": a verdict that opens with "is", no question
  if (
    isVerdict(
      rest
        .toLowerCase()
        .split(/[^a-z']+/)
        .filter(Boolean),
      rest,
    )
  )
    return undefined;
  const asks = ASKS.test(rest) || /\?/.test(rest);
  // "yes? add htop too" is still a doubt about the yes; "yes, add htop" is not
  if (!asks && !(marked && open.groups?.marks?.includes("?"))) return undefined;
  return /\?\s*$/.test(rest) ? rest : `${rest.replace(/[\s.!,;:…]+$/, "")}?`;
}
