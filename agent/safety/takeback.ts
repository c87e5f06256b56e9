import { type Token, tokenize } from "../rules/text.js";
import { INSTALL_VERBS, REMOVE_VERBS } from "../rules/vocab.js";

/**
 * "remove git, actually no", "install btop and tmux, no wait just tmux", "wipe sda, never mind":
 * a take-back inside one turn cancels everything said before it in that turn. Read here, before
 * any backend sees the words, so no parser or model can act on a request the user withdrew.
 *
 * A take-back needs something before it: a turn that starts with "no wait" or "actually" corrects
 * the previous turn, and that is the backend's to read. "actually" alone is a discourse marker,
 * never a take-back; "actually no" / "wait no" take back only when nothing follows the "no" in its
 * clause ("actually no sudo for vince" refuses sudo, it withdraws nothing).
 */
export interface TakeBack {
  /** The words withdrawn, as typed. */
  before: string;
  /** What the user says instead (may be empty). */
  after: string;
}

/** Phrases that withdraw what came before, whatever follows them. */
const ALWAYS: readonly string[][] = [
  ["never", "mind"],
  ["nevermind"],
  ["nvm"],
  ["scratch", "that"],
  ["forget", "that"],
  ["forget", "it"],
  ["cancel", "that"],
  ["undo", "that"],
  ["take", "that", "back"],
  ["i", "take", "it", "back"],
  ["no", "wait"],
  ["wait", "no", "wait"],
  ["on", "second", "thought"],
  ["on", "second", "thoughts"],
  ["no", "no"],
  ["i", "mean"],
  ["i", "meant"],
  ["or", "rather"],
  ["make", "that"],
];
/** Phrases that withdraw only when their clause ends with them ("remove git, actually no"). */
const AT_CLAUSE_END: readonly string[][] = [
  ["actually", "no"],
  ["actually", "nope"],
  ["actually", "not"],
  ["wait", "no"],
  ["oh", "no"],
  ["no"],
  ["nope"],
  ["nah"],
  ["dont"],
  ["do", "not"],
];
/**
 * Phrases that withdraw only as the turn's last words: "remove helix. actually no dont" (the
 * apostrophe-less "don't" after a no). Followed by more ("no wait dont, my thesis is on there"),
 * the words after them are read with them.
 */
const AT_TURN_END: readonly string[][] = [
  ["no", "dont"],
  ["no", "do", "not"],
  ["actually", "dont"],
];

const WORDY = new Set(["word", "number", "path"]);
const ANSWER = new Set(["no", "nope", "nah", "yes", "yeah", "yep", "sure"]);
/** Words that carry no request: "hmm, no" answers a question, it takes nothing back. */
const FILLER = new Set([
  "hmm",
  "hm",
  "ok",
  "okay",
  "oh",
  "well",
  "uh",
  "um",
  "so",
  "yes",
  "yeah",
  "yep",
  "actually",
  "wait",
  "sorry",
  "please",
  "pls",
  "no",
  "nope",
  "nah",
]);

