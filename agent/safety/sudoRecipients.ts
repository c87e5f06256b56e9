import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { clauses } from "../rules/clauses.js";
import type { ConversationView, PlanCall } from "../types.js";
import { NOT_A_NAME } from "./sudoReading.js";
import { withSudoSet } from "./sudoRefs.js";

/**
 * A sudo grant binds to the name its own clause names (attacker 11 H1, L5): "create user anna and
 * give sudo to bob", "add user anna (bob is the admin)", "create user anna; sudo goes to bob".
 * The grant's object ("to bob", "for bob") or subject ("bob is the admin") is the person who gets
 * it, whether or not any other words called bob a user: read before, the grant went to anna (the
 * last person named) and bob was never created. So:
 * - a name that receives sudo and is not yet in the plan is an account to create, with sudo;
 * - a name that already has an account on this system gets a reply: the tools have no sudo edit
 *   for an existing account (CONTRACTS §1 createUser only);
 * - a grant said as a correction ("actually give sudo to bob instead") moves it: everyone else in
 *   the plan or the turn loses sudo, as "ben instead of ana gets sudo" does (sudoMoves.ts).
 * The grant's own clause decides: a negator ("dont give sudo to bob"), a question or a condition
 * in it grants nothing here, and the later screens (refusals, evidence) still run after this.
 */

const PRIV =
  "(?:sudo|sudo rights|sudo access|sudo privileges|admin|admin rights|admin access|administrator|administrator rights|root access|root rights|superuser|wheel)";
const ROLE = "(?:admin|administrator|sudoer|sudo user|superuser|root user)";
const NAME = "([a-z_][a-z0-9_-]{0,31})";
const USER = "(?:(?:the\\s+)?(?:user|account)\\s+)?";
const FORMS = [
  // "give sudo to bob", "grant admin rights to user bob"
  new RegExp(
    `\\b(give|gives|giving|grant|grants|hand|assign)\\s+(?:the\\s+)?${PRIV}\\s+to\\s+${USER}${NAME}`,
  ),
  // "sudo goes to bob", "admin should go to bob", "sudo is for bob" (a bare "for" is too often no
  // person: "admin for real", "sudo for now")
  new RegExp(
    `\\b${PRIV}\\s+(?:(?:goes|go|going|should go|will go|belongs|is going)\\s+to|to|is\\s+for)\\s+${USER}${NAME}`,
  ),
  // "bob is the admin", "bob will be an administrator", "bob should be the sudo user"
  new RegExp(`\\b${NAME}\\s+(?:is|will be|should be|shall be|becomes)\\s+(?:the|an|a|our)\\s+${ROLE}\\b`),
];
/** Words that stand where a name would and are none: pronouns, articles, question words. */
const NO_NAME = new Set([
  ...NOT_A_NAME,
  ...["he", "she", "him", "her", "they", "it", "this", "that", "the", "a", "an", "i", "you", "u", "who"],
  ...["whoever", "which", "what", "user", "users", "account", "one", "first", "new", "main", "mine", "only"],
  ...["just", "all", "every", "whom", "my", "our", "your", "his", "their", "now", "later", "too", "also"],
  ...["real", "sure", "life", "good", "today", "everything", "anything", "free", "install", "work"],
]);
/** A clause that says no to what it names: "dont give sudo to bob", "sudo negative for bob". */
const NEGATOR =
  /^(?:dont|not|never|no|without|shouldnt|wont|cant|nor|neither|negative|nope|nah|nobody|none|isnt|arent)$/;
const CORRECTION = /\b(?:instead|rather|actually|i mean|i meant|no wait|wait no|correction|scratch that)\b/;

/** The names the words give sudo to by name, each in a clause that requests it. */
export function sudoRecipients(text: string): {
  names: string[];
  moved: boolean;
  verbs: string[];
  /** The words with each grant that names its person taken out: what else they grant. */
  rest: string;
} {
  const names: string[] = [];
  const verbs: string[] = [];
  const rest: string[] = [];
  let moved = false;
  for (const c of clauses(text)) {
    if (c.question || c.conditional || c.w.some((x) => NEGATOR.test(x))) continue;
    let said = c.w.join(" ");
    for (const [k, form] of FORMS.entries()) {
      const m = form.exec(said);
      if (!m) continue;
      // the first form captures its verb too: "add user anna and grant admin to bob" names no "grant"
      if (m.length > 2) verbs.push(m[1]!);
      const name = m.at(-1);
      if (!name || NO_NAME.has(name) || /^\d/.test(name)) continue;
      // "my wife is the admin", "the boss will be an admin": a person said by who they are, not by name
      if (k === 2 && NO_NAME.has(said.slice(0, m.index).trim().split(" ").at(-1) ?? "")) continue;
      if (!names.includes(name)) names.push(name);
      if (CORRECTION.test(said)) moved = true;
      said = said.replace(m[0], " ");
    }
    rest.push(said);
  }
  return { names, moved, verbs, rest: rest.join(" . ") };
}

const ACCOUNT = (username: string): PlanCall =>
  ({ tool: "createUser", args: { username, sudo: true, shell: "/bin/bash", groups: [] } }) as PlanCall;

/** The decision with each person the words give sudo to by name planned with it. */
export function bindSudoRecipients(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision) && !("reply" in decision && decision.offer === undefined)) return decision;
  const { names, moved, verbs, rest } = sudoRecipients(conv.user);
  // "add user anna and grant admin to bob": anna's sudo rested on bob's grant alone
  const otherGrant = new RegExp(`\\b(?:${PRIV}|${ROLE}|sudoers?|admins|root|privileges|elevated)\\b`).test(
    rest,
  );
  const now = new Set(
    (("calls" in decision ? decision.calls : []) as PlanCall[]).flatMap((c) =>
      c.tool === "createUser" &&
      !conv.pending.some((p) => p.tool === "createUser" && p.args.username === c.args.username)
        ? [c.args.username]
        : [],
    ),
  );
  if (!names.length) return decision;
  const calls = (("calls" in decision ? decision.calls : []) as PlanCall[]).filter(
    (c) => c.tool !== "createUser" || !verbs.includes(c.args.username),
  );
  const existing = names.filter((n) => facts.users.includes(n));
  if (existing.length)
    return {
      reply: `${existing.join(" and ")} already ${existing.length > 1 ? "have accounts" : "has an account"} on this system, and I can only give sudo to an account I create. Shall I leave that to you (usermod -aG wheel ${existing[0]} after the install), or create a new user with sudo?`,
    };
  const accounts = new Set(
    [...calls, ...conv.pending].flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
  );
  const added = names.filter((n) => !accounts.has(n)).map(ACCOUNT);
  // the grant said as a correction leaves everyone else without it; said plainly, it is the
  // named person's and no one else's in this turn (the evidence screen reads the clauses)
  const set = withSudoSet({ calls } as Decision, conv, calls, (u) =>
    names.includes(u) ? true : moved || (now.has(u) && !otherGrant) ? false : undefined,
  );
  if (!("calls" in set)) return added.length ? ({ calls: added } as Decision) : decision;
  const out = [...(set.calls as PlanCall[]), ...added];
  return out.length ? ({ ...set, calls: out } as Decision) : decision;
}
