/**
 * "sdb: keep (backups)", "sdb: keep [backups]", "sdb: keep - backups", "sdb: leave alone (tax
 * stuff)", "sdb: skip", "sdb: backup disk, leave": a note that keeps the disk (or program) before
 * its colon, with a reason beside the keep word. The form lines (structuredLines.ts) read only a
 * bare keep value, so the reason hid the keep, and the reason's words ("backups") were read as a
 * disk of their own. The reason says why, never which: the note is said as the bare "KEY: keep",
 * whatever the bracket holds.
 */

/** Words that keep what the key names. */
const KEEP =
  "(?:keep|keep it|keep this|keep pls|keep please|keep as is|leave|leave it|leave alone|leave it alone|leave as is|leave untouched|untouched|don'?t touch|dont touch|do not touch|no touch|hands off|off limits|skip|skip it|ignore|preserve|protect|spare|save)";
/** What may close the keep word: stress and politeness. */
const CLOSE = "(?:\\s*(?:!+|pls|please|thx|thanks))*";
/** A reason beside the keep: in brackets, after a dash, after a comma. */
const REASON = "(?:\\s*\\([^)]*\\)|\\s*\\[[^\\]]*\\]|\\s+[-–—]+\\s*[^.;!?\\n]*|\\s*,\\s*[^.;!?\\n:]*)?";
/** The key: a word or two that start a sentence ("sdb", "the seagate", "/dev/sdb", "disk 2"). */
const KEY = "((?:the\\s+|my\\s+)?[a-z0-9/][\\w/.+-]*(?:\\s+[a-z0-9][\\w.+-]*)?)";
/** A sentence start: where a note line begins. */
const START = "(^|[.;!?]\\s+|\\n\\s*|,\\s*)";
const END = "(?=\\s*(?:[.;\\n]|!(?!\\w)|$))";

/** "KEY: keep (reason)", "KEY - keep - reason". */
const KEEP_FIRST = new RegExp(
  `${START}${KEY}\\s*(?::|\\s[-–=]\\s)\\s*${KEEP}${CLOSE}${REASON}${CLOSE}${END}`,
  "gi",
);
/** "KEY: backup disk, leave", "KEY: backups - keep": the reason first, the keep word last. */
const KEEP_LAST = new RegExp(
  `${START}${KEY}\\s*(?::|\\s[-–=]\\s)\\s*[^.;!?\\n:,]*?(?:,|\\s[-–—]+)\\s*${KEEP}${CLOSE}${END}`,
  "gi",
);

/** Keys that are a heading, never the thing kept ("note: keep sdb" is no note about a "note"). */
const HEADING =
  /^(?:note|notes|todo|plan|disk|disks|drive|drives|users?|programs?|apps?|keep|install|p\.?s)$/i;

/** A keep with no reason beside it: the form lines read it as typed ("the 931.5G one: leave it"). */
const BARE =
  /^(?:keep|keep it|leave|leave it|leave alone|leave it alone|don'?t touch|dont touch|do not touch|untouched|hands off|off limits|preserve|protect)[\s!.]*$/i;

export function sayKeepNoteReasons(text: string): string {
  const bare = (m: string, start: string, key: string) =>
    HEADING.test(key.trim()) || BARE.test(m.replace(/^[\s\S]*?(?::|\s[-–=]\s)\s*/, ""))
      ? m
      : `${start}${key}: keep`;
  return text.replace(KEEP_FIRST, bare).replace(KEEP_LAST, bare);
}
