import { type Clause, clauses } from "../rules/clauses.js";
import { SUDO_WORDS } from "../rules/vocab.js";
import { refusalSubjectElsewhere } from "./refusalSubject.js";
import { readSudoEllipsis } from "./sudoEllipsis.js";
import {
  NEGATORS,
  negatedStance,
  OFF_VALUE,
  plainSudoValues,
  privilegeAt,
  RELAYS,
  refusesPrivilege,
  revoked,
} from "./sudoRefusalWords.js";

/**
 * Who the words refuse sudo to and who they give it to by name, clause by clause: the reading
 * the verdict (sudoReader.ts) and the refusal screens take. Whether a grant is aimed at a person
 * in the form of a request is sudoGrants.ts's question.
 */

/** "only", "just me", "for me alone": the privilege is kept for one person. */
const EXCLUSIVE = /^(?:only|alone|exclusively|solely)$/;
const SPEAKER = /^(?:me|myself|i|im|i'm|mine)$/;
/**
 * Words that are never one account: "others: sudo" made a user "others". A createUser named by one
 * is dropped (a group that people do name accounts after, "kids", "guest", stays a possible name).
 */
export const NOT_A_NAME = new Set([
  "others",
  "other",
  "rest",
  "everyone",
  "everybody",
  "all",
  "both",
  "each",
  "me",
  "myself",
  "them",
  "us",
  "we",
  "anyone",
  "anybody",
  "nobody",
  "someone",
  "somebody",
]);
/** People the words point at without naming them: "the kids not", "the others no sudo", "the rest with sudo". */
const UNNAMED = new Set([
  "others",
  "other",
  "rest",
  "kids",
  "children",
  "child",
  "family",
  "guests",
  "parents",
  "staff",
  "students",
  "interns",
  "people",
]);
/** Quantifiers over everyone the words name: "both without sudo", "all with sudo" (the named users themselves). */
const EVERY = new Set(["both", "all", "each", "everyone", "everybody", "anyone", "anybody", "nobody"]);
/** Words that make an exception to a grant or a refusal: "all with sudo except tom". */
const EXCEPT = /^(?:except|but|besides|excluding|minus|save)$/;
/** Admin groups: put a user in one of these and they may use sudo. */
const ADMIN_GROUPS = /^(?:wheel|sudo|admin|admins|sudoers)$/;

/** The privilege is kept for one person: "wheel group is for me only", "i'm the only admin", "only anna gets sudo". */
function exclusiveTo(
  w: readonly string[],
  users: readonly string[],
  me: string | undefined,
): string | undefined {
  if (!privilegeAt(w).length) return undefined;
  const only = w.some((x, i) => EXCLUSIVE.test(x) && !(x === "only" && w[i - 1] === "not"));
  // "just me", "me and only me"; "just make kim admin, me too" keeps nothing for anyone
  const justMe = w.some((x, i) => x === "just" && SPEAKER.test(w[i + 1] ?? ""));
  const named = users.filter((u) => w.includes(u));
  if (named.length === 1 && only) return named[0];
  if ((only || justMe) && w.some((x) => SPEAKER.test(x))) return me ?? "";
  return undefined;
}

/**
 * The account the speaker gives themself ("username papa", "call me papa", "my login is papa"):
 * "i'm the only admin, username papa" keeps the privilege for papa, not from papa.
 */
function speakerAccount(text: string, users: readonly string[]): string | undefined {
  const m = text
    .toLowerCase()
    .match(
      /\b(?:(?:my\s+)?user\s?name(?:\s+is)?|call\s+me|my\s+(?:login|account)(?:\s+is)?)\s*[:=]?\s*([a-z_][a-z0-9_-]*)/,
    );
  const name = m?.[1];
  return name !== undefined && users.includes(name) ? name : undefined;
}

/** "the kids not", "not tom", "but not ana", "tom no": a refusal said without the privilege word. */
function ellipticRefusal(w: readonly string[], users: readonly string[]): boolean {
  if (w.length > 5 || privilegeAt(w).length) return false;
  if (!w.some((x) => /^(?:not|no|nope|never|neither|nor|without)$/.test(x))) return false;
  return w.every(
    (x) =>
      /^(?:not|no|nope|never|neither|nor|without|the|my|our|two|both|but|and|for|them|either|please)$/.test(
        x,
      ) ||
      users.includes(x) ||
      UNNAMED.has(x) ||
      EVERY.has(x),
  );
}

/** "-G users", "groups=users,video", "in the users group": groups named for the user, none of them an admin group. */
function plainGroupsOnly(text: string): boolean {
  const groups = [
    ...text.matchAll(/(?:^|\s)(?:-a?G|--groups?(?:=|\s+))\s*([a-z0-9_,-]+)/gi),
    ...text.matchAll(/\bgroups?\s*[=:]\s*([a-z0-9_,-]+)/gi),
    ...text.matchAll(/\b(?:in|to|into)\s+(?:the\s+)?([a-z0-9_-]+)\s+group\b/gi),
  ].flatMap((m) => m[1]!.toLowerCase().split(","));
  return groups.length > 0 && !groups.some((g) => ADMIN_GROUPS.test(g));
}

/** A clause's words split at and/but/while/whereas: "sudo for tom and not for ana". */
function segments(w: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const x of w)
    if (/^(?:and|but|while|whereas|or)$/.test(x)) out.push([]);
    else out.at(-1)!.push(x);
  return out.filter((p) => p.length);
}

