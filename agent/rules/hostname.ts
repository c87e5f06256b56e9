import { HOSTNAME_PATTERN } from "../../tools/setHostname.js";
import { machineNamedFrame } from "./machineNaming.js";
import { placeAt } from "./places.js";
import { type Token, tokenize } from "./text.js";
import { hasAny, hasPhrase, STOP, splitClauses, words } from "./tokens.js";
import {
  FILESYSTEMS,
  HOST_WORDS,
  KEYBOARD_WORDS,
  LOCALE_WORDS,
  MACHINE_WORDS,
  OTHER_FILESYSTEMS,
  TIME_WORDS,
  VOCABULARY,
} from "./vocab.js";

/** Words that may open a clause before "host": "k. host x", "and host x". */
const CLAUSE_OPENERS = new Set(["and", "also", "k", "ok", "okay", "then", "plus", "oh", "the"]);

/** The index of a hostname value after "host" at `at` ("host x", "host is x", "host: x"). */
function hostValueAfter(w: readonly string[], at: number): number | undefined {
  let j = at + 1;
  if (["is", ":", "=", "should", "will"].includes(w[j] ?? "")) j++;
  if (w[j] === "be") j++;
  const v = w[j];
  if (v === undefined || STOP.has(v) || !new RegExp(HOSTNAME_PATTERN).test(v)) return undefined;
  return j;
}

/**
 * "hostname vm1 utc", "host casa, italian keyboard, rome": the words after the hostname's value
 * are a clause of their own (a time zone, a keyboard), never part of the name.
 */
