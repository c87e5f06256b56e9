import type { Facts } from "../../facts/schema.js";
import { besidesThatAt } from "../besidesThat.js";
import { COUNTRIES, KEYMAP_WORDS, LANGUAGES, ZONE_WORDS, zoneOfCity } from "./locales.js";
import { stickIsVerb } from "./stickVerb.js";
import { closest, editDistance, NUMBER_WORDS, type Token, tokenize } from "./text.js";
import { COMMON, CORRECTION_WORDS, OTHER_FILESYSTEMS, VOCABULARY } from "./vocab.js";

export const ABBREV: Record<string, string> = {
  usr: "user",
  pls: "please",
  plz: "please",
  teh: "the",
  adn: "and",
  nad: "and",
  u: "you",
  ur: "your",
  im: "i",
  acct: "account",
  "w/": "with",
  w: "with",
  btw: "by the way",
  hostnmae: "hostname",
  tz: "timezone",
  // contracted requests: "gimme fish and starship" is "give me ..." (a request frame the readers know)
  gimme: "give me",
  lemme: "let me",
};

export const ALIASES: Record<string, string> = {
  rg: "ripgrep",
  nvim: "neovim",
  vim: "neovim",
  "fd-find": "fd",
  fdfind: "fd",
  batcat: "bat",
  exa: "eza",
  "git-delta": "delta",
  "du-dust": "dust",
  hx: "helix",
  z: "zoxide",
};

/** Words that are never a username, hostname or recipe candidate. */
export const STOP = new Set([
  "a",
  "an",
  "the",
  "please",
  "me",
  "my",
  "mine",
  "i",
  "we",
  "you",
  "can",
  "could",
  "would",
  "will",
  "to",
  "for",
  "of",
  "on",
  "onto",
  "into",
  "in",
  "at",
  "with",
  "and",
  "also",
  "too",
  "as",
  "well",
  "just",
  "some",
  "is",
  "be",
  "am",
  "are",
  "was",
  "should",
  "must",
  "let",
  "lets",
  "do",
  "does",
  "then",
  "now",
  "new",
  "called",
  "named",
  "name",
  "call",
  "rename",
  "create",
  "make",
  "set",
  "up",
  "setup",
  "change",
  "switch",
  "use",
  "have",
  "has",
  "like",
  "need",
  "want",
  "so",
  "ok",
  "okay",
  "yes",
  "no",
  "not",
  "it",
  "that",
  "this",
  "these",
  "those",
  "them",
  "him",
  "her",
  "he",
  "she",
  "they",
  "his",
  "their",
  "its",
  "there",
  "here",
  "one",
  "ones",
  "own",
  "by",
  "from",
  "off",
  "out",
  "anymore",
  "again",
  "instead",
  "actually",
  "rather",
  "wait",
  "hmm",
  "sorry",
  "oh",
  "ah",
  "hey",
  "hi",
  "hello",
  "thanks",
  "thank",
  "same",
  "both",
  "all",
  "every",
  "each",
  "everyone",
  "everything",
  "give",
  "get",
  "got",
  "add",
  "install",
  "put",
  "only",
  "more",
  "another",
  "other",
  "too",
  "either",
  "neither",
  "what",
  "which",
  "who",
  "how",
  "why",
  "where",
  "when",
  "if",
  "or",
  "but",
  "because",
  "really",
  "maybe",
  "quick",
  "quickly",
  "tool",
  "tools",
  "program",
  "programs",
  "package",
  "packages",
  "app",
  "apps",
  "recipe",
  "recipes",
  "software",
  "utility",
  "command",
  "version",
  "latest",
  "rights",
  "right",
  "access",
  "privileges",
  "permissions",
  "root",
  "full",
  "shell",
  "group",
  "groups",
  "person",
  "son",
  "daughter",
  "wife",
  "husband",
  "kid",
  "kids",
  "child",
  "friend",
  "brother",
  "sister",
  "mom",
  "mum",
  "dad",
  "father",
  "mother",
  "partner",
  "colleague",
  "guy",
  "girl",
  "boy",
  "also",
  "first",
  "second",
  "last",
  "whole",
  "entire",
  "bigger",
  "smaller",
  "larger",
  "big",
  "small",
  "fast",
  "faster",
  "better",
  "good",
  "nice",
  "great",
  "cool",
  "vs",
  "via",
  "yet",
  "still",
  "take",
  "keep",
  "without",
  "never",
  "nor",
  "skip",
  "done",
  "go",
  "ahead",
  "sure",
  "fine",
]);

/** What people call the system being installed. */
export const OS_WORDS = new Set(["linux", "levitateos", "levitate", "os", "system", "distro"]);

export const FILLERS = new Set(["please", "thanks", "thank", "pls", "kindly"]);

/** Words after which a name follows. */
export const NAME_ANCHORS = new Set([
  "user",
  "users",
  "named",
  "called",
  "account",
  "username",
  "for",
  "call",
  "name",
]);

