import type { Facts } from "../../facts/schema.js";
import { type Clause, clauses } from "../rules/clauses.js";
import { resolveDisk } from "../rules/disks.js";
import { normalizeTokens } from "../rules/tokens.js";
import { REMOVE_VERBS, REPLACE_VERBS } from "../rules/vocab.js";
import { refusedFar } from "./farNegation.js";
import { DESTROY_VERBS, KEEP_VERBS, NEGATORS } from "./lexicon.js";
import { foundPerWord } from "./partitionRefs.js";
import { asksToAct } from "./questionRequest.js";
import { MIN_FREE_BYTES } from "./screen.js";
import { systemWord } from "./systemDisks.js";

/**
 * Whether a turn's words carry a direct request for one destructive target (a program, a disk):
 * the target said in a clause that acts on it, not in one that keeps it, refuses it, asks about it
 * or sets a condition on it. Each place the target is said is read by its grammar, in the clause
 * the one splitter made (agent/rules/clauses.ts):
 * - kept: a keep verb before it ("keep the samsung", "behalte git", "leave sda") that no negation
 *   turns ("don't keep sda" lets it go), or a keep word after it ("git stays", "o git fica",
 *   "sda alone", "git bleibt");
 * - refused: a negation before its verb or before the target itself ("don't wipe sda", "not the
 *   wd", "ne supprime pas git"), or said last in a verb-final clause ("lösch git nicht");
 * - asked or conditional: the clause's sentence is a question or holds an "if";
 * - a modifier, not the target: "the git tui thing" names another program by git.
 * A pronoun ("wipe it", "remove them") in a clause with an unrefused verb stands for the target.
 */

/**
 * "request": said in a clause with a verb that acts on it; "named": said, unrefused, with no such
 * verb (an answer: "the samsung", "just btop"); "blocked": said only where it is kept, refused,
 * asked about or a modifier; "unsaid": not said at all.
 */
export type Said = "request" | "named" | "blocked" | "unsaid";

/**
 * Keep verbs the shared lexicon lacks, and the keeps of the other languages the rules know. Most
 * reach this reader in English (agent/rules/otherLanguages.ts), but not a word glued to the one
 * before it by a mark ("remove htop,behalte git") nor one no table holds ("lass", "conserve",
 * "mantem", "nunca"). Clause words are ASCII (agent/rules/clauses.ts), so an accented spelling
 * ("mantém", "não") can never match: only unaccented ones are listed.
 */
const KEEP_BEFORE = new Set([
  ...KEEP_VERBS,
  "leave",
  "save",
  "behalte",
  "behalten",
  "behalt",
  "lass",
  "garde",
  "gardez",
  "garder",
  "conserve",
  "conserver",
  "manten",
  "mantener",
  "mantenha",
  "mantem",
  "tieni",
  "mantieni",
  "laat",
  "houd",
  "hou",
  "hands",
]);
/** Said after the target, these keep it: "git stays", "o git fica", "sda alone", "git bleibt". */
const KEEP_AFTER = new Set([
  "stays",
  "stay",
  "remains",
  "remain",
  "fica",
  "ficam",
  "bleibt",
  "bleiben",
  "reste",
  "restent",
  "queda",
  "quedan",
  "resta",
  "restano",
  "blijft",
  "alone",
  "untouched",
  "intact",
  "safe",
  "sacred",
  "untouchable",
  "precious",
]);
const NEGATION = new Set([
  ...NEGATORS,
  "nicht",
  "kein",
  "keine",
  "pas",
  "ne",
  "nao",
  "nunca",
  "jamais",
  "niet",
  "nie",
]);
/** Words between a negation and what it refuses: "not the wd", "nicht das git". */
const DETERMINER = /^(?:the|my|a|an|that|this|o|a|das|den|die|le|la|les|el|los|il|lo|de|het)$/;
/** Negations said last in a verb-final clause: "lösch git nicht", "supprime git pas". */
const TRAILING_NEGATION = new Set(["nicht", "pas", "not", "niet", "nao"]);
/** Verbs that act on the target, in the languages the rules know. */
export const ACT_VERBS = new Set([
  ...DESTROY_VERBS,
  ...REMOVE_VERBS,
  ...REPLACE_VERBS,
  "install",
  "put",
  "use",
  "go",
  "take",
  "pick",
  "choose",
  "lösch",
  "lösche",
  "löschen",
  "entferne",
  "entfernen",
  "deinstalliere",
  "supprime",
  "supprimer",
  "efface",
  "effacer",
  "désinstalle",
  "desinstalle",
  "remova",
  "remove",
  "apaga",
  "apague",
  "borra",
  "borre",
  "elimina",
  "quita",
  "rimuovi",
  "cancella",
  "verwijder",
  "formatea",
  "formate",
  "formatiere",
]);
/** What lets go though it holds a negation: "don't need", "no longer want", "don't care about". */
const LET_GO_AFTER = /^(?:need|needs|needed|want|use|care|wanna)$/;
/**
 * A noun after a program's name that makes it a modifier: "the git tui thing" is another program.
 * Generic nouns are not ("the bat thing" is bat).
 */
