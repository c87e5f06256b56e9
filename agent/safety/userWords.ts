import { notAName } from "../rules/nameCandidates.js";
import { tokenize } from "../rules/text.js";
import { STOP } from "../rules/tokens.js";
import { diskWord, reservedUsername } from "../rules/userNames.js";
import { INSTALL_VERBS, VOCABULARY } from "../rules/vocab.js";
import { NEGATORS, SUDO_WORDS } from "./lexicon.js";

/** Which words in a turn can be the users a sudo protection is about (read.ts reads the rest). */

/** A word that can be a name in a list after "users": no quantifier, filler or request word. */
export function nameWord(x: string | undefined): x is string {
  return (
    x !== undefined &&
    /^[a-z_][a-z0-9_-]{1,31}$/.test(x) &&
    !notAName(x) &&
    !reservedUsername(x) &&
    !diskWord(x) &&
    !STOP.has(x) &&
    !USER_STOP.has(x) &&
    !SUDO_WORDS.has(x) &&
    !NEGATORS.has(x) &&
    !REVOKE.has(x) &&
    !VOCABULARY.includes(x) &&
    !INSTALL_VERBS.has(x)
  );
}

/**
 * The users a turn names in its lists: "users anna and ben", "user jo and user kim", "users eli,
 * fay and gus", "an account called mo". A quantified refusal ("neither with sudo") covers them all.
 */
export function namedUsers(text: string): string[] {
  const t = tokenize(text);
  const out: string[] = [];
  for (let i = 1; i < t.length; i++) {
    if (!["user", "users", "usr", "called", "named", "account", "accounts"].includes(t[i - 1]!.norm))
      continue;
    let j = i;
    while (j < t.length && nameWord(t[j]!.norm) && t[j]!.kind === "word") {
      if (!out.includes(t[j]!.norm)) out.push(t[j]!.norm);
      // the list goes on past "and" or a comma when a name follows
      const sep = t[j + 1];
      const next = sep && (sep.norm === "and" || sep.kind === "punct") ? j + 2 : -1;
      if (next < 0 || t[next]?.norm === "and") {
        if (next >= 0 && nameWord(t[next + 1]?.norm)) j = next + 1;
        else break;
      } else j = next;
    }
  }
  return out;
}

/** "take away lena's admin": the verbs that take a privilege, never a name. */
export const REVOKE = new Set(["take", "away", "revoke", "strip", "remove", "drop", "demote"]);

export const USER_STOP = new Set([
  "a",
  "an",
  "the",
  "him",
  "her",
  "them",
  "me",
  "user",
  "users",
  "account",
  "sudo",
  "admin",
  "root",
  "rights",
  "access",
  "normal",
  "regular",
  "standard",
  "new",
  "this",
  "that",
  "it",
  "everyone",
  "anyone",
  "all",
]);

const REFUSAL_AFTER_NAME =
  /\b([a-z_][a-z0-9_-]{1,31})\s*(?:gets|has|should\s+(?:get|have)|will\s+get|:|,)?\s*(?:no|without|not)\s+(?:sudo|admin|root)\b/g;

/**
 * A user the turn names whose name comes right before the refusal ("user vince with sudo and user
 * lena, lena gets no sudo" refuses lena, not the first user named).
 */
export function refusedRightAfter(text: string): string[] {
  const named = namedUsers(text);
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(REFUSAL_AFTER_NAME))
    if (named.includes(m[1]!) && !out.includes(m[1]!)) out.push(m[1]!);
  return out;
}
