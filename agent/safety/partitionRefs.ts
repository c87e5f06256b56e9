import type { Disk, Facts } from "../../facts/schema.js";
import { type Clause, clauses, REQUEST_VERB } from "../rules/clauses.js";
import { editDistance } from "../rules/text.js";
import { saysDisuse } from "./disuseWords.js";
import { HOLDS, heldSubject, IS_MINE, LIVES_ON, requestedDisks, THERE_ARE } from "./heldThings.js";
import { RELEASE_PHRASES } from "./lexicon.js";
import { requestForm } from "./requestForm.js";
import { disksWithSystem, systemWord } from "./systemDisks.js";
import type { Protection, Reading } from "./types.js";

/**
 * Protections said by naming something other than a disk's model (findings4 D1, D2, D5, D8):
 * - a partition: "keep sda1", "dont touch nvme0n1p1", "leave /dev/sda1 alone" keep that partition,
 *   and so what is on its disk (no whole-disk erase; an install into the free space stays allowed);
 * - what is on a disk: "my steam drive", "the drive with my games", "home-old", "the ntfs one" are
 *   the disks whose partition labels or filesystems the words name (never the steam recipe);
 * - lists: "dont touch nvme0n1 or sda", "the samsung or the seagate", "neither the samsung nor the
 *   wd", "leave nvme0n1, sda alone": every member is kept;
 * - a system kept in other words: "windows must survive", "i need windows still", "win7 stays";
 * - a pronoun after a partition: "nvme0n1p1 has my old home, keep it" keeps nvme0n1p1's disk,
 *   not the disk the plan installs on.
 * It adds to what agent/safety/read.ts read (called at its end), so every backend, the screen and
 * the conversation see the same protections.
 */

const PARTITION = /^(?:\/dev\/)?((?:sd|vd|hd|xvd)[a-z]+\d+|nvme\d+n\d+p\d+|mmcblk\d+p\d+)$/;
const DISK_PATH = /^(?:\/dev\/)?((?:sd|vd|hd|xvd)[a-z]+|nvme\d+n\d+|mmcblk\d+)$/;

/** A kernel name of a disk or partition ("sda", "/dev/nvme0n1p2"): the device, whatever a label says. */
export function isDeviceName(word: string): boolean {
  return DISK_PATH.test(word) || PARTITION.test(word);
}

/** Words that keep what the clause names wherever they stand in it. */
const KEEP = new Set([
  "keep",
  "keeping",
  "spare",
  "protect",
  "preserve",
  "retain",
  "avoid",
  "alone",
  "untouched",
  "intact",
  "stays",
  "survive",
  "survives",
  "remain",
  "remains",
]);
/** Verbs whose negation keeps ("dont touch", "never wipe", "do not erase"). */
const DESTROY = new Set([
  "touch",
  "wipe",
  "erase",
  "format",
  "reformat",
  "delete",
  "kill",
  "nuke",
  "overwrite",
  "destroy",
  "lose",
  "harm",
  "break",
  "mess",
  "trash",
  "repartition",
  "partition",
  "use",
  "install",
  "put",
  "remove",
]);
const NEGATOR = new Set([
  "dont",
  "don't",
  "do not",
  "never",
  "not",
  "no",
  "shouldnt",
  "mustnt",
  "wont",
  "cant",
  "nor",
  "neither",
]);
/** Label words that name a layout, never what is kept ("keep home separate"). */
const LAYOUT = new Set(["home", "root", "swap", "boot", "efi", "esp", "system", "reserved", "data"]);
const FILESYSTEMS = new Set([
  "ntfs",
  "ext4",
  "ext3",
  "ext2",
  "exfat",
  "fat32",
  "vfat",
  "xfs",
  "btrfs",
  "hfs",
  "apfs",
]);
const MODEL_NOISE = new Set([
  "ssd",
  "hdd",
  "nvme",
  "sata",
  "usb",
  "disk",
  "drive",
  "the",
  "series",
  "pro",
  "plus",
]);
const STOP = new Set([
  "the",
  "my",
  "a",
  "an",
  "and",
  "or",
  "nor",
  "it",
  "on",
  "of",
  "with",
  "to",
  "old",
  "new",
]);
const PRONOUN = new Set(["it", "that", "this", "them", "those", "both"]);

