import { USER_WORDS } from "./vocab.js";

/**
 * "user" as the subject of its sentence, not the anchor of a name (fixN28). "user bob" names bob:
 * the noun is followed by the name. "the user wants mpv", "the user needs sudo: kim", "the user
 * will be omar", "the username can be margaret", "El usuario será pablo" put a verb right after
 * the noun: the noun is what the sentence is about, and the word after it is that verb, never a
 * name. Where the verb is a copula ("is", "will be", "can be", "should be", "será"), the word after
 * the copula is the name the sentence gives the account.
 *
 * Read by shape: the closed classes of auxiliaries, modals and copulas (in English and the copulas
 * of the languages people mix in), and the verbs of having and wanting that follow a subject
 * ("gets", "needs", "wants"). Safety: this only takes a name away from a verb, or gives the name a
 * copula puts in the account's place; a grant still needs its own sudo word for that name, and
 * the name readers still check the name's own shape.
 */

/** Modals and auxiliaries that may stand between the noun and its copula: "will be", "can be". */
const MODALS = new Set([
  "will",
  "would",
  "can",
  "could",
  "should",
  "shall",
  "must",
  "may",
  "might",
  "gonna",
  "ought",
  "to",
  "wil",
  "shoud",
  "shld",
  "cn",
  "shall",
]);

/**
 * Copulas: "is", "be", "=", and the word for "is"/"will be" in the languages people mix in; never
 * one that is also a name ("sarà" is sara: "User sara banao" names sara).
 */
const COPULAS = new Set([
  "is",
  "be",
  "=",
  "es",
  "sera",
  "seria",
  "est",
  "ist",
  "wird",
  "sein",
  "zal",
  "wordt",
  "blir",
  "jest",
  "bedzie",
]);

/** Verbs of having, wanting and doing that follow a subject: "the user needs sudo". */
const SUBJECT_VERBS = new Set([
  "gets",
  "has",
  "had",
  "have",
  "needs",
  "wants",
  "uses",
  "likes",
  "prefers",
  "requires",
  "deserves",
  "logs",
  "says",
  "does",
  "did",
  "runs",
  "was",
  "are",
  "were",
  "isnt",
  "doesnt",
  "wont",
  "cant",
  "shouldnt",
  "mustnt",
]);

/** Determiners and possessives before a noun that is a subject: "the user", "my account". */
const DETERMINERS = new Set([
  "the",
  "this",
  "that",
  "my",
  "our",
  "your",
  "his",
  "her",
  "their",
  "each",
  "every",
  "new",
  "main",
]);

/** Whether the noun at `i` starts its noun phrase as a subject: after a determiner, or first. */
function subjectNoun(w: readonly string[], i: number): boolean {
  const before = w[i - 1];
  return before === undefined || /^\W+$/.test(before) || DETERMINERS.has(before);
}

/**
 * The index of the name a copula after a user noun puts in the account's place ("the user will be
 * omar": omar's), or -1.
 */
export function copulaNameAt(w: readonly string[], i: number): number {
  if (!USER_WORDS.has(w[i] ?? "") && w[i] !== "name") return -1;
  let j = i + 1;
  while (j < w.length && MODALS.has(w[j]!)) j++;
  if (!COPULAS.has(w[j] ?? "")) return -1;
  // "user is", "username = x": the noun's own phrase; "the name is": only a login noun ("name"
  // alone is the person's name, read as their full name elsewhere)
  if (w[i] === "name" && w[i - 1] !== "user") return -1;
  j++;
  // "will be called omar", "is going to be omar"
  while (j < w.length && /^(?:called|named|going|to|be|:)$/.test(w[j]!)) j++;
  return j < w.length ? j : -1;
}

/**
 * Whether the user noun at `i` is its sentence's subject with a verb after it ("the user wants
 * mpv"), so that the word after it is no name.
 */
export function userNounIsSubject(w: readonly string[], i: number): boolean {
  if (!USER_WORDS.has(w[i] ?? "")) return false;
  const next = w[i + 1];
  if (next === undefined) return false;
  if (copulaNameAt(w, i) >= 0) return true;
  if (!subjectNoun(w, i)) return false;
  if (SUBJECT_VERBS.has(next)) return true;
  // "the user will get sudo": a modal followed by a verb, never "user will with sudo" (will's own)
  const after = w[i + 2];
  return (
    MODALS.has(next) &&
    next !== "to" &&
    after !== undefined &&
    !/^\W+$/.test(after) &&
    !/^(?:and|with|without|gets|has|sudo|admin|no|too|also)$/.test(after)
  );
}
