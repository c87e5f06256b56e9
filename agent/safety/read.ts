import type { Disk, Facts } from "../../facts/schema.js";
import { splitClauses } from "../rules/clauses.js";
import { describeDisk, resolveDisk } from "../rules/disks.js";
import { closest, type Token, tokenize } from "../rules/text.js";
import { STOP } from "../rules/tokens.js";
import { notAName, refusesEveryone, revokes } from "../rules/users.js";
import { INSTALL_VERBS, VOCABULARY } from "../rules/vocab.js";
import type { Entity, PlanCall } from "../types.js";
import { disuse, erasedOutright, keepContentsForFreeSpace } from "./erasing.js";
import { withKeepOrUseAnswer } from "./keepOrUseAnswer.js";
import { withoutSteeringNames } from "./keptNotes.js";
import {
  ALONGSIDE,
  CLAUSE_VERBS,
  CONTINUATION_MARKS,
  CUE_WORDS,
  DATA_WORDS,
  DESTROY_VERBS,
  DISCOURSE,
  DISK_NOUNS,
  DISK_ONLY,
  KEEP_PHRASES,
  KEEP_VERBS,
  KNOWN_SYSTEMS,
  LABEL_NOISE,
  NEGATORS,
  OBJECT_START,
  PLAIN_ACCOUNT,
  PRONOUNS,
  RELEASE_PHRASES,
  SOFT_RELEASE,
  SUDO_WORDS,
  SYSTEM_ALIASES,
} from "./lexicon.js";
import { isDeviceName, withPartitionRefs } from "./partitionRefs.js";
import { withRecipeRefs } from "./recipeRefs.js";
import { RELAYS, withoutGranted } from "./sudoReader.js";
import { disksWithSystem, maybeHolding, systemWord } from "./systemDisks.js";
import type { Protection, Reading } from "./types.js";
import { namedUsers, REVOKE, refusedRightAfter, USER_STOP } from "./userWords.js";

/** Verbs of keeping: the words of a keep, never the name of what it keeps. */
const KEEPING_VERBS = new Set(["keep", "keeps", "leave", "spare", "preserve", "protect", "retain", "save"]);

/**
 * Reads a user's words for what they want kept: "keep the samsung", "don't touch sda", "avoid the
 * 1tb", "anything but the WD", "not the usb", "do not uninstall htop", "no sudo for lena", "install
 * next to windows", "my files stay". Independent of any backend: the conversation runs it on every
 * turn, so a misread by the parser or the model cannot turn "keep" into an erase.
 *
 * A clause (split at punctuation and conjunctions) holds a cue and the things it is about:
 * - keep verbs (keep, leave … alone, spare, protect, preserve, avoid, stays, untouched);
 * - a destructive verb under a negation within three words (don't wipe, never touch, do not
 *   uninstall, shouldn't be removed);
 * - exclusion (anything but X, except X, other than X, a clause that starts with "not X");
 * - a refused privilege (no sudo for lena, lena without admin, just a normal account);
 * - install beside something (next to windows, alongside fedora, dual boot).
 * A clause that lets go of something (windows can go, I don't need what's on it, git can be
 * removed after all) releases it instead. Typos in cue words are corrected (one letter in 4–6).
 */

export interface ReadContext {
  /** The pending plan: "don't wipe it" means its disk. */
  readonly pending: readonly PlanCall[];
  /** Mentioned entities, most recent last. */
  readonly entities: readonly Entity[];
  /** Earlier turns: "and fzf" after "keep jq" keeps fzf too. */
  readonly turns?: readonly { readonly user: string; readonly decision?: unknown }[];
  /**
   * What earlier clauses of this turn named, most recent last: "erase sda. no keep it" keeps sda,
   * whatever the plan or earlier turns hold.
   */
  readonly here?: readonly Entity[];
}

function words(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.kind !== "punct").map((t) => t.norm);
}

/** Brands people name disks by, beside the words of the models the facts list. */
const BRANDS = [
  "samsung",
  "seagate",
  "crucial",
  "kingston",
  "sandisk",
  "toshiba",
  "western",
  "intel",
  "micron",
  "hitachi",
];

