import type { Disk } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";
import { resolveDisk } from "./disks.js";
import { type Token, tokenize } from "./text.js";
import { INSTALL_VERBS, REMOVE_VERBS } from "./vocab.js";

/**
 * A disk named in a statement about it, not in a request for it (dev h22k-127#1 "the little WD is
 * a keeper, I'm saving it for my photos", attacker 16 F4 "I like the Crucial"). The last reader
 * (objectFallback.ts) planned any blank disk a turn named with a verb it did not know, because an
 * erase of a blank disk loses nothing. But a statement names the disk as the thing it describes
 * or the speaker's feeling about it: "the WD is mine", "I bought the Seagate". Which disk the
 * person wants is then not said, and planning it can be the opposite of their wish.
 *
 * Two shapes, read by position, not by word lists of feelings:
 * - the disk is the SUBJECT: nothing but determiners and describing words before it, a form of
 *   "be" (or a verb of state) right after it, and a predicate that is not a choice ("the WD is the
 *   one", "the WD it is" stay picks);
 * - the speaker is the subject of a verb that does not express choice or wish ("I like the WD",
 *   "we bought the WD"); "I want / need / pick / take / choose / prefer / 'd like / 'll go with"
 *   is a request.
 * Such a turn gets the install offered, never planned: a yes takes it.
 */

const BEFORE_SUBJECT = new Set([
  "the",
  "my",
  "our",
  "that",
  "this",
  "his",
  "her",
  "their",
  "your",
  "a",
  "an",
  "little",
  "small",
  "big",
  "large",
  "old",
  "new",
  "other",
  "second",
  "first",
  "fast",
  "slow",
  "empty",
  "blank",
  "so",
  "well",
  "ok",
  "okay",
  "and",
  "oh",
]);

/** Forms of "be" and verbs of state: what follows describes the disk. */
const STATE_VERBS = new Set([
  "is",
  "'s",
  "s",
  "was",
  "are",
  "were",
  "isn't",
  "isnt",
  "wasn't",
  "stays",
  "remains",
  "looks",
  "seems",
  "feels",
  "belongs",
  "holds",
  "has",
  "had",
  "got",
  "came",
]);

/** Predicates that choose the disk: "is the one", "is fine", "it is", "is my pick". */
const CHOICE_PREDICATE =
  /^(?:(?:gonna|going\s+to|to)\s+be\s+)?(?:it|the\s+(?:one|target|winner|choice|pick|destination)|(?:my|our|the)\s+(?:pick|choice|target|vote)|fine|ok|okay|good|great|perfect|best|ideal|free|empty|blank|(?:the\s+)?(?:one\s+)?(?:for|where)\b.*)\b/i;

const SPEAKERS = new Set(["i", "we", "i've", "ive", "we've"]);

/** Verbs with which a speaker asks for a thing: the disk after them is a pick. */
const WISH_VERBS = new Set([
  // "i use the crucial, not the seagate" is how the rewrite says "i prefer the crucial over the seagate"
  "use",
  "put",
  "install",
  "want",
  "wanna",
  "need",
  "pick",
  "take",
  "choose",
  "chose",
  "prefer",
  "select",
  "'d",
  "d",
  "would",
  "'ll",
  "ll",
  "will",
  "go",
  "vote",
  "say",
  "mean",
  "meant",
  "guess",
  "think",
  "reckon",
  "suppose",
  "am",
  "'m",
  "m",
]);

function mentionSpan(tokens: readonly Token[], disk: Disk): { from: number; to: number } | undefined {
  const ctx = { mentioned: [], offered: [] };
  // the shortest run of tokens that names the disk on its own
  for (let len = 1; len <= Math.min(4, tokens.length); len++)
    for (let i = 0; i + len <= tokens.length; i++) {
      const r = resolveDisk(tokens.slice(i, i + len), [disk], ctx);
      if (r.kind === "one") return { from: i, to: i + len };
    }
  return undefined;
}

/**
 * The turn speaks of the system to install or of installing ("mount LevitateOS there", "linux
 * goes on it"): a statement about a disk beside it is the reason for the request, not all it says.
 */
