import { ACTION_VERBS } from "./actionVerbs.js";

/**
 * "don't for any reason remove git", "never in a million years erase sda", "don't ever again
 * remove git", "don't even once remove git", "don't on any account erase sda" (attacker 10 H1, M2):
 * an adverbial between the negation and its verb hid the verb from every negation reader, and git
 * was removed, the Windows disk erased, sudo given. The comma form is splitNegations'; this is the
 * same join inside one clause: a negation, then words none of which is an action verb (starting
 * like an adverbial: a preposition or an adverb), then an action verb: the negation is that verb's,
 * said plainly ("don't remove git"). A negation of a verb that is no action ("don't worry remove
 * git", "I don't care wipe sdb", "don't forget to remove git") reaches nothing and stays as typed.
 */

const NEGATION = String.raw`(?:do\s+not|don'?t|dont|do\s+n'?t|never|must\s+not|mustn'?t|should\s+not|shouldn'?t|can\s*not|can'?t|won'?t|will\s+not)`;

/** How an adverbial starts: a preposition or an adverb, never a verb or a noun. */
const ADVERBIAL_START =
  "ever|even|again|once|twice|for|in|on|at|by|under|until|till|during|within|whatever|whatsoever|anymore|accidentally|yet|really|actually|just|please|pls|seriously|honestly|literally|absolutely|no|never|without|from|after|before|today|tonight|now";

/** Words that make the run a clause of its own: the negation is theirs, not the action's. */
const OWN_VERB =
  /^(?:forget|hesitate|wait|worry|care|mind|bother|need|want|have|has|let|stop|fail|neglect|delay|think|know|ask|tell|say|said|is|are|was|were|be)$/i;

const REACH = new RegExp(
  String.raw`\b(${NEGATION})\s+((?:${ADVERBIAL_START})\b[^,.;:!?()\n—–]*?)\s*\b(${ACTION_VERBS})\b`,
  "gi",
);

const MAX_RUN_WORDS = 8;

export function reachNegatedVerbs(text: string): string {
  return text.replace(REACH, (whole, neg: string, run: string, verb: string) => {
    const words = run.trim().split(/\s+/);
    if (words.length > MAX_RUN_WORDS || words.some((w) => OWN_VERB.test(w.replace(/[^a-z']/gi, ""))))
      return whole;
    return `${neg} ${verb}`;
  });
}
