/**
 * What the keyboard, the cat or the clipboard put into a turn, taken out before the readers see it:
 * a row of keys mashed ("asdfghjkl", "jjjjjjjjkkkk"), the apology for it ("sorry, kid grabbed the
 * keyboard", "sorry sticky key": its "keyboard" asked which keyboard layout), a held key
 * ("vdbbbbbbb", "tmuxxx": the name the machine knows), a pasted error line ("sorry, pasted the
 * wrong thing: `mount: ... /dev/sdb1`": its device read as the disk meant), an undo said as its key
 * ("ctrl-z": undo), "brb" and "ok back, where was I" (away and back: nothing asked). A turn that was only noise is left empty of requests: the rules then say they
 * found nothing to do, which is the answer.
 */

/** Rows and runs of keys that no word is made of. */
const ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"];

/** "asdfghjkl", "jjjjjjjjkkkk", "qwerty": five keys or more of one row, or a key held. */
function isMash(word: string): boolean {
  const w = word.toLowerCase();
  if (w.length < 5 || !/^[a-z0-9;]+$/.test(w)) return false;
  // one or two keys held down: "jjjjjjjjkkkkkk"
  if (/^([a-z])\1{3,}(?:([a-z])\2{3,})?$/.test(w)) return true;
  // a row slid along: "asdfghjkl", "qwertyui", "hjkl;" is too short to be sure
  return ROWS.some((row) => row.includes(w) || [...row].reverse().join("").includes(w));
}

/** Someone or something at the keyboard: the apology that explains the mash. */
const CULPRIT =
  /\b(?:cat|kitten|kitty|dog|puppy|kid|kids|child|toddler|baby|son|daughter|nephew|niece|sticky|stuck|elbow|fat[-\s]?finger(?:ed)?|sat|walked|stepped|grabbed|mashed|spilled|spilt)\b/i;
const KEYS = /\b(?:keyboard|keys?|keeb|laptop)\b/i;

/** "sorry, kid grabbed the keyboard", "sorry cat on keyboard", "oops sticky key" to the clause's end. */
const APOLOGY = /(?:^|(?<=[\s,.;:!?—–-]))(?:sorry|soz|sry|oops|whoops|argh|ugh|apologies)\b[^.;!?\n—–]*/gi;

/** "sorry, pasted the wrong thing: `...`", "(pasted wrong)": the paste and its excuse. */
const PASTE_EXCUSE =
  /(?:sorry|oops|whoops|ignore\s+(?:that|this))?[,\s]*(?:i\s+)?(?:pasted|copied)\s+(?:the\s+)?wrong\s+(?:thing|text|line|stuff|one|buffer)?\s*:?\s*(?:`[^`\n]*`|"[^"\n]*")?/gi;
/** A line of program output in backticks: "`mount: /mnt: wrong fs type ...`". */
const PASTED_OUTPUT =
  /`[a-z0-9_.-]+:\s[^`\n]*\b(?:error|failed|failure|wrong|bad|cannot|can't|no\s+such|denied|invalid|not\s+found|refused|timed\s+out)\b[^`\n]*`/gi;

/** "brb", "brb, doorbell", "ok back", "afk": away and back, no request. */
const AWAY =
  /(?:^|(?<=[.,;!?]\s*))\s*(?:brb|afk|back\s+in\s+a\s+(?:sec|min|minute|bit)|ok(?:ay)?\s+back|i'?m\s+back|back\s+now)\b(?:[,\s]*(?:doorbell|phone|coffee|toilet|bathroom|kid|kids|dog|cat|door|call|sorry))?\s*(?:[.!,;]+\s*|$)/gi;

/** "where was I", "ok where were we": finding the thread again, no question to answer. */
const THREAD =
  /(?:^|(?<=[.,;!?]\s*))\s*(?:(?:ok(?:ay)?|so|now|right|anyway)[,\s]+)?where\s+(?:was\s+i|were\s+we)\b\s*(?:[.!?,;:]+\s*|$)/gi;

export function withoutTypingNoise(text: string, known: ReadonlySet<string>): string {
  let out = text
    .replace(PASTED_OUTPUT, " ")
    .replace(PASTE_EXCUSE, (whole) => (/pasted|copied/i.test(whole) ? " " : whole));
  out = out.replace(APOLOGY, (clause) =>
    CULPRIT.test(clause) && (KEYS.test(clause) || clause.split(/\s+/).some(isMash)) ? " " : clause,
  );
  out = out.replace(/[a-z0-9;]+/gi, (w) => (isMash(w) && !known.has(w.toLowerCase()) ? " " : held(w, known)));
  out = out.replace(AWAY, " ").replace(THREAD, " ");
  // "ctrl-z", "ctrl+z", "^Z", "cmd-z": undo, said as its key
  out = out.replace(/(?<![\w-])(?:ctrl|control|cmd|command)\s*[-+]\s*z\b|\^z\b/gi, "undo");
  if (out === text) return text;
  return out
    .replace(/\s*[—–]\s*(?=[.,;!?]|$)/g, "")
    .replace(/([.,;!?])(?:\s*[.,;!?])+/g, "$1")
    .replace(/\s{2,}/g, " ")
    .replace(/^\s*[,.;:!?—–-]\s*/, "")
    .trim();
}

/** "vdbbbbbbb", "tmuxxx": a held key, when the name without the run is one the machine knows. */
function held(word: string, known: ReadonlySet<string>): string {
  const w = word.toLowerCase();
  if (known.has(w)) return word;
  const m = /([a-z0-9])\1{2,}/.exec(w);
  if (!m) return word;
  for (const keep of [1, 2]) {
    const shorter = w.slice(0, m.index) + m[1]!.repeat(keep) + w.slice(m.index + m[0].length);
    if (known.has(shorter)) return shorter;
  }
  return word;
}
