import type { Disk, Facts } from "../../facts/schema.js";
import { resolveDisk } from "../rules/disks.js";
import { closest, type Token } from "../rules/text.js";
import { RELATIONS } from "../rules/userNames.js";
import { notAName } from "../rules/users.js";
import { words } from "./clauseCues.js";
import { disksHolding } from "./contentHolders.js";
import { DATA_WORDS, DISK_NOUNS, KNOWN_SYSTEMS, LABEL_NOISE, PRONOUNS } from "./lexicon.js";
import { isDeviceName } from "./partitionRefs.js";
import type { ReadContext } from "./readContext.js";
import { disksWithSystem, maybeHolding, systemWord } from "./systemDisks.js";
import type { Protection } from "./types.js";
import { USER_STOP } from "./userWords.js";

/**
 * What one clause of a keep is about (agent/safety/read.ts): the disks, the systems and files on
 * them, the programs and the users its words name, or a pronoun that stands for one of them.
 */

/** Verbs of keeping: the words of a keep, never the name of what it keeps. */
const KEEPING_VERBS = new Set(["keep", "keeps", "leave", "spare", "preserve", "protect", "retain", "save"]);

export interface Objects {
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

/** The things a clause names, the words at `cueAt` (the cue itself) aside. */
export function objectsOf(
  clause: readonly Token[],
  facts: Facts,
  ctx: ReadContext,
  cueAt: Set<number>,
): Objects {
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
  const data =
    (restWords.some((x) => DATA_WORDS.has(x)) && restWords.some((x) => x === "my" || x === "on")) ||
    ownedOpenNoun(w, cueAt, o.recipes) ||
    // "keep /home" (the slash is not kept in the words), "keep the home partition"; "keep /home
    // separate" asks for a layout, not a keep
    (restWords.includes("home") && !restWords.some((x) => LAYOUT_WORDS.has(x)));
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
    // "keep my backup": the disk labelled for it, where the facts show one (./contentHolders.ts)
    const holders = disksHolding(restWords, facts);
    if (holders.length) o.contents.push(...holders);
    else for (const d of maybeHolding(facts)) o.contents.push({ disk: d, what: "your files" });
  }
  const pron = restWords.findIndex((x) => PRONOUNS.has(x));
  const after = restWords[pron + 1];
  // "spare it for now", "leave it until the backup is done": time said after the pronoun
  // (tester 18: the keep was lost and the disk named before it became the install's target)
  const timed =
    (after === "for" && TIME_AFTER_FOR.has(restWords[pron + 2] ?? "")) ||
    [
      "until",
      "till",
      "til",
      "forever",
      "today",
      "tonight",
      "meanwhile",
      "though",
      "thanks",
      "thx",
      "over",
    ].includes(after ?? "");
  if (
    pron >= 0 &&
    (after === undefined ||
      timed ||
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

/** "for now", "for the moment", "for a while", "for good": time, not a purpose, after "keep it". */
const TIME_AFTER_FOR = new Set([
  "now",
  "the",
  "a",
  "good",
  "later",
  "today",
  "tonight",
  "this",
  "awhile",
  "ever",
  "sure",
  "real",
  "once",
  "tomorrow",
]);

/** The disk or program a pronoun stands for: the pending destructive call, else the last mention. */
export function pronounTarget(
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

export function diskProtection(path: string, _facts: Facts, said: string): Protection {
  return { kind: "disk", disk: path, said };
}

/**
 * "keep my /home", "keep my vms", "keep my home folder", "keep my steam library": what a person
 * calls theirs is theirs, whatever the noun (dev29 h28k-047: "reinstall over ubuntu but keep my
 * /home" erased the one partition /home lived on). After "my"/"our", any word that is no function
 * word, disk noun, program or system counts as the person's data; a directory path said in a keep
 * does too. Safety: this only ever keeps, so an erase of the disk asks or explains instead.
 */
function ownedOpenNoun(
  w: readonly string[],
  cueAt: ReadonlySet<number>,
  programs: readonly string[],
): boolean {
  return w.some((x, k) => {
    if (x !== "my" && x !== "our") return false;
    // the object of the keep itself ("keep my vms", "don't lose our home folder"), not any "my"
    // of the clause ("my wife says keep it")
    if (![1, 2].some((d) => cueAt.has(k - d))) return false;
    for (const y of w.slice(k + 1, k + 3)) {
      if (NOT_OWNED.has(y) || RELATIONS.has(y) || DISK_NOUNS.has(y) || programs.includes(y) || systemWord(y))
        return false;
      if (/^[a-z/][a-z0-9/_.-]+$/.test(y) && !OWNED_ADJ.has(y)) return true;
    }
    return false;
  });
}
/** Words after "my" that are no possession of data ("keep my word", "keep my settings" stays data). */
const NOT_OWNED = new Set([
  "own",
  "word",
  "promise",
  "mind",
  "way",
  "eye",
  "eyes",
  "fingers",
  "hands",
  "user",
  "username",
  "account",
  "password",
  "name",
  "keyboard",
  "layout",
  "language",
  "locale",
  "timezone",
  "time",
  "hostname",
  "computer",
  "machine",
  "pc",
  "laptop",
  "system",
  "install",
  "setup",
  "plan",
  "choice",
  "options",
  "disk",
  "drive",
]);
const LAYOUT_WORDS = new Set(["separate", "separately", "own", "apart", "split", "dedicated", "subvolume"]);
/** Adjectives between "my" and the noun ("my old vms", "my whole home"). */
const OWNED_ADJ = new Set([
  "old",
  "whole",
  "entire",
  "current",
  "existing",
  "personal",
  "precious",
  "important",
  "own",
  "main",
  "other",
  "new",
  "work",
  "school",
]);
