import type { Ctx } from "./context.js";
import { sudoPeople } from "./generalEntities.js";
import { sudoGivenToPerson } from "./grantedPerson.js";
import { quotedWords } from "./quotedNames.js";
import { recipeOf } from "./recipes.js";
import type { Token } from "./text.js";
import { normalizeTokens } from "./tokens.js";
import { REMOVE_VERBS, USER_WORDS } from "./vocab.js";

/**
 * "sudo" where the machine also offers a recipe named sudo (every fresh data set since round 21
 * does): the PRIVILEGE of an account, or the PROGRAM. Before this the word was the program whenever
 * the recipe existed, so "user tom, sudo", "And a user, sartre, with sudo.", "Gary gets sudo" (a
 * clause of their own after the account) installed the sudo package and created the person without
 * the privilege they were given, and "None of them get sudo" installed it too.
 *
 * Read by shape, not by word: the program is sudo said as a thing among things or the object of a
 * verb that installs or removes things:
 * - a word for a program beside it ("the sudo package", "sudo recipe", "sudo binary");
 * - another program next to it in a list ("networkmanager and sudo", "sudo, grep and tar");
 * - right after a verb that installs or removes things ("install sudo", "add the sudo", "purge sudo");
 *   a verb that also hands privileges over ("give", "get", "need", "want") is no such verb.
 * Anything else is the privilege, where the turn is about accounts (an account word, "create",
 * "called", he/she, a quoted name, or a name just before the word: "Lead passenger omar, sudo") or
 * the clause marks a grant ("with sudo", "gets sudo", "sudo rights", "sudo: yes"). A bare "sudo
 * too" after installs, or "no sudo" in a turn about no one, stays the program.
 *
 * Safety: this only says the clause is about an account. Whether anyone gets sudo is decided by the
 * same user readers and grant readers that read these clauses when no sudo recipe exists (every
 * negation, refusal, list and hedge reader; then the safety screen and the evidence gate), and no
 * name is made here: a nameless grant is asked about, never given to a word. The reading that is
 * wrong one way installs a package nobody asked for; the other way it gives the privilege only where
 * those readers find it given to a named person in the same clause or list.
 */
export function sudoAsPrivilege(tokens: readonly Token[], ctx: Ctx, recipeNames: readonly string[]): boolean {
  const at = tokens.findIndex((t) => t.norm === "sudo");
  if (at < 0) return false;
  if (sudoAsProgram(tokens, at, recipeNames)) return false;
  // "Hold the sudo, no sudo package on this line": a turn that says sudo once as a program means
  // the program each time it says it
  const all = normalizeTokens(ctx.conv.user, ctx.facts);
  if (all.some((t, i) => t.norm === "sudo" && sudoAsProgram(all, i, recipeNames))) return false;
  // a refusal with no one in the turn ("fine no sudo then go") is of the program: nothing is lost
  // either way, and no nameless refusal is pinned on the last account planned
  // "give jake sudo": a person named as the one who gets it (grantedPerson.ts)
  return aboutAccounts(ctx) || privilegeMarked(tokens, at) || sudoGivenToPerson(tokens, at, ctx);
}

/** Words for a program: "the sudo package", "sudo recipe". */
const PROGRAM_NOUNS = new Set([
  "package",
  "packages",
  "pkg",
  "pkgs",
  "recipe",
  "recipes",
  "program",
  "programs",
  "binary",
  "binaries",
  "tool",
  "tools",
  "utility",
  "utilities",
  "app",
  "apps",
  "software",
]);

/** What joins the items of a list of programs. */
const LIST_JOINS = new Set([",", "and", "&", "+", "plus", "or", "/", "also"]);

/**
 * Verbs whose object is a thing to install or take away, and never a privilege handed to someone:
 * the install verbs without give/get/need/want/like (which hand privileges: "give him sudo", "he
 * needs sudo") and every removal verb.
 */
const THING_VERBS = new Set([
  "install",
  "reinstall",
  "add",
  "grab",
  "fetch",
  "include",
  "download",
  "setup",
  "put",
  "pull",
  "uninstall",
  ...REMOVE_VERBS,
]);

/** Words passed over between a verb and its object. */
const ARTICLES = new Set(["the", "a", "an", "also", "too", "in", "back"]);

function sudoAsProgram(tokens: readonly Token[], at: number, recipeNames: readonly string[]): boolean {
  const word = (i: number) => (tokens[i]?.kind === "word" ? tokens[i]!.norm : undefined);
  if (PROGRAM_NOUNS.has(word(at + 1) ?? "") || PROGRAM_NOUNS.has(word(at - 1) ?? "")) return true;
  // the nearest items before and after it, over the joins of a list
  const item = (from: number, step: number): Token | undefined => {
    let i = from + step;
    let joins = 0;
    while (tokens[i] && LIST_JOINS.has(tokens[i]!.norm)) {
      i += step;
      joins++;
    }
    return joins ? tokens[i] : undefined;
  };
  const other = (t: Token | undefined) => {
    const r = t && t.kind === "word" ? recipeOf(t, recipeNames) : undefined;
    return r !== undefined && r !== "sudo";
  };
  if (other(item(at, -1)) || other(item(at, 1))) return true;
  let v = at - 1;
  while (v >= 0 && ARTICLES.has(tokens[v]!.norm)) v--;
  return THING_VERBS.has(word(v) ?? "");
}

/**
 * Words before "sudo" that make it something a person has or gets. A refusal ("no sudo", "without
 * sudo") marks nothing alone: with no one in the turn it is the program's ("fine no sudo then go").
 */
const BEFORE = new Set([
  "with",
  "w",
  "full",
  "gets",
  "get",
  "got",
  "getting",
  "has",
  "have",
  "having",
  "had",
  "give",
  "gives",
  "given",
  "giving",
  "grant",
  "grants",
  "granted",
  "needs",
  "need",
  "deserves",
  "deserve",
  "keeps",
  "keep",
  "wants",
  "want",
  "holds",
]);

/** Words after "sudo" that make it a privilege: "sudo rights", "sudo: yes", "sudo for him". */
const AFTER = new Set([
  "rights",
  "right",
  "access",
  "privileges",
  "privilege",
  "powers",
  "power",
  "perms",
  "permissions",
  "perm",
  "yes",
  "true",
  "on",
  "for",
  "to",
  ":",
  "=",
]);

function privilegeMarked(tokens: readonly Token[], at: number): boolean {
  return BEFORE.has(tokens[at - 1]?.norm ?? "") || AFTER.has(tokens[at + 1]?.norm ?? "");
}

/** Words that make or name an account: people are created, programs installed. */
const ACCOUNT_VERBS = new Set(["create", "created", "creating", "called", "named"]);

/** A person's pronoun, in the singular. */
const PERSON = new Set(["he", "she", "him", "her", "his", "hers", "himself", "herself"]);

/** The turn speaks of accounts: an account word, a person's pronoun, a name beside "sudo". */
function aboutAccounts(ctx: Ctx): boolean {
  const text = ctx.conv.user;
  const all = normalizeTokens(text, ctx.facts);
  // "them"/"they" are things as often as people ("htop and tmux, we never use them"): only he/she
  if (all.some((t) => USER_WORDS.has(t.norm) || PERSON.has(t.norm) || ACCOUNT_VERBS.has(t.norm))) return true;
  // "Create 'reviewer2' without sudo", "Guest list: 'mara', with sudo": a quoted name
  if (quotedWords(text).size) return true;
  return sudoPeople(text, ctx).length > 0;
}
