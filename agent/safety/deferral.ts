import type { Facts } from "../../facts/schema.js";

/**
 * "not yet, I ask priya first", "noch nicht, ich muss erst sichern", "not now, I'll check with my
 * wife first": the plan is fine but its time has not come. That is a pause, never a no: read as `{confirm: false}` it threw the whole plan
 * away, and the person who only wanted to copy files first had to say it all again. A real no
 * ("nah not yet", "no, not now") and a request after it ("not yet, also fzf", "not yet, I want a
 * swap of 8G") are read as before.
 */

const LEAD =
  /^(?:(?:ok(?:ay)?|hmm+|hm|um+|uh+|well|so|oh|wait|hold on|hang on|one sec(?:ond)?|just a (?:sec|second|moment|minute)|sorry)\b[\s,.!;:…-]*)*/i;

const NOT_YET =
  /^(?:not\s+yet|not\s+now|not\s+today|not\s+right\s+now|noch\s+nicht|nicht\s+jetzt|jetzt\s+nicht|pas\s+encore|pas\s+maintenant|todav[ií]a\s+no|a[uú]n\s+no|ainda\s+n[aã]o|agora\s+n[aã]o|non\s+ancora|jeszcze\s+nie|nog\s+niet)\b[\s,.!;:…-]*/i;

/** A reason about the speaker: "I ask priya first", "I must copy files first", "let me check". */
const SPEAKER =
  /^(?:ich\b|je\b|j'|yo\b|tengo\b|i\b|i'll\b|i'm\b|im\b|ill\b|let\s+me\b|first\b|need\s+to\b|must\b|gotta\b)/i;

/** Words that ask for something in the plan even inside a reason: "I want also a swap". */
const ASKS_FOR =
  /\b(?:also|too|swap|btrfs|ext4|xfs|encrypt\w*|sudo|admin|hostname|keyboard|timezone)\b|\d|\?/i;

/** A pause said before the "not yet": "hold on, not yet", "wait, not yet", "one sec, not now". */
const PAUSED =
  /\b(?:wait|hold\s+on|hang\s+on|one\s+sec(?:ond)?|a\s+sec(?:ond)?|just\s+a\s+(?:sec|second|moment|minute))\b/i;

export function isDeferral(text: string, facts: Facts): boolean {
  const lead = LEAD.exec(text.trim())?.[0] ?? "";
  let rest = text.trim().slice(lead.length);
  const m = NOT_YET.exec(rest);
  if (!m) return false;
  rest = rest.slice(m[0].length).trim();
  // a bare "not yet" stays the no it always was (dev2 expects it); a reason, or a pause said
  // before it ("hold on, not yet": the person holds the plan, they do not refuse it), makes it a
  // pause. Both keep the plan and run nothing: the pause only says so without a no.
  if (!rest) return PAUSED.test(lead);
  if (!SPEAKER.test(rest) || ASKS_FOR.test(rest)) return false;
  const words = new Set(rest.toLowerCase().split(/[^a-z0-9_-]+/));
  const named = [...facts.recipes, ...facts.installed].some((r) => words.has(r.toLowerCase()));
  const disk = facts.disks.some((d) => words.has(d.path.replace(/^\/dev\//, "")));
  return !named && !disk;
}