function matches(tokens: readonly Token[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((p, k) => tokens[at + k]?.kind === "word" && tokens[at + k]?.norm === p);
}

/** Verbs that make the words after a take-back a request of their own ("no wait, keep it"). */
const VERBS = new Set([
  ...INSTALL_VERBS,
  ...REMOVE_VERBS,
  "use",
  "wipe",
  "erase",
  "format",
  "set",
  "create",
  "make",
  "call",
  "name",
  "keep",
  "leave",
  "change",
  "switch",
]);
/** A subject that opens a sentence of the user's own, never an object ("i will", "we", "ill"). */
const SPEAKER = new Set(["i", "we", "ill", "ive", "id", "im"]);
/** Words that stay with the verb when the object is replaced ("create user", "install on the"). */
const VERB_TAIL = new Set(["user", "account", "on", "onto", "to", "hostname", "the", "a", "an", "up"]);

/** Short words around a take-back that carry no request ("actually", "sorry", "oh"). */
const MARKERS = new Set([
  "actually",
  "sorry",
  "oops",
  "oh",
  "wait",
  "hmm",
  "no",
  "ah",
  "well",
  "i",
  "mean",
  "meant",
]);

export function readTakeBack(text: string): TakeBack | undefined {
  const t = readTakeBackRaw(text);
  if (!t?.after) return t;
  // "add ripgrep, fd, and bat. no wait not bat": only the named object is taken back
  const less = withoutNamed(t.before, t.after);
  if (less !== undefined) return { before: t.before, after: less };
  // "user ops with sudo, shell /bin/zsh... no, bash": a shell said alone after the take-back
  // replaces the shell said last before it, and only that; the account, its grant and the rest of
  // the turn were not what the "no" was about (dev26 h25m-009: the whole turn was withdrawn and
  // "bash" read as the hostname)
  const shell = shellCorrected(t);
  if (shell !== undefined) return shell;
  // "remove ripgrep, no wait, fd": the object alone takes the withdrawn object's place
  const after = tokenize(t.after).filter((x) => x.kind !== "punct");
  if (after.length > 5 || after.some((x) => VERBS.has(x.norm))) return t;
  // "erase it... actually no. I'll shrink windows first": what the user will do is no object
  if (SPEAKER.has(after[0]?.norm ?? "") || (after[0]?.norm === "let" && after[1]?.norm === "me")) return t;
  const before = tokenize(t.before);
  const verb = before.findIndex((x) => VERBS.has(x.norm));
  if (verb < 0) return t;
  let end = verb + 1;
  while (end < before.length && VERB_TAIL.has(before[end]!.norm)) end++;
  return {
    before: t.before,
    after: `${t.before.slice(before[verb]!.start, before[end - 1]!.end)} ${t.after}`,
  };
}

/** A login shell by name or path: "zsh", "/bin/zsh", "/usr/bin/fish". */
const SHELL = /^(?:\/(?:usr\/)?bin\/)?(?:bash|zsh|fish|sh|dash|ksh|tcsh|nu|nushell)$/;

/**
 * The turn with its last shell replaced by the shell said after the take-back ("shell /bin/zsh...
 * no, bash"), as a take-back of that shell alone; undefined unless both are shells and the words
 * before end with the shell replaced.
 */
function shellCorrected(t: TakeBack): TakeBack | undefined {
  const after = tokenize(t.after).filter((x) => x.kind !== "punct" && !MARKERS.has(x.norm));
  if (after.length !== 1 || !SHELL.test(after[0]!.norm)) return undefined;
  const before = tokenize(t.before);
  const last = before.findLast((x) => x.kind !== "punct");
  if (!last || !SHELL.test(last.norm) || !/\bshell\b/i.test(t.before)) return undefined;
  return {
    before: t.before.slice(last.start, last.end),
    after: `${t.before.slice(0, last.start)}${after[0]!.raw}${t.before.slice(last.end)}`,
  };
}

/** Words that join the objects of a list; dangling once an object is taken out. */
const JOINERS = new Set(["and", "or", "plus", "also", "too", "&"]);

/**
 * The request before a take-back without the objects the take-back names ("not bat", "not bat
 * or fd"): undefined when the take-back says more than that, or names what was not said.
 */
function withoutNamed(before: string, after: string): string | undefined {
  const rest = tokenize(after).filter((x) => x.kind !== "punct");
  let k = 0;
  while (MARKERS.has(rest[k]?.norm ?? "") && rest[k]?.norm !== "no") k++;
  if (!["not", "no", "except", "without"].includes(rest[k]?.norm ?? "")) return undefined;
  const object = rest.slice(k + 1).filter((x) => !["the", "and", "or", "nor", "either"].includes(x.norm));
  const said = tokenize(before);
  if (!object.length || !object.every((x) => said.some((y) => y.norm === x.norm))) return undefined;
  const drop = new Set(object.map((x) => x.norm));
  const kept = said.filter((x) => !drop.has(x.norm));
  // "add ripgrep , fd , and" → "add ripgrep , fd"
  while (kept.length && (kept.at(-1)!.kind === "punct" || JOINERS.has(kept.at(-1)!.norm))) kept.pop();
  if (!kept.some((x) => VERBS.has(x.norm)) || kept.filter((x) => x.kind !== "punct").length < 2)
    return undefined;
  return kept.map((x) => x.raw).join(" ");
}

function readTakeBackRaw(text: string): TakeBack | undefined {
  const tokens = tokenize(text);
  // "no, actually keep it, never mind", "yes … no": an answer to a question, read as one
  const first = tokens.find((t) => t.kind === "word")?.norm ?? "";
  if (ANSWER.has(first)) return undefined;
  // The last take-back wins: "install vim, no wait helix, no wait micro" means micro.
  for (let i = tokens.length - 1; i > 0; i--) {
    const before = tokens.slice(0, i);
    if (!before.some((t) => WORDY.has(t.kind) && !FILLER.has(t.norm))) continue;
    // A take-back starts a clause: after punctuation, or at a word that cannot continue the
    // request before it ("remove git actually no").
    const boundary = tokens[i - 1]!.kind === "punct";
    const always = ALWAYS.find((p) => matches(tokens, i, p));
    // "don't forget it", "no need to cancel that": the phrase is the object of what came before
    const governed = ["not", "dont", "never", "to"].includes(tokens[i - 1]!.norm);
    if (always && !governed && (boundary || always.length > 1)) {
      const rest = tokens.slice(i + always.length);
      return cut(text, before, rest);
    }
    // "remove ripgrep... actually not ripgrep, fd": "not" and the very words just said, then the
    // replacement
    if (boundary) {
      let k = i;
      while (MARKERS.has(tokens[k]?.norm ?? "") && tokens[k]?.kind === "word") k++;
      if (tokens[k]?.norm === "not") {
        const said = new Set(before.map((x) => x.norm));
        let j = k + 1;
        while (j < tokens.length && j <= k + 3 && tokens[j]!.kind !== "punct") j++;
        const object = tokens.slice(k + 1, j).filter((x) => x.norm !== "the");
        const rest = tokens.slice(j);
        if (
          object.length &&
          object.every((x) => said.has(x.norm)) &&
          rest[0]?.kind === "punct" &&
          rest.some((x) => x.kind !== "punct")
        )
          return cut(text, before, rest);
        // "add ripgrep and btop, actually not btop": that object out, the rest stands
        if (object.length && object.every((x) => said.has(x.norm)) && !rest.some((x) => x.kind !== "punct"))
          return cut(text, before, tokens.slice(k));
      }
    }
    // "erase sda. no keep it. erase the nvme", "remove ripgrep? nah, leave that one": a no that
    // keeps what was just named withdraws the request on it; the keep is read as a protection
    // (agent/safety/read.ts binds "it" to what this turn named before it).
    // (without punctuation too: "erase sda no keep it erase nvme")
    if (boundary || ["no", "nah", "nope"].includes(tokens[i]!.norm)) {
      const kept = keepsItAt(tokens, i);
      if (kept !== undefined) return cut(text, before, tokens.slice(kept));
    }
    const last = AT_TURN_END.find(
      (p) => matches(tokens, i, p) && tokens.slice(i + p.length).every((x) => x.kind === "punct"),
    );
    if (last) return cut(text, before, tokens.slice(i + last.length));
    for (const end of AT_CLAUSE_END.filter((p) => matches(tokens, i, p))) {
      const rest = tokens.slice(i + end.length);
      const closed = rest.length === 0 || rest[0]!.kind === "punct";
      // A bare "no"/"don't" takes back only after punctuation: "remove git, no"; with a two-word
      // phrase the boundary is the phrase itself ("remove git actually no").
      if (closed && (boundary || end.length > 1)) return cut(text, before, rest);
    }
  }
  return undefined;
}

const REFUSAL = new Set(["no", "nah", "nope", "actually", "wait", "hmm", "oh", "oops", "sorry", "ugh"]);
const KEEP_IT = new Set(["keep", "leave", "spare"]);
const IT = new Set(["it", "that", "this", "them", "those"]);

/**
 * Where the words after a "no … keep it" at `i` end ("no keep it", "nah, leave that one alone",
 * "no wait keep that"), or undefined when the words at `i` are not one. A "no" must open it: "keep
 * it" alone after a request is a request of its own.
 */
function keepsItAt(tokens: readonly Token[], i: number): number | undefined {
  let k = i;
  let refused = false;
  while (k < tokens.length && (tokens[k]!.kind === "punct" || REFUSAL.has(tokens[k]!.norm))) {
    if (["no", "nah", "nope"].includes(tokens[k]!.norm)) refused = true;
    k++;
  }
  if (!refused || !KEEP_IT.has(tokens[k]?.norm ?? "") || !IT.has(tokens[k + 1]?.norm ?? "")) return undefined;
  k += 2;
  while (
    ["one", "disk", "drive", "alone", "as", "is", "please", "pls", "instead"].includes(tokens[k]?.norm ?? "")
  )
    k++;
  // "… no keep it erase nvme": a request verb starts the next request even without punctuation
  return k >= tokens.length || tokens[k]!.kind === "punct" || VERBS.has(tokens[k]!.norm) ? k : undefined;
}

function cut(text: string, before: readonly Token[], rest: readonly Token[]): TakeBack {
  const first = rest.findIndex((t) => t.kind !== "punct");
  return {
    before: text.slice(0, before.findLast((t) => t.kind !== "punct")!.end).trim(),
    after: first < 0 ? "" : text.slice(rest[first]!.start).trim(),
  };
}
