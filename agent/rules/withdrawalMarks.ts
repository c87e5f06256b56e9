/**
 * Marks that take back what was just said, said as plain words the readers know:
 * - a trailing negation of the whole sentence ("erase sda. NOT.", "remove git... not!", "remove git
 *   — not"): the joke form of "don't", which no reader saw because it stands after its verb in a
 *   sentence of its own. The sentence before it becomes "don't …".
 * - a struck-out name in brackets ("remove fd and git (scratch git)"): "(not git)".
 * - a name left undecided ("git tbd", "sdb: undecided", "sudo: not sure"): "maybe git", the hedge
 *   every reader of erases, removals and grants already asks about instead of acting.
 */

/** A lone "not" closing a sentence: after an ellipsis, full stop, "!", ";" or a dash, before an end. */
const TRAILING_NOT = /(\.{2,}|…|[.!?;]|\s[-–—]+)\s*not\s*(?:[.!?…]+|(?=$)|(?=\s*[-–—]))\s*/gi;

/** Words that take back the name after them in a bracket. */
const STRUCK =
  /\(\s*(?:scratch|scrap|scrapped|strike|struck|cross\s+out|crossed\s+out|cross\s+off|nix|nixed|skip|forget)\s+(?:that\s+|the\s+)?([a-z0-9][\w/.+-]*)\s*\)/gi;

/** A name followed by a word that leaves it undecided ("git tbd", "sudo: undecided", "sdb: not sure"). */
const UNDECIDED =
  /(?<![\w'’])([a-z0-9][\w/.+-]*)(?:\s*[:=]\s*|\s+[-–]\s+|\s+)(?:tbd|tba|tbc|to be decided|to be confirmed|undecided|\((?:tbd|tba|tbc|undecided)\))(?=$|[\s.,;!?)])/gi;
/** The same said with a doubt that needs its colon to be about the name ("sudo: not sure", not "i'm not sure"). */
const UNSURE =
  /(?<![\w'’])([a-z0-9][\w/.+-]*)(?:\s*[:=]\s*|\s+[-–]\s+)(?:not sure(?: yet)?|unsure|dunno|idk|maybe|\?+)(?=$|[\s.,;!)])/gi;

/** Words that are never the name a mark takes back. */
const NOT_A_NAME = /^(?:i|im|i'm|is|am|are|it|its|still|was|and|or|but|so|that|this|yet|about|me|we|you)$/i;

export function sayWithdrawalMarks(text: string): string {
  let out = text;
  out = out.replace(STRUCK, (_m, name: string) => `(not ${name})`);
  const hedge = (m: string, name: string) => (NOT_A_NAME.test(name) ? m : `maybe ${name}`);
  out = out.replace(UNDECIDED, hedge).replace(UNSURE, hedge);
  out = withdrawTrailingNots(out);
  return out;
}

/** "A. NOT. B" → "don't A. B": the sentence before the lone "not" is the one it takes back. */
function withdrawTrailingNots(text: string): string {
  let out = text;
  for (let guard = 0; guard < 8; guard++) {
    TRAILING_NOT.lastIndex = 0;
    const m = TRAILING_NOT.exec(out);
    if (!m) break;
    const before = out.slice(0, m.index);
    // the sentence it closes starts after the last sentence end before it
    const start = Math.max(before.search(/[^.!?;…]*$/), 0);
    const sentence = before.slice(start).trim();
    if (!/[a-z]/i.test(sentence)) {
      out = before + out.slice(m.index + m[0].length);
      continue;
    }
    const rest = out.slice(m.index + m[0].length);
    out = `${before.slice(0, start)}${start ? " " : ""}don't ${sentence}.${rest ? ` ${rest}` : ""}`;
  }
  // only a turn that had a lone "not" is respaced: a pasted listing keeps its lines
  return out === text ? text : out.replace(/[ \t]{2,}/g, " ").trim();
}
