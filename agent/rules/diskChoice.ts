import type { Disk } from "../../facts/schema.js";
import { describeContent } from "../safety/diskContent.js";
import type { PlanCall } from "../types.js";
import { diskOfActionClause, pointedInTurn } from "./actionClauseDisk.js";
import {
  asksDualBoot,
  besideElsewhereOffer,
  besideOnAnotherDisk,
  describeTarget,
  emptyAmong,
  listTargets,
  otherThanKept,
  systemsOn,
} from "./alongside.js";
import type { Ctx } from "./context.js";
import type { attributeSizes, diskContext } from "./diskCalls.js";
import { hasRoom } from "./diskRoom.js";
import { type DiskResolution, resolveDisk } from "./disks.js";
import type { freeRegionBySize } from "./freeSizes.js";
import { emptyPlaceSaid } from "./freeSpaceWords.js";
import { ENCRYPT_WORDS } from "./layoutArgs.js";
import { otherAfterTwinKeep } from "./otherAfterTwinKeep.js";
import { otherAmongListed } from "./otherAmongListed.js";
import { oddOneOut, oddOneOutQuestion } from "./parallelFrames.js";
import { disksNamedSeparately } from "./separateDisks.js";
import { itIsTheSystem } from "./systemPronoun.js";
import { type Token, tokenize } from "./text.js";
import { OS_WORDS } from "./tokens.js";
import { withTurnExclusion } from "./turnExclusion.js";
import { keepOrUseQuestion, namedUnasked, unaskedPick } from "./unaskedDisks.js";
import { DISK_WORDS, FILESYSTEMS } from "./vocab.js";

/**
 * Which disk a disk request installs onto (agent/rules/partitionCall.ts): the one its words name,
 * the one left by what is kept, the pending one, or a question that says what a "yes" would erase.
 */

/** What partitionCall has read of the turn and the conversation before a disk is chosen. */
export interface DiskScene {
  tokens: readonly Token[];
  /** The tokens without the sizes read as partition or free-region sizes. */
  diskTokens: Token[];
  w: string[];
  ws: Set<string>;
  attr: ReturnType<typeof attributeSizes>;
  freed: ReturnType<typeof freeRegionBySize>;
  pending: Extract<PlanCall, { tool: "partitionDisk" }> | undefined;
  /** Disks open to the install: no live medium, none kept whole. */
  eligible: Disk[];
  keptWhole: (path: string) => boolean;
  keptParts: (path: string) => boolean;
  /** What is kept rules a disk out as "the other" one. */
  keptAny: string[];
  beside: boolean;
  freeWords: boolean;
  bySystem: Disk[];
  dctx: ReturnType<typeof diskContext>;
  mentioned: string[];
}

type Choice = { disk: string | undefined } | { reply: string; offer?: PlanCall };

/** The disk the request installs onto, or the question (and its offer) when that is not certain. */
export function chooseDisk(s: DiskScene, ctx: Ctx): Choice {
  const res = resolvedDisk(s, ctx);
  if ("reply" in res) return res;
  if (res.kind === "one") return { disk: oneNamed(res.disk, s) };
  if (res.kind === "many") return oneOfMany(res, s, ctx);
  if (res.kind === "none") return oneOfNamedApart(res, s, ctx);
  return noDiskNamed(s, ctx);
}