const MODIFIED = new Set([
  "tui",
  "gui",
  "ui",
  "client",
  "frontend",
  "wrapper",
  "plugin",
  "plugins",
  "config",
  "configs",
  "integration",
  "extension",
  "replacement",
  "alternative",
  "clone",
  "fork",
  "helper",
  "interface",
  "viewer",
]);
/** The act verbs that destroy; "use", "install", "put" only place. */
export const DESTROYS = new Set(
  [...ACT_VERBS].filter((x) => !/^(?:install|put|use|go|take|pick|choose)$/.test(x)),
);
const PRONOUN = new Set(["it", "that", "this", "them", "those", "these", "both", "there", "em"]);
const EVERYTHING = /\b(?:everything|all|the rest|every one|the lot)\b/;

/**
 * "keep. the. samsung.": a run of one-word sentences is one sentence said slowly, so its words are
 * read together.
 */
export function joinSlowWords(text: string): string {
  const parts = text.split(/(?<=\.)\s+/);
  const one = (p: string) => /^[^\s.]+\.$/.test(p.trim());
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const run = one(p) && (one(parts[i - 1] ?? "") || one(parts[i + 1] ?? ""));
    if (run && one(parts[i - 1] ?? "") && out.length)
      out[out.length - 1] = `${out.at(-1)!.replace(/\.$/, "")} ${p}`;
    else out.push(p);
  }
  return out.join(" ");
}

const SOFTENER = /^(?:really|even|actually|ever|much|always|usually|longer)$/;

/** Who a refused wish is about, between it and its verb: "don't want you to touch", "no want make you touch". */
const WISHED_OF =
  /^(?:you|u|ya|anyone|anybody|someone|somebody|it|make|to|the|installer|levitate|this|mess|any)$/;
const WISH = /^(?:want|wanna|like|wish)$/;

/**
 * A refused wish refuses the verb it governs: "i don't want you to touch the nvme", "I no want
 * make you touch the nvme o". Its negation is carried to the verb, three words away or less, so
 * the verb reads as negated; undefined when no such verb follows.
 */
function refusedWish(w: readonly string[], i: number): number | undefined {
  if (!NEGATION.has(w[i]!) || !WISH.test(w[i + 1] ?? "")) return undefined;
  for (let j = i + 2; j < Math.min(w.length, i + 6); j++) {
    if (ACT_VERBS.has(w[j]!) || KEEP_BEFORE.has(w[j]!)) return j > i + 2 ? j : undefined;
    if (!WISHED_OF.test(w[j]!)) return undefined;
  }
  return undefined;
}

/** Negations that only say what is no longer needed are no refusal: "i don't need windows". */
function withoutLetGo(w: readonly string[]): string[] {
  // "i dont really use htop": an adverb between the negation and the verb
  const verbAfter = (i: number) =>
    LET_GO_AFTER.test(w[i + 1] ?? "") || (SOFTENER.test(w[i + 1] ?? "") && LET_GO_AFTER.test(w[i + 2] ?? ""));
  const out = w.map((x, i) => (NEGATION.has(x) && verbAfter(i) && refusedWish(w, i) === undefined ? "_" : x));
  for (let i = 0; i < w.length; i++) {
    const verb = refusedWish(w, i);
    if (verb !== undefined) for (let j = i; j < verb; j++) out[j] = "not";
  }
  return out;
}

/** How the clause treats the target said at word `k`. */
/** Verbs that keep using a program: said of it, they are a reason to keep it, never its removal. */
const USING = /^(?:use|using|need|needs|like|love|want)$/;
const USED_TAIL = /^(?:|it|them|daily|often|everyday|still|too|a|all|lots|constantly|regularly)$/;
const USER = /^(?:i|we|still|do|really|actually|i'll|ill|we'll|will|are|is|what)$/;

