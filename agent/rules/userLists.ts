import type { Facts } from "../../facts/schema.js";
import { functionWord } from "./functionWords.js";
import { FAMILY, notAName, PLAIN, usernameCandidate } from "./nameCandidates.js";
import type { Token } from "./text.js";
import { ALIASES } from "./tokens.js";
import { diskWord } from "./userNames.js";
import type { UserDraft } from "./users.js";
import { INSTALL_VERBS, REMOVE_VERBS, SUDO_WORDS, USER_WORDS } from "./vocab.js";

/** Several people in one sentence: which clauses are the names of one list, and what they share. */

/** What may join the names of one list: "anna and ben", "kai, lou and max", "gus & hana". */
const LIST_JOINS = new Set([",", "and", ", and", "&", "+", "plus"]);

/** The clauses were one list in the text: only a comma or "and" stands between them. */
export function joinedAsList(text: string, a: readonly Token[], b: readonly Token[]): boolean {
  // "'greta', contrariwise": the closing quote of a quoted name is no word between them
  const between = text
    .slice(a.at(-1)!.end, b[0]!.start)
    .replace(/['"‘’“”«»]/g, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");
  return LIST_JOINS.has(between);
}

/** Labels of the other settings, whose value follows their colon ("hostname: ws-01"): no list heading. */
export const SETTING_LABELS =
  /^(?:hostname|host|machine|computer|box|name|shell|keymap|keyboard|layout|locale|language|lang|timezone|zone|time|disk|drive|target|filesystem|fs|swap|group|groups|password|recipe|package|packages|install)$/;

/** Words said around a name that add the person: "and", "also", "oh", "too", "as (well)", "pls". */
const AROUND_A_NAME = new Set(["and", "also", "oh", "too", "as", "pls", "please", "plus"]);

/**
 * A clause that is only a person's name: "anna" in "anna and ben as admins", "lou" in "add kai,
 * lou and max with sudo". `isProgram` says whether a token names a program (never a person here).
 */
export function nameOnly(clause: readonly Token[], facts: Facts, isProgram: (t: Token) => boolean): boolean {
  // "Minifigs: lucy and benny", "Passengers: rita": a heading of one or two words before a colon
  // opens the list; the word after it is the item, the heading is never a name
  const colon = clause.findIndex((t) => t.norm === ":");
  const heading =
    colon > 0 &&
    colon <= 2 &&
    clause.slice(0, colon).every((t) => t.kind === "word" && !SETTING_LABELS.test(t.norm));
  const items = heading ? clause.slice(colon + 1) : clause;
  // "kate as well", "oh and bea too", "my wife kate": the words around a name that add a person
  const ws = items.filter(
    (t, i) =>
      t.kind !== "punct" &&
      !AROUND_A_NAME.has(t.norm) &&
      !(t.norm === "well" && items[i - 1]?.norm === "as") &&
      !(t.norm === "my" && FAMILY.has(items[i + 1]?.norm ?? "")) &&
      !(FAMILY.has(t.norm) && items[i - 1]?.norm === "my") &&
      // "sneha normal", "kim regular": the kind of account said after the name (users.ts reads it)
      !(PLAIN.has(t.norm) && i === items.length - 1 && i > 0),
  );
  if (ws.length !== 1) return false;
  const t = ws[0]!;
  const n = usernameCandidate(t, facts);
  // "sda, user kai": a disk's device name is the disk, never a person
  return (
    n !== undefined &&
    !notAName(n) &&
    !diskWord(n, facts) &&
    !isProgram(t) &&
    !INSTALL_VERBS.has(n) &&
    !REMOVE_VERBS.has(n)
  );
}

/**
 * Names in one list are people when the list is about people: "anna and ben as admins" (the
 * clause after the list says what they are), "add kai, lou and max with sudo". Changes `intents`
 * in place; a name joined by a full stop or "then" is no member.
 */
export function peopleInLists(
  text: string,
  clauses: readonly (readonly Token[])[],
  intents: (string | undefined)[],
  facts: Facts,
  isProgram: (t: Token) => boolean,
): void {
  // "users anna, ben, carl": in a list of people a word only near a program's name ("carl", one
  // letter from curl) is a person; the name itself or its alias stays the program (tester 11 W7)
  const named = (t: Token) =>
    isProgram(t) && (facts.recipes.includes(t.norm) || ALIASES[t.norm] !== undefined);
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < clauses.length; i++) {
      if (intents[i] === "user" || intents[i] === "keep" || !nameOnly(clauses[i]!, facts, named)) continue;
      // a member follows a name ("add kai, lou"), never a setting ("give him sudo, thx")
      const prevLast = clauses[i - 1]?.filter((t) => t.kind === "word").at(-1);
      const before =
        i > 0 &&
        intents[i - 1] === "user" &&
        joinedAsList(text, clauses[i - 1]!, clauses[i]!) &&
        prevLast !== undefined &&
        usernameCandidate(prevLast, facts) !== undefined &&
        !notAName(prevLast.norm);
      // "'greta', contrariwise, with sudo": a word no one is called, said between commas, is passed over
      let n = i + 1;
      while (
        n + 1 < clauses.length &&
        intents[n] !== "user" &&
        interjection(clauses[n]!) &&
        joinedAsList(text, clauses[n - 1]!, clauses[n]!)
      )
        n++;
      const after =
        n < clauses.length &&
        intents[n] === "user" &&
        (joinedAsList(text, clauses[n - 1]!, clauses[n]!) ||
          bareGrantAfter(text, clauses[n - 1]!, clauses[n]!));
      if (before || after) {
        intents[i] = "user";
        changed = true;
      }
    }
  }
}

