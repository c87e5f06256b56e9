import type { Facts } from "../../facts/schema.js";
import { splitClauses } from "../rules/clauses.js";
import { describeDisk } from "../rules/disks.js";
import { closest, type Token, tokenize } from "../rules/text.js";
import { INSTALL_VERBS, VOCABULARY } from "../rules/vocab.js";
import type { Entity } from "../types.js";
import { type Cue, findCues, namesThing, negatedAt, words } from "./clauseCues.js";
import { diskProtection, type Objects, objectsOf, pronounTarget } from "./clauseObjects.js";
import { bareListItem, factNames } from "./commaList.js";
import { countedKeepDisks, pluralCount } from "./countedKeep.js";
import { disuse, erasedOutright, keepContentsForFreeSpace } from "./erasing.js";
import { letsGo as informedLetGo } from "./informedConsent.js";
import { withKeepOrUseAnswer } from "./keepOrUseAnswer.js";
import { withoutSteeringNames } from "./keptNotes.js";
import {
  CLAUSE_VERBS,
  CONTINUATION_MARKS,
  CUE_WORDS,
  DESTROY_VERBS,
  DISK_ONLY,
  KEEP_VERBS,
  NEGATORS,
  RELEASE_PHRASES,
  SOFT_RELEASE,
  SUDO_WORDS,
} from "./lexicon.js";
import { governedItems } from "./listKeeps.js";
import { withPartitionRefs } from "./partitionRefs.js";
import { endsSentence, pluralObject } from "./pluralKeep.js";
import type { ReadContext } from "./readContext.js";
import { withRecipeRefs } from "./recipeRefs.js";
import { refusedSudoUsers } from "./refusedSudoUsers.js";
import { withoutGranted } from "./sudoReader.js";
import { withSudoWithdrawal } from "./sudoWithdrawal.js";
import { type Protection, type Reading, sameProtection } from "./types.js";

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

/** A person's words of speech: real words, never a cue's typo after anything but a program. */
const SPEECH = new Set(["says", "said", "saying", "tells", "told", "asks", "asked", "thinks"]);

