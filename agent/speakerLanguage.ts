/**
 * The language a short ambiguous answer is read in. "tak" is yes in Polish and no in Malay, "jo"
 * yes in Czech and no in Albanian, "po" yes in Albanian (agent/noWords.ts AMBIGUOUS, LOCAL): alone
 * they answer nothing unless the language is known. facts.locale says it where the system is set
 * up in that language; where it is not (an English live image), the speaker's own earlier turns
 * may: letters that only one of these languages writes (Polish ą ę ł ń ś ź ż, Czech ě ř ů,
 * Albanian ë), as typed, before any rewrite translated them.
 *
 * Why this is safe: the letter is positive evidence of the language, never a guess from a word
 * list, and it only decides words that are a yes or a no in THAT language; a speaker of the
 * language where the word means the opposite does not write those letters (Malay and Swiss German
 * have none of them). With no such letter the word stays unread, and the plan is asked about.
 */
import type { Facts } from "../facts/schema.js";
import { LOCAL } from "./noWords.js";
import type { ConversationView } from "./types.js";

/** Letters each language alone (of those whose answer words are ambiguous) writes. */
const LETTERS: readonly (readonly [RegExp, string])[] = [
  [/[ąęłńśźżĄĘŁŃŚŹŻ]/, "pl"],
  [/[ěřůĚŘŮ]/, "cs"],
  [/[ëË]/, "sq"],
  // Ukrainian (and Belarusian "і", where "так" is yes as well); Russian writes none of them
  [/[іїєґІЇЄҐ]/, "uk"],
];

/**
 * The language the letters of a text as typed show, if any. Conversation.record keeps only this of
 * the typed words (never the text: a password typed into the chat must not stay in the turns).
 */
export function lettersLanguage(text: string): string | undefined {
  for (const [re, l] of LETTERS) if (re.test(text)) return l;
  return undefined;
}

/** The language of facts.locale where it decides an ambiguous word, else the one the speaker's letters show. */
export function answerLanguage(conv: Pick<ConversationView, "turns">, facts: Facts): string {
  const lang = facts.locale.slice(0, 2).toLowerCase();
  if (LOCAL[lang]) return lang;
  for (let i = conv.turns.length - 1; i >= 0; i--) {
    const shown = conv.turns[i]!.letters;
    if (shown) return shown;
  }
  return lang;
}