/** Words after "for"/"to" that name no one: "sudo not for him", "no sudo for the kids". */
const NOT_SOMEONE =
  /^(?:him|her|them|he|she|they|me|myself|us|the|a|an|my|our|his|its|it|this|that|now|good|real|sure|all|any|anyone|anybody|everyone|everybody|this|one|user|account|either|each|both|any|either|have|has|having|be|being|get|gets|getting|receive|become|use|hold|keep|own)$/;

/** The clause gives its privilege to a word that reads as a name but is none of the accounts here. */
function namesSomeoneElse(w: readonly string[]): boolean {
  // "bob gets no sudo", "my kid bob must not get sudo": the clause's own subject, a name
  if (refusalSubjectElsewhere(w)) return true;
  return w.some(
    (x, i) =>
      (x === "for" || x === "to") &&
      i + 1 < w.length &&
      /^[a-z_][a-z0-9_-]{1,31}$/.test(w[i + 1]!) &&
      !NOT_SOMEONE.test(w[i + 1]!) &&
      !UNNAMED.has(w[i + 1]!) &&
      !SUDO_WORDS.has(w[i + 1]!) &&
      !NEGATORS.test(w[i + 1]!),
  );
}

/** Words that take back what was just said as a joke: "(ben kidding)", "jk about ben". */
const JOKE = String.raw`(?:just\s+)?(?:kidding|joking|jk|j\/k|jking|a\s+joke|was\s+a\s+joke)`;

/**
 * "user ben with sudo (ben kidding)", "ana and ben get sudo, jk about ben", "ben was a joke": the
 * person named beside a joke marker was not meant. What the words gave them is taken back (the
 * account, if a backend made one, stays without sudo until they are asked for again).
 */
function jokedAbout(text: string, u: string): string | undefined {
  const t = text.toLowerCase();
  const m =
    new RegExp(String.raw`\b${u}\s*[,:-]?\s*(?:was\s+|is\s+)?${JOKE}\b`).exec(t) ??
    new RegExp(String.raw`\b${JOKE}\s+(?:about|re|on|regarding|with|for)\s+${u}\b`).exec(t);
  return m?.[0];
}

export interface SudoReading {
  /** Users the words refuse sudo to, with the clause that refuses it. */
  refused: Map<string, string>;
  /** Users a clause of the words gives sudo to by name ("anna gets sudo", "give tom admin"). */
  granted: Set<string>;
  /** A group word took the privilege ("others: sudo", "the rest with sudo"): who that is, the words do not say. */
  groupGrant?: string;
}

/**
 * What the words say about sudo for `users` (the accounts the turn is about). A refusal belongs
 * to the users its clause names; with none named (a pronoun, "tom: no sudo", "admin=0") to the
 * users of the nearest clause before it that names any, else after it, else to every one of them.
 * A refusal of a group ("the kids not", "the others no sudo") refuses everyone the words do not
 * give sudo by name.
 */