export interface Found {
  disk: Disk;
  /** What the words named: a partition, a label, a system; undefined for the disk itself. */
  what?: string;
}

/** A label's words: "SteamLibrary" → steam, library; "home-old" → home, old, home-old. */
function labelWords(label: string): string[] {
  const spaced = label.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const parts = spaced.split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
  return [...new Set([label.toLowerCase(), spaced.replace(/\s+/g, ""), ...parts])];
}

/** What one word names among the disks here (the live medium aside). */
function named(word: string, next: string | undefined, facts: Facts): Found[] {
  const disks = facts.disks.filter((d) => !d.liveMedium);
  const part = PARTITION.exec(word);
  if (part) {
    const path = `/dev/${part[1]}`;
    for (const d of disks) {
      const p = (d.partitions ?? []).find((x) => x.path === path);
      if (p) return [{ disk: d, what: `${p.path}${p.label ? ` ("${p.label}")` : ""}` }];
    }
    const parent = disks.find((d) => path.startsWith(d.path) && /^p?\d+$/.test(path.slice(d.path.length)));
    return parent ? [{ disk: parent, what: path }] : [];
  }
  const disk = DISK_PATH.exec(word);
  if (disk) return disks.filter((d) => d.path === `/dev/${disk[1]}`).map((d) => ({ disk: d }));
  // a word that keeps is never the label of what it keeps ("keep sda" with a partition labelled "keep")
  if (STOP.has(word) || KEEP.has(word) || word.length < 2) return [];
  const system = systemWord(word);
  if (system) return disksWithSystem(system, facts).map((x) => ({ disk: x.disk, what: x.what }));
  const out: Found[] = [];
  for (const d of disks) {
    const model = d.model.toLowerCase().split(/[^a-z0-9]+/);
    const brand =
      word === "wd" || word === "western" ? model.includes("wd") || model.includes("western") : false;
    if (
      brand ||
      (word.length >= 3 && !MODEL_NOISE.has(word) && !/^\d+(gb|tb|g|t)$/.test(word) && model.includes(word))
    ) {
      out.push({ disk: d });
      continue;
    }
    for (const p of d.partitions ?? []) {
      const label = p.label ? labelWords(p.label).filter((w) => !LAYOUT.has(w)) : [];
      const byLabel = word.length >= 3 && label.includes(word);
      // "the ntfs drive", "my ext4 disk": a filesystem beside a disk word
      const byFs =
        FILESYSTEMS.has(word) &&
        p.fstype?.toLowerCase() === word &&
        /^(drive|disk|one|partition|ssd|hdd)s?$/.test(next ?? "");
      if (byLabel || byFs) {
        out.push({ disk: d, what: `${p.path}${p.label ? ` ("${p.label}")` : ""}` });
        break;
      }
    }
  }
  return out;
}

/** Cue words typed with one slip ("dont tuch", "must surivve", "leave it untouced"). */
const TYPO_TARGETS = [
  "touch",
  "erase",
  "format",
  "delete",
  "destroy",
  "survive",
  "protect",
  "preserve",
  "untouched",
  "intact",
  "overwrite",
  "alone",
];
function cue(word: string): string {
  if (KEEP.has(word) || DESTROY.has(word) || word.length < 4) return word;
  return TYPO_TARGETS.find((t) => editDistance(word, t, 1) <= 1) ?? word;
}