/**
 * How the clause treats the target said at word `k`. `removal`: the target is a program to remove,
 * so a placing or using verb said of it ("i'll use git instead", "fd and bat are what i use", "fd
 * i still use") keeps it (tester 11 D2/D3: those programs were removed or offered for removal).
 */
export function stateAt(c: Clause, k: number, conditionOk = false, removal = false): "request" | "blocked" {
  // "can we use sdb?", "and put it on the nvme?", "would sdb work?": a question that asks for the
  // act is a request; one that asks about the target ("is sdb empty?") is not
  if ((c.question && !asksToAct(c, ACT_VERBS)) || (c.conditional && !conditionOk) || modifierAt(c, k))
    return "blocked";
  const w = withoutLetGo(c.w);
  // "not sda", "not the samsung", "nicht git": the target itself refused
  const refused = (x: string | undefined) => x !== undefined && x !== "no" && NEGATION.has(x);
  if (refused(w[k - 1]) || (refused(w[k - 2]) && DETERMINER.test(w[k - 1]!))) return "blocked";
  if (refusedFar(w, k, (x) => ACT_VERBS.has(x) || KEEP_BEFORE.has(x))) return "blocked";
  for (let j = k - 1; j >= 0; j--) {
    const x = w[j]!;
    const negated = w
      .slice(Math.max(0, j - 3), j)
      .some((b) => NEGATION.has(b) && (b !== "no" || (j - 1 >= 0 && w[j - 1] === "no")));
    // "actually no keep windows", "nah keep it": a "no" said right before a keep verb answers what
    // came before; English refuses a keep with "don't keep", never "no keep" (tester 13 D3: the
    // keep read as a refusal of it, and the erase was offered)
    const interjection = negated && /^(?:no|nah|nope)$/.test(w[j - 1] ?? "") && w[j - 2] !== "no";
    if (KEEP_BEFORE.has(x) && x !== "hands") return negated && !interjection ? "request" : "blocked";
    if (x === "hands" && w[j + 1] === "off") return "blocked";
    if (ACT_VERBS.has(x)) {
      if (negated || describedByLack(w, j, k)) return "blocked";
      // "i'll use git instead": placing a program is keeping it; "i don't use bat" lets it go
      // ("take lazygit off" is a removal: only using and installing keep)
      if (removal && /^(?:use|using|install)$/.test(x) && !rawNegated(c.w, j)) return "blocked";
      break;
    }
  }
  // "the drive windows isn't on": the target is where the disk meant is NOT
  if (!removal && lacksAfter(w, k)) return "blocked";
  for (let j = k + 1; j < Math.min(w.length, k + 4); j++) {
    if (ACT_VERBS.has(w[j]!) && !(removal && USING.test(w[j]!))) break;
    if (KEEP_AFTER.has(w[j]!)) return "blocked";
  }
  // "fd i still use", "fd and bat are what i use", "fd i need": used by the speaker, so kept
  if (removal)
    for (let j = k + 1; j < Math.min(c.w.length, k + 7); j++)
      if (DESTROYS.has(c.w[j]!)) break;
      else if (
        USING.test(c.w[j]!) &&
        USER.test(c.w[j - 1] ?? "") &&
        // what is used is the target itself, never another program ("bc i use zellij")
        USED_TAIL.test(c.w[j + 1] ?? "") &&
        !rawNegated(c.w, j)
      )
        return "blocked";
  // "lösch git nicht": the negation said last
  // ("nvme can or not": "or not" closes a question, it refuses nothing)
  if (
    k < w.length - 1 &&
    TRAILING_NEGATION.has(w.at(-1)!) &&
    w.at(-2) !== "or" &&
    w.slice(k + 1).every((x) => !ACT_VERBS.has(x))
  )
    return "blocked";
  return "request";
}

/**
 * A negation between the verb and the target: "format the drive that doesn't have windows", "wipe
 * the one without my photos", "use the disk ubuntu is not on" (tester 12 D1: each erased the disk
 * that HAS what was named). The target then describes the disk NOT meant, so it is never what the
 * verb acts on. "don't need", "don't care about" let go and do not count.
 */
function describedByLack(w: readonly string[], verb: number, k: number): boolean {
  for (let i = verb + 1; i < k; i++) {
    const x = w[i]!;
    if (
      !NEGATION.has(x) &&
      !/^(?:is|are|was|were|has|have|had|does|do|did|ai)n'?t$/.test(x) &&
      x !== "sans" &&
      x !== "minus"
    )
      continue;
    if (LET_GO_AFTER.test(w[i + 1] ?? "") || LET_GO_AFTER.test(w[i + 2] ?? "")) continue;
    // "no" is a lack only after having words ("has no windows", "with no photos")
    if (x === "no" && !/^(?:has|have|had|with|got)$/.test(w[i - 1] ?? "")) continue;
    return true;
  }
  return false;
}

