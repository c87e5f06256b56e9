import type { UserDraft } from "./users.js";

/**
 * A person's own name and their login, said in one turn, are one account (fixN28): "make a user
 * for my dad, his name is Wolfgang Richter, username wolf", "my name is Oluwaseun, username seun",
 * "an account for my wife, Ana Souza. Username ana.", "user: greta, full name Greta Lindqvist".
 * The login is the username; the name the person goes by is the account's full name, never a
 * second account ("wolfgang" was made beside "wolf").
 *
 * Read by position: a login is the word after "username", "user name", "login" (with "is", ":",
 * "="); a personal name is the capitalized words after "my/his/her/their name is", "full/real
 * name", or right after a relation and a comma ("my wife, Ana Souza"). Safety: this only joins two
 * drafts into one account (fewer accounts, never more), keeps every setting the words said of
 * either (a refusal of sudo wins over a grant), and a full name is a comment field.
 */

const LOGIN =
  /\b(?:user\s*name|login(?:\s*name)?|user(?=\s*[:=]))\s*(?:is\s+|will\s+be\s+|should\s+be\s+|[:=]\s*)?['"]?([a-z_][a-z0-9_-]{0,31})\b/gi;

/** A capitalized name of one to four words, as typed. */
const CAP = String.raw`([A-Z\u00C0-\u024F][\p{L}'’-]*(?:\s+(?:(?:de|da|van|von|der|del|la|le|bin|al)\s+)?[A-Z\u00C0-\u024F][\p{L}'’-]*){0,3})`;

const PERSONAL = [
  // "his name is Wolfgang Richter", "my name's Oluwaseun", "her real name: Ana Souza"
  new RegExp(String.raw`\b(?:my|his|her|their)\s+(?:full\s+|real\s+)?name(?:'s|\s+is|\s*:)\s+${CAP}`, "gu"),
  // "full name Greta Lindqvist", "ful name: Greta Lindqvist", "fullname Greta"
  new RegExp(String.raw`\b(?:full?|real)\s*-?\s*name\s*(?:is\s+|[:=]\s*)?${CAP}`, "giu"),
  // "for my wife, Ana Souza": two capitalized words right after who the person is
  /\b(?:my|his|her|our|their)\s+[a-z]+,\s+([A-Z\u00C0-\u024F][\p{L}'’-]+\s+[A-Z\u00C0-\u024F][\p{L}'’-]+)/gu,
];

/** Words a capitalized run may end on that are no part of a name ("Wolfgang Richter, Username"). */
const NOT_NAME_WORD = /^(?:username|user|login|and|sudo|admin|with|without|please|pls|the|i|he|she)$/i;

function personalName(text: string): string | undefined {
  for (const re of PERSONAL) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (!m) continue;
    const parts = m[1]!.split(/\s+/);
    while (parts.length && NOT_NAME_WORD.test(parts.at(-1)!)) parts.pop();
    if (parts.length && !NOT_NAME_WORD.test(parts[0]!)) return parts.join(" ");
  }
  return undefined;
}

/**
 * Joins the draft named after the person's own name into the draft of their login, and gives the
 * login the full name. Changes `users`.
 */
export function foldPersonalName(text: string, users: UserDraft[]): void {
  const logins = [...text.matchAll(LOGIN)].map((m) => m[1]!.toLowerCase());
  if (logins.length !== 1) return;
  const full = personalName(text);
  if (!full) return;
  const login =
    users.find((u) => u.username === logins[0] && !u.unplaced) ?? users.find((u) => u.username === logins[0]);
  if (!login) return;
  const first = full.split(/\s+/)[0]!.toLowerCase();
  const other = first === login.username ? undefined : users.find((u) => u !== login && u.username === first);
  if (other) {
    users.splice(users.indexOf(other), 1);
    // a refusal said of either wins over a grant said of the other
    if (other.sudo === false || login.sudo === false) login.sudo = false;
    else login.sudo ??= other.sudo;
    login.shell ??= other.shell;
    if (other.groups) login.groups = [...new Set([...(login.groups ?? []), ...other.groups])];
  }
  // one word the same as the login ("my name is ana, username ana") says nothing more
  if (full.toLowerCase() !== login.username) login.fullName ??= full;
}