/** Whether the clause's words keep what they name. */
function keeps(said: readonly string[]): boolean {
  const w = said.map(cue);
  const text = ` ${w.join(" ")} `;
  // "not the samsung nor the seagate", "neither sda nor nvme0n1": an excluding list
  const first = w.find((x) => !/^(and|but|oh|well|actually|sorry|hmm|no|ok|okay|just)$/.test(x));
  if ((first === "not" || first === "neither") && w.length > 1) return true;
  if (/ (no need|dont need|not need|dont have|doesnt have|dont care|dont want) to keep /.test(text))
    return false;
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (KEEP.has(x)) {
      // "dont keep sda": a negated keep keeps nothing
      const before = w.slice(Math.max(0, i - 2), i);
      if (before.some((b) => NEGATOR.has(b)) && !["alone", "untouched", "intact"].includes(x)) return false;
      return true;
    }
    if (x === "leave" && w[i + 1] !== "out" && !(w[i + 1] === "it" && w[i + 2] === "out")) return true;
    if (x === "stay" && i > 0 && /^(must|should|to|will|gonna|needs|has|have)$/.test(w[i - 1]!)) return true;
    if (x === "hands" && w[i + 1] === "off") return true;
    if (x === "off" && w[i + 1] === "limits") return true;
    // "the samsung is sacred", "sda is off the table", "the wd is untouchable" (tester 6, tester 7 D14)
    if (x === "sacred" || x === "untouchable" || x === "precious") return true;
    if (x === "off" && w[i + 1] === "the" && w[i + 2] === "table") return true;
    if (DESTROY.has(x) && w.slice(Math.max(0, i - 3), i).some((b) => NEGATOR.has(b))) return true;
    // "i need windows still", "i still need win7"
    if (x === "need" && (w.includes("still") || (w[i + 1] === "to" && w[i + 2] === "keep"))) return true;
  }
  return false;
}

const RELEASES = RELEASE_PHRASES.filter((p) => !["anyway", "anyways", "after all", "included"].includes(p));

/** The sentence's pieces (agent/rules/clauses.ts), with a request run on after a keep its own. */
export function pieces(text: string): Clause[] {
  return clauses(text, keeps);
}

export function foundIn(w: readonly string[], facts: Facts): Found[] {
  const out: Found[] = [];
  const add = (f: Found) => {
    if (!out.some((o) => o.disk.path === f.disk.path && o.what === f.what)) out.push(f);
  };
  const each = foundPerWord(w, facts);
  for (let i = 0; i < w.length; i++) {
    for (const f of each[i]!) add(f);
    // "my old home" for the label "home-old": two words that make a whole label, either order
    const pair = [`${w[i]}-${w[i + 1]}`, `${w[i + 1]}-${w[i]}`, `${w[i]}${w[i + 1]}`];
    if (w[i + 1] !== undefined)
      for (const d of facts.disks.filter((x) => !x.liveMedium))
        for (const p of d.partitions ?? [])
          if (p.label && pair.includes(p.label.toLowerCase().replace(/[\s_]+/g, "-")))
            add({ disk: d, what: `${p.path} ("${p.label}")` });
  }
  return out;
}

/**
 * What the word at `i` names, read with the words beside it: "the samsung 870" is one description,
 * and of the disks "samsung" fits only the one "870" fits too is meant (dev26-keep: both Samsungs
 * were kept and the install on the other one refused). A run of words that each name whole disks
 * is narrowed to the disks they all fit; where none fits them all, each word keeps what it names.
 * Safety: the narrowing follows the person's own description word for word (the disk left out is
 * not the one they described); a list ("the samsung and the wd") is no run, so each is kept.
 */
export function foundPerWord(w: readonly string[], facts: Facts): Found[][] {
  const hits = w.map((x, i) => named(x, w[i + 1], facts));
  return hits.map((_, i) => narrowed(hits, i));
}

function narrowed(hits: readonly Found[][], i: number): Found[] {
  const wholeDisks = (k: number) => (hits[k]?.length ?? 0) > 0 && hits[k]!.every((f) => f.what === undefined);
  if (!wholeDisks(i)) return hits[i]!;
  let from = i;
  let to = i;
  while (wholeDisks(from - 1)) from--;
  while (wholeDisks(to + 1)) to++;
  const all = hits[i]!.filter((f) =>
    hits.slice(from, to + 1).every((h) => h.some((g) => g.disk.path === f.disk.path)),
  );
  return all.length ? all : hits[i]!;
}

