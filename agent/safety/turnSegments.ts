import { isKeepWord, isNegator } from "./protectLexicon.js";

/**
 * The certainty gate's segmenter (./certaintyGate.ts): the turn cut coarsely into segments
 * (lines, sentences, commas, table rows kept whole, "but"/"though"/"except"...), parsing no
 * clauses, so that a protecting word is read beside the mention of the target it stands with.
 */

export interface Tok {
  w: string;
}

/** A piece of the turn: its words, and (for a table row) the header row's words. */
export interface Segment {
  toks: Tok[];
  header?: Tok[];
  /** A table row: its own item, never about the person a row before named. */
  row?: boolean;
}

const TOKEN = /[\p{L}\p{N}_/][\p{L}\p{N}_'’/.-]*/gu;

export function words(text: string): Tok[] {
  return [...text.toLowerCase().matchAll(TOKEN)].map((m) => ({
    w: m[0].replace(/’/g, "'").replace(/[.'-]+$/, ""),
  }));
}

/**
 * Words that start a segment of their own: a contrast or an exception turns what follows, and a
 * step in a sequence ("get rid of fd and then leave everything else") is a request of its own,
 * whose keep or refusal speaks of what it names, not of the step before it.
 */
const TURNS =
  /\s+(?=(?:but|though|although|whereas|while|except|apart from|other than|rather than|(?:and\s+)?then|after that|afterwards|dann|danach|puis|ensuite|luego|después|despues|poi|dopo|sedan|depois|daarna|derefter|deretter|potem|sonra)\b)/iu;
/**
 * A command-line flag starts a segment with its value ("--keep /dev/sda --disk /dev/nvme0n1
 * --swap 4G"): "--keep" speaks of its own value, never of the next flag's.
 */
const FLAG = /\s+(?=--?\p{L}[\p{L}\d-]*(?:[=\s]|$))/u;

/**
 * The turn cut coarsely. A table (two or more lines with the same "," "|" or tab) keeps each row
 * whole ("/dev/sda,keep", "omar | no"), its first row the header of the others.
 */
export function segments(text: string): Segment[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const sep = ["|", "\t", ",", ";"].find((s) => lines.filter((l) => l.includes(s)).length >= 2);
  const rows = sep ? lines.filter((l) => l.includes(sep)) : [];
  const header = rows.length >= 2 ? words(rows[0]!) : undefined;
  const out: Segment[] = [];
  for (const line of lines) {
    if (rows.includes(line)) {
      out.push({ toks: words(line), header: line === rows[0] ? undefined : header, row: true });
      continue;
    }
    // (a colon joins a label to its value: "sda: keep", "no-gos: erase sda", "ops:sudo")
    for (const piece of line.split(/[;|!?,]+|\.(?:\s|$)+/).flatMap(colonCut))
      for (const part of piece.split(TURNS).flatMap((x) => x.split(FLAG))) {
        const toks = words(part);
        if (!toks.length) continue;
        // a bare verdict ("bat? nope", "wipe sda? no") speaks of what was just said
        const prev = out.at(-1);
        if (prev && !prev.row && toks.every((x) => isNegator(x.w) || isKeepWord(x.w)))
          prev.toks.push(...toks);
        else out.push({ toks });
      }
  }
  return out;
}

/**
 * A colon after a word or two labels what follows ("sda: keep", "no-gos: erase sda", "ops:
 * sudo"): one piece. After a longer clause it ends it ("only if it won't touch the data drive:
 * install on the nvme").
 */
function colonCut(piece: string): string[] {
  const out: string[] = [];
  let rest = piece;
  for (let at = rest.search(/:\s/); at >= 0; at = rest.search(/:\s/)) {
    if (words(rest.slice(0, at)).length < 3) break;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...out, rest];
}
