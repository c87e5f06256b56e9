import type { Token } from "./text.js";
import { NEGATIONS, SUDO_WORDS, USER_WORDS } from "./vocab.js";

/**
 * Names set in quotes (issue 14): "a worker bee: user 'june'", "CREATE UNIT 'r2'", "a user for my
 * field assistant, 'priya'". Whoever quotes a word in a request for an account marks it as the
 * name, whatever the words around it are in their register (a role, a unit, a lot, a bidder): the
 * unquoted word an anchor reaches first ("worker", "unit", "field") is who the person is, not what
 * the account is called. Only words that could be a login count (lowercase letters, digits, - _).
 */

/** The words of `text` set in single, double or curly quotes, lowercased. */
export function quotedWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(
    /(?<![\p{L}\p{N}_])['"‘“«]([\p{L}_][\p{L}\p{N}_-]*)['"’”»](?![\p{L}\p{N}_])/gu,
  ))
    out.add(m[1]!.toLowerCase());
  return out;
}

/** Words that put a quoted word in another setting's place: "hostname 'dispatch'", "shell 'zsh'". */
const OTHER_SETTING =
  /^(?:hostname|host|machine|computer|station|box|shell|keymap|keyboard|locale|timezone|zone|recipe|package|install|label|group|groups)$/;

/**
 * The quoted word of a user clause that is its name: the first one a login could be, not set
 * after another setting's word. Undefined where the clause quotes none.
 */
export function quotedNameIn(tokens: readonly Token[], text: string): string | undefined {
  const quoted = quotedWords(text);
  if (!quoted.size) return undefined;
  for (let j = 0; j < tokens.length; j++) {
    const n = tokens[j]!.norm;
    if (tokens[j]!.kind !== "word" || !quoted.has(n)) continue;
    if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(n) || SUDO_WORDS.has(n) || USER_WORDS.has(n) || NEGATIONS.has(n))
      continue;
    if (OTHER_SETTING.test(tokens[j - 1]?.norm ?? "")) continue;
    return n;
  }
  return undefined;
}

/** What a draft of agent/rules/users.ts holds that a merge carries over. */
interface Draft {
  username?: string;
  sudo?: boolean;
  fullName?: string;
  shell?: string;
  groups?: string[];
  pronoun?: boolean;
  unplaced?: boolean;
}

/**
 * "A user for my field assistant, 'priya'. No sudo.": a clause that asks for an account under an
 * unquoted word, right before a clause whose name is quoted, asks for that one account (the
 * unquoted word says who the person is). The drafts are merged in place, the settings kept.
 */
export function mergeIntoQuoted(users: Draft[], text: string): void {
  const quoted = quotedWords(text);
  if (!quoted.size) return;
  for (let i = users.length - 2; i >= 0; i--) {
    const d = users[i]!;
    const next = users[i + 1]!;
    if (!d.username || quoted.has(d.username) || !next.username || !quoted.has(next.username)) continue;
    // the unquoted word is said only here: a name said quoted elsewhere is a person of its own
    if (users.some((u, k) => k !== i && u.username === d.username)) continue;
    users.splice(i, 1);
    next.sudo ??= d.sudo;
    next.fullName ??= d.fullName;
    next.shell ??= d.shell;
    if (d.groups) next.groups = [...d.groups, ...(next.groups ?? [])];
  }
}

/** The clause's quoted name replaces an unquoted one an anchor reached first. */
export function preferQuoted(d: Draft & { renamed?: boolean }, tokens: readonly Token[], text: string): void {
  const q = quotedNameIn(tokens, text);
  if (!q || (d.username && quotedWords(text).has(d.username))) return;
  d.username = q;
  d.unplaced = false;
}

/** A request for an account in a sentence: a word for one, or a verb that makes one. */
const ACCOUNT_REQUEST = /\b(?:users?|accounts?|logins?|usernames?|create|add|make|new)\b/i;

/**
 * Whether `text` quotes `name` in a sentence that asks for an account, not after another
 * setting's word: "create a user who goes by 'zed'", "new account, login 'kim'", "CREATE UNIT 'r2'".
 * The quotes put it in a name's place (agent/rules/userNames.ts namesPerson).
 */
export function quotedAsName(text: string, name: string): boolean {
  const n = name.toLowerCase();
  for (const sentence of text.split(/(?<=[.;!?])\s+|\n+/)) {
    if (!quotedWords(sentence).has(n) || !ACCOUNT_REQUEST.test(sentence)) continue;
    const before = new RegExp(`(\\S+)\\s+['"‘“«]${n}['"’”»]`, "i").exec(sentence)?.[1] ?? "";
    if (!OTHER_SETTING.test(before.toLowerCase().replace(/\W+$/, ""))) return true;
  }
  return false;
}