/** "other then the 870", "other then git": a "then" with something after it to rule out, no next step. */
function otherThen(raw: readonly Token[], then: Token): boolean {
  const next = raw[raw.indexOf(then) + 1];
  return (
    next?.kind === "word" &&
    !/^(?:install|use|put|erase|wipe|format|add|create|make|set|give|remove|i|we|you)$/.test(next.norm)
  );
}

export function normalizeTokens(text: string, facts: Facts): Token[] {
  const raw = tokenize(text);
  const out: Token[] = [];
  const known = new Set([
    ...facts.recipes,
    ...facts.installed,
    ...facts.users,
    ...Object.keys(LANGUAGES),
    ...Object.keys(COUNTRIES),
    ...Object.keys(ALIASES),
    ...OTHER_FILESYSTEMS,
    ...Object.keys(ZONE_WORDS),
    ...Object.keys(KEYMAP_WORDS),
  ]);
  const vocab = new Set(VOCABULARY);
  // Index in `out` of the last word read in a name's place: "users ana and luis" lists names.
  let lastName = -10;
  const programs = new Set([...facts.recipes, ...facts.installed]);
  const settingNext = beforeUserSetting(raw);
  const rawWords = raw.filter((x) => x.kind === "word");
  const asides = besidesThat(raw);
  for (const t of raw) {
    const aside = asides.get(t);
    if (aside === null) continue;
    if (aside !== undefined) {
      out.push({ ...t, norm: aside });
      continue;
    }
    if (t.kind !== "word") {
      // "w/o sudo": "without", never a path
      out.push(t.kind === "path" && /^w\/o$/i.test(t.norm) ? { ...t, kind: "word", norm: "without" } : t);
      continue;
    }
    // "rip grep", "lazy git": a program's name typed as two words
    const prevTok = out.at(-1);
    if (
      prevTok?.kind === "word" &&
      programs.has(prevTok.norm + t.norm) &&
      !programs.has(prevTok.norm) &&
      !programs.has(t.norm)
    ) {
      out[out.length - 1] = { ...prevTok, raw: prevTok.raw + t.raw, norm: prevTok.norm + t.norm, end: t.end };
      continue;
    }
    // "any disk other then the 870": "than" typed as "then", an exclusion (tester 12 D2)
    if (t.norm === "then" && prevTok?.norm === "other" && otherThen(raw, t)) {
      out.push({ ...t, norm: "than" });
      continue;
    }
    // "stick it on the nvme", "stick linux in the empty bit": the verb of placing (stickVerb.ts)
    if (
      t.norm === "stick" &&
      stickIsVerb(
        rawWords.map((x) => x.norm),
        rawWords.indexOf(t),
      )
    ) {
      out.push({ ...t, norm: "put" });
      continue;
    }
    const ab = ABBREV[t.norm];
    if (ab) {
      const parts = ab.split(" ");
      for (const p of parts) out.push({ ...t, norm: p });
      continue;
    }
    let norm = t.norm;
    const before = out.at(-1);
    const listed =
      before !== undefined && (before.norm === "and" || before.norm === ",") && lastName === out.length - 2;
    if ((before !== undefined && NAME_ANCHORS.has(before.norm)) || listed) lastName = out.length;
    if (
      !vocab.has(norm) &&
      !known.has(norm) &&
      // "rome time" is a city, never "home"
      zoneOfCity(norm) === undefined &&
      !COMMON.has(norm) &&
      !STOP.has(norm) &&
      !NUMBER_WORDS.has(norm) &&
      norm.length >= 4
    ) {
      // Against keywords first; a recipe name typo is handled where recipes are matched.
      const prev = out.at(-1);
      // A word in a name's place is a name as typed: "user mike" is not "user like", nor is
      // "Timo" in the middle of a sentence "time".
      const named =
        lastName === out.length ||
        (prev !== undefined && NAME_ANCHORS.has(prev.norm)) ||
        (prev !== undefined && /^[A-Z][a-z]/.test(t.raw)) ||
        settingNext.has(t) ||
        // "two users: hume", "user: kant": the colon after an account word opens the names
        (prev?.norm === ":" && ACCOUNT_ANCHORS.has(out.at(-2)?.norm ?? ""));
      const kw = named ? undefined : closest(norm, VOCABULARY);
      const recipe = closest(norm, [...facts.recipes, ...facts.installed]);
      const lang = closest(norm, [...Object.keys(LANGUAGES), ...Object.keys(COUNTRIES)]);
      if (kw && !recipe) norm = kw;
      // Four-letter words are too often names ("ivan" is not "iran").
      else if (
        lang &&
        !recipe &&
        !kw &&
        // "user imran" is imran, never "iran": right after an account word a name is as typed
        !(named && ACCOUNT_ANCHORS.has(prev?.norm === ":" ? (out.at(-2)?.norm ?? "") : (prev?.norm ?? ""))) &&
        norm.length >= 5 &&
        (norm.length >= 8 || editDistance(norm, lang, 1) <= 1)
      )
        // two typos only in long words: "testing" is not "cestina"
        norm = lang;
    }
    out.push({ ...t, norm });
  }
  return out;
}

/** The words for an account, after which a word is a person's name as typed. */
const ACCOUNT_ANCHORS = new Set(["user", "users", "username", "account", "accounts", "named", "called"]);