/** Tokens with cue typos corrected and negated contractions ("dont", "shouldnt") made one "not". */
function normalize(text: string, known: ReadonlySet<string>, diskWords: readonly string[] = []): Token[] {
  const out: Token[] = [];
  for (const t of tokenize(text)) {
    if (t.kind !== "word") {
      out.push(t);
      continue;
    }
    let norm = t.norm;
    if (norm.length >= 4 && !known.has(norm) && !NEGATORS.has(norm)) {
      // "dont touch the samsng": a disk named with a typo is still the disk the words keep
      const fix = closest(norm, CUE_WORDS) ?? closest(norm, diskWords);
      if (fix) norm = fix;
    }
    if (/^(dnt|dont|doesnt|didnt|shouldnt|wont|cant|mustnt|isnt|arent|wasnt|never)$/.test(norm)) norm = "not";
    out.push({ ...t, norm });
  }
  return out;
}

interface Clause {
  tokens: Token[];
  /** The word or mark it was split at ("and", ",", "."); "" for the first. */
  sep: string;
}

/** Clauses (agent/rules/clauses.ts): at punctuation and at every and/but/then/so/because (not "anything but"). */
function splitWithSeparators(tokens: readonly Token[]): Clause[] {
  return splitClauses(tokens, { and: "always" }).map((c) => ({ tokens: c.units, sep: c.sep }));
}

/**
 * "sdb too", "and the wd", "also fzf": a clause that asks for nothing of its own and says it is
 * more of the same. After a clause that keeps something it keeps what it names: the cue's scope is
 * the list, not the first item ("leave sda alone. sdb too." keeps both).
 */
export function continuesList(w: readonly string[], sep: string): boolean {
  const own = w
    .join(" ")
    .replace(/\bas well\b/g, "aswell")
    .split(" ")
    .filter(Boolean);
  if (!own.length || own.length > 6) return false;
  if (own.some((x) => CLAUSE_VERBS.has(x) || INSTALL_VERBS.has(x) || DESTROY_VERBS.has(x) || x === "?"))
    return false;
  const marked = own.some((x) => CONTINUATION_MARKS.has(x)) || ["and", "or", "nor", "plus"].includes(own[0]!);
  return marked || ["and", "or", "nor", "plus"].includes(sep) || CONTINUATION_MARKS.has(sep);
}

function phraseAt(w: readonly string[], phrase: string): number {
  const p = phrase.split(" ");
  for (let i = 0; i + p.length <= w.length; i++) if (p.every((x, k) => w[i + k] === x)) return i;
  return -1;
}

/**
 * A negation governs the word: "not"/"never"/"without" up to three words before it ("do not
 * wipe", "don't you dare touch"), "no" only right before it ("no wiping"): "no wait, use the
 * nvme" negates nothing.
 */
function negatedAt(w: readonly string[], i: number): boolean {
  if (w[i - 1] === "no") return true;
  for (let k = Math.max(0, i - 3); k < i; k++) if (NEGATORS.has(w[k]!) && w[k] !== "no") return true;
  return false;
}

interface Objects {
  disks: Disk[];
  /** Disks whose partitions hold what the words name (a system, "my files"). */
  contents: { disk: Disk; what: string }[];
  recipes: string[];
  users: string[];
  pronoun: boolean;
}

const RECIPE_ALIASES: Record<string, string> = {
  rg: "ripgrep",
  nvim: "neovim",
  hx: "helix",
  fdfind: "fd",
  batcat: "bat",
  exa: "eza",
};

