/**
 * Sudo only from a plain grant in the user's own voice (attacker 28 H8, M11): "create bob, should
 * he get sudo", "with sudo when he turns 18", "(sudo: ask my wife)", "the sudo can go", "with
 * "sudo" in his name", "give bob sudo after all, I guess" gave bob root rights. Each is one of
 * four shapes, read from the clause the sudo word stands in, not from a list of sentences:
 * - a question: the clause opens with a modal or auxiliary ("should/can/could/would/will/shall/may/
 *   does/is he get sudo") or ends with "?";
 * - a condition or a deferral (a courtesy, "if you can", "if it's ok", is none): a subordinator in the clause after the grant ("when/once/if/after/
 *   until/unless/as soon as he …"), or the decision handed to someone else ("ask my wife",
 *   "up to X", "check with X", "X decides");
 * - a mention, not a use: the sudo word in quotes;
 * - a release: "the sudo can go", "sudo can be dropped", a hedge or a self-cancelling tail on the
 *   grant (", I guess", ", or not", ", I think", ", maybe").
 * The clause is said as "without sudo" (the account stays; the right is not given), which every
 * reader already takes; "sudo" in a clause of none of these shapes is read as before.
 *
 * Safety: this only ever takes a grant away (an account with root rights on a new shape only where
 * the words plainly give it); the person who meant it says "give bob sudo" once more.
 */

const SUDO = String.raw`(?:sudo|admin|administrator|root\s+rights|admin\s+rights|superuser|wheel)`;
const QUESTION_OPEN =
  /^\s*(?:and\s+|but\s+|so\s+)?(?:should|shall|can|could|would|will|may|might|must|does|do|is|are|did)\s+(?:he|she|they|him|her|them|it|we|i|[a-z]+)\s+(?:get|have|be|need|receive|also|really)\b/i;
const CONDITION = new RegExp(
  String.raw`\b${SUDO}\b[^,;.()]*?\b(?:when|whenever|once|if|after|until|till|unless|as\s+soon\s+as|only\s+after|but\s+only\s+(?:when|if|after))\s+(?!you\s+(?:can|could|may|would|dont\s+mind|please)\b|(?:it|that)(?:s|\s+is)\s+(?:ok|okay|possible|fine|alright)\b)(?:he|she|they|i|we|you|it|his|her|their|the|[a-z]+\s+(?:is|are|has|turns|gets|finishes|passes|learns))\b`,
  "i",
);
const HANDED = new RegExp(
  String.raw`\b${SUDO}\b\s*[:=-]?\s*(?:ask|check\s+with|up\s+to|depends\s+on|talk\s+to|let\s+me\s+ask|tbd\s+by|decided\s+by|(?:my\s+)?\w+\s+decides)\b`,
  "i",
);
const QUOTED = new RegExp(String.raw`["“”'‘’]\s*${SUDO}\s*["“”'‘’]`, "i");
const RELEASED = new RegExp(
  String.raw`\b(?:the\s+)?${SUDO}\s+(?:can|may|could|should|must|will)\s+(?:go|be\s+(?:dropped|removed|skipped|left\s+out|taken\s+away))\b`,
  "i",
);
const HEDGED_TAIL =
  /,?\s*(?:i\s+guess|i\s+think|i\s+suppose|maybe|or\s+not|or\s+no|not\s+sure|perhaps|probably|idk|dunno)\s*[.!?]*\s*$/i;

export function saySudoNotGranted(text: string): string {
  if (!new RegExp(String.raw`\b${SUDO}\b`, "i").test(text)) return text;
  const t = text.replace(/[’`]/g, "'");
  // a quote of the word: never a grant
  if (QUOTED.test(t)) return t.replace(new RegExp(QUOTED.source, "gi"), " (that word) ") + " without sudo";
  const parts = t.split(/((?:[,;.!()]|\?)+)/);
  let changed = false;
  const out = parts.map((p, i) => {
    if (i % 2 === 1 || !new RegExp(String.raw`\b${SUDO}\b`, "i").test(p)) return p;
    const mark = parts[i + 1] ?? "";
    // a question about who has the right ("who has sudo?") asks about the plan; only a question
    // said beside an account the turn creates is the grant left open
    const beside =
      /\b(?:create|add|make|new|user|account)\b/i.test(t) &&
      !/^\s*(?:who|what|which|how|where|why)\b/i.test(p);
    const question =
      (beside && QUESTION_OPEN.test(p)) ||
      (beside &&
        /\?/.test(mark) &&
        !/\b(?:with|w\/|create|add|make|give|grant|new)\b/i.test(p) &&
        // "sudo? yes": a question the person answers at once is their answer
        !/^\s*(?:yes|yep|yeah|yup|sure|y|ja|si|oui|of\s+course|definitely)\b/i.test(parts[i + 2] ?? ""));
    const notGiven =
      question ||
      CONDITION.test(p) ||
      HANDED.test(p) ||
      RELEASED.test(p) ||
      (/\b(?:give|make|grant|add)\b/i.test(p) && HEDGED_TAIL.test(`${p}${parts.slice(i + 1).join("")}`));
    if (!notGiven) return p;
    changed = true;
    // the account the clause names stays ("create bob with sudo when …" keeps "create bob")
    const head = p.replace(new RegExp(String.raw`\b(?:with\s+|w/\s*|and\s+|\+\s*)?${SUDO}\b.*$`, "i"), "");
    return /\b(?:create|add|make|new|user)\b/i.test(head) ? `${head} without sudo` : " without sudo";
  });
  return changed ? out.join("") : text;
}
