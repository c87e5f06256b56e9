/**
 * A yes or a no said in more than one sentence: "I've read the plan. yes, go", "Yes, proceed.\n\n
 * Dennis", "fine, crucial it is. go", "Nie, jednak nie teraz. Anuluj.". People confirm with a
 * remark and then a go word, and sign their messages. A turn answers the pending plan (or the
 * open offer) when it is made of sentences that are a yes (or a no) and sentences that carry no
 * request: no disk, program, user, locale, hostname or size, no negation or protection word, no
 * open question. A remark that names what the plan already holds (its disk, its programs) agrees
 * with it; one that names anything else, protects the plan's target or asks something is no
 * answer, and the turn is read as the request or question it is.
 *
 * Only the sentence structure is new here: what a yes or a no sentence is stays with yesNo
 * (agent/yesno.ts) and readAnswer (agent/rules/answer.ts). The caller (agent/turn.ts) routes the
 * answer exactly as a bare "yes": an open offer takes it as the offered calls, a question of mine
 * stays open, and only then is the plan confirmed.
 */
import type { Facts } from "../facts/schema.js";
import { readAnswer } from "./rules/answer.js";
import { resolveDisk } from "./rules/disks.js";
import { CITIES, COUNTRIES, LANGUAGES } from "./rules/locales.js";
import { nearRecipe } from "./rules/recipes.js";
import { NUMBER_WORDS } from "./rules/text.js";
import { normalizeTokens } from "./rules/tokens.js";
import type { ConversationView } from "./types.js";
import { type YesNoOptions, yesNo } from "./yesno.js";

/** Words that ask for something by themselves: a remark holding one is a request, not a remark. */
const REQUEST_WORDS =
  /\b(?:host\s*name|hostname|host|names?|named|call|called|locale|language|keyboard|keymap|layout|time\s*zone|timezone|zone|users?|accounts?|passwords?|passwd|sudo|admin|root|wheel|groups?|encrypt\w*|luks|btrfs|ext4|xfs|f2fs|swap|home|install\w*|add|adding|remove|removing|uninstall|delete|drop|use|using|put|set|change|switch|create|give|also|plus|replace|skip|another|extra|more|less|size|sized|bigger|smaller|larger|dual|boot|recipe|package|program|app|apps)\b/i;

/** Words that keep, refuse, protect or narrow something ("just micro. that's it" is an edit): never beside a yes that runs the plan. */
const NEGATION_WORDS =
  /\b(?:not|no|never|nothing|none|nobody|n't|dont|don't|doesnt|isnt|wont|cant|keep|keeping|kept|leave|leaving|spare|save|protect\w*|preserve|stay|stays|staying|hold|wait|careful|backups?|photos?|pictures?|files?|data|important|precious|stop|cancel|instead|rather|except|but|without|only|just|solely|merely|alone|exclusively|minus|sans|wrong|mistake|whoa|woah|unless|if)\b/i;

