import type { Disk, Facts } from "../../facts/schema.js";
import { resolveDisk } from "../rules/disks.js";
import { tokenize } from "../rules/text.js";
import { type Found, foundIn } from "./partitionRefs.js";
import { maybeHolding } from "./systemDisks.js";
import type { Protection, Reading } from "./types.js";

/**
 * "wipe everything except the backup", "nuke it all apart from windows", "erase all of it bar the
 * media drive", "besides ubuntu, format the lot" (tester 8 D1): the words erase and make an
 * exception, and the exception is what they keep. Read here for every exclusion word in either
 * position, so the exception protects its disk (or what is on it) like "keep the backup" does:
 * the screen and the conversation then refuse an erase of it and say why, whichever reader took
 * the excepted word for the disk to use.
 */

/** Words that say "the whole lot" before or after an exception. */
const TOTALITY =
  /^(?:everything|anything|all|lot|whatever|whichever|rest|every|entire|whole|both|everythin|evrything)$/;

/** Exception words that are exceptions anywhere in a sentence that also says "everything". */
const EXCEPT_ONE = /^(?:except|excepting|excluding|besides|barring|sans)$/;
const EXCEPT_TWO = /^(?:apart from|aside from|other than|save for|except for|not including|but not|bar for)$/;
/**
 * Words that are exceptions only right after "everything" / "it all" / "the lot" ("everything but
 * the backup", "it all bar windows", "all of it minus sdb"); elsewhere they mean other things.
 */
const EXCEPT_AFTER_ALL = /^(?:but|bar|minus|save|less|without)$/;

/** Where an exception's object ends: a new request, a reason, a judgement. */
const OBJECT_END =
  /^(?:install|put|use|wipe|erase|nuke|format|reformat|delete|clear|destroy|kill|trash|remove|go|goes|just|then|so|because|cause|cos|coz|since|as|i|im|ive|you|u|we|is|are|can|could|should|will|would|gets|get|got|has|have|fine|ok|okay|need|want|wanna|thats|its|if)$/;

/** What people call the data on a disk labelled for media. */
const MEDIA_WORDS = new Set([
  "media",
  "movies",
  "movie",
  "films",
  "film",
  "videos",
  "video",
  "photos",
  "pictures",
  "pics",
  "music",
  "tv",
]);

/** Verbs that erase, in the forms people type them. */
const ERASE =
  /^(?:wip(?:e|es|ed|ing)|eras(?:e|es|ed|ing)|nuk(?:e|es|ed|ing)|(?:re)?format(?:s|ted|ting)?|delet(?:e|es|ed|ing)|clear|destroy|kill|trash|blow|overwrite|scrub|zap|flatten|obliterate|bin|torch|reinstall|repartition)$/;

export interface Exception {
  /** The words after the exception word, up to where the exception ends. */
  phrase: string;
  /** Its sentence erases ("wipe", "nuke", "format"…), not only chooses ("any disk but sda"). */
  erases: boolean;
}

/** The exceptions a sentence makes to "everything": the words after each exception word. */
export function exceptedPhrases(text: string): string[] {
  return exceptions(text).map((e) => e.phrase);
}

