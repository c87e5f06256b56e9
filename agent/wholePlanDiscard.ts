/**
 * Words that throw the whole pending plan away (the lead's ruling, round 25; tester 24 W24, W31,
 * W33). A `confirm:false` is "not now": "no", "not yet", "later", "not sure", "wait what" keep every
 * pending step and run nothing. Only words that say to throw it away drop it all: a restart
 * ("start over", "lets start again", "from scratch", "back to square one", "reset") or a discard
 * verb whose object is the whole plan ("scrap all that", "forget everything", "cancel the whole
 * thing", "call the whole thing off", "throw it all away").
 *
 * Safety: both readings run nothing. Read too widely, a plan is dropped that the user wanted (the
 * chat says so, and /undo brings it back); read too narrowly, the plan stays and the chat says
 * "Nothing runs; the plan stays", with how to drop it. A restart is never a go (restartWords.ts).
 */

/** A verb of beginning anew with its "again" word: "start over", "begin again", "do it all over". */
const RESTART = String.raw`(?:(?:re)?start|begin|do)(?:\s+(?:it|this|that|things|everything|the\s+whole\s+thing))?(?:\s+all)?\s+(?:over|again|afresh|anew|fresh|from\s+(?:the\s+)?(?:scratch|beginning|start|zero|top))`;
/** A restart said in one word or a set phrase: "restart", "reset", "from scratch", "square one". */
const RESTART_SET = String.raw`\/?reset(?:\s+(?:it|this|that|everything|all|the\s+plan))?|restart(?:\s+(?:it|this|that|everything|all|the\s+plan))?|redo\s+(?:it\s+all|everything|all\s+of\s+it)|(?:go(?:ing)?\s+)?back\s+to\s+(?:square\s+one|the\s+(?:start|beginning|drawing\s+board))|from\s+scratch|clean\s+slate|(?:a\s+)?fresh\s+start|start\s+fresh`;
/** The whole plan as an object: "everything", "it all", "all of that", "the whole thing", "the plan". */
const WHOLE = String.raw`(?:everything|(?:it|this|that)\s+all|all(?:\s+of)?\s+(?:it|that|this|the\s+above|those|these)|all|the\s+(?:whole|entire)\s+(?:thing|plan|lot|list|setup|idea|install(?:ation)?)|(?:the|this|that|my|your)\s+plan|the\s+lot)`;
/**
 * Verbs that discard, never erase: "wipe everything", "remove everything", "delete it all" are
 * about disks and programs, never the plan, and stay out.
 */
const DISCARD = String.raw`(?:abort|never\s*mind|nvm|cancel|cancell?|cancle|scrap|scratch|forget(?:\s+about)?|ditch|trash|bin|junk|toss|discard|abandon|drop|undo|throw\s+(?:away|out)|get\s+rid\s+of)`;
/** "throw it all away", "call the whole thing off": the object before the particle. */
const SPLIT = String.raw`(?:throw|toss|chuck)\s+${WHOLE}\s+(?:away|out)|call\s+(?:${WHOLE}|it|the\s+(?:install|installation))\s+off|call\s+off\s+${WHOLE}`;
/** Discarding said of the plan itself, whatever the object: "clear the plan", "delete the plan". */
const PLAN_ONLY = String.raw`(?:clear|delete|remove|empty|erase|wipe)\s+(?:the|this|my|your)\s+(?:whole\s+|entire\s+)?plan`;

const PHRASE = String.raw`(?:${RESTART}|${RESTART_SET}|${DISCARD}\s+${WHOLE}|${SPLIT}|${PLAN_ONLY})`;

/** A word before the phrase that turns it round: "don't start over", "no need to scrap it all". */
const NEGATED =
  /\b(?:don'?t|do\s+not|dont|never|not|no\s+need\s+to|without|won'?t|wont|shouldn'?t|cannot|can'?t)\s+(?:\w+\s+){0,2}$/i;

/**
 * "nope, cancel that", "forget it": a discard of "that" is of the whole plan only where a reader
 * already found the words to be a no to the plan (a confirm:false: the last change was all of it;
 * agent/safety/cancelStep.ts). Never read alone as a discard, so never in onlyDiscardsWholePlan.
 */
const OF_THAT = String.raw`${DISCARD}\s+(?:it|that|this)`;
const ANYWHERE = new RegExp(`(?:^|[^a-z'/])(${PHRASE}|${OF_THAT})(?![a-z])`, "gi");

/** Only the phrases that name the whole plan (no "forget it", "cancel that"). */
const WHOLE_ONLY = new RegExp(`(?:^|[^a-z'/])(${PHRASE})(?![a-z])`, "gi");

/**
 * The words say, somewhere and not negated, to throw the whole plan away in words that name all of
 * it ("forget everything", "scrap all that", "start over"); "forget it" alone is not counted here.
 */
export function namesWholePlanDiscard(text: string): boolean {
  for (const m of text.matchAll(WHOLE_ONLY)) {
    const before = text.slice(0, (m.index ?? 0) + m[0].length - m[1]!.length);
    if (!NEGATED.test(before)) return true;
  }
  return false;
}

/** The words say, somewhere and not negated, to throw the whole plan away. */
export function discardsWholePlan(text: string): boolean {
  for (const m of text.matchAll(ANYWHERE)) {
    const before = text.slice(0, (m.index ?? 0) + m[0].length - m[1]!.length);
    if (!NEGATED.test(before)) return true;
  }
  return false;
}

/**
 * Words around a discard that ask for nothing: interjections, a lead-in ("lets", "can we",
 * "i want to"), softeners. "wait no, reset" and "ugh. forget everything, start over" are discards
 * alone; "start over: nvme, user ops" asks for more and is left to the readers.
 */
const LEAD = String.raw`(?:(?:let'?s|let\s+us|lets|can\s+we|could\s+we|we\s+should|we'?ll|i\s+want\s+to|i\s+wanna|i'?d\s+like\s+to|i'?ll|just|please|pls|ok(?:ay)?|so|well|alright|yeah|hmm+|actually|maybe)\s+)*`;
const FILLER =
  /^(?:no+|nope|nah|na|wait|hmm+|hm+|ugh+|ok(?:ay)?|k|oh+(?:\s+no)?|sorry|actually|hold\s+on|hang\s+on|please|pls|plz|meh|um+|uh+|erm|er|lol|damn|oops|whoa|yeah|yes|alright|right|well|you\s+know\s+what|on\s+second\s+thoughts?|i\s+changed\s+my\s+mind|changed\s+my\s+mind|never\s*mind|nvm|then|now|again|instead|ok\s+then|thanks|thx)$/i;
const CLAUSE = new RegExp(
  String.raw`^${LEAD}${PHRASE}(?:\s+${PHRASE})*(?:\s+(?:please|pls|plz|then|now|instead|again))*$`,
  "i",
);

/** The whole turn is a discard of the plan, with nothing else asked. */
export function onlyDiscardsWholePlan(text: string): boolean {
  const clauses = text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .split(/\s*(?:[,;:.!?()\n]|\s-+\s|—|\band\b|\bthen\b)\s*/)
    .map((c) => c.trim())
    .filter(Boolean);
  let found = false;
  for (const c of clauses) {
    if (c === "/reset" || CLAUSE.test(c)) found = true;
    else if (!FILLER.test(c) && !c.split(/\s+/).every((w) => FILLER.test(w))) return false;
  }
  return found;
}
