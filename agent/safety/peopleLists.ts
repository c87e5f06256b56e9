import type { Facts } from "../../facts/schema.js";
import { reservedUsernameProblem, USERNAME_PATTERN } from "../../tools/createUser.js";
import type { Decision, ModelToolCall } from "../../tools/decision.js";
import { functionWord } from "../rules/functionWords.js";
import type { ConversationView } from "../types.js";

/**
 * A list of people with sudo said per person (tester 10 D3, W3): "users max and will, will gets
 * sudo, max doesnt" made only max, with sudo; "users kim and admin, admin gets sudo" gave kim sudo;
 * "users ana ben" made ana alone; "users mum and dad with sudo, lia and tom without" lost mum and
 * dad; "users dad, lia, tom. dad sudo, kids no" lost dad. Names that are also words ("will",
 * "admin", "may") were read as words. Read here as the list it is: every name after "users" is a
 * person; each later clause that opens with listed names (or "kids", "the rest", "both") and says
 * sudo or no sudo sets it for them; a group's "with sudo" / "without" covers its names. When the
 * whole list reads cleanly, the accounts of the decision are these; otherwise it is left as it was.
 */

type UserCall = Extract<ModelToolCall, { tool: "createUser" }>;

const LIST_OPEN = /\b(?:users|accounts|people|usernames|logins|user accounts|new users)\b\s*:?\s*/i;
const JOIN = new Set(["and", "&", "+", "plus", "n"]);
/** Clause ends that say sudo; "bob does", "bill will": the privilege the clause before spoke of. */
const YES =
  /^(?:(?:with|w\/|w|gets?|has|have|having|is|are|as|needs?|wants?|to get|(?:should|will|can|may|could|must|shall) (?:get|have|be)|also gets?)\s+)?(?:(?:an? )?(?:sudo|admin|admin rights|administrator|root|root access|sudo rights|sudo access|sudoer)(?:\s*[:=]?\s*(?:yes|y|true|on))?|yes|does|do|will|can|should|has)$/;
