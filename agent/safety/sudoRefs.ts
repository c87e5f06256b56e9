import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
import { privativeSudo } from "./privativeSudo.js";
import { readSudo, sudoUsers } from "./sudoReader.js";
import type { Protection } from "./types.js";

/**
 * Sudo said away in words the readers miss, and refused for a group (findings4 D6, D7):
 * - "drop zoe's sudo", "take zoe's admin away", "revoke sudo from zoe", "zoe shouldn't be admin":
 *   the planned zoe loses sudo. A backend that read them as "zoe with sudo" (the plan kept sudo and
 *   said "Changed") gets zoe without it.
 * - "kids get normal accounts: mia and leo": the refusal is the kids', and mia and leo are the kids;
 *   "put mia in the wheel group" later is refused as "no sudo for mia" would be, naming the earlier
 *   words, until the person says "give mia sudo after all".
 */

/** The refusal was said of this person by name: "drop zoe's sudo", "not tom", "zoe shouldn't be admin". */
function saidOf(said: string, name: string): boolean {
  return said.split(" ").some((x) => x === name || x === `${name}'s` || x === `${name}’s`);
}

/**
 * A planned or proposed user this turn takes sudo from loses it in the decision; a planned one the
 * decision does not name is changed too ("no, lily gets the sudo, not tom": tom, planned with sudo,
 * loses it). The words are read by the one sudo reader (agent/safety/sudoReader.ts), and only a
 * refusal that names the person counts here: "no sudo needed" beside three planned people is for
 * the backend and the screens to place, never a guess that takes it from all of them.
 */
export function revokeSudoSaid(decision: Decision, conv: ConversationView): Decision {
  const offered = "reply" in decision && decision.offer !== undefined;
  if (!("calls" in decision) && !("reply" in decision && !offered)) return decision;
  const calls = ("calls" in decision ? decision.calls : []) as PlanCall[];
  const users = sudoUsers(conv, calls);
  if (!users.length) return decision;
  // "demote bob", "unsudo bob": the privilege taken by the word's own form (privativeSudo.ts)
  const { refused } = readSudo(privativeSudo(conv.user), users);
  const takes = (u: string) => {
    const said = refused.get(u);
    return said !== undefined && saidOf(said, u);
  };
  // "hmm take away zoe's root access" read as nothing at all: the planned zoe, without sudo
  return withSudoSet(decision, conv, calls, (u) => (takes(u) ? false : undefined));
}

/**
 * The decision with each account's sudo set as `want` says (undefined: left as it is), in its calls
 * and, for planned accounts its calls do not hold, as changes to them; a reply becomes those changes.
 * The decision itself when nothing changes.
 */
export function withSudoSet(
  decision: Decision,
  conv: ConversationView,
  calls: readonly PlanCall[],
  want: (username: string) => boolean | undefined,
): Decision {
  const set = (c: PlanCall): PlanCall => {
    if (c.tool !== "createUser") return c;
    const w = want(c.args.username);
    return w === undefined || w === c.args.sudo ? c : { ...c, args: { ...c.args, sudo: w } };
  };
  const out = calls.map(set);
  const held = new Set(calls.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])));
  const planned = conv.pending.flatMap((c) => {
    if (c.tool !== "createUser" || held.has(c.args.username)) return [];
    const changed = set(c);
    return changed === c ? [] : [changed];
  });
  if ("reply" in decision) return planned.length ? ({ calls: planned } as Decision) : decision;
  if (!planned.length && out.every((c, i) => c === calls[i])) return decision;
  return { ...decision, calls: [...out, ...planned] } as Decision;
}

/** "user kid", "an account called kid", "username: kid": the word is where an account's name goes. */
function accountNamed(said: string, name: string): boolean {
  return new RegExp(
    String.raw`\b(?:user|users|usr|account|login|username|called|named)\s*[:=]?\s*${name}\b`,
  ).test(said);
}

const GROUP =
  /^(?:the\s+|my\s+|our\s+)?(?:kids?|children|child|others|rest|guests?|family|boys|girls|teens|teenagers|sons|daughters|everyone else|everybody else)$/i;

/**
 * The members of a group whose sudo was refused: the names (planned or asked for now) said in the
 * same sentence as the refusal.
 */
export function withGroupMembers(
  protections: readonly Protection[],
  conv: ConversationView,
  decision?: Decision,
): Protection[] {
  const groups = protections.filter((p) => p.kind === "sudo" && GROUP.test(p.username));
  if (!groups.length) return [...protections];
  const names = new Set<string>();
  for (const c of conv.pending) if (c.tool === "createUser") names.add(c.args.username);
  const callsOf = (d: Decision) => ("calls" in d ? d.calls : "reply" in d && d.offer ? d.offer.calls : []);
  for (const d of [...conv.turns.map((t) => t.decision), ...(decision ? [decision] : [])])
    for (const c of callsOf(d))
      if ((c as PlanCall).tool === "createUser")
        names.add((c as { args: { username: string } }).args.username);
  // names said now ("put mia in the wheel group") count as well
  for (const w of conv.user.toLowerCase().split(/[^a-z0-9_-]+/)) if (w.length >= 2) names.add(w);
  const texts = [...conv.turns.map((t) => t.user), conv.user];
  const released = (name: string) =>
    texts.some((t) => /\b(after all|anyway|anyways)\b/i.test(t) && new RegExp(`\\b${name}\\b`, "i").test(t));
  const out = [...protections];
  for (const g of groups) {
    const said = g.said.toLowerCase();
    // "user dad with sudo and user kid no sudo" (hurried tester 25 WRONG-1): a group word put where
    // an account's name goes, and made that account, is that one person; its refusal is its own and
    // reaches no one else named in the sentence (dad lost the sudo said to him). Read as a group only
    // where no account word names it: "the kids get no admin: mia and leo" still refuses mia and leo.
    if (g.kind === "sudo" && names.has(g.username) && accountNamed(said, g.username)) continue;
    const sentence = texts
      .flatMap((t) => t.toLowerCase().split(/[.;!?\n]+/))
      .find((s) => s.includes(said) || said.includes(s.trim()));
    if (!sentence) continue;
    const words = new Set(sentence.split(/[^a-z0-9_-]+/));
    // "my kid bob gets no sudo, alice gets sudo": a person the refusal's own sentence gives sudo by
    // name, and refuses it by no clause, is not one of the group the refusal is about (a grant in a
    // later turn still needs "after all"; the one sudo reader says whom: fixN28, attacker 27 L2)
    const byName = readSudo(
      sentence,
      [...names].filter((n) => words.has(n)),
    );
    const grantedByName = (n: string) => byName.granted.has(n) && !byName.refused.has(n);
    for (const n of names)
      if (
        words.has(n) &&
        !grantedByName(n) &&
        !GROUP.test(n) &&
        !released(n) &&
        !out.some((p) => p.kind === "sudo" && p.username === n)
      )
        out.push({ kind: "sudo", username: n, said: g.said });
  }
  return out;
}
