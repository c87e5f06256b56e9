import type { Decision, ModelToolCall } from "../../tools/decision.js";
import type { ConversationView } from "../types.js";

/**
 * Sudo stands only where the words touching it are words I can read. "create user anna la sudo"
 * (Arabic "no"), "user miren sudo gabe" (Basque "without"), "user lina bala sudo" (Maltese),
 * "anna, нет sudo", "sudo なし", "anna flurb sudo" all planned anna WITH sudo (attacker 14 H3,
 * tester 17 D3): no reader knew the word, so nothing refused, and the grant read around it stood.
 * Refusal words of every language cannot be listed; the words people put right before and after
 * a granted "sudo" can: "with", "gets", "give him", a name, "(", ",", "both", "no" (read by the
 * refusal readers), "access", "rights", "please", the end of the sentence. A word outside them,
 * in any script, may turn the privilege around, so nobody gets sudo on it: the question names the
 * word and offers the people without sudo (a yes adds them; "anna with sudo" gives it).
 *
 * The same word is no person either: "user anna, ilman sudoa" (Finnish "without sudo") planned
 * an account "ilman" (attacker 14 H4). In a turn that introduces one person with an account
 * word, an account whose name stands only next to a sudo word, introduced by no account word and
 * joined to no person by "and"/"&"/"plus", is that unread word.
 */

const SUDO = /^(?:sudo\w*|sudoers?|admins?|administrators?|wheel)$/;

/** What may stand right before a granted sudo word. */
const BEFORE = new Set(
  (
    "with w w/ w/o w/out wiht wth whith withh con mit avec com met med z s sa so ar su kun ile dengan ba plus and also too full own " +
    "his her their a an the some root yes give gives giving gave given grant grants granted granting get gets getting got " +
    "has have having had need needs needed want wants wanted use uses can may should as enable enabled add adds allow " +
    "allowed make makes made let lets incl including include via into in to for is are be on requires just only both him " +
    "me us them no not never without nope do does did called named she's he's shes hes they're am i you he she they we it " +
    "was being been all each every normal regular standard then again back now real proper my your our of at by non like " +
    "become becomes that who which extra temp temporary default local system sys linux superuser super power would like " +
    "yeah yep ok okay sure right correct please pls but or nor either neither dont don't doesnt doesn't isnt isn't cannot " +
    "cant can't shouldnt user users account accounts login keeps keep kept stays stay remains remain retains retain loses lose lost drop drops dropped revoke take takes took se sa sudo-less tbh imo btw plus"
  ).split(" "),
);
/** What may stand right after it. */
const AFTER = new Set(
  (
    "and yes true on too also please pls plz thanks thx access rights right privileges privilege perms permissions powers " +
    "power group for as so since because cause then enabled is are to with user users account but n ya this full via " +
    "obviously of course shell thing things stuff one ones role mode level abilities ability capabilities either neither " +
    "nor or not no by default only just again back now if when though tho lol haha ty etc ok okay yeah at all in from the " +
    "a an he she they it i we you after before later first him her them me por favor tbh imo btw obv ofc asap plus goes go stays remains"
  ).split(" "),
);
const PUNCT = /^[^\p{L}\p{N}]+$/u;

const SINGULAR_ACCOUNT = new Set([
  "user",
  "account",
  "login",
  "person",
  "member",
  "named",
  "called",
  "username",
]);
const PLURAL_ACCOUNT = /\b(?:users|accounts|logins|people|persons|members|both|two|three|four)\b/;
const JOINS = new Set(["and", "&", "plus", "+"]);

