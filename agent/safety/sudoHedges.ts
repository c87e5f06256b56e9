/**
 * Whether the sudo word at `at` is said undecided: "maybe sudo", "possibly with sudo", "perhaps
 * admin", "sudo maybe", "sudo: undecided", "not sure about sudo". An erase or a removal said with
 * these words is asked about, never planned (`Clause.hedged`, rules/clauses.ts); a privilege is
 * the same kind of grant, so the same words leave it ungiven. Only a hedge that governs the sudo
 * word counts: "i guess i should be admin" or "make me admin i think" is a person deciding, not
 * doubting, and stays a grant.
 */

/** Words that doubt what follows them: "maybe sudo", "possibly admin". */
const DOUBT_BEFORE = /^(?:maybe|mayb|perhaps|possibly|potentially|optionally|might)$/;
/** Words that doubt what precedes them: "sudo maybe", "sudo: undecided", "admin tbd". */
const DOUBT_AFTER =
  /^(?:maybe|mayb|perhaps|possibly|undecided|unsure|tbd|tbc|idk|dunno|optional|pending|unclear|open)$/;
/** Words that may stand between a doubting word and the privilege ("maybe with sudo", "possibly give him admin"). */
const BETWEEN = /^(?:with|w|a|an|the|some|also|too|give|gives|get|gets|make|be|him|her|them|rights|an?)$/;
/** "not sure about sudo", "undecided on admin", "no idea re sudo". */
const DOUBT_ABOUT =
  /(?:^|\s)(?:not sure|unsure|undecided|dunno|idk|no idea|havent decided|haven't decided|not decided|on the fence)(?:\s+(?:about|on|re|regarding|if|whether|w|with|yet))*(?:\s+(?:giving|give|to give|he|she|they|gets?|should get|needs?|the))*$/;

export function hedgedGrant(w: readonly string[], at: number): boolean {
  for (let k = at - 1; k >= Math.max(0, at - 4); k--) {
    if (DOUBT_BEFORE.test(w[k]!)) return true;
    if (!BETWEEN.test(w[k]!)) break;
  }
  const next = w.slice(at + 1, at + 4);
  if (next[0] !== undefined && DOUBT_AFTER.test(next[0])) return true;
  // "sudo: not sure", "admin to be decided", "sudo is undecided", "sudo yes or no"
  const after = next.join(" ");
  if (
    /^(?:(?:is|was|still)\s+)?(?:not sure|to be decided|to be confirmed|undecided|unsure|unclear|maybe)\b/.test(
      after,
    )
  )
    return true;
  if (/^(?:yes or no|or not|y\/n)\b/.test(after)) return true;
  return DOUBT_ABOUT.test(w.slice(Math.max(0, at - 7), at).join(" "));
}
