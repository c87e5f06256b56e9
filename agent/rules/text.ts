/**
 * Words for the rules backend: tokens, edit distance, numbers written as digits or words, and sizes
 * with units. Nothing here knows about tools.
 */

export type TokenKind = "word" | "number" | "path" | "punct";

export interface Token {
  kind: TokenKind;
  /** As typed (case kept: "Anna", "Europe/Berlin"). */
  raw: string;
  /** Lowercased; for words, after typo correction against the keyword vocabulary. */
  norm: string;
  /** Offset in the input, for slicing the original text (full names, hostnames). */
  start: number;
  end: number;
}

// A path (/dev/sda, Europe/Berlin, /bin/zsh), a locale (de_DE.UTF-8), a number with an attached
// unit (500gb, 1.5tb), a word with inner hyphens/dots/underscores/plus (fd-find, python3.12,
// de-latin1), or one punctuation mark.
const TOKEN_RE =
  /(\/?[A-Za-z0-9_.+-]+(?:\/[A-Za-z0-9_.+-]+)+\/?)|([0-9]+(?:[.,][0-9]+)*)([a-zA-Z]+)?|([A-Za-z\u00C0-\u024F_][A-Za-z0-9\u00C0-\u024F_+]*(?:[-.'’][A-Za-z0-9\u00C0-\u024F_+]+)*)|([,;:!?()&]|\.(?=\s|$))/g;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    if (m[1]) {
      // "on /dev/nvme0n1. Windows stays": the sentence's full stop is no part of the path
      const path =
        /\.$/.test(m[1]) && /^(?:\s|$)/.test(text.slice(start + m[1].length))
          ? m[1].replace(/\.+$/, "")
          : m[1];
      out.push({ kind: "path", raw: path, norm: path.toLowerCase(), start, end: start + path.length });
      if (path !== m[1])
        out.push({
          kind: "punct",
          raw: ".",
          norm: ".",
          start: start + path.length,
          end: start + path.length + 1,
        });
    } else if (m[2]) {
      const num = m[2].replace(",", ".");
      out.push({ kind: "number", raw: m[2], norm: num, start, end: start + m[2].length });
      if (m[3]) {
        const s = start + m[2].length;
        out.push({ kind: "word", raw: m[3], norm: m[3].toLowerCase(), start: s, end: s + m[3].length });
      }
    } else if (m[4]) {
      const raw = m[4].replace(/’/g, "'");
      const norm = fold(raw.toLowerCase());
      // "i'm" → "i" "am"; "don't" → "do" "not": negation and presence matter to the parser.
      const contraction = /^([a-z]+)(n't|'m|'s|'re|'ll|'d|'ve)$/.exec(norm);
      if (contraction) {
        const head = contraction[1]!;
        const tail = contraction[2]!;
        const expand: Record<string, string> = {
          "n't": "not",
          "'m": "am",
          "'s": "is",
          "'re": "are",
          "'ll": "will",
          "'d": "would",
          "'ve": "have",
        };
        const base = tail === "n't" ? (head === "won" ? "will" : head === "can" ? "can" : head) : head;
        out.push({ kind: "word", raw, norm: base, start, end: start + head.length });
        out.push({
          kind: "word",
          raw,
          norm: expand[tail]!,
          start: start + head.length,
          end: start + raw.length,
        });
      } else {
        out.push({ kind: "word", raw, norm, start, end: start + raw.length });
      }
    } else if (m[5]) {
      out.push({ kind: "punct", raw: m[5], norm: m[5], start, end: start + 1 });
    }
  }
  return out;
}

/**
 * Letters without their accents: "São Paulo" → "sao paulo", "Zürich" → "zurich", "español" →
 * "espanol". People type place and language names both ways; the tables keep one spelling.
 */
export function fold(word: string): string {
  return word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .replace(/æ/g, "ae");
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters is one typo. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/** How many typos a word of this length may carry and still be recognised. */
export function typoBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/**
 * The candidate `word` is closest to within its typo budget; undefined when none, or when two
 * candidates are equally close (a tie is a guess).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const budget = typoBudget(word.length);
  let best: string[] = [];
  let bestD = budget + 1;
  for (const c of candidates) {
    if (c === word) return c;
    if (budget === 0 || typoBudget(c.length) === 0) continue;
    const limit = Math.min(budget, typoBudget(c.length));
    const dist = editDistance(word, c, limit);
    // over the shorter word's budget is no match ("whatever" is not "tmux")
    if (dist > limit) continue;
    if (dist < bestD) {
      best = [c];
      bestD = dist;
    } else if (dist === bestD && !best.includes(c)) best.push(c);
  }
  if (bestD > budget || best.length === 0) return undefined;
  if (best.length === 1) return best[0];
  // A dropped letter is the likelier typo: prefer the candidates at least as long as the word.
  const longer = best.filter((c) => c.length >= word.length);
  return longer.length === 1 ? longer[0] : undefined;
}

/** Number words and their values ("a"/"an" count one). */
export const SMALL: Readonly<Record<string, number>> = {
  zero: 0,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Words that are numbers: never "corrected" toward a keyword ("five" is not "give"). */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(SMALL),
  "hundred",
  "thousand",
  "half",
  "quarter",
  "point",
]);

export type UnitBase = "decimal" | "binary" | "either";

interface UnitInfo {
  power: 1 | 2 | 3 | 4;
  base: UnitBase;
}

const UNITS: Record<string, UnitInfo> = {};
for (const [power, letters, words] of [
  [1, "k", ["kilobyte", "kilobytes"]],
  [2, "m", ["meg", "megs", "megabyte", "megabytes", "mebibyte", "mebibytes"]],
  [3, "g", ["gig", "gigs", "gigabyte", "gigabytes", "gibibyte", "gibibytes"]],
  [4, "t", ["tera", "teras", "terabyte", "terabytes", "tebibyte", "tebibytes"]],
] as const) {
  UNITS[letters] = { power, base: "either" };
  UNITS[`${letters}b`] = { power, base: "decimal" };
  UNITS[`${letters}ib`] = { power, base: "binary" };
  for (const w of words) UNITS[w] = { power, base: /bibyte/.test(w) ? "binary" : "either" };
}

export interface SizeMention {
  /** The value in the unit, e.g. 0.5 for "half a terabyte". */
  value: number;
  power: 1 | 2 | 3 | 4;
  base: UnitBase;
  /** Token indexes [from, to). */
  from: number;
  to: number;
}

export function sizeBytes(s: SizeMention, base: "decimal" | "binary"): number {
  return s.value * (base === "decimal" ? 1000 : 1024) ** s.power;
}

/** Reads a number written in digits or words at tokens[i]; returns its value and the index after it. */
export function readNumber(tokens: readonly Token[], i: number): { value: number; next: number } | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.kind === "number") {
    const v = Number(t.norm);
    return Number.isNaN(v) ? undefined : { value: v, next: i + 1 };
  }
  if (t.kind !== "word") return undefined;
  if (t.norm === "half") {
    // "half a terabyte", "half a tb"
    const a = tokens[i + 1]?.norm === "a" || tokens[i + 1]?.norm === "an" ? i + 2 : i + 1;
    return { value: 0.5, next: a };
  }
  if (t.norm === "quarter") {
    let j = i + 1;
    if (tokens[j]?.norm === "of") j++;
    if (tokens[j]?.norm === "a" || tokens[j]?.norm === "an") j++;
    return { value: 0.25, next: j };
  }
  let value = 0;
  let j = i;
  let seen = false;
  let spokenHundreds = false;
  while (j < tokens.length) {
    const w = tokens[j]!.norm;
    const small = SMALL[w];
    if (small !== undefined && !(seen && (w === "a" || w === "an"))) {
      // "two fifty" is 250, "five twelve" 512, "nine sixty" 960: sizes said aloud drop the
      // "hundred". Only a single digit followed by a number of 10..99 reads this way.
      if (seen && value >= 1 && value <= 9 && small >= 10 && !spokenHundreds) {
        value = value * 100 + small;
        spokenHundreds = true;
        j++;
        if (tokens[j]?.norm === "-") j++;
        continue;
      }
      if (seen && value % 10 !== 0 && !spokenHundreds) break;
      value += small;
      seen = true;
      j++;
      if (tokens[j]?.norm === "-") j++;
      continue;
    }
    if (seen && w === "hundred") {
      value *= 100;
      j++;
      continue;
    }
    if (seen && w === "thousand") {
      value *= 1000;
      j++;
      continue;
    }
    const after = tokens[j + 1]?.norm;
    if (seen && w === "and" && after && after !== "a" && after !== "an" && SMALL[after] !== undefined) {
      j++;
      continue;
    }
    if (seen && (w === "point" || w === "dot") && tokens[j + 1]?.kind === "number") {
      value += Number(`0.${tokens[j + 1]!.raw}`);
      j += 2;
      continue;
    }
    break;
  }
  if (!seen) return undefined;
  // "a half" after a number: "one and a half terabytes"
  if (tokens[j]?.norm === "and" && tokens[j + 1]?.norm === "a" && tokens[j + 2]?.norm === "half") {
    value += 0.5;
    j += 3;
  }
  return { value, next: j };
}

/** Every size written in the tokens: "500gb", "1 tb", "half a terabyte", "8 GiB", "two terabytes". */
export function findSizes(tokens: readonly Token[]): SizeMention[] {
  const out: SizeMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const n = readNumber(tokens, i);
    if (!n) continue;
    const unit = tokens[n.next];
    const info = unit?.kind === "word" ? UNITS[unit.norm] : undefined;
    if (!info) continue;
    // "a gig" alone is a size only when "a" is really a count ("a terabyte disk"), which is fine.
    out.push({ value: n.value, power: info.power, base: info.base, from: i, to: n.next + 1 });
    i = n.next;
  }
  return out;
}

/** A literal (a program or person name) for use inside a RegExp. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
