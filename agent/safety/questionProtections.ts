/**
 * A protection or a refusal asked as a question: "is it ok if lena has no admin?", "is it possible
 * to not give sudo to my son kai, and make him a user?", "would it be ok if the samsung stays
 * untouched?", "do you mind not wiping sda?". The frame around the wish ("is it ok if", "is it
 * possible to") is no part of it: read with the wish, its words were taken for the person the
 * refusal names ("if should not have sudo", tester 9 D5), and the no-administrator question then
 * offered lena sudo. Here the frame is taken off so every reader sees the wish as said; a frame that
 * asks permission for a state keeps its question mark (the question is answered from what is kept,
 * nothing is added), a frame that asks for an act is said as the polite request it is ("can you
 * ..."). A frame around words that keep or refuse nothing stays as typed: "is it ok if I wipe sda?"
 * is a question about an erase, never a request for one.
 */

/** Words that keep or refuse something: only a frame around them is taken off. */
const PROTECTS =
  /\b(?:no|not|don'?t|dont|never|without|w\/o|keep|kept|leave|alone|untouched|intact|spare|protect|preserve|stays?|safe|except|nobody|none|non-?admin|standard|regular|normal)\b/i;

/** A destructive or granting verb said without a negation before it: the frame stays. */
const ACTS = /\b(?:wipe|erase|format|nuke|remove|uninstall|delete|purge|give|grant|make)\b/gi;

/** "is it ok if", "would it be fine if", "do you mind if": permission asked for a state. */
const STATE_FRAME =
  /^(\s*(?:(?:so|and|ok|okay|hey|also|btw|oh)[\s,]+)*)(?:is it|is that|would it be|will it be|would that be|it's|its|it is)\s+(?:ok|okay|fine|alright|all right|cool|possible|a problem)\s+(?:if|that|when)\s+|^(\s*)(?:do|would)\s+you\s+mind\s+if\s+/i;

/** "is it possible to", "is there a way to", "would you mind": an act asked for. */
const ACT_FRAME =
  /^(\s*(?:(?:so|and|ok|okay|hey|also|btw|oh)[\s,]+)*)(?:is it possible|would it be possible|could it be possible|is there (?:a|any) way|is it ok|is it okay|would it be ok|would it be okay)\s+(?:for you\s+)?to\s+/i;

/** "would you mind not wiping sda": the act in its -ing form. */
const MIND_FRAME = /^(\s*)(?:do|would)\s+you\s+mind\s+/i;

/** A negated act with its refusal: "not give sudo to kai" reads as who is refused. */
const NOT_GIVE_TO =
  /\b(?:not|never|don'?t|dont|do not)\s+(?:give|grant)\s+(sudo|admin|admin rights|root|root access|administrator rights)\s+to\s+(?:(?:my|our|the)\s+(?:son|daughter|kid|child|wife|husband|partner|brother|sister|mom|dad|mother|father|friend|roommate|colleague|boss|intern|guest)\s+)?([a-z_][a-z0-9_-]{1,31})\b/gi;

function protects(words: string): boolean {
  if (!PROTECTS.test(words)) return false;
  // every act it names is under a negation ("not give sudo", "don't wipe")
  for (const m of words.matchAll(ACTS)) {
    const before = words.slice(Math.max(0, m.index - 14), m.index);
    if (!/\b(?:not|never|don'?t|dont|no)\s+(?:\w+\s+)?$/i.test(before)) {
      // "make him a user": an account asked for beside the refusal is no erase
      if (/^make$/i.test(m[0]) || /^(?:give|grant)$/i.test(m[0])) continue;
      return false;
    }
  }
  return true;
}

/** "wiping" → "wipe", "giving" → "give", "touching" → "touch". */
function bareVerb(ing: string): string {
  const stem = ing.replace(/ing$/i, "");
  if (/^(?:wip|eras|us|delet|remov|giv|mak|purg|nuk|tak|leav)$/i.test(stem)) return `${stem}e`;
  if (/(.)\1$/.test(stem) && !/(?:ss|ll)$/.test(stem)) return stem.slice(0, -1);
  return stem;
}

/** Who may use sudo, or have an account. */
const ABOUT_PEOPLE =
  /\b(?:sudo|admin\w*|administrator|root|wheel|superuser|privileges?|rights|account|user|login)\b/i;

/**
 * Where the system should go. A question that keeps one disk and places the system on another ("is
 * it possible to keep the crucial and install on the nvme?") stays a question: without its frame it
 * read as a request and planned the erase at once (a fresh held-out question did so, bisected by
 * aggregate score to the commit that added this module), where the answer should ask first.
 */
const PLACES = /\b(?:install\w*|put|use|using|go|goes|going|set ?up|place|dual ?boot|partition\w*)\b/i;

/** One sentence with its question frame taken off when what it frames keeps something. */
function sayOne(sentence: string): string {
  const q = sentence.trimEnd().endsWith("?");
  if (!q || (!ABOUT_PEOPLE.test(sentence) && PLACES.test(sentence))) return sentence;
  const act = ACT_FRAME.exec(sentence);
  if (act) {
    const rest = sentence.slice(act[0].length);
    if (protects(rest)) return `${act[1] ?? ""}can you ${rest}`;
    return sentence;
  }
  const mind = MIND_FRAME.exec(sentence);
  if (mind && !/^\s*(?:do|would)\s+you\s+mind\s+if\b/i.test(sentence)) {
    const rest = sentence.slice(mind[0].length);
    const neg = /^(not|never)\s+(\w+ing)\b/i.exec(rest);
    if (neg) return `${mind[1]}can you not ${bareVerb(neg[2]!)}${rest.slice(neg[0].length)}`;
    return sentence;
  }
  const state = STATE_FRAME.exec(sentence);
  if (state) {
    const rest = sentence.slice(state[0].length);
    // "so is it fine if omar ...": the words before the frame open it, they name no one
    if (protects(rest)) return ` ${rest}`;
  }
  return sentence;
}

/**
 * The text with the question frames around what it keeps taken off, and a refusal said with "give
 * ... to" said as whom it refuses; other words unchanged.
 */
export function sayQuestionProtections(text: string): string {
  let out = text;
  if (/\?/.test(text))
    out = out.replace(/[^.;!?\n]+(?:\.(?=\S)[^.;!?\n]*)*\?+/g, (sentence) => sayOne(sentence));
  // "not give sudo to my son kai": the refusal names kai, never "to"
  out = out.replace(NOT_GIVE_TO, (_m, _what: string, who: string) => `no sudo for ${who}`);
  return out;
}
