import type { Decision } from "../../tools/decision.js";

/**
 * "no keep fedora", "no no keep ubuntu", "no - keep windows", "nope pls keep my files": a "no" and
 * then what to keep, typed without the comma (hurried user 10, D0). Read as it stood, "no keep"
 * negated the keep ("don't keep fedora"): the protection was let go, and my own offer ("Fedora
 * stays, so I won't erase the disk ... shall I use the free space?") turned into the erase it had
 * just refused. Someone who answers with "no" and a keep refuses what was said before and keeps the
 * thing; "don't keep X" is never said that way. Said plainly here, once, before any reader
 * (agent/conversation.ts): the comma goes back in. Only after an earlier turn (the "no" answers
 * something) and only when a keep-like verb follows, so "no sudo for ana" stays as typed.
 */
const NO_THEN_KEEP = new RegExp(
  String.raw`^\s*((?:no+|nah+|nope|nay|nein|non)(?:[\s,.!-]+(?:no+|nah+|nope))*)[\s.!-]+` +
    String.raw`(?=(?:(?:just|please|pls|plz|pleas|i\s+said|i\s+want\s+to|i\s+wanna|i\s+need\s+to|we\s+need\s+to|you\s+(?:should|must|can|have\s+to))\s+)?` +
    String.raw`(?:keep|kep|keeep|leave|spare|save|preserve|protect|dont\s+touch|don'?t\s+touch|do\s+not\s+touch)\b)`,
  "i",
);

export function sayNoThenKeep(text: string, last: Decision | undefined): string {
  if (!last) return text;
  const m = NO_THEN_KEEP.exec(text);
  if (!m) return text;
  return `${m[1]}, ${text.slice(m[0].length)}`;
}

/**
 * "Do you mean steam?" "yes, just not git"; "Do you mean tmux?" "no, fzf" (hurried user 10, D6):
 * a yes or a no to my guess at a program, with a correction attached. Read as they stood, the
 * yes went and the correction was the request ("Added: install git", the program refused), and
 * "no, fzf" read as "no fzf" ("I won't install fzf"). Said plainly: the yes is the guessed
 * program and the rest beside it ("add steam, not git"); the no with programs after it is those
 * programs ("add fzf"). Only right after a guess that offered only installs.
 */
const YES_LEAD =
  /^\s*(?:yes|yeah|yep|yup|sure|ok(?:ay)?|y|ya)\b[\s,.!:-]*(?:(?:just|but|and|only|also|plus)\b[\s,]*)?/i;
const NO_LEAD =
  /^\s*(?:no+|nope|nah)\b[\s,.!:-]*(?:(?:i\s+)?(?:meant?|want(?:ed)?|said)\s+|it'?s\s+|its\s+|the\s+|rather\s+|instead\s+)*/i;

export function sayOfferCorrection(
  text: string,
  last: Decision | undefined,
  recipes: readonly string[],
): string {
  if (!last || !("reply" in last) || !last.offer || !/\bDo you mean\b[^?]*\?/.test(last.reply)) return text;
  const guessed = last.offer.calls.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
  if (!guessed.length || guessed.length !== last.offer.calls.length) return text;
  const programs = new Set(recipes.map((r) => r.toLowerCase()));
  const yes = YES_LEAD.exec(text);
  if (yes) {
    const rest = text.slice(yes[0].length).trim();
    const w = rest.toLowerCase().match(/[a-z0-9][a-z0-9._+-]*/g) ?? [];
    // "yes please", "yes thanks": nothing beside the yes
    if (!w.some((x) => programs.has(x) && !guessed.includes(x))) return text;
    return `add ${guessed.join(" and ")}, ${rest.replace(/^(?:just|but|only)\s+/i, "")}`;
  }
  const no = NO_LEAD.exec(text);
  if (no) {
    const rest = text
      .slice(no[0].length)
      .trim()
      .replace(/[.!]+$/, "");
    const w = rest
      .toLowerCase()
      .split(/\s*(?:,|\band\b|\bor\b|\+|&)\s*|\s+/)
      .filter(Boolean);
    if (w.length && w.every((x) => programs.has(x)) && !w.some((x) => guessed.includes(x)))
      return `add ${w.join(" and ")}`;
  }
  return text;
}