function objectsOf(clause: readonly Token[], facts: Facts, ctx: ReadContext, cueAt: Set<number>): Objects {
  const w = clause.map((t) => t.norm);
  const rest = clause.filter((_, i) => !cueAt.has(i));
  const restWords = words(rest);
  const o: Objects = { disks: [], contents: [], recipes: [], users: [], pronoun: false };
  const programs = [...new Set([...facts.installed, ...facts.recipes])];
  for (const t of rest) {
    if (t.kind !== "word") continue;
    const alias = RECIPE_ALIASES[t.norm];
    const name = programs.includes(t.norm)
      ? t.norm
      : alias && programs.includes(alias)
        ? alias
        : t.norm.length >= 5 && !KNOWN_SYSTEMS.has(t.norm)
          ? closest(t.norm, facts.installed)
          : undefined;
    if (name && !o.recipes.includes(name)) o.recipes.push(name);
  }
  const mentioned = ctx.entities.filter((e) => e.kind === "disk").map((e) => e.value);
  // Systems and labels first: "my windows partition", "the fedora disk", "my data drive".
  const systems = new Set<string>();
  for (const x of restWords) {
    const s = systemWord(x);
    if (s) systems.add(s);
    // A device's own name ("sda", "nvme0n1p2") and a word that keeps are never a label: a label
    // someone else wrote ("sda" on another disk's partition, "keep") took "keep sda" (attacker 13 M1)
    else if (
      x.length >= 3 &&
      !LABEL_NOISE.has(x) &&
      !DATA_WORDS.has(x) &&
      !isDeviceName(x) &&
      !KEEPING_VERBS.has(x) &&
      disksWithSystem(x, facts).length
    )
      systems.add(x);
  }
  if (restWords.includes("both") && !systems.size) {
    for (const d of facts.disks)
      for (const p of d.partitions ?? [])
        if (p.os && !o.contents.some((c) => c.disk.path === d.path)) o.contents.push({ disk: d, what: p.os });
  }
  const diskNoun = restWords.some((x) => DISK_NOUNS.has(x));
  const named = resolveDisk(
    rest.filter((t) => !systems.has(t.norm)),
    facts.disks,
    { mentioned, offered: [] },
  );
  // "not the first one": the disk the ordinal counts to is kept, not every disk it asks about
  const namedDisks =
    named.kind === "one"
      ? [named.disk]
      : named.kind === "many"
        ? named.meant
          ? [named.meant]
          : named.disks
        : [];
  for (const s of systems) {
    const found = disksWithSystem(s, facts);
    const where = namedDisks.length ? found.filter((f) => namedDisks.includes(f.disk)) : found;
    const label = s === "red" ? "Red Hat" : s.charAt(0).toUpperCase() + s.slice(1);
    if (where.length) {
      for (const f of where)
        if (diskNoun && !namedDisks.length && !KNOWN_SYSTEMS.has(s)) o.disks.push(f.disk);
        else o.contents.push({ disk: f.disk, what: f.what });
    } else {
      // A system the facts do not show: keep what is on every disk that may hold it.
      for (const d of namedDisks.length ? namedDisks : maybeHolding(facts))
        o.contents.push({ disk: d, what: label });
    }
  }
  const data = restWords.some((x) => DATA_WORDS.has(x)) && restWords.some((x) => x === "my" || x === "on");
  if (!systems.size && namedDisks.length) {
    // A disk named outright is kept whole: "keep everything on sda", "don't wipe the seagate".
    o.disks.push(...namedDisks);
  } else if (!systems.size && diskNoun) {
    // "my data drive": a disk by the label of a partition on it
    for (const x of restWords) {
      if (x.length < 3 || LABEL_NOISE.has(x) || DISK_NOUNS.has(x)) continue;
      for (const f of disksWithSystem(x, facts)) if (!o.disks.includes(f.disk)) o.disks.push(f.disk);
    }
  } else if (!systems.size && data) {
    for (const d of maybeHolding(facts)) o.contents.push({ disk: d, what: "your files" });
  }
  const pron = restWords.findIndex((x) => PRONOUNS.has(x));
  const after = restWords[pron + 1];
  if (
    pron >= 0 &&
    (after === undefined ||
      [
        "as",
        "alone",
        "safe",
        "intact",
        "untouched",
        "please",
        "pls",
        "then",
        "there",
        "too",
        "instead",
        "is",
        "at",
        "all",
        "anymore",
        "whatever",
        "no",
        "ever",
        "after",
        "one",
      ].includes(after)) &&
    !o.disks.length &&
    !o.contents.length &&
    !o.recipes.length
  )
    o.pronoun = true;
  // Users: names beside the refused privilege ("no sudo for lena", "lena: no admin").
  const knownUsers = new Set([
    ...facts.users,
    ...ctx.pending.filter((c) => c.tool === "createUser").map((c) => c.args.username),
  ]);
  for (let i = 0; i < w.length; i++) {
    let x = w[i]!;
    const anchored = ["for", "from", "user", "named", "called", "give", "make", "account"].includes(
      w[i - 1] ?? "",
    );
    // "take away lenas admin": a possessive typed without its apostrophe
    if (!knownUsers.has(x) && x.endsWith("s") && knownUsers.has(x.slice(0, -1))) x = x.slice(0, -1);
    if (
      /^[a-z_][a-z0-9_-]{1,31}$/.test(x) &&
      !cueAt.has(i) &&
      (knownUsers.has(x) || (anchored && !notAName(x))) &&
      !USER_STOP.has(x) &&
      x !== "root"
    )
      o.users.push(x);
  }
  return o;
}

