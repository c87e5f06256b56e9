import { recipeOf } from "./recipes.js";
import type { Token } from "./text.js";
import { STOP } from "./tokens.js";
import {
  COMMON,
  INSTALL_VERBS,
  NEGATIONS,
  PRONOUNS,
  REMOVE_VERBS,
  REPLACE_VERBS,
  VOCABULARY,
} from "./vocab.js";

/**
 * Recipes named like ordinary English words (attacker 8, H1): "remove fd and just keep the rest"
 * removed fd and a recipe called `just`; "remove lazygit, the delta is too small" removed delta.
 * A name that is also a word names its recipe only where it stands as an object of the request:
 * in the list after the verb ("remove just", "install less and tree"), with a recipe word ("the
 * delta package") or quoted ("remove `just`"). Inside a reason, a subordinate clause or as an
 * adverb ("I just need it", "at once", "I use it less") it is the word. Names that are no word
 * (fd, ripgrep) are read as before: a user does not say them by accident.
 */

/** Words that name Unix tools (and so may name a user's recipes) and also mean something. */
const ENGLISH = new Set(
  (
    "about after again age all also any arc at awk bat bc bear bison bottom broot but can cat choose clean " +
    "cut date delta diff dust ed else even expect file find fish flex for free from glow go gum head hide " +
    "how ice if in jump just keep kill less like links list look lynx make man many mark micro more most " +
    "move much mutt nano new nice node not now of off on once only open or out over paste pass patch pick " +
    "pine point print proof pure rain ranger rest run rust say screen sed see set shell show sleep so " +
    "some sort split spot still sure tail take task tea tee test than that then there this tide time to " +
    "too top touch tree true up use want watch way what when where which while who why will wish yes you"
  ).split(" "),
);

/** The recipe's name is also a word of ordinary speech. */
export function isWordName(name: string): boolean {
  return (
    ENGLISH.has(name) ||
    STOP.has(name) ||
    COMMON.has(name) ||
    VOCABULARY.includes(name) ||
    PRONOUNS.has(name) ||
    NEGATIONS.has(name) ||
    INSTALL_VERBS.has(name) ||
    REMOVE_VERBS.has(name)
  );
}

/** Words that open the list of what a request acts on. */
const KEEP_LEADS = new Set([
  "keep",
  "leave",
  "spare",
  "except",
  "excluding",
  "besides",
  "not",
  "but",
  "only",
]);
/** Words between a lead and the first program ("remove the delta package", "add also tree"). */
const DETERMINERS = new Set(["the", "a", "an", "my", "our", "your", "also", "just", "only", "both", "too"]);
/** Words that join a list of programs. */
const JOINERS = new Set([",", "and", "or", "&", "+", "plus", "nor"]);
/** Words a program's name may be followed by and still be the object ("remove tree please"). */
const AFTER = new Set([
  "too",
  "also",
  "as",
  "please",
  "pls",
  "plz",
  "now",
  "again",
  "for",
  "from",
  "completely",
  "entirely",
  "altogether",
  "today",
  "thanks",
  "thx",
  "ty",
  "version",
  "ver",
  "v",
  "instead",
  "then",
  "if",
  "because",
  "since",
  "but",
  "so",
  "with",
  "anyway",
  "anymore",
]);
/** Nouns that say the word before them is a program ("the delta package"). */
const RECIPE_WORDS = new Set([
  "package",
  "packages",
  "pkg",
  "tool",
  "tools",
  "recipe",
  "recipes",
  "program",
  "programs",
  "app",
  "apps",
  "utility",
  "util",
  "command",
  "binary",
  "cli",
]);

