/**
 * The verbs that change the machine (erase a disk, remove a program, grant sudo, install). The
 * structure readers (negationReach, refusingHeadings, emojiMarks) ask only whether a word is one
 * of these: a negation or a mark reaches the first of them, whatever else stands between.
 */
export const ACTION_VERBS =
  "erase|wipe|format|reformat|nuke|remove|uninstall|delete|purge|destroy|overwrite|zap|clear|kill|drop|rm|give|grant|make|touch|use|install|put|add|create|partition|repartition|replace|swap|reinstall|deinstall|get|mess|mount|encrypt|resize|shrink";

const ACTION = new RegExp(`^(?:${ACTION_VERBS})$`, "i");

export function isActionVerb(word: string): boolean {
  return ACTION.test(word);
}

/** The text starts with an action verb (after "please"/"just"): a clause, not a bare item. */
export function startsWithActionVerb(text: string): boolean {
  const words = text
    .trim()
    .replace(/^(?:(?:please|pls|just|also|and|then)\s+)+/i, "")
    .split(/\s+/);
  return isActionVerb(words[0] ?? "");
}