/** Tokens with cue typos corrected and negated contractions ("dont", "shouldnt") made one "not". */
function normalize(
  text: string,
  known: ReadonlySet<string>,
  diskWords: readonly string[] = [],
  programs: ReadonlySet<string> = new Set(),
): Token[] {
  const out: Token[] = [];
  const all = tokenize(text);
  for (const [k, t] of all.entries()) {
    if (t.kind !== "word") {
      out.push(t);
      continue;
    }
    let norm = t.norm;
    // "wei says btop is useless", "my friend says git is slow": a person's "says" before a
    // program's name is no typo of "stays" (dev26 h25-161 kept btop on it, and refused its removal
    // a turn later); after a program's own name ("git says") or before anything else ("lsblk
    // says sda ...": sda stays kept) it is read as before
    const spoken =
      SPEECH.has(norm) &&
      !programs.has(out.at(-1)?.norm ?? "") &&
      programs.has(all.slice(k + 1).find((x) => x.kind === "word")?.norm ?? "");
    if (norm.length >= 4 && !known.has(norm) && !NEGATORS.has(norm) && !spoken) {
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
  // "never touch the WD or the samsung", "don't wipe sda nor sdb": under a keep, "or" and "nor" join
  // a list as "and" does (tester 17 D1: only the last disk was kept, and a pick + yes erased the
  // first); the clause after them carries the keep (continuesList reads the separator)
  const joined = tokens.map((t, i) =>
    t.kind === "word" &&
    (t.norm === "or" || t.norm === "nor") &&
    i > 0 &&
    !EITHER.has(tokens[i - 2]?.norm ?? "")
      ? { ...t, norm: "and" }
      : t,
  );
  // "keep git i need it for work just tmux": "just"/"only" after what the keep named opens the
  // other part ("just tmux" goes on being removed); it stays the keep's own word right after a verb
  // ("keep just git")
  const focused = joined.flatMap((t, i) =>
    t.kind === "word" &&
    (t.norm === "just" || t.norm === "only") &&
    i > 1 &&
    joined[i - 1]?.kind === "word" &&
    !actionVerb(joined[i - 1]!.norm) &&
    !KEEP_VERBS.has(joined[i - 1]!.norm)
      ? [{ kind: "punct" as const, raw: ".", norm: ".", start: t.start, end: t.start }, t]
      : [t],
  );
  return splitClauses(focused, { and: "always" }).map((c) => ({ tokens: c.units, sep: c.sep }));
}
/** "either sda or sdb": a choice, not a list (its "or" is left to the readers). */
const EITHER = new Set(["either", "neither", "whether"]);

/**
 * "sdb too", "and the wd", "also fzf": a clause that asks for nothing of its own and says it is
 * more of the same. After a clause that keeps something it keeps what it names: the cue's scope is
 * the list, not the first item ("leave sda alone. sdb too." keeps both).
 */
export function continuesList(w: readonly string[], sep: string, names?: ReadonlySet<string>): boolean {
  const own = w
    .join(" ")
    .replace(/\bas well\b/g, "aswell")
    .split(" ")
    .filter(Boolean);
  if (!own.length || own.length > 6) return false;
  if (own.some((x) => actionVerb(x) || x === "?")) return false;
  const marked = own.some((x) => CONTINUATION_MARKS.has(x)) || ["and", "or", "nor", "plus"].includes(own[0]!);
  // "keep the crucial, the seagate": a comma joins a list as "and" does, for an item that asks
  // for nothing of its own (commaList.ts holds the safety argument)
  return (
    marked ||
    ["and", "or", "nor", "plus"].includes(sep) ||
    CONTINUATION_MARKS.has(sep) ||
    (names !== undefined && [",", "/"].includes(sep) && bareListItem(own, names))
  );
}

/** A word that asks for something done: a clause verb, an install or a destroy verb. */
function actionVerb(x: string): boolean {
  return CLAUSE_VERBS.has(x) || INSTALL_VERBS.has(x) || DESTROY_VERBS.has(x);
}

/** A clause that says what to do (install, erase, keep, make…), not only what it is about. */
function hasOwnVerb(w: readonly string[]): boolean {
  return w.some((x) => actionVerb(x) || KEEP_VERBS.has(x));
}

/** What the system is installed as or onto: "for the system", "for linux", "for root". */
const SYSTEM_PURPOSES = new Set([
  "system",
  "linux",
  "os",
  "root",
  "install",
  "installation",
  "levitate",
  "levitateos",
  "boot",
  "/",
]);

/**
 * "the two 20tb disks for /data, leave them alone" (tester 26 D1): "for" with a purpose other than
 * the system (data, backups, media) is no request, so the disks before it are still the list a
 * later "them" stands for; "the nvme for the system" stays a request and leaves the list.
 */
function withoutStoragePurpose(w: readonly string[]): string[] {
  return w.filter((x, i) => {
    if (x !== "for") return true;
    const next = ["the", "my", "a"].includes(w[i + 1] ?? "") ? w[i + 2] : w[i + 1];
    return next === undefined || SYSTEM_PURPOSES.has(next);
  });
}

/** The disks the plan erases whole: what "that disk" points at when nothing else is named. */
function erasingTargets(pending: ReadContext["pending"]): string[] {
  return pending.flatMap((c) =>
    c.tool === "partitionDisk" && (c.args.use === undefined || c.args.use === "whole")
      ? [String(c.args.disk)]
      : [],
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
  // "the hard drives stay" is not "harm" (tester 26 D1: the hard drives were read as nothing)
  "hard",
  // real words two letters from "keeping": "seeking the slower, bigger disk" asks for that disk
  // (dev26 h25-243 kept it, and the next turn erased the other disk). Only words no one types for
  // "keeping"; a typo of the cue itself ("keepng", "keping") is still read as the cue
  "seek",
  "seeks",
  "seeking",
  "needing",
  "meeting",
  "peeking",
  "reeking",
];

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
  const tokens = normalize(
    text,
    new Set([...known, ...VOCABULARY, ...NOT_CUES]),
    diskWords,
    new Set([...facts.recipes, ...facts.installed]),
  );
  const parts = splitWithSeparators(tokens);
  const names = factNames(facts);
  // "and fzf" after "keep jq": the turn before kept something, and this one only adds to the list
  let carry = false;
  const previous = ctx.turns?.at(-1)?.user;
  if (previous && parts.length && continuesList(words(parts[0]!.tokens), "")) {
    const before = readProtections(previous, facts, { pending: ctx.pending, entities: ctx.entities });
    carry = before.protect.some((p) => p.kind !== "sudo") && !before.alongside;
  }
  const here: Entity[] = [];
  // disks this sentence named before the clause read now ("A and B, leave both alone": pluralKeep.ts)
  let sentenceDisks: string[] = [];
  // plural keeps and the disks named alone as the place to install (countedKeep.ts), read at the end
  const pluralKeeps: { words: string[]; kept: string[]; said: string }[] = [];
  const installTargets = new Set<string>(
    ctx.pending.flatMap((c) => (c.tool === "partitionDisk" ? [String(c.args.disk)] : [])),
  );
  for (const part of parts) {
    if (endsSentence(part.sep)) sentenceDisks = [];
    // "not the samsung, the other nvme", "no, not sda, sdb": a bare "not X" before a comma is a
    // correction, and what follows it is the choice, not more of the list (commaList.ts)
    const prior = parts[parts.indexOf(part) - 1];
    const contrast = prior !== undefined && bareExclusion(words(prior.tokens));
    // "no keep it, nvme" (the nvme the new choice, dev h10m-036) reads like "leeve it, the
    // samsnug" (the samsung what "it" is, dev h21k-052): the keep wins in doubt, and the first
    // costs a question
    const own = continuesList(
      words(part.tokens),
      part === parts[0] ? "" : part.sep,
      contrast ? undefined : names,
    );
    const keptBefore = reading.protect.length;
    carry = readClause(
      here.length ? answerless(part.tokens) : part.tokens,
      text,
      facts,
      { ...ctx, here: [...here] },
      reading,
      known,
      carry && own,
    );
    const fresh = reading.protect.slice(keptBefore);
    if (carry && part.tokens.length)
      pluralKeeps.push({
        words: words(part.tokens),
        kept: fresh.flatMap((p) => (p.kind === "disk" || p.kind === "partitions" ? [p.disk] : [])),
        said: text.slice(part.tokens[0]!.start, part.tokens.at(-1)!.end),
      });
    // "the WD and the crucial both stay": the list may end in the keep's own clause
    const listed = new Set([...sentenceDisks, ...fresh.flatMap((p) => (p.kind === "disk" ? [p.disk] : []))]);
    // "2tb samsung, xfs, keep the two big ones": a count its own description meets takes nothing
    // from the list before it (tester 26 W4: the chosen target was kept with them)
    const ownDisks = fresh.filter((p) => p.kind === "disk").length;
    const ownCount = pluralCount(words(part.tokens));
    if (
      carry &&
      sentenceDisks.length &&
      listed.size >= 2 &&
      pluralObject(part.tokens) &&
      !(ownCount !== undefined && ownDisks >= ownCount)
    ) {
      const said = text.slice(part.tokens[0]!.start, part.tokens.at(-1)!.end);
      // "both" read as every system on every disk yields to the disks the sentence listed
      reading.protect.splice(
        keptBefore,
        fresh.length,
        ...fresh.filter((p) => p.kind !== "partitions" || listed.has(p.disk)),
      );
      for (const d of listed)
        if (!reading.protect.some((p) => p.kind === "disk" && p.disk === d))
          reading.protect.push(diskProtection(d, facts, said));
    }
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
    if (!carry && reading.protect.length === keptBefore && o.disks.length === 1)
      installTargets.add(o.disks[0]!.path);
    // only a list said without a verb is what a later "both" stands for ("install on the nvme, and
    // the WD and the elements both stay" keeps the WD and the elements, not the nvme)
    if (hasOwnVerb(withoutStoragePurpose(words(part.tokens)))) sentenceDisks = [];
    else for (const d of o.disks) if (!sentenceDisks.includes(d.path)) sentenceDisks.push(d.path);
    for (const r of o.recipes) here.push({ kind: "recipe", value: r, turn: -1 });
  }
  for (const k of pluralKeeps)
    for (const d of countedKeepDisks(k.words, k.kept, facts, installTargets))
      if (!reading.protect.some((p) => p.kind === "disk" && p.disk === d))
        reading.protect.push(diskProtection(d, facts, k.said));
  // "the seagate, toshiba and samsung stay": a keep said after its list keeps every item (listKeeps.ts)
  const listed = parts.map((p) => ({
    words: words(p.tokens),
    sep: p.sep,
    ownVerb: hasOwnVerb(withoutStoragePurpose(words(p.tokens))),
  }));
  listed.forEach((_, at) => {
    for (const i of governedItems(listed, at, endsSentence, names)) {
      const item = parts[i]!.tokens;
      if (!item.length) continue;
      const said = text.slice(item[0]!.start, parts[at]!.tokens.at(-1)!.end);
      const kept = nestedKeep(`keep ${text.slice(item[0]!.start, item.at(-1)!.end)}`, facts, ctx).filter(
        (p) => p.kind === "disk" || p.kind === "partitions" || p.kind === "recipe",
      );
      for (const p of kept)
        if (!reading.protect.some((q) => sameProtection(p, q))) reading.protect.push({ ...p, said });
    }
  });
  keepContentsForFreeSpace(reading, text, () => objectsOf(tokens, facts, ctx, new Set()), facts);
  // partitions, labels, lists, other words of keeping a system (agent/safety/partitionRefs.ts),
  // disks kept by a judgement or by what they hold ("the samsung is sacred", "sda has my backups"),
  // and programs kept by kind or pronoun in the sentence that removes them (agent/safety/recipeRefs.ts)
  // a word that steers the talk is no one's name ("sorry i meant without sudo"; keptNotes.ts)
  // the answer to my keep-or-use question, said again with no request, keeps (keepOrUseAnswer.ts)
  // a refused sudo withdrawn in words: a grant by name with an insistence, or after my reminder
  return withSudoWithdrawal(
    withKeepOrUseAnswer(
      withoutGranted(
        withoutSteeringNames(
          withRecipeRefs(
            withPartitionRefs(reading, text, facts, erasingTargets(ctx.pending), (phrase) =>
              nestedKeep(`keep ${phrase}`, facts, ctx).flatMap((p) => (p.kind === "disk" ? [p.disk] : [])),
            ),
            text,
            facts,
          ),
        ),
        text,
      ),
      text,
      facts,
      ctx.turns,
    ),
    text,
    ctx,
  );
}

/** "not the samsung", "no sda", "nah not that one": an exclusion with no verb of its own. */
function bareExclusion(w: readonly string[]): boolean {
  const k = w.findIndex(
    (x) => !["no", "nah", "nope", "wait", "actually", "ok", "so", "hmm", "oh"].includes(x),
  );
  const rest = w.slice(k < 0 ? w.length : k);
  return (
    (w.slice(0, k < 0 ? w.length : k).includes("no") || rest[0] === "not") &&
    !rest.some((x) => actionVerb(x) || KEEP_VERBS.has(x))
  );
}

/** How deep the reader reads its own "keep <phrase>" (list items, holding subjects). */
let nesting = 0;

/**
 * What "keep <phrase>" keeps, read by this reader one level down and no further: a phrase that
 * holds a list or a holding statement of its own is not read again (no endless reading).
 */
function nestedKeep(text: string, facts: Facts, ctx: ReadContext): Protection[] {
  if (nesting >= 1) return [];
  nesting++;
  try {
    return readProtections(text, facts, { pending: ctx.pending, entities: ctx.entities }).protect;
  } finally {
    nesting--;
  }
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
  const before = text.slice(0, clause[0]!.start);
  const release = letsGo(w, joined, before);
  if (disuse(joined, before) === "reason") return false;
  const soft = SOFT_RELEASE.some((p) => joined.includes(` ${p} `));
  const { cues, cueAt, destroyVerb, everyone } = findCues(
    w,
    ctx,
    known,
    clause.map((t) => t.raw.toLowerCase()),
  );
  const released = release && !cues.has("keep") && !cues.has("exclude");
  if (continued && !cues.size && !released) cues.add("keep");
  // "forget the samsung", "leave out the wd": said of a disk (read below), it is kept
  const forgets = w.some(
    (x, i) =>
      (x === "forget" || (x === "leave" && (w[i + 1] === "out" || w[i + 1] === "off"))) && i + 1 < w.length,
  );
  const informed = informedRelease(cues, destroyVerb, said, text.slice(clause.at(-1)!.end));
  if (forgets && !release && !cues.size) cues.add("exclude");
  const bareRefusal = w.some((x, i) => (x === "no" || x === "without") && namesThing(w, i + 1, known));
  if (!cues.size && !released && !soft && !informed) return false;

  const o = objectsOf(clause, facts, ctx, cueAt);
  const { found, recipeFound } = protectionsOf(o, said);
  // "forget windows", "i don't care about windows 7", "fedora can die": what is ON a disk, named
  // and let go in words of informedConsent.ts, is released (never a whole disk: "forget the
  // samsung" leaves the disk out, below)
  const contents = found.filter((p) => p.kind === "partitions");
  if (informed && contents.length && !o.disks.length) {
    reading.release.push(...contents);
    return false;
  }
  if (!cues.size && !released && !soft) return false;
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
    readRelease(w, o, found, recipeFound, released, soft, cues, ctx, facts, reading, said);
    return false;
  }

  if (cues.has("nosudo"))
    for (const u of refusedSudoUsers(w, text, ctx, o.users, cueAt, everyone))
      reading.protect.push({ kind: "sudo", username: u, said });
  return readKeep(cues, destroyVerb, o, found, recipeFound, ctx, facts, reading, said);
}

/**
 * The clause lets what it names go in words of informedConsent.ts, said plainly: not asked ("?"
 * after it), conditioned or hedged, with no keep or exclusion cue, and no negated verb but one of
 * disuse ("i never use it" refuses nothing; "don't wipe windows" is read as the keep it is).
 */
function informedRelease(
  cues: ReadonlySet<Cue>,
  destroyVerb: string | undefined,
  said: string,
  after: string,
): boolean {
  if (cues.has("keep") || cues.has("exclude") || cues.has("nosudo") || cues.has("alongside")) return false;
  if (cues.has("negated") && !/^(?:use|used|using|boot|need|needed|care|play|open)$/.test(destroyVerb ?? ""))
    return false;
  if (
    /^\s*\?/.test(after) ||
    /\b(?:if|unless|whether|maybe|might|perhaps|probably|dunno|not sure)\b/i.test(said)
  )
    return false;
  return informedLetGo(said);
}

/** Letting go: "windows can go", "i don't need what's on it", "forget about keeping the ssd". */
function letsGo(w: readonly string[], joined: string, before: string): boolean {
  return (
    RELEASE_PHRASES.some((p) => joined.includes(` ${p} `)) ||
    w.some((x, i) => KEEP_VERBS.has(x) && x.startsWith("keep") && negatedAt(w, i)) ||
    / (forget|stop) (about )?(keeping|protecting) /.test(joined) ||
    / no need to keep /.test(joined) ||
    disuse(joined, before) === "release"
  );
}

/** The disks and contents a clause names as protections (each disk once), and its programs. */
function protectionsOf(o: Objects, said: string): { found: Protection[]; recipeFound: Protection[] } {
  const found: Protection[] = [];
  for (const d of o.disks)
    if (!found.some((p) => p.kind === "disk" && p.disk === d.path))
      found.push({ kind: "disk", disk: d.path, said });
  for (const c of o.contents)
    if (!found.some((p) => p.kind === "partitions" && p.disk === c.disk.path))
      found.push({ kind: "partitions", disk: c.disk.path, what: c.what, said });
  const recipeFound = o.recipes.map((name): Protection => ({ kind: "recipe", name, said }));
  return { found, recipeFound };
}

/** A clause that lets go of what it names, or only softly ("actually") of a program or privilege. */
function readRelease(
  w: readonly string[],
  o: Objects,
  found: Protection[],
  recipeFound: Protection[],
  released: boolean,
  soft: boolean,
  cues: ReadonlySet<Cue>,
  ctx: ReadContext,
  facts: Facts,
  reading: Reading,
  said: string,
): void {
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
}

/**
 * "install linux next to windows": the system word names what is installed, and on a disk whose
 * systems the facts list, a name none of them has is no name for what stays (tester 24 R1: "Kept:
 * Linux on /dev/nvme0n1" for the Windows disk). The keep is the same disk's partitions either way;
 * only its name is taken from the facts.
 */
function systemOnDisk(c: { disk: string; what: string }, facts: Facts): string {
  const oses = [
    ...new Set(
      (facts.disks.find((d) => d.path === c.disk)?.partitions ?? []).flatMap((p) => (p.os ? [p.os] : [])),
    ),
  ];
  const said = c.what.toLowerCase();
  if (!oses.length || oses.some((o) => o.toLowerCase().includes(said) || said.includes(o.toLowerCase())))
    return c.what;
  return oses.join(" and ");
}

/** A clause that keeps: what it names (disks, contents, programs), or what its pronoun stands for. */
function readKeep(
  cues: ReadonlySet<Cue>,
  destroyVerb: string | undefined,
  o: Objects,
  found: Protection[],
  recipeFound: Protection[],
  ctx: ReadContext,
  facts: Facts,
  reading: Reading,
  said: string,
): boolean {
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
    reading.protect.push(
      ...contents.map((c) =>
        c.kind === "partitions" ? { ...c, what: systemOnDisk(c, facts), beside: true } : c,
      ),
    );
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
