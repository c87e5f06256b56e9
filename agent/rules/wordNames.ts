import { recipeOf } from "./recipes.js";
import { editDistance, type Token } from "./text.js";
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

/**
 * Words of grammar (prepositions, quantifiers, adverbs, wh-words): as a name they need a list's
 * end after them ("remove just", never "remove htop just because"). A name that is a noun ("the
 * dust disk usage tool", "add micro just in case") is the object right after an imperative verb.
 */
const FUNCTION_WORDS = new Set(
  (
    "about after again all also any at but can else even for from how if in just less many more most " +
    "much not now of off on once only or out over so some still than that then there this to too up " +
    "what when where which while who why will yes you"
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

/** A word-like name that is a noun or a verb, not a word of grammar. */
function isContentName(name: string): boolean {
  return (
    isWordName(name) &&
    !FUNCTION_WORDS.has(name) &&
    !STOP.has(name) &&
    !PRONOUNS.has(name) &&
    !NEGATIONS.has(name)
  );
}

/** Words before "use" that say a program is not used ("i dont use bat", "no longer use"). */
const USE_NEGATIONS = new Set([
  "dont",
  "don't",
  "never",
  "not",
  "longer",
  "rarely",
  "barely",
  "hardly",
  "cant",
]);
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
/** Words that join a list of programs ("lazygit n delta" typed fast). */
const JOINERS = new Set([",", "and", "or", "&", "+", "plus", "nor", "n"]);
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
  "anyway",
  "anymore",
  "tho",
  "though",
  // "need go installed", "want rust installed": the participle of the request after its object
  "installed",
]);
/** Words that hedge an answer after its name ("micro probably", "helix i guess"). */
const HEDGES = new Set(["probably", "maybe", "perhaps", "hopefully", "ig", "imo", "i guess"]);
const HEDGE_VERBS = new Set(["guess", "think", "suppose", "reckon", "believe"]);
/**
 * Words that open a reason or a phrase after the object ("install jq so I can…", "remove fd
 * from the tree"): after a word of grammar they say it was no object ("remove htop just because").
 */
const CLAUSE_AFTER = new Set(["for", "from", "then", "if", "because", "since", "but", "so", "with"]);
/**
 * Words that order a list's items ("first rust, then go, lastly tokei"). Why this is safe: they
 * are read only in a turn with no removal verb ("remove fd, then pass" removes no pass), and
 * only let a program named like a word ("rust", "go", "bat") stand as an item where a clause start,
 * a comma or a verb opens the item and the list closes right after the name (a sentence end, a
 * joiner, "too"): "then go ahead" and "first bat is broken" close nothing, so stay words.
 */
