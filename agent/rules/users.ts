import type { Facts } from "../../facts/schema.js";
import type { PlanCall } from "../types.js";
import { type Ctx, lastCallOf, lastEntity } from "./context.js";
import { NUMBER_WORDS, type Token } from "./text.js";
import { isNegated, STOP, words } from "./tokens.js";
import { diskWord, inSubjectPlace, NO_ONE_WORDS, reservedUsername } from "./userNames.js";
import {
  FILESYSTEMS,
  INSTALL_VERBS,
  NEGATIONS,
  PERSON_PRONOUNS,
  REMOVE_VERBS,
  SUDO_WORDS,
  USER_WORDS,
  VOCABULARY,
} from "./vocab.js";

export interface UserDraft {
  username?: string;
  sudo?: boolean;
  fullName?: string;
  shell?: string;
  groups?: string[];
  /** "both admins", "all of them": applies to every user of this turn. */
  all?: boolean;
  pronoun?: boolean;
  /** "make it mio instead": a new name for the user asked for last, whose other settings stay. */
  renamed?: boolean;
  /** "not lena though": the name under a negation, asked for by nobody. */
  negated?: boolean;
  /** "neither with sudo", "admin for none of them": sudo refused to every user of the turn or plan. */
  refusesAll?: boolean;
  /** The name stands in no name's place ("make me admin i think"): a user only if named elsewhere. */
  unplaced?: boolean;
}

export const SHELLS = new Set(["bash", "zsh", "fish", "sh", "dash", "ksh", "tcsh", "nu", "nushell"]);

/** Words for people that are names too, when they stand where a name goes ("user mom"). */
const FAMILY = new Set([
  "mom",
  "mum",
  "dad",
  "kid",
  "kids",
  "son",
  "daughter",
  "wife",
  "husband",
  "partner",
  "guest",
]);

/** What kind of account, never its name: "a normal account". */
const PLAIN = new Set([
  "normal",
  "regular",
  "standard",
  "plain",
  "basic",
  "limited",
  "unprivileged",
  "ordinary",
]);

/**
 * Words that stand where a name could but say how, not who: "user tim, absolutely with sudo",
 * "the usual with sudo", "let mike run admin stuff", "sudo changes are fine". Unanchored, they are
 * never usernames (after "user"/"called" they still may be: "user run" is the user's own word).
 */
const NOT_NAMES = new Set([
  "course",
  "usual",
  "sure",
  "fine",
  "ok",
  "okay",
  "yes",
  "yeah",
  "yep",
  "changes",
  "change",
  "needs",
  "need",
  "wants",
  "want",
  "gets",
  "get",
  "has",
  "have",
  "run",
  "runs",
  "use",
  "uses",
  "stuff",
  "things",
  "thing",
  "rights",
  "access",
  "privileges",
  "permissions",
  "power",
  "powers",
  "tasks",
  "work",
  "updates",
  "able",
  "allowed",
  "please",
  "pls",
  "maybe",
  "perhaps",
  "surely",
  "indeed",
  "naturally",
  "again",
  "though",
  "either",
  "stays",
  "remains",
  "only",
  "even",
  "still",
  "then",
  "now",
  "later",
  "rest",
  "same",
  "person",
  "people",
  "everyone",
  "everybody",
  "nobody",
  "someone",
  "somebody",
  "anyone",
  "admin",
  "sudo",
  // quantifiers: "admin rights for none of them", "sudo for noone", "both admins"
  "none",
  "noone",
  "neither",
  "both",
  "all",
  "each",
  "any",
  "anybody",
  // hedges: "kinda admin", "sorta sudo", "admin i guess"
  "kinda",
  "sorta",
  "kind",
  "sort",
  "somewhat",
  "partly",
  "partially",
  "slightly",
  "bit",
  "guess",
  "suppose",
  "probably",
  "possibly",
  // "nobody else gets sudo"
  "else",
]);

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
function negatedGrant(w: readonly string[], at: number): boolean {
  for (let v = at - 1; v > 0; v--) if (GRANT_VERBS.has(w[v]!) && REFUSING.has(w[v - 1]!)) return true;
  return false;
}