/** The disk the words resolve to, read with a freed region, a kept disk and my last offer. */
function resolvedDisk(s: DiskScene, ctx: Ctx): DiskResolution | { reply: string } {
  const { facts } = ctx;
  const { diskTokens, dctx, mentioned, freed, w, eligible, keptAny, keptWhole } = s;
  let res = resolveDisk(diskTokens, facts.disks, { ...dctx, mentioned });
  // "put it on the big one. not the one with the movies": a relative pick ("the big one") that
  // another sentence of the turn rules out is read with that sentence (diskDescriptions.ts)
  res = withTurnExclusion(res, ctx, eligible, { ...dctx, mentioned });
  if (freed && res.kind !== "one") res = { kind: "one", disk: freed.disk, by: "its free space" };
  // "keep windows on the nvme, put levitate on the other ssd": other than what is kept, when the
  // words alone name no disk that is not kept
  const otherDisk = otherThanKept(w, eligible, keptAny);
  if (otherDisk && (res.kind !== "one" || keptAny.includes(res.disk.path)))
    res = { kind: "one", disk: otherDisk, by: "the other one" };
  // "avoid the crucial" → "Shall I install onto the nvme?" → "go ahead, encryption please": read
  // with my question's request, the kept disk is named there, not in this turn; the one I offered
  // ("ok use that one" points at a disk: the kept one, refused by the screen)
  if (
    res.kind === "one" &&
    keptWhole(res.disk.path) &&
    !namedNow(ctx, res.disk.path) &&
    !/\b(?:that|this|the)\s+(?:one|disk|drive|ssd|hdd)\b/i.test(ctx.conv.user)
  ) {
    const left = dctx.offered.filter((p) => eligible.some((e) => e.path === p));
    const offered = facts.disks.find((x) => x.path === left[0]);
    if (left.length === 1 && offered) res = { kind: "one", disk: offered, by: "the one offered" };
  }
  // "the big one" after my keep-or-use question: never a disk it asked about (unaskedDisks.ts)
  const picked = res.kind === "one" && unaskedPick(res.disk, ctx.conv.user, ctx.conv.turns, facts, eligible);
  if (picked) return { reply: picked };
  // "the other one" after a question that listed several disks: asked which (otherAmongListed.ts)
  const amongListed =
    res.kind === "one" || res.kind === "many" ? otherAmongListed(ctx, diskTokens, eligible) : undefined;
  if (amongListed) return { reply: `Which disk should I install onto: ${listTargets(amongListed)}?` };
  const twin = otherAfterTwinKeep(ctx, diskTokens, facts.disks);
  if (twin) return { reply: twin };
  return res;
}

/** One disk named: "the other one" when the named one is kept is the one left that is not. */
function oneNamed(named: Disk, s: DiskScene): string {
  const { keptWhole, ws, eligible, mentioned } = s;
  let disk = named.path;
  // "the other one" when the other is a disk the user keeps: the one left that they do not
  if (keptWhole(disk) && (ws.has("other") || ws.has("another"))) {
    const left = eligible.filter((d) => !mentioned.includes(d.path));
    if (left.length === 1) disk = left[0]!.path;
    else if (eligible.length === 1) disk = eligible[0]!.path;
  }
  return disk;
}

/** Several disks fit the words: the empty one, the one beside the system named, or a question. */
function oneOfMany(res: Extract<DiskResolution, { kind: "many" }>, s: DiskScene, ctx: Ctx): Choice {
  const { facts } = ctx;
  const { keptWhole, keptParts, w, beside, freeWords, bySystem, eligible } = s;
  // a disk whose system the user keeps and that has no room is no candidate either
  const fit = res.disks.filter(
    (d) => !d.liveMedium && !keptWhole(d.path) && !(keptParts(d.path) && !hasRoom(d)),
  );
  const empty = emptyAmong(w, fit);
  // "next to ubuntu on the samsung ssd" with two Samsungs: beside a system, on the one of them
  // that holds it
  const besideNamed = beside || freeWords ? fit.filter((d) => bySystem.includes(d)) : [];
  if (empty) return { disk: empty.path };
  else if (besideNamed.length === 1) return { disk: besideNamed[0]!.path };
  else if (fit.length === 1) return { disk: fit[0]!.path };
  else if (fit.length === 0) return { reply: `None of those can take the install.${disksLeft(eligible)}` };
  // "wouldn't want the samsungs disturbed": named under no request, so never a choice among
  // them; asked keep or use, the other disks the candidates (unaskedDisks.ts)
  else if (namedUnasked(ctx.conv.user, fit, facts)) {
    return keepOrUseQuestion(
      fit,
      eligible.filter((d) => !fit.includes(d)),
    );
  } else {
    // "install it on the hard drive" with one hard disk among SSDs: asked, the hard disk offered
    const meant = res.meant && fit.includes(res.meant) ? res.meant : undefined;
    // a "yes" to this question is the consent the erase screen would ask for, so the question
    // says what the yes erases (tester 11 D5: "the hard drive" → yes erased the Photos disk,
    // the question having shown it as "[no free space]")
    const loses = meant ? describeContent(meant) : "";
    return {
      reply: `Which disk (${res.by}): ${listTargets(fit)}?${meant ? ` "yes" takes ${meant.path}${loses ? `, erasing what it holds for good: ${loses}` : ""}.` : ""}`,
      ...(meant ? { offer: { tool: "partitionDisk", args: { disk: meant.path } } as PlanCall } : {}),
    };
  }
}

