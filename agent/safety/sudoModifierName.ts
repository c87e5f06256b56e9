import type { Decision, ModelToolCall } from "../../tools/decision.js";
import { SUDO_WORDS } from "../rules/vocab.js";
import type { ConversationView } from "../types.js";

/**
 * A word the readers do not know, standing where a "no" would stand before "sudo", is not a
 * person. "user sigga, ekki sudo" (Icelandic "not") planned sigga WITH sudo and a second account
 * "ekki" with sudo (tester 16, D2): the word that refused the privilege became an administrator.
 * Lists of refusal words in every language cannot keep up; the shape can be read instead: the turn
 * introduces one person with a singular account word ("user sigga", "account for sigga"), and a
 * bare word joined to nothing ("and", "&", a plural "users") sits between a comma and a sudo word.
 * Such a word modifies the privilege in a way I cannot read, so neither the extra account nor any
 * sudo of this turn is planned: it is asked, and the people are offered without sudo.
 */

const SINGULAR_ACCOUNT = new Set(["user", "account", "login", "person", "member", "named", "called"]);
const PLURAL_ACCOUNT = /\b(?:users|accounts|logins|people|persons|members|both|two|three|four)\b/;

/** The words and the punctuation that parts them, lowercase, in order. */
function tokens(text: string): string[] {
  // usernames are made of plain letters ("kāore" plans "kaore"): compare them the same way
  const plain = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return [...plain.matchAll(/[\p{L}\p{N}_.-]+|[,;:()!?]/gu)].map((m) => m[0]);
}

/** Where `name` stands only as "..., NAME sudo": after a comma or colon, before a sudo word. */
function onlyBeforeSudo(t: readonly string[], name: string): boolean {
  let seen = false;
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== name) continue;
    seen = true;
    const before = t[i - 1];
    const after = t[i + 1];
    if (!after || !SUDO_WORDS.has(after)) return false;
    if (!before || !(before === "," || before === ";")) return false;
  }
  return seen;
}

/** The person the turn introduces with a singular account word ("user sigga"). */
function introduced(t: readonly string[], name: string): boolean {
  for (let i = 1; i < t.length; i++) if (t[i] === name && SINGULAR_ACCOUNT.has(t[i - 1] ?? "")) return true;
  return false;
}

export function screenSudoModifierName(decision: Decision, conv: ConversationView): Decision {
  if (!("calls" in decision)) return decision;
  const users = decision.calls.filter(
    (c): c is Extract<ModelToolCall, { tool: "createUser" }> => c.tool === "createUser",
  );
  if (users.length < 2 || PLURAL_ACCOUNT.test(conv.user.toLowerCase())) return decision;
  const t = tokens(conv.user);
  const people = users.filter((u) => introduced(t, u.args.username.toLowerCase()));
  const firstPerson = Math.min(...people.map((p) => t.indexOf(p.args.username.toLowerCase())));
  // "user anna and bob, sudo": a name joined to the person is a person ("&" parts no words here,
  // so "user anna & bob sudo" has bob after no comma)
  const joined = (name: string) =>
    t.slice(firstPerson, t.indexOf(name)).some((x) => x === "and" || x === "plus");
  const strays = users.filter((u) => {
    const n = u.args.username.toLowerCase();
    return !people.includes(u) && onlyBeforeSudo(t, n) && !joined(n);
  });
  if (people.length === 0 || strays.length === 0) return decision;
  const kept = decision.calls
    .filter((c) => !strays.includes(c as (typeof strays)[number]))
    .map((c) =>
      c.tool === "createUser" ? { ...c, args: { ...c.args, sudo: false } } : c,
    ) as ModelToolCall[];
  const word = strays.map((s) => `"${s.args.username}"`).join(", ");
  const who = people.map((p) => p.args.username).join(", ");
  return {
    reply: `I don't know the word ${word} before "sudo", so I won't make it an account or give anyone sudo on it. Shall I add ${who} without sudo? (Say "${people[0]?.args.username} with sudo" to give it.)`,
    ...(kept.length ? { offer: { calls: kept } } : {}),
  };
}
