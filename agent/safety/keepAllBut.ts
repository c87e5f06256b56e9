import type { Facts } from "../../facts/schema.js";
import type { PlanCall } from "../types.js";
import { disksNamedIn } from "./eraseAim.js";
import { excepted } from "./eraseExclusions.js";
import type { Protection, Reading } from "./types.js";

/**
 * A keep whose object is a set minus named exceptions (attacker 12 #3): "keep everything except the
 * nvme", "don't touch any disk but sdb", "leave all drives alone apart from the WD", "everything but
 * the nvme stays", "only the nvme may be erased", "leave the other disks alone, use the nvme". The
 * choice of the excepted disk was read (rules/onlyExcept.ts), but the keep of the rest was not: a
 * later "use sdb" + "yes" then erased a disk the person had kept, behind only the generic "holds
 * data" question. Here the set is spelled out: every usable disk of the machine but the exceptions is
 * kept, each as "keep sda and sdb" keeps it, so later turns refuse them the same way.
 *
 * Grammar, not wordings: a keep cue (a keep verb, or a destroy verb under a negation), a set (a
 * totality word, or "the other disks"), an exception word and what it names. The exceptions must
 * name disks of this machine (or the set must say "disks"); a set scoped to one disk ("everything
 * on sda except windows") or to partitions or programs keeps nothing here. Only ever adds keeps.
 */

/** Words that keep what follows them. */
const KEEP = /^(?:keep|keeping|leave|leaving|spare|sparing|protect|preserve|retain|hold|save|saving)$/;
/** Verbs that destroy or change a disk: a keep when negated ("don't touch anything but sdb"). */
const DESTROY =
  /^(?:touch|wipe|erase|format|reformat|nuke|overwrite|delete|destroy|use|change|modify|mess|repartition|partition|clear|zap|trash|install|put)$/;
const HARD_NEGATOR = /^(?:dont|not|never|shouldnt|mustnt|wont|cant)$/;
/** The whole lot. */
const TOTAL = /^(?:everything|anything|all|every|rest|others|everythin|evrything|any|other|remaining)$/;
/** Words that may stand in a set phrase besides its totality word. */
const SET_FILLER =
  /^(?:the|my|of|these|those|them|it|else|other|others|disks?|drives?|ssds?|hdds?|ones?|devices?|storage|here|in|this|machine|box|computer|pc|remaining)$/;
const DISK_NOUN = /^(?:disks?|drives?|ssds?|hdds?|devices?|storage)$/;
/** Words that finish a keep of what comes before them ("alone", "as they are"). */
const STILL = /^(?:alone|untouched|intact|safe|be|as|is|are|unchanged)$/;
/** Exception words, one or two. */
const EXCEPT_ONE = /^(?:except|excepting|excluding|besides|barring|but|bar|save|minus|sans)$/;
const EXCEPT_TWO =
  /^(?:except for|apart from|aside from|other than|save for|with the|but for|leaving out|other then)$/;
/** Where an exception's object ends. */
const OBJECT_END =
  /^(?:,|and|then|so|because|cause|since|as|i|im|ive|you|u|we|is|are|can|could|should|will|would|must|may|gets?|has|have|alone|untouched|intact|stays?|remains?|use|install|put|wipe|erase|format|nuke|which|that|thats|its|please|pls|thanks|thx|not|but|also|too|to)$/;
/** A predicate that keeps its subject ("everything but the nvme stays"). */
const KEEP_PRED =
  /^(?:stays?|remains?|untouched|alone|intact|safe|kept|preserved|protected|limits|sacred|unchanged)$/;
/** What may only be done to the disk named after "only": the rest is kept. */
const ONLY_VERB =
  /^(?:erased?|wiped?|formatted|format|reformatted|touched|touch|nuked?|overwritten|overwrite|changed|modified|go|goes|used|repartitioned)$/;
const MODAL = /^(?:may|can|could|should|shall|will|is|are|gets?|to|be|allowed|ok|okay|fine|meant)$/;

