import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { Protection, Reading } from "../safety/types.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView, PlanCall } from "../types.js";
import { type Clause, clauses } from "./clauses.js";
import { SUDO_WORDS } from "./vocab.js";

/**
 * Sudo refused in any form, read one way (tester 7, DANGEROUS 1-11). Sudo is given only by a
 * positive grant aimed at a user; a negation, an off/false/0/disabled value or an exclusivity near
 * a privilege word, in the clause of that user, means no sudo, whatever the word order:
 * "administrator she is not", "sudo not for him", "the sudo she must not have", "sudo=false",
 * "(sudo: off)", "admin=0", "with sudo disabled", "wheel group is for me only", "I'm the only
 * admin", "me admin, the kids not", "useradd -G users tina" (the users group is no admin group).
 *
 * The readers before this one recognise refusals by their shape ("no sudo for X", "X without
 * sudo"); each new word order slipped through as a grant because "sudo" was in the sentence. This
 * one asks the opposite question, for every user a decision gives sudo: do the words near the
 * privilege, in that user's clause, say no? Then the grant goes (the account stays), the refusal
 * becomes a protection (shown as "Kept: kim without sudo", never offered by the login question),
 * and a later bare "yes"/"ok" cannot give it back.
 */

/** Words that say no to what is near them. "no"/"without" only when the privilege follows them. */
const NEGATORS =
  /^(?:not|never|nor|neither|none|nope|nah|off|false|disabled?|denied|deny|revoked?|dont|doesnt|isnt|arent|wasnt|shouldnt|mustnt|wont|cant|cannot|aint|wouldnt|no|without)$|n't$/;
/** Words that close a refusal said after the privilege: "sudo: off", "admin=0". */
const OFF_VALUE = /^(?:false|off|no|none|0|disabled?|n|nope|never|deny|denied)$/;
const ON_VALUE = /^(?:true|on|yes|1|enabled?|y)$/;
/** Words between a privilege and a negator said after it: "admin she is not", "the sudo she must not have". */
const BETWEEN =
  /^(?:he|she|they|it|him|her|them|is|are|be|must|should|shall|will|does|do|has|have|can|may|gets|get|was|for|to|group|rights|access|privileges|turned|set|switched|stays|remains|left|is|really|definitely|absolutely)$/;
/** Words that may follow such a negator: "sudo not for him", "the sudo she must not have". */
const AFTER =
  /^(?:for|him|her|them|this|one|have|get|gets|given|allowed|be|please|pls|at|all|granted|needed|needs|need|required|necessary|to|the|user|account|thanks|ok|okay|obviously|ofc|either|really|though|tho|lol)$/;
/** How far (in words) a negator reaches the privilege word it refuses. */
const REACH = 4;
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

/** "sudo=false", "sudo: off", "admin = 0" said as plain words ("sudo off") so one clause holds them. */
export function plainSudoValues(text: string): string {
  return text.replace(
    /\b(sudo(?:er)?|admin(?:istrator)?|wheel|superuser|root)\s*[:=]\s*([a-z0-9]+)\b/gi,
    (all, key: string, value: string) =>
      OFF_VALUE.test(value.toLowerCase())
        ? `${key} off`
        : ON_VALUE.test(value.toLowerCase())
          ? `${key} on`
          : all,
  );
}

function privilegeAt(w: readonly string[]): number[] {
  const at: number[] = [];
  w.forEach((x, i) => {
    if (SUDO_WORDS.has(x) || (x === "root" && /^(?:access|rights|privileges|powers)$/.test(w[i + 1] ?? "")))
      at.push(i);
  });
  return at;
}

/**
 * The clause says no to the privilege: a negator within reach of a privilege word. "no"/"without"
 * refuse only what comes right after them ("no swap, sudo for bo" refuses the swap), so they count
 * only when the privilege follows within two words.
 */
