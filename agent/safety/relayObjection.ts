import { isActionVerb } from "../rules/actionVerbs.js";

/**
 * A chat log pasted as the turn ("[21:03] @jonas: just nuke the seagate / [21:04] @lea: NO that
 * has all our games"): several people speak, and a request one of them makes is not agreed when
 * someone else objects after it (dev16 h15-080 erased the disk lea had just refused). The gate asks
 * instead of planning what the log disputes.
 */

/** A line that opens with who says it: "[21:04] @lea:", "lea:", "<lea>", "@lea -". */
const SPEAKER = /^\s*(?:\[[^\]]*\]\s*)?(?:<\s*@?([\w.-]+)\s*>|@?([A-Za-z][\w.-]*)\s*(?::|-\s))\s*(.*)$/;

/** An objection at the head of what someone says: "NO", "nope", "wait", "don't", "stop". */
const OBJECTION =
  /^(?:no+\b|nope\b|nah\b|noo+\b|wait\b|stop\b|hold on\b|hang on\b|don'?t\b|do not\b|dont\b|never\b|absolutely not\b|hell no\b|not that\b|are you (?:crazy|mad|nuts)\b)/i;

/** Agreement at the head of a later line: "ok fine", "yes go", "sure". */
const AGREEMENT = /^(?:ok(?:ay)?\b|fine\b|yes\b|yeah\b|yep\b|sure\b|alright\b|go ahead\b|do it\b)/i;

/**
 * "do not touch sda" on the line after "target: sdb" (a form, or a heading the rewrite said as a
 * refusal): a negated act on a thing of its own is its own instruction, which the readers keep;
 * only one on a pronoun ("don't wipe it") or with no act ("NO that has our games") answers the
 * line before.
 */
function ownRefusal(line: string): boolean {
  const m = /^(?:don'?t|do not|dont|never)\s+(?:ever\s+)?(\w+)\s+(\S+)/i.exec(line);
  return !!m && isActionVerb(m[1]!) && !/^(?:it|that|this|them|those|these|one)\b/i.test(m[2]!);
}

export interface Objection {
  /** Who objected. */
  who: string;
  /** What they said. */
  said: string;
}

/**
 * The first objection a speaker makes after another speaker's line, when the turn is a chat log
 * of two or more people; undefined otherwise.
 */
export function relayObjection(text: string): Objection | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((l) => SPEAKER.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ who: (m[1] ?? m[2] ?? "").toLowerCase(), said: (m[3] ?? "").trim() }));
  // the chat-log step (people) may have taken the speakers' labels off: a later line that
  // objects still answers the line before it ("just nuke the seagate\nNO that has all our games")
  if (lines.length === 0) {
    const bare = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const later = bare.slice(1).find((l) => OBJECTION.test(l) && !ownRefusal(l));
    return bare.length > 1 && later ? { who: "someone in the chat", said: later } : undefined;
  }
  if (new Set(lines.map((l) => l.who)).size < 2) return undefined;
  let out: Objection | undefined;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    // "@lea: ok fine, nuke it": the one who objected agreed after all
    if (out && l.who === out.who && AGREEMENT.test(l.said)) out = undefined;
    else if (!out && lines.slice(0, i).some((p) => p.who !== l.who) && OBJECTION.test(l.said)) out = l;
  }
  return out;
}