const SEQUENCE = new Set([
  "first",
  "firstly",
  "then",
  "next",
  "lastly",
  "finally",
  "last",
  "afterwards",
  "after",
]);
/** Answer words that may open a list ("yes bat too", "ok fine, delta"). */
const ANSWER_WORDS = new Set(["yes", "yeah", "yep", "ok", "okay", "sure", "fine", "oh", "well", "hmm"]);
/** Object pronouns between an imperative verb and its programs ("give them micro and htop"). */
const OBJECT_PRONOUNS = new Set(["it", "them", "me", "him", "her", "us"]);
/** Words before an imperative verb that leave it imperative ("and give…", "can you add…"). */
const FILLERS = new Set([
  "please",
  "pls",
  "plz",
  "and",
  "then",
  "also",
  "just",
  "now",
  "ok",
  "okay",
  "so",
  "oh",
  "hey",
  "yes",
  "yeah",
  "yep",
  "sure",
  "can",
  "could",
  "would",
  "will",
  "you",
  "u",
  "kindly",
  "go",
  "ahead",
  "lets",
  "let",
  "actually",
  "alright",
  "well",
  "maybe",
  // "but remove bat", "instead drop delta"
  "but",
  "instead",
  "hmm",
  "um",
  "uh",
  "ah",
  "btw",
  "no",
  "nah",
  "wait",
  "sorry",
  "first",
  "next",
  "finally",
  "lastly",
  "right",
]);
/** Words of a wish before the verb ("I'd like to remove…", "we want to add…", "i wanna drop…"). */
const WISHES = new Set(["want", "wanna", "need", "like", "love", "would", "will", "gotta", "have", "wish"]);
/** Who wishes: only before a wish ("I kill time" is no command, "I want to remove dust" is). */
const WISHERS = new Set(["i", "we", "id", "really", "also", "just", "still"]);
/** Verbs that want a subject to mean a request ("I like the delta view"): never imperative here. */
const WEAK_VERBS = new Set(["need", "want", "like"]);
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
/** Kinds of program said before the name ("install an editor micro", "the pager less"). */
const KIND_WORDS = new Set([...RECIPE_WORDS, "editor", "pager", "viewer", "shell", "prompt", "terminal"]);
/** Nouns that say so only after a determiner ("the micro one", "teh bat thing"; never "just one"). */
const SOFT_RECIPE_WORDS = new Set(["one", "thing", "things", "stuff"]);
/** Words after "the delta tool" that make it a clause's subject ("the delta tool is too small"). */
const SUBJECT_VERBS = new Set([
  "is",
  "are",
  "was",
  "were",
  "does",
  "do",
  "did",
  "has",
  "have",
  "had",
  "can",
  "could",
  "will",
  "would",
  "should",
  "works",
  "runs",
  "seems",
  "looks",
  "s",
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
  // "i dont use bat anymore", "I never touch dust": what is said unused is the request's object
  if (["use", "touch"].includes(t.norm) && USE_NEGATIONS.has(tokens[i - 1]?.norm ?? "")) return true;
  // "can i have dust?", "could we get delta": asking to have a program is asking for it
  if (
    ["have", "get", "grab"].includes(t.norm) &&
    ["i", "we"].includes(tokens[i - 1]?.norm ?? "") &&
    ["can", "could", "may", "might"].includes(tokens[i - 2]?.norm ?? "")
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
 * A request verb said as a command: at the clause's start, after fillers alone ("and give them…",
 * "can you add…"); "it's only to kill time", "I like the delta view" are no command.
 */
function isImperative(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (!t || KEEP_LEADS.has(t.norm) || WEAK_VERBS.has(t.norm)) return false;
  let verb = i;
  // "get rid of": the verb is "get"
  if (t.norm === "of") verb = i - 2;
  else if (!INSTALL_VERBS.has(t.norm) && !REMOVE_VERBS.has(t.norm) && !REPLACE_VERBS.has(t.norm))
    return false;
  let wished = false;
  for (let m = verb - 1; m >= 0; m--) {
    const w = tokens[m]!;
    if (w.kind === "punct") return true;
    // "add fzf and remove bat": a joiner after a clause of words opens a new command, as a comma does
    if (
      JOINED_VERBS.has(w.norm) &&
      m > 0 &&
      tokens[m - 1]!.kind !== "punct" &&
      !FILLERS.has(tokens[m - 1]!.norm)
    )
      return commandBefore(tokens, m);
    // "I want you to remove…"
    if (w.norm === "to" && tokens.slice(Math.max(0, m - 3), m).some((x) => WISHES.has(x.norm))) continue;
    if (WISHES.has(w.norm)) wished = true;
    else if (!FILLERS.has(w.norm) && !(wished && WISHERS.has(w.norm))) return false;
  }
  return true;
}

/** The joiners that put a second command beside a first ("add fzf and remove bat", "… then drop delta"). */
const JOINED_VERBS = new Set(["and", "then", "also", "plus", "&"]);
/** Who a clause is said of when it is no command ("i use fzf and remove bat at times"). */
const SUBJECTS = new Set([
  "i",
  "we",
  "he",
  "she",
  "they",
  "it",
  "this",
  "that",
  "there",
  "who",
  "which",
  "what",
  "my",
  "our",
  "his",
  "her",
  "their",
  "its",
  "everyone",
  "everybody",
  "nobody",
  "someone",
]);

/**
 * The clause before the joiner at `m` is a command: it opens (past fillers) with no subject. Why
 * this is safe: a removal verb read as imperative only makes a program named like a word ("bat",
 * "delta") its object, as "remove fd" already is; a clause said of someone ("i use fzf and remove
 * bat at times", "it is how I kill time and ...") still keeps the verb a statement.
 */
function commandBefore(tokens: readonly Token[], m: number): boolean {
  let s = m - 1;
  while (s > 0 && tokens[s - 1]!.kind !== "punct") s--;
  while (s < m && FILLERS.has(tokens[s]!.norm)) s++;
  return s < m && !SUBJECTS.has(tokens[s]!.norm);
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
  const nameAt = (i: number) => {
    const t = tokens[i];
    return t && (t.kind === "word" || t.kind === "number") ? recipeOf(t, names) : undefined;
  };
  const isName = (i: number) => nameAt(i) !== undefined;
  /** A word one letter off a program's name that is no word of English ("ezaa", "ripgrp"). */
  const misspelt = (i: number) => {
    const t = tokens[i];
    if (!t || t.kind !== "word" || t.norm.length < 3 || isName(i)) return false;
    return names.some((n) => n.length >= 3 && !isWordName(n) && editDistance(t.norm, n, 1) === 1);
  };
  const norm = (i: number) => tokens[i]?.norm ?? "";
  // "remove fd, then pass": in a turn that removes, an ordering word opens no item (only the
  // joiners do, as before), so no program named like a word is removed on its strength
  const removal = tokens.some((t) => REMOVE_VERBS.has(t.norm));
  for (let i = 0; i < tokens.length; i++) {
    if (!isName(i)) continue;
    if (quoted(tokens[i]!, text)) out.add(i);
    // "the delta package", but never its subject: "the delta tool is too small"
    if (RECIPE_WORDS.has(norm(i + 1)) && !SUBJECT_VERBS.has(norm(i + 2))) out.add(i);
    // "the micro one", "teh bat thing": a soft noun after "the <name>"
    if (
      SOFT_RECIPE_WORDS.has(norm(i + 1)) &&
      DETERMINERS.has(norm(i - 1)) &&
      norm(i - 1) !== "just" &&
      !SUBJECT_VERBS.has(norm(i + 2))
    )
      out.add(i);
  }
  /** Past the name at `k` (and its "package", version): where the next word stands. */
  const pastName = (k: number) => {
    let n = k + 1;
    while (tokens[n] && (RECIPE_WORDS.has(tokens[n]!.norm) || tokens[n]!.kind === "number")) n++;
    return n;
  };
  /**
   * The word at `n` closes a list whose last name is `name`: the sentence ends, a joiner or a
   * polite word follows ("too", "please", never "too small"), or a reason opens after a name that
   * is no word of grammar ("jq so I can…", never "htop just because").
   */
  const closes = (n: number, name: string) => {
    const next = tokens[n];
    if (!next || next.kind === "punct" || JOINERS.has(next.norm)) return true;
    if (next.norm === "too") {
      const then = tokens[n + 1];
      return then?.kind !== "word" || AFTER.has(then.norm) || JOINERS.has(then.norm);
    }
    if (AFTER.has(next.norm) || HEDGES.has(next.norm)) return true;
    // "micro i guess", "helix I think"
    if (next.norm === "i" && HEDGE_VERBS.has(norm(n + 1))) return true;
    return CLAUSE_AFTER.has(next.norm) && !FUNCTION_WORDS.has(name) && !STOP.has(name);
  };
  /**
   * "ripgrep fd bat eza and fzf", "lazygit delta helix,": a bare run of names from `j` that the
   * sentence closes is a list when it joins, ends with a name of no word or holds three names
   * (never "the fd file": two names, the last a word).
   */
  const bareList = (j: number) => {
    let count = 0;
    let joined = false;
    for (let m = j; ; ) {
      const name = nameAt(m);
      if (!name) return false;
      count++;
      const n = pastName(m);
      if (isName(n) && !JOINERS.has(norm(n))) {
        m = n;
        continue;
      }
      if (JOINERS.has(norm(n)) && norm(n) !== ",") {
        let after = n + 1;
        while (tokens[after] && (JOINERS.has(norm(after)) || tokens[after]!.kind === "punct")) after++;
        if (isName(after)) {
          joined = true;
          m = after;
          continue;
        }
      }
      return closes(n, name) && (joined || !isWordName(name) || count >= 3);
    }
  };
  /** Where each list starts, and whether a program's name opens it: such a list goes on only through a joiner ("fd and bat", never "fd file"). */
  const leads: [number, boolean][] = [[-1, false]];
  tokens.forEach((t, i) => {
    // "ripgrep because grep is slow, and delta because…": a comma opens a list too
    if (isLead(tokens, i) || (t.kind === "punct" && /^[.;:!?,]+$/.test(t.raw))) leads.push([i, false]);
    // "the smaller one of fd and bat": a list that a name of no word opens is a list of programs
    if (isName(i) && !isWordName(nameAt(i)!)) {
      leads.push([i - 1, true]);
    }
  });
  for (const [lead, fromName] of leads) {
    // "it's how I kill time", "we lose less time": a removal verb said of someone is no request
    if (!fromName && REMOVE_VERBS.has(norm(lead)) && !isImperative(tokens, lead)) continue;
    let j = lead + 1;
    // "and bat too", ", and delta because…"
    // "I mean, yes bat too", "ok fine, delta": an answer word before the list
    // "first rust, then go, then nodejs, lastly tokei": a word that orders the items of a list
    // opens the next item as a joiner does
    while (
      tokens[j] &&
      (tokens[j]!.kind === "punct" ||
        JOINERS.has(norm(j)) ||
        ANSWER_WORDS.has(norm(j)) ||
        (SEQUENCE.has(norm(j)) && !removal))
    )
      j++;
    const imperative = !fromName && isImperative(tokens, lead);
    // "remove it bat" (an answer read with its question), "give them micro and htop"
    if (imperative)
      while (OBJECT_PRONOUNS.has(norm(j)) && (isName(j + 1) || DETERMINERS.has(norm(j + 1)))) j++;
    let determined = fromName;
    let first = true;
    /** Where the bare run of names the current one stands in began ("ripgrep dust delta"). */
    let run = -1;
    for (;;) {
      // "just bat": a determiner-like word, even one that names a recipe, before another program
      // "an editor micro", "the package delta": the kind said before the name
      const before = (i: number) => DETERMINERS.has(norm(i)) || KIND_WORDS.has(norm(i));
      while (tokens[j] && before(j) && (isName(j + 1) || before(j + 1))) {
        determined = true;
        j++;
      }
      const name = nameAt(j);
      if (!name) {
        // "i want ezaa and dust": a misspelt program (asked about later) still holds the list's
        // place, so what it is joined to stays an object (conv10-people-typos)
        if (misspelt(j) && JOINERS.has(norm(j + 1)) && norm(j + 1) !== ",") {
          j += 2;
          while (tokens[j] && (JOINERS.has(tokens[j]!.norm) || tokens[j]!.kind === "punct")) j++;
          run = -1;
          continue;
        }
        break;
      }
      if (run < 0) run = j;
      const k = pastName(j);
      const next = tokens[k];
      const ends =
        closes(k, name) ||
        // "add the dust disk usage tool", "add micro just in case": the noun a command opens with
        (first && imperative && isContentName(name)) ||
        (isName(k) && (!isWordName(name) || bareList(run)));
      if (!ends) break;
      out.add(j);
      first = false;
      if (!next) break;
      // "fd ripgrep bat": a bare list of names, never one after "the" ("the fd file")
      if (isName(k) && !JOINERS.has(next.norm)) {
        if (determined && !bareList(run)) break;
        j = k;
        continue;
      }
      if (!JOINERS.has(next.norm)) break;
      j = k + 1;
      run = -1;
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
