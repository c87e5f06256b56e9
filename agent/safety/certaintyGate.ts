import type { Disk, Facts } from "../../facts/schema.js";
import { type Decision, MAX_CALLS } from "../../tools/decision.js";
import { opensNewSubject } from "../rules/clauses.js";
import { describeDisk, resolveDisk } from "../rules/disks.js";
import { ALIASES, normalizeTokens } from "../rules/tokens.js";
import type { ConversationView, PlanCall } from "../types.js";
import { yesNo } from "../yesno.js";
import { contentWords } from "./directRequest.js";
import { describeContent } from "./diskContent.js";
import { SUDO_WORDS } from "./lexicon.js";
import { foundIn } from "./partitionRefs.js";
import { type Namer, type TargetKind, unsettledReference } from "./pronounTargets.js";
import { isKeepWord, isNegator, KEEP_PHRASES, RELEASE_AFTER_NEGATOR } from "./protectLexicon.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * The certainty gate: the last backstop for destructive calls, after every other gate
 * (agent/turn.ts), for every backend. The other gates judge with the clause readers that read the
 * request, so a voice the readers miss slips past them all together. This one parses no clauses:
 * it finds where the turn's raw words mention the call's target, cuts the turn coarsely into
 * segments (lines, sentences, commas, table rows kept whole, "but"/"though"/"except"...), and
 * stops the call when a segment that mentions the target also holds a word that protects or
 * negates it (./protectLexicon.ts, many languages). A stop is a question that says what to type;
 * when the words protected the target nothing of it is offered, so a reflexive "yes" takes
 * nothing. The calls it leaves are offered beside the question, as the screen does.
 *
 * It is coarse on purpose: a protecting word near the target costs a question, never data.
 */

interface Tok {
  w: string;
}

/** A piece of the turn: its words, and (for a table row) the header row's words. */
interface Segment {
  toks: Tok[];
  header?: Tok[];
  /** A table row: its own item, never about the person a row before named. */
  row?: boolean;
}