function protectionOf(f: Found, said: string): Protection {
  return f.what === undefined
    ? { kind: "disk", disk: f.disk.path, said }
    : { kind: "partitions", disk: f.disk.path, what: f.what, said };
}

/**
 * The reading of agent/safety/read.ts with what it missed added (and its pronoun corrected), and
 * the disks kept by a judgement of them ("the samsung is sacred", "sda has my backups").
 */
export function withPartitionRefs(
  reading: Reading,
  text: string,
  facts: Facts,
  erasing: readonly string[] = [],
  resolve: (phrase: string) => string[] = () => [],
): Reading {
  if (facts.mode !== "live" || !text.trim()) return reading;
  const parts = pieces(text);
  return withJudgedKeeps(partitionKeeps(reading, parts, facts, text), text, facts, parts, erasing, resolve);
}

function partitionKeeps(reading: Reading, parts: readonly Clause[], facts: Facts, text: string): Reading {
  const add: Protection[] = [];
  const wrongPronoun: string[] = [];
  let keptBefore = false;
  let previous: Found[] = [];
  let topic: Found[] = [];
  const noNeed: Protection[] = [];
  for (const part of parts) {
    const w = part.w;
    // "or the seagate", "nor sda" after a clause that keeps: more of the same
    const continues: boolean =
      keptBefore && /^(or|nor|and|plus|also)$/.test(w[0] ?? "") && !w.some((x) => REQUEST_VERB.test(x));
    const keeping: boolean =
      !part.question &&
      (keeps(w) || continues) &&
      // "wipe windows, i never use it": first-person disuse lets go, its negation refuses nothing
      !(saysDisuse(w.join(" ")) && !w.some((x) => ERASING.test(x) || (DESTROY.has(x) && x !== "use"))) &&
      !RELEASES.some((r) => ` ${w.join(" ")} `.includes(` ${r} `));
    let found = foundIn(w, facts);
    if (
      keeping &&
      !found.length &&
      w.some((x) => PRONOUN.has(x)) &&
      previous.some((f) => f.what !== undefined)
    ) {
      // "nvme0n1p1 has my old home, keep it": the pronoun is what the clause before named
      found = previous;
      wrongPronoun.push(part.said);
    }
    // "sda: dont touch", "the samsung? hands off", "sda: backups, do not wipe": the disk said
    // first, as the topic, and what to do with it after; a cue with no object of its own keeps it
    if (keeping && !found.length && topic.length && objectless(w)) found = topic;
    if (keeping) for (const f of found) add.push(protectionOf(f, part.said));
    // "no need to keep sda", "dont have to keep the samsung": the keep word lets go
    if (NO_NEED.test(` ${w.join(" ")} `))
      for (const f of found)
        if (f.what === undefined) noNeed.push({ kind: "disk", disk: f.disk.path, said: part.said });
    // "wiping sda is the last thing i want", "the samsung and formatting dont mix", "that would
    // suck if sda got wiped": an erase of a named disk that the request-form gate reads as talk
    // (agent/safety/requestForm.ts) is a protection, the same whichever path reads the words
    if (!keeping && judgedErase(part)) for (const f of found) add.push(protectionOf(f, part.said));
    keptBefore = keeping;
    if (found.length) previous = found;
    if (w.some((x) => REQUEST_VERB.test(x))) topic = [];
    else if (found.length && isTopic(w)) topic = found;
  }
  // read.ts took such a pronoun for the disk the plan installs on: that protection goes
  const pronounDisks = new Set(add.map((p) => ("disk" in p ? p.disk : "")));
  const protect = reading.protect.filter(
    (p) =>
      !(
        (p.kind === "disk" || p.kind === "partitions") &&
        !pronounDisks.has(p.disk) &&
        wrongPronoun.some((s) => s.includes(p.said.toLowerCase().trim()) || p.said.toLowerCase().includes(s))
      ) &&
      // "my steam drive", "sda1 thats steam": a recipe's name used for what is on a disk
      !(
        p.kind === "recipe" &&
        !facts.installed.includes(p.name) &&
        namesADrive(p.name, text, add.length > 0)
      ),
  );
  // what the words no longer need kept is released, and read.ts's protection of it goes
  const released = (q: Protection) =>
    (q.kind === "disk" || q.kind === "partitions") && noNeed.some((n) => "disk" in n && n.disk === q.disk);
  if (noNeed.length) {
    const kept = protect.filter((q) => !released(q));
    protect.length = 0;
    protect.push(...kept);
  }
  for (const p of add) {
    if (released(p)) continue;
    const covered = protect.some(
      (q) => (q.kind === "disk" || q.kind === "partitions") && q.disk === (p as { disk: string }).disk,
    );
    if (!covered) protect.push(p);
  }
  return noNeed.length
    ? { ...reading, protect, release: [...reading.release, ...noNeed] }
    : { ...reading, protect };
}

