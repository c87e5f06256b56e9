import type { Decision } from "../../tools/decision.js";
import { type Clause, clauses } from "../rules/clauses.js";
import { editDistance } from "../rules/text.js";
import { SUDO_WORDS } from "../rules/vocab.js";
import type { ConversationView, PlanCall } from "../types.js";
import { requestForm } from "./requestForm.js";
import type { Reading } from "./types.js";

/**
 * The one reader of whether a person gets sudo. Two screens ask it: the evidence gate
 * (agent/safety/evidence.ts: sudo stands only on words that give it) and the refusal screen
 * (agent/rules/sudoRefusals.ts: sudo refused in any word order, or in an earlier turn, is never
 * granted). Each used to read the words its own way, so a refusal one of them read could be given
 * back by the other ("others: sudo" offered sudo to a person an earlier turn refused it to). Now
 * both take `sudoVerdict`, and a refusal wins over any grant:
 * - refused: a clause of these words says no to the privilege for them (`readSudo`), or an
 *   earlier turn that named them did and no later turn gave it to them by name;
 * - granted: a sudo word aimed at them in a clause with the form of a request (`grantSaid`), or
 *   the plan already gives it;
 * - unsaid: neither (the account is made without sudo).
 */

/** Words that say no to what is near them. "no"/"without" only when the privilege follows them. */
const NEGATORS =
  /^(?:not|never|nor|neither|none|nope|nah|off|false|disabled?|denied|deny|revoked?|dont|doesnt|isnt|arent|wasnt|shouldnt|mustnt|wont|cant|cannot|aint|wouldnt|no|without|w\/o|w\/out|wo\/|sans|non|nicht|nein|niet|nee|nej|pas)$|n't$|^(?:kein|keine|keinen|keinem|ohne|sin|sem|senza|zonder|geen|ingen|utan|uden|bez|nessun|nessuna|aucun|aucune|ninguno|ninguna|nenhum|nenhuma)$/;
/**
 * "w/o sudo", "sans admin", "non-admin": the short forms of "without", refusing what follows them;
 * so do the same words of the other languages people mix in ("kein sudo", "sin admin", "pas de sudo").
 */
const WITHOUT =
  /^(?:no|without|w\/o|w\/out|wo\/|sans|non|n|pas|kein|keine|keinen|keinem|ohne|sin|sem|senza|zonder|geen|ingen|utan|uden|bez|nessun|nessuna|aucun|aucune|ninguno|ninguna|nenhum|nenhuma)$/;
/** One word that refuses the privilege: "nosudo", "nonadmin", "sudoless", "unprivileged". */
const REFUSING_WORD =
  /^(?:(?:no|non|without)-?(?:sudo|sudoer|admin|root|wheel|privileged?)|(?:sudo|admin|root)-?less|(?:un|non-?)privileged)$/;
/**
 * A stance the speaker negates, with the privilege later in the clause: "I do not wish for her to
 * have sudo", "we don't want him having admin", "i'm not ok with him being an admin", "it is not my
 * wish that he gets sudo". The negation governs what is wished, however far the privilege follows.
 */
const STANCE =
  /^(?:want|wanting|wish|wishing|like|desire|need|intend|mean|expect|think|plan|allow|permit|let|agree|ok|okay|fine|happy|comfortable|keen|see|approve|authorize|authorise)$/;
/** Verbs that take the privilege away or back: "undo the sudo bit", "scrap the admin part". */
const REVOKE =
  /^(?:undo|cancel|drop|remove|revoke|strip|scrap|ditch|forget|lose|loses|skip|rescind|withdraw|pull|nix|kill|retract|rid|demote)$/;
/** Verbs that give the privilege to someone: between a revoke and the privilege they give it anew. */
const GIVE = /^(?:give|grant|make|put|add|let|set|keep|leave)$/;

/** Words that close a refusal said after the privilege: "sudo: off", "admin=0". */
const OFF_VALUE =
  /^(?:false|off|no|none|0|disabled?|n|nope|never|deny|denied|nein|non|nee|nej|nei|nie|niet)$/;
