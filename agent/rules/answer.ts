/**
 * An answer to the pending plan said in more words than `yesNo` (agent/turn.ts) takes: "yes,
 * install it", "looks good to me", "alright, go", "no, keep it", "hold on, don't do that", "not
 * yet". A text is an answer only when every word is a yes word, a no word, or a word that carries
 * no request (pronouns, politeness, "do", "want"); a single word that names something ("yes, and
 * add bat", "no, the other one") makes it a request instead.
 */
import type { Token } from "./text.js";

const YES_WORDS = new Set([
  "yes",
  "yse",
  "yess",
  "yesss",
  "yeh",
  "yah",
  "yeah",
  "yea",
  "yep",
  "yup",
  "ya",
  "sure",
  "ok",
  "okay",
  "k",
  "alright",
  "allright",
  "aight",
  "fine",
  "good",
  "great",
  "perfect",
  "excellent",
  "awesome",
  "nice",
  "cool",
  "correct",
  "right",
  "proceed",
  "confirm",
  "confirmed",
  "approve",
  "approved",
  "absolutely",
  "definitely",
  "certainly",
  "affirmative",
  "lgtm",
  "go",
  "ahead",
  "ship",
  "execute",
  "apply",
  "start",
  "begin",
  "continue",
  // said by people who never read a manual: "ye", "righto", "sweet as, go", "lovely, do it"
  "ye",
  "yus",
  "yas",
  "yarp",
  "okey",
  "oki",
  "okie",
  "okok",
  "kk",
  "righto",
  "rightio",
  "roger",
  "sweet",
  "lovely",
  "brilliant",
  "splendid",
  "grand",
  "fab",
  "fantastic",
  "wonderful",
  "ace",
  "acceptable",
  "agreed",
  // yes in the speaker's own language: "ja", "haan", "vas-y", "theek hai", "claro"
  "ja",
  "jawohl",
  "genau",
  "oui",
  "ouais",
  "vas-y",
  "allez-y",
  "daccord",
  "si",
  "sí",
  "claro",
  "dale",
  "vale",
  "vamos",
  "sim",
  "da",
  "haan",
  "han",
  "theek",
  "thik",
  "hai",
  "tak",
  "evet",
]);

const NO_WORDS = new Set([
  "no",
  "nope",
  "nah",
  "not",
  "never",
  "cancel",
  "stop",
  "abort",
  "halt",
  "wait",
  "hold",
  "forget",
  "scrap",
  "scratch",
  "nevermind",
  "dont",
  "don't",
  "keep",
  "later",
  "yet",
  "leave",
  // no in the speaker's own language: "nein", "nahi", "non merci"
  "nein",
  "nee",
  "non",
  "nahi",
  "nahin",
  "niet",
  "nie",
  "nej",
]);

/** Words that ask for nothing by themselves. */
const NEUTRAL = new Set([
  "whatever",
  "anyway",
  "anyways",
  "ill",
  "check",
  "first",
  "myself",
  "can",
  "could",
  "it",
  "that",
  "this",
  "all",
  "everything",
  "them",
  "is",
  "are",
  "be",
  "looks",
  "look",
  "sounds",
  "seems",
  "to",
  "me",
  "for",
  "i",
  "we",
  "you",
  "do",
  "does",
  "please",
  "thanks",
  "thank",
  "now",
  "then",
  "just",
  "so",
  "well",
  "what",
  "want",
  "wanted",
  "need",
  "on",
  "the",
  "plan",
  "a",
  "moment",
  "second",
  "sec",
  "minute",
  "install",
  "run",
  "with",
  "mind",
  "hmm",
  "um",
  "uh",
  "oh",
  "actually",
  "really",
  "let",
  "us",
  "lets",
  "let's",
  "make",
  "so",
  "exactly",
  "thats",
  "that's",
  "sounds",
  "way",
  "as",
  "is",
  "changed",
  "about",
  "sure",
  "im",
  "am",
  "would",
  "like",
  "will",
  "ready",
  "think",
  "guess",
  "on",
  "course",
  "of",
  "thing",
  "and",
  // a verb that restates what the plan does ("yes, go ahead and wipe it"): its object can only be
  // a pronoun here, since a word that names something makes the text a request
  "wipe",
  "erase",
  "format",
  "add",
  "remove",
  "create",
  "nuke",
  // thanks, forms of address and time words carry no request: "ta, go", "hmm nah, not today"
  "ta",
  "thx",
  "thanx",
  "ty",
  "tysm",
  "cheers",
  "mate",
  "bro",
  "dude",
  "pls",
  "plz",
  "bitte",
  "merci",
  "danke",
  "ji",
  "very",
  "quite",
  "today",
  "tonight",
  "whole",
  "lot",
  "done",
  "reflection",
  "thought",
  "thoughts",
]);

/** Two-word phrases whose "no" is a yes ("no problem") and whose words are otherwise neutral. */
const YES_PHRASES = [
  "no problem",
  "no worries",
  "why not",
  "of course",
  "go for it",
  "do it",
  "ship it",
  "that is it",
  "let is roll",
  "let us roll",
  "send it",
  "hit it",
  "crack on",
  "fire away",
  "go on",
  "carry on",
];
const NO_PHRASES = ["hold on", "not yet", "hang on", "forget it", "never mind", "keep it", "not now"];

/**
 * true/false when the whole text answers the pending plan; undefined when it asks for something.
 */
export function readAnswer(tokens: readonly Token[]): boolean | undefined {
  const w = tokens.filter((t) => t.kind === "word").map((t) => t.norm);
  if (w.length === 0 || tokens.some((t) => t.kind === "number" || t.kind === "path")) return undefined;
  let text = ` ${w.join(" ")} `;
  let yes = 0;
  let no = 0;
  let strongNo = false;
  let strongYes = false;
  for (const p of YES_PHRASES)
    while (text.includes(` ${p} `)) {
      yes++;
      if (STRONG_YES_PHRASES.has(p)) strongYes = true;
      text = text.replace(` ${p} `, " ");
    }
  for (const p of NO_PHRASES)
    while (text.includes(` ${p} `)) {
      no++;
      if (p === "forget it" || p === "never mind" || p === "not yet" || p === "not now") strongNo = true;
      text = text.replace(` ${p} `, " ");
    }
  for (const x of text.trim().split(" ").filter(Boolean)) {
    if (NO_WORDS.has(x)) {
      no++;
      if (STRONG_NO.has(x)) strongNo = true;
    } else if (YES_WORDS.has(x)) {
      yes++;
      if (STRONG_YES.has(x)) strongYes = true;
    } else if (!NEUTRAL.has(x)) return undefined;
  }
  // "ok leave it then, go ahead": a weak no ("leave it", "wait") gives way to a clear go-ahead;
  // a real no ("no", "cancel", "don't") never does.
  if (strongNo) return false;
  if (no && strongYes) return true;
  if (no) return false;
  if (yes) return true;
  return undefined;
}

const STRONG_NO = new Set([
  "no",
  "nope",
  "nah",
  "not",
  "never",
  "cancel",
  "stop",
  "abort",
  "halt",
  "dont",
  "don't",
  "scrap",
  "scratch",
  "nevermind",
  "forget",
]);
const STRONG_YES_PHRASES = new Set([
  "go for it",
  "do it",
  "ship it",
  "let is roll",
  "let us roll",
  "send it",
  "hit it",
  "crack on",
  "fire away",
  "go on",
]);
const STRONG_YES = new Set(["go", "ahead", "proceed", "ship", "confirm", "confirmed", "execute", "apply"]);