/** No one disk fits: two disks named apart, of which the one the install is asked for. */
function oneOfNamedApart(res: Extract<DiskResolution, { kind: "none" }>, s: DiskScene, ctx: Ctx): Choice {
  const { facts } = ctx;
  const { diskTokens, dctx, mentioned, eligible } = s;
  // two disks named apart ("on samsung, hold the nvme") are no one disk that is missing: asked
  // which, with no offer a "yes" could take (separateDisks.ts)
  const named = disksNamedSeparately(diskTokens, facts.disks, { ...dctx, mentioned });
  if (!named) return { reply: `No disk here matches ${res.by}.${disksLeft(eligible)}` };
  const fit = named.filter((d) => eligible.some((e) => e.path === d.path));
  if (fit.length === 0) return { reply: `None of those can take the install.${disksLeft(eligible)}` };
  // "negative on the seagate, affirmative on the crucial": one disk named where the install is
  // asked for, the others only where they are kept or talked about (actionClauseDisk.ts)
  const acted = diskOfActionClause(ctx.conv.user, facts.disks, eligible, { ...dctx, mentioned });
  if (acted) return { disk: acted.path };
  // "pa touche samsung, pa touche crucial, mete l sou kingston": disks said alike are no choice (parallelFrames.ts)
  const apart = oddOneOut(ctx.conv.user, fit, facts);
  if (apart) return oddOneOutQuestion(apart);
  return { reply: `Which disk should I install onto: ${listTargets(fit)}? You named more than one.` };
}

/** No disk named: beside a system, the pending disk, the one a pronoun means, or the only one. */
function noDiskNamed(s: DiskScene, ctx: Ctx): Choice {
  const { tokens, w, ws, attr, pending, eligible, keptAny, beside, freeWords, bySystem, mentioned } = s;
  const pronoun = ws.has("it") || ws.has("there") || ws.has("that");
  const empty = eligible.filter((d) => (d.partitions?.length ?? 0) === 0);
  const roomy = eligible.filter((d) => (d.partitions?.length ?? 0) > 0 && hasRoom(d));
  const elsewhere = beside && bySystem.length === 1 ? besideOnAnotherDisk(bySystem[0]!, eligible) : undefined;
  // "dual boot with windows" is met by another disk; "alongside windows" asked for Windows's
  // own disk, which has no room, so the empty one is a guess and asked
  if (elsewhere && !asksDualBoot(w)) return besideElsewhereOffer(bySystem[0]!, elsewhere);
  if (elsewhere) return { disk: elsewhere.path };
  else if (bySystem.length === 1 && (beside || freeWords || !pronoun)) return { disk: bySystem[0]!.path };
  // "Windows ka disk mat chhuna. Data wale disk ki khaali jagah": several disks named by what they
  // hold, the free space asked for; only one of them has room, so only it can take a free
  // install (which keeps every partition: nothing is lost by this pick)
  const roomyNamed = freeWords ? bySystem.filter((d) => eligible.includes(d) && hasRoom(d)) : [];
  if (bySystem.length > 1 && roomyNamed.length === 1) return { disk: roomyNamed[0]!.path };
  else if (bySystem.length > 1) return { reply: `Which disk: ${listTargets(bySystem)}?` };
  // "The WD Blue is empty; install there": the disk this turn just described (actionClauseDisk.ts)
  const told = pronoun ? pointedInTurn(ctx, eligible, s.dctx) : undefined;
  if (told) return { disk: told };
  if (pending && !(freeWords && !pending.args.disk)) return { disk: pending.args.disk };
  // ("put it on the drive. not the usb stick i booted from": "it" is the system, and the disk
  // last named is one no install can go onto; the words left choose, systemPronoun.ts)
  else if (
    pronoun &&
    mentioned.length &&
    !(itIsTheSystem(w) && !eligible.some((d) => d.path === mentioned.at(-1)))
  )
    return { disk: mentioned.at(-1) };
  // "wherever there's empty ground" fits a blank disk and the free space beside a system alike
  else if (emptyPlaceSaid(w) && empty.length && roomy.length)
    return { reply: `Which one: ${listTargets([...empty, ...roomy])}?` };
  else if ((ws.has("empty") || ws.has("blank") || ws.has("unused")) && empty.length === 1)
    return { disk: empty[0]!.path };
  else if ((freeWords || beside) && roomy.length === 1) return { disk: roomy[0]!.path };
  else if ((freeWords || beside) && roomy.length > 1)
    return { reply: `Which disk's free space: ${listTargets(roomy)}?` };
  else if ((freeWords || beside) && eligible.some((d) => (d.partitions?.length ?? 0) > 0))
    return {
      reply: `No disk here has free space to install into (at least 8 GiB; I don't shrink partitions).${disksLeft(eligible)}`,
    };
  else if (
    eligible.length === 1 &&
    (tokens.some((t) => DISK_WORDS.has(t.norm) && !ATTRIBUTE_WORDS.has(t.norm)) ||
      ws.has("whole") ||
      ws.has("it") ||
      ws.has("there") ||
      // "keep the crucial" … "btrfs and 16g swap": one disk left by a keep, the layout is of the
      // install there ("give me some swap" alone, on the only disk, still asks)
      (saysLayout(w, attr) && (w.some((x) => INSTALL_NOW.has(x)) || keptAny.length > 0)))
  )
    return { disk: eligible[0]!.path };
  else if (eligible.length === 1 && w.some((x) => OS_WORDS.has(x)) && !systemsOn(eligible[0]!).length) {
    // the one disk left holds data nobody named ("install linux but not on the samsung or the
    // nvme": attacker 14 L1): no offer a reflexive yes takes; its own words erase it (as after keeps)
    const held = describeContent(eligible[0]!);
    if (held)
      return {
        reply: `The only disk left is ${describeTarget(eligible[0]!)}: installing there erases ${held} for good. If nothing on it is needed any more, say "erase ${eligible[0]!.path}, I don't need what's on it".`,
      };
    // "install levitate" with one blank disk: ask before erasing it; "yes" takes the offer
    return {
      reply: `Install onto ${describeTarget(eligible[0]!)}? Everything on it is erased.`,
      offer: { tool: "partitionDisk", args: { disk: eligible[0]!.path } } as PlanCall,
    };
  } else if (eligible.length === 1 && w.some((x) => OS_WORDS.has(x))) return { disk: eligible[0]!.path };
  else if (eligible.length === 0) return { reply: "There is no disk here to install onto." };
  else {
    // exactly one disk where the install loses nothing (empty, or room beside its system): offered
    const lossless = eligible.filter(
      (d) => (d.partitions?.length ?? 0) === 0 || (systemsOn(d).length > 0 && hasRoom(d)),
    );
    const only = lossless.length === 1 ? lossless[0]! : undefined;
    const offer = only
      ? ({
          tool: "partitionDisk",
          args: { disk: only.path, ...((only.partitions?.length ?? 0) > 0 ? { use: "free" } : {}) },
        } as PlanCall)
      : undefined;
    const hint = only
      ? ` "yes" takes ${only.path}${(only.partitions?.length ?? 0) > 0 ? ", in its free space" : ""}.`
      : "";
    return {
      reply: `Which disk should I install onto: ${listTargets(eligible)}?${hint}`,
      ...(offer ? { offer } : {}),
    };
  }
}

