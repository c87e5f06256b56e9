/**
 * Whether a text is only a yes or only a no. Shared by agent/turn.ts (which answers the plan and
 * an open offer before any backend is asked) and the rules backend; it imports nothing of either.
 * The words beyond plain English (registers, trades, slang, other languages) are in
 * agent/yesnoLexicon.ts.
 */

import { AMBIGUOUS, FILLER_MORE, LOCAL, NO_MORE, NOUN_LIKE } from "./noWords.js";
import { ASSENT_PARTICIPLES, ASSENT_WORDS } from "./planAnswerWords.js";
import { YES_MORE } from "./yesnoLexicon.js";
import { FILLER_SCRIPTS, NO_SCRIPTS, YES_SCRIPTS } from "./yesnoScripts.js";
import { NO_SCRIPTS_MORE, YES_SCRIPTS_MORE } from "./yesnoScriptsMore.js";

/** Letters of the scripts written without spaces between words: Chinese, Japanese, Thai. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

const YES = new Set([
  "y",
  "yes",
  "yeah",
  "ya",
  "yah",
  "yea",
  "yep",
  "yup",
  "sure",
  "ok",
  "okay",
  "k",
  "go",
  "go ahead",
  "go for it",
  "do it",
  "just do it",
  "proceed",
  "confirm",
  "confirmed",
  "correct",
  "right",
  "that's right",
  "thats right",
  "sounds good",
  "looks good",
  "looks right",
  "lgtm",
  "perfect",
  "great",
  "fine",
  "yes please",
  "yes do it",
  "yes go ahead",
  "please do",
  "please proceed",
  "let's go",
  "lets go",
  "start",
  "apply",
  "apply it",
  "run it",
  "execute",
  "install",
  "install it all",
  "make it so",
  "absolutely",
  "definitely",
  "affirmative",
  "ja",
  "oui",
  "si",
  ...YES_MORE,
  ...YES_SCRIPTS.map(folded),
  ...YES_SCRIPTS_MORE.map(folded),
]);

/** The plain yes words above, before YES_MORE: said with a question mark, only these stay a yes. */
const CORE_YES: ReadonlySet<string> = new Set(
  [...YES].filter((p) => !YES_MORE.includes(p) && !/[^\x00-\x7f]/.test(p)),
);

const NO = new Set([
  "n",
  "no",
  "nope",
  "nah",
  "no thanks",
  "no thank you",
  "cancel",
  "cancel it",
  "cancel that",
  "stop",
  "abort",
  "don't",
  "dont",
  "do not",
  "don't do it",
  "dont do it",
  "never mind",
  "nevermind",
  "forget it",
  "forget that",
  "scrap that",
  "no wait",
  "wait",
  "wait no",
  "hold on",
  "not now",
  "negative",
  "nein",
  "non",
  ...NO_MORE,
  ...NO_SCRIPTS.map(folded),
  ...NO_SCRIPTS_MORE.map(folded),
]);

/** Words said around an answer that ask for nothing (agent/goStop.ts reads them too). */
export const FILLER: ReadonlySet<string> = new Set([
  "please",
  "thanks",
  "thank",
  "you",
  "then",
  "ok",
  "okay",
  "well",
  "so",
  "hmm",
  "um",
  "uh",
  "oh",
  "actually",
  "now",
  "all",
  "just",
  "fine",
  ...FILLER_MORE,
  ...FILLER_SCRIPTS.map(folded),
]);

/** The answer and filler phrases of the scripts written without spaces, as folded. */
const SCRIPT_PHRASES: ReadonlySet<string> = new Set(
  [...YES_SCRIPTS, ...NO_SCRIPTS, ...FILLER_SCRIPTS].map(folded).filter((p) => UNSPACED.test(p)),
);

/** Every word any phrase above is made of: a word outside it may be a letter held too long. */
const VOCABULARY = new Set(
  [...YES, ...NO, ...FILLER, ...AMBIGUOUS, ...Object.values(LOCAL).flatMap((l) => Object.keys(l))].flatMap(
    (p) => p.split(" "),
  ),
);

/** "yesss" → "yes", "okkk" → "ok", "gooo" → "go", "nooo" → "no": the word a held letter stretched. */
function unstretched(word: string): string {
  if (VOCABULARY.has(word) || !/(.)\1/.test(word)) return word;
  const once = word.replace(/(.)\1{2,}/g, "$1");
  if (VOCABULARY.has(once)) return once;
  const single = word.replace(/(.)\1+/g, "$1");
  return VOCABULARY.has(single) ? single : word;
}