/** Negation in the languages the no words above come from. */
const SAYS_NO =
  /(?:\b(?:not|no|never|nothing|dont|don't|nie|nicht|kein|pas|non|nao|não|ikke|inte|niet|tidak|nahi)\b|n't\b)/i;

/** Words that keep or explain keeping something: beside a no they are an edit, not a cancel. */
const KEEP_WORDS =
  /\b(?:keep|keeping|kept|leave|leaving|spare|save|protect\w*|preserve|stay|stays|staying|hold|backups?|photos?|pictures?|files?|data|media|library|uses?|used|needs?|needed|misspoke|mistake|meant|mean|instead|rather|only|just|except|but|without)\b/i;

/** Words that point at a disk, a part of one or a system on one: said beside a yes, they must be the plan's. */
const DISK_WORDS =
  /\b(?:disk|disks|drive|drives|ssd|hdd|nvme\w*|sd[a-z]\d*|vd[a-z]\d*|mmcblk\w*|one|other|first|second|third|last|usb|stick|partition\w*|windows|win\d*|macos|ubuntu|fedora|debian|arch|gb|tb|gib|tib|mb)\b/i;
/** A disk named only by its kind: "the disk", "my drive", "this ssd". */
const GENERIC_DISK = /\b(?:the|a|my|this|that|our|your)\s+(?:disk|drive|ssd|hard\s*(?:disk|drive)|hdd)\b/g;
const WHOLE_WORDS = /\b(?:whole|entire|all of it|erase|erasing|wipe|wiping|format|nuke|clean|fresh)\b/i;
const FREE_WORDS = /\b(?:free|space|unallocated|alongside|beside|next to|empty part|rest of)\b/i;

/** Yes words that open a sentence as easily as they agree: a turn whose only yes they are runs nothing. */
const WEAK = new Set([
  "ok",
  "okay",
  "k",
  "fine",
  "sure",
  "alright",
  "right",
  "good",
  "great",
  "cool",
  "nice",
  "perfect",
]);

/** No words that pause or keep rather than cancel. */
const WEAK_NO = new Set([
  "wait",
  "hold",
  "on",
  "hang",
  "up",
  "off",
  "keep",
  "leave",
  "it",
  "that",
  "a",
  "sec",
  "second",
  "moment",
  "minute",
  "hmm",
  "oh",
  "uh",
  "um",
  "ok",
  "okay",
  "then",
  "just",
]);

/** Sounds of hesitation or dismay that say nothing about the plan. */
const INTERJECTION = /^(?:u+g+h+|h+m+|u+m+|u+h+m?|e+r+m*|e+h+|m+e+h+|welp|oof|sigh|a+h+|o+h+|meh)$/;

/** Everything kept as it is: "leave everything as it is", "leave it all", "keep things as they are". */
const KEEP_ALL =
  /^(?:(?:ok(?:ay)?|so|then|just)\s+)*(?:leave|keep)\s+(?:everything|it\s+all|all\s+of\s+it|all|things|it)(?:\s+(?:as\s+(?:it\s+is|they\s+are|is)|alone|be|the\s+way\s+(?:it\s+is|they\s+are)|untouched))?(?:\s+(?:then|please|pls|for\s+now))*$/;

interface Sentence {
  text: string;
  asks: boolean;
}

/** The turn's sentences and clauses: parted by line breaks, sentence marks, commas, dashes and SQL comments. */
function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const m of text.matchAll(/([^\n.!?;,…]+|[.!?;,…\n]+)/g)) {
    const piece = m[0];
    if (/^[.!?;,…\n\s]+$/.test(piece)) {
      if (piece.includes("?") && out.length) out[out.length - 1]!.asks = true;
      continue;
    }
    // " / " parts the lines of a poem or a list typed on one line ("Autumn wind whispers / yes")
    for (const part of piece.split(/\s+-{1,2}\s+|\s+—\s+|\s+\/+\s+/)) {
      const t = part.trim();
      if (t) out.push({ text: t, asks: false });
    }
  }
  return out;
}

function plannedDisk(conv: ConversationView): { disk: string; use?: string } | undefined {
  for (const c of conv.pending) {
    if (c.tool !== "partitionDisk") continue;
    const a = c.args as { disk?: string; use?: string };
    if (a.disk) return { disk: a.disk, use: a.use };
  }
  return undefined;
}

function plannedNames(conv: ConversationView): Set<string> {
  const out = new Set<string>();
  for (const c of conv.pending) {
    const a = c.args as Record<string, unknown>;
    for (const k of ["name", "username"])
      if (typeof a[k] === "string") out.add((a[k] as string).toLowerCase());
  }
  for (const c of conv.offer?.calls ?? []) {
    const a = c.args as Record<string, unknown>;
    for (const k of ["name", "username"])
      if (typeof a[k] === "string") out.add((a[k] as string).toLowerCase());
  }
  return out;
}

/** The disk a remark names is the plan's, said the plan's way ("fine, crucial it is", "it's the 2TB one"). */
function agreesOnDisk(text: string, conv: ConversationView, facts: Facts): boolean {
  const plan = plannedDisk(conv);
  if (!plan) return false;
  const found = resolveDisk(normalizeTokens(text, facts), facts.disks, { mentioned: [], offered: [] });
  if (found.kind !== "one" || found.disk.path !== plan.disk) return false;
  if (WHOLE_WORDS.test(text) && plan.use !== "whole") return false;
  if (FREE_WORDS.test(text) && plan.use !== "free") return false;
  return true;
}

/**
 * A remark beside a yes (or a no): true when it carries nothing the plan does not already hold.
 * Beside a no, a remark that names anything at all, or keeps something, is the edit it says
 * ("no, keep tmux", "hmm no, forget sam", "wait, brussels"), never a cancel of the whole plan.
 */
