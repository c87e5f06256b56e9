import type { Disk } from "../../facts/schema.js";
import type { Ctx } from "./context.js";
import { type DiskContext, resolveDisk } from "./disks.js";
import { tokenize } from "./text.js";

/**
 * "Negative on the Seagate. Affirmative on the Crucial, full wipe." "The 870 and the Seagate sit
 * on the bench. The 980 PRO, whole disk." "I'll unplug the Samsung later, but for now install on
 * the WD." Several disks are named, but only one in a clause that asks for the install: the others
 * are named in clauses that keep them, refuse them, or only talk about them. That one disk is the
 * target, whatever words (jargon, a metaphor, another language) the other clauses keep them with.
 *
 * Read clause by clause (split at stops, commas, colons, line breaks and and/but/so/then/while; not
 * at "or", so "the WD or the samsung" stays one choice, asked). A clause asks for the install when
 * it holds an install or erase word and no negation; "wipe it", "put the system there" point at
 * the disk the nearest clause before named. Undefined (the question stays) unless exactly one disk
 * is named in asking clauses, it is not also named in a clause that negates or keeps, no asking
 * clause names a disk ambiguously, and no other disk is added with "too"/"also"/"as well".
 */
const SENTENCE = /[.;!?\n]+|\bbut\b/i;

// A colon heads what follows ("Crucial: whole disk, btrfs"): a clause of the same sentence, so the
// layout after it is said of the disk before it.
const SPLIT = /[,():]+|\s[-–—]\s|\b(?:and|so|then|while|whereas|though|although|because|as)\b/i;

const UNDECIDED = /\b(?:or|whichever|whatever|either|idk|not sure|unsure|maybe|perhaps)\b/i;

const ACTION =
  /\b(?:install(?:s|ed|ing|ation)?|put|wipe[sd]?|wiping|erase[sd]?|erasing|format(?:ted|ting)?|use|using|go with|gets?|target|clear|build|reinstall|obliterate|nuke|partition|deploy|whole (?:disk|drive|thing)|full wipe|entirety|affirmative|levitate(?:os)?|linux|(?:the|new) system)\b/i;

/**
 * "the Crucial nvme, whole board, ext4", "the 980, all of it, btrfs with 8G swap": the layout of
 * the install said of a disk asks for the install there as plainly as a verb, in any voice (a
 * game's board, a runway, a field). The words are the tool's own arguments: a filesystem, swap,
 * encryption, the whole of a disk; no voice uses them of a disk it keeps. And a few verbs that
 * place a thing onto something ("stow", "place", "spin up on", "land on", "route onto"): the
 * install said in a register's own verb.
 */
const LAYOUT =
  /\b(?:ext4|btrfs|xfs|swap|encrypt(?:ed|ion)?|luks|whole|entire|all of it|the lot|stow(?:ed)?|place[ds]?|spin(?:ning)?|land(?:ing)?|route[ds]?|sacrifice[ds]?|takes?)\b/i;

/** A clause that asks for the install: an install word or a layout word. */
const asks = (clause: string): boolean => ACTION.test(clause) || LAYOUT.test(clause);

const NEGATED =
  /\b(?:not?|never|nobody|nothing|none|neither|nor|without|negative|don'?t|doesn'?t|isn'?t|aren'?t|won'?t|shouldn'?t|mustn'?t|can'?t|cannot|later|afterwards|keep|kept|stays?|leave|spare|protect(?:ed)?|untouched|sealed|alone|excluded|retained|unaltered|unchanged|ignore|skip|hold|hands off|bench|isolation|backups?|myself)\b/i;

const POINTER = /\b(?:it|there|that one|this one|that disk|that drive)\b/i;

const RELATIVE = /\b(?:other|another|rest|remaining|else|different|instead|either)\b/i;

const ADDED = /\b(?:too|also|as well|both)\b/i;