/** This turn's own words (not the request my question answered) name the disk. */
function namedNow(ctx: Ctx, path: string): boolean {
  const r = resolveDisk(tokenize(ctx.conv.user), ctx.facts.disks, { mentioned: [], offered: [] });
  return (
    (r.kind === "one" && r.disk.path === path) || (r.kind === "many" && r.disks.some((d) => d.path === path))
  );
}

/** Verbs that ask for the install itself ("give me some swap" asks for no disk). */
const INSTALL_NOW = new Set(["install", "installing", "put", "go", "proceed", "setup"]);
/** The words size or shape the install: a partition size, a filesystem, swap, encryption, /home. */
function saysLayout(w: readonly string[], attr: ReturnType<typeof attributeSizes>): boolean {
  if (attr.root || attr.swap || attr.efi) return true;
  return w.some(
    (x) =>
      FILESYSTEMS.has(x) ||
      ENCRYPT_WORDS.has(x) ||
      x === "unencrypted" ||
      x === "decrypted" ||
      x === "swap" ||
      x === "home" ||
      x === "/home",
  );
}

/**
 * The disks still open to the install, said after a refusal; with none left (every disk kept, or
 * the live medium) that is said, never an empty list ("Disks: .", tester 6).
 */
function disksLeft(eligible: readonly Disk[]): string {
  return eligible.length
    ? ` Disks: ${listTargets(eligible)}.`
    : " Every disk here is one you asked me to keep, or the medium this live system runs from. To use a kept disk after all, say \"erase /dev/sdX, I don't need what's on it\".";
}

/** Disk words that describe the layout, not the choice of a disk: "give me some swap" picks none. */
const ATTRIBUTE_WORDS = new Set([
  "swap",
  "encrypt",
  "encrypted",
  "encryption",
  "unencrypted",
  "decrypted",
  "luks",
  "filesystem",
  "fs",
  "efi",
  "esp",
  "partition",
  "partitions",
  "partitioning",
]);
