/**
 * The joiners people type between the requests of one turn, said as the stops every reader already
 * splits at: a line break, a "+" or a "/" between spaces, and programs joined by bare slashes.
 *
 * "pls instal on nvme + user ali sudo + turkish keyboard istanbul + hostname ali-pc + add fzf" lost
 * the disk, the user and the keyboard without a word (tester 24 W34): the tokenizer drops a lone "+"
 * or "/" and never sees a line break, so two requests ran together as one clause and the reader of
 * the one kept its words while the other vanished. Said as ". " and ", " each request stands alone.
 *
 * Why this is safe: it only adds clause ends where the user typed a separator. A clause end never
 * carries a word across ("don't erase sda / use sdb": the negation stays with sda, as it does with
 * a comma), and each request is then read, screened and confirmed like a typed comma list. A line
 * that ends in a joining word ("install ripgrep and" / "fd") is one sentence wrapped, and stays one.
 * Unspaced slashes join only names that are all programs here ("fzf/bat/eza"): "Europe/Berlin",
 * "/dev/sda", "and/or" are left as typed. This runs last, after every step that reads lines alone.
 */

/** Words that leave a sentence open at the end of a line: the next line goes on with it. */
const OPEN_ENDS = new Set([
  "and",
  "or",
  "but",
  "with",
  "without",
  "to",
  "for",
  "of",
  "on",
  "onto",
  "in",
  "into",
  "the",
  "a",
  "an",
  "my",
  "his",
  "her",
  "their",
  "our",
  "plus",
  "then",
  "also",
  "as",
  "at",
  "by",
  "from",
  "not",
  "no",
  "dont",
  "don't",
  "never",
  "than",
  "is",
  "are",
  "be",
  "should",
  "will",
  "named",
  "called",
]);

/** Words that open a line as the continuation of the one before ("and fd", "then reboot"). */
const OPEN_STARTS = new Set(["and", "or", "but", "then", "also", "plus", "&"]);

/** Punctuation said as words, the way dictation types it. */
const SPOKEN_MARKS: readonly [RegExp, string][] = [
  [/\s*\bcomma\b[.,]?/gi, ","],
  [/\s*\b(?:period|full stop|new ?line|next line)\b[.,]?/gi, "."],
  [/\s*\bsemi-?colon\b[.,]?/gi, ";"],
  [/\s*\bquestion mark\b[.,]?/gi, "?"],
  [/\s*\bexclamation (?:mark|point)\b[.,]?/gi, "!"],
];

/**
 * "install ripgrep comma fd comma and bat period set the hostname to forge period": dictated
 * marks, read as marks only where the turn is dictation (two of them, or a "comma", which no
 * request says as a word); "a trial period" alone stays a word.
 */
function sayDictatedMarks(text: string): string {
  const count = SPOKEN_MARKS.reduce((n, [re]) => n + (text.match(re)?.length ?? 0), 0);
  if (count < 2 && !/\bcomma\b/i.test(text)) return text;
  let out = text;
  for (const [re, mark] of SPOKEN_MARKS) out = out.replace(re, mark);
  return out;
}

export function sayListJoiners(text: string, programs: ReadonlySet<string>): string {
  let out = sayDictatedMarks(text);
  if (/[\r\n]/.test(out)) out = joinLines(out);
  // "nvme + user ali sudo", "btop / and lazygit": a lone mark between words is a list comma
  // (never "UTC+2", "c++", "+jq": a mark touching a word is left to the readers that know it)
  out = out.replace(/(\S)[ \t]+[+/][ \t]+(?=[^\s\d+/])/g, "$1, ");
  // "fzf/bat/eza": only when every piece is a program of this machine
  out = out.replace(/(?<![\w/.-])[a-z0-9][\w.+-]*(?:\/[a-z0-9][\w.+-]*)+(?![\w/])/gi, (m) => {
    const pieces = m.split("/");
    return pieces.every((p) => programs.has(p.toLowerCase())) ? pieces.join(", ") : m;
  });
  return out;
}

function joinLines(text: string): string {
  const lines = text
    .split(/\r?\n|\r/)
    // "install these:" / ". fzf." (a bullet said as a stop by the form lines): the item, unmarked
    .map((l) => l.trim().replace(/^(?:[.*•·]|-(?!\S))\s+/, ""))
    .filter((l) => l.length > 0);
  if (lines.length < 2) return lines.join("");
  let out = lines[0]!;
  for (const line of lines.slice(1)) {
    const lastWord = /([\w']+)\W*$/.exec(out)?.[1]?.toLowerCase() ?? "";
    const firstWord = /^\W*([\w&']+)/.exec(line)?.[1]?.toLowerCase() ?? "";
    const stopped = /[.,;:!?]$/.test(out);
    const open = OPEN_ENDS.has(lastWord) || OPEN_STARTS.has(firstWord) || /^[&]/.test(line);
    out += stopped || open ? ` ${line}` : `. ${line}`;
  }
  return out;
}