export function splitAfterHostname(clauses: Token[][]): Token[][] {
  const out: Token[][] = [];
  for (const c of clauses) {
    if (!hostSignal(c)) {
      out.push(c);
      continue;
    }
    const name = extractHostname(c);
    const at =
      name === undefined
        ? -1
        : c.findIndex((t) => t.raw.toLowerCase().replace(/^["'`]|["'`]$/g, "") === name);
    const rest = at >= 0 ? c.slice(at + 1) : [];
    if (
      at >= 0 &&
      rest.some((t) => t.kind === "word") &&
      placeAt(
        rest.filter((t) => t.kind !== "punct"),
        0,
      )
    ) {
      out.push(c.slice(0, at + 1), rest);
    } else out.push(c);
  }
  return out;
}

export function hostSignal(tokens: readonly Token[], current?: string): boolean {
  if (hasAny(tokens, HOST_WORDS)) return true;
  // "your machine shall be called attic", "el equipo se llama lucia" (machineNaming.ts)
  if (machineNamedFrame(tokens, current) !== undefined) return true;
  // "the machine: ares", "computer name: ares"
  const colon = tokens.findIndex((t) => t.norm === ":");
  const label = tokens.slice(Math.max(0, colon - 2), colon);
  // "system language: ..." labels a setting of the machine, not its name
  const setting = (t: Token) =>
    LOCALE_WORDS.has(t.norm) || KEYBOARD_WORDS.has(t.norm) || TIME_WORDS.has(t.norm);
  // "for priya's machine: ripgrep, jq", "on the kids' pc: bat": whose machine, not its name
  const owned =
    label.some((t) => /'/.test(t.raw)) ||
    tokens.slice(0, colon).some((t) => ["for", "on", "onto", "in"].includes(t.norm));
  if (colon > 0 && label.some((t) => MACHINE_WORDS.has(t.norm)) && !label.some(setting) && !owned)
    return true;
  const w = words(tokens);
  if (hasPhrase(tokens, "host name")) return true;
  // "host db-03", "k. host dana-laptop", "host is devstation": "host" said for the hostname, at
  // the start of its clause with a value after it
  const at = w.indexOf("host");
  if (at >= 0 && w.slice(0, at).every((x) => CLAUSE_OPENERS.has(x)) && hostValueAfter(w, at) !== undefined)
    return true;
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (
      (x === "call" || x === "name" || x === "rename") &&
      w.slice(i + 1, i + 4).some((y) => MACHINE_WORDS.has(y))
    )
      return true;
    if ((x === "call" || x === "name" || x === "rename") && w[i + 1] === "it") return true;
    if (MACHINE_WORDS.has(x) && ["called", "named", "name"].includes(w[i + 1] ?? "")) return true;
    // "this box is going to be called hydra", "the laptop will be named nova"
    if (
      MACHINE_WORDS.has(x) &&
      ["this", "the", "my", "our", "a"].includes(w[i - 1] ?? "") &&
      w.slice(i + 1, i + 7).some((y) => y === "called" || y === "named")
    )
      return true;
    if (MACHINE_WORDS.has(x) && w[i + 1] === "should" && ["be", "called"].includes(w[i + 2] ?? ""))
      return true;
  }
  return false;
}

export const CHANGE_VERBS = new Set(["change", "make", "set", "switch", "turn", "rename", "call", "update"]);

export function extractHostname(tokens: readonly Token[], current?: string): string | undefined {
  // a naming frame says outright which word is the name (machineNaming.ts)
  const framed = machineNamedFrame(tokens, current);
  if (framed) return framed;
  const w = tokens.map((t) => t.norm);
  const skip = new Set([
    "to",
    "be",
    "is",
    "as",
    "called",
    "named",
    "should",
    "the",
    "this",
    "my",
    "it",
    "set",
    "change",
    "name",
    "call",
    "rename",
    "new",
    "host",
    "hostname",
    "of",
    "will",
    ":",
    "=",
    "a",
    "please",
    "our",
    "just",
    "actually",
    // "let's go with zephyr", "this box is going to be called hydra", "make it nova"
    "something",
    "maybe",
    "perhaps",
    "say",
    "how",
    "about",
    "let",
    "us",
    "go",
    "going",
    "gonna",
    "with",
    "make",
    "use",
    "i",
    "we",
    "would",
    "like",
    "want",
    "now",
    "from",
    "on",
    "instead",
    "rather",
    "that",
    "then",
    "ok",
    "okay",
    // "Hostname I am giving as sharma-dev", "the name I picked is nova": the speaker's verb of
    // choosing between the setting and its value, never the value (dev25-mixed h24m-019 set "am")
    "am",
    "im",
    "giving",
    "give",
    "gave",
    "given",
    "picked",
    "pick",
    "chose",
    "chosen",
    "choose",
    "choosing",
    "prefer",
    "want",
    "wanted",
    "decided",
    "thought",
    "thinking",
    "of",
    "keeping",
  ]);
  let start = w.findIndex(
    (x, i) =>
      HOST_WORDS.has(x) ||
      (x === "host" && (w[i + 1] === "name" || hostValueAfter(w, i) !== undefined)) ||
      ((x === "call" || x === "name" || x === "rename") && i + 1 < w.length) ||
      MACHINE_WORDS.has(x),
  );
  // "change that to stratus": the value follows the change verb
  if (start < 0) start = w.findIndex((x) => CHANGE_VERBS.has(x));
  if (start < 0) return undefined;
  const stated = statedValue(tokens, start);
  if (stated) return stated;
  for (let j = start + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    const prevNorm = tokens[j - 1]?.norm ?? "";
    const machineNoun =
      MACHINE_WORDS.has(t.norm) &&
      (["this", "the", "my", "our", "call", "name", "rename"].includes(prevNorm) || j === start);
    if (skip.has(t.norm) || machineNoun || t.kind === "punct") continue;
    if (t.norm === "please") continue;
    const name = t.raw.toLowerCase().replace(/^["'`]|["'`]$/g, "");
    if (new RegExp(HOSTNAME_PATTERN).test(name)) return name;
    return undefined;
  }
  return undefined;
}

/** "must be", "has to be", "needs to be", "shall be": how the value is introduced. */
const MODALS = new Set([
  "must",
  "shall",
  "has",
  "have",
  "needs",
  "need",
  "ought",
  "got",
  "gotta",
  "can",
  "could",
]);

/**
 * The value a hostname phrase states outright, wherever filler sits before it: "the computer name
 * must be 'atelier'", "hostname has to be acme-lt-0042", "the machine name is for the lab:
 * lab-pc3". After "be" the next word is the value; after a colon, the word right behind it.
 */
function statedValue(tokens: readonly Token[], start: number): string | undefined {
  const valueAt = (j: number) => {
    const t = tokens[j];
    if (t?.kind !== "word" || STOP.has(t.norm) || MACHINE_WORDS.has(t.norm)) return undefined;
    const name = t.raw.toLowerCase().replace(/^["'`]|["'`]$/g, "");
    return new RegExp(HOSTNAME_PATTERN).test(name) ? name : undefined;
  };
  for (let j = start + 1; j < tokens.length - 1; j++) {
    const t = tokens[j]!;
    // "must be X", "has to be X", "needs to be X"
    if (t.norm === "be" && MODALS.has(tokens[j - 1]?.norm ?? "") && valueAt(j + 1)) return valueAt(j + 1);
    if (t.norm === "be" && tokens[j - 1]?.norm === "to" && MODALS.has(tokens[j - 2]?.norm ?? ""))
      return valueAt(j + 1);
    // "the machine name is for the lab: lab-pc3": a colon after words that are not the value
    if (t.norm === ":" && j > start + 2) return valueAt(j + 1);
  }
  return undefined;
}

/** Words beside a corrected hostname that say nothing of it: "mars is fine", "hermes then". */
const AROUND_VALUE = new Set([
  "is",
  "fine",
  "ok",
  "okay",
  "then",
  "instead",
  "either",
  "please",
  "pls",
  "one",
  "the",
  "just",
  "rather",
  "better",
  "good",
  // "runner-01, with a dash", "sorry, runner-01": how the name is spelled, not part of it
  "with",
  "a",
  "dash",
  "hyphen",
  "sorry",
]);
/** "scrap that — runner-01", "scratch that, tower2": the take-back before the new name. */
const TAKE_BACK =
  /^(?:(?:no|nah|oh|ok|hmm+|actually|wait)\s+)*(?:scrap|scratch|undo|forget|cancel|drop)\s+(?:that|it|this)\b/;

/** The clause without a take-back that opens it ("scrap that — runner-01": the dash is no token). */
function withoutTakeBack(c: readonly Token[]): readonly Token[] {
  const m = TAKE_BACK.exec(words(c).join(" "));
  if (!m) return c;
  let skip = m[0].split(" ").length;
  return c.filter((t) => t.kind !== "word" || skip-- <= 0);
}
const REFUSAL = new Set(["not", "no", "nope", "nah", "never"]);
const REASON_START = new Set(["that", "thats", "its", "it", "i", "because", "since", "cause"]);

/**
 * "hm no, tower2", "actually not desk, desk-01", "hmm not zeus either. hermes", "wait, not pluto,
 * that's my other box. mars is fine" right after a hostname was set: the one new name the turn
 * gives is the hostname. Clauses that refuse a name or give a reason are set aside; anything
 * else (a verb, a second value) leaves the turn to the parser.
 */
export function hostnameCorrection(text: string, clauses: readonly (readonly Token[])[]): string | undefined {
  const values: Token[][] = [];
  for (const clause of clauses) {
    const c = withoutTakeBack(clause);
    const w = words(c);
    if (!w.length) continue;
    if (w.some((x) => REFUSAL.has(x)) || REASON_START.has(w[0]!)) continue;
    const rest = c.filter((t) => t.kind !== "punct" && !AROUND_VALUE.has(t.norm));
    if (rest.length) values.push(rest);
  }
  if (values.length !== 1) return undefined;
  const v = values[0]!;
  const raw = text.slice(v[0]!.start, v.at(-1)!.end).toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(raw) || !new RegExp(HOSTNAME_PATTERN).test(raw)) return undefined;
  return raw;
}

/**
 * The hostname a follow-up gives (see hostnameCorrection), when it is no program, place, keyword
 * or filler. `afterTakeBack`: the take-back handed the value over with its verb ("call box-one").
 */
export function hostnameFollowUp(
  text: string,
  tokens: readonly Token[],
  afterTakeBack: boolean,
  isProgram: (t: Token) => boolean,
): string | undefined {
  const value = afterTakeBack ? tokens.filter((t) => !CHANGE_VERBS.has(t.norm)) : tokens;
  const h = hostnameCorrection(text, splitClauses(value));
  if (!h) return undefined;
  const t = tokenize(h);
  if (isProgram(t[0]!)) return undefined;
  if (t.length === 1 && (placeAt(t, 0) || VOCABULARY.includes(h) || STOP.has(h))) return undefined;
  // "zfs pls", "ok xfs then" after "call it zeus": a filesystem word is a filesystem, never the
  // machine's name (tester 26 W2); the filesystem readers answer it
  if (t.length === 1 && (FILESYSTEMS.has(h) || OTHER_FILESYSTEMS.has(h))) return undefined;
  return h;
}

/**
 * "scrap that — runner-01", "scratch that, tower2" after a hostname was set: the words after the
 * take-back give a new name (returned), so the turn may correct the hostname rather than drop it.
 */
export function renamesHost(text: string): string | undefined {
  return hostnameCorrection(text, splitClauses(tokenize(text)));
}
