import { SUDO_WORDS } from "./vocab.js";

/**
 * How the words give or refuse the privilege itself, whoever it is for: quantified refusals
 * ("neither with sudo", "nobody else gets sudo"), a negated grant ("dont make vince an admin") and
 * taking it away ("take sudo away from vince"). The rules backend's user reader and the
 * protections' reader (agent/safety/read.ts) both ask here.
 */

/** Quantifiers that refuse to everyone they range over: "neither with sudo", "sudo for nobody". */
const NONE_WORDS = new Set(["neither", "none", "nobody", "noone"]);
/** Quantifiers over everyone, a refusal beside them refusing all: "both without sudo", "no sudo for anyone". */
const EVERY_WORDS = new Set([
  "both",
  "all",
  "each",
  "any",
  "anyone",
  "anybody",
  "everyone",
  "everybody",
  "either",
]);
/** "nobody else gets sudo", "none but tim": the quantifier leaves someone out, so it is not everyone. */
const EXCEPTING = new Set(["else", "other", "others", "except", "but", "besides", "apart"]);
const REFUSING = new Set(["no", "not", "without", "never", "dont", "doesnt", "shouldnt", "wont", "nor"]);

/**
 * The words refuse a privilege to every user they are about: "neither with sudo", "sudo for no
 * one", "admin rights for none of them", "not any of them with sudo", "no admins", "both without
 * sudo". Read only where the words hold a privilege; the caller says which users "every" covers
 * (the turn's, or the plan's when the turn names none).
 */
export function refusesEveryone(w: readonly string[]): boolean {
  if (w.some((x) => EXCEPTING.has(x))) return false;
  if (w.some((x) => NONE_WORDS.has(x))) return true;
  for (let i = 0; i < w.length; i++) {
    // "no one", "no body", "no admins", "no sudoers": the plural says nobody at all
    if (w[i] === "no" && ["one", "body", "admins", "sudoers", "administrators"].includes(w[i + 1] ?? ""))
      return true;
  }
  // "both without sudo", "no sudo for anyone": the refusal governs the privilege (it comes before
  // it, close), so "both admins no swap" refuses the swap, not the admins
  const refused = w.some(
    (x, i) => SUDO_WORDS.has(x) && w.slice(Math.max(0, i - 5), i).some((y) => REFUSING.has(y)),
  );
  return refused && w.some((x) => EVERY_WORDS.has(x));
}

/** Verbs that give a privilege to the person after them: "make vince an admin", "put emma in wheel". */
const GRANT_VERBS = new Set(["make", "give", "put", "let", "grant", "add", "allow", "turn"]);

/**
 * "dont make vince an admin", "do not put emma in wheel", "never give bob sudo": a negation right
 * before the verb that grants the privilege governs it, however far the privilege follows.
 */
export function negatedGrant(w: readonly string[], at: number): boolean {
  for (let v = at - 1; v > 0; v--) if (GRANT_VERBS.has(w[v]!) && REFUSING.has(w[v - 1]!)) return true;
  return false;
}

/** "nobody else gets sudo", "none but tim": a quantified refusal that leaves someone out. */
export function refusesOthers(w: readonly string[]): boolean {
  return w.some((x) => NONE_WORDS.has(x)) && w.some((x) => EXCEPTING.has(x));
}

/** Words that take a privilege away; never usernames ("take sudo away from vince"). */
export const REVOKE_WORDS = new Set([
  "take",
  "away",
  "from",
  "revoke",
  "strip",
  "withdraw",
  "remove",
  "drop",
  "demote",
]);

/**
 * The privilege at `at` is taken away, not given: "take sudo away from vince", "revoke admin from
 * lena", "remove sudo from bob", "strip vince of sudo", "demote vince".
 */
export function revokes(w: readonly string[], at: number): boolean {
  if (w.includes("away") || w.includes("demote")) return true;
  const verb = w.slice(Math.max(0, at - 4), at).some((x) => REVOKE_WORDS.has(x) && x !== "from");
  const from = w.slice(at + 1).includes("from") || w.slice(0, at).includes("of");
  return verb && (from || ["revoke", "strip", "withdraw"].some((x) => w.includes(x)));
}