/** The words and marks of the turn, lowercase, accents off (usernames are compared so). */
function tokens(text: string): string[] {
  const plain = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  // "w/o", "w/out", "w/" are one word each (a "/" cut "o" off as a word nobody knows)
  return [...plain.matchAll(/w\/o(?:ut)?|w\/|[\p{L}\p{N}_'-]+|[^\s\p{L}\p{N}]/gu)]
    .map((m) => m[0].replace(/^'+|'+$/g, ""))
    .filter((w) => w !== "");
}

const numberLike = (w: string) => /^\d+[.)]?$/.test(w) || /^--?\w/.test(w);

/** The first word next to a sudo word that I cannot read, or undefined. */
function unreadNeighbour(t: readonly string[], names: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < t.length; i++) {
    if (!SUDO.test(t[i]!)) continue;
    const before = t[i - 1];
    const after = t[i + 1];
    const known = (w: string) => PUNCT.test(w) || names.has(w) || SUDO.test(w) || numberLike(w);
    if (before !== undefined && !known(before) && !BEFORE.has(before)) return before;
    // after the sudo word only a word that ends its clause ("sudo gabe", "sudo なし"): one that goes
    // on ("sudo goes to bob", "sudo plus user sam") is read by the other readers
    const ends = t[i + 2] === undefined || PUNCT.test(t[i + 2]!);
    if (after !== undefined && ends && !known(after) && !AFTER.has(after)) return after;
  }
  return undefined;
}

/** Accounts named only beside a sudo word, in a turn that introduces one person by an account word. */
function strayAccounts(t: readonly string[], users: readonly string[], text: string): string[] {
  if (users.length < 2 || PLURAL_ACCOUNT.test(text.toLowerCase())) return [];
  const introduced = (n: string) => t.some((w, i) => w === n && SINGULAR_ACCOUNT.has(t[i - 1] ?? ""));
  const people = users.filter(introduced);
  if (people.length === 0) return [];
  const firstPerson = Math.min(...people.map((p) => t.indexOf(p)));
  return users.filter((n) => {
    if (people.includes(n)) return false;
    const at = t.flatMap((w, i) => (w === n ? [i] : []));
    if (at.length === 0) return false;
    if (at.some((i) => t.slice(firstPerson, i).some((w) => JOINS.has(w)))) return false;
    // beside a sudo word, or one mark away from it ("sudo? nyet")
    const besideSudo = (i: number) =>
      [i - 1, i + 1].some((j) => SUDO.test(t[j] ?? "")) ||
      (/^[?!]$/.test(t[i - 1] ?? "") && SUDO.test(t[i - 2] ?? ""));
    // "..., tomas and ulla without": a name that starts a list of names is people
    if (at.some((i) => JOINS.has(t[i + 1] ?? ""))) return false;
    return at.every(besideSudo);
  });
}

/** The names said in the clause (between , ; . ! ?) around position `at`. */
function clauseNames(t: readonly string[], at: number, names: readonly string[]): string[] {
  const stop = (w: string | undefined) => w === undefined || /^[,;.!?]$/.test(w);
  let a = at;
  while (!stop(t[a - 1])) a--;
  let b = at;
  while (!stop(t[b + 1])) b++;
  return names.filter((n) => t.slice(a, b + 1).includes(n));
}

type UserCall = Extract<ModelToolCall, { tool: "createUser" }>;

export function screenSudoContext(decision: Decision, conv: ConversationView): Decision {
  if (!("calls" in decision)) return decision;
  const users = decision.calls.filter((c): c is UserCall => c.tool === "createUser");
  if (users.length === 0) return decision;
  const t = tokens(conv.user);
  const names = users.map((u) => u.args.username.toLowerCase());
  const strays = strayAccounts(t, names, conv.user);
  const granted = users.some((u) => u.args.sudo === true && !strays.includes(u.args.username.toLowerCase()));
  const known = new Set([
    ...names.filter((n) => !strays.includes(n)),
    ...(conv.pending ?? []).flatMap((c) => (c.tool === "createUser" ? [c.args.username.toLowerCase()] : [])),
  ]);
  const word = strays.length ? strays[0] : granted ? unreadNeighbour(t, known) : undefined;
  if (word === undefined) return decision;
  // the doubt is the clause's that holds the word ("user al with sudo, user kim sudo negative": al's
  // grant stands); a clause that names nobody doubts every grant
  const inClause = clauseNames(t, t.indexOf(word), names);
  const doubted = (n: string) => strays.length > 0 || inClause.length === 0 || inClause.includes(n);
  const kept = decision.calls
    .filter((c) => !(c.tool === "createUser" && strays.includes(c.args.username.toLowerCase())))
    .map((c) =>
      c.tool === "createUser" && doubted(c.args.username.toLowerCase())
        ? { ...c, args: { ...c.args, sudo: false } }
        : c,
    ) as ModelToolCall[];
  const who = users
    .filter((u) => !strays.includes(u.args.username.toLowerCase()) && doubted(u.args.username.toLowerCase()))
    .map((u) => u.args.username);
  const what = strays.length ? "make it an account or give anyone sudo on it" : "give anyone sudo on it";
  const ask = who.length
    ? ` Shall I add ${who.join(", ")} without sudo? (Say "${who[0]} with sudo" to give it.)`
    : "";
  return {
    reply: `I don't know the word "${word}" next to "sudo", so I won't ${what}.${ask}`,
    ...(kept.length ? { offer: { calls: kept } } : {}),
  };
}
