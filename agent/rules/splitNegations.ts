/**
 * "do not, under any circumstances, erase sda", "don't - please - remove git", "never, ever, give
 * him sudo", "erase, under no circumstances, sda" (attacker 9 H1-H3): the clause splitter ends a
 * clause at a comma or a spaced dash, so the negation stood alone and the verb after it, in a clause
 * nothing negated, was planned: the Windows disk erased, git removed, a user "ever" given sudo.
 * Said plainly before anything reads the words: the negation joined to its verb and the aside
 * between them dropped ("do not erase sda"). Only a segment that is nothing but a negation (with
 * a subject, a modal or "please") is joined; "if not, use sdb" and "no, the nvme" are left as
 * they are: there the negation answers something else.
 */

/** Separators of segments inside one sentence: a comma or a dash with spaces around it. */
const SEPARATOR = /(\s*,\s*|\s+[-–—]+\s+)/;

/** A segment that only negates what follows: "do not", "please don't", "he should never". */
const NEGATION_ONLY =
  /^(?:(?:please|pls|plz|and|but|also|so|then|just|i|you|we|he|she|they|should|must|will|would|shall|can|could|really|seriously|and please|but please)\s+)*(?:do\s+not|don'?t|do\s+n'?t|never|not|under\s+no\s+circumstances?|in\s+no\s+case|by\s+no\s+means|on\s+no\s+account)(?:\s+(?:ever|please|pls|plz|ever again))?$/i;

/** Asides people put between a negation and its verb. */
const ASIDE =
  /^(?:please|pls|plz|ever|ever again|never ever|again|at all|i beg you|i beg of you|i repeat|repeat|repeat not|repeat,? not|i mean it|i'm serious|im serious|seriously|really|for real|honestly|under any circumstances?|under no circumstances?|no matter what|whatever you do|whatever happens|for the love of god|for god'?s sake|god help me|i said|like i said|as i said|ok|okay|thanks|thank you|mate|bro|dude|man|sir|guys|folks|friend|i swear|trust me|(?:do\s+)?not|never|don'?t)$/i;

/** "erase, under no circumstances, sda": a lone verb, then the negation as an aside. */
const LONE_VERB =
  /^(?:erase|wipe|format|reformat|nuke|remove|uninstall|delete|purge|give|grant|make|touch|use|install|put)$/i;
const NEGATING_ASIDE =
  /^(?:under\s+no\s+circumstances?|never|not|never ever|by\s+no\s+means|in\s+no\s+case)$/i;

export function joinSplitNegations(text: string): string {
  if (!/,|\s[-–—]+\s/.test(text)) return text;
  // sentences with what ends them kept as typed
  return text
    .split(/((?<=[.!?;])\s+|\n)/)
    .map((part, i) => (i % 2 === 0 ? joinInSentence(part) : part))
    .join("");
}

function joinInSentence(sentence: string): string {
  const parts = sentence.split(SEPARATOR);
  // parts: segment, separator, segment, separator, …
  const segs: string[] = [];
  const seps: string[] = [];
  for (const [i, p] of parts.entries()) (i % 2 === 0 ? segs : seps).push(p);
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i]!.trim();
    const loneVerb = LONE_VERB.test(seg) && NEGATING_ASIDE.test(segs[i + 1]!.trim());
    if (!NEGATION_ONLY.test(seg) && !loneVerb) continue;
    let j = i + 1;
    while (j < segs.length - 1 && ASIDE.test(segs[j]!.trim())) j++;
    const next = segs[j]!.trim();
    if (!next || ASIDE.test(next)) continue;
    // "do NOT, I repeat, do NOT erase sda": the verb's own negation is enough; two would cancel
    const joined = loneVerb
      ? `do not ${seg} ${next}`
      : /^(?:do\s+not|don'?t|never|not)\b/i.test(next)
        ? next
        : `${seg} ${next}`;
    segs.splice(i, j - i + 1, joined);
    seps.splice(i, j - i);
  }
  return segs.map((s, i) => s + (seps[i] ?? "")).join("");
}