/** Digits typed for the letters they look like: "y3s", "0k", "n0", "c0nfirm". */
const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" };

/** "y3s" → "yes": a word of letters and look-alike digits that is a yes or no word with the letters put back. */
function unleeted(word: string): string {
  if (VOCABULARY.has(word) || !/[a-z]/.test(word) || !/[013457]/.test(word) || /[^a-z013457']/.test(word))
    return word;
  const back = word.replace(/[013457]/g, (d) => LEET[d]!);
  return YES.has(back) || NO.has(back) ? back : word;
}

/** Single yes words long enough that one slip of a key leaves them no other word: "confirm", "proceed". */
const LONG_YES: readonly string[] = [...YES].filter((p) => /^[a-z]{6,}$/.test(p));
const LONG_NO: readonly string[] = [...NO].filter((p) => /^[a-z]{5,}$/.test(p));

/** One slip: a letter swapped with the next, dropped, added or typed wrong (Damerau-Levenshtein 1). */
function oneSlip(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * "confrim", "proceeed", "contiune", "cancle": a word that no phrase here holds, one slip away from
 * exactly one long yes or no word, is that word. Only long words (a yes of 6 letters and more, a no
 * of 5), where a slip leaves no other word of an answer; the whole turn must still be an answer,
 * and never where my question asked for a word (a name may be one slip from "confirm").
 */
function unslipped(word: string): string {
  if (word.length < 5 || VOCABULARY.has(word) || !/^[a-z]+$/.test(word)) return word;
  // a word of its own is no slip: "vetted" is one letter from "vetoed" (found at the merge)
  if (ASSENT_PARTICIPLES.has(word) || ASSENT_WORDS.has(word)) return word;
  const hits = [...LONG_YES, ...LONG_NO].filter((y) => oneSlip(word, y));
  return hits.length === 1 ? hits[0]! : word;
}

/**
 * "gogogo", "yesyes", "okok": one yes or no word typed again and again without a space is that
 * word said again and again ("go go go"); a word that is a word of its own stays as it is.
 */
function unglued(word: string): string[] {
  if (VOCABULARY.has(word)) return [word];
  for (let len = 1; len <= word.length / 2; len++) {
    if (word.length % len) continue;
    const unit = word.slice(0, len);
    if (unit.repeat(word.length / len) === word && (YES.has(unit) || NO.has(unit)))
      return Array<string>(word.length / len).fill(unit);
  }
  return [word];
}

/** Lowercase, accents folded ("sì", "não", "kjør", "începe"), SQL and code marks as spaces. */
export function folded(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[’`]/g, "'")
      .replace(/ø/g, "o")
      .replace(/æ/g, "ae")
      .replace(/ß/g, "ss")
      .replace(/ł/g, "l")
      .replace(/ı/g, "i")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      // a thumbs-up or a tick is how many people say yes in a chat; a thumbs-down or a cross, no
      .replace(/(?:👍|👌|✅|✔️?|🆗)[\u{1F3FB}-\u{1F3FF}]?/gu, " yes ")
      .replace(/(?:👎|❌|🙅)[\u{1F3FB}-\u{1F3FF}]?/gu, " no ")
      // "COMMIT;", "confirm(true)", "10-4", "vas-y": the marks of code and of compounds part words
      .replace(/(?<=[a-z0-9])-(?=[a-z0-9])/g, " ")
      .replace(/--+/g, " ")
      .replace(/[.!?,;:()[\]{}"*_~]+/g, " ")
      // the full stops, commas and brackets of Chinese, Japanese, Korean, Arabic and Greek text
      .replace(/[。，、！？：；…「」『』（）【】〈〉《》〜～·・،؛؟¿¡«»„“”]+/g, " ")
      // the full stops and commas of Devanagari and Bengali (danda), Urdu, Armenian and Ethiopic
      .replace(/[।॥۔։፣።፤]+/g, " ")
      .replace(/(?:^|\s)'+|'+(?=\s|$)/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      // Hangul syllables and kana with voicing marks, parted by NFD above, put back together
      .normalize("NFC")
  );
}

/**
 * "好的开始吧", "はいお願いします": a run of letters of a script written without spaces, parted into
 * the answer and filler phrases it is made of, longest first; a run that is not made of them
 * wholly stays one word (and so is no answer).
 */
function unspaced(word: string): string[] {
  if (!UNSPACED.test(word)) return [word];
  const chars = [...word];
  const memo = new Map<number, string[] | null>();
  const split = (i: number): string[] | null => {
    if (i === chars.length) return [];
    if (memo.has(i)) return memo.get(i)!;
    let found: string[] | null = null;
    for (let len = Math.min(12, chars.length - i); len >= 1 && !found; len--) {
      const piece = chars.slice(i, i + len).join("");
      if (!SCRIPT_PHRASES.has(piece)) continue;
      const rest = split(i + len);
      if (rest) found = [piece, ...rest];
    }
    memo.set(i, found);
    return found;
  };
  return split(0) ?? [word];
}

export interface YesNoOptions {
  /** The language of facts.locale ("pl", "cs", "ko"): says what "tak", "ne", "ano" mean. */
  lang?: string;
  /** Words of a trade that are also nouns ("post", "service", "merge") are left out: a question of
   * mine asked for a word, and such a word may be the answer. */
  plain?: boolean;
}

/**
 * The whole text is a yes or a no (polite fillers and punctuation aside); undefined otherwise.
 * The text is covered left to right by the longest yes/no phrases and fillers; anything else
 * ("ok use it", "no wait, make it btrfs") is a request, not an answer.
 */
export function yesNo(text: string, options: YesNoOptions = {}): boolean | undefined {
  const t = folded(text);
  if (!t) return undefined;
  const local = (options.lang && LOCAL[options.lang]) || undefined;
  // a trade word that is the whole turn may be the word my question asked for
  // "can?", "ready?", "merge?": a trade or foreign yes word asked is a question, not a go
  const asks = /[?？؟]/.test(text);
  const yesHas = (p: string) =>
    YES.has(p) && !(options.plain && p === t && NOUN_LIKE.has(p)) && (!asks || CORE_YES.has(p));
  if (yesHas(t)) return true;
  if (NO.has(t)) return false;
  const words = t
    .split(" ")
    .flatMap(unspaced)
    .flatMap((w) => {
      const plainWord = unleeted(unstretched(w));
      return unglued(options.plain ? plainWord : unslipped(plainWord));
    });
  // Every word must belong to a yes, a no or a filler phrase. Phrases overlap ("yes please",
  // "please do"), so segment with backtracking instead of taking the longest match greedily.
  // A word that is yes in one language and no in another ("tak", "ne") counts only by the
  // locale's language; without one it says nothing ("ne, jinhaeng hae juseyo" is yes by its
  // other words) and alone it is no answer.
  type Count = { yes: number; no: number; unsure: number };
  const memo = new Map<number, Count | null>();
  const segment = (i: number): Count | null => {
    if (i === words.length) return { yes: 0, no: 0, unsure: 0 };
    const known = memo.get(i);
    if (known !== undefined) return known;
    let found: Count | null = null;
    for (let len = Math.min(5, words.length - i); len >= 1 && !found; len--) {
      const phrase = words.slice(i, i + len).join(" ");
      const localKind = local?.[phrase];
      const kind =
        localKind !== undefined
          ? localKind
            ? "yes"
            : "no"
          : yesHas(phrase)
            ? "yes"
            : NO.has(phrase)
              ? "no"
              : len === 1 && AMBIGUOUS.has(phrase)
                ? "unsure"
                : len === 1 && FILLER.has(phrase)
                  ? "filler"
                  : null;
      if (!kind) continue;
      const rest = segment(i + len);
      if (rest)
        found = {
          yes: rest.yes + (kind === "yes" ? 1 : 0),
          no: rest.no + (kind === "no" ? 1 : 0),
          unsure: rest.unsure + (kind === "unsure" ? 1 : 0),
        };
    }
    memo.set(i, found);
    return found;
  };
  const counts = segment(0);
  if (!counts) return undefined;
  const { yes, no, unsure } = counts;
  if (yes && !no) return true;
  // "no, stop", "hmm, actually don't"; "ok, cancel" is a no too
  if (no) return false;
  if (unsure) return undefined;
  // only fillers: "ok", "fine" alone are a yes
  return words.some((w) => w === "ok" || w === "okay" || w === "fine") ? true : undefined;
}