function refusesPrivilege(w: readonly string[]): boolean {
  for (const p of privilegeAt(w))
    for (let i = Math.max(0, p - REACH); i <= Math.min(w.length - 1, p + REACH); i++) {
      const x = w[i]!;
      if (i === p || !NEGATORS.test(x)) continue;
      if ((x === "no" || x === "without" || x === "n") && !(i < p && p - i <= 2)) continue;
      // "not only sudo but ..." is no refusal
      if (x === "not" && w[i + 1] === "only") continue;
      // after the privilege, the negator ends the thought ("admin she is not", "sudo not for him",
      // "sudo off"): "make kim an admin she is not a guest" refuses the guest
      if (i > p && !w.slice(p + 1, i).every((y) => BETWEEN.test(y))) continue;
      if (i > p && !w.slice(i + 1).every((y) => AFTER.test(y))) continue;
      return true;
    }
  return false;
}

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
  /^(?:him|her|them|he|she|they|me|myself|us|the|a|an|my|our|his|its|it|this|that|now|good|real|sure|all|any|anyone|anybody|everyone|everybody|this|one|user|account|either|each|both|any|either)$/;

/** The clause gives its privilege to a word that reads as a name but is none of the accounts here. */
function namesSomeoneElse(w: readonly string[]): boolean {
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
export function readSudo(text: string, named: readonly string[]): SudoReading {
  const users = named.filter((u) => !NOT_A_NAME.has(u));
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
  const namedIn = (c: Clause) => users.filter((u) => c.w.includes(u));
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
    const exclusive = exclusiveTo(c.w, users, me);
    if (exclusive !== undefined) {
      for (const u of users) if (u !== exclusive) refused.set(u, c.said);
      return;
    }
    const prev = cs[i - 1];
    const refusal =
      refusesPrivilege(c.w) ||
      // "tom: no", "the kids not": the privilege of the clause before, refused
      (ellipticRefusal(c.w, users) && prev !== undefined && privilegeAt(prev.w).length > 0) ||
      // "sudo: off" split at its colon: "sudo" | "off"
      (c.w.length <= 2 &&
        OFF_VALUE.test(c.w.at(-1)!) &&
        prev !== undefined &&
        privilegeAt(prev.w).at(-1) === prev.w.length - 1);
    const group = c.w.find((x) => UNNAMED.has(x) || EVERY.has(x));
    if (refusal) {
      // "not for me, for my wife jo": a refusal about the speaker is about no account here
      if (!namedIn(c).length && !group && c.w.some((x) => SPEAKER.test(x))) return;
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
  if (groupRefusals.length)
    for (const u of users) if (!granted.has(u) && !refused.has(u)) refused.set(u, groupRefusals[0]!);
  if (plainGroupsOnly(text) && !cs.some((c) => privilegeAt(c.w).length))
    for (const u of users) if (!refused.has(u)) refused.set(u, "groups without an admin group");
  return { refused, granted, ...(groupGrant ? { groupGrant } : {}) };
}

type CreateUser = Extract<PlanCall, { tool: "createUser" }>;
const isCreate = (c: { tool: string }): c is CreateUser => c.tool === "createUser";

/**
 * The last check of a turn (agent/turn.ts): a createUser with sudo that the words refuse loses
 * the sudo (the account stays); an account named by a group word ("others", "the kids") is never
 * created; sudo given to a group the words never name ("others: sudo", "all three with sudo except
 * tom") is asked about, by name; sudo given back by a bare "yes"/"ok" after the person refused it in
 * an earlier turn is asked about instead, quoting the refusal.
 */
export function screenSudoRefusals(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  const offered = "reply" in decision && decision.offer !== undefined;
  if (!("calls" in decision) && !offered) return decision;
  const calls = ("calls" in decision ? decision.calls : decision.offer!.calls) as PlanCall[];
  const creates = calls.filter(isCreate);
  if (!creates.length) return decision;
  const users = [...new Set([...creates.map((c) => c.args.username), ...namesOfPlan(conv)])];
  const now = readSudo(conv.user, users);
  const notes: string[] = [];
  const groups = creates.filter((c) => NOT_A_NAME.has(c.args.username));
  if (groups.length)
    notes.push(
      `"${groups.map((g) => g.args.username).join('", "')}" ${groups.length > 1 ? "are" : "is"} not a name, so I created no account for it.`,
    );
  const earlier = conv.turns.map((t) => t.user);
  let out = calls.filter((c) => !groups.includes(c as CreateUser));
  out = out.map((c) => {
    if (!isCreate(c) || !c.args.sudo) return c;
    const u = c.args.username;
    if (now.refused.has(u)) return { ...c, args: { ...c.args, sudo: false } };
    if (now.granted.has(u)) return c;
    // sudo refused in an earlier turn comes back only through words that give it to them now
    for (let k = earlier.length - 1; k >= 0; k--) {
      // only a turn that names them refused them ("no sudo for lena" says nothing of alex)
      if (!new RegExp(`\\b${u}\\b`, "i").test(earlier[k]!)) continue;
      const said = readSudo(earlier[k]!, [...users, u]).refused.get(u);
      if (said === undefined) continue;
      notes.push(
        `You said "${said}" for ${u} earlier, so ${u} stays without sudo. To give ${u} sudo after all, say "give ${u} sudo after all".`,
      );
      return { ...c, args: { ...c.args, sudo: false } };
    }
    return c;
  });
  // "others: sudo", "all three with sudo except tom": my reading of who that is, said by name
  // and offered, never given on a guess (a "yes" takes it)
  if (now.groupGrant) {
    const who = out.filter(
      (c): c is CreateUser =>
        isCreate(c) && !now.refused.has(c.args.username) && !NOT_A_NAME.has(c.args.username),
    );
    const not = out.filter((c): c is CreateUser => isCreate(c) && now.refused.has(c.args.username));
    out = out.map((c) => (isCreate(c) ? { ...c, args: { ...c.args, sudo: who.includes(c) } } : c));
    notes.push(
      who.length
        ? `I read "${now.groupGrant}" as sudo for ${who.map((c) => c.args.username).join(" and ")}${not.length ? `, not for ${not.map((c) => c.args.username).join(" or ")}` : ""}.`
        : `Who should get sudo ("${now.groupGrant}")? Say e.g. "give anna sudo".`,
    );
  }
  const changed = out.length !== calls.length || out.some((c, i) => c !== calls[i]);
  if (!changed && !notes.length) return decision;
  if (!notes.length)
    return offered ? ({ ...decision, offer: { calls: out } } as Decision) : ({ calls: out } as Decision);
  // what is new beside the notes is offered ("Shall I ...?"), never added unasked
  const fresh = out.filter((c) => !conv.pending.some((p) => sameCall(p, c)));
  const lead = "reply" in decision ? [decision.reply] : [];
  const question = fresh.length
    ? [`Shall I ${fresh.map((c) => describeCall(c, facts)).join(", ")}?`]
    : conv.pending.length
      ? ["The plan is as it was."]
      : [];
  const reply = [...lead, ...notes, ...question].join(" ");
  return fresh.length ? ({ reply, offer: { calls: fresh } } as Decision) : { reply };
}

function sameCall(a: PlanCall, b: PlanCall): boolean {
  if (a.tool !== b.tool) return false;
  if (isCreate(a) && isCreate(b)) return a.args.username === b.args.username && a.args.sudo === b.args.sudo;
  return JSON.stringify(a.args) === JSON.stringify(b.args);
}

function namesOfPlan(conv: ConversationView): string[] {
  return conv.pending.filter(isCreate).map((c) => c.args.username);
}

/**
 * What `Conversation.record` adds to a turn's protections: every account the decision creates
 * that the words refuse sudo to is kept without it ("Kept: kim without sudo"), so the login
 * question never offers it back and a later grant needs words that lift the refusal.
 */
export function withSudoRefusals(reading: Reading, text: string, decision: Decision): Reading {
  if (!("calls" in decision)) return reading;
  const users = decision.calls.filter(isCreate).map((c) => c.args.username);
  if (!users.length) return reading;
  const { refused } = readSudo(text, users);
  const add: Protection[] = [...refused]
    .filter(([u]) => !reading.protect.some((p) => p.kind === "sudo" && p.username === u))
    .filter(([u]) => !reading.release.some((p) => p.kind === "sudo" && p.username === u))
    .map(([username, said]) => ({ kind: "sudo", username, said }));
  return add.length ? { ...reading, protect: [...reading.protect, ...add] } : reading;
}