function carriesNothing(text: string, yes: boolean, conv: ConversationView, facts: Facts): boolean {
  const lower = text.toLowerCase().replace(/[’]/g, "'");
  const words = lower.split(/[^a-z0-9_.+'-]+/).filter(Boolean);
  // "ugh.", "hmm", "welp": a sound alone is no remark about anything
  if (words.length && words.every((w) => INTERJECTION.test(w))) return true;
  // "no then, leave everything as it is": beside a no, keeping everything names nothing to edit;
  // it is the no said again (what it keeps is the whole machine, which a no leaves as it is)
  if (!yes && KEEP_ALL.test(lower)) return true;
  if (yes ? NEGATION_WORDS.test(lower) : KEEP_WORDS.test(lower)) return false;
  if (REQUEST_WORDS.test(lower)) return false;
  const planned = yes ? plannedNames(conv) : new Set<string>();
  if (!yes && words.some((w) => plannedNames(conv).has(w))) return false;
  // beside a no, only a remark that says no again ("I do not want it now", "jednak nie teraz") is
  // part of the no; "no, Vienna" is the change it names
  if (!yes && !SAYS_NO.test(lower)) return false;
  const programs = new Set([...facts.recipes, ...facts.installed].map((r) => r.toLowerCase()));
  const people = new Set(facts.users.map((u) => u.toLowerCase()));
  for (const w of words) {
    if ((programs.has(w) || people.has(w)) && !planned.has(w)) return false;
    // "ripgrp. go": a typo of a program not planned names it as surely as its spelling
    const near = nearRecipe(w, [...programs]);
    if (near && !planned.has(near) && !planned.has(w)) return false;
    if (w in LANGUAGES || w in COUNTRIES || w in CITIES) return false;
  }
  // "leaves fall on the disk" beside "yes, proceed with everything": a disk said only by its kind
  // noun, in a remark that asks for nothing (no tool word above, nothing added with "too"), picks
  // no disk and plans nothing. Beside a yes it is no request: the yes runs the plan as it stands,
  // and a remark can never add an erase to it. Anything that tells one disk from another (a
  // size, a model, a position, "whole", "free") still makes the remark a request.
  // ("yes. the disk", "yes, on the drive" are all about the disk: still a request)
  const rest = lower
    .replace(GENERIC_DISK, " ")
    .replace(/\b(?:on|onto|in|into|to|at|for|with|of|then|please|now)\b/g, " ");
  const kindOnly = yes && !/\b(?:too|as well|and|or)\b/.test(lower) && /[a-z]{2}/.test(rest);
  const said = kindOnly ? lower.replace(GENERIC_DISK, " ") : lower;
  const saidWords = said.split(/[^a-z0-9_.+'-]+/).filter(Boolean);
  const modelWords = new Set(
    facts.disks
      .flatMap((d) => `${d.model} ${d.path}`.toLowerCase().split(/[^a-z0-9]+/))
      .filter((m) => m.length >= 3),
  );
  const namesDisk =
    /\d/.test(said) ||
    saidWords.some((w) => w.split("-").some((x) => NUMBER_WORDS.has(x))) ||
    DISK_WORDS.test(said) ||
    WHOLE_WORDS.test(said) ||
    FREE_WORDS.test(said) ||
    saidWords.some((w) => modelWords.has(w)) ||
    // a vendor the facts' model string leaves out ("the crucial" for a CT1000P3)
    resolveDisk(normalizeTokens(said, facts), facts.disks, { mentioned: [], offered: [] }).kind !== "absent";
  return !namesDisk || (yes && agreesOnDisk(text, conv, facts));
}

function answerOf(text: string, facts: Facts, options: YesNoOptions): boolean | undefined {
  const yn = yesNo(text, options);
  if (yn !== undefined) return yn;
  if (/\d/.test(text)) return undefined;
  return readAnswer(normalizeTokens(text, facts));
}

/**
 * true or false when the turn, sentence by sentence, is a yes or a no to what is pending;
 * undefined when any sentence asks for something, names something outside the plan, or asks.
 */
export function readAnswerTurn(
  conv: ConversationView,
  facts: Facts,
  options: YesNoOptions = {},
): boolean | undefined {
  if (!conv.pending.length && !conv.offer) return undefined;
  const parts = sentences(conv.user);
  if (parts.length < 2) return undefined;
  const answers = parts.map((p) => answerOf(p.text, facts, options));
  let yes = 0;
  let strongYes = 0;
  let no = 0;
  let strongNo = 0;
  for (const [i, p] of parts.entries()) {
    const a = answers[i];
    // "Proceed? Yes, proceed.": a go word asked and answered in the same breath; any other
    // question is open, and a turn that asks is no answer
    if (p.asks && !(a === true && answers.slice(i + 1).some((b) => b === true))) return undefined;
    if (a === true) {
      yes++;
      if (
        !p.text
          .toLowerCase()
          .split(/[^a-z']+/)
          .filter(Boolean)
          .every((w) => WEAK.has(w) || INTERJECTION.test(w) || w === "then" || w === "now" || w === "just")
      )
        strongYes++;
    } else if (a === false) {
      no++;
      // "no", "cancel", "anuluj" cancel; "wait", "hold on", "leave it" alone only pause or keep
      if (
        !p.text
          .toLowerCase()
          .split(/[^a-z']+/)
          .filter(Boolean)
          .every((w) => WEAK_NO.has(w))
      )
        strongNo++;
    }
  }
  // "ugh ok. no then": an "ok" that only takes note, beside a plain no, is no yes; the no answers
  if (yes && no && !strongYes && strongNo) yes = 0;
  if (yes && no) return undefined;
  if (!yes && !no) return undefined;
  for (const [i, p] of parts.entries())
    if (answers[i] === undefined && !carriesNothing(p.text, yes > 0, conv, facts)) return undefined;
  if (no) return strongNo ? false : undefined;
  // "the nvme, ok": only a word that plainly says go runs the plan beside a remark
  return strongYes ? true : undefined;
}