const ON_VALUE = /^(?:true|on|yes|1|enabled?|y)$/;
/** Words between a privilege and a negator said after it: "admin she is not", "the sudo she must not have". */
const BETWEEN =
  /^(?:he|she|they|it|him|her|them|is|are|be|must|should|shall|will|does|do|has|have|can|may|gets|get|was|for|to|group|rights|access|privileges|turned|set|switched|stays|remains|left|is|really|definitely|absolutely)$/;
/** Words that may follow such a negator: "sudo not for him", "the sudo she must not have". */
const AFTER =
  /^(?:for|him|her|them|this|one|have|get|gets|given|allowed|be|please|pls|at|all|granted|needed|needs|need|required|necessary|to|the|user|account|thanks|ok|okay|obviously|ofc|either|really|though|tho|lol)$/;
/** The people a refusal may name by who they are to the speaker: "not for my son", "not for our kids". */
const RELATION =
  /^(?:my|our|son|sons|daughter|daughters|kid|kids|child|children|wife|husband|partner|mom|mum|dad|mother|father|brother|sister|boy|girl|guest|guests|roommate|flatmate|intern|interns|nephew|niece|grandma|grandpa|teen|teenager)$/;
/** Verbs that relay someone's wish: "boss says ...", "mom wants ...", "jo thinks ...". */
export const RELAYS =
  /^(?:says|said|say|wants|wanted|thinks|insists|insisted|told|asks|asked|reckons|decided|decides)$/;
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

/**
 * "sudo=false", "sudo: off", "admin = 0", "admin? no" said as plain words so one clause holds them:
 * a refusal as "without sudo", which refuses whatever fields follow on the line ("user=oma sudo=no
 * shell=/bin/bash": "sudo off shell=..." read as no refusal, since the words after "off" were no
 * words that end a refusal). A yes asked back ("admin? yes") is left as typed: no grant is made here.
 */