function saidByLack(c: Clause, k: number): boolean {
  const w = withoutLetGo(c.w);
  return lacksAfter(w, k) || w.some((x, j) => j < k && ACT_VERBS.has(x) && describedByLack(w, j, k));
}

/** "windows isn't on", "my photos are not on": said right after the target, of where it is. */
function lacksAfter(w: readonly string[], k: number): boolean {
  let i = k + 1;
  if (/^(?:is|are|isnt|arent|aint)$/.test(w[i] ?? "")) i += /^(?:isnt|arent|aint)$/.test(w[i]!) ? 0 : 1;
  const neg = w[i] === "not" || /^(?:isnt|arent|aint)$/.test(w[i] ?? "");
  return neg && /^(?:on|in|there|installed)$/.test(w[i + 1] ?? "");
}

/** A negation in the three words before `j`, as typed ("i don't use bat": not kept). */
function rawNegated(w: readonly string[], j: number): boolean {
  return w.slice(Math.max(0, j - 3), j).some((b) => NEGATION.has(b) || b === "no" || /n'?t$/.test(b));
}

/** A clause that acts on something it points at ("wipe it", "remove them", "install there"). */
function actsOnPronoun(c: Clause): boolean {
  const k = c.w.findIndex((x) => PRONOUN.has(x));
  if (k < 0 || !c.w.some((x) => DESTROYS.has(x))) return false;
  return stateAt(c, k) === "request";
}

/**
 * Where a clause says a program by its own name. Said as a modifier of another noun ("the git tui
 * thing") it is said, but never as what the clause acts on: the place reads as blocked.
 */
function programAt(c: Clause, name: string): number[] {
  const n = name.toLowerCase();
  return c.w.flatMap((x, i) => (x === n ? [i] : []));
}

function modifierAt(c: Clause, k: number): boolean {
  return MODIFIED.has(c.w[k + 1] ?? "");
}

/** Where a clause says a disk: its device name, model words, labels, systems. */
export function diskAt(c: Clause, disk: string, facts: Facts): number[] {
  // each word read with the words beside it: "the samsung 870" names the 870 only (partitionRefs.ts)
  const each = foundPerWord(c.w, facts);
  return c.w.flatMap((_, i) => (each[i]!.some((f) => f.disk.path === disk) ? [i] : []));
}

function read(
  cs: readonly Clause[],
  at: (c: Clause) => number[],
  everything: boolean,
  conditionOk = false,
  removal = false,
): Said {
  let last = -1;
  let named = false;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const ks = at(c);
    const open = ks.filter((k) => stateAt(c, k, conditionOk, removal) === "request");
    if (open.length && c.w.some((x) => (removal ? DESTROYS : ACT_VERBS).has(x))) return "request";
    if (open.length) named = true;
    else if (ks.length) last = i;
  }
  if (named) return "named";
  if (last < 0) return "unsaid";
  // "use the drive windows isn't on, wipe it": "it" is the disk meant, never the one described by lack
  if (!removal && at(cs[last]!).some((k) => saidByLack(cs[last]!, k))) return "blocked";
  // "keep sda? no, wipe it": after the last place it was kept or asked about, a clause that
  // destroys what it points at (never one that only installs: "keep sda. install it on nvme")
  const after = cs.slice(last + 1);
  if (after.some((c) => at(c).length === 0 && (actsOnPronoun(c) || (everything && actsOnEverything(c)))))
    return "request";
  return "blocked";
}

function actsOnEverything(c: Clause): boolean {
  return !c.question && !c.conditional && EVERYTHING.test(c.said) && c.w.some((x) => DESTROYS.has(x));
}

/** Whether the words ask to remove the program. */
export function removalSaid(text: string, name: string): Said {
  return read(clauses(joinSlowWords(text)), (c) => programAt(c, name), true, false, true);
}

/**
 * Whether the words ask to install onto (erase) the disk. `empty`: the disk holds nothing, so a
 * condition on it ("if the samsung is empty use it") is one the facts answer, and loses nothing.
 */
export function eraseSaid(text: string, disk: string, facts: Facts, empty = false): Said {
  return read(clauses(joinSlowWords(text)), (c) => diskAt(c, disk, facts), false, empty);
}

