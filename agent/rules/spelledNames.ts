/**
 * Names spelled out, said as the name before any reader sees them: "s d a", "n-v-m-e", "ess dee
 * ay", "r, o, s, a. rosa.", "h e l i x", "p-a-v-e-l". A name read letter by letter otherwise reaches
 * the readers as single letters: a user per letter, a recipe "r-i-p-g-r-e-p" that does not exist,
 * or a sudo grant for "p-a-v-e-l" that no one asked for under that name.
 *
 * Careful, because "a" and "i" are words: letters with dashes between them are always one name
 * (no sentence writes "p-a-v"), but letters with spaces or commas, or letter names ("ess", "dee"),
 * are joined only when the result is a name this machine knows (a disk, a recipe), when a word that
 * asks for a name comes just before ("user", "hostname", "called"), or when the name itself follows
 * ("kay eye em. kim."): then the spelling goes and the name stays.
 */

/** Letter names as said aloud; the ones that are also common words never start a spelling alone. */
const LETTER_NAMES: Record<string, string> = {
  ay: "a",
  bee: "b",
  cee: "c",
  dee: "d",
  ee: "e",
  ef: "f",
  eff: "f",
  gee: "g",
  aitch: "h",
  eye: "i",
  jay: "j",
  kay: "k",
  el: "l",
  ell: "l",
  em: "m",
  en: "n",
  oh: "o",
  pee: "p",
  cue: "q",
  ar: "r",
  ess: "s",
  tee: "t",
  you: "u",
  vee: "v",
  ex: "x",
  why: "y",
  zed: "z",
  zee: "z",
};
/** Letter names that are words in an ordinary sentence ("oh", "you", "why", "eye", "ex"). */
const WORD_LIKE = new Set(["oh", "you", "why", "eye", "ex", "el", "ay", "ee", "bee", "gee", "en"]);

/** A word that asks for a name right after it: "user", "username is", "call it". */
const NAME_CUE =
  /\b(?:user(?:name)?|user\s+name|login|account|name|named|called|call\s+(?:it|him|her|me|the\s+\w+)|hostname|host\s+name|computer|machine)(?:\s+(?:is|will\s+be|should\s+be|=))?\s*[:=]?\s*$/i;

/** Disk names as the kernel writes them: "sda", "vdb", "nvme", "nvme0n1", "mmcblk0". */
const DISK_LIKE = /^(?:(?:sd|vd|hd|xvd)[a-z]|nvme\d*(?:n\d+)?|mmcblk\d+|ssd|hdd|usb|emmc)$/;

export function saySpelledNames(text: string, known: ReadonlySet<string>): string {
  if (!/\b\w\b|\b(?:ess|dee|vee|kay|em|en|ar|tee|pee|ay|aitch|jay|zed|zee|cee|ef|eff|ell?|cue)\b/i.test(text))
    return text;
  // "p-a-v-e-l", "r-i-p-g-r-e-p", "n-v-m-e": dashes between single letters or digits
  let out = text.replace(/(?<![\w/-])[a-z0-9](?:-[a-z0-9]){2,}(?![\w-])/gi, (whole) =>
    /[a-z].*[a-z]/i.test(whole) ? whole.replace(/-/g, "") : whole,
  );
  out = joinRuns(out, known, (w) => (/^[a-z0-9]$/i.test(w) ? w.toLowerCase() : undefined));
  out = joinRuns(out, known, (w) => LETTER_NAMES[w.toLowerCase()]);
  return out;
}

/**
 * Runs of three or more words that each stand for one letter, separated by spaces or commas, joined
 * where the result is a name (see the module comment).
 */
function joinRuns(
  text: string,
  known: ReadonlySet<string>,
  letter: (w: string) => string | undefined,
): string {
  const tokens = [...text.matchAll(/[a-z0-9]+/gi)].map((m) => ({
    word: m[0],
    from: m.index,
    to: m.index + m[0].length,
  }));
  const edits: { from: number; to: number; put: string }[] = [];
  let k = 0;
  while (k < tokens.length) {
    let j = k;
    while (
      j < tokens.length &&
      letter(tokens[j]!.word) !== undefined &&
      (j === k || /^\s*,?\s*$/.test(text.slice(tokens[j - 1]!.to, tokens[j]!.from)))
    )
      j++;
    const run = tokens.slice(k, j);
    const plainLetters = run.filter((t) => !WORD_LIKE.has(t.word.toLowerCase())).length;
    if (run.length >= 3 && plainLetters >= 2) {
      const name = run.map((t) => letter(t.word)!).join("");
      const from = run[0]!.from;
      const to = run.at(-1)!.to;
      const echo = new RegExp(`^[\\s,.:;!-]*(?=${name}\\b)`, "i").exec(text.slice(to));
      // "r, o, s, a. rosa.": the spelling goes, the name said after it stays
      if (echo) edits.push({ from, to: to + echo[0].length, put: "" });
      else if (known.has(name) || DISK_LIKE.test(name) || NAME_CUE.test(text.slice(0, from)))
        edits.push({ from, to, put: name });
    }
    k = Math.max(j, k + 1);
  }
  let out = text;
  for (const e of edits.reverse()) out = out.slice(0, e.from) + e.put + out.slice(e.to);
  return out;
}
