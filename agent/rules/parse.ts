import { HOSTNAME_PATTERN } from "../../tools/setHostname.js";
import { formatSize, GiB, MiB, TiB } from "../../tools/size.js";
import type { ToolName } from "../../tools/types.js";
import type { ConversationView, PlanCall } from "../backend.js";
import type { Decision } from "../decision.js";
import type { Disk, Facts } from "../facts/schema.js";
import { callProblem, yesNo } from "../turn.js";
import { readAnswer } from "./answer.js";
import { describeDisk, listDisks, resolveDisk } from "./disks.js";
import { readReplacement, readVerbs } from "./grammar.js";
import {
  COUNTRIES,
  canonicalLocale,
  canonicalZone,
  KEYMAP_WORDS,
  knownLocales,
  LANGUAGES,
  ZONE_WORDS,
  zoneOfCity,
} from "./locales.js";
import {
  closest,
  findSizes,
  NUMBER_WORDS,
  type SizeMention,
  sizeBytes,
  type Token,
  tokenize,
} from "./text.js";
import {
  COMMON,
  CORRECTION_WORDS,
  DISK_WORDS,
  FILESYSTEMS,
  HOST_WORDS,
  INSTALL_VERBS,
  KEYBOARD_WORDS,
  LOCALE_WORDS,
  MACHINE_WORDS,
  NEGATIONS,
  OTHER_FILESYSTEMS,
  PERSON_PRONOUNS,
  RECIPE_KINDS,
  REMOVE_VERBS,
  SHELL_COMMANDS,
  SUDO_WORDS,
  TIME_WORDS,
  USER_WORDS,
  VOCABULARY,
} from "./vocab.js";

/**
 * The rules backend's parser: one user turn → one Decision, deterministically.
 *
 * 1. Tokenize, expand contractions and abbreviations, correct typos toward the keyword vocabulary.
 * 2. Answer what needs no tool: yes/no, greetings, questions, dangerous requests.
 * 3. Split into clauses ("add ripgrep and fd", "create anna with sudo and set Tokyo time"); each
 *    clause gets a tool from its words, or inherits the previous clause's.
 * 4. Extract each tool's arguments; merge clauses of one tool into one call (one disk, one
 *    setLocale), resolve references ("it", "the other one", "him") from the conversation, and
 *    start a correction from the pending call it changes.
 * 5. Check each call against the facts; a call that cannot stand becomes a reply that says why.
 */

const ABBREV: Record<string, string> = {
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
};