/** Words that choose by comparing, counting or what is absent: a choice, never a name. */
const CHOOSING_WORD =
  /^(?:first|second|third|fourth|last|other|another|either|whichever|bigger|larger|biggest|largest|smaller|smallest|big|large|small|empty|blank|unused|top|bottom|upper|lower|1st|2nd|3rd)$/;
/** What every disk may hold, so it names none: a layout's labels, a vendor's partitions. */
const GENERIC_CONTENT = new Set([
  "system",
  "boot",
  "home",
  "root",
  "swap",
  "data",
  "reserved",
  "recovery",
  "manager",
]);

/** Words of what a disk holds: its systems, filesystems and labels ("bitlocker", "media"). */
export function contentWords(d: Facts["disks"][number]): Set<string> {
  const out = new Set<string>();
  for (const p of d.partitions ?? [])
    for (const x of [p.os, p.fstype, p.label]
      .join(" ")
      .toLowerCase()
      .split(/[^a-z0-9]+/))
      if (x.length >= 4 && !GENERIC_CONTENT.has(x)) {
        out.add(x);
        // "the mac disk" for macOS, "the win drive" for Windows: the system's own word
        const sys = systemWord(x);
        if (sys) out.add(sys);
      }
  // a short name of letters and digits that is a whole word of the model or a label ("the T7")
  for (const x of [d.model, ...(d.partitions ?? []).map((p) => p.label ?? "")]
    .join(" ")
    .toLowerCase()
    .split(/[^a-z0-9]+/))
    if (/^(?=.*[a-z])(?=.*\d)[a-z0-9]{2,3}$/.test(x)) out.add(x);
  return out;
}

/**
 * Where a clause says a disk by words that fit it alone among all the disks, the live medium
 * counted: a brand the model hides ("the crucial" for CT1000MX500SSD1), a kind only it is ("the
 * nvme", "the emmc"), a size ("the 100 gig one"), or what is on it ("the bitlocker stuff"). "the
 * usb stick" beside a USB live stick fits two disks and names neither; "the bigger one" compares.
 */
export function describedAt(
  c: Clause,
  disk: string,
  facts: Facts,
  without: readonly string[] = [],
): number[] {
  // the disks a person may mean: the live medium among them (the words they see on it, "the
  // kingston", "the usb stick", fit it too), never a disk too small to install onto, nor one the
  // conversation keeps ("leave the backup drive alone and install on the 1tb")
  const meant = facts.disks.filter(
    (d) => !without.includes(d.path) && (d.liveMedium || d.path === disk || d.sizeBytes >= MIN_FREE_BYTES),
  );
  const all = meant.map((d) => ({ ...d, liveMedium: false }));
  const holders = (x: string) =>
    meant.filter((d) => contentWords(d).has(x) || contentWords(d).has(systemWord(x) ?? "\0"));
  const out: number[] = [];
  for (let i = 0; i < c.w.length; i++) {
    for (const n of [1, 2]) {
      const span = c.w.slice(i, i + n);
      if (span.length < n || span.some((x) => CHOOSING_WORD.test(x))) continue;
      // "the samsumg ssd": read as the rules read it, typos of brands and kinds corrected
      const r = resolveDisk(normalizeTokens(span.join(" "), facts), all, { mentioned: [], offered: [] });
      const on = n === 1 ? holders(span[0]!) : [];
      if (
        (r.kind === "one" && r.disk.path === disk) ||
        (on.length === 1 && on[0]!.path === disk && r.kind === "absent")
      ) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

/** Whether the words ask to install onto the disk by a description only it fits (describedAt). */
export function eraseDescribed(
  text: string,
  disk: string,
  facts: Facts,
  empty = false,
  without: readonly string[] = [],
): Said {
  return read(clauses(joinSlowWords(text)), (c) => describedAt(c, disk, facts, without), false, empty);
}

/**
 * Whether the words keep or refuse the disk wherever they say it (by name or by a description only
 * it fits): a question or a condition about it refuses nothing ("it has a 256 gig ssd i think?").
 */
export function eraseRefused(text: string, disk: string, facts: Facts): boolean {
  const cs = clauses(joinSlowWords(text)).map((c) => ({ ...c, question: false, conditional: false }));
  const said = [
    read(cs, (c) => diskAt(c, disk, facts), false, true),
    read(cs, (c) => describedAt(c, disk, facts), false, true),
  ];
  return said.includes("blocked") && !said.includes("request") && !said.includes("named");
}