function words(sentence: string): string[] {
  return (
    sentence
      .toLowerCase()
      .replace(/[’`]/g, "'")
      .replace(/(\w)'(\w)/g, "$1$2")
      .match(/[a-z0-9/_+-]+|,/g) ?? []
  );
}

/** The exception at `i` ("except", "apart from"): how many words it takes, or 0. */
function exceptAt(w: readonly string[], i: number): number {
  if (EXCEPT_TWO.test(`${w[i]} ${w[i + 1] ?? ""}`)) {
    // "with the exception of"
    if (w[i] === "with") return w[i + 2] === "exception" && w[i + 3] === "of" ? 4 : 0;
    return 2;
  }
  // "but not" is a restriction of a request, never an exception to a keep
  if (w[i] === "but" && w[i + 1] === "not") return 0;
  return EXCEPT_ONE.test(w[i] ?? "") ? 1 : 0;
}

/** The words of an exception's object from `from` to where it ends (a list goes on past "and"). */
function objectFrom(w: readonly string[], from: number): string[] {
  const out: string[] = [];
  for (let k = from; k < w.length; k++) {
    const x = w[k]!;
    // "except sda and sdb", "but the nvme, sdb": a list of disks goes on
    if (
      (x === "and" || x === ",") &&
      k + 1 < w.length &&
      !OBJECT_END.test(w[k + 1] === "the" ? (w[k + 2] ?? "") : w[k + 1]!)
    ) {
      out.push(x);
      continue;
    }
    if (OBJECT_END.test(x)) break;
    out.push(x);
  }
  return out;
}

/**
 * A set phrase starting at `i`: its end (exclusive) and whether it says disks, or undefined when
 * the words there are no set ("everything on sda", "all my photos", "the rest to you").
 */
function setAt(w: readonly string[], i: number): { end: number; disks: boolean } | undefined {
  let k = i;
  let total = false;
  let disks = false;
  while (k < w.length && (TOTAL.test(w[k]!) || SET_FILLER.test(w[k]!))) {
    // "the other one" is one disk, a choice; "in" only as "in here", "in this machine"
    if (w[k] === "in" && !/^(?:here|this|the|my)$/.test(w[k + 1] ?? "")) break;
    if (TOTAL.test(w[k]!)) total = true;
    if (DISK_NOUN.test(w[k]!)) disks = true;
    k++;
  }
  if (!total || k === i) return undefined;
  // "the other one(s)" without a totality word proper is a choice, not a set
  const head = w.slice(i, k);
  if (
    head.some((x) => x === "one") ||
    (head.includes("other") &&
      !head.some((x) => /^(?:all|every|rest|others|disks|drives|ssds|hdds|devices|ones|any)$/.test(x)))
  )
    return undefined;
  // "any" alone asks ("is any disk empty"): only with a disk noun or after a negated verb (caller)
  return { end: k, disks };
}

/** A keep cue ending right before `i`: a keep verb, or a destroy verb a negation governs. */
function keepCueBefore(w: readonly string[], i: number): boolean {
  const v = w[i - 1];
  if (!v) return false;
  // "leave out everything but X" drops; "hands off everything but X" keeps
  if (KEEP.test(v)) return true;
  if (v === "off" && w[i - 2] === "hands") return true;
  if (DESTROY.test(v)) {
    let j = i - 2;
    while (j >= 0 && /^(?:you|dare|please|pls|to|be|ever|even)$/.test(w[j]!)) j--;
    if (j >= 0 && HARD_NEGATOR.test(w[j]!)) return true;
    if (j >= 1 && w[j] === "not" && w[j - 1] === "do") return true;
  }
  return false;
}

function usable(facts: Facts): string[] {
  return facts.disks.filter((d) => !d.liveMedium).map((d) => d.path);
}

/** The disks an exception's words name, or [] when they name none of this machine's. */
function exceptedDisks(phrase: string[], facts: Facts): string[] {
  const text = phrase.filter((x) => x !== ",").join(" ");
  if (!text) return [];
  const found = excepted(text, facts);
  const out = new Set<string>((found ?? []).map((f) => f.disk.path));
  for (const p of disksNamedIn(text, facts)) out.add(p);
  return [...out];
}

/** The disks kept by the sets minus exceptions of one sentence, with the words that said it. */
function sentenceKeeps(
  sentence: string,
  rest: string,
  facts: Facts,
  pending: readonly PlanCall[],
): { kept: string[]; excepted: string[] } {
  const w = words(sentence);
  const all = usable(facts);
  const kept = new Set<string>();
  const exceptions = new Set<string>();
  const keepAllBut = (except: string[]) => {
    if (!except.length) return;
    for (const d of except) exceptions.add(d);
    for (const d of all) if (!except.includes(d)) kept.add(d);
  };
  for (let i = 0; i < w.length; i++) {
    // "keep everything except the nvme", "don't touch any disk but sdb", "leave all drives alone
    // apart from the WD", "hands off everything, except the nvme"
    if (keepCueBefore(w, i)) {
      const set = setAt(w, i);
      if (!set) continue;
      // "any" is a set only after a negated verb or with a disk noun ("keep any photos" is none)
      if (w[i] === "any" && !set.disks && KEEP.test(w[i - 1] ?? "")) continue;
      let k = set.end;
      while (
        k < w.length &&
        (STILL.test(w[k]!) || /^(?:it|they|is|are|were|was|as)$/.test(w[k]!)) &&
        k < set.end + 4
      )
        k++;
      if (w[k] === ",") k++;
      const n = exceptAt(w, k);
      if (n) {
        keepAllBut(exceptedDisks(objectFrom(w, k + n), facts));
        continue;
      }
      // "leave everything but the nvme alone": the exception inside the keep
      const inner = exceptAt(w, set.end);
      if (inner) {
        keepAllBut(exceptedDisks(objectFrom(w, set.end + inner), facts));
        continue;
      }
      // "apart from the nvme, leave all disks alone": the exception said first
      const lead = leadingException(w, i - 1);
      if (lead.length) {
        keepAllBut(exceptedDisks(lead, facts));
        continue;
      }
      // "leave the rest to you", "leave the rest up to you", "leave everything else default": no keep
      if (/^(?:to|up|for|default|defaults|out|off|open)$/.test(w[set.end] ?? "")) continue;
      keepAllBut(others(w, i - 1, set, rest, facts, pending));
      continue;
    }
    // "erase nothing but the nvme", "touch nothing except sdb": a destroy verb whose object is none
    if (w[i] === "nothing" && DESTROY.test(w[i - 1] ?? "") && w[i - 1] !== "install" && w[i - 1] !== "put") {
      const n = exceptAt(w, i + 1);
      if (n) keepAllBut(exceptedDisks(objectFrom(w, i + 1 + n), facts));
      continue;
    }
    // "everything but the nvme stays", "all disks except nvme0n1 are off limits"
    const opensClause =
      i === 0 ||
      w[i - 1] === "," ||
      w[i - 1] === "and" ||
      (w[i - 1] === "the" && (i === 1 || w[i - 2] === "," || w[i - 2] === "and"));
    if (opensClause && TOTAL.test(w[i]!) && w[i] !== "any") {
      const set = setAt(w, i);
      if (!set) continue;
      const n = exceptAt(w, set.end);
      if (!n) {
        // "all other drives stay", "the others are off limits": the others of the request beside it
        const after = w.slice(set.end, set.end + 4);
        if (after.some((x) => KEEP_PRED.test(x)) && !after.some((x) => HARD_NEGATOR.test(x)))
          keepAllBut(others(w, i, set, rest, facts, pending));
        continue;
      }
      const obj = objectFrom(w, set.end + n);
      const after = w.slice(set.end + n + obj.length, set.end + n + obj.length + 6);
      const keeps =
        after.some((x) => KEEP_PRED.test(x)) ||
        after.some(
          (x, j) => HARD_NEGATOR.test(x) && after.slice(j + 1, j + 4).some((y) => ONLY_VERB.test(y)),
        );
      if (keeps) keepAllBut(exceptedDisks(obj, facts));
      continue;
    }
    // "only the nvme may be erased", "only nvme0n1 can go", "nothing but the WD may be wiped"
    if (w[i] === "only" || (w[i] === "nothing" && (w[i + 1] === "but" || w[i + 1] === "except"))) {
      const from = w[i] === "only" ? i + 1 : i + 2;
      let k = from;
      while (k < w.length && !MODAL.test(w[k]!) && w[k] !== ",") k++;
      if (k === from || k >= w.length || w[k] === ",") continue;
      let v = k;
      while (v < w.length && MODAL.test(w[v]!) && v < k + 4) v++;
      if (!ONLY_VERB.test(w[v] ?? "")) continue;
      keepAllBut(exceptedDisks(w.slice(from, k), facts));
    }
  }
  return { kept: [...kept].filter((d) => !exceptions.has(d)), excepted: [...exceptions] };
}

/** "apart from the nvme, leave …": an exception that opens the sentence, up to its comma. */
function leadingException(w: readonly string[], cue: number): string[] {
  const comma = w.lastIndexOf(",", cue);
  if (comma < 1) return [];
  for (let i = 0; i < comma; i++) {
    const n = exceptAt(w, i);
    if (n && w.slice(0, i).every((x) => /^(?:ok|okay|so|and|well|right|alright|but)$/.test(x)))
      return w.slice(i + n, comma).filter((x) => x !== ",");
  }
  return [];
}

/**
 * "leave the other disks alone, use the nvme", "install on sdb, keep everything else": the set is
 * every disk but those another clause of the sentence names; a set that says disks ("the other
 * drives") may also mean every disk but the one the plan installs on. Nothing when neither is known.
 */
function others(
  w: readonly string[],
  start: number,
  set: { end: number; disks: boolean },
  rest: string,
  facts: Facts,
  pending: readonly PlanCall[],
): string[] {
  const head = w.slice(start, set.end);
  if (!head.some((x) => /^(?:other|others|rest|remaining|else)$/.test(x))) return [];
  const outside = [...w.slice(0, Math.max(0, start)), ",", ...w.slice(set.end)].join(" ");
  let named = disksNamedIn(outside, facts);
  // "use the nvme; the others are off limits": the request may be a sentence of its own
  if (!named.length) named = disksNamedIn(rest, facts);
  const target = pending.flatMap((c) => (c.tool === "partitionDisk" ? [c.args.disk] : []));
  // "root on /dev/sda, the rest stays" (the rest of a layout): a set that does not say disks never
  // keeps the disk the plan installs on
  if (!set.disks && target.some((d) => !named.includes(d))) return [];
  if (named.length || !set.disks) return named;
  return target;
}

/** The disk keeps the words' sets minus exceptions make, in live mode, and the excepted disks. */
export function readSetKeeps(
  text: string,
  facts: Facts,
  pending: readonly PlanCall[] = [],
): { keep: Protection[]; excepted: string[] } {
  const keep: Protection[] = [];
  const excepted = new Set<string>();
  if (facts.mode !== "live") return { keep, excepted: [] };
  const sentences = text.split(/[.;!?]+(?:\s|$)|\n/);
  for (const [n, sentence] of sentences.entries()) {
    const said = sentence.trim();
    const rest = sentences.filter((_, m) => m !== n).join(". ");
    const found = sentenceKeeps(sentence, rest, facts, pending);
    for (const d of found.excepted) excepted.add(d);
    for (const disk of found.kept)
      if (!keep.some((p) => p.kind === "disk" && p.disk === disk)) keep.push({ kind: "disk", disk, said });
  }
  return { keep: keep.filter((p) => p.kind === "disk" && !excepted.has(p.disk)), excepted: [...excepted] };
}

/**
 * The reading with the set keeps added, where nothing releases that disk. A disk the set excepts
 * is no keep of this turn: "apart from the nvme, leave all disks alone" had kept the nvme (an
 * exception read as what is kept, as it is in "wipe everything but the backup") and so every disk,
 * or asked which of the kept disks to erase. Keeps of earlier turns are untouched.
 */
export function withSetKeeps(
  reading: Reading,
  text: string,
  facts: Facts,
  pending: readonly PlanCall[] = [],
): Reading {
  const set = readSetKeeps(text, facts, pending);
  if (!set.keep.length) return reading;
  const add = set.keep.filter(
    (p) =>
      p.kind === "disk" &&
      !reading.protect.some((q) => q.kind === "disk" && q.disk === p.disk) &&
      !reading.release.some((q) => "disk" in q && q.disk === p.disk),
  );
  const protect = reading.protect.filter((q) => !("disk" in q && set.excepted.includes(q.disk)));
  return { ...reading, protect: [...protect, ...add] };
}
