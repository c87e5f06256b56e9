import type { Disk, Facts } from "../../facts/schema.js";
import { disksWithSystem, systemWord } from "../safety/systemDisks.js";
import type { Ctx } from "./context.js";
import { BRANDS } from "./diskBrands.js";
import type { DiskResolution } from "./diskTypes.js";
import { type Token, tokenize } from "./text.js";

/**
 * Descriptions of a disk that the word-by-word reader (disks.ts) did not take apart: a speed ("the
 * fast one", "the slower drive"), a compound written with a hyphen ("Crucial-SSD",
 * "Samsung-NVMe"), and a disk described by what it holds ("the one with the movies", "the photos
 * drive"), which a negation rules out like a name.
 */

/** Speed words, every form: "the fast one", "the faster disk", "the quickest", "the slow one". */
const FAST = new Set([
  "fast",
  "faster",
  "fastest",
  "quick",
  "quicker",
  "quickest",
  "speedy",
  "speedier",
  "speediest",
  "snappy",
  "snappier",
  "snappiest",
  // the same said in the languages users wrote in (accents already stripped by the tokenizer)
  "schnell",
  "schnelle",
  "schnellen",
  "schnellere",
  "schnelleren",
  "schnellste",
  "schnellsten",
  "rapide",
  "rapido",
  "rapida",
  "veloce",
  "snel",
  "snelle",
  "snelste",
]);
const SLOW = new Set([
  "slow",
  "slower",
  "slowest",
  "langsam",
  "langsame",
  "langsamen",
  "langsamere",
  "lent",
  "lente",
  "lento",
  "lenta",
  "lenti",
  "traag",
]);

/** Nouns a speed word must sit beside to describe a disk ("the fast one"), not an install ("a quick install"). */
const SPEED_NOUNS = new Set([
  "one",
  "disk",
  "drive",
  "ssd",
  "hdd",
  "ones",
  "disks",
  "drives",
  "platte",
  "disque",
  "disco",
]);
const DETERMINERS = new Set([
  "the",
  "a",
  "my",
  "die",
  "den",
  "der",
  "das",
  "le",
  "la",
  "el",
  "il",
  "o",
  "de",
]);

/** How fast a disk is by kind: NVMe, then other SSDs, then spinning disks, then USB. */
function speedRank(d: Disk, isSsd: (d: Disk) => boolean): number {
  if (d.transport === "usb" || d.removable) return 0;
  if (d.transport === "nvme" || d.path.includes("nvme")) return 3;
  return isSsd(d) ? 2 : 1;
}

/**
 * "put linux on the fast one": the one disk of the fastest (or slowest) kind among `pool`, or
 * undefined when no speed is said, or the disks tie (two NVMe drives: asked, never guessed). A
 * speed word counts only beside a disk noun or after a determiner, so "a quick install on the
 * samsung" describes no disk. Safety: the disk is picked from the pool the other words left; a
 * pick holding data still meets the erase screen, and the live medium is never counted.
 */
export function bySpeed(
  words: readonly string[],
  pool: readonly Disk[],
  isSsd: (d: Disk) => boolean,
): { disks: Disk[]; by: string; meant?: Disk } | undefined {
  const i = words.findIndex(
    (w, k) =>
      (FAST.has(w) || SLOW.has(w)) &&
      (SPEED_NOUNS.has(words[k + 1] ?? "") || DETERMINERS.has(words[k - 1] ?? "")) &&
      !["install", "installation", "setup", "question", "look"].includes(words[k + 1] ?? ""),
  );
  if (i < 0) return undefined;
  const usable = pool.filter((d) => !d.liveMedium);
  if (usable.length < 2) return undefined;
  const fast = FAST.has(words[i]!);
  const ranks = usable.map((d) => speedRank(d, isSsd));
  const best = fast ? Math.max(...ranks) : Math.min(...ranks);
  const by = `the ${words[i]} one`;
  const top = usable.filter((_, k) => ranks[k] === best);
  // an NVMe beside a SATA SSD: both are fast, and which one the person feels faster the facts do
  // not settle; asked, the one meant offered (a "yes" takes it)
  const nearest = fast
    ? Math.max(...ranks.filter((r) => r < best))
    : Math.min(...ranks.filter((r) => r > best));
  if (top.length === 1 && [best, nearest].every((r) => r >= 2)) return { disks: usable, by, meant: top[0] };
  return { disks: top, by };
}

