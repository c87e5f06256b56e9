/**
 * A keep whose object is named after it: "don't touch my drive, its the seagate", "leave her disk
 * alone, that's sda", "keep the backup drive, i.e. the toshiba". The keep's own object ("my drive")
 * matches no disk, and the clause that names the disk ("its the seagate") says no verb: read alone,
 * the disk it names stood as the install target and "yes" erased it (tester 9 D2). The naming
 * clause is the keep's object: it is said as "keep X". Only right after a clause that keeps
 * something, and only for a short name with no verb of its own ("its the seagate, use it" is left
 * as typed).
 */

/** A clause that keeps something: a keep verb, or a destructive verb under a negation. */
const KEEPS =
  /(?:\b(?:don'?t|dont|do not|never|not|no)\s+(?:\w+\s+){0,2}?(?:touch|touching|wipe|wiping|erase|erasing|format|formatting|delete|deleting|nuke|remove|use|using)\b|\b(?:keep|leave|spare|protect|preserve)\b|\bhands off\b|\boff[- ]limits\b)[^,;.!?]*$/i;

/** The words that say "this is what I meant": "its", "that's", "i.e.", "namely". */
const NAMING =
  /^(\s*)(?:it'?s|it is|that'?s|thats|that is|which is|ie|namely|aka|meaning|i mean)\s+((?:the)\s+)?(?!(?:my|our|her|his|a|an|their|your)\b)([\w/-]+(?:\s+[\w/-]+){0,2}?)(\s*)$/i;

/** A verb in the name clause: it asks for something of its own. */
const VERB = /\b(?:install|use|put|erase|wipe|format|add|create|make|remove|keep|leave|go|take)\b/i;

/** The text with each naming clause after a keep said as a keep of what it names. */
export function sayKeptNamedAfter(text: string): string {
  if (!/\b(?:it'?s|it is|that'?s|thats|that is|which is|i\.?e|namely|aka|meaning|i mean)\b/i.test(text))
    return text;
  // "i.e." is one word here, never the end of a sentence
  const pieces = text.replace(/\bi\.e\.?(?=\s)/gi, "ie").split(/([,;]|[.!?]+(?=\s|$))/);
  let changed = false;
  for (let i = 2; i < pieces.length; i += 2) {
    // the keep is the clause just before, within the same sentence
    if (!/^[,;]$/.test(pieces[i - 1]!)) continue;
    const before = pieces[i - 2]!;
    const m = NAMING.exec(pieces[i]!);
    if (!m || VERB.test(m[3]!) || !KEEPS.test(before)) continue;
    // "that's all my photos" says why, it names no thing: a name is "the ..." or one word
    if (!m[2] && /\s/.test(m[3]!.trim())) continue;
    pieces[i] = `${m[1]}keep ${m[2] ?? ""}${m[3]}${m[4]}`;
    changed = true;
  }
  return changed ? pieces.join("") : text;
}
