/**
 * Words the user quotes or reports, taken out before any reader looks for a request (attacker 5,
 * F11 and F3): "i would never say erase /dev/sda", "the manual says: erase /dev/sda", `my friend
 * said "wipe sda"`, an erase in a code block, `install "remove git"`, `install ripgrep # remove
 * git`, `$(recipe remove git)`. None of them asks for what the quoted words say; read as a request,
 * each erased or removed the opposite of what was asked.
 *
 * Only spans that carry a destructive or privileged word are taken out (a quoted hostname or user
 * name stays), and they become `(quoted words)`, so the rest of the sentence still reads. A quote
 * said on its own is the user saying it, the way a reply teaches ('say "erase /dev/sda, I don't
 * need what's on it"'); advice the user takes up ("he said i should ...") is theirs too.
 */

const CHARGED =
  /\b(?:eras|wip(?:e|ing)|format|nuk|remov|uninstall|delet|purg|rm\b|wipefs|mkfs|dd\b|overwrit|reformat|zap|destroy|sudo|admin|wheel|pacman|apt|dnf|recipe\s)/i;

const QUOTED = "(quoted words)";

/** Code blocks, inline code, command substitutions and shell comments: never a request. */
const CODE: RegExp[] = [
  /```[\s\S]*?(?:```|$)/g,
  /`[^`\n]*`/g,
  /\$\([^)\n]*\)?/g,
  // a shell comment: `#` after a space or at a line's start, to the end of the line
  /(?:^|(?<=\s))#\s[^\n]*/gm,
];

/** Double quotes, and single quotes that open after a space (so "don't ... it's" pairs nothing). */
const QUOTES: RegExp[] = [/"[^"\n]*"/g, /(?<=^|[\s(:,])'[^'\n]*'(?=$|[\s).,;:!?])/g];

/**
 * A charged quote is reported when a reporting verb comes before it in its clause (`my friend said
 * "wipe sda"`), and is a name when an install verb takes it (`install "remove git"`). Elsewhere a
 * quote names a thing the user asks for ("do it like ubuntu's 'erase disk and install'") and stays.
 */
const BEFORE_QUOTE =
  /(?:\b(?:says|said|say|writes|wrote|typed|tells me|told me|suggests|suggested|recommends|recommended|claims|claimed|reads)\b[^,.;!?\n]*|\b(?:install|add|get)\s*)$/i;

const REPORTING =
  /\b(?:says|said|writes|wrote|typed|tells me|told me|told us|suggests|suggested|recommends|recommended|claims|claimed|say)\b\s*[:,]?/gi;

/** "would never", "wouldn't", "i'd", "did not": the user's own saying, hypothetical or denied. */
const HYPOTHETICAL =
  /\b(?:would|wouldn'?t|wouldnt|'d|never|not|n't|didn'?t|didnt|could|might|won'?t|wont)\s*$/i;

/** A span from a reporting verb to the end of its sentence, when the speaker is not the user asking. */
function withoutReported(text: string): string {
  let out = "";
  let at = 0;
  for (const m of text.matchAll(REPORTING)) {
    const start = m.index ?? 0;
    if (start < at) continue;
    const sentenceStart = Math.max(
      0,
      ...[".", "!", "?", ";", "\n"].map((c) => text.lastIndexOf(c, start - 1) + 1),
    );
    const subject = text.slice(sentenceStart, start).trim().toLowerCase();
    const verb = m[0].trim().toLowerCase().replace(/[:,]$/, "");
    const rest = text.slice(start + m[0].length);
    const hypothetical = HYPOTHETICAL.test(subject);
    // what the user would never say runs to the sentence's end ("..., I don't need what's on it")
    const end = rest.search(hypothetical ? /[.!?;\n]|\bbut\b/i : /[.!?;,\n]|\bbut\b/i);
    const span = end < 0 ? rest : rest.slice(0, end);
    // a question ("should I say ...?", "what happens if I say ...") is answered as a question
    const isQuestion = end >= 0 && rest[end] === "?";
    // "as the wiki says, erase sda": the user follows it; "i said wipe it": the user insists
    const follows = /^(?:as|like|just like|per)\b/.test(subject);
    const ownWords = /^(?:i|we|like i|as i|i already|i just)$/.test(subject);
    const reported = verb === "say" ? hypothetical : hypothetical || (!ownWords && subject !== "");
    // "he said i should have a user walter with admin", "told me to": advice the user takes up;
    // "he said the samsung must not be deleted": a keep, which every reader should still see
    const advice =
      /^\s*(?:(?:i|you|we)\s+(?:should|must|need|can|could|ought|have to|might)\b|to\b|me to\b)/i.test(span);
    const negated = /\b(?:not|never|no|don'?t|dont|doesn'?t|shouldn'?t|mustn'?t|can'?t|won'?t)\b|n't\b/i.test(
      span,
    );
    if (isQuestion || follows || !reported || advice || (negated && !hypothetical) || !CHARGED.test(span))
      continue;
    out += `${text.slice(at, start + m[0].length).trimEnd()} ${QUOTED}`;
    at = start + m[0].length + span.length;
  }
  return out + text.slice(at);
}

/** The words with every quoted, coded or reported span that carries a destructive word taken out. */
export function withoutQuotedRequests(text: string): string {
  let t = text;
  for (const re of CODE) t = t.replace(re, (s) => (CHARGED.test(s) ? QUOTED : s));
  for (const re of QUOTES)
    t = t.replace(re, (s, ...rest) => {
      const whole = rest.at(-1) as string;
      const offset = rest.at(-2) as number;
      return CHARGED.test(s) && BEFORE_QUOTE.test(whole.slice(0, offset).trimEnd()) ? QUOTED : s;
    });
  return withoutReported(t);
}
