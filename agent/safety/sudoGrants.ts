import type { Decision } from "../../tools/decision.js";
import { type Clause, clauses } from "../rules/clauses.js";
import { editDistance, fold } from "../rules/text.js";
import type { ConversationView } from "../types.js";
import { requestForm } from "./requestForm.js";
import { hedgedGrant } from "./sudoHedges.js";

/**
 * Whether the words give a person sudo: a sudo word aimed at them in a clause with the form of a
 * request. Refusals are read elsewhere (sudoReading.ts); the verdict (sudoReader.ts) lets a
 * refusal win over anything read here.
 */

const SUDO =
  /^(?:sudo|sudoer|sudoers|admin|admins|administrator|administrators|administration|wheel|superuser|root|privileged|privileges|elevated)$/;
const GROUP = /\b(?:either|both|all|everyone|everybody|each|them|they|all of them|both of them)\b/;
const GRANT_SPEAKER = /^(?:i|im|me|my|myself)$/;

/** The positions of sudo, admin or wheel words in a clause that no negation governs. */
function grantsAt(w: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (!SUDO.test(x) && !(x.length === 4 && editDistance(x, "sudo", 1) <= 1)) continue;
    if (x === "root" && !/^(?:access|rights|privileges|powers|permissions)$/.test(w[i + 1] ?? "")) continue;
    const before = w.slice(Math.max(0, i - 4), i);
    if (before.some((b) => GRANT_NEGATOR.test(b) || b === "non")) continue;
    if (hedgedGrant(w, i)) continue;
    out.push(i);
  }
  return out;
}

/** An account command that puts `u` in an admin group: "useradd -G wheel u", "gpasswd -a u wheel". */
function commandGrants(text: string, u: string): boolean {
  return text
    .split(/\s*(?:&&|;|\|\||\n)\s*/)
    .some(
      (s) =>
        /^\s*(?:sudo\s+)?(?:useradd|adduser|usermod|gpasswd)\s/i.test(s) &&
        /\s(?:-a?G\s*|--groups?[=\s]|-a\s+\S+\s+)\S*\b(?:wheel|sudo|admin)\b/.test(s) &&
        new RegExp(`\\s${u}(?:\\s|$)`, "i").test(s),
    );
}

