import { NEGATORS as SUDO_NEGATORS } from "../safety/sudoRefusalWords.js";
import type { Ctx } from "./context.js";
import { bareCorrection, unusableName } from "./correctedName.js";
import type { Intent } from "./intent.js";
import { usernameCandidate } from "./nameCandidates.js";
import { foldPersonalName } from "./personalNames.js";
import { placeAt } from "./places.js";
import { mergeIntoQuoted } from "./quotedNames.js";
import { relativeClauses } from "./relativeSudo.js";
import { foldIntoQuoted, foldRoleIntoName } from "./roleApposition.js";
import { type Token, tokenize } from "./text.js";
import { STOP } from "./tokens.js";
import type { Outcome } from "./turnOutcome.js";
import { joinedAsList, SETTING_LABELS, shareListSettings } from "./userLists.js";
import { extractUser, type UserDraft, userCalls } from "./users.js";
import { SUDO_WORDS } from "./vocab.js";

/**
 * The accounts of a turn (agent/rules/parse.ts): one draft a user clause, the settings a list
 * shares, a name said in a clause of its own; then the createUser calls, or why not. Adds to `out`.
 */
export function userStep(
  clauses: readonly Token[][],
  intents: readonly (Intent | undefined)[],
  text: string,
  ctx: Ctx,
  out: Outcome,
): void {
  const { calls, problems } = out;
  const users: UserDraft[] = [];
  const members: { clause: Token[]; draft: UserDraft }[] = [];
  clauses.forEach((c, i) => {
    if (intents[i] !== "user") return;
    users.push(extractUser(c, ctx));
    members.push({ clause: c, draft: users.at(-1)! });
  });
  // "make a usr called mariaa... sorry maria": the name said after a correction is the one meant
  // for the user named before it, who is not made beside it (correctedName.ts); one no account can
  // have ("user bob... sorry, root") is asked about, never left as bob
  members.forEach((m, k) => {
    if (!members.slice(0, k).some((p) => p.draft.username)) return;
    const prev = clauses[clauses.indexOf(m.clause) - 1];
    const t = bareCorrection(m.clause, prev);
    if (!t) return;
    const unusable = unusableName(t);
    const name = unusable ? undefined : usernameCandidate(t, ctx.facts);
    if (unusable) m.draft.unusable = unusable;
    else if (name && m.draft.username === name) {
      m.draft.renamed = true;
      m.draft.unplaced = false;
    }
  });
  // "Minifigs: lucy and benny": the first name after a list's heading, joined to the next member
  members.forEach((m, k) => {
    const next = members[k + 1];
    if (
      m.draft.unplaced &&
      next &&
      headedName(m.clause, m.draft.username) &&
      joinedAsList(text, m.clause, next.clause)
    )
      m.draft.unplaced = false;
  });
  // "users anna and ben with sudo": the setting after the list is every member's
  shareListSettings(text, members);
  // "a user for my field assistant, 'priya'": one account, the quoted name (quotedNames.ts)
  mergeIntoQuoted(users, text);
  // "a hygienist account, user name priya": the role and the name are one person (roleApposition.ts)
  foldRoleIntoName(text, users, members);
  // "'dunmore', sold with the sudo rights": the unquoted word after a quoted name is said of it
  foldIntoQuoted(text, users, members);
  // "oswin, who shall", "hume, who shall not have sudo": the relative clause is the named person's
  relativeClauses(text, clauses, users, members);
  // "I'm sarah, set me up with an account": the name is in a clause of its own
  if (users.length && !users.some((u) => u.username)) {
    const m = /\b(?:i am|i'm|im|my name is|call me)\s+([a-z_][a-z0-9_-]{0,31})\b/i.exec(text);
    const name = m?.[1]?.toLowerCase();
    if (name && !STOP.has(name) && !placeAt(tokenize(name), 0)) users[0]!.username = name;
  }
  // "his name is Wolfgang Richter, username wolf": one account, wolf, with the full name (personalNames.ts)
  foldPersonalName(text, users);
  // "make me an account, username jonas", "an account for my partner, her name is eva": a clause
  // that asks for a user without naming one, followed by the one that names them, is one user.
  for (let i = users.length - 2; i >= 0; i--) {
    const d = users[i]!;
    const next = users[i + 1]!;
    // "an account for my girlfriend, call her sofia": a relation in the name's place names no one
    // once the next clause names them
    const nameless = !d.username || (d.relation && !next.relation);
    if (!nameless || d.all || users.slice(0, i).some((u) => u.username) || !next.username) continue;
    users.splice(i, 1);
    next.sudo ??= d.sudo;
    next.fullName ??= d.fullName;
    next.shell ??= d.shell;
    if (d.groups) next.groups = [...d.groups, ...(next.groups ?? [])];
    next.pronoun = false;
  }
  // "give root sudo", "sudo for bin" (attacker 17 F2): an account the system has is named where the
  // person goes; with no new name the grant fell to the last planned user, who got sudo nobody asked for
  // ("user lou with sudo, also root": a user named beside it is who the turn is about)
  const system = users.some((u) => u.username)
    ? []
    : members.flatMap(({ clause, draft }) => (draft.username ? [] : systemAccountsIn(clause, ctx)));
  if (system.length) {
    problems.push(
      `${system[0]} is an account this system already has; I create new accounts only, so nothing changed. To give a new user sudo, name them ("user anna with sudo").`,
    );
    return;
  }
  if (users.length) {
    const r = userCalls(users, ctx);
    if ("reply" in r) problems.push(r.reply);
    else calls.push(...r.calls);
  }
}

/** The name is the word right after a heading of one or two words and a colon: "Minifigs: lucy". */
function headedName(clause: readonly Token[], name: string | undefined): boolean {
  const colon = clause.findIndex((t) => t.norm === ":");
  return (
    name !== undefined &&
    colon > 0 &&
    colon <= 2 &&
    // "hostname: workstation-01, user ops": a setting's label heads its value, not a list of people
    clause.slice(0, colon).every((t) => t.kind === "word" && !SETTING_LABELS.test(t.norm)) &&
    clause[colon + 1]?.norm === name &&
    clause.length === colon + 2
  );
}

/** The system's own account, or one already on it, named as a word of a clause. */
function systemAccountsIn(clause: readonly Token[], ctx: Ctx): string[] {
  const planned = new Set(
    ctx.conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
  );
  const w = clause.filter((t) => t.kind === "word").map((t) => t.norm);
  // "no root powers", "without root access": a refusal gives no one anything, and "root" there is the privilege
  if (w.some((x) => SUDO_NEGATORS.test(x))) return [];
  return w.filter(
    (x, i) =>
      !SUDO_WORDS.has(x) &&
      !planned.has(x) &&
      !PRIVILEGE.has(w[i + 1] ?? "") &&
      // root, and the accounts the facts list; not every reserved name: "nobody", "users",
      // "staff" are ordinary words too ("sudo for nobody")
      (x === "root" || ctx.facts.users.includes(x)),
  );
}

/** "root powers", "root access": the privilege, not the account. */
const PRIVILEGE = new Set([
  "power",
  "powers",
  "rights",
  "right",
  "access",
  "privileges",
  "privilege",
  "perms",
  "permissions",
  "password",
  "login",
]);