/** "nobody else gets sudo", "none but tim": a quantified refusal that leaves someone out. */
export function refusesOthers(w: readonly string[]): boolean {
  return w.some((x) => NONE_WORDS.has(x)) && w.some((x) => EXCEPTING.has(x));
}

/**
 * An adverb by its shape ("absolutely", "definitely", "obviously", "ideally", "probably"): the
 * endings of adverbs made from adjectives, six letters or more so that names like emily, kelly,
 * beverly or shelly never match.
 */
const ADVERB = /^[a-z]{3,}(?:al|[eiu]|b|ous|t|ful|n|s|d|p)ly$/;

/** Not a name where no "user"/"called" anchors it: an adverb, a filler, a verb of the sudo talk. */
export function notAName(n: string): boolean {
  return NOT_NAMES.has(n) || NO_ONE_WORDS.has(n) || (n.length >= 6 && ADVERB.test(n));
}

/** The users this conversation knows: on the system, in the plan, or named before. */
export function knownUsers(ctx: Ctx): Set<string> {
  const out = new Set<string>(ctx.facts.users.filter((u) => u !== "root"));
  for (const c of ctx.conv.pending) if (c.tool === "createUser") out.add(c.args.username);
  const last = lastEntity(ctx.conv, "user");
  if (last) out.add(last);
  return out;
}

/**
 * The user a word names when the word itself is no name: "mike" corrected toward a keyword
 * ("like") while mike is in the plan; "lenas account" (a possessive typed without its
 * apostrophe) about lena.
 */