const TOKEN = /[\p{L}\p{N}_/][\p{L}\p{N}_'’/.-]*/gu;

function words(text: string): Tok[] {
  return [...text.toLowerCase().matchAll(TOKEN)].map((m) => ({
    w: m[0].replace(/’/g, "'").replace(/[.'-]+$/, ""),
  }));
}

/**
 * Words that start a segment of their own: a contrast or an exception turns what follows, and a
 * step in a sequence ("get rid of fd and then leave everything else") is a request of its own,
 * whose keep or refusal speaks of what it names, not of the step before it.
 */
const TURNS =
  /\s+(?=(?:but|though|although|whereas|while|except|apart from|other than|rather than|(?:and\s+)?then|after that|afterwards|dann|danach|puis|ensuite|luego|después|despues|poi|dopo|sedan|depois|daarna|derefter|deretter|potem|sonra)\b)/iu;
/**
 * A command-line flag starts a segment with its value ("--keep /dev/sda --disk /dev/nvme0n1
 * --swap 4G"): "--keep" speaks of its own value, never of the next flag's.
 */
const FLAG = /\s+(?=--?\p{L}[\p{L}\d-]*(?:[=\s]|$))/u;

/**
 * The turn cut coarsely. A table (two or more lines with the same "," "|" or tab) keeps each row
 * whole ("/dev/sda,keep", "omar | no"), its first row the header of the others.
 */
export function segments(text: string): Segment[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const sep = ["|", "\t", ",", ";"].find((s) => lines.filter((l) => l.includes(s)).length >= 2);
  const rows = sep ? lines.filter((l) => l.includes(sep)) : [];
  const header = rows.length >= 2 ? words(rows[0]!) : undefined;
  const out: Segment[] = [];
  for (const line of lines) {
    if (rows.includes(line)) {
      out.push({ toks: words(line), header: line === rows[0] ? undefined : header, row: true });
      continue;
    }
    // (a colon joins a label to its value: "sda: keep", "no-gos: erase sda", "ops:sudo")
    for (const piece of line.split(/[;|!?,]+|\.(?:\s|$)+/).flatMap(colonCut))
      for (const part of piece.split(TURNS).flatMap((x) => x.split(FLAG))) {
        const toks = words(part);
        if (!toks.length) continue;
        // a bare verdict ("bat? nope", "wipe sda? no") speaks of what was just said
        const prev = out.at(-1);
        if (prev && !prev.row && toks.every((x) => isNegator(x.w) || isKeepWord(x.w)))
          prev.toks.push(...toks);
        else out.push({ toks });
      }
  }
  return out;
}

/**
 * A colon after a word or two labels what follows ("sda: keep", "no-gos: erase sda", "ops:
 * sudo"): one piece. After a longer clause it ends it ("only if it won't touch the data drive:
 * install on the nvme").
 */
function colonCut(piece: string): string[] {
  const out: string[] = [];
  let rest = piece;
  for (let at = rest.search(/:\s/); at >= 0; at = rest.search(/:\s/)) {
    if (words(rest.slice(0, at)).length < 3) break;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...out, rest];
}

/** Pronouns a target may have come from: counted only when the turn never names the target. */
const THING_PRONOUNS = new Set(["it", "that", "this", "them", "those", "there"]);
/**
 * A turn that picks by contrast or order ("the other one", "the second disk, not the first") or
 * names something of the kind has pronouns that may stand for either: none is read as the target.
 */
const CONTRAST = /^(other|another|else|first|second|third|last|former|latter|rest|remaining|one)$/;
const PERSON_PRONOUNS = new Set([
  "she",
  "he",
  "her",
  "him",
  "they",
  "them",
  "their",
  "his",
  "me",
  "my",
  "i",
  "myself",
]);
/** "all users", "everyone": a grant that names no one names each. */
const EVERYONE = new Set([
  "everyone",
  "everybody",
  "all",
  "both",
  "each",
  "every",
  "either",
  "any",
  "anyone",
  "anybody",
  "users",
  "accounts",
]);

/** Verbs that start a request of their own: a negator before one of them is spent. */
const REQUEST_VERBS = new Set([
  "install",
  "put",
  "use",
  "erase",
  "wipe",
  "format",
  "reformat",
  "nuke",
  "remove",
  "uninstall",
  "delete",
  "drop",
  "purge",
  "ditch",
  "add",
  "create",
  "make",
  "give",
  "set",
  "go",
  "take",
  "target",
]);

/** Words that join a list: "keep sda and sdb" keeps both, "don't touch sda or the wd" neither. */
const GLUE = new Set([
  "and",
  "or",
  "nor",
  "the",
  "my",
  "a",
  "both",
  "also",
  "plus",
  "n",
  "&",
  "too",
  "either",
  "neither",
  "disk",
  "drive",
  "ssd",
  "hdd",
  "one",
]);

/** Words of the install's options: "sda, no swap" negates the swap, not the disk. */
const OPTION_WORDS = new Set([
  "swap",
  "encryption",
  "encrypt",
  "encrypted",
  "luks",
  "home",
  "separate",
  "sudo",
  "admin",
  "password",
  "btrfs",
  "ext4",
  "xfs",
  "gui",
  "desktop",
  "hostname",
  "partition",
  "partitions",
  "efi",
  "extra",
  "need",
  "problem",
]);

/** Interjections: "no, sda", "nope wipe sda" answer, they do not negate the verb after them. */
const INTERJECTIONS = new Set(["no", "nope", "nah", "naw", "nay", "nee", "nein", "nej", "nei"]);
const LEAD = /^(oh|ok|okay|wait|hmm|well|so|and|actually|sorry|um|uh|no|nope|nah|naw)$/;

/** Indexes of protecting words in a segment, with negated keeps and releases taken out. */
function protectors(t: readonly string[]): { i: number; neg: boolean }[] {
  const out: { i: number; neg: boolean }[] = [];
  const spent = new Set<number>();
  const text = ` ${t.join(" ")} `;
  for (const p of KEEP_PHRASES) {
    const at = text.indexOf(` ${p} `);
    if (at >= 0) out.push({ i: text.slice(0, at).trim().split(" ").filter(Boolean).length, neg: false });
  }
  for (let i = 0; i < t.length; i++) {
    if (spent.has(i)) continue;
    const w = t[i]!;
    if (isNegator(w)) {
      // "nvme can or not": a question's alternative; "nothing else touched": the rest is kept
      if (t[i - 1] === "or" || t[i + 1] === "else") continue;
      // "I don't need windows", "no longer use bat", "don't want it anymore": what is not
      // needed may go; the keep a release speaks of is spent with it ("no need to keep sda")
      const next = t.slice(i + 1, i + 3);
      const release = next.find((x) => RELEASE_AFTER_NEGATOR.has(x));
      const wantsToLose =
        release !== undefined &&
        /^(want|wanna)$/.test(release) &&
        t
          .slice(i + 2, i + 6)
          .some((x) => /^(lose|losing|lost|erase|wipe|format|delete|remove|touch)/.test(x));
      if (release && !wantsToLose) {
        for (let k = i + 1; k < Math.min(t.length, i + 6); k++) if (isKeepWord(t[k]!)) spent.add(k);
        continue;
      }
      // "don't keep sda": a negated keep keeps nothing
      const keepAt = t.slice(i + 1, i + 3).findIndex((x) => isKeepWord(x) && x !== "alone");
      if (keepAt >= 0) {
        spent.add(i + 1 + keepAt);
        continue;
      }
      out.push({ i, neg: true });
    } else if (isKeepWord(w)) out.push({ i, neg: false });
  }
  return out;
}

/** Where a segment mentions the target, and where it mentions something else of the same kind. */
interface Mentions {
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
  for (const f of foundIn([w], facts)) out.add(f.disk.path);
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

function diskMentions(seg: readonly string[], disk: string, facts: Facts): Mentions {
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

function recipeMentions(seg: readonly string[], name: string, facts: Facts): Mentions {
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

function userMentions(seg: readonly string[], name: string, people: ReadonlySet<string>): Mentions {
  const at: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < seg.length; i++) {
    const w = seg[i]!.replace(/'s$/, "");
    if (w === name) at.push(i);
    else if (people.has(w)) others.push(i);
  }
  return { at, others };
}

/** "other" right before the name ("the other git thing"): not the one named. */
const OTHER = /^(other|another|else|different)$/;

/**
 * Whether a protecting word of the segment speaks of a mention of the target. Before it, it does
 * ("don't wipe sda", "keep sda") until something else is named and a new request starts ("not
 * sdb, wipe sda" is cut at the comma; "not sdb wipe sda" here). After it, near it ("sda stays",
 * "omar | no", "the samsung is sacred"), unless it goes on to name something else ("wipe sda
 * not sdb") or an option ("sda, no swap").
 */
function protects(t: readonly string[], m: Mentions, byName = false, people = false): boolean {
  const named = m.at.filter((i) => !THING_PRONOUNS.has(t[i]!) && !PERSON_PRONOUNS.has(t[i]!));
  if (byName && named.some((i) => t.slice(Math.max(0, i - 2), i).some((x) => OTHER.test(x)))) return true;
  for (const p of protectors(t)) {
    if (m.at.includes(p.i)) continue;
    for (const x of m.at) {
      if (p.i < x) {
        // "no wipe sda", "no no, the games drive": an answer, not a negation of what follows
        const lead = t.slice(0, p.i).every((w) => LEAD.test(w));
        if (p.neg && lead && INTERJECTIONS.has(t[p.i]!) && x > p.i + 1) continue;
        // a person's item owns the word: "dev1 sudo=no and dev2 with sudo", "tom (no sudo) and
        // ann", "not ana - ben has the admin": a negator right after another name and its sudo
        // word, or right before another name, is that person's
        if (people && (ownsAfter(t, m.others, p.i) || m.others.includes(p.i + 1))) continue;
        const between = t.slice(p.i + 1, x);
        // something else named in between, and more than a list after it: the word was its
        const last = Math.max(-1, ...m.others.filter((o) => o > p.i && o < x));
        const ownedElsewhere = last >= 0 && t.slice(last + 1, x).some((w) => !GLUE.has(w));
        const newRequest = between.some(
          (w, k) =>
            (REQUEST_VERBS.has(w) &&
              ((!p.neg && k > 0) || /^(and|then|plus|&)$/.test(between[k - 1] ?? ""))) ||
            // "windows stays and linux goes on the samsung": the system placed in a clause of its own
            (/^(and|then|plus|&)$/.test(w) && opensNewSubject(between, k + 1)),
        );
        if (!ownedElsewhere && !newRequest) return true;
      } else {
        const after = t.slice(p.i + 1, p.i + 3);
        // ("wipe sda not sdb": the word goes on to name another; "omar and ben, ben no": the nearer)
        // ("cal and dee without": a list joined by "and" shares the word after it)
        const elsewhere = m.others.some(
          (o) =>
            o > p.i ||
            (o > x && o < p.i && (isSudoWord(t[x]!) || t.slice(x + 1, o).some((w) => !GLUE.has(w)))),
        );
        // "sudo for ola and not for per": a preposition after it points the word at what follows
        const option =
          after.some((w) => OPTION_WORDS.has(w)) ||
          (/^(for|on|onto|with|from)$/.test(after[0] ?? "") && after[1] !== undefined);
        const near = p.i - x <= (p.neg ? 3 : 4);
        if (near && !elsewhere && !option) return true;
      }
    }
  }
  return false;
}

/** Whether a name stands right before the word, with only sudo words between ("dev1 sudo=no"). */
function ownsAfter(t: readonly string[], others: readonly number[], at: number): boolean {
  return others.some((o) => o < at && t.slice(o + 1, at).every((w) => isSudoWord(w)));
}

/** A word of correction: the words say they change the disk. */
const CORRECTION =
  /\b(?:no|nope|nah|wait|actually|instead|rather|switch|change|changed|move|not|sorry|oops|scratch|make it|prefer|better|different|other|mind|same|then|or)\b|^\s*\*/i;
/**
 * A word that adds ("also format the seagate", "and wipe the sandisk too"): the person thinks the
 * install stays where it is; one install is planned at a time, so the erase would replace it.
 */
const ADDITION = /\b(?:also|too|as well|additionally|in addition|on top|plus|another|second)\b|^\s*and\b/i;

interface Stop {
  call: PlanCall;
  ask: string;
  /** The words protected the target: nothing of it is offered. */
  protectedBy: boolean;
}

/** The mentions of a call's target per segment, pronouns counted when the target is never named. */
function mentionsIn(
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

/** Words that ask again: "actually no, only lazygit", "keep sda. no wait, wipe sda". */
const ASKS_AGAIN = /^(only|just|instead|rather)$/;

/**
 * Whether a segment that mentions the target protects it. The last word on it counts: a later
 * segment that asks for it again by name, with no protecting word, takes the earlier one back.
 */
function protectedIn(
  found: readonly { seg: Segment; m: Mentions; pronoun?: boolean }[],
  byName = false,
): boolean {
  let out = false;
  for (const { seg, m, pronoun } of found) {
    const t = seg.toks.map((x) => x.w);
    if (protects(t, m, byName)) out = true;
    else if (out && !pronoun && t.some((w) => REQUEST_VERBS.has(w) || ASKS_AGAIN.test(w))) out = false;
  }
  return out;
}

function diskWords(d: Disk | undefined, path: string): string {
  if (!d) return path;
  const content = describeContent(d);
  return `${describeDisk(d)}${content ? `, which holds ${content}` : ""}`;
}

function sameCall(a: PlanCall, b: PlanCall): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A word of admin rights, typed with one slip too ("sudi", "admn"): SUDO_WORDS and their stems. */
const SUDO_STEM = /^(?:sudo|sudi|sduo|suod|sudoo|admin|admn|amdin|administrat|superuser|wheel|privileg|root)/;
const isSudoWord = (w: string): boolean => SUDO_WORDS.has(w) || SUDO_STEM.test(w);

/** "boss says interns get no admin": the one who speaks is not the one the words are about. */
const SPEAKS = /^(says|said|say|tells|told|wants|wanted|asks|asked|thinks|insists|wrote|writes)$/;
/** "bob does", "ben too", "cal can": a segment that says the right before it again. */
const ELLIPSIS = /^(does|do|did|is|can|too|also|yes|aswell)$/;

/**
 * The people a word after a list belongs to: the nearest name before it and every name joined
 * to it by "and", "&", "plus" ("mum and dad with sudo": both).
 */
function listBefore(t: readonly string[], before: readonly number[]): number[] {
  const sorted = [...before].sort((a, b) => b - a);
  const out = [sorted[0]!];
  for (const q of sorted.slice(1)) {
    const gap = t.slice(q + 1, out.at(-1)!);
    if (!gap.length || !gap.every((w) => /^(and|&|plus|n|or)$/.test(w))) break;
    out.push(q);
  }
  return out;
}

/** Words that carry the settings of an account before over ("same for bob", "bob too"). */
const SAME = /\b(?:same|too|also|as well|likewise|ditto)\b/i;

/**
 * The verdict on one sudo grant: kept, made a plain account, or asked. A sudo word belongs to the
 * person named nearest it in its segment (the one before it on a tie: "vince with sudo and anna
 * without"); a segment that names no one is about the one person the turn adds, or else the
 * person the segment before named.
 */
function judgeSudo(
  call: Extract<PlanCall, { tool: "createUser" }>,
  segs: readonly Segment[],
  people: ReadonlySet<string>,
  single: boolean,
): "keep" | "plain" | "ask" | "refused" | "word" {
  const name = call.args.username;
  // "nae sudo" read as a user called nae: a word that negates or keeps is no name to give sudo
  if (isNegator(name) || isKeepWord(name)) return "word";
  const toks = segs.map((s) => s.toks.map((x) => x.w));
  const named = toks.map((t) => userMentions(t, name, people));
  const others = named.some((m) => m.others.length);
  let grant = false;
  let refused = false;
  let last = -1;
  for (let k = 0; k < toks.length; k++) {
    // a table's header row names its columns, no one's rights
    if (segs[k]!.row && !segs[k]!.header) continue;
    const t = toks[k]!;
    const m = named[k]!;
    const header = (segs[k]!.header ?? []).some((x) => isSudoWord(x.w));
    if (m.at.length || m.others.length) {
      last = k;
      if (!m.at.length) continue;
      const persons = [...m.at, ...m.others];
      // a sudo word is the right of the person named before it ("anna is admin ben not"), else of
      // the one after it ("sudo for ben"); "both", "all" give it to each person the segment names
      const each = t.some((w) => /^(both|all|each|everyone|everybody)$/.test(w));
      const mine = t.flatMap((w, i) => {
        if (!isSudoWord(w)) return [];
        const before = persons.filter((q) => q < i && !SPEAKS.test(t[q + 1] ?? ""));
        const after = persons.filter((q) => q > i);
        const owners = before.length ? listBefore(t, before) : after.length ? [Math.min(...after)] : [];
        return each || owners.some((o) => m.at.includes(o)) ? [i] : [];
      });
      const neg =
        protects(t, m, false, true) ||
        (mine.length > 0 && protects(t, { at: mine, others: m.others }, false, true));
      // "will doesn't get sudo, bob does": the segment before says the right, this one says it again
      if (
        !mine.length &&
        !header &&
        k > 0 &&
        ELLIPSIS.test(t.at(-1) ?? "") &&
        toks[k - 1]!.some(isSudoWord)
      ) {
        if (neg || t.some((w) => isNegator(w))) refused = true;
        else grant = true;
        continue;
      }
      if (mine.length || header) {
        if (neg) refused = true;
        else grant = true;
      } else if (neg) refused = true;
      continue;
    }
    const about =
      (single && !others) ||
      t.some((w) => EVERYONE.has(w)) ||
      (!segs[k]!.row && last >= 0 && named[last]!.at.length > 0);
    const sudo = t.flatMap((w, i) => (isSudoWord(w) ? [i] : []));
    if (!about || !sudo.length) continue;
    if (protects(t, { at: sudo, others: [] })) refused = true;
    else grant = true;
  }
  if (grant && !refused) return "keep";
  if (refused && !grant) return "plain";
  if (refused) return "refused";
  // "add xena, yuri and zoe with sudo": a list cut by its commas; a turn that grants sudo and
  // refuses nothing anywhere leaves the grant to the readers
  const anywhere = toks.flatMap((t) => t.filter(isSudoWord));
  if (anywhere.length && !toks.some((t) => protectors(t).length)) return "keep";
  return "ask";
}

function callDisk(call: PlanCall): string {
  return call.tool === "partitionDisk" ? call.args.disk : "";
}

/** The targets a text names, found as the gate finds mentions (pronouns are no names). */
function namer(facts: Facts, people: ReadonlySet<string>): Namer {
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

/** The question for a reference the turn before did not settle: the candidates, by name. */
function whichOne(call: PlanCall, candidates: readonly string[], facts: Facts): string {
  if (call.tool === "removeRecipe")
    return `Which program do you mean: ${candidates.join(" or ")}? I haven't planned removing any. Say "remove NAME".`;
  if (call.tool === "createUser")
    return `Who should get sudo: ${candidates.join(" or ")}? I haven't given anyone admin rights. Say "give NAME sudo".`;
  const list = candidates.map((p) =>
    diskWords(
      facts.disks.find((d) => d.path === p),
      p,
    ),
  );
  return `Which disk do you mean: ${list.join(", or ")}? I haven't planned erasing any. Say "erase" and the disk's name (e.g. "erase ${candidates[0]!.replace(/^\/dev\//, "")}").`;
}

/** The decision with every destructive call the words may not have asked for made a question. */
export function gateCertainty(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return stripOffer(decision, conv, facts);
  const segs = segments(conv.user);
  const offered = conv.offer?.calls ?? [];
  const taking = yesNo(conv.user) === true;
  const creates = (decision.calls as PlanCall[]).filter((c) => c.tool === "createUser");
  // (a "name" that is a word of the lexicon, "nae" in "nae sudo", names no one)
  const people = new Set(
    [
      ...facts.users,
      ...creates.map((c) => (c.tool === "createUser" ? c.args.username : "")),
      ...conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
    ].filter((n) => n && !isNegator(n) && !isKeepWord(n)),
  );
  const stops: Stop[] = [];
  const calls = [...(decision.calls as PlanCall[])];
  const named = namer(facts, people);
  for (const [i, call] of calls.entries()) {
    // "yes" to my offer of exactly this: my question named it; a call already planned, said again
    if (taking && offered.some((o) => sameCall(o as PlanCall, call))) continue;
    if (conv.pending.some((p) => sameCall(p, call))) continue;
    // "wipe it", "give her sudo": a pronoun the turn before did not settle (./pronounTargets.ts)
    if (!conv.pending.some((p) => p.tool === "partitionDisk" && erasesWholeDisk(p, callDisk(call)))) {
      const candidates = unsettledReference(call, conv, facts, named);
      if (candidates) {
        stops.push({ call, protectedBy: true, ask: whichOne(call, candidates, facts) });
        continue;
      }
    }
    if (call.tool === "removeRecipe") {
      const name = call.args.name;
      const found = mentionsIn(segs, (t) => recipeMentions(t, name, facts), THING_PRONOUNS);
      if (protectedIn(found, true))
        stops.push({
          call,
          protectedBy: true,
          ask: `I haven't planned removing ${name}: your words keep or refuse it. To remove it, say "remove ${name}".`,
        });
      continue;
    }
    if (call.tool === "createUser" && call.args.sudo === true) {
      const name = call.args.username;
      let verdict = judgeSudo(call, segs, people, creates.length === 1);
      if (verdict === "keep" || offered.some((o) => sameCall(o as PlanCall, call))) continue;
      // sudo said before: the account already planned with it, its settings again ("same for bob"),
      // or the name I asked for after a turn that asked for sudo ("add a user with sudo" "vince")
      if (verdict === "ask") {
        const had = conv.pending.some((p) => p.tool === "createUser" && p.args.sudo === true);
        const prev = conv.turns.at(-1)?.user ?? "";
        const mine = conv.pending.some(
          (p) => p.tool === "createUser" && p.args.username === name && p.args.sudo,
        );
        if (mine || (had && SAME.test(conv.user)) || words(prev).some((x) => isSudoWord(x.w)))
          verdict = "keep";
      }
      if (verdict === "keep") continue;
      if (verdict === "plain") {
        // the words refuse sudo and ask for the account: the account, without sudo
        calls[i] = { ...call, args: { ...call.args, sudo: false } };
        continue;
      }
      stops.push({
        call,
        protectedBy: verdict !== "ask",
        ask:
          verdict === "word"
            ? `"${name}" reads as a word of yours, not a name, so I haven't given it an account with sudo. To add a user, say "add user NAME".`
            : verdict === "refused"
              ? `Your words both give and refuse ${name} sudo, so I haven't planned the account. Say "add ${name} with sudo" or "add ${name} without sudo".`
              : `Should ${name} get sudo? I haven't planned it: no word of yours gives ${name} admin rights. Say "add ${name} with sudo" or "add ${name} without sudo".`,
      });
      continue;
    }
    if (call.tool !== "partitionDisk" || !erasesWholeDisk(call)) continue;
    const disk = call.args.disk;
    // a change to an erase already planned (its filesystem, its encryption)
    if (conv.pending.some((p) => erasesWholeDisk(p, disk))) continue;
    const d = facts.disks.find((x) => x.path === disk);
    const short = disk.replace(/^\/dev\//, "");
    const found = mentionsIn(segs, (t) => diskMentions(t, disk, facts), THING_PRONOUNS);
    if (protectedIn(found)) {
      stops.push({
        call,
        protectedBy: true,
        ask: `I haven't planned erasing ${diskWords(d, disk)}: your words keep or refuse it. To erase ${disk}, say "erase ${short}".`,
      });
      continue;
    }
    // an erase that would replace the install planned on another disk, in words that never say
    // they change it ("and format the seagate too"): asked, the plan stays
    const before = conv.pending.find((p) => p.tool === "partitionDisk" && p.args.disk !== disk);
    if (before && before.tool === "partitionDisk" && ADDITION.test(conv.user) && !CORRECTION.test(conv.user))
      stops.push({
        call,
        protectedBy: false,
        ask: `The plan installs onto ${before.args.disk}; one install is planned at a time, so I haven't replaced it with erasing ${diskWords(d, disk)}. To install there instead, say "erase ${short} instead".`,
      });
  }
  if (!stops.length) return calls.some((c, i) => c !== decision.calls[i]) ? { calls } : decision;
  const rest = calls.filter((c) => !stops.some((s) => s.call === c));
  const asks = [...new Set(stops.map((s) => s.ask))].join(" ");
  const offers = [...stops.filter((s) => !s.protectedBy).map((s) => s.call), ...rest];
  if (!offers.length) return { reply: asks };
  return {
    reply: rest.length
      ? `${asks} Shall I do the rest (${rest.length} change${rest.length > 1 ? "s" : ""})?`
      : `${asks} Or say "yes" to do it.`,
    offer: { calls: offers.slice(0, MAX_CALLS) },
  };
}

/** An offer never holds an erase or removal of what the same words protect. */
function stripOffer(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("reply" in decision) || !decision.offer) return decision;
  const segs = segments(conv.user);
  const offered = decision.offer.calls as PlanCall[];
  // "wipe it" offered back as "Shall I erase /dev/sda?": a reflexive "yes" would settle what the
  // words left open, so the offer is the question between the candidates (./pronounTargets.ts)
  const people = new Set(
    [
      ...facts.users,
      ...[...offered, ...conv.pending].flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
    ].filter((n) => n && !isNegator(n) && !isKeepWord(n)),
  );
  const named = namer(facts, people);
  const open = offered.flatMap((c) => {
    const candidates = unsettledReference(c, conv, facts, named);
    return candidates ? [whichOne(c, candidates, facts)] : [];
  });
  const calls = offered.filter((c) => !unsettledReference(c, conv, facts, named));
  if (open.length) {
    const asks = [...new Set(open)].join(" ");
    return calls.length
      ? {
          reply: `${asks} Shall I do the rest (${calls.length} change${calls.length > 1 ? "s" : ""})?`,
          offer: { calls },
        }
      : { reply: asks };
  }
  const kept = calls.filter((c) => {
    if (c.tool === "removeRecipe")
      return !protectedIn(
        mentionsIn(segs, (t) => recipeMentions(t, c.args.name, facts), new Set()),
        true,
      );
    if (c.tool === "partitionDisk" && erasesWholeDisk(c))
      return !protectedIn(mentionsIn(segs, (t) => diskMentions(t, c.args.disk, facts), new Set()));
    return true;
  });
  if (kept.length === calls.length) return decision;
  return kept.length
    ? { reply: decision.reply, offer: { calls: kept } }
    : { reply: decision.reply.replace(/\s*[^.?!]*"yes"[^.?!]*[.?!]?\s*$/, "") || decision.reply };
}
