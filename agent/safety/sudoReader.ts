import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
import { grantSaid } from "./sudoGrants.js";
import { readSudo } from "./sudoReading.js";
import type { Reading } from "./types.js";

export { NOT_A_NAME, readSudo, type SudoReading } from "./sudoReading.js";
export { plainSudoValues, RELAYS, refusesSudo } from "./sudoRefusalWords.js";

/**
 * The one reader of whether a person gets sudo. Two screens ask it: the evidence gate
 * (agent/safety/evidence.ts: sudo stands only on words that give it) and the refusal screen
 * (agent/rules/sudoRefusals.ts: sudo refused in any word order, or in an earlier turn, is never
 * granted). Each used to read the words its own way, so a refusal one of them read could be given
 * back by the other ("others: sudo" offered sudo to a person an earlier turn refused it to). Now
 * both take `sudoVerdict`, and a refusal wins over any grant:
 * - refused: a clause of these words says no to the privilege for them (`readSudo`), or an
 *   earlier turn that named them did and no later turn gave it to them by name;
 * - granted: a sudo word aimed at them in a clause with the form of a request (`grantSaid`), or
 *   the plan already gives it;
 * - unsaid: neither (the account is made without sudo).
 */

export type SudoVerdict =
  | { readonly kind: "granted" }
  | { readonly kind: "refused"; readonly said: string; readonly earlier: boolean }
  | { readonly kind: "unsaid" };

/**
 * Whether `username` gets sudo from the words of this turn and the turns before: the answer both
 * screens take. `users` are the accounts the turn is about (a refusal with no name belongs to them).
 */
export function sudoVerdict(
  username: string,
  conv: ConversationView,
  decision: Decision,
  users: readonly string[],
): SudoVerdict {
  const u = username;
  // a turn of ellipses ("rita doesnt either") reads its predicate in the turn before
  const now = readSudo(conv.user, users, conv.turns.at(-1)?.user);
  const said = now.refused.get(u);
  if (said !== undefined) return { kind: "refused", said, earlier: false };
  // sudo refused in an earlier turn comes back only through words that give it to them by name
  if (!now.granted.has(u))
    for (let k = conv.turns.length - 1; k >= 0; k--) {
      const text = conv.turns[k]!.user;
      // only a turn that names them refused them ("no sudo for lena" says nothing of alex)
      if (!new RegExp(`\\b${u}\\b`, "i").test(text)) continue;
      const then = readSudo(text, [...users, u], conv.turns[k - 1]?.user);
      const before = then.refused.get(u);
      if (before !== undefined) return { kind: "refused", said: before, earlier: true };
      // a later turn that gave it to them by name ends the search ("give kim sudo after all")
      if (then.granted.has(u)) break;
    }
  // a grant by name lifts an earlier refusal, but only a sudo word aimed at them gives sudo:
  // "user mo, sudo is overkill" names mo beside the privilege and gives him nothing
  // "give tom sudo sorry lily", "give them sudo... actually just noah": the grant is taken back
  if (retracted(u, conv.user, users) || selfDenied(u, conv.user)) return { kind: "unsaid" };
  if (grantSaid(u, conv, decision)) return { kind: "granted" };
  return { kind: "unsaid" };
}

/** The accounts a turn is about: those the calls create and those the plan holds. */
export function sudoUsers(conv: ConversationView, calls: readonly PlanCall[]): string[] {
  return [
    ...new Set([
      ...calls.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
      ...conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
    ]),
  ];
}

/** A correction marker: what follows it replaces what came before. */
const CORRECTION =
  /\b(?:sorry|sry|soz|oops|oop|whoops|i mean|i meant|er|erm|uh|um|actually|no wait|wait no|rather|scratch that|make that)\b/g;

/**
 * The person is named before a correction that names someone else and not them: "give tom sudo
 * sorry lily", "tom gets admin, sorry, lily does", "mia and noah with sudo... actually just noah".
 * An addition after the marker ("sorry, and lily too") takes nothing back.
 */
function retracted(u: string, text: string, users: readonly string[]): boolean {
  const t = text.toLowerCase();
  const at = [...t.matchAll(new RegExp(`\\b${u}\\b`, "g"))].at(-1)?.index;
  if (at === undefined) return false;
  for (const m of t.matchAll(CORRECTION)) {
    if (m.index < at) continue;
    const after = t.slice(m.index + m[0].length);
    if (/\b(?:too|also|as well|and also|plus)\b/.test(after)) return false;
    return users.some((o) => o !== u && new RegExp(`\\b${o}\\b`).test(after));
  }
  return false;
}

/** A privilege word, as the grant would say it. */
const PRIVILEGE = /\b(?:sudo(?:er)?s?|admin(?:istrator)?s?|wheel|superuser|root)\b/g;
/** What opens a change of mind: "no", "wait", "actually", "on second thought". */
const TURNS_ROUND =
  /^[\s.,;:!?…-]*(?:no+|nah|nope|wait|actually|hmm+|on second thoughts?|scratch that|hold on)\b/;
/** What the change of mind says: the grant did not happen ("he doesn't", "not", "never mind"). */
const DENIES =
  /\b(?:doesn'?t|does not|isn'?t|is not|won'?t|will not|shouldn'?t|should not|mustn'?t|must not|not|never ?mind|forget (?:it|that)|scratch that)\b/;

/**
 * "user jon, and jon gets sudo... no he doesn't", "kim is an admin. wait, she's not": the grant
 * said about them is taken back by the same sentence, after the privilege word, with nothing given
 * again after it (tester 15 D1.4). A sudo grant is destructive: taken back, it stays unsaid.
 */
function selfDenied(u: string, text: string): boolean {
  const t = text.toLowerCase().replace(/’/g, "'");
  const named = [...t.matchAll(new RegExp(`\\b${u}\\b`, "g"))].at(-1)?.index;
  if (named === undefined) return false;
  // the last privilege word of the turn, said after their name: the grant that is taken back
  const priv = [...t.matchAll(PRIVILEGE)].at(-1);
  if (!priv || priv.index < named) return false;
  const after = t.slice(priv.index + priv[0].length);
  return (
    TURNS_ROUND.test(after) && DENIES.test(after) && !/\b(?:too|also|as well|give|grant|yes)\b/.test(after)
  );
}

/**
 * The protections' reader (agent/safety/read.ts) binds a sudo refusal with no name of its own to a
 * name elsewhere in the turn: "the kids get no admin. users mia and leo, user eva with sudo" kept
 * eva, the one person the words give sudo by name, without it. Only this reader says whom a
 * refusal is for: a person it reads as granted by name, and refused by no clause, is kept by none.
 */
export function withoutGranted(reading: Reading, text: string): Reading {
  const sudo = reading.protect.filter((p) => p.kind === "sudo");
  if (!sudo.length) return reading;
  const { refused, granted } = readSudo(
    text,
    sudo.map((p) => p.username),
  );
  const keep = (u: string) => !granted.has(u) || refused.has(u);
  if (sudo.every((p) => keep(p.username))) return reading;
  return { ...reading, protect: reading.protect.filter((p) => p.kind !== "sudo" || keep(p.username)) };
}