export function readSudo(text: string, named: readonly string[], earlier?: string): SudoReading {
  const users = named.filter((u) => !NOT_A_NAME.has(u));
  // "not an administrator I'm afraid", "no sudo, I'm sorry": the speaker's hedge says nothing of
  // who is refused, and its "I'm" bound the refusal to a user "am" (tester 15 D2.1)
  text = text.replace(/\b(?:i'?m|i am|i['’]m)\s+(?:afraid|sorry|told|thinking|guessing|sure)\b/gi, "");
  const cs = clauses(plainSudoValues(text));
  const refused = new Map<string, string>();
  const granted = new Set<string>();
  let groupGrant: string | undefined;
  const groupRefusals: string[] = [];
  // "nobody but me is admin", "sudo for no one except me": kept for the speaker, so for none of them
  const speakerOnly = plainSudoValues(text)
    .toLowerCase()
    .split(/[.;!?]+/)
    .find(
      (s) =>
        /\b(?:nobody|no ?one|none)\s+(?:but|except|besides|other than|apart from)\s+(?:me|myself)\b/.test(
          s,
        ) && privilegeAt(s.split(/[^a-z']+/)).length > 0,
    );
  const me = speakerAccount(text, users);
  if (speakerOnly) for (const u of users) if (u !== me) refused.set(u, speakerOnly.trim());
  // "drop zoe's sudo": the possessive names zoe
  const namedIn = (c: Clause) =>
    users.filter((u) => c.w.includes(u) || c.w.includes(`${u}'s`) || c.w.includes(`${u}’s`));
  const ownersOf = (i: number): string[] => {
    const own = namedIn(cs[i]!);
    if (own.length) return own;
    // "no sudo for lena" (lena already has an account): someone the clause names, none of these
    if (namesSomeoneElse(cs[i]!.w)) return [];
    for (let j = i - 1; j >= 0; j--) if (namedIn(cs[j]!).length) return namedIn(cs[j]!);
    for (let j = i + 1; j < cs.length; j++) if (namedIn(cs[j]!).length) return namedIn(cs[j]!);
    return [...users];
  };
  cs.forEach((c, i) => {
    if (c.question || c.conditional) return;
    // "all three with sudo except tom", "no sudo for anyone but anna": the exception turns the head round
    const ex = c.w.findIndex(
      (x, k) =>
        EXCEPT.test(x) ||
        (x === "other" && c.w[k + 1] === "than") ||
        (x === "apart" && c.w[k + 1] === "from"),
    );
    if (ex > 0 && privilegeAt(c.w).length) {
      const head = c.w.slice(0, ex);
      const excepted = users.filter((u) => c.w.slice(ex).includes(u));
      const rest = users.filter((u) => !excepted.includes(u) && !head.includes(u));
      // "nobody but me is admin": kept for the speaker, so for none of them
      if (
        !excepted.length &&
        SPEAKER.test(c.w[ex + 1] ?? "") &&
        head.some((x) => /^(?:nobody|noone|none|no)$/.test(x))
      ) {
        for (const u of users) refused.set(u, c.said);
        return;
      }
      if (excepted.length) {
        if (refusesPrivilege(head) || head.some((x) => /^(?:nobody|noone|none|neither)$/.test(x))) {
          for (const u of excepted) granted.add(u);
          for (const u of rest) refused.set(u, c.said);
        } else {
          for (const u of excepted) refused.set(u, c.said);
          groupGrant = c.said;
        }
        return;
      }
    }
    // "sudo for no one", "nobody gets sudo", "admin rights for none of them": a negative quantifier
    // over the privilege, with no name and no "else" beside it, refuses everyone the turn names
    // (without this the privilege fell to the clause before's names as a grant)
    if (
      !namedIn(c).length &&
      privilegeAt(c.w).length > 0 &&
      /\s(?:no ?one|noone|nobody|none|neither|not any)\s/.test(` ${c.w.join(" ")} `) &&
      !c.w.some((x) => /^(?:else|other|others|but|except|besides)$/.test(x))
    ) {
      for (const u of users) refused.set(u, c.said);
      return;
    }
    const exclusive = exclusiveTo(c.w, users, me);
    if (exclusive !== undefined) {
      for (const u of users) if (u !== exclusive) refused.set(u, c.said);
      return;
    }
    const prev = cs[i - 1];
    const refusal =
      refusesPrivilege(c.w, users) ||
      // "tom: no", "the kids not": the privilege of the clause before, refused
      (ellipticRefusal(c.w, users) && prev !== undefined && privilegeAt(prev.w).length > 0) ||
      // "not tom, lily gets the admin": the privilege of the clause after, in the same sentence
      (ellipticRefusal(c.w, users) &&
        namedIn(c).length > 0 &&
        cs[i + 1]?.sentence === c.sentence &&
        privilegeAt(cs[i + 1]!.w).length > 0 &&
        !refusesPrivilege(cs[i + 1]!.w)) ||
      // "sudo: off" split at its colon: "sudo" | "off"
      (c.w.length <= 2 &&
        OFF_VALUE.test(c.w.at(-1)!) &&
        prev !== undefined &&
        privilegeAt(prev.w).at(-1) === prev.w.length - 1);
    const group = c.w.find((x) => UNNAMED.has(x) || EVERY.has(x));
    if (refusal) {
      // "not for me, for my wife jo": a refusal about the speaker is about no account here
      // ("i do not wish for her to have sudo" is the speaker's wish about her, not about the speaker)
      const wish = privilegeAt(c.w).some((p) => negatedStance(c.w, p) || revoked(c.w, p));
      if (!namedIn(c).length && !group && !wish && c.w.some((x) => SPEAKER.test(x))) return;
      // "boss says interns get no admin": the one who relays the wish is not whom it refuses
      const relayers = namedIn(c).filter((u) => RELAYS.test(c.w[c.w.indexOf(u) + 1] ?? ""));
      if (relayers.length && group && relayers.length === namedIn(c).length) {
        groupRefusals.push(c.said);
        return;
      }
      if (!namedIn(c).length && group) groupRefusals.push(c.said);
      else if (namedIn(c).length > 1) {
        // "sudo for tom and not for ana": each part of the clause says it for the names in it
        const parts = segments(c.w);
        for (const part of parts.length > 1 ? parts : [c.w]) {
          const who = users.filter((u) => part.includes(u));
          // a part with the privilege and no negator gives it; "anna and ben without sudo": a
          // part with neither shares the refusal
          const gives =
            parts.length > 1 && privilegeAt(part).length > 0 && !part.some((x) => NEGATORS.test(x));
          for (const u of who)
            if (gives) granted.add(u);
            else refused.set(u, c.said);
        }
      } else for (const u of ownersOf(i)) refused.set(u, c.said);
      return;
    }
    if (!privilegeAt(c.w).length) return;
    // "others: sudo", "the rest with sudo": a grant to a group the words never name
    const pointed =
      c.w.find((x) => UNNAMED.has(x)) ??
      (c.w.length <= 2 && prev && !namedIn(prev).length ? prev.w.find((x) => UNNAMED.has(x)) : undefined);
    if (pointed && !namedIn(c).length) groupGrant = c.said;
    else if (!namedIn(c).length) {
      // "and me, tara, with sudo": the privilege said after the name, in a clause of its own; "me
      // admin" is the speaker's, no one's here
      if (!c.w.some((x) => SPEAKER.test(x)))
        for (let j = i - 1; j >= 0; j--)
          if (namedIn(cs[j]!).length) {
            for (const u of namedIn(cs[j]!)) granted.add(u);
            break;
          }
    } else {
      // "sudo for tom and not for ana": a name whose part of the clause holds a negator is refused
      const parts = segments(c.w);
      for (const u of namedIn(c)) {
        const part = parts.find((p) => p.includes(u)) ?? c.w;
        if (parts.length > 1 && part.some((x) => NEGATORS.test(x))) refused.set(u, c.said);
        else granted.add(u);
      }
    }
  });
  // "paul keeps sudo, rita doesn't", "anna shouldnt be admin, ben should", and after a turn about
  // sudo "rita doesnt either": the ellipsis takes the predicate before it (sudoEllipsis.ts)
  const ellipsis = readSudoEllipsis(text, users, earlier);
  for (const u of ellipsis?.lose ?? []) {
    refused.set(u, ellipsis!.said.get(u) ?? text.trim());
    granted.delete(u);
  }
  for (const u of ellipsis?.gain ?? []) if (!refused.has(u)) granted.add(u);
  for (const u of users) {
    const joke = jokedAbout(text, u);
    if (joke) {
      refused.set(u, joke);
      granted.delete(u);
    }
  }
  if (groupRefusals.length)
    for (const u of users) if (!granted.has(u) && !refused.has(u)) refused.set(u, groupRefusals[0]!);
  if (plainGroupsOnly(text) && !cs.some((c) => privilegeAt(c.w).length))
    for (const u of users) if (!refused.has(u)) refused.set(u, "groups without an admin group");
  return { refused, granted, ...(groupGrant ? { groupGrant } : {}) };
}