/** Whether the words (or the plan) give `username` sudo: a sudo word aimed at them. */
export function grantSaid(username: string, conv: ConversationView, decision: Decision): boolean {
  const u = username.toLowerCase();
  if (conv.pending.some((p) => p.tool === "createUser" && p.args.username === username && p.args.sudo))
    return true;
  // "useradd -m -G wheel sam", "usermod -aG wheel bob": an admin group given by command (rules/userCommands.ts)
  if (commandGrants(conv.user, u)) return true;
  const users = new Set<string>([
    u,
    ...conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username.toLowerCase()] : [])),
    ...("calls" in decision ? decision.calls : []).flatMap((c) =>
      c.tool === "createUser" ? [(c.args as { username: string }).username.toLowerCase()] : [],
    ),
  ]);
  // "i meant lily gets sudo": what follows the correction is the request
  // "create user zoë with sudo": the name planned is folded ("zoe"); the word that folds to it is
  // that name here (attacker 15 F3: the grant was lost). Only that word: folding every word made
  // "kāore sudo" a name beside sudo (findings20-t16-sudo-word).
  // Only a word the words introduce as a name ("user zoë", "named josé"): "account for tane, kāore
  // sudo" makes no person of the unread word, whatever a backend planned for it.
  const named = conv.user.replace(
    /(\b(?:user|users|named|called|username|name|login)\s+)([\p{L}\p{M}]+)/giu,
    (m, lead: string, x: string) => (fold(x).toLowerCase() === u ? `${lead}${u}` : m),
  );
  const cs = clauses(named).map((c) => {
    const k = c.w[0] === "i" && /^(?:mean|meant)$/.test(c.w[1] ?? "") ? 2 : 0;
    return k ? { ...c, w: c.w.slice(k), said: c.w.slice(k).join(" ") } : c;
  });
  // "--user ops:sudo --user deploy": a name the words give is a user, planned or not
  for (const c of cs)
    for (let k = 0; k + 1 < c.w.length; k++)
      if (
        /^(?:user|users|named|called|username)$/.test(c.w[k]!) &&
        // "my user should be called deepak and ... sudo": a verb after "user" is no name (it took
        // the grant as its owner, dev25 h24-097)
        !/^(?:with|a|an|the|and|for|is|account|should|shall|will|would|can|could|must|may|might|needs?|gets?|has|have|was|be|being|name|names|called|named)$/.test(
          c.w[k + 1]!,
        )
      )
        users.add(c.w[k + 1]!);
  const last = conv.turns.at(-1);
  if (last && "reply" in last.decision && cs.some((c) => c.w.includes(u))) {
    // "Who should have sudo?" "vince"; "add an admin" → "What should the user be called?" "vince"
    if (/\b(?:sudo|admin)\b/i.test(last.decision.reply)) return true;
    if (clauses(last.user).some((c) => grantsAt(c.w).length > 0 && !c.question)) return true;
  }
  // "same for bob", "bob too": what the turn before gave, given again
  const before = last && "calls" in last.decision ? last.decision.calls : [];
  const again = before.some((c) => c.tool === "createUser" && (c.args as { sudo?: boolean }).sudo);
  const speaker = speakerNames(cs);
  let lastUser: string | undefined;
  let sentence = -1;
  for (const c of cs) {
    if (c.sentence !== sentence) lastUser = undefined;
    sentence = c.sentence;
    if (again && c.w.includes(u) && /\b(?:same|too|also|as well|ditto)\b/.test(c.said)) return true;
    // "sudo is overkill for lu", "hal and sudo dont mix": talk about sudo grants nothing
    if (
      !c.question &&
      // "he should have admin rights if possible": a courtesy is no condition on the grant
      !(c.conditional && !c.courtesy) &&
      (requestForm(c, (x) => users.has(x)) || withGrant(c.w) || wishedGrant(c.w))
    ) {
      for (const at of grantsAt(c.w)) {
        // "user mom and user dad both admin": a group word just before the grant gives it to every
        // user the sentence names, not only the nearest
        const sentenceOf = cs.filter((d) => d.sentence === c.sentence);
        // "both admin except dan", "all with sudo but not lars": the user excepted gets nothing here
        if (excepted(u, sentenceOf)) break;
        if (
          c.w.slice(Math.max(0, at - 2), at).some((x) => /^(?:both|all|each|either)$/.test(x)) &&
          sentenceOf.some((d) => d.w.includes(u))
        )
          return true;
        // "ana, ben and cleo get sudo": a verb that agrees with a list of names gives it to each
        if (compoundSubject(cs, c, at, users).includes(u)) return true;
        // the privilege is the user's said nearest before it in the clause, else nearest after it
        let owner: string | undefined;
        for (let k = at - 1; k >= 0 && !owner; k--) if (users.has(c.w[k]!)) owner = c.w[k];
        for (let k = at + 1; k < c.w.length && !owner; k++) if (users.has(c.w[k]!)) owner = c.w[k];
        if (owner === u) return true;
        // "users tomas and ulla with sudo", "add xena, yuri and zoe with sudo": said after a list,
        // it is every member's (the users named since the sentence's last grant or refusal)
        if (
          !c.w.slice(at + 1).some((x) => users.has(x)) &&
          withPhrase(c.w, at, users) &&
          listed(cs, c, at, users).includes(u)
        )
          return true;
        if (owner) continue;
        // "all with sudo except lars": the group is everyone named but the one excepted
        if (
          GROUP.test(c.said) &&
          cs.some((d) => d.sentence === c.sentence && d.w.includes(u)) &&
          !excepted(
            u,
            cs.filter((d) => d.sentence === c.sentence),
          )
        )
          return true;
        if (c.w.some((x) => GRANT_SPEAKER.test(x)) && speaker.length) {
          if (speaker.includes(u)) return true;
          continue;
        }
        // "give him sudo", "with sudo": no one named before it in the sentence, or this user
        // ("kate as well, with sudo" with paul, lily and tom planned: not tom, whom the turn never
        // names; a bare grant reaches only the one person the turn is about)
        if (lastUser === u || (lastUser === undefined && aboutThem(u, cs, conv, decision))) return true;
      }
    }
    const named = c.w.filter((x) => users.has(x));
    if (named.length) lastUser = named.at(-1);
  }
  return false;
}