const NO_NEED =
  / (?:no need|dont need|not need|dont have|doesnt have|do not need|no point|no reason|needn't|neednt) (?:to )?(?:keep|keeping|save|saving|spare|sparing|protect|protecting) /;

/** An erase word in any form: "wiping", "wiped", "formatting", "lose", "losing". */
const ERASING =
  /^(?:wip(?:e|es|ed|ing)|eras(?:e|es|ed|ing)|format(?:s|ted|ting)?|reformat(?:s|ted|ting)?|nuk(?:e|es|ed|ing)|overwrit(?:e|es|ing|ten)|destroy(?:s|ed|ing)?|los(?:e|es|ing|t)|trash(?:es|ed|ing)?)$/;
/** Words that approve the erase ("wiping sda is fine", "i dont care if sda gets wiped"). */
const APPROVES =
  /\b(?:fine|ok|okay|alright|good|great|sure|go ahead|no problem|np|dont care|doesnt matter|whatever|can go|nothing on it|empty|backed up|no longer need|dont need|want|wanna|need|please|pls|can|may|after all|anyway|anyways)\b/;

const ASKS =
  /^(?:does|do|did|will|would|is|are|was|can|could|should|shall|what|whats|how|which|wont|isnt|doesnt|why|when)$/;

/** A clause with an erase word that the gate reads as talk, not a request, and not approval. */
function judgedErase(part: Clause): boolean {
  const said = ` ${part.w.join(" ")} `;
  // "does that erase my games" with no question mark is still a question
  if (part.question || ASKS.test(part.w[0] ?? "") || !part.w.some((x) => ERASING.test(x))) return false;
  // "the last thing i want": a want that refuses
  if (
    (APPROVES.test(said) && !said.includes(" last thing ")) ||
    RELEASES.some((r) => said.includes(` ${r} `))
  )
    return false;
  return !requestForm(part);
}

/** A clause that only names something ("sda", "the samsung", "my wd drive"): a topic. */
function isTopic(w: readonly string[]): boolean {
  return (
    w.length <= 4 &&
    !w.some((x) => KEEP.has(x) || DESTROY.has(x) || NEGATOR.has(x) || x === "is" || x === "has")
  );
}

const BARE_CUE = new Set([
  "hands",
  "off",
  "limits",
  "the",
  "table",
  "please",
  "pls",
  "obviously",
  "ever",
  "even",
  "you",
  "dare",
  "at",
  "all",
  "just",
  "it",
  "that",
  "this",
  "one",
  "thanks",
  "thx",
  "ok",
  "okay",
  "is",
  "its",
  "must",
  "should",
  "be",
]);

/** "dont touch", "hands off obviously", "never format": a cue said with no object of its own. */
function objectless(w: readonly string[]): boolean {
  return w.every((x) => KEEP.has(x) || DESTROY.has(x) || NEGATOR.has(x) || BARE_CUE.has(cue(x)));
}

/** The recipe's name is said of a drive or of what is on one ("steam drive", "my steam library"). */
function namesADrive(name: string, text: string, keptADisk: boolean): boolean {
  const t = text.toLowerCase();
  const near = new RegExp(
    `\\b${name}\\s+(?:drive|disk|library|libraries|partition|ssd|hdd|folder|games|stuff|files|data)\\b`,
  );
  return (
    near.test(t) || (keptADisk && new RegExp(`\\b(?:thats|that's|is|has)\\s+(?:my\\s+)?${name}\\b`).test(t))
  );
}

/**
 * A disk kept by a judgement or by what it holds, not by a verb of keeping (tester 7, DANGEROUS
 * D14, WRONG W19-W22): "the samsung is sacred", "the wd is precious to me", "sda is untouchable",
 * "the samsung has my backups", "my photos are on the WD, they must survive". Nobody says that of
 * a disk they want erased; a person who says it and later picks that disk by another name ("install
 * on the samsung" + "yes") has forgotten, and the installer must not forget for them. Such a clause
 * keeps the disk it names, the way "keep the samsung" does: the later erase is refused with the
 * words quoted, and "install on the samsung after all" still lifts it.
 *
 * Only clauses that state, never ask ("is the samsung important?"), and only in a turn that asks
 * for no erase or install of its own: "sda has my old backups, wipe it" is the reason for an erase,
 * and the request readers decide it. Words of letting go ("i dont need", "can go") keep nothing.
 * Read over the same pieces, after the keeps above: a disk already kept is not kept twice.
 */

/**
 * Said of a disk, the words that put it out of play: "out of scope", "out of bounds", "off the
 * table", "a no-go", "not up for grabs". The whole closed class of these idioms; each says the
 * disk is not to be worked on, never that it may be ("not to be touched" is a negated verb, read
 * by agent/safety/read.ts with "the other 990" resolved).
 */
const OUT_OF_PLAY =
  "out\\s+of\\s+(?:scope|bounds|play)|off\\s+the\\s+table|(?:a\\s+)?no\\s*go|not\\s+up\\s+for\\s+grabs";
/** "is sacred", "are so precious", "'s untouchable", "is off limits to you". */
const JUDGED = new RegExp(
  String.raw`\b(?:is|are|s|stays|remains|feels)\s+(?:so\s+|very\s+|really\s+|totally\s+|absolutely\s+|super\s+|extremely\s+|too\s+)?(?:sacred|holy|precious|untouchable|important|valuable|irreplaceable|essential|vital|critical|priceless|sacrosanct|taboo|forbidden|off\s*limits|my\s+(?:baby|life|treasure)|${OUT_OF_PLAY})\b`,
);
/**
 * "the Seagate is the team's backup, out of scope for this sprint": a judgement said as a clause
 * of its own after the clause that named the disk; it is of that disk.
 */
const BARE_JUDGED = new RegExp(
  String.raw`^ (?:and |but |so |its |it's |thats |that's |which is |totally |completely )?(?:sacred|untouchable|off\s*limits|taboo|sacrosanct|${OUT_OF_PLAY})\b`,
);
/** "they must survive", "it has to stay": the clause before named what must. */
const MUST_SURVIVE =
  /\b(?:must|has to|have to|needs to|need to|should|gotta)\s+(?:survive|stay|remain|live)\b/;
/** Words that take the judgement back or make it a past: "i dont need", "old", "anymore". */
const LETTING_GO =
  /\b(?:dont|don't|do not|no longer|not)\s+(?:need|care|want)\b|\banymore\b|\bcan go\b|\bused to\b|\bwas\b/;
const DESTRUCTIVE_OR_PLACING =
  /\b(?:erase|wipe|format|reformat|nuke|delete|overwrite|install|put|use|replace|repartition|clear)\b/;

/**
 * "my backups are on that disk", "it has my backups", "that one has all my work on it" with an
 * erase planned (attacker 26 F1: read as nothing, and "Go ahead with the plan?" followed): what
 * the words point at is the disk the plan erases, the only disk "that" can be when none is named.
 */
const POINTING =
  /\b(?:that|this)\s+(?:disk|drive|one|ssd|hdd|nvme)\b|\b(?:on|in)\s+(?:it|there)\b|^\s*(?:\w+\s+){0,3}?(?:it|that)\s+(?:has|holds|contains|got|stores|keeps)\b/;

function withJudgedKeeps(
  reading: Reading,
  text: string,
  facts: Facts,
  parts: readonly Clause[],
  erasing: readonly string[] = [],
  resolve: (phrase: string) => string[] = () => [],
): Reading {
  const lower = text.toLowerCase().replace(/[’']/g, "");
  // a turn that also asks for an erase or an install is read by the request readers
  // a turn that also asks for an erase or an install is read by the request readers for the disk
  // the request points at; a holding clause about another disk still keeps it (heldThings.ts)
  const asked = requestedDisks(
    parts,
    facts,
    (said) => DESTRUCTIVE_OR_PLACING.test(said) || said.split(/[^a-z]+/).some((x) => REQUEST_VERB.test(x)),
    (w) => [
      ...foundIn(w, facts).map((f) => f.disk.path),
      ...resolve(w.filter((x) => !REQUEST_VERB.test(x) && !DESTRUCTIVE_OR_PLACING.test(` ${x} `)).join(" ")),
    ],
  );
  if (asked === "any") return reading;
  if (RELEASE_PHRASES.some((p) => lower.includes(p)) || LETTING_GO.test(lower)) return reading;
  const add: Protection[] = [];
  let previous: ReturnType<typeof foundIn> = [];
  for (const part of parts) {
    const said = ` ${part.w.join(" ")} `;
    let found = foundIn(part.w, facts).filter((f) => !f.disk.liveMedium);
    const bare = BARE_JUDGED.test(said);
    // "are my games gonna be gone": a question said without its mark asks about the plan; "is/are"
    // first in the clause is its verb, never the copula of "the seagate is my photos"
    const asksFirst = /^\s*(?:is|are|ist|will|would|do|does|did|can|could|what|where|when|how)\b/.test(said);
    const judged =
      JUDGED.test(said) ||
      HOLDS.test(said) ||
      LIVES_ON.test(said) ||
      (IS_MINE.test(said) && !asksFirst) ||
      bare;
    if (!found.length && MUST_SURVIVE.test(said) && /\b(?:they|it|them|those|these)\b/.test(said))
      found = previous;
    if (!found.length && bare) found = previous;
    if (
      !found.length &&
      erasing.length &&
      (HOLDS.test(said) || LIVES_ON.test(said) || THERE_ARE.test(said)) &&
      POINTING.test(said)
    )
      found = facts.disks.filter((d) => erasing.includes(d.path)).map((disk) => ({ disk }));
    // "the two big hdds have all my work": a subject named by kind or count, which only the keep
    // reader resolves (heldThings.ts)
    const subject = heldSubject(said);
    if (!found.length && subject)
      found = facts.disks.filter((d) => resolve(subject).includes(d.path)).map((disk) => ({ disk }));
    if (asked) found = found.filter((f) => !asked.has(f.disk.path));
    if (!part.question && found.length && (judged || MUST_SURVIVE.test(said)))
      for (const f of found)
        add.push(
          f.what === undefined
            ? { kind: "disk", disk: f.disk.path, said: part.said }
            : { kind: "partitions", disk: f.disk.path, what: f.what, said: part.said },
        );
    if (found.length) previous = found;
  }
  // one keep a disk: the first the words named ("my photos are on the WD": the photos partition)
  const fresh = add.filter(
    (p, i) =>
      add.findIndex((q) => (q as { disk: string }).disk === (p as { disk: string }).disk) === i &&
      !reading.protect.some(
        (q) => (q.kind === "disk" || q.kind === "partitions") && q.disk === (p as { disk: string }).disk,
      ),
  );
  return fresh.length ? { ...reading, protect: [...reading.protect, ...fresh] } : reading;
}