/** Single letters with dashes ("W-D") or a compound ("Crucial-SSD") split where a part names a disk. */
export function splitDiskCompounds(tokens: readonly Token[], namesDisk: (w: string) => boolean): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    // "t'little un", "t'big drive": an elided article on its word
    const elided = /^(?:t|l)['’]([a-z].*)$/.exec(t.norm);
    if (t.kind === "word" && elided) {
      out.push({ ...t, norm: "the", raw: "the" }, { ...t, norm: elided[1]!, raw: elided[1]! });
      continue;
    }
    if (t.kind !== "word" || !/[a-z0-9]-[a-z0-9]/.test(t.norm)) {
      out.push(t);
      continue;
    }
    const parts = t.norm.split("-").filter(Boolean);
    // "w-d", "r-e-d": letters spelled out are one word
    if (parts.every((p) => p.length === 1)) {
      const joined = parts.join("");
      out.push({ ...t, norm: joined, raw: joined });
      continue;
    }
    // "crucial-ssd", "samsung-nvme", "wd-platte": a brand, kind or model joined to another word
    if (parts.some((p) => namesDisk(p) || Object.hasOwn(BRANDS, p)))
      for (const p of parts) out.push({ ...t, norm: p, raw: p });
    else out.push(t);
  }
  return out;
}

const DISK_HEADS = new Set([
  "one",
  "disk",
  "drive",
  "ssd",
  "hdd",
  "nvme",
  "partition",
  "platte",
  "disque",
  "disco",
]);
const HOLDING = new Set(["with", "that", "which", "where", "holding", "having", "containing", "has", "full"]);

/**
 * "not the one with the movies", "not the photos drive": a negation of a disk described by what
 * it holds. Read as a description (ruled out like a disk's own name) only in that shape: a disk
 * noun with a "with/that has" after it, or a word before a disk noun. Safety: ruling a disk out
 * only removes a candidate; what is left is still asked about when it is not exactly one, and the
 * ruled-out disk's content is kept by the keep reader as before.
 */
export function describesHeldContent(tokens: readonly Token[]): boolean {
  const w = tokens.filter((t) => t.kind === "word").map((t) => t.norm);
  let i = 0;
  while (["the", "that", "this", "my", "our", "those"].includes(w[i] ?? "")) i++;
  if (DISK_HEADS.has(w[i] ?? "") && HOLDING.has(w[i + 1] ?? "")) return true;
  return w.length > i + 1 && DISK_HEADS.has(w[i + 1] ?? "") && (w[i] ?? "").length >= 3;
}

/** Size words beyond big and small, every form: "the lesser of the two drives", "t'little un". */
export const BIG_WORDS = new Set([
  "huge",
  "huger",
  "hugest",
  "greater",
  "greatest",
  "roomier",
  "roomiest",
  "bigger",
  "biggest",
]);
const SMALL_WORDS = new Set([
  "little",
  "littler",
  "littlest",
  "tiny",
  "tinier",
  "tiniest",
  "lesser",
  "least",
]);
const SIZE_DETERMINERS = new Set(["the", "that", "this", "t"]);

/**
 * A size word of these that describes a disk: after "the" ("the lesser of the two drives") or
 * before a disk noun ("the tiny drive"), never "a little more room" (an amount) or "little by little".
 */
export function sizeWordAt(words: readonly string[], diskNouns: ReadonlySet<string>): string | undefined {
  return words.find(
    (w, i) =>
      (BIG_WORDS.has(w) || SMALL_WORDS.has(w)) &&
      // ("my little bro kai" is a person: the word after must be a disk's, "of", "un", or none)
      (diskNouns.has(words[i + 1] ?? "") ||
        ["un", "of"].includes(words[i + 1] ?? "") ||
        (SIZE_DETERMINERS.has(words[i - 1] ?? "") && words[i + 1] === undefined)) &&
      !["more", "bit", "less", "space", "room", "partition", "root", "swap"].includes(words[i + 1] ?? ""),
  );
}

/** Words of a negated description that name no content: "not the one with the movies". */
const HOLDER_NOISE = new Set([
  "the",
  "one",
  "with",
  "that",
  "has",
  "have",
  "all",
  "and",
  "which",
  "disk",
  "drive",
]);

/**
 * "the disk that's not windows", "any drive except the ubuntu one" (tester 24 W25): a negation rules out
 * the disk a system or a partition label names, as it does a disk's own name. Only names the
 * facts show on a disk count (os-prober's names, labels of three letters or more), and only
 * when they rule out fewer disks than there are, so something is left to describe.
 */
export function bySystem(
  tokens: readonly Token[],
  disks: readonly Disk[],
  labels = false,
): DiskResolution | undefined {
  const out = new Map<string, Disk>();
  let by = "";
  for (const t of tokens) {
    if (t.norm.length < 3 || HOLDER_NOISE.has(t.norm) || (!labels && !systemWord(t.norm))) continue;
    // a label is said in either number ("the one with the movies" for "Movies", "photo" for "Photos")
    const forms = systemWord(t.norm) ? [t.norm] : [t.norm, t.norm.replace(/s$/, ""), `${t.norm}s`];
    for (const f of forms.flatMap((x) => disksWithSystem(x, { disks } as Facts))) {
      out.set(f.disk.path, f.disk);
      by ||= f.what;
    }
  }
  const usable = disks.filter((d) => !d.liveMedium);
  if (!out.size || out.size >= usable.length) return undefined;
  const found = [...out.values()];
  return found.length === 1
    ? { kind: "one", disk: found[0]!, by: `the disk with ${by}` }
    : { kind: "many", disks: found, by: `the disks with ${by}` };
}