/** The disk or program a pronoun stands for: the pending destructive call, else the last mention. */
function pronounTarget(
  ctx: ReadContext,
  facts: Facts,
  kind: "disk" | "recipe" | "any",
): Protection | undefined {
  for (let i = (ctx.here?.length ?? 0) - 1; i >= 0; i--) {
    const e = ctx.here![i]!;
    if (e.kind === "disk" && kind !== "recipe") return diskProtection(e.value, facts, "");
    if (e.kind === "recipe" && kind !== "disk" && facts.installed.includes(e.value))
      return { kind: "recipe", name: e.value, said: "" };
  }
  for (let i = ctx.pending.length - 1; i >= 0; i--) {
    const c = ctx.pending[i]!;
    if (c.tool === "partitionDisk" && kind !== "recipe") return diskProtection(c.args.disk, facts, "");
    if (c.tool === "removeRecipe" && kind !== "disk") return { kind: "recipe", name: c.args.name, said: "" };
  }
  for (let i = ctx.entities.length - 1; i >= 0; i--) {
    const e = ctx.entities[i]!;
    if (e.kind === "disk" && kind !== "recipe") return diskProtection(e.value, facts, "");
    if (e.kind === "recipe" && kind !== "disk" && facts.installed.includes(e.value))
      return { kind: "recipe", name: e.value, said: "" };
  }
  return undefined;
}

function diskProtection(path: string, _facts: Facts, said: string): Protection {
  return { kind: "disk", disk: path, said };
}

/**
 * The words at `i` name a thing (a disk, a program, a system), not a verb or a filler: "no
 * samsung", "no to the wd", "no sda", "without the seagate". "no wait", "no sudo", "no, the nvme"
 * name nothing here.
 */
function namesThing(w: readonly string[], i: number, known: ReadonlySet<string>): boolean {
  let k = i;
  while (k < w.length && ["to", "the", "my", "that", "this"].includes(w[k]!)) k++;
  const x = w[k];
  if (!x) return false;
  return (
    known.has(x) ||
    KNOWN_SYSTEMS.has(x) ||
    SYSTEM_ALIASES[x] !== undefined ||
    /^(sd[a-z]|nvme\d*(n\d+)?|vd[a-z]|mmcblk\d+|\/dev\/\S+|\d+(gb|tb|g|t|gig|gigs)?|ssd|hdd|usb|seagate|samsung|crucial|wd|kingston|intel|sandisk|toshiba|hitachi|hgst|sabrent|sk|hynix|micron|adata|external|internal)$/.test(
      x,
    )
  );
}

/** Common words one letter away from a cue word ("space"/"spare", "leaves"/"leave"). */
const NOT_CUES = [
  "space",
  "spaces",
  "place",
  "share",
  "spread",
  // two letters from "excluded": "windows included" lets go, it keeps nothing
  "include",
  "included",
  "includes",
  "including",
  "conclude",
  "concluded",
];

type Cue = "keep" | "negated" | "exclude" | "alongside" | "nosudo";