const ALIASES: Record<string, string> = {
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
const STOP = new Set([
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
const OS_WORDS = new Set(["linux", "levitateos", "levitate", "os", "system", "distro"]);

const FILLERS = new Set(["please", "thanks", "thank", "pls", "kindly"]);

interface Ctx {
  conv: ConversationView;
  facts: Facts;
  allowed: readonly ToolName[];
}

// ---------------------------------------------------------------------------------------------
// Tokens

/** Words after which a name follows. */
const NAME_ANCHORS = new Set([
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

function normalizeTokens(text: string, facts: Facts): Token[] {
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
  for (const t of raw) {
    if (t.kind !== "word") {
      out.push(t);
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
        (prev !== undefined && /^[A-Z][a-z]/.test(t.raw));
      const kw = named ? undefined : closest(norm, VOCABULARY);
      const recipe = closest(norm, [...facts.recipes, ...facts.installed]);
      const lang = closest(norm, [...Object.keys(LANGUAGES), ...Object.keys(COUNTRIES)]);
      if (kw && !recipe) norm = kw;
      // Four-letter words are too often names ("ivan" is not "iran").
      else if (lang && !recipe && !kw && norm.length >= 5) norm = lang;
    }
    out.push({ ...t, norm });
  }
  return out;
}

function words(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.kind !== "punct").map((t) => t.norm);
}

function hasAny(tokens: readonly Token[], set: ReadonlySet<string>): boolean {
  return tokens.some((t) => set.has(t.norm));
}

function hasPhrase(tokens: readonly Token[], phrase: string): boolean {
  const w = words(tokens).join(" ");
  return ` ${w} `.includes(` ${phrase} `);
}

/** Splits at punctuation and at conjunctions; "and" inside "one and a half" stays. */
function splitClauses(tokens: readonly Token[]): Token[][] {
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
      (t.norm === "but" && prev !== undefined) ||
      (t.norm === "also" && prev !== undefined && prev.norm !== "and");
    if (boundary) {
      if (clauses.at(-1)!.length) clauses.push([]);
      continue;
    }
    clauses.at(-1)!.push(t);
  }
  return clauses.filter((c) => c.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Replies that need no tool

function capabilities(facts: Facts, allowed: readonly ToolName[]): string {
  const can: string[] = [];
  if (allowed.includes("partitionDisk")) can.push('install onto a disk ("use the nvme with btrfs")');
  if (allowed.includes("createUser")) can.push('create users ("add user anna with sudo")');
  if (allowed.includes("installRecipe")) can.push('install programs ("add ripgrep")');
  if (allowed.includes("removeRecipe")) can.push('remove them ("remove bat")');
  if (allowed.includes("setLocale"))
    can.push('set language, keyboard and time zone ("German keyboard, Berlin time")');
  if (allowed.includes("setHostname")) can.push('set the hostname ("call it atlas")');
  void facts;
  return `I can ${can.join(", ")}.`;
}

function listOr(names: readonly string[], max = 12): string {
  if (names.length === 0) return "none";
  const shown = names.slice(0, max);
  return shown.join(", ") + (names.length > max ? `, … (${names.length} in all)` : "");
}

const GREETINGS = new Set(["hi", "hello", "hey", "howdy", "yo", "hiya", "greetings", "morning", "evening"]);
const THANKS = new Set(["thanks", "thank", "thx", "cheers", "ty"]);

const QUESTION_START = new Set([
  "what",
  "which",
  "how",
  "why",
  "who",
  "when",
  "where",
  "is",
  "are",
  "does",
  "do",
  "did",
  "should",
  "whats",
  "was",
  "has",
  "have",
]);

/** Who a question's verb is about: "do I", "does the nvme", "is ripgrep". */
const SUBJECTS = new Set([
  "i",
  "you",
  "we",
  "they",
  "he",
  "she",
  "my",
  "your",
  "our",
  "these",
  "those",
  "any",
  "anyone",
  "users",
  "levitate",
  "levitateos",
  "this",
  "the",
]);

function isQuestion(tokens: readonly Token[], text: string): boolean {
  const w = words(tokens).filter((x) => !CORRECTION_WORDS.has(x) && x !== "ok" && x !== "so");
  const first = w[0];
  if (!first) return false;
  // "can you install X?" is a request; "can I install X?" too.
  if (["can", "could", "would", "will"].includes(first)) return false;
  // "do I need swap?" asks; "do the same for ines", "do it", "don't" ask for something.
  if ((first === "do" || first === "does" || first === "did") && !SUBJECTS.has(w[1] ?? "")) return false;
  if (first === "do" && (w[1] === "the" || w[1] === "this") && !/\?\s*$/.test(text)) return false;
  if (QUESTION_START.has(first)) return true;
  // "tell me about the crucial", "show me the disks", "explain btrfs": asking, in the imperative
  if (["tell", "show", "describe", "explain", "list"].includes(first)) return true;
  return /\?\s*$/.test(text) && !w.some((x) => INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x));
}

function diskFacts(d: Disk): string {
  const parts = d.partitions ?? [];
  const layout = parts.length
    ? `partitions: ${parts.map((p) => `${p.path} ${p.fstype ?? "?"}${p.mountpoint ? ` on ${p.mountpoint}` : ""}`).join(", ")}`
    : "no partitions listed";
  const notes: string[] = [];
  if (d.liveMedium) notes.push("it is the medium this live system runs from");
  else if (d.mounted) notes.push("it is mounted");
  return `${describeDisk(d)}: ${layout}${notes.length ? `; ${notes.join(", ")}` : ""}.`;
}

const FS_ANSWERS: Record<string, string> = {
  btrfs:
    "btrfs: copy-on-write filesystem with snapshots, subvolumes and compression; good for a desktop you want to roll back.",
  ext4: "ext4: the long-standing Linux default; simple, fast, very well tested.",
  xfs: "xfs: fast with large files and many parallel writes; cannot be shrunk.",
};

function answerQuestion(tokens: readonly Token[], ctx: Ctx): string {
  const { facts, conv } = ctx;
  const w = words(tokens);
  const ws = new Set(w);
  const fs = w.filter((x) => FILESYSTEMS.has(x));
  if (fs.length)
    return [...new Set(fs)].map((f) => FS_ANSWERS[f]).join(" ") + ' Say e.g. "use btrfs" to choose.';
  const recipe = findRecipes(tokens, facts, [...facts.recipes, ...facts.installed]).found[0];
  if (recipe) {
    const inst = facts.installed.includes(recipe);
    const avail = facts.recipes.includes(recipe);
    return `${recipe} is ${inst ? "installed" : "not installed"}${avail && !inst ? `; there is a recipe for it (say "install ${recipe}")` : ""}${inst ? ` (say "remove ${recipe}" to remove it)` : ""}.`;
  }
  if (ws.has("sudo") || ws.has("admin")) {
    return 'sudo lets a user run commands as root; I add users with sudo to the wheel group. Say "create user NAME with sudo".';
  }
  const mentionsDisk = w.some(
    (x) => DISK_WORDS.has(x) || x === "bigger" || x === "biggest" || x === "smaller" || x === "on",
  );
  const res = resolveDisk(tokens, facts.disks, diskContext(ctx));
  if (res.kind === "one") return diskFacts(res.disk);
  if (res.kind === "many") return `Those are ${listDisks(res.disks)}.`;
  if (mentionsDisk) {
    if (ws.has("bigger") || ws.has("biggest") || ws.has("larger") || ws.has("largest")) {
      const usable = facts.disks.filter((d) => !d.liveMedium);
      const big = [...usable].sort((a, b) => b.sizeBytes - a.sizeBytes)[0];
      if (big) return `The biggest disk is ${describeDisk(big)}.`;
    }
    const pendingDisk = conv.pending.find((c) => c.tool === "partitionDisk");
    if ((ws.has("it") || ws.has("on")) && pendingDisk) {
      const d = facts.disks.find((x) => x.path === pendingDisk.args.disk);
      if (d) return diskFacts(d);
    }
    return facts.disks.length ? `Disks here: ${listDisks(facts.disks)}.` : "This machine reports no disks.";
  }
  if (ws.has("installed")) return `Installed from recipes: ${listOr(facts.installed)}.`;
  if (ws.has("recipes") || ws.has("available") || ws.has("packages") || (ws.has("install") && ws.has("can")))
    return `Recipes available: ${listOr(facts.recipes, 30)}.`;
  if (ws.has("users") || ws.has("user") || ws.has("accounts")) return `Users: ${facts.users.join(", ")}.`;
  if (ws.has("hostname") || (ws.has("name") && w.some((x) => MACHINE_WORDS.has(x))))
    return `The hostname is ${facts.hostname}.`;
  if (ws.has("plan"))
    return conv.pending.length
      ? `The plan has ${conv.pending.length} step(s); type /plan to see it.`
      : "The plan is empty.";
  if (ws.has("locale") || ws.has("language")) return `The locale is ${facts.locale}.`;
  if (ws.has("firmware") || ws.has("uefi") || ws.has("bios"))
    return `This machine boots with ${facts.firmware.toUpperCase()}.`;
  return `I can't answer that from here. ${capabilities(facts, ctx.allowed)}`;
}

// ---------------------------------------------------------------------------------------------
// Recipes

function recipeOf(token: Token, names: readonly string[]): string | undefined {
  const n = token.norm;
  if (names.includes(n)) return n;
  const alias = ALIASES[n];
  if (alias && names.includes(alias)) return alias;
  if (STOP.has(n) || COMMON.has(n) || VOCABULARY.includes(n) || token.kind !== "word") return undefined;
  return closest(n, names);
}

/** Recipe names in the tokens, and the words that look like a wanted program but match none. */
function findRecipes(
  tokens: readonly Token[],
  facts: Facts,
  names: readonly string[],
): { found: string[]; unknown: string[] } {
  const found: string[] = [];
  const unknown: string[] = [];
  for (const t of tokens) {
    if (t.kind !== "word" && t.kind !== "number") continue;
    const r = recipeOf(t, names);
    if (r) {
      if (!found.includes(r)) found.push(r);
    } else if (
      t.kind === "word" &&
      /^[a-z][a-z0-9._+-]{1,40}$/.test(t.norm) &&
      !STOP.has(t.norm) &&
      !COMMON.has(t.norm) &&
      !VOCABULARY.includes(t.norm) &&
      !DISK_WORDS.has(t.norm) &&
      !REMOVE_VERBS.has(t.norm) &&
      !INSTALL_VERBS.has(t.norm) &&
      !facts.users.includes(t.norm)
    ) {
      unknown.push(t.norm);
    }
  }
  return { found, unknown };
}

/** The recipes (among `pool`) of the kinds the clause describes: "a text editor" → helix, neovim. */
function kindCandidates(tokens: readonly Token[], pool: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens)
    for (const r of RECIPE_KINDS[t.norm] ?? []) if (pool.includes(r) && !out.includes(r)) out.push(r);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Disks

function diskContext(ctx: Ctx): { mentioned: string[]; offered: string[] } {
  const mentioned = ctx.conv.entities.filter((e) => e.kind === "disk").map((e) => e.value);
  const pending = ctx.conv.pending.find((c) => c.tool === "partitionDisk");
  if (pending) mentioned.push(pending.args.disk);
  const last = ctx.conv.turns.at(-1);
  const offered: string[] = [];
  if (last && "reply" in last.decision) {
    for (const m of last.decision.reply.matchAll(/\/dev\/[A-Za-z0-9/_.-]*[A-Za-z0-9]/g))
      if (ctx.facts.disks.some((d) => d.path === m[0]) && !offered.includes(m[0])) offered.push(m[0]);
  }
  // The disk the last answer was about is the freshest mention ("how big is the crucial?" "use it").
  if (offered.length === 1) mentioned.push(offered[0]!);
  return { mentioned, offered };
}

/** Sizes that belong to swap or the EFI partition, not to the choice of disk. */
function attributeSizes(tokens: readonly Token[]): {
  swap?: SizeMention;
  efi?: SizeMention;
  used: Set<number>;
} {
  const sizes = findSizes(tokens);
  const used = new Set<number>();
  let swap: SizeMention | undefined;
  let efi: SizeMention | undefined;
  for (const s of sizes) {
    const near = tokens.slice(Math.max(0, s.from - 3), s.to + 3).map((t) => t.norm);
    const which = near.includes("swap")
      ? "swap"
      : near.includes("efi") || near.includes("esp") || near.includes("boot")
        ? "efi"
        : undefined;
    if (!which) continue;
    for (let i = s.from; i < s.to; i++) used.add(i);
    if (which === "swap") swap = s;
    else efi = s;
  }
  return { swap, efi, used };
}

/** A partition size as the tools write it: binary units, "8G", "512M". */
function toSizeArg(s: SizeMention): string {
  // People mean GiB when they size swap in "GB": memory is counted in binary units.
  const bytes = sizeBytes(s, "binary");
  const rounded =
    bytes >= TiB ? bytes : bytes >= GiB ? Math.round(bytes / MiB) * MiB : Math.round(bytes / MiB) * MiB;
  return formatSize(rounded);
}

// ---------------------------------------------------------------------------------------------
// Clause classification

/** "keep": a clause that asks to leave something as it is ("but keep bat"); it makes no call. */
type Intent = "partition" | "user" | "install" | "remove" | "locale" | "host" | "bare" | "keep";

const KEEP_VERBS = new Set(["keep", "leave", "retain", "spare"]);

/** Words that may stand beside a bare program name in a request ("fd please", "bat too"). */
const BARE_OK = new Set([
  "please",
  "too",
  "also",
  "as",
  "well",
  "and",
  "the",
  "a",
  "then",
  "now",
  "ok",
  "okay",
  "pls",
  "one",
  "thanks",
  "only",
  "just",
  "instead",
  "both",
]);

function isNegated(tokens: readonly Token[], index: number): boolean {
  for (let i = Math.max(0, index - 3); i < index; i++) {
    const n = tokens[i]!.norm;
    if (n === "not" || n === "no" || n === "without" || n === "never" || n === "skip") return true;
  }
  return false;
}

function localeSignal(tokens: readonly Token[]): boolean {
  if (hasAny(tokens, LOCALE_WORDS) || hasAny(tokens, KEYBOARD_WORDS) || hasAny(tokens, TIME_WORDS))
    return true;
  for (const t of tokens) {
    if (ZONE_WORDS[t.norm] && (t.norm !== "us" || t.raw === "US")) return true;
    if (t.kind === "path" && canonicalZone(t.raw)) return true;
    if (canonicalLocale(t.raw)) return true;
    if (LANGUAGES[t.norm] && !["us"].includes(t.norm)) return true;
    if (KEYMAP_WORDS[t.norm] && t.norm.length > 2) return true;
  }
  return presence(tokens) !== undefined;
}

/** A verb of being somewhere and the prepositions that take the place after it. */
const PRESENCE: Record<string, readonly string[]> = {
  am: ["in", "at"],
  are: ["in"],
  is: ["in"],
  live: ["in"],
  lives: ["in"],
  living: ["in"],
  based: ["in", "out"],
  located: ["in"],
  work: ["in", "from"],
  working: ["in", "from"],
  stay: ["in"],
  staying: ["in"],
  reside: ["in"],
  residing: ["in"],
  moved: ["to"],
  moving: ["to"],
  relocated: ["to"],
  here: ["in"],
};

/** "I'm in Paris", "I live in Germany", "based in Tokyo", "I work from Madrid": the place after it. */
function presence(tokens: readonly Token[]): number | undefined {
  const w = tokens.map((t) => t.norm);
  for (let i = 0; i < w.length - 1; i++) {
    const link = PRESENCE[w[i]!];
    if (link?.includes(w[i + 1]!)) {
      let at = i + 2;
      while (w[at] === "the" || w[at] === "of") at++;
      if (placeAt(tokens, at)) return at;
    }
  }
  return undefined;
}

interface PlaceHit {
  kind: "city" | "country" | "language" | "zone";
  key: string;
  zone?: string;
  len: number;
}

function placeAt(tokens: readonly Token[], i: number, fuzzy = false): PlaceHit | undefined {
  for (let len = 3; len >= 1; len--) {
    const slice = tokens.slice(i, i + len);
    if (slice.length < len || slice.some((t) => t.kind === "punct")) continue;
    const key = slice.map((t) => t.norm).join(" ");
    if (tokens[i]!.kind === "path" && slice.slice(1).every((t) => t.kind === "word")) {
      // "america/sao paulo", "America/New York": the zone's underscores written as spaces
      const z = canonicalZone(slice.map((t) => t.raw).join("_"));
      if (z) return { kind: "zone", key, zone: z, len };
    }
    const zw = ZONE_WORDS[key];
    if (zw && (key !== "us" || slice[0]!.raw === "US")) return { kind: "zone", key, zone: zw, len };
    if (COUNTRIES[key] && (key !== "us" || slice[0]!.raw === "US")) return { kind: "country", key, len };
    if (LANGUAGES[key]) return { kind: "language", key, len };
    const z = zoneOfCity(key);
    if (
      z &&
      ![
        "center",
        "resolute",
        "christmas",
        "easter",
        "wake",
        "midway",
        "troll",
        "casey",
        "davis",
        "mawson",
      ].includes(key)
    )
      return { kind: "city", key, zone: z, len };
  }
  if (fuzzy) {
    const t = tokens[i];
    if (t && t.kind === "word" && t.norm.length >= 4 && !STOP.has(t.norm)) {
      const cities = cityNames();
      const c = closest(t.norm, cities);
      if (c) return { kind: "city", key: c, zone: zoneOfCity(c), len: 1 };
    }
  }
  return undefined;
}

let cityList: string[] | undefined;
function cityNames(): string[] {
  if (!cityList) {
    const s = new Set<string>();
    for (const z of Intl.supportedValuesOf("timeZone")) {
      const c = z.split("/").at(-1)!.replace(/_/g, " ").toLowerCase();
      if (!c.includes(" ")) s.add(c);
    }
    cityList = [...s];
  }
  return cityList;
}

function hostSignal(tokens: readonly Token[]): boolean {
  if (hasAny(tokens, HOST_WORDS)) return true;
  // "the machine: ares", "computer name: ares"
  const colon = tokens.findIndex((t) => t.norm === ":");
  const label = tokens.slice(Math.max(0, colon - 2), colon);
  // "system language: ..." labels a setting of the machine, not its name
  const setting = (t: Token) =>
    LOCALE_WORDS.has(t.norm) || KEYBOARD_WORDS.has(t.norm) || TIME_WORDS.has(t.norm);
  if (colon > 0 && label.some((t) => MACHINE_WORDS.has(t.norm)) && !label.some(setting)) return true;
  const w = words(tokens);
  if (hasPhrase(tokens, "host name")) return true;
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

const COPULAS = new Set(["is", "are", "was", "were", "has", "have", "had"]);
/** Verbs that act on a disk; a disk sentence with none of them and a copula only describes. */
const DISK_ACTIONS = new Set([
  ...INSTALL_VERBS,
  ...DISK_WORDS,
  "use",
  "erase",
  "nuke",
  "choose",
  "pick",
  "select",
  "prefer",
  "take",
  "go",
  "goes",
  "going",
  "try",
  "clear",
  "overwrite",
  "set",
  "make",
  "should",
  "want",
]);
const NOT_ACTIONS = new Set([
  "disk",
  "disks",
  "drive",
  "drives",
  "ssd",
  "hdd",
  "nvme",
  "device",
  "stick",
  "usb",
  "efi",
  "esp",
]);

/**
 * "the samsung is my old windows disk", "I have a samsung and a crucial": a sentence that says
 * what a disk is, with no verb that acts on it, asks for nothing (and never erases a disk).
 */
function describesOnly(tokens: readonly Token[]): boolean {
  const w = words(tokens);
  if (!w.some((x) => COPULAS.has(x))) return false;
  return !w.some((x) => DISK_ACTIONS.has(x) && !NOT_ACTIONS.has(x));
}

function classify(tokens: readonly Token[], ctx: Ctx, recipeNames: readonly string[]): Intent | undefined {
  const w = words(tokens);
  const ws = new Set(w);
  const recipes = findRecipes(tokens, ctx.facts, recipeNames).found;
  const verbs = readVerbs(tokens);
  const removeWord = verbs.remove;
  if (hostSignal(tokens)) return "host";
  if (recipes.length && w.some((x) => KEEP_VERBS.has(x)) && !removeWord) return "keep";
  if (hasAny(tokens, USER_WORDS) && !(removeWord && recipes.length)) return "user";
  // "put dev in the docker and video groups"
  if ((ws.has("group") || ws.has("groups")) && !recipes.length) return "user";
  if (hasAny(tokens, SUDO_WORDS) && !recipes.includes("sudo")) return "user";
  if (w.some((x) => PERSON_PRONOUNS.has(x)) && (ws.has("call") || ws.has("name"))) return "user";
  // "his shell should be fish", "put her in the video group": a person's attribute
  if (
    w.some((x) => ["him", "her", "he", "she", "his"].includes(x)) &&
    w.some((x) => ["shell", "group", "groups"].includes(x) || SHELLS.has(x))
  )
    return "user";
  if (removeWord && recipes.length) return "remove";
  if (ws.has("replace") && recipes.length) return "remove";
  const diskish =
    hasAny(tokens, DISK_WORDS) ||
    hasAny(tokens, FILESYSTEMS) ||
    hasAny(tokens, OTHER_FILESYSTEMS) ||
    tokens.some((t) => t.kind === "path" && t.norm.startsWith("/dev/")) ||
    (ws.has("separate") && ws.has("home")) ||
    (ws.has("erase") && !recipes.length);
  const aboutDisk = !recipes.length && !describesOnly(tokens);
  if (diskish && aboutDisk) return "partition";
  if (localeSignal(tokens) && !recipes.length) return "locale";
  const installWord = verbs.install;
  if (recipes.length && installWord) return "install";
  // A bare name ("fd please", "and bat too") continues the clause before it, or is a request
  // when nothing else is said; a sentence about a program ("I love the new zoxide") is not.
  if (recipes.length)
    return w.every(
      (x) =>
        BARE_OK.has(x) ||
        recipes.includes(x) ||
        recipeOf({ kind: "word", raw: x, norm: x, start: 0, end: 0 }, recipeNames),
    )
      ? "bare"
      : undefined;
  if (removeWord) return "remove";
  if (installWord && (ws.has("there") || ((ws.has("on") || ws.has("onto")) && ws.has("it"))))
    return "partition";
  if (aboutDisk && resolveDisk(tokens, ctx.facts.disks, diskContext(ctx)).kind !== "absent")
    return "partition";
  // "install it there", "use that one" right after a disk was the subject
  if (
    (ws.has("there") || ws.has("use")) &&
    (ws.has("it") || ws.has("there") || ws.has("one")) &&
    diskContext(ctx).mentioned.length
  )
    return "partition";
  // "create anna": people are created, programs installed
  if (ws.has("create") && !recipes.length) return "user";
  if (w.some((x) => INSTALL_VERBS.has(x))) return "install";
  return undefined;
}

const CHANGE_VERBS = new Set(["change", "make", "set", "switch", "turn", "rename", "call", "update"]);
const INTENT_OF_TOOL: Partial<Record<ToolName, Intent>> = {
  setHostname: "host",
  setLocale: "locale",
  partitionDisk: "partition",
};

/**
 * "change that to stratus", "make it Paris instead": a change verb and a pronoun with no subject of
 * their own mean the call the conversation last made.
 */
function referredIntent(tokens: readonly Token[], conv: ConversationView): Intent | undefined {
  const ws = new Set(words(tokens));
  if (![...ws].some((x) => CHANGE_VERBS.has(x))) return undefined;
  if (!(ws.has("that") || ws.has("it") || ws.has("this"))) return undefined;
  const last = conv.pending.at(-1) ?? lastCallOf(conv, ["setHostname", "setLocale", "partitionDisk"]);
  return last ? INTENT_OF_TOOL[last.tool] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Argument extraction

interface UserDraft {
  username?: string;
  sudo?: boolean;
  fullName?: string;
  shell?: string;
  groups?: string[];
  /** "both admins", "all of them": applies to every user of this turn. */
  all?: boolean;
  pronoun?: boolean;
}

const SHELLS = new Set(["bash", "zsh", "fish", "sh", "dash", "ksh", "tcsh", "nu", "nushell"]);

function usernameCandidate(t: Token | undefined, facts: Facts): string | undefined {
  if (t?.kind !== "word") return undefined;
  const n = t.norm;
  if (
    STOP.has(n) ||
    USER_WORDS.has(n) ||
    SUDO_WORDS.has(n) ||
    SHELLS.has(n) ||
    NEGATIONS.has(n) ||
    NUMBER_WORDS.has(n)
  )
    return undefined;
  if (VOCABULARY.includes(n) && !facts.users.includes(n)) return undefined;
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(n)) return undefined;
  return n;
}

function extractUser(tokens: readonly Token[], ctx: Ctx): UserDraft {
  const d: UserDraft = {};
  const w = tokens.map((t) => t.norm);
  // full name: "full name Maria Lopez", "real name ..."
  for (let i = 0; i < w.length - 1; i++) {
    if ((w[i] === "full" || w[i] === "real") && w[i + 1] === "name") {
      const parts: string[] = [];
      for (let j = i + 2; j < tokens.length; j++) {
        const t = tokens[j]!;
        if (t.kind !== "word" || (STOP.has(t.norm) && parts.length)) break;
        if (STOP.has(t.norm)) continue;
        parts.push(t.raw);
      }
      if (parts.length) d.fullName = parts.join(" ");
    }
  }
  // shell
  for (let i = 0; i < w.length; i++) {
    // "his shell is fish", "with zsh", "give her zsh", "he wants fish"
    const before = w[i - 1] ?? "";
    const offered = ["with", "use", "uses", "give", "gets", "wants", "prefers", "her", "him", "them", "me"];
    if (SHELLS.has(w[i]!) && (w.includes("shell") || offered.includes(before))) {
      const name = w[i] === "nushell" ? "nu" : w[i]!;
      d.shell = `/bin/${name}`;
    }
    if (tokens[i]?.kind === "path" && /^\/(usr\/)?bin\/[a-z]+$/.test(w[i]!)) d.shell = w[i]!;
  }
  // groups: "in the docker group", "groups video audio", "add to docker"
  for (let i = 0; i < w.length; i++) {
    if (w[i] === "group" || w[i] === "groups") {
      const before = usernameCandidate(tokens[i - 1], ctx.facts);
      const after: string[] = [];
      for (let j = i + 1; j < tokens.length; j++) {
        const c = usernameCandidate(tokens[j], ctx.facts);
        if (c) after.push(c);
        else if (!STOP.has(w[j]!)) break;
      }
      const g = before && !["the", "a"].includes(before) ? [before] : after;
      if (g.length) d.groups = [...(d.groups ?? []), ...g];
    }
  }
  // sudo / admin, with negation ("without sudo", "not an admin", a bare trailing "without")
  const sudoAt = tokens.findIndex(
    (t) =>
      SUDO_WORDS.has(t.norm) ||
      (t.norm === "root" && tokens.some((x) => x.norm === "access" || x.norm === "rights")),
  );
  if (sudoAt >= 0) d.sudo = !isNegated(tokens, sudoAt);
  else if (w.at(-1) === "without" || (w.includes("no") && w.at(-1) === "no")) d.sudo = false;
  if (w.includes("both") || w.includes("all") || w.includes("each")) d.all = true;
  if (w.some((x) => PERSON_PRONOUNS.has(x))) d.pronoun = true;
  // username: after "user", "account", "called", "named", "for", "call him"; else the first plain word
  const used = new Set<number>();
  const groupsIdx = new Set<number>();
  for (let i = 0; i < w.length; i++)
    if (w[i] === "group" || w[i] === "groups") {
      groupsIdx.add(i - 1);
      for (let j = i + 1; j < w.length; j++) groupsIdx.add(j);
    }
  const fullIdx = w.findIndex((x, i) => (x === "full" || x === "real") && w[i + 1] === "name");
  const limit = fullIdx >= 0 ? fullIdx : w.length;
  const anchors = [
    "user",
    "users",
    "account",
    "called",
    "named",
    "for",
    "call",
    "name",
    "username",
    "am",
    "create",
    "add",
  ];
  for (let i = 0; i < limit && !d.username; i++) {
    if (!anchors.includes(w[i]!)) continue;
    for (let j = i + 1; j < Math.min(limit, i + 5); j++) {
      if (groupsIdx.has(j)) break;
      const c = usernameCandidate(tokens[j], ctx.facts);
      if (c && !SHELLS.has(c) && !FILESYSTEMS.has(c)) {
        d.username = c;
        used.add(j);
        break;
      }
      if (tokens[j]!.kind === "punct") break;
    }
  }
  // "he needs admin": a clause about "he" names nobody new; only an anchored name counts there.
  if (!d.username && !d.pronoun) {
    for (let j = 0; j < limit; j++) {
      if (groupsIdx.has(j)) continue;
      const c = usernameCandidate(tokens[j], ctx.facts);
      if (c && !SHELLS.has(c) && !INSTALL_VERBS.has(c) && !REMOVE_VERBS.has(c)) {
        d.username = c;
        break;
      }
    }
  }
  return d;
}

function extractHostname(tokens: readonly Token[]): string | undefined {
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
  ]);
  let start = w.findIndex(
    (x, i) =>
      HOST_WORDS.has(x) ||
      (x === "host" && w[i + 1] === "name") ||
      ((x === "call" || x === "name" || x === "rename") && i + 1 < w.length) ||
      MACHINE_WORDS.has(x),
  );
  // "change that to stratus": the value follows the change verb
  if (start < 0) start = w.findIndex((x) => CHANGE_VERBS.has(x));
  if (start < 0) return undefined;
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

interface LocaleDraft {
  locale?: string;
  keymap?: string;
  timezone?: string;
  /** A country with several zones was named for the time zone. */
  ambiguousZone?: string;
}

/** The region written after a language ("english (UK)", "portuguese brazil"), as a locale. */
function regionAfter(
  tokens: readonly Token[],
  at: number,
  languageLocale: string,
): { locale: string; next: number } | undefined {
  let j = at;
  const paren = tokens[j]?.raw === "(";
  if (paren) j++;
  const hit = placeAt(tokens, j);
  if (hit?.kind !== "country") return undefined;
  const country = COUNTRIES[hit.key]!;
  const lang = languageLocale.slice(0, languageLocale.indexOf("_"));
  const cc = country.locale?.match(/_([A-Z]{2})/)?.[1];
  if (!cc) return undefined;
  const locale = `${lang}_${cc}.UTF-8`;
  if (!(country.locale?.startsWith(`${lang}_`) || knownLocales().includes(locale))) return undefined;
  j += hit.len;
  if (paren && tokens[j]?.raw === ")") j++;
  return { locale, next: j };
}

function extractLocale(tokens: readonly Token[], whole: readonly Token[]): LocaleDraft {
  const d: LocaleDraft = {};
  const ws = new Set(words(tokens));
  const keyboard = hasAny(tokens, KEYBOARD_WORDS);
  const time = hasAny(tokens, TIME_WORDS);
  const language = hasAny(tokens, LOCALE_WORDS) || ws.has("speak");
  const presenceAt = presence(tokens);
  const everything = ws.has("everything") || ws.has("all");
  for (const t of tokens) {
    const loc = canonicalLocale(t.raw);
    if (loc) d.locale = loc;
    if (t.kind === "path") {
      const z = canonicalZone(t.raw);
      if (z) d.timezone = z;
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const km = KEYMAP_WORDS[t.norm];
    if (km && (keyboard || t.norm.length > 2) && !(t.norm === "uk" && !keyboard)) {
      d.keymap = km;
      continue;
    }
    const hit = placeAt(tokens, i, time || presenceAt !== undefined);
    if (!hit) continue;
    i += hit.len - 1;
    if (hit.kind === "zone") {
      d.timezone = hit.zone;
      continue;
    }
    if (hit.kind === "city") {
      if (time || presenceAt !== undefined || (!keyboard && !language)) d.timezone ??= hit.zone;
      continue;
    }
    if (hit.kind === "language") {
      const l = LANGUAGES[hit.key]!;
      // "english (US)", "British English"
      let locale = l.locale;
      // "portuguese (brazil)", "english UK": a country right after a language is its region,
      // not where the user lives (no time zone from it)
      const region = regionAfter(tokens, i + hit.len, l.locale);
      if (region) {
        if (keyboard) d.keymap ??= l.keymap;
        if (language || everything || (!keyboard && !time)) d.locale ??= region.locale;
        i = region.next - 1;
        continue;
      }
      if (hit.key === "english") {
        const region = whole.find(
          (x) => x.raw === "US" || x.norm === "american" || x.norm === "uk" || x.norm === "british",
        );
        if (region?.norm === "uk" || region?.norm === "british") locale = "en_GB.UTF-8";
      }
      if (keyboard) d.keymap ??= l.keymap;
      if (language || everything || (!keyboard && !time)) d.locale ??= locale;
      if (everything) d.keymap ??= l.keymap;
      continue;
    }
    if (hit.kind === "country") {
      const c = COUNTRIES[hit.key]!;
      if (keyboard) d.keymap ??= c.keymap;
      if (language) d.locale ??= c.locale;
      if (time || presenceAt !== undefined || (!keyboard && !language)) {
        if (c.timezone) d.timezone ??= c.timezone;
        else d.ambiguousZone = hit.key;
      }
    }
  }
  // "US keyboard", "UK layout"
  if (keyboard && !d.keymap) {
    for (const t of tokens) {
      if (t.norm === "us" || t.norm === "usa" || t.norm === "american") d.keymap = "us";
      if (t.norm === "uk" || t.norm === "british") d.keymap = "uk";
    }
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// The decision

function reply(text: string): Decision {
  return { reply: text };
}

function lastCallOf(conv: ConversationView, tools: readonly string[]): PlanCall | undefined {
  for (let i = conv.turns.length - 1; i >= 0; i--) {
    const d = conv.turns[i]!.decision;
    if ("calls" in d) {
      for (let j = d.calls.length - 1; j >= 0; j--) if (tools.includes(d.calls[j]!.tool)) return d.calls[j];
    }
  }
  for (let j = conv.pending.length - 1; j >= 0; j--)
    if (tools.includes(conv.pending[j]!.tool)) return conv.pending[j];
  return undefined;
}

function lastEntity(conv: ConversationView, kind: string): string | undefined {
  for (let i = conv.entities.length - 1; i >= 0; i--)
    if (conv.entities[i]!.kind === kind) return conv.entities[i]!.value;
  return undefined;
}

const DANGEROUS =
  /\brm\s+-[a-z]*r[a-z]*f|\brm\s+-[a-z]*f[a-z]*r|\bdd\s+if=|\bmkfs\b|chmod\s+-r\s+777|:\(\)\s*\{|\bshred\b/i;

function safetyReply(tokens: readonly Token[], text: string, ctx: Ctx): string | undefined {
  const w = words(tokens);
  const ws = new Set(w);
  const lead = w.findIndex(
    (x) => !["please", "pls", "run", "execute", "just", "can", "you", "could", "now"].includes(x),
  );
  const command =
    lead >= 0 && SHELL_COMMANDS.has(w[lead]!) && (lead === 0 || ws.has("run") || ws.has("execute"));
  if (DANGEROUS.test(text) || command)
    return "I won't run shell commands. I can only make plans from my tools, and every destructive step is shown before it runs.";
  if (ws.has("password") || ws.has("passphrase") || ws.has("passwd"))
    return "Passwords never go through the chat: each new user's password (and the encryption passphrase) is asked when the plan runs.";
  const destructive = w.some((x) =>
    ["wipe", "erase", "format", "partition", "install", "use", "delete", "remove"].includes(x),
  );
  const plural = ws.has("every") || ws.has("all") || ws.has("both") || ws.has("everything");
  if (
    destructive &&
    plural &&
    w.some((x) => x === "disks" || x === "drives" || x === "disk" || x === "drives" || x === "them")
  )
    return `I install onto one disk and never wipe several at once. Which one: ${listDisks(ctx.facts.disks.filter((d) => !d.liveMedium))}?`;
  if (
    (ws.has("delete") || ws.has("remove") || ws.has("users") || ws.has("user")) &&
    (ws.has("users") || ws.has("user")) &&
    w.some((x) => REMOVE_VERBS.has(x))
  )
    return "I can't delete users (or remove the root user). I can create users; removing them is left to you.";
  if (
    (ws.has("everyone") || ws.has("everybody") || (ws.has("all") && ws.has("users"))) &&
    (ws.has("root") || hasAny(tokens, SUDO_WORDS))
  )
    return 'I won\'t give everyone root access. Name the user who should have sudo, e.g. "give anna sudo".';
  if (w.some((x) => REMOVE_VERBS.has(x)) && (ws.has("everything") || (ws.has("all") && !ws.has("users"))))
    return `Name what to remove; I won't remove everything at once. Installed: ${listOr(ctx.facts.installed)}.`;
  if (/boot(ed)?\s+(it\s+)?(from|off)|live (usb|medium|stick)|installer (usb|stick)/i.test(text)) {
    const live = ctx.facts.disks.find((d) => d.liveMedium);
    return `${live ? live.path : "That medium"} is the medium this live system runs from; I can't install onto it. Other disks: ${listDisks(ctx.facts.disks.filter((d) => !d.liveMedium))}.`;
  }
  return undefined;
}

const SUGGESTION =
  /^\s*(how about|what about|maybe|perhaps|let'?s say|say|let'?s go with|go with|something like)\s+/i;

export function decideRules(conv: ConversationView, facts: Facts, allowed: readonly ToolName[]): Decision {
  const ctx: Ctx = { conv, facts, allowed };
  const text = conv.user.trim();
  if (!text) return reply(capabilities(facts, allowed));

  const yn = yesNo(text);
  if (yn !== undefined) {
    if (conv.pending.length) return { confirm: yn };
    return reply(yn ? "There is nothing to confirm yet." : "OK, nothing is planned.");
  }
  // "yes, install it", "looks good to me", "no, keep it": an answer in more words. A question is
  // never one ("wait, what's on it now?").
  if (conv.pending.length && !text.includes("?")) {
    const answer = readAnswer(normalizeTokens(text, facts));
    if (answer !== undefined) return { confirm: answer };
  }

  // A short answer to my own question ("Which disk?" "the nvme one"; "What name?" "vince"): read
  // it together with the request that raised the question.
  const last = conv.turns.at(-1);
  // "how about atlas?", "maybe Rome": a suggestion answers the question as well as a plain word.
  const answer = text.replace(SUGGESTION, "").replace(/\?\s*$/, "");
  if (
    last &&
    "reply" in last.decision &&
    last.decision.reply.includes("?") &&
    words(tokenize(answer)).length <= 6 &&
    (answer !== text || !isQuestion(tokenize(text), text))
  ) {
    const combined = parseTurn(`${last.user.replace(/[?.!]+\s*$/, "")} ${answer}`, ctx);
    if ("calls" in combined) return combined;
  }
  return parseTurn(text, ctx);
}

function parseTurn(text: string, ctx: Ctx): Decision {
  const { conv, facts, allowed } = ctx;
  let tokens = normalizeTokens(text, facts);
  const w = words(tokens);
  const ws = new Set(w);

  const safety = safetyReply(tokens, text, ctx);
  if (safety) return reply(safety);

  // Leading "no wait", "actually", "hmm": a correction; the rest is parsed as a request.
  let correction = false;
  while (
    tokens.length &&
    ((CORRECTION_WORDS.has(tokens[0]!.norm) && !CHANGE_VERBS.has(tokens[0]!.norm)) ||
      tokens[0]!.kind === "punct" ||
      (tokens[0]!.norm === "no" && tokens.length > 2) ||
      tokens[0]!.norm === "ok" ||
      tokens[0]!.norm === "okay")
  ) {
    if (tokens[0]!.norm !== "ok" && tokens[0]!.norm !== "okay") correction = true;
    tokens = tokens.slice(1);
  }
  void correction;

  if (isQuestion(tokens, text)) return reply(answerQuestion(tokens, ctx));

  const content = w.filter(
    (x) =>
      !FILLERS.has(x) &&
      !GREETINGS.has(x) &&
      !THANKS.has(x) &&
      x !== "you" &&
      x !== "good" &&
      x !== "so" &&
      x !== "much",
  );
  if (content.length === 0) {
    if (w.some((x) => THANKS.has(x))) return reply("You're welcome.");
    return reply(`Hello. ${capabilities(facts, allowed)}`);
  }
  if (w.length === 1 && (ws.has("help") || ws.has("?"))) return reply(capabilities(facts, allowed));

  const recipeNames = [...new Set([...facts.recipes, ...facts.installed])];

  // "replace bat with delta", "swap fzf for zoxide", "delta instead of bat": remove one, install
  // the other.
  const repl = readReplacement(tokens, (t) => recipeOf(t, recipeNames) !== undefined);
  if (repl) {
    const a = recipeOf(tokens[repl.out]!, recipeNames)!;
    const b = recipeOf(tokens[repl.in]!, recipeNames)!;
    if (a !== b && (facts.installed.includes(a) || !allowed.includes("removeRecipe")))
      return finish(
        [
          ...(allowed.includes("removeRecipe")
            ? [{ tool: "removeRecipe", args: { name: a } } as PlanCall]
            : []),
          { tool: "installRecipe", args: { name: b } },
        ],
        ctx,
      );
  }

  // "same for bob", "bob too", "and fd as well": repeat the last call for someone/something else.
  const same = /\b(?:same|likewise|ditto)\s+(?:for|with)\s+([A-Za-z0-9_.+-]+)/i.exec(text);
  if (same) {
    const target = same[1]!.toLowerCase();
    const recipe = recipeOf({ kind: "word", raw: target, norm: target, start: 0, end: 0 }, recipeNames);
    const prev = lastCallOf(conv, recipe ? ["installRecipe", "removeRecipe"] : ["createUser"]);
    if (prev?.tool === "createUser")
      return finish([{ tool: "createUser", args: { ...prev.args, username: target } }], ctx);
    if (prev && recipe && (prev.tool === "installRecipe" || prev.tool === "removeRecipe"))
      return finish([{ tool: prev.tool, args: { name: recipe } }], ctx);
  }

  const rename = readRename(tokens, ctx);
  if (rename) return reply(rename);

  const clauses = frontedTopics(splitClauses(tokens), ctx, recipeNames);
  const intents: (Intent | undefined)[] = [];
  let prevIntent: Intent | undefined;
  const inherited: boolean[] = [];
  for (const c of clauses) {
    let intent = classify(c, ctx, recipeNames) ?? referredIntent(c, conv);
    let inh = false;
    if ((!intent || intent === "bare") && prevIntent) {
      intent = prevIntent;
      inh = true;
    }
    if (intent === "bare") {
      // "and bat too" on its own turn: the recipe verb the last turn used
      const prev = lastCallOf(conv, ["installRecipe", "removeRecipe"]);
      intent = prev?.tool === "removeRecipe" && conv.turns.length ? "remove" : "install";
    }
    intents.push(intent);
    inherited.push(inh);
    if (intent) prevIntent = intent;
  }
  // "I have a samsung and a crucial": a turn that only describes its disks erases none of them.
  if (describesOnly(tokens))
    for (let i = 0; i < intents.length; i++) if (intents[i] === "partition") intents[i] = undefined;
  // "wipe the nvme and install", "use the ssd, install linux there": an install with no program
  // beside a disk clause is the install onto that disk.
  if (intents.includes("partition")) {
    clauses.forEach((c, i) => {
      if (intents[i] !== "install") return;
      const { found, unknown } = findRecipes(c, facts, recipeNames);
      if (!found.length && unknown.every((u) => OS_WORDS.has(u))) intents[i] = "partition";
    });
  }
  // "add noah, he needs admin": "add" with a name that is no program, beside a clause about a
  // person, adds that person.
  if (intents.includes("user")) {
    clauses.forEach((c, i) => {
      if (intents[i] !== "install") return;
      const { found, unknown } = findRecipes(c, facts, recipeNames);
      if (
        !found.length &&
        unknown.length === 1 &&
        usernameCandidate(
          c.find((t) => t.norm === unknown[0]),
          facts,
        )
      )
        intents[i] = "user";
    });
  }
  if (intents.every((i) => i === undefined)) {
    // A bare follow-up without a verb: continue what the last turn did.
    const prev = lastCallOf(conv, ["installRecipe", "removeRecipe", "createUser"]);
    const only = clauses.flat();
    const recipes = findRecipes(only, facts, recipeNames).found;
    // "and ben too", "ben as well" after a user: the same for ben
    const prevUser = lastCallOf(conv, ["createUser"]);
    const rest = only.filter((t) => t.kind === "word" && !BARE_OK.has(t.norm));
    const lastTool = conv.turns.at(-1)?.decision;
    if (
      !recipes.length &&
      prevUser &&
      lastTool &&
      "calls" in lastTool &&
      lastTool.calls.some((c) => c.tool === "createUser") &&
      rest.length === 1 &&
      (ws.has("too") || ws.has("also") || hasPhrase(only, "as well"))
    ) {
      const name = usernameCandidate(rest[0], facts);
      if (name && prevUser.tool === "createUser")
        return finish([{ tool: "createUser", args: { ...prevUser.args, username: name } }], ctx);
    }
    // "no, Vienna", "actually Paris" after a time zone: the place, in the same setting
    const prevLoc = lastCallOf(conv, ["setLocale"]);
    if (
      prevLoc &&
      rest.length &&
      placeAt(
        only.filter((t) => t.kind !== "punct"),
        0,
      )?.len === rest.length
    ) {
      const d = extractLocale(only, only);
      const args: Record<string, string> = {};
      const was = prevLoc.args as { locale?: string; keymap?: string; timezone?: string };
      if (d.timezone && (was.timezone || (!was.locale && !was.keymap))) args.timezone = d.timezone;
      if (d.locale && was.locale) args.locale = d.locale;
      if (Object.keys(args).length) return finish([{ tool: "setLocale", args } as PlanCall], ctx);
    }
    if (recipes.length && (ws.has("too") || ws.has("also") || ws.has("and") || prev))
      return finish(
        recipes.map(
          (name) =>
            ({
              tool: prev?.tool === "removeRecipe" ? "removeRecipe" : "installRecipe",
              args: { name },
            }) as PlanCall,
        ),
        ctx,
      );
    return reply(`I didn't find anything to do in that. ${capabilities(facts, allowed)}`);
  }

  const calls: PlanCall[] = [];
  const problems: string[] = [];

  // --- partition: every partition clause together describes one call.
  const partTokens = clauses.filter((_, i) => intents[i] === "partition").flat();
  if (partTokens.length) {
    const r = partitionCall(partTokens, ctx, correction);
    if ("reply" in r) problems.push(r.reply);
    else calls.push(r.call);
  }

  // --- users
  const users: UserDraft[] = [];
  clauses.forEach((c, i) => {
    if (intents[i] === "user") users.push(extractUser(c, ctx));
  });
  // "I'm sarah, set me up with an account": the name is in a clause of its own
  if (users.length && !users.some((u) => u.username)) {
    const m = /\b(?:i am|i'm|im|my name is|call me)\s+([a-z_][a-z0-9_-]{0,31})\b/i.exec(text);
    const name = m?.[1]?.toLowerCase();
    if (name && !STOP.has(name) && !placeAt(tokenize(name), 0)) users[0]!.username = name;
  }
  // "make me an account, username jonas", "an account for my partner, her name is eva": a clause
  // that asks for a user without naming one, followed by the one that names them, is one user.
  for (let i = users.length - 2; i >= 0; i--) {
    const d = users[i]!;
    const next = users[i + 1]!;
    if (d.username || d.all || users.slice(0, i).some((u) => u.username) || !next.username) continue;
    users.splice(i, 1);
    next.sudo ??= d.sudo;
    next.fullName ??= d.fullName;
    next.shell ??= d.shell;
    if (d.groups) next.groups = [...d.groups, ...(next.groups ?? [])];
    next.pronoun = false;
  }
  if (users.length) {
    const r = userCalls(users, ctx);
    if ("reply" in r) problems.push(r.reply);
    else calls.push(...r.calls);
  }

  // --- recipes
  clauses.forEach((c, i) => {
    const intent = intents[i];
    if (intent !== "install" && intent !== "remove") return;
    const names = intent === "remove" ? recipeNames : recipeNames;
    const { found, unknown } = findRecipes(c, facts, names);
    const items: string[] = [];
    for (const name of found) {
      const at = c.findIndex((t) => recipeOf(t, names) === name);
      if (intent === "install" && isNegated(c, at) && !REMOVE_VERBS.has(c[at - 1]?.norm ?? "")) continue;
      items.push(name);
    }
    const cw = new Set(words(c));
    if (!found.length && (cw.has("it") || cw.has("that") || cw.has("them"))) {
      const r = lastEntity(conv, "recipe");
      if (r) items.push(r);
    }
    if (!items.length && inherited[i]) return;
    if (!items.length) {
      const wanted = unknown.filter((u) => !OS_WORDS.has(u));
      if (unknown.some((u) => OS_WORDS.has(u)) || cw.has("system")) {
        const disks = facts.disks.filter((d) => !d.liveMedium);
        problems.push(
          allowed.includes("partitionDisk")
            ? `Let's install. Which disk should I erase and install onto: ${listDisks(disks)}?`
            : "This system is already installed; I can install programs, create users and change settings here.",
        );
      } else if (kindCandidates(c, intent === "remove" ? facts.installed : facts.recipes).length) {
        const pool = intent === "remove" ? facts.installed : facts.recipes;
        const cands = kindCandidates(c, pool);
        problems.push(
          `${cands.length === 1 ? `Do you mean ${cands[0]}?` : `Which one: ${cands.join(" or ")}?`}${intent === "remove" ? ` Installed: ${listOr(facts.installed)}.` : ""}`,
        );
      } else if (wanted.length) {
        const sugg = closest(wanted[0]!, facts.recipes);
        problems.push(
          `There is no recipe named ${wanted[0]}${sugg ? ` (did you mean ${sugg}?)` : ""}. Available: ${listOr(facts.recipes, 20)}.${words(c).includes("add") && allowed.includes("createUser") ? ` To add a person, say "create user ${wanted[0]}".` : ""}`,
        );
      } else if (words(c).every((x) => STOP.has(x) || INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x))) {
        problems.push(
          intent === "remove"
            ? `Remove what? Installed: ${listOr(facts.installed)}.`
            : `Install what? Available: ${listOr(facts.recipes, 20)}.`,
        );
      } else if (intent === "install" && words(c).some((x) => NEGATIONS.has(x))) {
        // "don't install bat": nothing to do
      } else {
        problems.push(`Which program? Available: ${listOr(facts.recipes, 20)}.`);
      }
      return;
    }
    for (const name of items) {
      const version =
        items.length === 1 || intent === "install" ? versionOf(tokens, c, name, names) : undefined;
      const tool: ToolName = intent === "remove" ? "removeRecipe" : "installRecipe";
      if (tool === "removeRecipe" && !facts.installed.includes(name)) {
        const pendingInstall = conv.pending.some((p) => p.tool === "installRecipe" && p.args.name === name);
        problems.push(
          pendingInstall
            ? `${name} is only in the plan, not installed: type /undo to take it out.`
            : `${name} is not installed${facts.installed.length ? ` (installed: ${listOr(facts.installed)})` : ""}.`,
        );
        continue;
      }
      calls.push(
        tool === "installRecipe"
          ? {
              tool,
              args: version ? { name, version } : { name },
            }
          : { tool, args: { name } },
      );
    }
  });

  // --- locale: one call carries every setting of the turn
  const locTokens = clauses.filter((_, i) => intents[i] === "locale");
  if (locTokens.length) {
    const merged: LocaleDraft = {};
    for (const c of locTokens) {
      const d = extractLocale(c, tokens);
      merged.locale ??= d.locale;
      merged.keymap ??= d.keymap;
      merged.timezone ??= d.timezone;
      merged.ambiguousZone ??= d.ambiguousZone;
    }
    if (merged.locale || merged.keymap || merged.timezone) {
      const args: { locale?: string; keymap?: string; timezone?: string } = {};
      if (merged.locale) args.locale = merged.locale;
      if (merged.keymap) args.keymap = merged.keymap;
      if (merged.timezone) args.timezone = merged.timezone;
      calls.push({ tool: "setLocale", args });
    } else if (merged.ambiguousZone) {
      problems.push(
        `${merged.ambiguousZone} has several time zones: which city (e.g. "New York time", "Chicago")?`,
      );
    } else {
      const lw = new Set(locTokens.flat().map((t) => t.norm));
      problems.push(
        hasAny(locTokens.flat(), KEYBOARD_WORDS)
          ? 'Which keyboard layout? e.g. "German keyboard", "us", "fr".'
          : hasAny(locTokens.flat(), TIME_WORDS)
            ? 'Which time zone? Name a city, e.g. "Berlin time" or "America/New_York".'
            : lw.has("language") || lw.has("locale")
              ? 'Which language? e.g. "German", "French", "British English".'
              : "Which language, keyboard or time zone?",
      );
    }
  }

  // --- hostname
  const hostClause = clauses.find((_, i) => intents[i] === "host");
  if (hostClause) {
    const h = extractHostname(hostClause);
    if (h) calls.push({ tool: "setHostname", args: { hostname: h } });
    else problems.push(`What should the hostname be? (now: ${facts.hostname})`);
  }

  if (problems.length) return reply(problems.join(" "));
  if (!calls.length) return reply(`I didn't find anything to do in that. ${capabilities(facts, allowed)}`);
  return finish(calls, ctx);
}

/**
 * "call him robert" (about bob, already named), "rename user sven to svenne", "maria should be
 * called mary": no tool renames a user, so the answer says so and what to do instead. A pronoun
 * with no named user behind it ("create a user" … "call him vince") is naming, not renaming.
 */
function readRename(tokens: readonly Token[], ctx: Ctx): string | undefined {
  const { conv, facts } = ctx;
  const w = words(tokens);
  const pendingUsers = conv.pending.filter((c) => c.tool === "createUser").map((c) => c.args.username);
  const known = new Set([...facts.users.filter((u) => u !== "root"), ...pendingUsers]);
  const lastUser = lastEntity(conv, "user");
  const valid = (x: string | undefined) =>
    x !== undefined && /^[a-z_][a-z0-9_-]{0,31}$/.test(x) && !STOP.has(x);
  let old: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < w.length && !old; i++) {
    const x = w[i]!;
    const next = w[i + 1];
    const skipTo = (j: number) => (w[j] === "to" || w[j] === "as" ? j + 1 : j);
    if (x === "rename" || x === "call" || x === "name") {
      // rename (user) OLD to NEW; call him NEW
      let j = i + 1;
      if (w[j] === "user" || w[j] === "the") j++;
      if (w[j] === "user") j++;
      const who = w[j];
      if (who && ["him", "her", "them"].includes(who) && lastUser && known.has(lastUser)) {
        old = lastUser;
        to = w[skipTo(j + 1)];
      } else if (who && known.has(who) && (x === "rename" || w[j + 1] === "to" || w[j + 1] === "as")) {
        old = who;
        to = w[skipTo(j + 1)];
      }
    } else if (known.has(x) && (next === "should" || next === "will" || next === "is")) {
      // OLD should be called NEW
      const k = w.slice(i + 1, i + 5).findIndex((y) => y === "called" || y === "named" || y === "renamed");
      if (k >= 0) {
        old = x;
        to = w[i + 2 + k];
      }
    }
  }
  if (!old || !valid(to) || to === old) return undefined;
  const inPlan = pendingUsers.includes(old);
  return inPlan
    ? `I can't rename ${old}: no tool renames a user. ${old} is only in the plan so far: type /undo to take it out, then "create user ${to}".`
    : `I can't rename the user ${old}: no tool renames a user, and renaming one needs their home directory and groups moved too (usermod -l). I can create a new user ${to} if you want.`;
}

/** Last checks against the facts and the mode; a call that cannot stand becomes the reply. */
const VERSION_LEAD = new Set(["version", "ver", "v", "at", "release", ",", ":", "@"]);

/**
 * The version written after a program's name: "fzf 0.56.3", "lazygit, version 0.44.1",
 * "ripgrep v14.1.0". Read from the whole turn, since a comma may have split it off the clause.
 */
function versionOf(
  whole: readonly Token[],
  clause: readonly Token[],
  name: string,
  names: readonly string[],
): string | undefined {
  const at = whole.indexOf(clause.find((t) => recipeOf(t, names) === name) ?? whole[0]!);
  if (at < 0 || recipeOf(whole[at]!, names) !== name) return undefined;
  let led = false;
  for (let i = at + 1; i < Math.min(whole.length, at + 4); i++) {
    const t = whole[i]!;
    const v = t.raw.replace(/^v(?=\d)/i, "");
    const dotted = /^\d+(\.\d+)+[0-9A-Za-z._+~-]*$/.test(v);
    if (dotted || (led && /^\d[0-9A-Za-z._+~-]*$/.test(v))) return v;
    if (!VERSION_LEAD.has(t.norm)) return undefined;
    if (t.kind === "word") led = true;
  }
  return undefined;
}

const OBJECT_PRONOUNS = new Set(["it", "that", "them", "this", "those", "these"]);

/**
 * "delta, remove it please", "bat and fd - install them": programs named first, then a clause whose
 * pronoun stands for them. The two become one clause with the names in the pronoun's place.
 */
function frontedTopics(clauses: Token[][], ctx: Ctx, recipeNames: readonly string[]): Token[][] {
  const out: Token[][] = [];
  for (let i = 0; i < clauses.length; i++) {
    // a run of bare names ("helix", "jq"), then the clause that may refer to them
    let j = i;
    while (j < clauses.length && classify(clauses[j]!, ctx, recipeNames) === "bare") j++;
    const next = clauses[j];
    if (
      j > i &&
      next &&
      !findRecipes(next, ctx.facts, recipeNames).found.length &&
      next.some((t) => OBJECT_PRONOUNS.has(t.norm))
    ) {
      const verbs = readVerbs(next);
      if (verbs.install || verbs.remove) {
        const names = clauses.slice(i, j).flatMap((c) => c.filter((t) => recipeOf(t, recipeNames)));
        out.push(next.flatMap((t) => (OBJECT_PRONOUNS.has(t.norm) ? names : [t])));
        i = j;
        continue;
      }
    }
    out.push(clauses[i]!);
  }
  return out;
}

function finish(calls: PlanCall[], ctx: Ctx): Decision {
  const problems = calls.map((c) => callProblem(c, ctx.facts, ctx.allowed)).filter((p) => p !== undefined);
  if (problems.length) return reply([...new Set(problems)].join(" "));
  return { calls: calls.slice(0, 8) };
}

function partitionCall(
  tokens: Token[],
  ctx: Ctx,
  correction: boolean,
): { call: PlanCall } | { reply: string } {
  const { facts, conv } = ctx;
  const w = tokens.map((t) => t.norm);
  const ws = new Set(w);
  const attr = attributeSizes(tokens);
  const diskTokens = tokens.filter((_, i) => !attr.used.has(i));
  const pending = conv.pending.find((c) => c.tool === "partitionDisk");
  const eligible = facts.disks.filter((d) => !d.liveMedium);
  if (!ctx.allowed.includes("partitionDisk"))
    return {
      reply: callProblem({ tool: "partitionDisk", args: { disk: "" } } as PlanCall, facts, ctx.allowed)!,
    };

  let disk: string | undefined;
  const res = resolveDisk(diskTokens, facts.disks, diskContext(ctx));
  if (res.kind === "one") disk = res.disk.path;
  else if (res.kind === "many") return { reply: `Which disk (${res.by}): ${listDisks(res.disks)}?` };
  else if (res.kind === "none")
    return { reply: `No disk here matches ${res.by}. Disks: ${listDisks(facts.disks)}.` };
  else {
    const pronoun = ws.has("it") || ws.has("there") || ws.has("that");
    const dctx = diskContext(ctx);
    if (pending) disk = pending.args.disk;
    else if (pronoun && dctx.mentioned.length) disk = dctx.mentioned.at(-1);
    else if (
      eligible.length === 1 &&
      (hasAny(tokens, DISK_WORDS) || ws.has("whole") || ws.has("it") || ws.has("there"))
    )
      disk = eligible[0]!.path;
    else if (eligible.length === 0) return { reply: "There is no disk here to install onto." };
    else return { reply: `Which disk should I erase and install onto: ${listDisks(eligible)}?` };
  }
  // Two different disks in one request is never one install.
  const named = diskTokens.filter((t) => t.kind === "path" && t.norm.startsWith("/dev/")).map((t) => t.norm);
  if (new Set(named).size > 1)
    return { reply: `I install onto one disk; which one: ${[...new Set(named)].join(" or ")}?` };

  const d = facts.disks.find((x) => x.path === disk);
  if (d?.liveMedium)
    return {
      reply: `${describeDisk(d)} is the medium this live system runs from; I can't install onto it. Other disks: ${listDisks(eligible)}.`,
    };

  // A correction keeps what was already chosen for the disk: "no wait, make it btrfs".
  const base: Record<string, unknown> = pending ? { ...pending.args } : {};
  void correction;
  base.disk = disk;
  const other = w.find((x, i) => OTHER_FILESYSTEMS.has(x) && !isNegated(tokens, i));
  if (other && !w.some((x, i) => FILESYSTEMS.has(x) && !isNegated(tokens, i)))
    return {
      reply: `I can't make ${other}: the root filesystem can be ext4, btrfs or xfs. Which one should ${d ? d.path : "the disk"} get?`,
    };
  const fsIdx = w.findIndex((x) => FILESYSTEMS.has(x));
  if (fsIdx >= 0 && !isNegated(tokens, fsIdx)) base.filesystem = w[fsIdx];
  if (attr.swap) base.swapSize = toSizeArg(attr.swap);
  const swapAt = w.indexOf("swap");
  if (swapAt >= 0 && !attr.swap && isNegated(tokens, swapAt + 1)) delete base.swapSize;
  if (swapAt >= 0 && !attr.swap && !isNegated(tokens, swapAt + 1) && !base.swapSize) {
    // "with swap": a common size for a desktop
    base.swapSize = "8G";
  }
  if (attr.efi) base.efiSize = toSizeArg(attr.efi);
  const encAt = w.findIndex(
    (x) => x === "encrypt" || x === "encrypted" || x === "encryption" || x === "luks",
  );
  if (encAt >= 0) base.encrypt = !isNegated(tokens, encAt) && !(w[encAt + 1] === "not");
  if (w.includes("unencrypted")) base.encrypt = false;
  const homeAt = w.indexOf("home");
  if (homeAt >= 0 && (ws.has("separate") || ws.has("own") || ws.has("partition")))
    base.separateHome = !isNegated(tokens, homeAt);
  return { call: { tool: "partitionDisk", args: base } as PlanCall };
}

function userCalls(drafts: UserDraft[], ctx: Ctx): { calls: PlanCall[] } | { reply: string } {
  const { conv } = ctx;
  const out: Record<string, unknown>[] = [];
  for (const d of drafts) {
    let target: Record<string, unknown> | undefined;
    if (d.username && !(d.pronoun && !d.username)) {
      target = out.find((u) => u.username === d.username);
      if (!target) {
        // A follow-up about a user already in the plan changes that call.
        const pend = conv.pending.find((c) => c.tool === "createUser" && c.args.username === d.username);
        target = pend ? { ...pend.args } : { username: d.username };
        out.push(target);
      }
    } else if (d.all && out.length) {
      for (const u of out) applyUser(u, d);
      continue;
    } else if (out.length) {
      target = out.at(-1);
    } else {
      const name = lastEntity(conv, "user");
      const pend = conv.pending.find((c) => c.tool === "createUser" && (!name || c.args.username === name));
      const prev = pend ?? lastCallOf(conv, ["createUser"]);
      if (prev?.tool === "createUser" && (d.pronoun || d.sudo !== undefined)) target = { ...prev.args };
      else if (name && (d.pronoun || d.sudo !== undefined) && !ctx.facts.users.includes(name))
        target = { username: name };
      if (!target)
        return { reply: "What should the new user be called? (lowercase letters and digits, e.g. anna)" };
      out.push(target);
    }
    applyUser(target!, d);
  }
  return { calls: out.map((args) => ({ tool: "createUser", args }) as PlanCall) };
}

function applyUser(u: Record<string, unknown>, d: UserDraft): void {
  if (d.sudo !== undefined) u.sudo = d.sudo;
  if (d.fullName) u.fullName = d.fullName;
  if (d.shell) u.shell = d.shell;
  if (d.groups) u.groups = [...new Set([...((u.groups as string[] | undefined) ?? []), ...d.groups])];
}