/** Clause ends that say no sudo. */
const NO =
  /^(?:without(?:\s+(?:sudo|admin|admin rights|root))?|w\/o(?:\s+sudo)?|no(?:\s+(?:sudo|admin|admin rights|root))?|nope|not|not admin|not sudo|(?:gets?|has|have|needs?) no (?:sudo|admin)|(?:doesn'?t|doesnt|does not|don'?t|dont|do not|shouldn'?t|shouldnt|won'?t|wont|can'?t|cant)(?:\s+(?:get|have|need))?(?:\s+(?:it|sudo|admin|either|any))*|(?:sudo|admin)\s*[:=]?\s*(?:no|n|false|off)|normal|regular|standard|plain|(?:is |are )?(?:a )?(?:normal|regular|standard) (?:user|users|account|accounts)|(?:is |are )?(?:a )?kids?)$/;
/** Words that name the rest of the list. */
const REST =
  /^(?:the )?(?:kids|children|others|other ones|other two|rest|rest of them|everyone else|everybody else)$/;
const ALL =
  /^(?:both|all|either|each|everyone|everybody|all of them|both of them|either of them|each of them|all three|all four)$/;
/** Words that are never a person's name in a list. */
const NOT_A_NAME = new Set([
  "the",
  "a",
  "an",
  "with",
  "without",
  "sudo",
  "no",
  "yes",
  "and",
  "or",
  "but",
  "for",
  "to",
  "on",
  "gets",
  "get",
  "has",
  "have",
  "is",
  "are",
  "user",
  "users",
  "it",
  "them",
  "please",
  "pls",
  "install",
  "disk",
  "drive",
  "next",
  "erase",
  "wipe",
  "whole",
  // verbs and pronouns that open a clause about people: "give will sudo", "she gets admin"
  "give",
  "gives",
  "grant",
  "make",
  "let",
  "allow",
  "only",
  "just",
  "also",
  "then",
  "add",
  "create",
  "set",
  "put",
  "use",
  "he",
  "she",
  "they",
  "her",
  "him",
  "his",
  "i",
  "me",
  "my",
  "we",
  "you",
  // quantifiers a list reader cannot share out: "neither gets sudo", "one of them"
  "neither",
  "none",
  "nobody",
  "noone",
  "anyone",
  "anybody",
  "someone",
  "somebody",
  "one",
  "who",
  "which",
  "whoever",
]);

/** Words of the machine (disk models, labels, systems) and program names: never a person here. */
function isName(w: string, machine: ReadonlySet<string>): boolean {
  return (
    new RegExp(USERNAME_PATTERN).test(w) &&
    !NOT_A_NAME.has(w) &&
    // "well not kid": a negator, a filler or a function word is never one of the names
    !functionWord(w) &&
    !machine.has(w) &&
    reservedUsernameProblem(w) === undefined
  );
}

const BRANDS = [
  "ssd",
  "hdd",
  "nvme",
  "usb",
  "disk",
  "drive",
  "stick",
  "windows",
  "linux",
  "samsung",
  "crucial",
  "seagate",
  "kingston",
  "wd",
  "western",
  "toshiba",
  "hynix",
  "sandisk",
  "intel",
  "micron",
  "kioxia",
  "adata",
  "lexar",
  "hitachi",
  "hgst",
  "corsair",
  "sabrent",
  "pny",
  "transcend",
  "verbatim",
];

function wordsOf(facts: Facts): Set<string> {
  const words = JSON.stringify(facts.disks ?? [])
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1);
  return new Set([...words, ...facts.recipes, ...BRANDS]);
}

/**
 * "max and will", "ana ben", "dad, lia, tom": the names, or undefined when a word is no name. A
 * list that ends on "and" is cut short: "kim and | admin" is no list, "kim and admin" is. Once the
 * list is made, names said again are joined ("ana and ben get sudo"): "ana may have sudo" is ana
 * alone, never "ana" and "may".
 */
function names(
  words: readonly string[],
  machine: ReadonlySet<string>,
  listing: boolean,
): string[] | undefined {
  if (JOIN.has(words.at(-1)!) || JOIN.has(words[0]!)) return undefined;
  if (!listing && words.some((w, k) => k > 0 && !JOIN.has(w) && !JOIN.has(words[k - 1]!))) return undefined;
  // "vince and ana both with sudo": a quantifier after the names is of them, never one more
  const out = words.filter((w, k) => !JOIN.has(w) && !(k > 0 && QUANTIFIER.has(w)));
  return out.length && out.every((w) => isName(w, machine)) ? out : undefined;
}

const QUANTIFIER = new Set(["both", "each", "all", "too"]);

interface ListClause {
  who: string[];
  /** What the clause says of sudo: undefined where it names people and says nothing of it. */
  sudo: boolean | undefined;
  /** "only ana gets sudo": everyone else in the list is without it. */
  only?: boolean;
}

const PRIVILEGE = `(?:sudo|admin|admin rights|administrator|root|root access|sudo rights|sudo access|wheel)`;
/** "sudo for max", "no sudo for will", "admin not for the kids": the privilege said before whose it is. */
const FOR_WHOM = new RegExp(`^(no |not )?${PRIVILEGE} (not |is not |isnt )?(?:for|to) (.+)$`);
/** "give will sudo", "make bill an admin", "dont give tom admin". */
const GIVE_TO = new RegExp(
  `^(dont |don't |do not |never )?(?:give|grant|make) (.+?) (?:an? )?${PRIVILEGE}s?(?: too| as well)?$`,
);

/**
 * A clause as names and what it says of sudo: "will gets sudo", "lia and tom without", "paul
 * (admin)", "sudo for max", "give will sudo", "only ana gets sudo". The shortest run of names whose
 * rest reads as sudo said wins, so a sudo word or a verb after the names is never taken for one
 * more name ("ana should have sudo", "paul admin").
 */
function clause(text: string, machine: ReadonlySet<string>, listing: boolean): ListClause | undefined {
  const words = text.replace(/[:=]/g, " : ").replace(/[()]/g, " ").split(/\s+/).filter(Boolean);
  const plain = words.filter((w) => w !== ":").join(" ");
  // "..., well not kid": a filler opens the clause; "not kid" after the grant takes it back from kid
  const unfilled = plain.replace(/^(?:(?:well|um+|uh+|erm|oh|ah|hmm|actually|wait|ok|okay|so|but)\s+)+/, "");
  if (unfilled !== plain) return clause(unfilled, machine, listing);
  const except = /^(?:not|except|minus) (.+)$/.exec(plain);
  if (except) {
    const n = names(except[1]!.split(" "), machine, listing);
    return n ? { who: n, sudo: false } : undefined;
  }
  const only = /^(?:only|just) (.+)$/.exec(plain);
  if (only) {
    const read = clause(only[1]!, machine, listing);
    return read?.sudo === true && !read.only ? { ...read, only: true } : undefined;
  }
  const forWhom = FOR_WHOM.exec(plain);
  const giveTo = GIVE_TO.exec(plain);
  if (forWhom || giveTo) {
    const who = forWhom ? forWhom[3]! : giveTo![2]!;
    const refused = forWhom ? forWhom[1] !== undefined || forWhom[2] !== undefined : giveTo![1] !== undefined;
    const n = names(who.split(" "), machine, listing);
    return n ? { who: n, sudo: !refused } : undefined;
  }
  for (let k = 1; k <= words.length; k++) {
    const who = words.slice(0, k);
    const rest = words
      .slice(k)
      .filter((w) => w !== ":")
      .join(" ");
    const sudo = rest === "" ? undefined : YES.test(rest) ? true : NO.test(rest) ? false : null;
    if (sudo === null) continue;
    const group = who.join(" ");
    if (REST.test(group) || ALL.test(group)) return { who: [group], sudo };
    const n = names(who, machine, listing);
    if (n) return { who: n, sudo };
  }
  return undefined;
}

/** Words that say the privilege or speak of people: a sentence with one is still about the list. */
const ABOUT_PEOPLE =
  /\b(?:sudo\w*|admins?|administrators?|root|wheel|users?|accounts?|kids?|children|rest|others?|both|all|everyone|everybody)\b/;

/**
 * Who gets sudo, per name, when the turn holds a list of people read whole; else undefined. The
 * list is read from "users"/"accounts" to the end of the turn, or to a sentence that names none of
 * them and says nothing of sudo or people ("... bob does. and firefox"). Every clause in it must
 * read as names, or names and their sudo, or "the rest"/"both" and theirs; any other clause, or a
 * sudo word said before the list ("the kids get no admin. users ..."), leaves the turn to the
 * other readers.
 */
export function readPeopleList(text: string, facts: Facts): Map<string, boolean> | undefined {
  const machine = wordsOf(facts);
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  const open = LIST_OPEN.exec(lower);
  if (!open) return undefined;
  const head = lower.slice(0, open.index);
  // "in the users group", "-G users,video": a group, not a list of people
  if (/(?:\b(?:in|to|into)(?:\s+the)?|-a?g|groups?\s*[=:]?)\s*$/.test(head)) return undefined;
  if (ABOUT_PEOPLE.test(head.replace(/\b(?:create|add|make|new)\s*$/, ""))) return undefined;
  const sentences = lower
    .slice(open.index + open[0].length)
    .split(/\s*[.!?;\n]+\s*/)
    .filter((x) => x.trim());
  const sudo = new Map<string, boolean | undefined>();
  let listing = true;
  for (const [i, sentence] of sentences.entries()) {
    const parts = sentence
      .split(/\s*(?:,|\bbut\b|\bwhile\b|\bwhereas\b)\s*/)
      // "bob and carol (admin)": a bracket speaks of the name just before it, never of the
      // names joined to it (bob had been given sudo: findings3-list-settings)
      .flatMap((c) => (/\(/.test(c) ? c.split(/\s+(?:and|&)\s+(?=[^()]*\()/) : [c]))
      .map((c) => c.trim())
      .filter(Boolean);
    const named = [...sudo.keys()].some((n) => new RegExp(`\\b${n}\\b`).test(sentence));
    // the list has ended: a sentence about something else ("... bob does. crucial please")
    if (i > 0 && !named && !ABOUT_PEOPLE.test(sentence)) break;
    for (const c of parts) {
      const read = clause(c, machine, listing);
      if (!read) return undefined;
      const [group] = read.who;
      if (REST.test(group!) || ALL.test(group!)) {
        if (read.sudo === undefined || !sudo.size) return undefined;
        for (const [n, s] of sudo) if (ALL.test(group!) || s === undefined) sudo.set(n, read.sudo);
        listing = false;
        continue;
      }
      const known = read.who.every((n) => sudo.has(n));
      // once a clause speaks of listed people, new names are no longer the list
      if (!known && !listing) return undefined;
      if (known && read.sudo === undefined) return undefined;
      for (const n of read.who) sudo.set(n, read.sudo ?? sudo.get(n));
      if (read.only) for (const n of sudo.keys()) if (!read.who.includes(n)) sudo.set(n, false);
      if (known) listing = false;
    }
  }
  if (sudo.size < 2 && ![...sudo.values()].some((s) => s !== undefined)) return undefined;
  if (sudo.size === 0) return undefined;
  return new Map([...sudo].map(([n, s]) => [n, s === true]));
}

export function screenPeopleList(d: Decision, conv: ConversationView, facts: Facts): Decision {
  const list = readPeopleList(conv.user, facts);
  if (!list) return d;
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : undefined;
  // "What should the new user be called?" beside a list that names them: the list answers it, and
  // what the reply offered from the same words is planned with them
  const askedName = "reply" in d && /new user be called/.test(d.reply);
  if (!calls || (!calls.some((c) => c.tool === "createUser") && !askedName)) return d;
  const planned = new Set(
    conv.pending.flatMap((c) => (c.tool === "createUser" ? [(c.args as { username: string }).username] : [])),
  );
  const made = calls.filter((c): c is UserCall => c.tool === "createUser");
  // an account the decision makes that the list does not name is read from other words: the list
  // is not the whole of what was said of people, so it replaces nothing
  if (made.some((c) => !planned.has(c.args.username) && !list.has(c.args.username))) return d;
  const users: UserCall[] = [...list]
    .filter(([n]) => !planned.has(n))
    .map(([n, sudo]) => {
      const had = made.find((c) => c.args.username === n);
      return {
        tool: "createUser",
        args: { ...(had?.args ?? { shell: "/bin/bash", groups: [] }), username: n, sudo },
      } as UserCall;
    });
  const others = calls.filter((c) => c.tool !== "createUser");
  const at = calls.findIndex((c) => c.tool === "createUser");
  const next = (
    at < 0 ? [...others, ...users] : [...others.slice(0, at), ...users, ...others.slice(at)]
  ) as ModelToolCall[];
  if (!next.length) return d;
  if ("calls" in d || askedName) return { calls: next };
  return { ...d, offer: { calls: next } } as Decision;
}