const ASKS_INSTALL = /\b(?:levitate\w*|linux|install\w*|os|system)\b/i;

/** True when the turn names `disk` only in a statement about it (see above); `turn` is all it says. */
export function diskInStatement(tokens: readonly Token[], disk: Disk, turn: string): boolean {
  if (ASKS_INSTALL.test(turn)) return false;
  const span = mentionSpan(tokens, disk);
  if (!span) return false;
  const words = tokens.map((t) => t.norm);
  // the clause the mention is in: back to the last stop or comma
  let start = span.from;
  while (start > 0 && tokens[start - 1]!.kind !== "punct") start--;
  const before = words.slice(start, span.from);
  const next = words[span.to];
  if (before.every((w) => BEFORE_SUBJECT.has(w)) && next && STATE_VERBS.has(next)) {
    const rest = tokens
      .slice(span.to + 1)
      .map((t) => t.raw)
      .join(" ")
      .replace(/\s+([,.!;])/g, "$1");
    return !CHOICE_PREDICATE.test(rest.trim());
  }
  const speaker = before.findIndex((w) => SPEAKERS.has(w));
  if (speaker < 0) return false;
  const verbs = before.slice(speaker + 1).filter((w) => !BEFORE_SUBJECT.has(w));
  if (!verbs.length) return false;
  return !verbs.some((w) => WISH_VERBS.has(w));
}

/**
 * "the Crucial, let me think about it" (tester 20 D2): a disk named beside the speaker's own
 * deliberation is not chosen yet. The install is offered, never planned: the yes that comes when
 * they have thought it over takes it.
 */
export function deliberatedInstall(d: Decision, text: string): Decision {
  if (!("calls" in d) || !d.calls.length || !d.calls.every((c) => c.tool === "partitionDisk")) return d;
  const clauses = text
    .toLowerCase()
    .split(/[,.;:!?\n]+|\bbut\b|\band\b/)
    .map((c) =>
      tokenize(c)
        .filter((t) => t.kind === "word")
        .map((t) => t.norm),
    );
  if (!clauses.some((w) => speakerDeliberates(w))) return d;
  const disk = (d.calls[0] as Extract<PlanCall, { tool: "partitionDisk" }>).args.disk;
  return {
    reply: `Take your time. When you have decided, should I install onto ${disk}? (yes/no)`,
    offer: { calls: d.calls },
  };
}

/**
 * "let me think about it", "lemme check with my wife first" (tester 20 D2: "I like the Crucial but
 * let me think about it" erased the Crucial): the speaker is who acts, in a verb that is no
 * installer's act. "let me install it on the WD" asks for the install, so a verb the readers act
 * on keeps the clause.
 */
export function speakerDeliberates(w: readonly string[]): boolean {
  const at = w[0] === "lemme" ? 1 : w[0] === "let" && w[1] === "me" ? 2 : -1;
  if (at < 0) return false;
  const verb = w[at];
  if (!verb || INSTALL_VERBS.has(verb) || REMOVE_VERBS.has(verb) || ACTS.has(verb) || ALOUD.has(verb))
    return false;
  // what follows is only about the thinking ("about it", "with my wife first", "on it tonight");
  // "let me correct that homework: encrypted" goes on to say the change
  return w.slice(at + 1).every((x) => AFTER_THINKING.has(x));
}

/** Installer acts said after "let me" ("let me use the WD"). */
const ACTS = new Set(["use", "erase", "wipe", "format", "create", "make", "set", "put"]);
/** "let me guess, ...", "let me see... the WD": thinking aloud before the answer, no deliberation. */
const ALOUD = new Set(["guess", "see"]);
const AFTER_THINKING = new Set([
  ..."it this that them about on over first for a bit minute moment sec second while with my our the".split(
    " ",
  ),
  ..."wife husband partner boss family team dad mum mom kids and get back to you later tonight tomorrow".split(
    " ",
  ),
  ..."again more some time do then please pls real quick".split(" "),
]);
