import { refusesPrivilege } from "../safety/sudoRefusalWords.js";
import type { PlanCall } from "../types.js";
import { groupPositions, readFullName, readGroups, readShell, SHELLS } from "./accountSettings.js";
import { type Ctx, lastCallOf, lastEntity } from "./context.js";
import { unusableCorrection } from "./correctedName.js";
import { functionWord } from "./functionWords.js";
import { listedDeviceGroups, namedAfterGroupWord } from "./groupMembership.js";
import { FAMILY, knownUserAt, knownUsers, notAName, PLAIN, usernameCandidate } from "./nameCandidates.js";
import { introducedName } from "./nameIntroducers.js";
import { preferQuoted } from "./quotedNames.js";
import { negatedGrant, REVOKE_WORDS, refusesEveryone, refusesOthers, revokes } from "./sudoWords.js";
import type { Token } from "./text.js";
import { isNegated } from "./tokens.js";
import { inSubjectPlace, NO_ONE_WORDS, RELATIONS, reservedUsername } from "./userNames.js";
import { userNounIsSubject } from "./userNounSubject.js";
import {
  FILESYSTEMS,
  INSTALL_VERBS,
  NEGATIONS,
  PERSON_PRONOUNS,
  REMOVE_VERBS,
  SUDO_WORDS,
  USER_WORDS,
} from "./vocab.js";

// Read elsewhere under these names (agent/safety/read.ts, agent/rules/classify.ts).
export { SHELLS } from "./accountSettings.js";
export { notAName } from "./nameCandidates.js";
export { refusesEveryone, revokes } from "./sudoWords.js";

const POSSESSIVES = new Set(["my", "his", "her", "our", "their", "your"]);
/** Who a person is to the speaker, beyond RELATIONS: "my girlfriend", "our neighbour", "my coworker". */
export const KIN =
  /^(?:(?:girl|boy)friends?|gf|bf|fianc[eé]e?|spouse|hubby|missus|mother|father|grand(?:ma|pa|mother|father|son|daughter|kids?)|aunt|uncle|cousin|nephew|niece|step(?:son|daughter|mom|dad)|in-?laws?|colleague|co-?worker|boss|intern|neighbou?r|housemate|tenant|teen(?:ager)?|baby|student|assistant|lodger)s?$/;

/** Indefinite pronouns, a closed class: "anything", "someone", "nobody", "everybody", "whoever". */
const INDEFINITE =
  /^(?:any|every|some|no)(?:thing|one|body|where)$|^(?:nothing|noone|none|whoever|whatever)$/;

/** Pronouns that are the subject of a clause of their own: the word after them is its verb. */
const SUBJECT_PRONOUNS = new Set(["i", "we", "you", "he", "she", "they", "u", "ya"]);

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
  /** "an account for my girlfriend, call her sofia": the name is who they are to the speaker. */
  relation?: boolean;
  /** "actually make it Root": the name corrected to one no account can have, why (correctedName.ts). */
  unusable?: string;
  /** "not lena though": the name under a negation, asked for by nobody. */
  negated?: boolean;
  /** "neither with sudo", "admin for none of them": sudo refused to every user of the turn or plan. */
  refusesAll?: boolean;
  /** The name stands in no name's place ("make me admin i think"): a user only if named elsewhere. */
  unplaced?: boolean;
}

