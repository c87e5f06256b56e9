import { isActionVerb, startsWithActionVerb } from "./actionVerbs.js";

/**
 * "never do these: erase sda, wipe sdc. install on sdb", "things to never do: 1. erase sda 2. erase
 * sdc", "forbidden: remove git. allowed: remove fd", "Do NOT remove:\n- git\n- fd\nRemove:\n- bat"
 * (attacker 10 H2, M1): the negation stood in a heading before a colon, so the items under it were
 * read as requests of their own: the Windows disk erased, git removed. A heading that refuses
 * refuses every item under it until the next heading: each item said as its own refusal ("do not
 * erase sda", "do not remove git", "keep git"); a heading that asks ("allowed:", "Remove:") says its
 * items as requests, its verb on each bare item. Only a turn with a refusing heading is rewritten.
 */

const NEGATING =
  /\b(?:not|never|don'?t|dont|do not|mustn'?t|shouldn'?t|can'?t|cannot|won'?t|forbidden|prohibited|banned|off[- ]limits|don'?ts|donts|dont'?s|no[- ]gos?|taboo|avoid|hands off|untouchable|leave alone|exclude|excluded|keep|preserve|spare|protect)\b/i;
/** A negation of a verb that is no action: the heading is a mood, not a refusal. */
const MOOD =
  /\b(?:care|mind|worry|worries|matter|bother|sure|know|problem|idea|kidding|joking|forget|hesitate|wait)\b/i;

/** Where a heading can start: the text's start, a line's start, a sentence's start. */
const HEADING = /(^|\n|[.!?;]\s+)[ \t]*(?:[-*•>#]+\s*)?\**([A-Za-z][A-Za-z'’ -]{0,60}?)\**\s*:(?!\/)[ \t]*/g;

const BULLET = /^\s*(?:[-*•+]|\d+[.)])\s+/;

interface Heading {
  start: number;
  bodyStart: number;
  words: string;
}

/** A line of its own with a list under it needs no colon: "Don'ts\n- remove git". */
const BARE_HEADING =
  /(^|\n)[ \t]*(?:#+\s*)?\**([A-Za-z][A-Za-z'’ -]{0,60}?)\**[ \t]*(?=\n\s*(?:[-*•+]|\d+[.)])\s)/g;

const BARE_REFUSAL =
  /^(?:(?:please\s+)?(?:do not|don'?t|dont|never|not|do NOT)(?:\s+ever)?(?:\s+(\w+))?|don'?ts|donts|dont'?s|forbidden|prohibited|banned|off[- ]limits|no[- ]gos?|taboo|avoid|keep|excluded?)$/i;

function bareRefusal(words: string): boolean {
  const m = BARE_REFUSAL.exec(words);
  return !!m && (m[1] === undefined || isActionVerb(m[1]));
}

function headings(text: string): Heading[] {
  const out: Heading[] = [];
  const found = [...text.matchAll(HEADING), ...text.matchAll(BARE_HEADING)].sort(
    (a, b) => a.index! - b.index!,
  );
  for (const m of found) {
    const words = m[2]!.trim();
    if (words.split(/\s+/).length > 8) continue;
    // "keep my C: drive": a drive letter's colon, not a heading
    if (/(?:^|\s)[A-Za-z]$/.test(words)) continue;
    // without a colon only a heading that is nothing but a refusal: "keep git\n- remove fd" is two requests
    if (!m[0].includes(":") && !bareRefusal(words)) continue;
    out.push({ start: m.index! + m[1]!.length, bodyStart: m.index! + m[0].length, words });
  }
  return out;
}

/** "only if it won't touch my Data drive: install on the nvme": a condition, the items its request. */
const CONDITION = /\b(?:if|unless|when|whenever|as long as|so long as|provided|only)\b/i;
/** "not yet: uninstall git": a step put off, which the deferral screen answers, not a refusal. */
const DEFERRAL = /\bnot (?:yet|now|today|right now)\b/i;
const refusing = (h: Heading): boolean =>
  NEGATING.test(h.words) && !MOOD.test(h.words) && !CONDITION.test(h.words) && !DEFERRAL.test(h.words);

/** A heading that asks for its items: "allowed", "do's", "Remove", "to install". */
const AFFIRMING =
  /^(?:allowed|ok|okay|fine|do'?s|dos|yes|to ?do|things to do|go ahead|please do|wanted|wants?|requests?)$/i;
const asking = (h: Heading): boolean =>
  !refusing(h) &&
  (AFFIRMING.test(h.words) ||
    (/^(?:(?:please|to|do)\s+)?[a-z]+$/i.test(h.words) && headingVerb(h) !== undefined));

/** The action verb a heading names ("Do NOT remove", "never erase"): said on each bare item. */
function headingVerb(h: Heading): string | undefined {
  return h.words
    .replace(/[’]/g, "'")
    .split(/[\s-]+/)
    .find((w) => isActionVerb(w));
}

/** Where a section's body ends: the next heading, or (inline) the sentence end, or (a list) its last item. */
function bodyEnd(text: string, h: Heading, next: number): number {
  const body = text.slice(h.bodyStart, next);
  if (body.startsWith("\n")) {
    // a list under the heading: its item lines
    let end = 0;
    const lines = body.split("\n");
    let pos = 0;
    for (const [i, line] of lines.entries()) {
      if (i > 0 && line.trim() && !BULLET.test(line)) break;
      pos += line.length + 1;
      if (line.trim()) end = pos - 1;
    }
    return h.bodyStart + (end || 0);
  }
  // inline: to the sentence end that is not a list number ("1. erase sda 2. erase sdc.")
  const re = /[.!?](?=\s+(?!\d+[.)]\s)|$)|\n(?!\s*(?:[-*•+]|\d+[.)])\s)/g;
  for (const m of body.matchAll(re)) {
    const before = body.slice(0, m.index);
    if (/(?:^|\s)\d+$/.test(before)) continue;
    return h.bodyStart + m.index!;
  }
  return next;
}

function items(body: string): string[] {
  return body
    .split("\n")
    .map((line) => line.replace(BULLET, ""))
    .flatMap((line) => line.split(/[,;]|\s\d+[.)]\s|[.!?](?:\s|$)/))
    .map((s) => s.replace(/^\s*(?:\d+[.)]\s+)?(?:and|or|also|then|&)?\s*/i, "").trim())
    .filter((s) => s && /[a-z0-9]/i.test(s));
}

function sayItem(item: string, refuse: boolean, verb: string | undefined): string {
  if (refuse) {
    if (startsWithActionVerb(item)) return `do not ${item}`;
    return verb ? `do not ${verb} ${item}` : `keep ${item}`;
  }
  if (startsWithActionVerb(item) || !verb) return item;
  return `${verb} ${item}`;
}

/**
 * A keep heading alone is a form the form lines already read ("- keep: samsung - keep: seagate -
 * target: crucial", "- keep: neovim\n- remove: fzf"); rewriting it lost the form's other keys. The
 * rewrite is for a turn where a heading negates.
 */
const KEEP_ONLY = /^(?:keep|preserve|spare|protect)\b/i;
const negating = (h: Heading): boolean => refusing(h) && !KEEP_ONLY.test(h.words);

export function sayRefusingHeadings(text: string): string {
  if (!/[:\n]/.test(text)) return text;
  const hs = headings(text);
  if (!hs.some(negating)) return text;
  let out = "";
  let pos = 0;
  for (const [i, h] of hs.entries()) {
    if (h.start < pos || !(refusing(h) || asking(h))) continue;
    const next = hs[i + 1]?.start ?? text.length;
    const end = bodyEnd(text, h, next);
    const said = items(text.slice(h.bodyStart, end)).map((it) => sayItem(it, refusing(h), headingVerb(h)));
    if (!said.length) continue;
    // each section a sentence of its own, so no negation reaches across a line into the next one
    out += `${text.slice(pos, h.start)}${said.join(". ")}${/^\s*[.!?]/.test(text.slice(end)) ? "" : "."}`;
    pos = end;
  }
  return out + text.slice(pos);
}
