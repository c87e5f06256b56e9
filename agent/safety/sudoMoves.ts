import type { Decision } from "../../tools/decision.js";
import { escapeRegex } from "../rules/text.js";
import type { ConversationView, PlanCall } from "../types.js";
import { readSudoEllipsis } from "./sudoEllipsis.js";
import { sudoUsers } from "./sudoReader.js";
import { withSudoSet } from "./sudoRefs.js";

/**
 * Sudo moved between people already in the plan, in the forms a hurried person types (tester 9
 * D3, D4): "just ben gets sudo" after "ana and ben with sudo" (ben only: ana loses it), "ben
 * instead of ana gets sudo", "rather than ana, ben gets admin", "no. NOT leo. mia gets sudo" (the
 * grant moves: the one named after "not" loses it). Read before, ana and leo kept their sudo and the
 * next "yes" ran it. Only people the plan or this turn already holds are read, by their exact
 * names, so no other word can be taken for a person; a grant found here still passes every screen
 * after it (a refusal said earlier wins).
 */

const PRIV =
  "(?:sudo|sudo rights|sudo access|admin|admin rights|administrator|an admin|the admin|root|root access|wheel|superuser|privileges)";
const GETS =
  "(?:gets?|getting|has|have|having|should (?:get|have|be)|will (?:get|have|be)|is|as|can have|becomes?|be)";

export interface SudoMove {
  gain: string[];
  lose: string[];
}

/**
 * Who gains and who loses sudo in the words, among `names` (people in the plan or this turn).
 * `earlier`: the turn before, whose predicate a turn of ellipses takes ("rita doesnt either").
 */
export function readSudoMove(text: string, names: readonly string[], earlier?: string): SudoMove | undefined {
  if (!names.length) return undefined;
  const moved = readMove(text, names);
  // "paul keeps sudo, rita doesn't", "anna shouldnt be admin, ben should" (sudoEllipsis.ts)
  const ellipsis = readSudoEllipsis(text, names, earlier);
  if (!ellipsis) return moved;
  const lose = [...new Set([...(moved?.lose ?? []), ...ellipsis.lose])];
  const gain = [...new Set([...(moved?.gain ?? []), ...ellipsis.gain])].filter((u) => !lose.includes(u));
  return { gain, lose };
}

function readMove(text: string, names: readonly string[]): SudoMove | undefined {
  const t = ` ${text.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, " ")} `;
  const n = `(${names.map(escapeRegex).join("|")})`;
  const grant = `(?:${GETS}\\s+)?${PRIV}\\b`;
  // "ben instead of ana gets sudo", "ben rather than ana as admin", "ben not ana gets sudo"
  const instead = new RegExp(
    `\\b${n}\\s*,?\\s+(?:instead of|rather than|in place of|and not|not)\\s+${n}\\s*,?\\s+${grant}`,
  );
  // "instead of ana, ben gets sudo", "not leo. mia gets sudo", "no. NOT leo. mia gets sudo"
  const before = new RegExp(
    `\\b(?:instead of|rather than|in place of|not)\\s+${n}\\s*[.,;:!-]*\\s+(?:but\\s+|rather\\s+)?${n}\\s+${grant}`,
  );
  // "just ben gets sudo", "only kim as admin", "sudo for kim only", "sudo just for kim"
  const only = [
    new RegExp(`\\b(?:just|only)\\s+${n}\\s+${grant}`),
    new RegExp(`\\b${n}\\s+only\\s+${grant}`),
    new RegExp(`\\b${PRIV}\\s+(?:just\\s+|only\\s+)?(?:for|to)\\s+(?:just\\s+|only\\s+)?${n}\\s+only\\b`),
    new RegExp(`\\b${PRIV}\\s+(?:just|only)\\s+(?:for|to)\\s+${n}\\b`),
    // "add max and kim with sudo, just kim": the list's grant narrowed at its end
    new RegExp(`\\b${PRIV}\\s*,?\\s+(?:but\\s+)?(?:just|only)\\s+(?:for\\s+|to\\s+)?${n}\\s*[.!]*\\s*$`),
  ];
  const m1 = instead.exec(t);
  if (m1 && m1[1] !== m1[2]) return { gain: [m1[1]!], lose: [m1[2]!] };
  const m2 = before.exec(t);
  if (m2 && m2[1] !== m2[2]) return { gain: [m2[2]!], lose: [m2[1]!] };
  for (const r of only) {
    const m = r.exec(t);
    if (m) return { gain: [m[1]!], lose: names.filter((x) => x !== m[1]) };
  }
  return undefined;
}

/**
 * The decision with the move applied: people who lose sudo lose it (in the calls, or as a change to
 * their planned account), the one who gains it has it. A decision that offers something, asks back
 * with an offer, confirms or drops is left alone.
 */
export function moveSudoSaid(decision: Decision, conv: ConversationView): Decision {
  const offered = "reply" in decision && decision.offer !== undefined;
  const earlier = conv.turns.at(-1)?.user;
  // "paul keeps it, rita doesnt" after "both sudo": a turn of nothing but sudo ellipses, whose "it"
  // a backend read as the disk (and dropped it), is the sudo change alone
  if ("drop" in decision) {
    const ellipsis = readSudoEllipsis(conv.user, sudoUsers(conv, []), earlier);
    if (!ellipsis?.whole) return decision;
    const lose = ellipsis.lose;
    const out = withSudoSet({ reply: "" }, conv, [], (u) => (lose.includes(u) ? false : undefined));
    return "calls" in out ? out : decision;
  }
  if (!("calls" in decision) && !("reply" in decision && !offered)) return decision;
  const calls = ("calls" in decision ? decision.calls : []) as PlanCall[];
  const move = readSudoMove(conv.user, sudoUsers(conv, calls), earlier);
  if (!move) return decision;
  return withSudoSet(decision, conv, calls, (u) =>
    move.gain.includes(u) ? true : move.lose.includes(u) ? false : undefined,
  );
}
