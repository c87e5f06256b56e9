import { quotedWords } from "./quotedNames.js";
import type { Token } from "./text.js";
import type { UserDraft } from "./users.js";

/**
 * A person introduced by what they are, then by their name: "a hygienist account, user name priya",
 * "Add a Cub account, leo, no sudo", "a user for the drummer, tony", "add my dive buddy, username
 * rui". The role's word took a name's place in its clause (the user reader's anchors "add", "for",
 * "account" reach it), so the turn created two accounts, the role and the person (dev24 h23k-021,
 * h23k-048, h23-031, h23-045).
 *
 * The shape: the role word stands where no username stands, after a determiner ("a", "the", "my")
 * or before an account noun ("hygienist account"), and the clause right after it, joined by a comma
 * or a colon alone, is only the name, maybe introduced ("leo", "user name priya", "username rui").
 * That apposition says the two are one person: the role's clause gives what it says (sudo, shell)
 * to the named one, and the role becomes no account.
 *
 * Safety: nothing is created here and no privilege is given: one draft is folded into the next, and
 * a setting the named clause says itself wins. The fold only removes an account (the role word's);
 * a real second person said that way ("add my son, leo") is one person too, which is what the
 * apposition says.
 */

/** Words before a noun that no username takes. */
const DETERMINERS = new Set(["a", "an", "the", "my", "our", "your", "his", "her", "their", "this", "that"]);
/** The nouns for an account, after a role word ("the technician accounts"). */
const ACCOUNT_NOUNS = new Set(["account", "accounts", "user", "users", "login", "logins", "profile"]);
/** What may introduce the name in the appositive clause: "user name priya", "username rui". */
const INTRODUCERS = new Set(["user", "username", "name", "login", "called", "named", "is", ":"]);

export interface Member {
  clause: readonly Token[];
  draft: UserDraft;
}

/** The role word's draft folded into the named one after it. Changes `users` and `members` in place. */
export function foldRoleIntoName(text: string, users: UserDraft[], members: Member[]): void {
  for (let i = members.length - 2; i >= 0; i--) {
    const role = members[i]!;
    const named = members[i + 1]!;
    const r = role.draft;
    const n = named.draft;
    if (!r.username || !n.username || r.username === n.username) continue;
    if (r.pronoun || r.all || r.negated || r.renamed || n.pronoun || n.all || n.negated) continue;
    if (!inRolePlace(role.clause, r.username)) continue;
    if (!appositive(named.clause, n.username)) continue;
    const between = text.slice(role.clause.at(-1)!.end, named.clause[0]!.start).trim();
    if (between !== "," && between !== ":") continue;
    n.sudo ??= r.sudo;
    n.fullName ??= r.fullName;
    n.shell ??= r.shell;
    if (r.groups) n.groups = [...r.groups, ...(n.groups ?? [])];
    const at = users.indexOf(r);
    if (at >= 0) users.splice(at, 1);
    members.splice(i, 1);
  }
}

/**
 * "'dunmore', sold with the sudo rights attached": where the turn quotes a name, an unquoted word
 * that only the fallback took for a name (no account word before it in its clause), in the clause
 * right after the quoted one, is said of the quoted person: its setting is theirs and it is no
 * account (dev h20-002: "sold" got sudo). Only folds: an account less, never one more.
 */
export function foldIntoQuoted(text: string, users: UserDraft[], members: Member[]): void {
  const quoted = quotedWords(text);
  if (!quoted.size) return;
  for (let i = members.length - 1; i > 0; i--) {
    const said = members[i]!;
    const head = members[i - 1]!;
    const s = said.draft;
    const h = head.draft;
    if (!s.username || !h.username || quoted.has(s.username) || !quoted.has(h.username)) continue;
    if (s.pronoun || s.all || s.negated) continue;
    const at = said.clause.findIndex((t) => t.norm === s.username);
    if (said.clause.slice(0, Math.max(0, at)).some((t) => ACCOUNT_NOUNS.has(t.norm) || NAMING.has(t.norm)))
      continue;
    const between = text
      .slice(head.clause.at(-1)!.end, said.clause[0]!.start)
      .replace(/['"‘’“”«»]/g, "")
      .trim();
    if (between !== ",") continue;
    if (h.sudo === undefined) h.sudo = s.sudo;
    h.shell ??= s.shell;
    h.fullName ??= s.fullName;
    if (s.groups) h.groups = [...(h.groups ?? []), ...s.groups];
    const k = users.indexOf(s);
    if (k >= 0) users.splice(k, 1);
    members.splice(i, 1);
  }
}

/** Words that put a name after them in its clause. */
const NAMING = new Set(["called", "named", "username", "name", "create", "add", "make"]);

/** The word stands where a noun stands, not a name: after a determiner, or before "account". */
function inRolePlace(clause: readonly Token[], name: string): boolean {
  const at = clause.findIndex((t) => t.norm === name);
  if (at < 0) return false;
  return DETERMINERS.has(clause[at - 1]?.norm ?? "") || ACCOUNT_NOUNS.has(clause[at + 1]?.norm ?? "");
}

/** The clause is the name alone, perhaps introduced: "leo", "user name priya", "username rui". */
function appositive(clause: readonly Token[], name: string): boolean {
  const at = clause.findIndex((t) => t.norm === name);
  if (at < 0) return false;
  return clause.slice(0, at).every((t) => INTRODUCERS.has(t.norm));
}
