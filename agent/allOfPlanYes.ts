/**
 * A yes that says how much of the plan it takes: "yes both", "yes all five", "yep all 3", "yes to
 * both", "go ahead with all three", "ok, all of them". People confirm a list by counting it; read
 * word by word, the count was no yes word and the plan was asked again.
 *
 * The words left when the quantifier is taken out must be a yes on their own (agent/yesno.ts), so
 * the go comes from the same words as ever; the quantifier only says "the whole of it". Where it
 * says a number ("all five", "both"), the number must be the count of what is pending (the open
 * offer's calls while one is open, else the plan's steps or the steps the last turn added):
 * "yes both" to a plan of three steps is no clear answer, and is asked as before. Nothing but
 * generic nouns may follow the quantifier ("all three steps"): "yes both disks" names things, and is
 * read as the request it is. The caller (agent/turn.ts) routes the answer as a bare "yes" (an
 * offer takes it, a question of mine stays open), and a hedge is still held (safety/unsureYes.ts).
 */

import { SMALL } from "./rules/text.js";
import type { ConversationView } from "./types.js";
import { folded, type YesNoOptions, yesNo } from "./yesno.js";

// two to twelve from the shared number words: "a", "an" and "one" never count a plan as several
const NUMBERS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(SMALL).filter(([, v]) => v >= 2 && v <= 12),
);

const NUM = `(\\d{1,2}|${Object.keys(NUMBERS).join("|")})`;
const GROUP = String.raw`(?:them|em|those|these|it|the above)`;
const NOUN = String.raw`(?:\s+(?:steps?|things?|items?|changes?|ones?|of\s+${"(?:them|em|those|these)"}))?`;

/** The quantifier, with the preposition that may lead it ("to both", "with all three"). */
const QUANTIFIER = new RegExp(
  String.raw`(?:^|\s)(?:(?:to|with|for|on|do)\s+)?(?:` +
    [
      String.raw`(?:all|both|each)\s+of\s+${GROUP}`,
      String.raw`all\s+${NUM}${NOUN}`,
      String.raw`(?<both>both)${NOUN}`,
      String.raw`${NUM}\s+of\s+(?:them|em|those|these)`,
      String.raw`all${NOUN}`,
      String.raw`everything`,
      String.raw`every\s*one`,
      String.raw`the\s+(?:whole\s+)?lot`,
    ].join("|") +
    String.raw`)(?=\s|$)`,
);

/** How many steps a count may be of: the offer's, the plan's, or the last turn's additions. */
function counts(conv: ConversationView): Set<number> {
  if (conv.offer) return new Set([conv.offer.calls.length]);
  const out = new Set([conv.pending.length]);
  const last = conv.turns.at(-1)?.decision;
  if (last && "calls" in last) out.add(last.calls.length);
  return out;
}

/** true when the turn is a yes to the whole of what is pending, counted right; undefined otherwise. */
export function readAllOfPlanYes(conv: ConversationView, options: YesNoOptions = {}): true | undefined {
  if (!conv.pending.length && !conv.offer) return undefined;
  if (/[?？]/.test(conv.user)) return undefined;
  const text = folded(conv.user);
  const m = QUANTIFIER.exec(text);
  if (!m) return undefined;
  const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.trim();
  if (!rest || yesNo(rest, options) !== true) return undefined;
  const said = m.groups?.both ? 2 : m.slice(1).find((g) => g !== undefined);
  if (said !== undefined) {
    const n = typeof said === "number" ? said : (NUMBERS[said] ?? Number(said));
    if (!counts(conv).has(n)) return undefined;
  }
  return true;
}
