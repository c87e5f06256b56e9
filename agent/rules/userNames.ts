import type { Facts } from "../../facts/schema.js";
import { reservedUsernameProblem } from "../../tools/createUser.js";
import { functionWord } from "./functionWords.js";
import { introducesName } from "./nameIntroducers.js";
import { quotedAsName } from "./quotedNames.js";
import { type Token, tokenize } from "./text.js";
import { normalizeTokens } from "./tokens.js";
import { copulaNameAt, userNounIsSubject } from "./userNounSubject.js";

/**
 * The one reader of user names (issue 14, class 1): a word becomes an account's name only where
 * the sentence puts a name: after "user", "account", "called", "named", "username", "for", in a
 * list after those, in a subject's place ("ben gets sudo", "ana is admin", "sam sudo"), right
 * after a verb that gives a privilege ("make vince an admin"), or alone as an answer. A common
 * word in any other place ("make me admin i think thats what the video said", "I'll be the only
 * one using it") is no one's name, whatever it is. agent/rules/users.ts (the rules backend),
 * agent/safety/userWords.ts (the protections' reader) and agent/safety/userNameGate.ts (the screen
 * every backend's createUser passes) all ask here.
 */

/** Words people type that are nobody's name, wherever they stand ("user thats", "sudo for printing"). */
export const NO_ONE_WORDS: ReadonlySet<string> = new Set([
  "thx",
  "thanks",
  "ty",
  "cheers",
  "tbh",
  "btw",
  "lol",
  "thats",
  "that",
  "this",
  "typo",
  "oops",
  "nobody",
  "noone",
  "none",
  "everyone",
  "everybody",
  "someone",
  "somebody",
  "anyone",
  "user",
  "users",
  "account",
  "backup",
  "backups",
  "stuff",
  "things",
  "thing",
  "installing",
  "install",
  "printing",
  "printer",
  "printers",
  "monitoring",
  "gaming",
  "games",
  "updates",
  "updating",
  "upgrades",
  "work",
  "working",
  "coding",
  "programming",
  "development",
  "docker",
  "podman",
  "administrator",
  "sudo",
  "sudoer",
  "wheel",
  "the",
  "whole",
  "point",
  "too",
  "also",
  "please",
  "pls",
  "it",
  "them",
  "him",
  "her",
  "me",
  "myself",
  "mine",
  "hyprland",
  "sway",
  "gnome",
  "kde",
  "plasma",
  "xfce",
  "steam",
  "wifi",
  "network",
  "networking",
  "bluetooth",
  "audio",
  "sound",
  "maintenance",
  "packages",
  "software",
  "apps",
  "everything",
  "anything",
  "nothing",
  "something",
  // refusals and fillers, in English and in the languages people mix in ("neuer Benutzer jonas,
  // kein sudo" made an account "kein" and gave it the sudo it refused)
  "blah",
  "meh",
  "kidding",
  "joking",
  "jk",
  "joke",
  // "not for our guest": a possessive before the person, never the person
  "my",
  "our",
  "their",
  "your",
  "his",
  "nope",
  "nah",
  "kein",
  "keine",
  "keinen",
  "nicht",
  "nein",
  "ohne",
  "niemand",
  "pas",
  "sans",
  "aucun",
  "personne",
  "sin",
  "nadie",
  "sem",
  "ninguem",
  "senza",
  "nessuno",
  "geen",
  "niet",
  "zonder",
  "ingen",
  "utan",
  "uden",
  "bez",
  "nikt",
  "forget",
  "remove",
  "drop",
  "cancel",
  "delete",
  "add",
  "create",
  "make",
  "give",
  "never",
  "mind",
  "wait",
  "undo",
  // the privilege refused in one word ("user qa, non-admin"): a setting, no one's name
  "non-admin",
  "nonadmin",
  "sudo-less",
  "sudoless",
  "no-sudo",
  "nosudo",
  "non-sudo",
  "unprivileged",
  "non-privileged",
  "nonprivileged",
  "non-root",
  "nonroot",
  // people spoken of as a group ("no admin for interns"): a rule about them, no account
  "interns",
  "students",
  "employees",
  "contractors",
  "colleagues",
  "coworkers",
  "staff",
  // "my boss says no admin for interns": whose words they are, no account
  "says",
  "said",
  "thinks",
]);

/**
 * A name the system keeps (tools/createUser.ts RESERVED_USERNAMES, the one list: the tool refuses
 * them, the gate drops them before validation with a reply naming them) or a systemd-* account.
 */
export function reservedUsername(name: string): boolean {
  return reservedUsernameProblem(name.toLowerCase()) !== undefined;
}