export function diskOfActionClause(
  text: string,
  disks: readonly Disk[],
  eligible: readonly Disk[],
  ctx: DiskContext,
): Disk | undefined {
  // "the samsung... or the WD, not sure", "the 500 gig one, or the 2TB, whichever": a choice left open
  if (UNDECIDED.test(text.replace(/\bor\b/gi, ""))) return undefined;
  // "or" leaves the choice open when a disk follows it; "leave it be, or be cursed" names none
  for (const m of text.matchAll(/\bor\b([^.;!?,]*)/gi))
    if (resolveDisk(tokenize(m[1] ?? ""), disks, { ...ctx, mentioned: [], offered: [] }).kind !== "absent")
      return undefined;
  const asked = new Map<string, Disk>();
  const refused = new Set<string>();
  /** Disks named in a clause that neither asks nor refuses, in a sentence that asks for the install. */
  const beside: string[] = [];
  // "the 980 is the clean station. wipe it": a pointer reaches the disk named last, across a stop
  let last: Disk | undefined;
  for (const sentence of text.split(SENTENCE)) {
    const clauses = (sentence ?? "")
      .split(SPLIT)
      .map((c) => c?.trim() ?? "")
      .filter(Boolean);
    const sentenceActs = clauses.some((c) => asks(c) && !NEGATED.test(c));
    let named = false;
    let opened = false;
    for (const clause of clauses) {
      // "use the other big disk": a disk named by what it is not is the other readers' (namedBeforeOther)
      const resolved = resolveDisk(tokenize(clause), disks, { ...ctx, mentioned: [], offered: [] });
      // ("install upon the Samsung instead": "instead" beside a disk named by its own name is no
      // relative description; the disk is named)
      const insteadOfNamed = resolved.kind === "one" && !RELATIVE.test(clause.replace(/\binstead\b/gi, ""));
      if (RELATIVE.test(clause) && !insteadOfNamed) return undefined;
      const negated = NEGATED.test(clause);
      const acts = asks(clause) && !negated;
      // "8G swap", "ext4 on 100G": a size in a clause of layout words is the layout's, no disk's
      const layoutOnly = !ACTION.test(clause) && LAYOUT.test(clause);
      const r = layoutOnly && resolved.kind !== "one" ? { kind: "absent" as const } : resolved;
      if (r.kind === "one") {
        last = r.disk;
        // "put LevitateOS beside Windows, on the WD": the request's place said in the next clause
        if (acts || (opened && !negated)) asked.set(r.disk.path, r.disk);
        else if (negated) refused.add(r.disk.path);
        // "the samsung too": a second disk said beside the request
        else if (ADDED.test(clause)) return undefined;
        // "install on the toshiba and the nvme": a disk in the asking sentence, unless a later
        // clause says more about it ("the 980 PRO, whole disk")
        else if (sentenceActs) beside.push(r.disk.path);
      } else if (r.kind === "many" || r.kind === "none") {
        // which disk an asking or a refusing clause means is unclear: so is the answer
        if (acts || negated) return undefined;
      }
      // "the 980 PRO, whole disk", "wipe it": a clause after the one that named a disk, about it
      const inherits = r.kind === "absent" && acts && last !== undefined && (POINTER.test(clause) || named);
      if (inherits) asked.set(last!.path, last!);
      named = r.kind === "one";
      opened = acts && r.kind === "absent" && !inherits;
    }
  }
  if (asked.size !== 1) return undefined;
  const disk = [...asked.values()][0]!;
  if (beside.some((p) => !asked.has(p))) return undefined;
  if (refused.has(disk.path) || !eligible.some((d) => d.path === disk.path)) return undefined;
  return disk;
}

/**
 * "The Samsung stays. The WD Blue is empty; install there.": "there", "it" in the clause that asks
 * point at the disk this turn named just before, not at a disk an earlier turn named or kept.
 * Read as diskOfActionClause reads the turn: a disk kept in it or before, or not eligible, is no answer.
 */
export function pointedInTurn(ctx: Ctx, eligible: readonly Disk[], dctx: DiskContext): string | undefined {
  const path = diskOfActionClause(ctx.conv.user, ctx.facts.disks, eligible, dctx)?.path;
  // a disk whose content (or the whole of it) the person keeps is asked about, never pointed at;
  // nor is the live medium, which a turn describes to rule it out ("put it on the drive. not the
  // usb stick i booted from"): "it" is then the disk left, read below
  if (path && !eligible.some((d) => d.path === path)) return undefined;
  return (ctx.conv.protections ?? []).some((p) => "disk" in p && p.disk === path) ? undefined : path;
}
