import { editDistance } from "./text.js";

/**
 * Which misspelled program names an INSTALL takes as said (issue 14, round 24). Round ten offered
 * every misspelled name ("Do you mean zoxide (for "zoxdie")?"); the fresh sets' writers since expect
 * the install itself ("instal lazygit and zoxdie", "Prescribe ripgerp and dleta", "Gary would like
 * starhsip and fdd"), and an install destroys nothing: a wrong one is a line of the plan the user
 * reads before saying yes. So a misspelling is read as the program where exactly ONE known name is
 * that close: a word two names are as near to stays a question. A removal is never made from a
 * misspelling (recipeStep keeps offering it): only a name said clearly is taken away.
 */

/**
 * Whether `name` is the one name among `names` as near to `word` as it is, with the first letter
 * kept ("zoxdie" → zoxide; "xtop" is as near to btop as to htop; "rust" starts no "dust").
 */
export function soleNearest(word: string, name: string, names: readonly string[]): boolean {
  // a slip keeps the first letter: "rust" is no dust, "htop" (a program of its own) no btop
  if (word[0] !== name[0]) return false;
  const d = editDistance(word, name, 2);
  if (d > 2) return false;
  return names.filter((n) => editDistance(word, n, d) <= d).length === 1;
}

/**
 * The one name a short word is a keyboard slip of: the name with one letter typed twice ("fdd",
 * "jqq", "yqq", "batt", "ezza") or two neighbouring letters swapped ("bta", "htpo"). Both keep
 * every letter of the name in its order or next to it, a shape an English word rarely has; the
 * general typo reader leaves names of two and three letters alone, so without this they were no
 * program at all ("\"fdd\" is not a recipe here").
 */
export function slipOf(word: string, names: readonly string[]): string | undefined {
  if (word.length < 3 || !/^[a-z0-9]+$/.test(word)) return undefined;
  const hits = names.filter((n) => n.length >= 2 && n !== word && (doubled(word, n) || swapped(word, n)));
  return hits.length === 1 ? hits[0] : undefined;
}

/** `word` is `name` with one of its letters typed twice. */
function doubled(word: string, name: string): boolean {
  if (word.length !== name.length + 1) return false;
  for (let i = 1; i < word.length; i++)
    if (word[i] === word[i - 1] && word.slice(0, i) + word.slice(i + 1) === name) return true;
  return false;
}

/** `word` is `name` with two neighbouring letters swapped, the first letter kept ("tba" is no bat). */
function swapped(word: string, name: string): boolean {
  if (word.length !== name.length) return false;
  for (let i = 1; i + 1 < word.length; i++)
    if (word[i] !== word[i + 1] && word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) === name)
      return true;
  return false;
}