function quoted(t: Token, text: string | undefined): boolean {
  if (!text) return false;
  const before = text.slice(Math.max(0, t.start - 1), t.start);
  const after = text.slice(t.end, t.end + 1);
  return /["'`‘“]/.test(before) && /["'`’”]/.test(after);
}

function isLead(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (
    INSTALL_VERBS.has(t.norm) ||
    REMOVE_VERBS.has(t.norm) ||
    REPLACE_VERBS.has(t.norm) ||
    KEEP_LEADS.has(t.norm)
  )
    return true;
  // "get rid of", "get shot of"
  if (t.norm === "of" && ["rid", "shot"].includes(tokens[i - 1]?.norm ?? "")) return true;
  // "replace less with most", "swap fd for tree"
  if ((t.norm === "with" || t.norm === "for") && tokens.slice(0, i).some((x) => REPLACE_VERBS.has(x.norm)))
    return true;
  return false;
}

/**
 * The positions of the tokens that stand as objects of the request: the programs of each list
 * that starts at a lead (a verb, the clause's start) and runs while programs are joined.
 */
export function objectPositions(
  tokens: readonly Token[],
  names: readonly string[],
  text?: string,
): Set<number> {
  const out = new Set<number>();
  const isName = (i: number) => {
    const t = tokens[i];
    return !!t && (t.kind === "word" || t.kind === "number") && recipeOf(t, names) !== undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (quoted(t, text) && isName(i)) out.add(i);
    if (isName(i) && RECIPE_WORDS.has(tokens[i + 1]?.norm ?? "")) out.add(i);
  }
  /** Where each list starts, and whether a program's name opens it: such a list goes on only through a joiner ("fd and bat", never "fd file"). */
  const leads: [number, boolean][] = [[-1, false]];
  tokens.forEach((t, i) => {
    if (isLead(tokens, i) || (t.kind === "punct" && /^[.;:!?]+$/.test(t.raw))) leads.push([i, false]);
    // "the smaller one of fd and bat": a list that a name of no word opens is a list of programs
    if (isName(i) && !isWordName(recipeOf(t, names)!)) {
      leads.push([i - 1, true]);
    }
  });
  for (const [lead, fromName] of leads) {
    let j = lead + 1;
    while (tokens[j]?.kind === "punct") j++;
    let determined = fromName;
    for (;;) {
      // "just bat": a determiner-like word, even one that names a recipe, before another program
      while (
        tokens[j] &&
        DETERMINERS.has(tokens[j]!.norm) &&
        (isName(j + 1) || DETERMINERS.has(tokens[j + 1]?.norm ?? ""))
      ) {
        determined = true;
        j++;
      }
      if (!isName(j)) break;
      let k = j + 1;
      while (tokens[k] && (RECIPE_WORDS.has(tokens[k]!.norm) || tokens[k]!.kind === "number")) k++;
      const next = tokens[k];
      const ends =
        !next ||
        next.kind === "punct" ||
        JOINERS.has(next.norm) ||
        AFTER.has(next.norm) ||
        (isName(k) && !isWordName(recipeOf(tokens[j]!, names)!));
      if (!ends) break;
      out.add(j);
      if (!next) break;
      // "fd ripgrep bat": a bare list of names, never one after "the" ("the fd file")
      if (isName(k) && !JOINERS.has(next.norm)) {
        if (determined) break;
        j = k;
        continue;
      }
      if (!JOINERS.has(next.norm)) break;
      j = k + 1;
      while (tokens[j] && (JOINERS.has(tokens[j]!.norm) || tokens[j]!.kind === "punct")) j++;
    }
  }
  return out;
}

/**
 * The recipes `found` in a clause less the word-like ones that stand nowhere as an object of the
 * request. The lists are read over the whole turn (`whole`), since a clause may end inside a
 * sentence ("remove fd and just | keep the rest").
 */
export function requestedNames(
  found: readonly string[],
  clause: readonly Token[],
  whole: readonly Token[],
  names: readonly string[],
  text?: string,
): string[] {
  if (!found.some(isWordName)) return [...found];
  const at = new Set([...objectPositions(whole, names, text)].map((i) => whole[i]!.start));
  return found.filter(
    (name) => !isWordName(name) || clause.some((t) => at.has(t.start) && recipeOf(t, names) === name),
  );
}