export function plainSudoValues(text: string): string {
  return text.replace(
    // "sudo? no way", "admin: no thanks": the words that finish the no go with it
    /\b(sudo(?:er)?|admin(?:istrator)?|wheel|superuser|root)\s*(:|=>|->|=|\?)\s*([a-z0-9]+)(?:\s+(?:way|thanks|thank you|thx|ty)\b)?\b/gi,
    (all, key: string, sep: string, value: string) =>
      OFF_VALUE.test(value.toLowerCase())
        ? `without ${key}`
        : ON_VALUE.test(value.toLowerCase()) && sep !== "?"
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
function refusesPrivilege(w: readonly string[], names: readonly string[] = []): boolean {
  if (w.some((x) => REFUSING_WORD.test(x))) return true;
  for (const p of privilegeAt(w)) {
    // "sudo-less": the suffix refuses the word it ends
    if (w[p + 1] === "less" && w[p - 1]?.endsWith("-less")) return true;
    if (negatedStance(w, p) || revoked(w, p)) return true;
  }
  for (const p of privilegeAt(w))
    for (let i = Math.max(0, p - REACH); i <= Math.min(w.length - 1, p + REACH); i++) {
      const x = w[i]!;
      if (i === p || !NEGATORS.test(x)) continue;
      // "don't remove her sudo", "never take the admin away": the negation keeps the privilege
      if (i < p && w.slice(i + 1, p).some((y) => REVOKE.test(y) || y === "take")) continue;
      // "user ana sudo no", "admin: nope": a no said right after the privilege, ending the clause
      const answered = i === p + 1 && OFF_VALUE.test(x) && w.slice(i + 1).every((y) => AFTER.test(y));
      if (WITHOUT.test(x) && !(i < p && p - i <= 2) && !answered) continue;
      // "not only sudo but ..." is no refusal
      if (x === "not" && w[i + 1] === "only") continue;
      // after the privilege, the negator ends the thought ("admin she is not", "sudo not for him",
      // "sudo off"): "make kim an admin she is not a guest" refuses the guest
      if (i > p && !w.slice(p + 1, i).every((y) => BETWEEN.test(y))) continue;
      // "sudo was not for nina", "the sudo is not for my son": who it is not for may follow
      const rest = w.slice(i + 1);
      const forWhom = (k: number) => rest.slice(0, k).some((z) => z === "for" || z === "to");
      if (
        i > p &&
        !rest.every((y, k) => AFTER.test(y) || ((names.includes(y) || RELATION.test(y)) && forWhom(k)))
      )
        continue;
      return true;
    }
  return false;
}

/** The words a clause says before the privilege at `p`, back to its "but"/"however". */
function before(w: readonly string[], p: number): readonly string[] {
  let k = p - 1;
  while (k >= 0 && !/^(?:but|however|though|yet|instead)$/.test(w[k]!)) k--;
  return w.slice(k + 1, p);
}

/** "I do not wish for her to have sudo", "under no circumstances should he be admin". */
function negatedStance(w: readonly string[], p: number): boolean {
  const b = before(w, p);
  if (b.join(" ").includes("no circumstances") || b.join(" ").includes("no way")) return true;
  return b.some(
    (x, i) =>
      STANCE.test(x) && b.slice(Math.max(0, i - 3), i).some((y) => NEGATORS.test(y) && y !== "without"),
  );
}

/** "undo the sudo bit", "take back the admin", "drop her sudo": the privilege taken away. */
function revoked(w: readonly string[], p: number): boolean {
  const b = before(w, p);
  const at = b.findLastIndex((x) => REVOKE.test(x) || (x === "back" && b.includes("take")) || x === "away");
  if (at < 0) return /^(?:away|back)$/.test(w[p + 1] ?? "") && w.slice(0, p).includes("take");
  // "don't forget to give tom sudo": a grant between them gives it; "don't remove his sudo" keeps it
  if (b.slice(at + 1).some((x) => GIVE.test(x))) return false;
  if (b.slice(Math.max(0, at - 2), at).some((y) => NEGATORS.test(y))) return false;
  return b.length - at <= 5;
}

/** The clause's words refuse the privilege, whoever it is for: "undo the sudo bit", "w/o sudo". */
export function refusesSudo(w: readonly string[]): boolean {
  return refusesPrivilege(w);
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
  /^(?:him|her|them|he|she|they|me|myself|us|the|a|an|my|our|his|its|it|this|that|now|good|real|sure|all|any|anyone|anybody|everyone|everybody|this|one|user|account|either|each|both|any|either|have|has|having|be|being|get|gets|getting|receive|become|use|hold|keep|own)$/;

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
    out.push(i);
  }
  return out;
}

/** Whether the words (or the plan) give `username` sudo: a sudo word aimed at them. */
function grantSaid(username: string, conv: ConversationView, decision: Decision): boolean {
  const u = username.toLowerCase();
  if (conv.pending.some((p) => p.tool === "createUser" && p.args.username === username && p.args.sudo))
    return true;
  const users = new Set<string>([
    u,
    ...conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username.toLowerCase()] : [])),
    ...("calls" in decision ? decision.calls : []).flatMap((c) =>
      c.tool === "createUser" ? [(c.args as { username: string }).username.toLowerCase()] : [],
    ),
  ]);
  // "i meant lily gets sudo": what follows the correction is the request
  const cs = clauses(conv.user).map((c) => {
    const k = c.w[0] === "i" && /^(?:mean|meant)$/.test(c.w[1] ?? "") ? 2 : 0;
    return k ? { ...c, w: c.w.slice(k), said: c.w.slice(k).join(" ") } : c;
  });
  // "--user ops:sudo --user deploy": a name the words give is a user, planned or not
  for (const c of cs)
    for (let k = 0; k + 1 < c.w.length; k++)
      if (
        /^(?:user|users|named|called|username)$/.test(c.w[k]!) &&
        !/^(?:with|a|an|the|and|for|is|account)$/.test(c.w[k + 1]!)
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
      !c.conditional &&
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

export type SudoVerdict =
  | { readonly kind: "granted" }
  | { readonly kind: "refused"; readonly said: string; readonly earlier: boolean }
  | { readonly kind: "unsaid" };

/**
 * Whether `username` gets sudo from the words of this turn and the turns before: the answer both
 * screens take. `users` are the accounts the turn is about (a refusal with no name belongs to them).
 */
export function sudoVerdict(
  username: string,
  conv: ConversationView,
  decision: Decision,
  users: readonly string[],
): SudoVerdict {
  const u = username;
  const now = readSudo(conv.user, users);
  const said = now.refused.get(u);
  if (said !== undefined) return { kind: "refused", said, earlier: false };
  // sudo refused in an earlier turn comes back only through words that give it to them by name
  if (!now.granted.has(u))
    for (let k = conv.turns.length - 1; k >= 0; k--) {
      const text = conv.turns[k]!.user;
      // only a turn that names them refused them ("no sudo for lena" says nothing of alex)
      if (!new RegExp(`\\b${u}\\b`, "i").test(text)) continue;
      const then = readSudo(text, [...users, u]);
      const before = then.refused.get(u);
      if (before !== undefined) return { kind: "refused", said: before, earlier: true };
      // a later turn that gave it to them by name ends the search ("give kim sudo after all")
      if (then.granted.has(u)) break;
    }
  // a grant by name lifts an earlier refusal, but only a sudo word aimed at them gives sudo:
  // "user mo, sudo is overkill" names mo beside the privilege and gives him nothing
  // "give tom sudo sorry lily", "give them sudo... actually just noah": the grant is taken back
  if (retracted(u, conv.user, users)) return { kind: "unsaid" };
  if (grantSaid(u, conv, decision)) return { kind: "granted" };
  return { kind: "unsaid" };
}

/** The accounts a turn is about: those the calls create and those the plan holds. */
export function sudoUsers(conv: ConversationView, calls: readonly PlanCall[]): string[] {
  return [
    ...new Set([
      ...calls.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
      ...conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
    ]),
  ];
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

/** A correction marker: what follows it replaces what came before. */
const CORRECTION =
  /\b(?:sorry|sry|soz|oops|oop|whoops|i mean|i meant|er|erm|uh|um|actually|no wait|wait no|rather|scratch that|make that)\b/g;

/**
 * The person is named before a correction that names someone else and not them: "give tom sudo
 * sorry lily", "tom gets admin, sorry, lily does", "mia and noah with sudo... actually just noah".
 * An addition after the marker ("sorry, and lily too") takes nothing back.
 */
function retracted(u: string, text: string, users: readonly string[]): boolean {
  const t = text.toLowerCase();
  const at = [...t.matchAll(new RegExp(`\\b${u}\\b`, "g"))].at(-1)?.index;
  if (at === undefined) return false;
  for (const m of t.matchAll(CORRECTION)) {
    if (m.index < at) continue;
    const after = t.slice(m.index + m[0].length);
    if (/\b(?:too|also|as well|and also|plus)\b/.test(after)) return false;
    return users.some((o) => o !== u && new RegExp(`\\b${o}\\b`).test(after));
  }
  return false;
}

/**
 * The protections' reader (agent/safety/read.ts) binds a sudo refusal with no name of its own to a
 * name elsewhere in the turn: "the kids get no admin. users mia and leo, user eva with sudo" kept
 * eva, the one person the words give sudo by name, without it. Only this reader says whom a
 * refusal is for: a person it reads as granted by name, and refused by no clause, is kept by none.
 */
export function withoutGranted(reading: Reading, text: string): Reading {
  const sudo = reading.protect.filter((p) => p.kind === "sudo");
  if (!sudo.length) return reading;
  const { refused, granted } = readSudo(
    text,
    sudo.map((p) => p.username),
  );
  const keep = (u: string) => !granted.has(u) || refused.has(u);
  if (sudo.every((p) => keep(p.username))) return reading;
  return { ...reading, protect: reading.protect.filter((p) => p.kind !== "sudo" || keep(p.username)) };
}