export function exceptions(text: string): Exception[] {
  const out: Exception[] = [];
  for (const sentence of text.toLowerCase().split(/[.;!?]+(?:\s|$)|\n/)) {
    const w = sentence.replace(/[’`]/g, "'").match(/[a-z0-9/_+-]+(?:'[a-z]+)?|,/g) ?? [];
    if (!w.some((x) => TOTALITY.test(x))) continue;
    const erases = w.some((x) => ERASE.test(x));
    for (let i = 0; i < w.length; i++) {
      const two = `${w[i]} ${w[i + 1] ?? ""}`;
      let from = -1;
      if (EXCEPT_TWO.test(two)) from = i + 2;
      else if (EXCEPT_ONE.test(w[i]!)) from = i + 1;
      else if (EXCEPT_AFTER_ALL.test(w[i]!) && (afterAll(w, i) || opens(w, i))) from = i + 1;
      if (from < 0) continue;
      const leads = !w.slice(0, i).some((x) => TOTALITY.test(x));
      const object: string[] = [];
      for (let k = from; k < w.length; k++) {
        const x = w[k]!;
        if (OBJECT_END.test(x)) break;
        // "except the backup, wipe it", "except windows, the rest can go": the comma ends it when
        // the exception came first or what follows is no further item of a list
        if (x === ",") {
          if (leads || !listGoesOn(w, k + 1)) break;
          continue;
        }
        object.push(x);
      }
      if (object.length) out.push({ phrase: object.join(" "), erases });
    }
  }
  return out;
}

/** "bar the backup, format the lot": an exception word that opens the sentence, before a comma. */
function opens(w: readonly string[], i: number): boolean {
  const head = w.slice(0, i).every((x) => /^(?:ok|okay|so|and|well|right|alright)$/.test(x));
  const comma = w.indexOf(",", i);
  return head && comma > i + 1 && w.slice(comma).some((x) => TOTALITY.test(x));
}
/** "everything but", "it all bar", "all of it minus", "the lot save", "everything else but". */
function afterAll(w: readonly string[], i: number): boolean {
  const before = w.slice(Math.max(0, i - 3), i).filter((x) => !/^(?:else|of|it|the|disks?|drives?)$/.test(x));
  return before.length > 0 && TOTALITY.test(before.at(-1)!);
}

/** After a comma: "the media, and the backup" goes on; "the backup, install on sda" does not. */
function listGoesOn(w: readonly string[], k: number): boolean {
  for (let j = k; j < w.length && w[j] !== ","; j++) if (OBJECT_END.test(w[j]!)) return false;
  return k < w.length;
}

/** Words for "the system already there" that name no system: "the os", "the linux i have". */
const ANY_SYSTEM = new Set(["os", "system", "systems", "install", "installation", "distro", "linux", "oses"]);

/**
 * The disks and what is on them that an excepted phrase names; undefined when it names nothing
 * the facts place ("my stuff", "the old files"). An empty list: it names only the live medium.
 */
export function excepted(phrase: string, facts: Facts): Found[] | undefined {
  const w = phrase.split(/\s+/).filter(Boolean);
  const found = foundIn(w, facts);
  const add = (f: Found) => {
    if (!found.some((x) => x.disk.path === f.disk.path)) found.push(f);
  };
  const usable = facts.disks.filter((x) => !x.liveMedium);
  // "except my films" for a partition labelled "Media": what it holds, said another way
  if (w.some((x) => MEDIA_WORDS.has(x)))
    for (const d of usable)
      for (const p of d.partitions ?? []) {
        const label = (p.label ?? "").toLowerCase().split(/[^a-z]+/);
        if (label.some((x) => MEDIA_WORDS.has(x))) add({ disk: d, what: `${p.path} ("${p.label}")` });
      }
  // "apart from the linux i have", "but the os": every system the facts know of
  if (!found.length && w.some((x) => ANY_SYSTEM.has(x)))
    for (const d of usable) {
      const p = (d.partitions ?? []).find((x) => x.os);
      if (p?.os) add({ disk: d, what: p.os });
    }
  if (found.length) return found;
  // "except the big one", "apart from the 2tb", "bar the nvme", "but the usb": a disk by size,
  // kind or order; several that fit are all kept
  const r = resolveDisk(tokenize(phrase), facts.disks, { mentioned: [], offered: [] });
  if (r.kind === "one") return r.disk.liveMedium ? [] : [{ disk: r.disk }];
  if (r.kind === "many") return r.disks.filter((d) => !d.liveMedium).map((d) => ({ disk: d }));
  return undefined;
}

/** What a disk holds, said the way a refusal names it. */
function contents(d: Disk): string {
  const parts = d.partitions ?? [];
  if (!parts.length) return "what is on it";
  const named = parts.map((p) => (p.os ? p.os : p.label ? `${p.path} ("${p.label}")` : p.path));
  return named.length > 2 ? `${named.slice(0, 2).join(", ")} and the rest` : named.join(" and ");
}

/** The protections the exceptions of the words make. */
export function readExclusions(text: string, facts: Facts): Protection[] {
  if (facts.mode !== "live") return [];
  const out: Protection[] = [];
  const said = text.trim();
  const push = (p: Protection) => {
    if (!out.some((o) => "disk" in o && "disk" in p && o.disk === p.disk)) out.push(p);
  };
  const names = new Set([...facts.recipes, ...facts.installed, ...facts.users]);
  for (const e of exceptions(text)) {
    const found = excepted(e.phrase, facts);
    if (found) {
      for (const f of found)
        push(
          f.what === undefined
            ? { kind: "disk", disk: f.disk.path, said }
            : { kind: "partitions", disk: f.disk.path, what: f.what, said },
        );
      continue;
    }
    // "nuke it all apart from my stuff": an exception no fact places may be on any disk that holds
    // something, so what each holds stays (an install into free space or onto an empty disk is
    // still possible); an exception that names a program or a person is about them, not disks
    if (!e.erases || e.phrase.split(/\s+/).some((x) => names.has(x) || /^(?:sudo|admin|root)$/.test(x)))
      continue;
    for (const d of maybeHolding(facts))
      if (d.partitions === undefined || d.partitions.length > 0)
        push({ kind: "partitions", disk: d.path, what: contents(d), said });
  }
  return out;
}

/** The reading with what the words' exceptions keep added, where nothing keeps that disk yet. */
export function withEraseExclusions(reading: Reading, text: string, facts: Facts): Reading {
  const add = readExclusions(text, facts).filter(
    (p) =>
      "disk" in p &&
      !reading.protect.some((q) => "disk" in q && q.disk === p.disk) &&
      // "except the backup, erase it, I don't need it after all": a release said here wins
      !reading.release.some((q) => "disk" in q && q.disk === p.disk),
  );
  return add.length ? { ...reading, protect: [...reading.protect, ...add] } : reading;
}
