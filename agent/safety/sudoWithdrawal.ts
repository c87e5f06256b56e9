import type { ReadContext } from "./readContext.js";
import { readSudo } from "./sudoReading.js";
import type { Reading } from "./types.js";

/**
 * When a refused sudo is withdrawn in words (tester 27 W3: "give ben sudo too" after "user ben no
 * sudo" was refused with a question, and the answer looped; "maria gets sudo. final answer" was
 * refused again). A refusal stays on until the user clearly takes it back, and a clear withdrawal
 * is a grant to THAT name, in a later turn, said as a grant (a sudo word aimed at them, no
 * negation, no hedge, no question: readSudo), AND one of:
 * - said with a change of mind or an insistence ("final answer", "I changed my mind", "I'm sure",
 *   "definitely", "for real", "on second thought", "after all", "anyway"), the closed class of
 *   the ways people mark that they mean it against what they said before;
 * - said again right after my reply that quoted their refusal back to them: they were reminded of
 *   their own words and asked again.
 *
 * Safety argument: the first plain grant after a refusal is still refused with the user's words
 * quoted (a kid's "no sudo" is not lifted by a slip); what lifts it needs words that only a person
 * who changed their mind says, or a repeat after the reminder. A turn that refuses the same name
 * again, a question ("give ben sudo?") and a hedge ("maybe sudo for ben") lift nothing, and
 * sudo still goes only to the name the grant is aimed at.
 */

/** Words that say the grant is meant against what was said before. */
const INSISTS =
  /\b(?:final answer|final|changed my mind|change of plans?|i'?m sure|im sure|i am sure|definitely|for real|for sure|really|on second thoughts?|after all|anyways?|i know what i said|i meant it|i mean it)\b/;

/** My refusal of sudo to `u`, as the screen words it (agent/safety/screen.ts). */
function refusedInMyLastReply(u: string, ctx: ReadContext): boolean {
  const d = ctx.turns?.at(-1)?.decision as { reply?: unknown } | undefined;
  return typeof d?.reply === "string" && d.reply.startsWith(`You said ${u} should not have sudo`);
}

export function withSudoWithdrawal(reading: Reading, text: string, ctx: ReadContext): Reading {
  if (!ctx.turns?.length || /\?/.test(text)) return reading;
  const users = [
    ...new Set(ctx.pending.flatMap((c) => (c.tool === "createUser" ? [String(c.args.username)] : []))),
  ];
  if (!users.length) return reading;
  const said = readSudo(text, users, ctx.turns.at(-1)?.user);
  const lower = text.toLowerCase().replace(/’/g, "'");
  const release = users.filter(
    (u) =>
      said.granted.has(u) &&
      !said.refused.has(u) &&
      new RegExp(`\\b${u}\\b`, "i").test(text) &&
      !reading.protect.some((p) => p.kind === "sudo" && p.username === u) &&
      (INSISTS.test(lower) || refusedInMyLastReply(u, ctx)),
  );
  if (!release.length) return reading;
  return {
    ...reading,
    release: [
      ...reading.release,
      ...release
        .filter((u) => !reading.release.some((p) => p.kind === "sudo" && p.username === u))
        .map((u) => ({ kind: "sudo" as const, username: u, said: text.trim() })),
    ],
  };
}
