import type { Token } from "./text.js";

/**
 * How far a removal verb reaches into the clauses after it that have no verb of their own.
 * "Banish htop, but let neovim abide", "remove tmux, but git and neovim so", "wget is removed and
 * git never is": a clause that opens with a contrast, or says a negation, turns away from the
 * removal before it; the programs it names were never asked to go (the rule of issue 14: a removal
 * stands only where the turn asks for that program's removal). "but also tmux" still adds to it.
 */
const CONTRAST = new Set(["but", "yet", "though", "although", "however", "whereas", "while", "except"]);
const NEGATION = new Set([
  "never",
  "not",
  "no",
  "nor",
  "neither",
  "dont",
  "don't",
  "doesnt",
  "doesn't",
  "won't",
  "wont",
]);
const ADDS = new Set(["also", "too", "additionally", "plus"]);

/** `clause` is one of the clauses cut from `text` (the cut drops the "but" that opens it). */
export function removalStopsAt(clause: readonly Token[], text: string): boolean {
  const w = clause.filter((t) => t.kind !== "punct").map((t) => t.norm);
  if (!w.length) return false;
  const before = /([a-z]+)[^a-z]*$/i.exec(text.slice(0, clause[0]!.start))?.[1]?.toLowerCase();
  const opens = [before, w[0]].find((x) => x !== undefined && CONTRAST.has(x));
  if (opens && !ADDS.has(w[0] === opens ? (w[1] ?? "") : w[0]!)) return true;
  // "htop goes home, we've got btop", "remove tmux, I have screen": a clause with a subject of its
  // own says something of its own; it is no item of the list the removal verb took
  if (SUBJECT.has(w[0]!) && w.length > 1) return true;
  if (ownPredicate(w)) return true;
  return w.some((x) => NEGATION.has(x));
}

/**
 * "I don't want htop anymore, btop does the job", "drop nano, micro works fine", "get rid of vim,
 * helix is what I use": the program this clause names is the subject of a verb of its own: the
 * clause says something about it (most often why it stays), and is no item of the removal's list.
 * Only a finite verb right after the name counts (an auxiliary, or a verb in -s), so a list item
 * with its filler ("btop too", "btop as well", "btop please") still goes. Safe: it only ever
 * keeps a program out of a removal.
 */
export function ownPredicate(w: readonly string[]): boolean {
  let i = 0;
  while (i < w.length && LIST_OPENERS.has(w[i]!)) i++;
  const after = w[i + 1];
  if (after === undefined) return false;
  return FINITE.has(after) || (/^[a-z]{3,}s$/.test(after) && !NOT_VERBS.has(after));
}

const LIST_OPENERS = new Set([
  "and",
  "or",
  "the",
  "my",
  "then",
  "so",
  "now",
  "since",
  "because",
  "cause",
  "cuz",
  "as",
]);
const FINITE = new Set([
  "is",
  "s",
  "isnt",
  "are",
  "arent",
  "was",
  "wasnt",
  "were",
  "does",
  "do",
  "did",
  "doesnt",
  "didnt",
  "has",
  "have",
  "had",
  "hasnt",
  "will",
  "wil",
  "can",
  "cant",
  "could",
  "should",
  "would",
  "wont",
  "shall",
  "may",
  "might",
  "must",
  "ll",
  "d",
  "re",
]);
/** Words in -s that follow a program's name in a list and are no verb. */
const NOT_VERBS = new Set([
  "plus",
  "also",
  "as",
  "its",
  "this",
  "thus",
  "yes",
  "pls",
  "plss",
  "thanks",
  "thx",
  "tks",
  "ones",
  "bits",
  "files",
  "configs",
  "settings",
  "dotfiles",
  "packages",
  "pkgs",
  "deps",
  "dependencies",
  "versions",
  "plugins",
  "extras",
  "things",
  "stuffs",
  "less",
  "unless",
]);

/** Personal pronouns as the subject opening a clause. */
const SUBJECT = new Set(["i", "we", "you", "he", "she", "they"]);