/** Verbs that agree with several people, and the words that may stand between one and the privilege. */
const PLURAL_VERB = /^(?:get|have|need|are|should|can|will|may|must)$/;
const TO_PRIVILEGE = /^(?:get|have|be|a|an|the|full|both|all)$/;
const LIST_WORD = /^(?:and|&|plus|users?|both|all)$/;

/**
 * "ana and ben get sudo", "ana, ben and cleo should have admin": the names of an "and" list that
 * is the subject of a plural verb, with the name-only clauses said just before it in the same
 * sentence ("ana" of "ana, ben and cleo"). A singular verb ("ana, ben gets sudo") or a name said
 * again ("users ana and ben, ana should have sudo") is no such list.
 */
function compoundSubject(cs: readonly Clause[], c: Clause, at: number, users: ReadonlySet<string>): string[] {
  const w = c.w;
  const v = w.findIndex((x, k) => k < at && PLURAL_VERB.test(x));
  if (v <= 0 || !w.slice(v + 1, at).every((x) => TO_PRIVILEGE.test(x))) return [];
  const subject = w.slice(0, v);
  if (!subject.every((x) => users.has(x) || LIST_WORD.test(x))) return [];
  if (!subject.some((x) => /^(?:and|&|plus)$/.test(x))) return [];
  const names = subject.filter((x) => users.has(x));
  for (let k = cs.indexOf(c) - 1; k >= 0; k--) {
    const d = cs[k]!;
    if (d.sentence !== c.sentence || !d.w.every((x) => users.has(x) || LIST_WORD.test(x))) break;
    names.push(...d.w.filter((x) => users.has(x)));
  }
  return new Set(names).size === names.length ? names : [];
}

/**
 * "user tim, absolutely with sudo", "honestly with admin rights": the grant said as a with-phrase
 * that ends the clause, whatever adverb comes before it, is the request form of a grant.
 */
function withGrant(w: readonly string[]): boolean {
  return grantsAt(w).some((at) => {
    const opener = w.slice(Math.max(0, at - 2), at);
    const after = w.slice(at + 1);
    return (
      opener.includes("with") &&
      after.every((x) =>
        /^(?:rights|access|privileges|powers|too|please|pls|this|time|as|well|also)$/.test(x),
      )
    );
  });
}

/**
 * "root access would be nice i suppose", "admin would be great for her": the grant wished for in
 * so many words; a negation anywhere in the clause ("wouldnt be nice", "not sure admin would be
 * good") makes it no wish.
 */
