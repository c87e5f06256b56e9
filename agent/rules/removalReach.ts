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
  return w.some((x) => NEGATION.has(x));
}

/** Personal pronouns as the subject opening a clause. */
const SUBJECT = new Set(["i", "we", "you", "he", "she", "they"]);
