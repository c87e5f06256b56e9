import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
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

const PRIVILEGE =
  "(?:sudo|sudoer|admin|admin rights|administrator|root|root access|wheel|privileges|superuser)";
const TAKE =
  "(?:drop|remove|take away|take|revoke|strip|pull|cancel|scrap|ditch|lose|undo|no more|get rid of)";

function revokes(text: string, name: string): boolean {
  const t = text.toLowerCase().replace(/[’`]/g, "'");
  const n = name.toLowerCase().replace(/[^a-z0-9_-]/g, "");
  const poss = `${n}(?:'s|s|')?`;
  return [
    // "drop zoe's sudo", "take zoe's admin away", "remove the sudo of zoe"
    new RegExp(`\\b${TAKE}\\s+(?:the\\s+)?${poss}\\s+${PRIVILEGE}\\b`),
    new RegExp(`\\b${TAKE}\\s+(?:the\\s+)?${PRIVILEGE}\\s+(?:(?:away\\s+)?from|of|for)\\s+${n}\\b`),
    // "zoe shouldn't be admin", "zoe doesn't need sudo", "zoe should not get admin rights"
    new RegExp(
      `\\b${n}\\s+(?:shouldn'?t|should not|must not|mustn'?t|doesn'?t|does not|don'?t|won'?t|will not|can'?t|cannot|isn'?t|is not)\\s+(?:(?:be|have|get|need|gonna be|going to be)\\s+)?(?:an?\\s+)?(?:\\w+\\s+)?${PRIVILEGE}\\b`,
    ),
    // "zoe: no admin", "zoe is not an admin"
    new RegExp(`\\b${n}\\s*(?::|,)?\\s+(?:no|not an?|not)\\s+${PRIVILEGE}\\b`),
  ].some((r) => r.test(t));
}

/** A planned or proposed user this turn takes sudo from loses it in the decision. */
export function revokeSudoSaid(decision: Decision, conv: ConversationView): Decision {
  if ("reply" in decision && !decision.offer) {
    // "hmm take away zoe's root access" read as nothing at all: the planned zoe, without sudo
    const planned = conv.pending.flatMap((c) =>
      c.tool === "createUser" && c.args.sudo && revokes(conv.user, c.args.username)
        ? [{ ...c, args: { ...c.args, sudo: false } }]
        : [],
    );
    return planned.length ? ({ calls: planned } as Decision) : decision;
  }
  if (!("calls" in decision)) return decision;
  const calls = decision.calls.map((c) => {
    const call = c as PlanCall;
    if (call.tool !== "createUser" || !call.args.sudo || !revokes(conv.user, call.args.username)) return c;
    return { ...call, args: { ...call.args, sudo: false } };
  });
  return { ...decision, calls } as Decision;
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
    const sentence = texts
      .flatMap((t) => t.toLowerCase().split(/[.;!?\n]+/))
      .find((s) => s.includes(said) || said.includes(s.trim()));
    if (!sentence) continue;
    const words = new Set(sentence.split(/[^a-z0-9_-]+/));
    for (const n of names)
      if (
        words.has(n) &&
        !GROUP.test(n) &&
        !released(n) &&
        !out.some((p) => p.kind === "sudo" && p.username === n)
      )
        out.push({ kind: "sudo", username: n, said: g.said });
  }
  return out;
}
