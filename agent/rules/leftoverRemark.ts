/**
 * Words after a request that ask for nothing more (fresh set 26): a predicate said about what was
 * named ("your destination, ripgrep, is on the left", "helix and fish, also needed they are") and
 * a courtesy or degree said after it ("tmux then, at least", "ripgrep if you can", "python 3.12 if
 * possible"). Read as requests for programs, they were "\"is on the left\" is not a recipe here"
 * and the plain request became a question.
 */

/** Copulas and auxiliaries that open a predicate: "is on the left", "are great", "was recommended". */
const COPULA = new Set(["is", "are", "was", "were", "isnt", "arent", "s", "seems", "seem", "looks"]);
/** Words that make a clause a condition on the request. */
const CONDITION = new Set(["if", "unless", "whether", "when", "provided", "assuming", "once"]);
/** Who a predicate is said of ("they are", "needed it is"). */
const SUBJECT = new Set(["they", "it", "that", "this", "those", "these", "he", "she", "you"]);

/**
 * A clause that says something about what came before rather than naming more: it opens with a
 * copula, or holds a subject pronoun with its copula ("needed they are", "it is great").
 * Why this is safe: the caller reads it only for a clause that continues an INSTALL and names no
 * program; such a clause then adds nothing and asks nothing, while the install the words asked
 * for is made (an install destroys nothing, and it is shown in the plan before anything runs).
 */
export function isPredicate(w: readonly string[]): boolean {
  // "unless it's already on here", "if it is free": a condition on the request, read as before
  if (w.some((x) => CONDITION.has(x))) return false;
  if (COPULA.has(w[0] ?? "")) return true;
  return w.some((x, i) => COPULA.has(x) && (SUBJECT.has(w[i - 1] ?? "") || SUBJECT.has(w[i + 1] ?? "")));
}

/**
 * Courtesies and degrees that close a request: "if you can", "if possible", "if that is ok",
 * "when you get a chance", "at least", "for now", "for the moment", "i guess". The whole closed
 * set of their forms, as word sequences; `at` is where one starts.
 */
const COURTESIES: readonly (readonly string[])[] = [
  "if you can",
  "if you could",
  "if you would",
  "if you do not mind",
  "if you dont mind",
  "if possible",
  "if at all possible",
  "if it is possible",
  "if that is possible",
  "if that is ok",
  "if that is okay",
  "if that is alright",
  "if that is fine",
  "if it is ok",
  "if it is okay",
  "if ok",
  "when you can",
  "when you get a chance",
  "when you have a moment",
  "when you have time",
  "at least",
  "at the very least",
  "for now",
  "for the moment",
  "for the time being",
  "i guess",
  "i suppose",
].map((s) => s.split(" "));

/** Where a courtesy that runs to the end of `w` starts, or -1. */
export function trailingCourtesy(w: readonly string[]): number {
  // "please", "thanks", "pls" may follow it ("if you can please")
  let end = w.length;
  while (end > 0 && /^(?:please|pls|plz|thanks|thx|then|too)$/.test(w[end - 1]!)) end--;
  for (const c of COURTESIES) {
    const at = end - c.length;
    if (at >= 0 && c.every((x, k) => w[at + k] === x)) return at;
  }
  return -1;
}

/** The clause is only a courtesy or a degree ("at least", "if you can"). */
export function isOnlyCourtesy(w: readonly string[]): boolean {
  const at = trailingCourtesy(w);
  return at >= 0 && w.slice(0, at).every((x) => /^(?:then|and|but|ok|okay|so|please|pls)$/.test(x));
}