/** A disk's device name ("sda, user kai"): a disk, never a person. */
export function diskWord(n: string, facts?: Facts): boolean {
  if (/^(?:[shv]d[a-z]|xvd[a-z]|nvme\d+n\d+(?:p\d+)?|mmcblk\d+(?:p\d+)?|[shv]d[a-z]\d+)$/.test(n))
    return true;
  return facts?.disks.some((d) => d.path.replace(/^\/dev\//, "") === n) ?? false;
}

/** Words before the subject of a clause that are not it: "oh and ben gets sudo", "ok so sam sudo". */
const LEAD = new Set([
  "and",
  "also",
  "oh",
  "ok",
  "okay",
  "so",
  "then",
  "plus",
  "but",
  "um",
  "uh",
  "umm",
  "hmm",
  "well",
  "actually",
  "wait",
  "no",
  "yes",
  "yeah",
  "sure",
  "right",
  "alright",
  "now",
  "k",
  "not",
  "only",
  "just",
  "sorry",
  "oops",
]);

/** What may follow a subject that is a name: a verb of having, a privilege, a setting, the end. */
const AFTER_SUBJECT = new Set([
  "is",
  "gets",
  "get",
  "has",
  "have",
  "should",
  "shall",
  "can",
  "could",
  "would",
  "needs",
  "need",
  "wants",
  "will",
  "may",
  "must",
  "with",
  "without",
  "no",
  "not",
  "as",
  "too",
  "also",
  "and",
  "sudo",
  "sudoer",
  "admin",
  "administrator",
  "root",
  "wheel",
  "nosudo",
  "shell",
  "in",
  "uses",
  "stays",
  "only",
  // the kind of account, a setting: "sneha normal", "lee regular"
  "normal",
  "regular",
  "standard",
  "plain",
  "basic",
  "limited",
  "ordinary",
  "unprivileged",
]);

/** Verbs that give a privilege to the person right after them: "make vince an admin". */
const GRANTING = new Set(["make", "give", "let", "grant", "put", "allow", "promote"]);

/** First-person words: the speaker, who is a user only where the words tie them to one. */
export const FIRST_PERSON: ReadonlySet<string> = new Set(["i", "me", "myself", "im", "i'm", "mine"]);

/** Who a person is to the speaker, said before their name: "kids cal and dee", "my son max". */
export const RELATIONS: ReadonlySet<string> = new Set([
  "kid",
  "kids",
  "son",
  "sons",
  "daughter",
  "daughters",
  "children",
  "wife",
  "husband",
  "partner",
  "brother",
  "sister",
  "mom",
  "mum",
  "dad",
  "friend",
  "roommate",
  "flatmate",
  "guest",
  "parents",
  "boys",
  "girls",
]);

/** Possessives before a relation: "my son max", "her sister rita", "for my wife jo". */
const POSSESSIVE = new Set(["my", "his", "her", "our", "their", "your"]);

/** Where a clause's subject starts: after "oh", "and", "ok so" …, and after "my son" in "my son max …". */
function subjectStart(w: readonly string[]): number {
  let k = 0;
  while (k < w.length && (LEAD.has(w[k]!) || /^\W+$/.test(w[k]!))) k++;
  return k;
}

/**
 * Whether the word at `j` of a clause (its words, lowercase) stands where a name goes without an
 * anchor: the clause's subject (after "oh", "and", "ok so" …, or after "my kid" in "my kid ana
 * needs a login") followed by a verb of having, a privilege or nothing, or the person right after
 * a verb that grants ("make X admin").
 */
export function inSubjectPlace(w: readonly string[], j: number): boolean {
  let k = subjectStart(w);
  // "kids cal and dee without", "my son max needs …": the name after who they are
  if (RELATIONS.has(w[k] ?? "") && j === k + 1) k++;
  if (POSSESSIVE.has(w[k] ?? "") && j >= k + 2) k = w[k + 2] === "," && j === k + 3 ? k + 3 : k + 2;
  if (j === k) {
    const next = w[j + 1];
    if (next === undefined || /^\W+$/.test(next) || AFTER_SUBJECT.has(next)) return true;
  }
  return j > 0 && GRANTING.has(w[j - 1]!);
}

/**
 * A name said beside who it is: "my son max", "her sister rita", "my brother, kevin", "me, alex",
 * "me (alex)", and a name given anew: "make it mio", "call him gamer", "change it to lina".
 */
function appositive(w: readonly string[], j: number): boolean {
  let k = j - 1;
  while (k >= 0 && /^\W+$/.test(w[k]!)) k--;
  if (k >= 0 && (w[k] === "me" || w[k] === "myself")) return true;
  if (k >= 1 && POSSESSIVE.has(w[k - 1]!) && /^[a-z]+$/.test(w[k]!)) return true;
  const m = w[k] === "to" ? k - 1 : k;
  return (
    m >= 1 &&
    ["it", "him", "her", "them", "that"].includes(w[m]!) &&
    ["make", "call", "change", "name"].includes(w[m - 1]!)
  );
}

/** Words that put a name right after them. */
const ANCHORS = new Set([
  "user",
  "users",
  "usr",
  "account",
  "accounts",
  "called",
  "named",
  "username",
  "for",
  "call",
  "name",
  "create",
  "add",
  "am",
  "im",
]);

/** What may join names in a list after an anchor: "users anna, ben and cara". */
const JOINS = new Set(["and", ",", "&", "+", "plus", ":"]);

/**
 * Whether `text` names `name` as a person: after an anchor (or in a list after one), in a
 * subject's place, after a granting verb, or as the whole answer. The reader the gate applies to
 * every backend's createUser: a word the text never puts in a name's place is no user.
 */
export function namesPerson(text: string, name: string, facts?: Facts): boolean {
  const n = name.toLowerCase();
  // "create a user who goes by 'zed'": a quoted word in a request for an account (quotedNames.ts)
  if (
    quotedAsName(text, n) ||
    introducesName(text, n, (t) => (NO_ONE_WORDS.has(t.norm) ? undefined : t.norm.toLowerCase()))
  )
    return true;
  // "im leo", "my name is jess", "call me bo": the speaker says their own name
  if (new RegExp(`\\b(?:i'?m|i am|my name is|my name's|call me|name is)\\s+${n}\\b`, "i").test(text))
    return true;
  // "useradd -m -G wheel sam", "usermod -aG wheel bob": the account a command names (userCommands.ts)
  if (new RegExp(`\\b(?:useradd|adduser|usermod|gpasswd)\\s[^&;|\\n]*?\\b${n}\\b`, "i").test(text))
    return true;
  const clauses = splitForNames(facts ? normalizeTokens(text, facts) : tokenize(text));
  for (const c of clauses) {
    const w = c.map((t) => t.norm.toLowerCase());
    for (let j = 0; j < w.length; j++) {
      if (w[j] !== n) continue;
      // the subject of a part of a list: "vince with sudo and anna without", "ana with sudo, bob without"
      let s = j;
      while (s > 0 && !["and", ",", ":", "(", "&", "+"].includes(w[s - 1]!)) s--;
      if (inSubjectPlace(w.slice(s), j - s) || inSubjectPlace(w, j) || appositive(w, j)) return true;
      // back over a list ("users anna, ben and cara"), "the"/"a" and "is" ("my name is X") to an anchor
      const aboutSomeone = w.slice(0, j).some((x) => ["he", "she", "him", "her", "they", "them"].includes(x));
      for (let k = j - 1; k >= 0 && j - k <= 12; k--) {
        const x = w[k]!;
        // "she needs admin for real": "for" after a pronoun's clause names no one
        // "the user wants mpv": a user noun with its verb after it is the subject, no anchor
        // ("my username is ravi": the copula's name is the account's)
        if (ANCHORS.has(x) && userNounIsSubject(w, k)) {
          if (copulaNameAt(w, k) === j) return true;
          break;
        }
        if (ANCHORS.has(x)) return !(x === "for" && aboutSomeone && k === j - 1);
        if (
          JOINS.has(x) ||
          POSSESSIVE.has(x) ||
          ["a", "the", "is", "be", "new", "called", "named", "first"].includes(x) ||
          // "a user cawed fraser": a function word of the turn's language stands where "called" does,
          // as the name readers pass over it (agent/rules/users.ts)
          functionWord(x, text)
        )
          continue;
        // a list member: a word followed by a join
        if (JOINS.has(w[k + 1] ?? "") || /^\W+$/.test(w[k + 1] ?? "")) continue;
        // "(sudo)" after a member: its own setting
        if (["sudo", "admin", "with", "without", "no", "(", ")"].includes(x)) continue;
        break;
      }
    }
  }
  return false;
}

/** Clauses for names: split at sentence punctuation and at "but", "so", "then", "because". */
function splitForNames(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (/^[.;!?]$/.test(t.norm) || ["but", "so", "then", "because", "though"].includes(t.norm)) {
      out.push([]);
      continue;
    }
    out.at(-1)!.push(t);
  }
  return out.filter((c) => c.length);
}