function wishedGrant(w: readonly string[]): boolean {
  if (
    !grantsAt(w).length ||
    w.some(
      (x) =>
        GRANT_NEGATOR.test(x) || /^(?:\w+n't|wouldnt|couldnt|doesnt|didnt|isnt|arent|wasnt|aint)$/.test(x),
    )
  )
    return false;
  return /\b(?:would|will|itd|thatd|d) be (?:(?:really|very|so|pretty|super) )?(?:nice|great|good|cool|helpful|handy|awesome|ideal|perfect|appreciated|lovely|useful|best|fine)\b/.test(
    w.join(" "),
  );
}

const FILLER = /^(?:with|as|both|all|please|pls|full|an|a|having|and|rights|the|to|be|admins?|sudo)$/;

/** The grant is a "with sudo" / "as admins" said after the names: only fillers come between. */
function withPhrase(w: readonly string[], at: number, users: ReadonlySet<string>): boolean {
  let k = at - 1;
  while (k >= 0 && !users.has(w[k]!)) {
    if (!FILLER.test(w[k]!)) return false;
    k--;
  }
  return true;
}

/** The users named in the sentence before a grant, back to an earlier grant or refusal. */
function listed(cs: readonly Clause[], c: Clause, at: number, users: ReadonlySet<string>): string[] {
  const words = [
    ...cs.filter((d) => d.sentence === c.sentence && cs.indexOf(d) < cs.indexOf(c)).flatMap((d) => d.w),
    ...c.w.slice(0, at),
  ];
  const out: string[] = [];
  for (let k = words.length - 1; k >= 0; k--) {
    const x = words[k]!;
    if (SUDO.test(x) || GRANT_NEGATOR.test(x) || /^(?:normal|regular|standard|plain|limited|basic)$/.test(x))
      break;
    if (users.has(x)) out.push(x);
  }
  return out;
}

/** "im the only admin, name is dad ... username papa": the names the speaker gives themselves. */
function speakerNames(cs: readonly Clause[]): string[] {
  const out: string[] = [];
  const w = cs.flatMap((c) => c.w);
  for (let i = 0; i + 1 < w.length; i++) {
    const x = w[i]!;
    if (
      ["username", "named", "called", "name"].includes(x) ||
      (x === "me" && w[i - 1] === "call") ||
      x === "im" ||
      (x === "am" && w[i - 1] === "i")
    ) {
      let k = i + 1;
      while (k < w.length && /^(?:is|be|will|should|of|as|just)$/.test(w[k]!)) k++;
      if (w[k]) out.push(w[k]!);
    }
  }
  return out;
}

/** Words that except someone from a grant said of everyone ("all with sudo except dan"). */
const EXCEPTED = /\b(?:besides|except|excluding|apart from|other than|but not|not|keep|leave|spare|save)\b/;
const GRANT_NEGATOR = /^(?:dont|not|never|no|without|shouldnt|wont|cant|nor|neither)$/;

/** "both admin except dan": the name is excepted, wherever the clauses name it. */
function excepted(name: string, cs: readonly Clause[]): boolean {
  const n = name.toLowerCase();
  return cs.some((c) =>
    c.w.some((x, at) => x === n && EXCEPTED.test(c.w.slice(Math.max(0, at - 3), at).join(" "))),
  );
}

/**
 * The turn is about this person: it names them, or creates them now, or they are the one account
 * the turn before created. A grant said with no name ("with sudo", "give her admin") reaches no
 * one else: with several planned, it is anyone's guess, and a guess never gives sudo.
 */
function aboutThem(u: string, cs: readonly Clause[], conv: ConversationView, decision: Decision): boolean {
  if (cs.some((c) => c.w.includes(u))) return true;
  const planned = conv.pending.some((p) => p.tool === "createUser" && p.args.username === u);
  const creates = "calls" in decision ? decision.calls : [];
  if (
    !planned &&
    creates.some((c) => c.tool === "createUser" && (c.args as { username: string }).username === u)
  )
    return true;
  const last = conv.turns.at(-1)?.decision;
  const before = last && "calls" in last ? last.calls.filter((c) => c.tool === "createUser") : [];
  // "users tomas and ulla" → "either can have sudo", "both get admin", "give them sudo": the words
  // speak of everyone the turn before created, and only of them
  if (
    cs.some((c) => c.w.some((w) => COLLECTIVE.has(w))) &&
    before.some((c) => (c.args as { username: string }).username === u)
  )
    return true;
  const users = conv.pending.filter((p) => p.tool === "createUser");
  return (
    (before.length === 1 && (before[0]!.args as { username: string }).username === u) ||
    (users.length === 1 && users[0]!.tool === "createUser" && users[0]!.args.username === u)
  );
}

/** Words for every person just named, together. */
const COLLECTIVE = new Set(["either", "both", "each", "them", "they", "everyone", "everybody", "all"]);