/** A clause of one word no one is called: "contrariwise", "however", "meanwhile". */
function interjection(clause: readonly Token[]): boolean {
  const w = clause.filter((t) => t.kind === "word");
  return w.length === 1 && clause.length === 1 && (notAName(w[0]!.norm) || functionWord(w[0]!.norm));
}

/** "oh and kate. sudo.": the next sentence is only the privilege, said of the name before it. */
function bareGrantAfter(text: string, a: readonly Token[], b: readonly Token[]): boolean {
  const between = text.slice(a.at(-1)!.end, b[0]!.start).trim();
  const w = b.filter((t) => t.kind !== "punct").map((t) => t.norm);
  return (
    /^[.!;]$/.test(between) &&
    w.some((x) => SUDO_WORDS.has(x)) &&
    w.every((x) => SUDO_WORDS.has(x) || BARE_GRANT.has(x))
  );
}
const BARE_GRANT = new Set(["with", "pls", "please", "too", "rights", "as", "well", "an", "a", "also"]);

/** A clause with a verb of its own says something of its subject alone: "ana is admin", "ben gets sudo". */
const PREDICATES = new Set([
  "is",
  "gets",
  "get",
  "has",
  "have",
  "should",
  "can",
  "needs",
  "will",
  "may",
  "must",
]);

/** Verbs that agree with several people: "ana and ben get sudo", "tom and mia should have admin". */
const PLURAL_VERBS = new Set(["get", "have", "need", "are", "should", "can", "will", "may", "must"]);
const SINGULAR_VERBS = new Set(["gets", "has", "needs", "is"]);

/** The clause's first verb agrees with a plural subject. */
function pluralVerb(clause: readonly Token[]): boolean {
  const v = clause.find((t) => PLURAL_VERBS.has(t.norm) || SINGULAR_VERBS.has(t.norm));
  return v !== undefined && PLURAL_VERBS.has(v.norm);
}

/** The last member is joined to the one before by "and" ("ana, ben and cleo"), never by a comma alone. */
function compoundSubject(text: string, a: readonly Token[], b: readonly Token[]): boolean {
  const between = text.slice(a.at(-1)!.end, b[0]!.start).trim().toLowerCase().replace(/\s+/g, " ");
  return /^(?:,\s*)?(?:and|&|\+|plus)$/.test(between);
}

/** Words that make a clause a user clause of its own, not a list member: "user finn with admin". */
const OWN_ANCHORS = new Set([...USER_WORDS, "create", "add", "make", "called", "named"]);

/**
 * "users anna and ben with sudo", "accounts for ivo and jo with admin": what the last name of a
 * list says (sudo, shell, groups) is said of each name before it that says nothing of its own. A
 * member with its own "user" ("user eve and user finn with admin") or its own setting stays as it
 * is, and a full stop ends the list.
 */
export function shareListSettings(
  text: string,
  members: readonly { clause: readonly Token[]; draft: UserDraft }[],
): void {
  for (let k = members.length - 1; k > 0; k--) {
    const last = members[k]!;
    const d = last.draft;
    if (d.sudo === undefined && !d.shell && !d.groups) continue;
    // "users vera and wim, with admin rights": a setting with no name of its own ends the list too
    if (d.pronoun || d.all || d.refusesAll || d.negated) continue;
    if (last.clause.some((t) => OWN_ANCHORS.has(t.norm))) continue;
    // "ana, ben and cleo get sudo": a verb that agrees with every name of an "and" list says it of
    // them all; "users ana and ben, ben gets sudo" says it of ben alone
    if (
      last.clause.some((t) => PREDICATES.has(t.norm)) &&
      !(compoundSubject(text, members[k - 1]!.clause, last.clause) && pluralVerb(last.clause))
    )
      continue;
    // "users vince and anna, vince gets sudo": a member named again is that member alone
    if (d.username && members.slice(0, k).some((m) => m.draft.username === d.username)) continue;
    // "users: alice (sudo), bob, carol (sudo)": a setting in brackets after a name is that member's
    // own, never the members' between ("kids emma and noah without" still covers emma)
    if (last.clause.some((t) => t.raw === "(" || t.norm === "(")) continue;
    for (let j = k - 1; j >= 0; j--) {
      const m = members[j]!;
      if (!joinedAsList(text, m.clause, members[j + 1]!.clause)) break;
      const e = m.draft;
      if (!e.username || e.sudo !== undefined || e.shell || e.groups || e.negated || e.pronoun) break;
      if (d.sudo !== undefined) e.sudo = d.sudo;
      if (d.shell) e.shell = d.shell;
      if (d.groups) e.groups = [...d.groups];
    }
  }
}
