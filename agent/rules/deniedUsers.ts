import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";

/**
 * "berlin is the timezone not a user", "python is a program not a user", "no user berlin. time zone
 * berlin": words that say a planned account is no account. The objection was read as the account
 * again ("Changed: create user berlin"), or as a drop of another user, or answered "I did not add
 * berlin" while berlin stayed in the plan (tester 26 W2).
 *
 * Read by shape: the name, then "is/isn't ... not a user|person|account|name" ("X is the timezone
 * not a user", "X is not a user", "X isn't a person"); or a refusal word right before the account
 * word and the name ("no user X", "don't create user X", "not a user called X").
 *
 * Safety: this only takes an account that is PLANNED out of the plan, and only the one the words
 * name; it never drops another user, never touches an account on the machine, and never gives
 * anything. Taking out a planned account loses nothing that cannot be said again.
 */
const ACCOUNT = "(?:user(?:name)?|person|account|login|name|human|people)";
const NAME = "([a-z_][a-z0-9_-]*)";
// "berlin is the timezone not a user", "python is a program, not a user"
const IS_THING_NOT = new RegExp(
  String.raw`(?:^|[\s,.;:!?(])${NAME}\s+(?:is|was|'s)\s+(?:a|an|the|my|our)\s+[a-z ]{1,25}?[,;]?\s+(?:and\s+)?(?:not|no)\s+(?:a|an|the|my)?\s*${ACCOUNT}s?\b`,
  "gi",
);
// "berlin is not a user", "max isn't a person"
const IS_NOT = new RegExp(
  String.raw`(?:^|[\s,.;:!?(])${NAME}\s+(?:is\s+not|is\s+no|isn'?t|isnt|was\s+not|wasn'?t|'s\s+not)\s+(?:a|an|the|my)?\s*${ACCOUNT}s?\b`,
  "gi",
);
const NO_USER = new RegExp(
  String.raw`\b(?:no|not|don'?t|dont|do\s+not|never)\s+(?:create\s+|make\s+|add\s+)?(?:a\s+|the\s+|any\s+)?(?:user|account)\s+(?:called\s+|named\s+|for\s+)?${NAME}\b`,
  "gi",
);

/** "drop her for now", "forget lou", "no account for omar": words that take a person out of the plan. */
export function dropsPerson(user: string, name: string): boolean {
  const who = `(?:${name.replace(/[^a-z0-9_-]/gi, "")}|her|him|them)`;
  return [
    `\\b(?:drop|forget|scrap|skip|remove|delete|lose)\\s+${who}\\b`,
    `\\bno\\s+(?:account|user|login)\\s+for\\s+${who}\\b`,
    `\\b${who}\\s+(?:doesn'?t|does\\s+not|won'?t|will\\s+not)\\s+need\\s+(?:an?\\s+)?(?:account|login|user)`,
  ].some((re) => new RegExp(re, "i").test(user));
}

export function deniedUsers(text: string, pending: readonly PlanCall[]): string[] {
  const planned = new Set(pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])));
  return objectedNames(text).filter((n) => planned.has(n));
}

/** Every name the words say is no account, planned or not. */
function objectedNames(text: string): string[] {
  const t = text.toLowerCase();
  const out: string[] = [];
  for (const re of [IS_THING_NOT, IS_NOT, NO_USER])
    for (const m of t.matchAll(re)) {
      // "mom is the admin, not a user": a privilege said of the person is no objection to the account
      if (PRIVILEGE.test(m[0])) continue;
      if (!out.includes(m[1]!)) out.push(m[1]!);
    }
  return out;
}

const PRIVILEGE = /\b(?:admin\w*|sudo\w*|root|wheel|superuser|owner|boss)\b/;

/**
 * The rules' decision for a turn that says a planned account is none: that account leaves the
 * plan, and only it ("python is a program not a user" dropped another user before); calls for it
 * are taken out of what the turn asks, the rest of the turn stands.
 */
export function withoutDeniedUsers(d: Decision, text: string, pending: readonly PlanCall[]): Decision {
  const denied = deniedUsers(text, pending);
  if (!denied.length) {
    // "python is a program not a user" with no python planned: no other account is dropped for it
    const named = objectedNames(text);
    if (!named.length || !("drop" in d)) return d;
    const kept = d.drop.filter((e) => e.tool !== "createUser" || named.includes(String(e.args.username)));
    if (kept.length === d.drop.length) return d;
    return kept.length
      ? { drop: kept }
      : { reply: `${named.join(" and ")} is not planned as a user, so nothing changed.` };
  }
  const drop: Decision = { drop: denied.map((username) => ({ tool: "createUser", args: { username } })) };
  if (!("calls" in d)) return drop;
  const calls = d.calls.filter((c) => !(c.tool === "createUser" && denied.includes(String(c.args.username))));
  return calls.length ? { calls } : drop;
}