export function readProtections(text: string, facts: Facts, ctx: ReadContext): Reading {
  const reading: Reading = { protect: [], release: [] };
  if (!text.trim()) return reading;
  const known = new Set<string>([
    ...facts.recipes,
    ...facts.installed,
    ...facts.users,
    ...facts.disks.flatMap((d) => d.model.toLowerCase().split(/[^a-z0-9]+/)),
  ]);
  // Words of requests are not cue typos: "free space" is no "free spare".
  const diskWords = [
    ...new Set([
      ...BRANDS,
      ...facts.disks.flatMap((d) => d.model.toLowerCase().split(/[^a-z]+/)).filter((x) => x.length >= 4),
    ]),
  ];
  const tokens = normalize(text, new Set([...known, ...VOCABULARY, ...NOT_CUES]), diskWords);
  const parts = splitWithSeparators(tokens);
  // "and fzf" after "keep jq": the turn before kept something, and this one only adds to the list
  let carry = false;
  const previous = ctx.turns?.at(-1)?.user;
  if (previous && parts.length && continuesList(words(parts[0]!.tokens), "")) {
    const before = readProtections(previous, facts, { pending: ctx.pending, entities: ctx.entities });
    carry = before.protect.some((p) => p.kind !== "sudo") && !before.alongside;
  }
  const here: Entity[] = [];
  for (const part of parts) {
    const own = continuesList(words(part.tokens), part === parts[0] ? "" : part.sep);
    carry = readClause(
      here.length ? answerless(part.tokens) : part.tokens,
      text,
      facts,
      { ...ctx, here: [...here] },
      reading,
      known,
      carry && own,
    );
    // "erase sda. no wait don't": a bare refusal right after a request keeps what it named
    const lastHere = here.at(-1);
    if (lastHere && bareRefusal(part.tokens)) {
      const said = text.slice(part.tokens[0]!.start, part.tokens.at(-1)!.end);
      const p: Protection =
        lastHere.kind === "disk"
          ? diskProtection(lastHere.value, facts, said)
          : { kind: "recipe", name: lastHere.value, said };
      if (lastHere.kind === "disk" || facts.installed.includes(lastHere.value)) reading.protect.push(p);
    }
    // what this clause named is what a later clause's "it" means
    const o = objectsOf(part.tokens, facts, ctx, new Set());
    const erased = erasedOutright(words(part.tokens), o, ctx.pending, negatedAt);
    if (erased.length) reading.lift = [...new Set([...(reading.lift ?? []), ...erased])];
    for (const d of o.disks) here.push({ kind: "disk", value: d.path, turn: -1 });
    for (const r of o.recipes) here.push({ kind: "recipe", value: r, turn: -1 });
  }
  keepContentsForFreeSpace(reading, text, () => objectsOf(tokens, facts, ctx, new Set()), facts);
  // partitions, labels, lists, other words of keeping a system (agent/safety/partitionRefs.ts),
  // disks kept by a judgement or by what they hold ("the samsung is sacred", "sda has my backups"),
  // and programs kept by kind or pronoun in the sentence that removes them (agent/safety/recipeRefs.ts)
  // a word that steers the talk is no one's name ("sorry i meant without sudo"; keptNotes.ts)
  // the answer to my keep-or-use question, said again with no request, keeps (keepOrUseAnswer.ts)
  return withKeepOrUseAnswer(
    withoutGranted(
      withoutSteeringNames(withRecipeRefs(withPartitionRefs(reading, text, facts), text, facts)),
      text,
    ),
    text,
    facts,
    ctx.turns,
  );
}

const REFUSING = new Set([
  "no",
  "nah",
  "nope",
  "wait",
  "dont",
  "don't",
  "do",
  "not",
  "it",
  "that",
  "actually",
  "oh",
  "hmm",
]);

/** "no wait don't", "nah, don't do it": words that only refuse, with a don't among them. */
function bareRefusal(clause: readonly Token[]): boolean {
  const w = clause.filter((t) => t.kind !== "punct").map((t) => t.norm);
  return (
    w.length > 0 &&
    w.every((x) => REFUSING.has(x)) &&
    (w.includes("dont") || w.includes("don't") || (w.includes("do") && w.includes("not")))
  );
}

/**
 * "erase sda. no keep it": after a request in the same turn, a "no" before "keep" refuses that
 * request, it does not negate the keep. The clause without it.
 */
function answerless(clause: Token[]): Token[] {
  let k = 0;
  while (
    k < clause.length &&
    (clause[k]!.kind === "punct" ||
      ["no", "nah", "nope", "wait", "actually", "hmm", "oh", "ok", "okay"].includes(clause[k]!.norm))
  )
    k++;
  return k > 0 && k < clause.length && ["keep", "leave", "spare"].includes(clause[k]!.norm)
    ? clause.slice(k)
    : clause;
}