/** Words that say whether a person gets sudo, as typed (before any correction). */
const PRIVILEGE = new Set(["sudo", "admin", "admins", "root", "wheel", "administrator"]);
const ACCOUNT_KINDS = new Set([...PRIVILEGE, "normal", "regular", "standard", "plain", "basic", "limited"]);

/**
 * Words right before what a person gets ("and mike without", "add mike, no sudo", "mike as
 * admin", "mike with sudo"): they stand in a name's place, so "mike" is never corrected to "make".
 */
function beforeUserSetting(raw: readonly Token[]): Set<Token> {
  const out = new Set<Token>();
  const ws = raw.filter((t) => t.kind === "word");
  for (let i = 0; i + 1 < ws.length; i++) {
    const next = ws[i + 1]!.norm;
    const then = ws[i + 2]?.norm;
    const endsAfter =
      raw.indexOf(ws[i + 1]!) === raw.length - 1 || raw[raw.indexOf(ws[i + 1]!) + 1]?.kind === "punct";
    // "mike as a normal user", "make mike an admin"
    const kind = ["a", "an"].includes(then ?? "") ? ws[i + 3]?.norm : then;
    if (
      (next === "without" && (endsAfter || PRIVILEGE.has(then ?? ""))) ||
      (["with", "no", "not"].includes(next) && PRIVILEGE.has(then ?? "")) ||
      (["as", "an", "a"].includes(next) && (PRIVILEGE.has(then ?? "") || ACCOUNT_KINDS.has(kind ?? "")))
    )
      out.add(ws[i]!);
  }
  return out;
}

export function words(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.kind !== "punct").map((t) => t.norm);
}

export function hasAny(tokens: readonly Token[], set: ReadonlySet<string>): boolean {
  return tokens.some((t) => set.has(t.norm));
}

export function hasPhrase(tokens: readonly Token[], phrase: string): boolean {
  const w = words(tokens).join(" ");
  return ` ${w} `.includes(` ${phrase} `);
}

/** Splits at punctuation and at conjunctions; "and" inside "one and a half" stays. */
// ("anywhere but sda": a place that excepts a disk, attacker 10 M2: split, "sda" was the request)
const ANY_WORDS = new Set([
  "anything",
  "everything",
  "any",
  "all",
  "whatever",
  "whichever",
  "anywhere",
  "wherever",
]);

export function splitClauses(tokens: readonly Token[]): Token[][] {
  const clauses: Token[][] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const isAnd = t.norm === "and" && !(next?.norm === "a" && tokens[i + 2]?.norm === "half");
    const boundary =
      // A colon introduces a value ("hostname: atlas", "timezone: Asia/Seoul"); it splits nothing.
      (t.kind === "punct" && t.norm !== "(" && t.norm !== ")" && t.norm !== ":") ||
      isAnd ||
      t.norm === "then" ||
      t.norm === "plus" ||
      t.norm === "&" ||
      // "anything but the 1tb", "any disk but the samsung": an exclusion, not a second clause
      (t.norm === "but" &&
        prev !== undefined &&
        !ANY_WORDS.has(prev.norm) &&
        // "any filesystem but ext4", "whatever disk but the samsung": any noun after "any"
        !(ANY_WORDS.has(tokens[i - 2]?.norm ?? "") && prev.kind === "word")) ||
      (t.norm === "also" && prev !== undefined && prev.norm !== "and");
    if (boundary) {
      if (clauses.at(-1)!.length) clauses.push([]);
      continue;
    }
    clauses.at(-1)!.push(t);
  }
  return clauses.filter((c) => c.length > 0);
}

/** Words that negate what follows them, contractions typed without the apostrophe included. */
const NEGATING = new Set([
  "not",
  "no",
  "without",
  "never",
  "skip",
  "dont",
  "doesnt",
  "shouldnt",
  "wont",
  "cant",
  "mustnt",
]);

export function isNegated(tokens: readonly Token[], index: number): boolean {
  for (let i = Math.max(0, index - 3); i < index; i++) {
    const n = tokens[i]!.norm;
    // "remove tmux, no actually remove htop": a "no" that takes back what came before negates nothing after it
    if (n === "no" && CORRECTION_WORDS.has(tokens[i + 1]?.norm ?? "")) continue;
    if (NEGATING.has(n)) return true;
  }
  return false;
}

/**
 * "Other than that" read as "besides that" (agent/besidesThat.ts) becomes "also" (after
 * "nothing": "else"), so no disk reader takes it as an exclusion. Returns, per token, the norm to
 * use, or null to leave the token out.
 */
function besidesThat(raw: readonly Token[]): Map<Token, string | null> {
  const out = new Map<Token, string | null>();
  const w = raw.map((t) => (t.kind === "punct" ? "," : t.norm));
  for (let i = 0; i + 2 < raw.length; i++) {
    const aside = besidesThatAt(w, i);
    if (!aside) continue;
    out.set(raw[i]!, aside);
    out.set(raw[i + 1]!, null);
    out.set(raw[i + 2]!, null);
  }
  return out;
}