export function extractUser(tokens: readonly Token[], ctx: Ctx): UserDraft {
  const d: UserDraft = {};
  const w = tokens.map((t) => t.norm);
  const fullName = readFullName(tokens);
  if (fullName) d.fullName = fullName;
  const shell = readShell(tokens);
  if (shell) d.shell = shell;
  const groups = readGroups(tokens, (t) => usernameCandidate(t, ctx.facts));
  // "put him in audio and video", "group podman" (groupMembership.ts)
  const more = [...listedDeviceGroups(tokens).groups, ...namedAfterGroupWord(tokens)];
  if (groups || more.length) d.groups = [...new Set([...(groups ?? []), ...more])];
  // sudo / admin, with negation ("without sudo", "not an admin", a bare trailing "without")
  const sudoAt = tokens.findIndex(
    (t) =>
      SUDO_WORDS.has(t.norm) ||
      (t.norm === "root" && tokens.some((x) => x.norm === "access" || x.norm === "rights")),
  );
  if (sudoAt >= 0) d.sudo = !isNegated(tokens, sudoAt) && !negatedGrant(w, sudoAt) && !revokes(w, sudoAt);
  // "deny him sudo too", "kostya, sudo nikakogo": where the project's one reading of a refusal
  // (safety/sudoRefusalWords.ts, which the safety screen asks too) finds the privilege refused in
  // this clause, the clause grants nothing; a grant is only what no refusal reaches
  if (d.sudo === true && refusesPrivilege(tokens.filter((t) => t.kind === "word").map((t) => t.norm)))
    d.sudo = false;
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
  // "rahul with sudo and sneha normal": the kind of account said last, after the name, is no sudo
  const plainLast = w.length >= 2 && PLAIN.has(w.at(-1)!) && tokens.at(-1)?.kind === "word";
  if ((plainAt >= 0 || plainLast) && sudoAt < 0) d.sudo = false;
  else if (w.at(-1) === "without" || (w.includes("no") && w.at(-1) === "no")) d.sudo = false;
  // "either can have sudo", "give them sudo": every user the turn (or the last turn) named
  if (["both", "all", "each", "either", "them", "they"].some((x) => w.includes(x))) d.all = true;
  if (w.some((x) => PERSON_PRONOUNS.has(x))) d.pronoun = true;
  // username: after "user", "account", "called", "named", "for", "call him"; else the first plain word
  const used = new Set<number>();
  const groupsIdx = groupPositions(w);
  // "add her to video, audio and input": the listed groups are no one's name
  for (const k of listedDeviceGroups(tokens).at) groupsIdx.add(k);
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
    // "the user wants mpv", "the user will be omar": the noun is the subject, the verb after it no
    // name (the copula's name is read by nameIntroducers.ts below)
    if (userNounIsSubject(w, i)) continue;
    // "she needs admin for real", "give him sudo for work": the clause is about him; "for" names no one
    if (w[i] === "for" && w.slice(0, i).some((x) => PERSON_PRONOUNS.has(x))) continue;
    for (let j = i + 1; j < Math.min(limit, i + 5); j++) {
      if (groupsIdx.has(j)) break;
      // "create a user" + "I've read it, go", "ok i checked it": a subject pronoun starts a clause of
      // its own, whose verb is no name ("I'm dave" is read by the speaker's readers instead)
      if (
        SUBJECT_PRONOUNS.has(w[j]!) &&
        !["am", "m"].includes(w[j + 1] ?? "") &&
        !/^i['’]?m$/i.test(tokens[j]!.raw)
      )
        break;
      // "an account for my flatmate giulia": the word after a possessive says who they are to the
      // speaker, the name follows it (dev25 h24k-012 made an account "flatmate")
      const after = usernameCandidate(tokens[j + 1], ctx.facts);
      if (
        POSSESSIVES.has(w[j - 1] ?? "") &&
        j + 1 < limit &&
        after &&
        // "for our arriving guest, username anna": a second word of who they are is no name
        !RELATIONS.has(after) &&
        !FAMILY.has(after) &&
        !notAName(after) &&
        !functionWord(after, ctx.conv.user) &&
        !SHELLS.has(after) &&
        !SUDO_WORDS.has(after)
      )
        continue;
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
      const found =
        family ?? adminName ?? knownUserAt(tokens[j], ctx) ?? usernameCandidate(tokens[j], ctx.facts);
      // "give the intern sudo for lazygit": after "for", a program here is the purpose, no one's name
      if (
        w[i] === "for" &&
        found &&
        (ctx.facts.recipes.includes(found) || ctx.facts.installed.includes(found))
      )
        break;
      // "user na jun": a linker or function word is passed over to the name after it
      const c = found && functionWord(found, ctx.conv.user) ? undefined : found;
      // "user run" names run; "lenas account needs sudo", "add tim, sure …" do not name "needs"
      const naming = ["user", "username", "called", "named", "name", "call"].includes(w[i]!);
      // "name: olga", "user first: kai": a label before a colon is no name, the word after it is
      const label = tokens[j + 1]?.norm === ":";
      if (
        c &&
        !label &&
        !SHELLS.has(c) &&
        !FILESYSTEMS.has(c) &&
        // "not a new user or anything": an indefinite pronoun is nobody's name, even after "user"
        !INDEFINITE.test(c) &&
        (naming || !notAName(c))
      ) {
        d.username = c;
        used.add(j);
        // "for my girlfriend": who the person is to the speaker; a name said later in the turn is theirs
        // ("a user for grandma ..., name oma": after "for", the relation alone is who, not a name)
        if (
          (POSSESSIVES.has(w[j - 1] ?? "") || w[j - 1] === "for") &&
          (RELATIONS.has(c) || FAMILY.has(c) || KIN.test(c))
        )
          d.relation = true;
        // "using it for coding": "for" names a person only beside a privilege ("sudo for bob") or
        // a user ("a user for max"); elsewhere only one the turn names or the conversation knows
        // "one more for me, mert": the name said beside "me" is the speaker's own, placed
        const mine = ["me", "myself"].includes(w[j - 1] ?? "") || (w[j - 1] === "," && w[j - 2] === "me");
        if (
          w[i] === "for" &&
          !mine &&
          /^[a-z]/.test(w[i - 1] ?? "") &&
          !SUDO_WORDS.has(w[i - 1]!) &&
          !USER_WORDS.has(w[i - 1]!) &&
          !NEGATIONS.has(w[i - 1]!) &&
          !w.slice(0, i).some((x) => USER_WORDS.has(x)) &&
          // "two accounts: one for me (chidi) and one for my brother emeka": "one" is an account
          !(w[i - 1] === "one" && /\b(?:users?|accounts?|logins?)\b/i.test(ctx.conv.user))
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
  // "actually make it Root with sudo": the corrected name is none an account can have; the turn is
  // asked about, never read as the old name with the grant (correctedName.ts)
  const unusable = unusableCorrection(tokens, ctx.conv.user);
  if (unusable) {
    d.unusable = unusable;
    return d;
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
  // "add trader user vik", "create the intern account mila": a word before "user"/"account" is the
  // person's role, the name follows it (tester 18: user "trader" was given sudo)
  if (d.username && used.size === 1) {
    const j = [...used][0]!;
    // "create the technician accounts: rodrigo ...": the name may follow the account noun's colon
    const k = tokens[j + 2]?.norm === ":" ? j + 3 : j + 2;
    const next = usernameCandidate(tokens[k], ctx.facts);
    if (
      ["user", "account", "login", "username", "users", "accounts"].includes(w[j + 1] ?? "") &&
      next &&
      !notAName(next) &&
      !functionWord(next, ctx.conv.user) &&
      !SUDO_WORDS.has(next) &&
      !SHELLS.has(next)
    )
      d.username = next;
  }
  // "a worker bee: user 'june'", "CREATE UNIT 'r2'": the quoted word is the name (quotedNames.ts)
  preferQuoted(d, tokens, ctx.conv.user);
  // "user besaz be esme dariush", "a user who goes by zed": the introduced name (nameIntroducers.ts)
  d.username =
    introducedName(tokens, (t) => {
      const n = usernameCandidate(t, ctx.facts);
      return n && !NO_ONE_WORDS.has(n) ? n : undefined;
    }) ?? d.username;
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
  // "not a new user or anything", "no new users": the account itself is refused, not asked for
  const noun = tokens.findIndex((t) => USER_WORDS.has(t.norm));
  if (!d.username && noun >= 0 && isNegated(tokens, noun) && sudoAt < 0) d.negated = true;
  // "he needs admin": a clause about "he" names nobody new; only an anchored name counts there.
  // Unanchored, a word is a name only in a subject's place ("ben gets sudo", "make vince admin"):
  // "make me admin i think thats ..." names no "think" (userNames.ts).
  if (!d.username && !d.pronoun) {
    const found: { name: string; placed: boolean }[] = [];
    // "Minifigs: lucy": a heading of one or two words before a colon is the list's, never a name;
    // with no name after it, a lone word before the colon is the one said of ("bob: normal user",
    // never "hold piece: a user")
    const colon = tokens.findIndex((t) => t.norm === ":");
    const heading = colon > 0 && colon <= 2 && tokens.slice(0, colon).every((t) => t.kind === "word");
    const from = heading ? colon + 1 : 0;
    for (let k = from; k < limit + from; k++) {
      const j = k < limit ? k : k - limit;
      // ... and only where what follows says it is an account ("Class: administrator (sudo)" is no one)
      const account = tokens.slice(colon + 1).some((t) => USER_WORDS.has(t.norm));
      if (k >= limit && (!heading || colon !== 1 || !account || found.length || j >= colon)) break;
      if (groupsIdx.has(j)) continue;
      const c = usernameCandidate(tokens[j], ctx.facts);
      if (
        c &&
        !notAName(c) &&
        !functionWord(c, ctx.conv.user) &&
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

export function userCalls(drafts: UserDraft[], ctx: Ctx): { calls: PlanCall[] } | { reply: string } {
  const { conv, facts } = ctx;
  const out: Record<string, unknown>[] = [];
  const refusedAll = drafts.some((d) => d.refusesAll);

  // "make a user called root2... actually make it Root with sudo": the name asked first is taken
  // back and the one put in its place cannot be used, so no account is made on a guess: asked
  const unusable = drafts.find((d) => d.unusable)?.unusable;
  if (unusable)
    return {
      reply: `${unusable[0]!.toUpperCase()}${unusable.slice(1)}; the name said before it was taken back, so I created no user. What should the new user be called? (lowercase letters and digits, e.g. anna)`,
    };
  const named = new Set([...drafts.filter((d) => !d.unplaced).map((d) => d.username), ...knownUsers(ctx)]);
  for (const d of drafts) {
    // "only anna gets sudo" after "users anna ben and carla" is anna; "i think" is no one
    if (d.unplaced && !named.has(d.username)) d.username = undefined;
    // applied below, once every user of the turn is known ("no sudo for anyone: users sam and tia")
    if (d.refusesAll && !d.username) continue;
    // "not a new user or anything, just rename the computer": no account, and no name asked
    if (d.negated && !d.username) continue;
    // "A mara nunca debe ter sudo. Create also o user brais": a clause that says nothing of anyone
    // ("create" cut off from its object) asks no name where the turn names the person it adds
    const empty =
      !d.username && d.sudo === undefined && !d.fullName && !d.shell && !d.groups && !d.pronoun && !d.all;
    const adds = (n: string) =>
      !facts.users.includes(n) && !conv.pending.some((c) => c.tool === "createUser" && c.args.username === n);
    if (empty && drafts.some((o) => o !== d && o.username && !o.unplaced && adds(o.username))) continue;
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
    // "make a user called bob... actually make it tom": the person named before in this turn, named
    // anew; bob is not made beside tom, and what was said of bob is said of tom (the same person)
    const before = out.at(-1);
    if (d.renamed && d.username && before && !out.some((u) => u.username === d.username)) {
      before.username = d.username;
      applyUser(before, d);
      continue;
    }
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
    // "user mom and user dad both admin": a group word beside the grant gives it to every user
    // named before in the turn, not only the nearest (never a refusal: that is refusesAll)
    if (d.all && d.username && d.sudo === true && !d.pronoun && !/\b(?:after|at) all\b/i.test(conv.user))
      for (const u of out) if (u !== target && u.sudo === undefined) u.sudo = true;
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