function readClause(
  clause: Token[],
  text: string,
  facts: Facts,
  ctx: ReadContext,
  reading: Reading,
  known: ReadonlySet<string>,
  continued = false,
): boolean {
  const w = clause.map((t) => t.norm);
  const said = text.slice(clause[0]!.start, clause.at(-1)!.end);
  const joined = ` ${w.join(" ")} `;
  const cueAt = new Set<number>();
  const cues = new Set<Cue>();
  let destroyVerb: string | undefined;
  let released = false;
  let everyone = false;

  // Letting go: "windows can go", "i don't need what's on it", "forget about keeping the ssd".
  const release =
    RELEASE_PHRASES.some((p) => joined.includes(` ${p} `)) ||
    w.some((x, i) => KEEP_VERBS.has(x) && x.startsWith("keep") && negatedAt(w, i)) ||
    / (forget|stop) (about )?(keeping|protecting) /.test(joined) ||
    / no need to keep /.test(joined) ||
    disuse(joined, text.slice(0, clause[0]!.start)) === "release";
  if (disuse(joined, text.slice(0, clause[0]!.start)) === "reason") return false;
  const soft = SOFT_RELEASE.some((p) => joined.includes(` ${p} `));

  // "actually not ripgrep", "sorry, not the wd": the markers before "not" ask for nothing
  let lead = 0;
  while (lead < w.length - 1 && DISCOURSE.has(w[lead]!) && w[lead + 1] !== "wait") lead++;
  for (const p of KEEP_PHRASES) {
    const at = phraseAt(w, p);
    if (at >= 0 && !negatedAt(w, at)) {
      cues.add("keep");
      for (let k = at; k < at + p.split(" ").length; k++) cueAt.add(k);
    }
  }
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (KEEP_VERBS.has(x)) {
      // "leave out fd" drops, "keep it simple" keeps nothing, "stay" needs a subject before it
      if ((x === "stay" || x === "stays") && i === 0) continue;
      if (x === "safe" && !["keep", "stay", "stays", "is", "be"].includes(w[i - 1] ?? "")) continue;
      if (x === "alone" && !w.slice(0, i).some((y) => y === "leave" || y === "let")) continue;
      if (x.startsWith("keep") && ["simple", "going", "in", "on", "up"].includes(w[i + 1] ?? "")) continue;
      // "ben keeps it" (his sudo): a planned person who keeps something is no keep of mine
      if (
        x.startsWith("keep") &&
        ctx.pending.some((c) => c.tool === "createUser" && c.args.username === w[i - 1])
      )
        continue;
      if (negatedAt(w, i)) continue;
      cues.add("keep");
      cueAt.add(i);
    } else if (x === "be" && i === w.length - 1 && i >= 2 && w.slice(0, i - 1).includes("let")) {
      // "let sda be": the keep said with "let" ("leave sda be" is kept by "leave")
      cues.add("keep");
      cueAt.add(i);
    } else if (x === "leave" && !["out", "off"].includes(w[i + 1] ?? "")) {
      cues.add("keep");
      cueAt.add(i);
    } else if (DESTROY_VERBS.has(x) && negatedAt(w, i)) {
      cues.add("negated");
      cueAt.add(i);
      destroyVerb ??= x;
    } else if (
      // "no samsung", "no to the wd", "install without the samsung": a refusal of what it names
      ((x === "no" || x === "without") && i + 1 < w.length && namesThing(w, i + 1, known)) ||
      x === "except" ||
      x === "excluding" ||
      ((x === "but" || x === "except") && ["anything", "everything", "all"].includes(w[i - 1] ?? "")) ||
      (x === "other" && w[i + 1] === "than") ||
      (x === "not" && i === lead && w.length > i + 1 && (OBJECT_START.has(w[i + 1]!) || known.has(w[i + 1]!)))
    ) {
      cues.add("exclude");
      cueAt.add(i);
    }
    if (SUDO_WORDS.has(x) || (x === "root" && ["access", "rights", "privileges"].includes(w[i + 1] ?? ""))) {
      const neg =
        negatedAt(w, i) ||
        (i > 0 && w.slice(Math.max(0, i - 4), i).some((y) => NEGATORS.has(y))) ||
        revokes(w, i);
      // "neither with sudo", "sudo for no one", "admin for none of them": refused to everyone
      if (refusesEveryone(w)) everyone = true;
      if (neg || everyone) {
        cues.add("nosudo");
        cueAt.add(i);
      }
    }
    if (PLAIN_ACCOUNT.has(x) && ["account", "user", "accounts", "users"].includes(w[i + 1] ?? "")) {
      cues.add("nosudo");
      cueAt.add(i);
    }
    if (/^non-?admin$/.test(x) || (x === "non" && w[i + 1] === "admin")) {
      cues.add("nosudo");
      cueAt.add(i);
    }
  }
  for (const p of ALONGSIDE) {
    const at = phraseAt(w, p);
    if (at >= 0) {
      cues.add("alongside");
      for (let k = at; k < at + p.split(" ").length; k++) cueAt.add(k);
    }
  }
  for (let i = 0; i < w.length; i++) if (NEGATORS.has(w[i]!)) cueAt.add(i);

  // "samsung no", "jq - no way", "helix nope": a refusal after the thing it refuses
  const tail = w.filter((x) => x !== "thanks" && x !== "please" && x !== "pls");
  const lastNo =
    tail.at(-1) === "way" && tail.at(-2) === "no"
      ? tail.length - 2
      : tail.at(-1) === "no" || tail.at(-1) === "nope" || tail.at(-1) === "never"
        ? tail.length - 1
        : -1;
  if (lastNo > 0 && !cues.size && namesThing(tail, 0, known)) {
    cues.add("exclude");
    cueAt.add(w.indexOf(tail[lastNo]!, lastNo));
  }
  if (release && !cues.has("keep") && !cues.has("exclude")) released = true;
  if (continued && !cues.size && !released) cues.add("keep");
  // "forget the samsung", "leave out the wd": said of a disk (read below), it is kept
  const forgets = w.some(
    (x, i) =>
      (x === "forget" || (x === "leave" && (w[i + 1] === "out" || w[i + 1] === "off"))) && i + 1 < w.length,
  );
  if (forgets && !release && !cues.size) cues.add("exclude");
  const bareRefusal = w.some((x, i) => (x === "no" || x === "without") && namesThing(w, i + 1, known));
  if (!cues.size && !released && !soft) return false;

  const o = objectsOf(clause, facts, ctx, cueAt);
  const found: Protection[] = [];
  for (const d of o.disks)
    if (!found.some((p) => p.kind === "disk" && p.disk === d.path))
      found.push({ kind: "disk", disk: d.path, said });
  for (const c of o.contents)
    if (!found.some((p) => p.kind === "partitions" && p.disk === c.disk.path))
      found.push({ kind: "partitions", disk: c.disk.path, what: c.what, said });
  const recipeFound = o.recipes.map((name): Protection => ({ kind: "recipe", name, said }));
  // "forget the samsung" keeps a disk; "forget fd" is an edit of the plan (agent/rules/edits.ts)
  if (forgets && !cues.has("keep") && !cues.has("negated") && !bareRefusal) {
    reading.protect.push(...found.filter((p) => p.kind === "disk"));
    return found.some((p) => p.kind === "disk");
  }

  // "actually" is a discourse marker: it lets go only in a clause that protects nothing itself
  // ("actually give lena sudo"), never in one that refuses ("actually no sudo for vince").
  if (
    released ||
    (soft && !cues.has("keep") && !cues.has("negated") && !cues.has("exclude") && !cues.has("nosudo"))
  ) {
    // Soft words ("actually") let go of a program or a privilege, never of a disk.
    if (released) {
      reading.release.push(...found);
      if (!found.length && o.pronoun) {
        const t = pronounTarget(ctx, facts, "any");
        if (t) reading.release.push(t);
      }
    }
    if (released || soft) {
      // "actually give lena sudo", "remove git after all": a positive request about them
      const sudoAsked = w.some((x) => SUDO_WORDS.has(x)) && !cues.has("nosudo");
      if (sudoAsked) for (const u of o.users) reading.release.push({ kind: "sudo", username: u, said });
      const removeAsked = w.some((x) => ["remove", "uninstall", "delete", "drop", "rid"].includes(x));
      if (removeAsked) reading.release.push(...recipeFound);
    }
    return false;
  }

  if (cues.has("nosudo") && everyone) {
    // every user the turn names ("users anna and ben, neither with sudo"); when it names none
    // ("neither of them gets sudo"), every user in the plan
    let users = namedUsers(text);
    if (!users.length) users = ctx.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
    for (const u of users) reading.protect.push({ kind: "sudo", username: u, said });
  } else if (cues.has("nosudo")) {
    const users = o.users.length ? o.users : [];
    if (!users.length && w.some((x) => ["him", "her", "them", "he", "she"].includes(x))) {
      // "user lena, definitely no sudo for her": the user this turn named comes first
      const all = tokenize(text).map((t) => t.norm);
      for (let i = all.length - 1; i > 0 && !users.length; i--)
        if (
          ["user", "usr", "called", "named"].includes(all[i - 1]!) &&
          /^[a-z_][a-z0-9_-]{1,31}$/.test(all[i]!) &&
          !USER_STOP.has(all[i]!)
        )
          users.push(all[i]!);
      for (let i = ctx.entities.length - 1; i >= 0 && !users.length; i--)
        if (ctx.entities[i]!.kind === "user") {
          users.push(ctx.entities[i]!.value);
          break;
        }
    }
    // "user vince with sudo and user lena, lena gets no sudo": the name the refusal follows
    if (!users.length) users.push(...refusedRightAfter(text));
    if (!users.length) {
      // "user mom no sudo", "kim, no admin": the name somewhere in the turn
      const all = tokenize(text).map((t) => t.norm);
      for (let i = 0; i < all.length; i++)
        if (
          (["user", "usr", "called", "named", "for", "from"].includes(all[i - 1] ?? "") ||
            (all[i - 1] === "is" && all[i - 2] === "name")) &&
          /^[a-z_][a-z0-9_-]{1,31}$/.test(all[i]!) &&
          !notAName(all[i]!) &&
          !STOP.has(all[i]!)
        )
          if (!USER_STOP.has(all[i]!)) users.push(all[i]!);
      if (!users.length) {
        const first = w.find(
          (x, i) =>
            !cueAt.has(i) &&
            /^[a-z_][a-z0-9_-]{1,31}$/.test(x) &&
            // "boss says interns get no admin": who relays the wish is not whom it refuses
            !RELAYS.test(w[i + 1] ?? "") &&
            !USER_STOP.has(x) &&
            !SUDO_WORDS.has(x) &&
            !NEGATORS.has(x) &&
            !notAName(x) &&
            !REVOKE.has(x) &&
            // "add usr lena no sudo": the request's own words are nobody's name
            !VOCABULARY.includes(x) &&
            !INSTALL_VERBS.has(x) &&
            ![
              "usr",
              "new",
              "make",
              "set",
              "for",
              "just",
              "a",
              "please",
              "with",
              "as",
              "should",
              "get",
              "have",
              "has",
              "be",
              "is",
              "do",
              "give",
            ].includes(x),
        );
        if (first) users.push(first);
      }
    }
    for (const u of users) reading.protect.push({ kind: "sudo", username: u, said });
  }
  const keeping = cues.has("keep") || cues.has("negated") || cues.has("exclude") || cues.has("alongside");
  if (!keeping) return false;
  if (cues.has("alongside") && !cues.has("keep") && !cues.has("negated") && !cues.has("exclude")) {
    // "install next to windows", "dual boot": what is on the disk stays; the disk itself may be used.
    let contents = found.filter((p) => p.kind === "partitions");
    if (!contents.length && !o.disks.length) {
      contents = [];
      for (const d of facts.disks)
        for (const p of d.partitions ?? [])
          if (p.os && !contents.some((c) => c.kind === "partitions" && c.disk === d.path))
            contents.push({ kind: "partitions", disk: d.path, what: p.os, said });
    }
    reading.protect.push(...contents.map((c) => (c.kind === "partitions" ? { ...c, beside: true } : c)));
    reading.alongside = true;
    return false;
  }
  const recipeCue =
    cues.has("keep") || cues.has("exclude") || (cues.has("negated") && !DISK_ONLY.has(destroyVerb ?? ""));
  if (recipeCue) reading.protect.push(...recipeFound);
  reading.protect.push(...found);
  if (!found.length && !recipeFound.length && o.pronoun) {
    const kind =
      destroyVerb && ["remove", "uninstall", "delete", "purge"].includes(destroyVerb)
        ? "recipe"
        : cues.has("keep")
          ? "any"
          : "disk";
    const t = pronounTarget(ctx, facts, kind);
    if (t) reading.protect.push({ ...t, said });
  }
  return true;
}

/** One line a person reads: what a protection keeps. */
export function describeProtection(p: Protection, facts: Facts): string {
  switch (p.kind) {
    case "disk": {
      const d = facts.disks.find((x) => x.path === p.disk);
      return `${d ? describeDisk(d) : p.disk}, not touched`;
    }
    case "partitions": {
      const d = facts.disks.find((x) => x.path === p.disk);
      const parts = (d?.partitions ?? []).map((x) => x.path);
      return `${p.what} on ${p.disk}${parts.length ? ` (${parts.join(", ")} stay as they are)` : " (its partitions stay as they are)"}`;
    }
    case "recipe":
      return `${p.name}, not removed`;
    case "sudo":
      return `${p.username} without sudo`;
  }
}
