import type { Token } from "./text.js";
import { reservedUsername } from "./userNames.js";
import { SUDO_WORDS } from "./vocab.js";

/**
 * A user's name corrected in the same breath: "make a user called bob... actually make it tom",
 * "user bob, no wait, name him tom", "add user bob with sudo, change it to tom". The person is the
 * one named before; only the name changes, so the account asked for first is not made beside the
 * new one (it was: bob and tom both).
 *
 * The new name may be one no account can have: "make a user called root2... actually make it Root
 * with sudo, capital R" (dev26 h25-196: root2 was made with the sudo said to "Root"). The correction
 * takes the old name back, and the name that replaces it cannot be used: the answer is a question,
 * never the old name with the grant the correction carried, nor the unusable name. Unusable here:
 * an account the system keeps for itself (root, daemon, bin, nobody, ...), or a name the words insist
 * on writing in capitals ("capital R", "in uppercase"), which no username may hold.
 */

/** The verbs that give a person a name, and the words for the person after them. */
const NAMING_VERBS = new Set(["make", "change", "call", "name", "rename"]);
const PERSON = new Set(["it", "that", "him", "her", "them", "this"]);
/** "him", "her", "them": the person, whom "make him root" may give the privilege rather than a name. */
const PEOPLE = new Set(["him", "her", "them"]);
/** A correction said before the new name: "actually", "sorry", "no wait", "i mean", "rather". */
const CORRECTION =
  /\b(?:actually|sorry|sry|wait|oops|whoops|i\s+mean|i\s+meant|rather|instead|scratch\s+that|correction|on\s+second\s+thoughts?|no\s+no|nah)\b/i;

/** "the name", "the username", "the user": the name itself, after "make"/"change". */
const NAME_NOUNS = new Set(["name", "username", "user", "login", "account"]);
/** "tom too", "tom as well": another person, no correction. */
const ADDING = new Set(["too", "also", "aswell"]);

/** The words insist on capital letters: "capital R", "with a capital", "uppercase", "in caps". */
const CAPITALS = /\b(?:capital(?:i[sz]ed)?|upper\s*-?\s*case|all\s+caps|in\s+caps|caps\s+lock)\b/i;

/**
 * The token that names the person anew in this clause ("make it X", "call him X", "change the name
 * to X", "rename it to X"), or undefined. Whether X can be a username is the caller's question.
 * "make him X" names only after a correction ("actually make him X"): without one, "make him root"
 * may be the privilege, which the sudo readers read.
 */
export function correctedNameAt(tokens: readonly Token[], text: string): Token | undefined {
  const w = tokens.map((t) => t.norm);
  for (let i = 0; i + 2 < w.length; i++) {
    if (!NAMING_VERBS.has(w[i]!)) continue;
    let j = i + 1;
    if (w[j] === "the" && NAME_NOUNS.has(w[j + 1] ?? "")) j += 2;
    else if (PERSON.has(w[j]!) && (!PEOPLE.has(w[j]!) || CORRECTION.test(text))) j++;
    else continue;
    // "make it a sudo user", "call it a day": an article opens no name
    if (w[j] === "to" || w[j] === "as" || w[j] === "into" || w[j] === "be") j++;
    const t = tokens[j];
    // "make him sudo", "make it an admin": the privilege, read by the sudo readers, is no name
    if (t?.kind !== "word" || (SUDO_WORDS.has(t.norm) && t.norm !== "root")) continue;
    if (ADDING.has(w[j + 1] ?? "") || (w[j + 1] === "as" && w[j + 2] === "well")) continue;
    return t;
  }
  return undefined;
}

/**
 * Why the name the clause corrects to cannot be a username, as the words of my question; undefined
 * where it can (or the clause corrects no name). `text` is the whole turn (a "capital R" said in
 * its own clause still insists on the capital).
 */
export function unusableCorrection(tokens: readonly Token[], text: string): string | undefined {
  const t = correctedNameAt(tokens, text);
  if (!t) return undefined;
  const name = t.norm;
  const reserved = unusableName(t);
  if (reserved) return reserved;
  if (/[A-Z]/.test(t.raw) && CAPITALS.test(text) && /^[a-z_][a-z0-9_-]{0,31}$/.test(name))
    return `a username can't have capital letters, so "${t.raw}" can't be one (say "${name}" to use it in lowercase)`;
  return undefined;
}

/** Words that correct what was just said: "sorry", "i mean", "oops", "make that", "rather". */
const MARKER =
  /^(?:sorry|sry|soz|oops|whoops|er|erm|uh|um|actually|rather|correction|typo|wait|i|mean|meant|make|that|my|bad|or|oh|ah)$/;
/** Of those, the ones that correct on their own ("i", "make", "that" only inside "i mean", "make that"). */
const CORRECTS =
  /^(?:sorry|sry|soz|oops|whoops|er|erm|uh|um|actually|rather|correction|typo|wait|mean|meant|bad)$/;

const wordsOf = (tokens: readonly Token[]) => tokens.filter((t) => t.kind !== "punct");

/**
 * "make a usr called mariaa... sorry maria", "user bob, sorry, bobby", "user jon, oops, john":
 * after a named user, a correction and one word, said as a clause of its own (or split from its
 * marker at a comma): that word is the name meant. The word's token, or undefined.
 */
export function bareCorrection(
  clause: readonly Token[],
  before: readonly Token[] | undefined,
): Token | undefined {
  const w = wordsOf(clause);
  const last = w.at(-1);
  if (last?.kind !== "word") return undefined;
  const lead = w.slice(0, -1);
  const markers = (ts: readonly Token[]) =>
    ts.length > 0 && ts.every((t) => MARKER.test(t.norm)) && ts.some((t) => CORRECTS.test(t.norm));
  if (lead.length && markers(lead)) return last;
  if (!lead.length && before && markers(wordsOf(before))) return last;
  return undefined;
}

/** Why a name said as a correction cannot be a username ("user bob... sorry, root"), or undefined. */
export function unusableName(t: Token): string | undefined {
  if (t.norm === "root" || (reservedUsername(t.norm) && !SUDO_WORDS.has(t.norm)))
    return `"${t.norm}" is an account the system already has or keeps for itself, so I can't create it`;
  return undefined;
}
