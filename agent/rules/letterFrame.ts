/**
 * A request written as a letter or an e-mail: "Dear Installer, … Kind regards, Gerald", "Hi,
 * … Thanks, | Barb | Sent from my iPad". The greeting and the sign-off frame the request and ask
 * for nothing, but read as words they did: "Installer" is the French verb "install" to the
 * language tables (so "Dear Installer" asked to install a recipe named "dear"), "Regards, Dennis"
 * created a user "regards", a signature line was read as a name or a program. The frame is taken
 * off before any reader sees the words; the body stays exactly as typed.
 *
 * Only the edges are read: a short greeting that ends at a comma, colon, stop or line break at the
 * very start, and, after at least one line of body, a sign-off line ("Regards,", "Thanks, Frank",
 * "Yours faithfully") with the short lines under it (a name, "Sent from my iPad"), or one
 * capitalised name alone on the last line. A "P.S." under the sign-off is body, and so is a line of
 * more than four words.
 */

const GREETING =
  /^\s*(?:dear|hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day)|to whom it may concern)\b([^,:;!.\n]{0,40})[,:;!.\n]/i;

/** The address alone: "Installer, this is Dana." "LevitateOS: …" */
const ADDRESS = /^\s*(?:installer|levitate(?:os)?)\s*[,:!]/i;

const ADDRESSEE = new Set([
  "installer",
  "levitate",
  "levitateos",
  "sir",
  "madam",
  "or",
  "all",
  "team",
  "there",
  "folks",
  "everyone",
  "guys",
  "friend",
  "mate",
  "computer",
  "machine",
  "bot",
  "assistant",
]);

const SIGN_OFF =
  /^(?:(?:kind|best|warm|warmest|many|with (?:best|kind|warm))\s+)?(?:regards|thanks|thank you(?: (?:in advance|very much|so much|kindly))?|thx|cheers|sincerely|yours(?: (?:faithfully|sincerely|truly))?|best(?: wishes)?|love|respectfully|cordially|ta)\s*[,.!]?\s*(.*)$/i;

/** A name under a sign-off or alone at the end: capitalised words, at most three. */
const NAME = /^[-–—~]?\s*[A-Z][\p{L}.'-]*(?:\s+[A-Z][\p{L}.'-]*){0,2}$/u;

const SENT_FROM = /^sent from my\b/i;

const words = (line: string) => line.trim().split(/\s+/).filter(Boolean);

/** The greeting at the start, if any, with what it said. */
function withoutGreeting(text: string): string {
  const m = GREETING.exec(text) ?? ADDRESS.exec(text);
  if (!m) return text;
  // "hey installer wipe sda, keep sdb": only an address (a name, "installer", "sir or madam")
  // is a greeting's; a greeting that says more is a request too
  const said = words(m[1] ?? "");
  if (said.length > 3 || !said.every((w) => ADDRESSEE.has(w.toLowerCase()) || /^[A-Z]/.test(w))) return text;
  return text.slice(m[0].length);
}

/** The sign-off and what is under it, when the lines above hold the body. */
function withoutSignOff(text: string, known: ReadonlySet<string>): string {
  const lines = text.split("\n");
  const body = (k: number) => lines.slice(0, k).some((l) => l.trim());
  const short = (l: string) =>
    !l.trim() || SENT_FROM.test(l.trim()) || (words(l).length <= 4 && !/^p\.?\s?s\b/i.test(l.trim()));
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!.trim();
    const m = SIGN_OFF.exec(line);
    const signs = m && (!m[1] || NAME.test(m[1]) || SENT_FROM.test(m[1]));
    if (!signs || !body(k) || !lines.slice(k + 1).every(short)) continue;
    return lines.slice(0, k).join("\n").trimEnd();
  }
  // "Yes, proceed.\n\nHelen", "use the other one.\n- Ed": a name alone under a finished sentence
  let last = lines.length - 1;
  while (last > 0 && (!lines[last]!.trim() || SENT_FROM.test(lines[last]!.trim()))) last--;
  const end = lines[last]!.trim();
  if (last < 1 || !NAME.test(end) || words(end).length > 2) return text;
  if (words(end).some((w) => known.has(w.replace(/^[-–—~]/, "").toLowerCase()))) return text;
  const above = lines
    .slice(0, last)
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
  const blank = !lines[last - 1]!.trim();
  if (!above || !(blank || /[.!?]$/.test(above) || /^[-–—~]/.test(end))) return text;
  return lines.slice(0, last).join("\n").trimEnd();
}

/**
 * The turn without its letter frame. `known` holds the words a name line must not be (programs,
 * users, disk brands): "…\n\nFirefox" stays a request.
 */
export function withoutLetterFrame(text: string, known: ReadonlySet<string> = new Set()): string {
  const out = withoutSignOff(withoutGreeting(text), known).trim();
  // nothing but a frame ("Hi,", "Thanks, Barb"): the words stay as typed, for the readers to answer
  return out ? out : text;
}