export function knownUserAt(t: Token | undefined, ctx: Ctx): string | undefined {
  if (t?.kind !== "word") return undefined;
  const known = knownUsers(ctx);
  const raw = t.raw.toLowerCase().replace(/['’]s$/, "");
  if (known.has(t.norm)) return t.norm;
  if (known.has(raw)) return raw;
  for (const x of [t.norm, raw]) if (x.endsWith("s") && known.has(x.slice(0, -1))) return x.slice(0, -1);
  return undefined;
}

export function usernameCandidate(t: Token | undefined, facts: Facts): string | undefined {
  if (t?.kind !== "word") return undefined;
  const n = t.norm;
  if (
    PLAIN.has(n) ||
    STOP.has(n) ||
    USER_WORDS.has(n) ||
    SUDO_WORDS.has(n) ||
    SHELLS.has(n) ||
    NEGATIONS.has(n) ||
    NUMBER_WORDS.has(n)
  )
    return undefined;
  if (VOCABULARY.includes(n) && !facts.users.includes(n)) return undefined;
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(n)) return undefined;
  return n;
}

/** Words that take a privilege away; never usernames ("take sudo away from vince"). */
const REVOKE_WORDS = new Set([
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

export function extractUser(tokens: readonly Token[], ctx: Ctx): UserDraft {
  const d: UserDraft = {};
  const w = tokens.map((t) => t.norm);
  // full name: "full name Maria Lopez", "real name ..."
  for (let i = 0; i < w.length - 1; i++) {
    if ((w[i] === "full" || w[i] === "real") && w[i + 1] === "name") {
      const parts: string[] = [];
      for (let j = i + 2; j < tokens.length; j++) {
        const t = tokens[j]!;
        if (t.kind !== "word" || (STOP.has(t.norm) && parts.length)) break;
        if (STOP.has(t.norm)) continue;
        parts.push(t.raw);
      }
      if (parts.length) d.fullName = parts.join(" ");
    }
  }
  // shell
  for (let i = 0; i < w.length; i++) {
    // "his shell is fish", "with zsh", "give her zsh", "he wants fish"
    const before = w[i - 1] ?? "";
    const offered = ["with", "use", "uses", "give", "gets", "wants", "prefers", "her", "him", "them", "me"];
    if (SHELLS.has(w[i]!) && (w.includes("shell") || offered.includes(before))) {
      const name = w[i] === "nushell" ? "nu" : w[i]!;
      d.shell = `/bin/${name}`;
    }
    if (tokens[i]?.kind === "path" && /^\/(usr\/)?bin\/[a-z]+$/.test(w[i]!)) d.shell = w[i]!;
  }
  // groups: "in the docker group", "groups video audio", "add to docker"
  for (let i = 0; i < w.length; i++) {
    if (w[i] === "group" || w[i] === "groups") {
      const before = usernameCandidate(tokens[i - 1], ctx.facts);
      const after: string[] = [];
      for (let j = i + 1; j < tokens.length; j++) {
        const c = usernameCandidate(tokens[j], ctx.facts);
        if (c) after.push(c);
        else if (!STOP.has(w[j]!)) break;
      }
      // "in the video and audio groups": a list before the word
      const listed: string[] = [];
      for (let j = i - 1; j >= 0; j -= 2) {
        const c = usernameCandidate(tokens[j], ctx.facts);
        if (!c) break;
        listed.unshift(c);
        if (!["and", ","].includes(w[j - 1] ?? "")) break;
      }
      const g = before && !["the", "a"].includes(before) ? listed : after;
      if (g.length) d.groups = [...(d.groups ?? []), ...g];
    }
  }
  // sudo / admin, with negation ("without sudo", "not an admin", a bare trailing "without")
  const sudoAt = tokens.findIndex(
    (t) =>
      SUDO_WORDS.has(t.norm) ||
      (t.norm === "root" && tokens.some((x) => x.norm === "access" || x.norm === "rights")),
  );
  if (sudoAt >= 0) d.sudo = !isNegated(tokens, sudoAt) && !negatedGrant(w, sudoAt) && !revokes(w, sudoAt);
  // "neither with sudo", "sudo for no one": refused to every user, never given to the last one
  if (sudoAt >= 0 && refusesEveryone(w)) {
    d.sudo = false;
    d.all = true;
    d.refusesAll = true;
  }
  // "tim with sudo, nobody else gets sudo": the clause gives sudo to no one (never to the last user)
  if (sudoAt >= 0 && refusesOthers(w)) d.sudo = undefined;
  // "just a normal account", "a regular user": no sudo, and no name
  const plainAt = w.findIndex(
    (x, i) => PLAIN.has(x) && ["account", "user", "users", "accounts", "login"].includes(w[i + 1] ?? ""),
  );
  if (plainAt >= 0 && sudoAt < 0) d.sudo = false;
  else if (w.at(-1) === "without" || (w.includes("no") && w.at(-1) === "no")) d.sudo = false;
  // "either can have sudo", "give them sudo": every user the turn (or the last turn) named
  if (["both", "all", "each", "either", "them", "they"].some((x) => w.includes(x))) d.all = true;
  if (w.some((x) => PERSON_PRONOUNS.has(x))) d.pronoun = true;
  // username: after "user", "account", "called", "named", "for", "call him"; else the first plain word
  const used = new Set<number>();
  const groupsIdx = new Set<number>();
  for (let i = 0; i < w.length; i++)
    if (w[i] === "group" || w[i] === "groups") {
      groupsIdx.add(i - 1);
      for (let j = i + 1; j < w.length; j++) groupsIdx.add(j);
    }
  const fullIdx = w.findIndex((x, i) => (x === "full" || x === "real") && w[i + 1] === "name");
  const limit = fullIdx >= 0 ? fullIdx : w.length;
  const anchors = [
    // "take sudo away from vince": the user the privilege is taken from
    "from",
    "user",
    "users",
    "account",
    "accounts",
    "called",
    "named",
    "for",
    "call",
    "name",
    "username",
    "am",
    "create",
    "add",
  ];
  for (let i = 0; i < limit && !d.username; i++) {
    if (!anchors.includes(w[i]!)) continue;
    // "she needs admin for real", "give him sudo for work": the clause is about him; "for" names no one
    if (w[i] === "for" && w.slice(0, i).some((x) => PERSON_PRONOUNS.has(x))) continue;
    for (let j = i + 1; j < Math.min(limit, i + 5); j++) {
      if (groupsIdx.has(j)) break;
      // "user mom", "an account called dad": right after the anchor, a family word is the name
      const family =
        j === i + 1 && ["user", "username", "called", "named"].includes(w[i]!) && FAMILY.has(w[j]!)
          ? w[j]
          : undefined;
      // "a user called admin": after "called"/"named"/"username", admin is the name (tools allow it;
      // "make the user admin" stays the privilege)
      const adminName =
        j === i + 1 && ["called", "named", "username"].includes(w[i]!) && w[j] === "admin"
          ? "admin"
          : undefined;
      const c = family ?? adminName ?? knownUserAt(tokens[j], ctx) ?? usernameCandidate(tokens[j], ctx.facts);
      // "user run" names run; "lenas account needs sudo", "add tim, sure …" do not name "needs"
      const naming = ["user", "username", "called", "named", "name", "call"].includes(w[i]!);
      // "name: olga", "user first: kai": a label before a colon is no name, the word after it is
      const label = tokens[j + 1]?.norm === ":";
      if (c && !label && !SHELLS.has(c) && !FILESYSTEMS.has(c) && (naming || !notAName(c))) {
        d.username = c;
        used.add(j);
        // "using it for coding": "for" names a person only beside a privilege ("sudo for bob") or
        // a user ("a user for max"); elsewhere only one the turn names or the conversation knows
        if (
          w[i] === "for" &&
          /^[a-z]/.test(w[i - 1] ?? "") &&
          !SUDO_WORDS.has(w[i - 1]!) &&
          !USER_WORDS.has(w[i - 1]!) &&
          !NEGATIONS.has(w[i - 1]!) &&
          !w.slice(0, i).some((x) => USER_WORDS.has(x))
        )
          d.unplaced = true;
        break;
      }
      // "users: ana with sudo", "admin for me (alex)": a colon or bracket opens the name
      if (tokens[j]!.kind === "punct" && !(tokens[j]!.norm === ":" || tokens[j]!.norm === "(")) break;
    }
  }
  // "a user called admin": the name is no grant; sudo only from another word ("... called admin with sudo")
  if (d.username === "admin" && used.size && sudoAt >= 0 && used.has(sudoAt)) {
    const other = tokens.findIndex((t, k) => k !== sudoAt && SUDO_WORDS.has(t.norm));
    d.sudo =
      other >= 0 ? !isNegated(tokens, other) && !negatedGrant(w, other) && !revokes(w, other) : undefined;
  }
  // "make it mio instead": the name the user now wants, in place of the one asked before
  for (let i = 0; i + 2 < limit && !d.username; i++) {
    if (!["make", "change"].includes(w[i]!) || !["it", "that"].includes(w[i + 1]!)) continue;
    const j = w[i + 2] === "to" ? i + 3 : i + 2;
    const c = usernameCandidate(tokens[j], ctx.facts);
    if (c && !SHELLS.has(c)) {
      d.username = c;
      d.renamed = true;
    }
  }
  // "give lenas account sudo", "let mike run admin stuff": a user the conversation knows, named
  // anywhere in the clause, is the one it is about
  if (!d.username)
    for (let j = 0; j < limit && !d.username; j++) {
      if (groupsIdx.has(j)) continue;
      const k = knownUserAt(tokens[j], ctx);
      if (k) d.username = k;
    }
  if (d.username) {
    const at = tokens.findIndex((t) => t.norm === d.username || knownUserAt(t, ctx) === d.username);
    if (at >= 0 && isNegated(tokens, at)) d.negated = true;
  }
  // "he needs admin": a clause about "he" names nobody new; only an anchored name counts there.
  // Unanchored, a word is a name only in a subject's place ("ben gets sudo", "make vince admin"):
  // "make me admin i think thats ..." names no "think" (userNames.ts).
  if (!d.username && !d.pronoun) {
    const found: { name: string; placed: boolean }[] = [];
    for (let j = 0; j < limit; j++) {
      if (groupsIdx.has(j)) continue;
      const c = usernameCandidate(tokens[j], ctx.facts);
      if (
        c &&
        !notAName(c) &&
        !SHELLS.has(c) &&
        !INSTALL_VERBS.has(c) &&
        !REMOVE_VERBS.has(c) &&
        !REVOKE_WORDS.has(c)
      )
        found.push({ name: c, placed: inSubjectPlace(w, j) });
    }
    // the word in a name's place ("kids cal and dee": cal); else the first, which is a name only
    // if the turn names it elsewhere or the conversation knows it ("make me admin i think …")
    const pick = found.find((f) => f.placed) ?? found[0];
    if (pick) {
      d.username = pick.name;
      if (!pick.placed) d.unplaced = true;
    }
  }
  return d;
}

/**
 * "call him robert" (about bob, already named), "rename user sven to svenne", "maria should be
 * called mary": no tool renames a user, so the answer says so and what to do instead. A pronoun
 * with no named user behind it ("create a user" … "call him vince") is naming, not renaming.
 */
export function readRename(tokens: readonly Token[], ctx: Ctx): string | undefined {
  const { conv, facts } = ctx;
  const w = words(tokens);
  const pendingUsers = conv.pending.filter((c) => c.tool === "createUser").map((c) => c.args.username);
  const known = new Set([...facts.users.filter((u) => u !== "root"), ...pendingUsers]);
  const lastUser = lastEntity(conv, "user");
  const valid = (x: string | undefined) =>
    x !== undefined && /^[a-z_][a-z0-9_-]{0,31}$/.test(x) && !STOP.has(x);
  let old: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < w.length && !old; i++) {
    const x = w[i]!;
    const next = w[i + 1];
    const skipTo = (j: number) => (w[j] === "to" || w[j] === "as" ? j + 1 : j);
    if (x === "rename" || x === "call" || x === "name") {
      // rename (user) OLD to NEW; call him NEW
      let j = i + 1;
      if (w[j] === "user" || w[j] === "the") j++;
      if (w[j] === "user") j++;
      const who = w[j];
      if (who && ["him", "her", "them"].includes(who) && lastUser && known.has(lastUser)) {
        old = lastUser;
        to = w[skipTo(j + 1)];
      } else if (who && known.has(who) && (x === "rename" || w[j + 1] === "to" || w[j + 1] === "as")) {
        old = who;
        to = w[skipTo(j + 1)];
      }
    } else if (known.has(x) && (next === "should" || next === "will" || next === "is")) {
      // OLD should be called NEW
      const k = w.slice(i + 1, i + 5).findIndex((y) => y === "called" || y === "named" || y === "renamed");
      if (k >= 0) {
        old = x;
        to = w[i + 2 + k];
      }
    }
  }
  if (!old || !valid(to) || to === old) return undefined;
  const inPlan = pendingUsers.includes(old);
  return inPlan
    ? `I can't rename ${old}: no tool renames a user. ${old} is only in the plan so far: type /undo to take it out, then "create user ${to}".`
    : `I can't rename the user ${old}: no tool renames a user, and renaming one needs their home directory and groups moved too (usermod -l). I can create a new user ${to} if you want.`;
}

export function userCalls(drafts: UserDraft[], ctx: Ctx): { calls: PlanCall[] } | { reply: string } {
  const { conv, facts } = ctx;
  const out: Record<string, unknown>[] = [];
  const refusedAll = drafts.some((d) => d.refusesAll);

  const named = new Set([...drafts.filter((d) => !d.unplaced).map((d) => d.username), ...knownUsers(ctx)]);
  for (const d of drafts) {
    // "only anna gets sudo" after "users anna ben and carla" is anna; "i think" is no one
    if (d.unplaced && !named.has(d.username)) d.username = undefined;
    // applied below, once every user of the turn is known ("no sudo for anyone: users sam and tia")
    if (d.refusesAll && !d.username) continue;
    // A user already on the system: no tool changes one. "no sudo for lena" says how lena stays
    // (the protection records it); "give marco sudo" gets the reason and the command to use.
    if (
      d.username &&
      facts.users.includes(d.username) &&
      !conv.pending.some((c) => c.tool === "createUser" && c.args.username === d.username)
    ) {
      if (d.sudo === true && d.username !== "root")
        return {
          reply: `${d.username} already has an account here, and I can't change an existing user (I only create new ones). To give ${d.username} sudo, run as root: usermod -aG wheel ${d.username}`,
        };
      if ((d.sudo === false || d.negated) && !d.shell && !d.groups && !d.fullName) continue;
    }
    let target: Record<string, unknown> | undefined;
    if (d.username && !(d.pronoun && !d.username)) {
      target = out.find((u) => u.username === d.username);
      if (!target) {
        // A follow-up about a user already in the plan changes that call.
        const pend = conv.pending.find((c) => c.tool === "createUser" && c.args.username === d.username);
        target = pend ? { ...pend.args } : { username: d.username };
        out.push(target);
      }
    } else if (d.all && out.length) {
      for (const u of out) applyUser(u, d);
      continue;
    } else if (d.all && lastTurnUsers(conv).length > 1) {
      // "users anna and ben" … "either can have sudo": the users of the turn before, still planned
      for (const prev of lastTurnUsers(conv)) {
        const u = { ...prev.args };
        applyUser(u, d);
        out.push(u);
      }
      continue;
    } else if (out.length) {
      target = out.at(-1);
    } else {
      const name = lastEntity(conv, "user");
      const pend = conv.pending.find((c) => c.tool === "createUser" && (!name || c.args.username === name));
      const prev = pend ?? lastCallOf(conv, ["createUser"]);
      if (prev?.tool === "createUser" && (d.pronoun || d.sudo !== undefined)) target = { ...prev.args };
      else if (name && (d.pronoun || d.sudo !== undefined) && !ctx.facts.users.includes(name))
        target = { username: name };
      // "and dont give it any groups": a no about the user just planned changes nothing in it
      if (
        !target &&
        prev?.tool === "createUser" &&
        (d.negated || /\b(?:dont|don't|do not|never|no|without)\b/i.test(conv.user))
      )
        return {
          reply: `${prev.args.username} stays as planned (${prev.args.sudo ? "with sudo" : "no sudo"}${prev.args.groups?.length ? `, groups ${prev.args.groups.join(", ")}` : ", no extra groups"}): nothing to change.`,
        };
      if (!target) return { reply: askName(conv.user) };
      out.push(target);
    }
    applyUser(target!, d);
  }
  if (refusedAll) {
    // every user the turn names; when it names none ("neither of them gets sudo"), every user in
    // the plan
    if (!out.length) for (const c of conv.pending) if (c.tool === "createUser") out.push({ ...c.args });
    if (!out.length)
      return {
        reply:
          "Nobody gets sudo, then. What should the new user be called? (lowercase letters and digits, e.g. anna)",
      };
    for (const u of out) u.sudo = false;
  }
  // "and ben with sudo. dont put emma in wheel": a user said again as planned is no new call
  const same = (u: Record<string, unknown>) =>
    conv.pending.some(
      (c) =>
        c.tool === "createUser" &&
        c.args.username === u.username &&
        (u.sudo === undefined || u.sudo === c.args.sudo) &&
        Object.keys(u).every(
          (k) =>
            k === "sudo" || JSON.stringify(u[k]) === JSON.stringify((c.args as Record<string, unknown>)[k]),
        ),
    );
  const changed = out.filter((u) => !same(u));
  return {
    calls: (changed.length ? changed : out).map((args) => ({ tool: "createUser", args }) as PlanCall),
  };
}

export function applyUser(u: Record<string, unknown>, d: UserDraft): void {
  if (d.sudo !== undefined) u.sudo = d.sudo;
  if (d.fullName) u.fullName = d.fullName;
  if (d.shell) u.shell = d.shell;
  if (d.groups) u.groups = [...new Set([...((u.groups as string[] | undefined) ?? []), ...d.groups])];
}

/** What may join the names of one list: "anna and ben", "kai, lou and max", "gus & hana". */
const LIST_JOINS = new Set([",", "and", ", and", "&", "+", "plus"]);

/** The clauses were one list in the text: only a comma or "and" stands between them. */
function joinedAsList(text: string, a: readonly Token[], b: readonly Token[]): boolean {
  const between = text.slice(a.at(-1)!.end, b[0]!.start).trim().toLowerCase().replace(/\s+/g, " ");
  return LIST_JOINS.has(between);
}

/**
 * A clause that is only a person's name: "anna" in "anna and ben as admins", "lou" in "add kai,
 * lou and max with sudo". `isProgram` says whether a token names a program (never a person here).
 */
export function nameOnly(clause: readonly Token[], facts: Facts, isProgram: (t: Token) => boolean): boolean {
  const ws = clause.filter((t) => t.kind !== "punct" && t.norm !== "and" && t.norm !== "also");
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
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < clauses.length; i++) {
      if (intents[i] === "user" || intents[i] === "keep" || !nameOnly(clauses[i]!, facts, isProgram))
        continue;
      // a member follows a name ("add kai, lou"), never a setting ("give him sudo, thx")
      const prevLast = clauses[i - 1]?.filter((t) => t.kind === "word").at(-1);
      const before =
        i > 0 &&
        intents[i - 1] === "user" &&
        joinedAsList(text, clauses[i - 1]!, clauses[i]!) &&
        prevLast !== undefined &&
        usernameCandidate(prevLast, facts) !== undefined &&
        !notAName(prevLast.norm);
      const after =
        i + 1 < clauses.length &&
        intents[i + 1] === "user" &&
        joinedAsList(text, clauses[i]!, clauses[i + 1]!);
      if (before || after) {
        intents[i] = "user";
        changed = true;
      }
    }
  }
}

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
    if (last.clause.some((t) => OWN_ANCHORS.has(t.norm) || PREDICATES.has(t.norm))) continue;
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

/** The users the last turn added that are still in the plan. */
function lastTurnUsers(conv: Ctx["conv"]): Extract<PlanCall, { tool: "createUser" }>[] {
  const d = conv.turns.at(-1)?.decision;
  if (!d || !("calls" in d)) return [];
  const names = new Set(d.calls.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])));
  return conv.pending.filter(
    (c): c is Extract<PlanCall, { tool: "createUser" }> =>
      c.tool === "createUser" && names.has(c.args.username),
  );
}

/**
 * "What should the new user be called?", with the reason when the words gave a name I cannot use
 * ("make a user called daemon": the system has that account; tester3 WRONG 12).
 */
export function askName(text: string): string {
  const ask = "What should the new user be called? (lowercase letters and digits, e.g. anna)";
  const m = /\b(?:user|called|named|username|account)\s+([a-z_][\w-]*)/i.exec(text);
  const said = m?.[1]?.toLowerCase();
  if (said && reservedUsername(said))
    return `"${said}" is an account the system already has or keeps for itself, so I can't create it. ${ask}`;
  return ask;
}
