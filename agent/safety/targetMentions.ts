import type { Disk, Facts } from "../../facts/schema.js";
import { resolveDisk } from "../rules/disks.js";
import { ALIASES, normalizeTokens } from "../rules/tokens.js";
import { contentWords } from "./directRequest.js";
import { PERSON_PRONOUNS, REQUEST_VERBS, THING_PRONOUNS } from "./gateWords.js";
import { foundPerWord } from "./partitionRefs.js";
import type { Namer, TargetKind } from "./pronounTargets.js";
import { type Segment, words } from "./turnSegments.js";

/**
 * The certainty gate's target finder (./certaintyGate.ts): where a segment's raw words mention a
 * call's target (a disk, a program, a person), and where they mention something else of its kind.
 */

/**
 * A turn that picks by contrast or order ("the other one", "the second disk, not the first") or
 * names something of the kind has pronouns that may stand for either: none is read as the target.
 */
const CONTRAST = /^(other|another|else|first|second|third|last|former|latter|rest|remaining|one)$/;

/** Where a segment mentions the target, and where it mentions something else of the same kind. */
export interface Mentions {
  at: number[];
  others: number[];
}

/** Words of order and comparison that read as a disk only beside a conversation: not a mention. */
const NOT_A_NAME = new Set([
  "the",
  "a",
  "one",
  "other",
  "first",
  "second",
  "last",
  "bigger",
  "smaller",
  "biggest",
  "smallest",
  "it",
  "that",
  "this",
  "disk",
  "drive",
  "new",
  "old",
  "main",
  "internal",
  "external",
]);

const DESCRIBES_DISK =
  /^(?:samsung|crucial|kingston|wd|western|seagate|toshiba|kioxia|sandisk|intel|hitachi|hgst|hynix|micron|adata|lexar|sabrent|corsair|evo|nvme|ssd|hdd|usb|emmc|mmc|sata|harddrive|harddisk|stick|flash|thumb|spinning|spinner|tera|terabyte|gig|gigs|gigabyte|tb|gb)s?$/;

function diskAt(t: readonly string[], i: number, facts: Facts, disks: readonly Disk[]): Set<string> {
  const out = new Set<string>();
  // "sda'yı", "nvme'ye": a suffix after an apostrophe is the word's case, not its name
  const w = t[i]!.replace(/'\p{L}+$/u, "");
  // each word read with the words beside it: "the samsung 870" names the 870 only (partitionRefs.ts)
  const each = foundPerWord(
    t.map((x) => x.replace(/'\p{L}+$/u, "")),
    facts,
  );
  for (const f of each[i]!) out.add(f.disk.path);
  for (const d of disks) if (contentWords(d).has(w) || d.path.replace(/^\/dev\//, "") === w) out.add(d.path);
  if (NOT_A_NAME.has(w)) return out;
  for (const n of [1, 2]) {
    const span = t.slice(i, i + n);
    if (span.length < n || span.some((x) => NOT_A_NAME.has(x))) continue;
    // only words that describe disks are read as one (a size, a brand, a kind): the reader's
    // typo matching would take any word ("keep", "target") for some disk
    if (!span.some((x) => /\d/.test(x) || DESCRIBES_DISK.test(x))) continue;
    const r = resolveDisk(normalizeTokens(span.join(" "), facts), disks, { mentioned: [], offered: [] });
    // one disk fits: a kind or brand that fits several ("the ssd", "the harddrive") names none
    if (r.kind === "one") out.add(r.disk.path);
  }
  return out;
}

export function diskMentions(seg: readonly string[], disk: string, facts: Facts): Mentions {
  const disks = facts.disks.map((d) => ({ ...d, liveMedium: false }));
  const at: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < seg.length; i++) {
    // (a verb is never a disk's name, whatever a typo match makes of it)
    const hit = REQUEST_VERBS.has(seg[i]!) ? new Set<string>() : diskAt(seg, i, facts, disks);
    if (hit.has(disk)) at.push(i);
    else if (hit.size) others.push(i);
  }
  return { at, others };
}

export function recipeMentions(seg: readonly string[], name: string, facts: Facts): Mentions {
  const names = new Set([...facts.installed, ...facts.recipes]);
  const at: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < seg.length; i++) {
    // ("vim" installed beside neovim is vim, not neovim's alias)
    const x = seg[i]!.replace(/'\p{L}+$/u, "");
    const w = names.has(x) ? x : (ALIASES[x] ?? x);
    if (w === name) at.push(i);
    else if (names.has(w)) others.push(i);
  }
  return { at, others };
}

export function userMentions(seg: readonly string[], name: string, people: ReadonlySet<string>): Mentions {
  const at: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < seg.length; i++) {
    const w = seg[i]!.replace(/'s$/, "");
    if (w === name) at.push(i);
    else if (people.has(w)) others.push(i);
  }
  return { at, others };
}

/** The mentions of a call's target per segment, pronouns counted when the target is never named. */
export function mentionsIn(
  segs: readonly Segment[],
  of: (t: readonly string[]) => Mentions,
  pronouns: ReadonlySet<string>,
): { seg: Segment; m: Mentions; pronoun?: boolean }[] {
  const all = segs.map((seg) => ({ seg, m: of(seg.toks.map((x) => x.w)) }));
  if (all.some((x) => x.m.at.length)) return all.filter((x) => x.m.at.length);
  const contrast = segs.some((s) => s.toks.some((x) => CONTRAST.test(x.w)));
  if (contrast) return [];
  // a pronoun after something else of the kind was named stands for that ("keep the samsung,
  // it has my photos"); one before any such name looks back to earlier turns ("don't touch it")
  const out: { seg: Segment; m: Mentions; pronoun?: boolean }[] = [];
  for (const { seg, m } of all) {
    const first = m.others.length ? Math.min(...m.others) : seg.toks.length;
    const at = seg.toks.flatMap((x, i) => (pronouns.has(x.w) && i < first ? [i] : []));
    if (at.length) out.push({ seg, m: { at, others: m.others }, pronoun: true });
    if (m.others.length) break;
  }
  return out;
}

/** The targets a text names, found as the gate finds mentions (pronouns are no names). */
export function namer(facts: Facts, people: ReadonlySet<string>): Namer {
  const disks = facts.disks.map((d) => ({ ...d, liveMedium: false }));
  return (text: string, kind: TargetKind) => {
    const t = words(text).map((x) => x.w);
    const out = new Set<string>();
    for (let i = 0; i < t.length; i++) {
      if (THING_PRONOUNS.has(t[i]!) || PERSON_PRONOUNS.has(t[i]!)) continue;
      if (kind === "disk") {
        if (!REQUEST_VERBS.has(t[i]!)) for (const p of diskAt(t, i, facts, disks)) out.add(p);
      } else if (kind === "recipe") {
        const m = recipeMentions([t[i]!], "", facts);
        if (m.others.length) {
          const x = t[i]!.replace(/'\p{L}+$/u, "");
          const names = new Set([...facts.installed, ...facts.recipes]);
          out.add(names.has(x) ? x : (ALIASES[x] ?? x));
        }
      } else {
        const w = t[i]!.replace(/'s$/, "");
        if (people.has(w) && w !== "root") out.add(w);
      }
    }
    return out;
  };
}
