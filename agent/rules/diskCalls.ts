import type { Disk } from "../../facts/schema.js";
import { formatSize, GiB, MiB, parseSize, TiB } from "../../steps/size.js";
import { callProblem } from "../checks.js";
import { describeContent } from "../safety/diskContent.js";
import { erasesWholeDisk, installsIntoFree } from "../safety/wholeErase.js";
import type { PlanCall } from "../types.js";
import { diskOfActionClause } from "./actionClauseDisk.js";
import {
  asksBeside,
  asksDualBoot,
  asksFreeSpace,
  asksOnePartition,
  asksReplaceSystem,
  asksWhole,
  besideElsewhereOffer,
  besideOnAnotherDisk,
  besideOrErase,
  describeTarget,
  disksNamedBySystem,
  emptyAmong,
  freeSpaceProblem,
  hasRoom,
  listTargets,
  onePartitionReply,
  otherThanKept,
  sizeForNewSystem,
  systemsOn,
} from "./alongside.js";
import type { Ctx } from "./context.js";
import { describeDisk, resolveDisk } from "./disks.js";
import { freeRegionBySize } from "./freeSizes.js";
import type { Intent } from "./intent.js";
import { wholeDiskProblem } from "./layoutFits.js";
import { namedBeforeOther } from "./namedBeforeOther.js";
import { otherAmongListed } from "./otherAmongListed.js";
import { findRecipes } from "./recipes.js";
import { disksNamedSeparately } from "./separateDisks.js";
import { findSizes, type SizeMention, sizeBytes, type Token, tokenize } from "./text.js";
import { isNegated, OS_WORDS, words } from "./tokens.js";
import { keepOrUseQuestion, namedUnasked, unaskedPick } from "./unaskedDisks.js";
import { DISK_WORDS, FILESYSTEMS, INSTALL_VERBS, OTHER_FILESYSTEMS } from "./vocab.js";

export function diskContext(ctx: Ctx): { mentioned: string[]; offered: string[] } {
  // Disks the user keeps count as mentioned first: "keep the samsung, install on the other one".
  const kept = (ctx.conv.protections ?? []).flatMap((p) =>
    p.kind === "disk" || p.kind === "partitions" ? [p.disk] : [],
  );
  const mentioned = [...new Set(kept)];
  for (const e of ctx.conv.entities) if (e.kind === "disk") mentioned.push(e.value);
  const pending = ctx.conv.pending.find((c) => c.tool === "partitionDisk");
  if (pending) mentioned.push(pending.args.disk);
  const last = ctx.conv.turns.at(-1);
  const offered: string[] = [];
  if (last && "reply" in last.decision) {
    for (const m of last.decision.reply.matchAll(/\/dev\/[A-Za-z0-9/_.-]*[A-Za-z0-9]/g))
      if (ctx.facts.disks.some((d) => d.path === m[0]) && !offered.includes(m[0])) offered.push(m[0]);
  }
  // The disk the last answer was about is the freshest mention ("how big is the crucial?" "use it").
  if (offered.length === 1) mentioned.push(offered[0]!);
  return { mentioned, offered };
}

/**
 * Sizes that belong to swap, the EFI partition or root, not to the choice of disk: each size goes
 * to the nearest of those words within three tokens ("8g swap, 100g root": 100g is root's).
 */
export function attributeSizes(tokens: readonly Token[]): {
  swap?: SizeMention;
  efi?: SizeMention;
  root?: SizeMention;
  used: Set<number>;
} {
  const sizes = findSizes(tokens);
  const used = new Set<number>();
  const out: { swap?: SizeMention; efi?: SizeMention; root?: SizeMention } = {};
  const KEYS: Record<string, "swap" | "efi" | "root"> = {
    swap: "swap",
    efi: "efi",
    esp: "efi",
    boot: "efi",
    root: "root",
    "/": "root",
  };
  // Each key word sizes one partition: "30gb root 4gb swap" gives root the 30gb, so the 4gb
  // between "root" and "swap" is swap's. Sizes with one nearest key claim first, then the rest.
  const claimed = new Set<number>();
  const nearest = (s: SizeMention) => {
    const found: { which: "swap" | "efi" | "root"; dist: number; at: number }[] = [];
    for (let i = Math.max(0, s.from - 3); i < Math.min(tokens.length, s.to + 3); i++) {
      if (i >= s.from && i < s.to) continue;
      const which = KEYS[tokens[i]!.norm];
      if (!which || claimed.has(i)) continue;
      // "dual boot with 120 gb": no boot partition is sized there
      if (which === "efi" && ["dual", "dual-boot"].includes(tokens[i - 1]?.norm ?? "")) continue;
      // a punctuation mark between them ends the phrase: "8g swap, 100g root"
      const lo = Math.min(i, s.from);
      const hi = Math.max(i, s.to - 1);
      if (tokens.slice(lo, hi + 1).some((t) => t.norm === "," || t.norm === ";" || t.norm === ".")) continue;
      found.push({ which, dist: i < s.from ? s.from - i : i - s.to + 1, at: i });
    }
    const min = Math.min(...found.map((f) => f.dist));
    return found.filter((f) => f.dist === min);
  };
  const chosen = new Map<SizeMention, { which: "swap" | "efi" | "root"; at: number }>();
  for (const pass of [1, 2]) {
    for (const s of sizes) {
      if (chosen.has(s)) continue;
      const near = nearest(s);
      if (!near.length || (pass === 1 && near.length > 1)) continue;
      chosen.set(s, near[0]!);
      claimed.add(near[0]!.at);
    }
  }
  for (const s of sizes) {
    const best = chosen.get(s);
    if (!best) continue;
    for (let i = s.from; i < s.to; i++) used.add(i);
    // the last size said for a partition wins: "150gb root ... 60gb root then"
    out[best.which] = s;
  }
  return { ...out, used };
}

/**
 * The disk clauses of a turn as one token list, with a comma where one clause ended: what one
 * clause refuses or sizes ("no swap, encrypt it") stays in that clause.
 */
export function joinClauses(clauses: readonly Token[][]): Token[] {
  return clauses.flatMap((c, i) => {
    const at = c[0]?.start ?? 0;
    return i === 0 ? c : [{ kind: "punct", raw: ",", norm: ",", start: at, end: at } as Token, ...c];
  });
}

const POINTING = new Set(["it", "that", "this", "them", "thing", "one"]);

/**
 * "replace windows, im done with it", "get rid of fedora, so over that thing": beside a clause
 * that erases a disk, a clause that names no program and only points back is the reason for the
 * erase, not a program to remove or install (the live installer removes no programs).
 */
export function reasonsBesideErase(
  clauses: readonly Token[][],
  intents: (Intent | undefined)[],
  ctx: Ctx,
  recipeNames: readonly string[],
): void {
  if (!intents.includes("partition") || ctx.allowed.includes("removeRecipe")) return;
  clauses.forEach((c, i) => {
    if (intents[i] !== "remove" && intents[i] !== "install") return;
    if (!c.some((t) => POINTING.has(t.norm))) return;
    if (findRecipes(c, ctx.facts, recipeNames).found.length) return;
    intents[i] = undefined;
  });
}

const FIRST_PERSON = new Set(["i", "im", "i'm", "we", "were", "we're", "ive", "i've"]);

/**
 * "dont delete windows. i need it for work", "keep the samsung, i use it daily": beside a keep, a
 * clause of the user's own that points back and names no disk and no program is the keep's
 * reason: part of the keep, never an install.
 */
export function reasonsBesideKeep(
  clauses: readonly Token[][],
  intents: (Intent | undefined)[],
  ctx: Ctx,
  recipeNames: readonly string[],
): void {
  if (!intents.includes("keep") || ctx.allowed.includes("removeRecipe")) return;
  clauses.forEach((c, i) => {
    if (intents[i] === "keep" || !FIRST_PERSON.has(c[0]?.norm ?? "")) return;
    if (!c.some((t) => POINTING.has(t.norm))) return;
    if (findRecipes(c, ctx.facts, recipeNames).found.length) return;
    if (resolveDisk(c, ctx.facts.disks, { mentioned: [], offered: [] }).kind !== "absent") return;
    intents[i] = "keep";
  });
}

/** Words a turn that only changes a partition's size may hold besides the key and the number. */
const RESIZE_WORDS = new Set([
  "make",
  "set",
  "change",
  "bump",
  "increase",
  "decrease",
  "raise",
  "lower",
  "up",
  "down",
  "it",
  "that",
  "the",
  "to",
  "instead",
  "actually",
  "no",
  "nah",
  "wait",
  "hmm",
  "pls",
  "please",
  "ok",
  "okay",
  "size",
  "of",
  "partition",
  "be",
  "should",
  "then",
  "rather",
  "just",
  "a",
  "for",
  "with",
  "oh",
  "sorry",
  "maybe",
  "root",
  "swap",
  "gets",
  "get",
  "give",
  "is",
  "oops",
  "i",
  "meant",
  "mean",
  "let's",
  "lets",
  "go",
]);

/**
 * "make the swap 16 instead", "no make root 200", "actually make it 150": with an install
 * pending, a number without a unit that changes the size of root or swap (or of "it", the one
 * size the plan has) is in GiB. Only a turn of nothing else: a number in any other request is not
 * a size.
 */
export function bareSizeEdit(
  tokens: readonly Token[],
  ctx: Ctx,
): { call: PlanCall } | { reply: string } | undefined {
  const pending = ctx.conv.pending.find((c) => c.tool === "partitionDisk");
  if (pending?.tool !== "partitionDisk") return undefined;
  const nums = tokens.filter((t) => t.kind === "number");
  if (nums.length !== 1 || findSizes(tokens).length) return undefined;
  const rest = tokens.filter((t) => t.kind === "word");
  // as typed or as corrected: "bump" is no typo of "dump" here
  if (!rest.every((t) => RESIZE_WORDS.has(t.norm) || RESIZE_WORDS.has(t.raw.toLowerCase()))) return undefined;
  const w = rest.map((t) => t.norm);
  const args = pending.args as { rootSize?: string; swapSize?: string };
  const key = w.includes("swap")
    ? "swapSize"
    : w.includes("root")
      ? "rootSize"
      : w.includes("it") || w.includes("that")
        ? args.rootSize && !args.swapSize
          ? "rootSize"
          : args.swapSize && !args.rootSize
            ? "swapSize"
            : undefined
        : undefined;
  const n = Number(nums[0]!.norm);
  if (!key || !Number.isFinite(n) || n <= 0 || n > 65536) return undefined;
  const size = n >= 1024 ? `${Math.round(n)}M` : `${n}G`;
  if (!/^\d+[MG]$/.test(size)) return undefined;
  const args2 = { ...pending.args, [key]: size };
  const disk = ctx.facts.disks.find((d) => d.path === pending.args.disk);
  const tooBig = erasesWholeDisk(pending) && disk ? wholeDiskProblem(disk, args2, true) : undefined;
  if (tooBig) return { reply: tooBig };
  return { call: { tool: "partitionDisk", args: args2 } as PlanCall };
}

/** A partition size as the tools write it: binary units, "8G", "512M". */
export function toSizeArg(s: SizeMention): string {
  // People mean GiB when they size swap in "GB": memory is counted in binary units.
  const bytes = sizeBytes(s, "binary");
  const rounded =
    bytes >= TiB ? bytes : bytes >= GiB ? Math.round(bytes / MiB) * MiB : Math.round(bytes / MiB) * MiB;
  return formatSize(rounded);
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

export const COPULAS = new Set(["is", "are", "was", "were", "has", "have", "had"]);
/** Verbs that act on a disk; a disk sentence with none of them and a copula only describes. */
export const DISK_ACTIONS = new Set([
  ...INSTALL_VERBS,
  ...DISK_WORDS,
  "use",
  "erase",
  "nuke",
  "choose",
  "pick",
  "select",
  "prefer",
  "take",
  "go",
  "goes",
  "going",
  "try",
  "clear",
  "overwrite",
  "set",
  "make",
  "should",
  "want",
]);
export const NOT_ACTIONS = new Set([
  "disk",
  "disks",
  "drive",
  "drives",
  "ssd",
  "hdd",
  "nvme",
  "device",
  "stick",
  "usb",
  "efi",
  "esp",
]);

/**
 * "the samsung is my old windows disk", "I have a samsung and a crucial": a sentence that says
 * what a disk is, with no verb that acts on it, asks for nothing (and never erases a disk).
 */
export function describesOnly(tokens: readonly Token[]): boolean {
  const w = words(tokens);
  if (!w.some((x) => COPULAS.has(x))) return false;
  // "next to windows 7 pls, it's an old box": the request is in the other clause
  if (asksBeside(w) || asksFreeSpace(w)) return false;
  return !w.some((x) => DISK_ACTIONS.has(x) && !NOT_ACTIONS.has(x));
}

export function partitionCall(
  tokens: Token[],
  ctx: Ctx,
  correction: boolean,
): { call: PlanCall } | { reply: string; offer?: PlanCall } {
  const { facts, conv } = ctx;
  const w = tokens.map((t) => t.norm);
  const ws = new Set(w);
  const attr = attributeSizes(tokens);
  // "the 120G I freed up": that free region, neither a disk of that size nor a root size
  const freed = freeRegionBySize(tokens, facts.disks, attr.used);
  if (freed) for (let i = freed.size.from; i < freed.size.to; i++) attr.used.add(i);
  const share = attr.root
    ? undefined
    : sizeForNewSystem(
        tokens,
        findSizes(tokens).filter((s) => !attr.used.has(s.from)),
      );
  if (share) {
    attr.root = share;
    for (let i = share.from; i < share.to; i++) attr.used.add(i);
  }
  const diskTokens = tokens.filter((_, i) => !attr.used.has(i));
  const pending = conv.pending.find((c) => c.tool === "partitionDisk");
  const protections = conv.protections ?? [];
  const keptWhole = (path: string) => protections.some((p) => p.kind === "disk" && p.disk === path);
  const keptParts = (path: string) => protections.some((p) => p.kind === "partitions" && p.disk === path);
  // Disks the user keeps are no candidates; naming one outright still reaches the screen's answer.
  const eligible = facts.disks.filter((d) => !d.liveMedium && !keptWhole(d.path));
  if (!ctx.allowed.includes("partitionDisk"))
    return {
      reply: callProblem({ tool: "partitionDisk", args: { disk: "" } } as PlanCall, facts, ctx.allowed)!,
    };

  // "erase just the windows partition": one partition is never erased alone; say what can be done
  const one = asksOnePartition(tokens, facts);
  if (one) {
    const r = onePartitionReply(one.said, one.disk);
    return r.offer
      ? { reply: r.reply, offer: { tool: "partitionDisk", args: r.offer } as PlanCall }
      : { reply: r.reply };
  }
  const beside = asksBeside(w);
  const freeWords = asksFreeSpace(w) || freed !== undefined;
  const whole = asksWhole(tokens) || asksReplaceSystem(tokens);
  // "next to windows", "the one with fedora": the disk that holds the system named
  const bySystem = disksNamedBySystem(diskTokens, facts).filter((d) => !d.liveMedium);
  const dctx = diskContext(ctx);
  const mentioned = [
    ...dctx.mentioned,
    ...bySystem.map((d) => d.path),
    ...namedBeforeOther(tokenize(ctx.conv.user), facts),
    ...namedBeforeOther(diskTokens, facts),
  ];

  let disk: string | undefined;
  // What is kept rules a disk out as "the other" one; a kept system does not when its disk's free
  // space is asked for ("the free space on the other one, keep ubuntu")
  const keptAny = protections.flatMap((p) =>
    p.kind === "disk" || (p.kind === "partitions" && !freeWords && !beside) ? [p.disk] : [],
  );
  let res = resolveDisk(diskTokens, facts.disks, { ...dctx, mentioned });
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
  if (res.kind === "one") {
    disk = res.disk.path;
    // "the other one" when the other is a disk the user keeps: the one left that they do not
    if (keptWhole(disk) && (ws.has("other") || ws.has("another"))) {
      const left = eligible.filter((d) => !mentioned.includes(d.path));
      if (left.length === 1) disk = left[0]!.path;
      else if (eligible.length === 1) disk = eligible[0]!.path;
    }
  } else if (res.kind === "many") {
    // a disk whose system the user keeps and that has no room is no candidate either
    const fit = res.disks.filter(
      (d) => !d.liveMedium && !keptWhole(d.path) && !(keptParts(d.path) && !hasRoom(d)),
    );
    const empty = emptyAmong(w, fit);
    // "next to ubuntu on the samsung ssd" with two Samsungs: beside a system, on the one of them
    // that holds it
    const besideNamed = beside || freeWords ? fit.filter((d) => bySystem.includes(d)) : [];
    if (empty) disk = empty.path;
    else if (besideNamed.length === 1) disk = besideNamed[0]!.path;
    else if (fit.length === 1) disk = fit[0]!.path;
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
  } else if (res.kind === "none") {
    // two disks named apart ("on samsung, hold the nvme") are no one disk that is missing: asked
    // which, with no offer a "yes" could take (separateDisks.ts)
    const named = disksNamedSeparately(diskTokens, facts.disks, { ...dctx, mentioned });
    if (!named) return { reply: `No disk here matches ${res.by}.${disksLeft(eligible)}` };
    const fit = named.filter((d) => eligible.some((e) => e.path === d.path));
    if (fit.length === 0) return { reply: `None of those can take the install.${disksLeft(eligible)}` };
    // "negative on the seagate, affirmative on the crucial": one disk named where the install is
    // asked for, the others only where they are kept or talked about (actionClauseDisk.ts)
    const acted = diskOfActionClause(ctx.conv.user, facts.disks, eligible, { ...dctx, mentioned });
    if (acted) disk = acted.path;
    else return { reply: `Which disk should I install onto: ${listTargets(fit)}? You named more than one.` };
  } else {
    const pronoun = ws.has("it") || ws.has("there") || ws.has("that");
    const empty = eligible.filter((d) => (d.partitions?.length ?? 0) === 0);
    const roomy = eligible.filter((d) => (d.partitions?.length ?? 0) > 0 && hasRoom(d));
    const elsewhere =
      beside && bySystem.length === 1 ? besideOnAnotherDisk(bySystem[0]!, eligible) : undefined;
    // "dual boot with windows" is met by another disk; "alongside windows" asked for Windows's
    // own disk, which has no room, so the empty one is a guess and asked
    if (elsewhere && !asksDualBoot(w)) return besideElsewhereOffer(bySystem[0]!, elsewhere);
    if (elsewhere) disk = elsewhere.path;
    else if (bySystem.length === 1 && (beside || freeWords || !pronoun)) disk = bySystem[0]!.path;
    else if (bySystem.length > 1) return { reply: `Which disk: ${listTargets(bySystem)}?` };
    else if (pending && !(freeWords && !pending.args.disk)) disk = pending.args.disk;
    else if (pronoun && mentioned.length) disk = mentioned.at(-1);
    else if ((ws.has("empty") || ws.has("blank") || ws.has("unused")) && empty.length === 1)
      disk = empty[0]!.path;
    else if ((freeWords || beside) && roomy.length === 1) disk = roomy[0]!.path;
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
      disk = eligible[0]!.path;
    else if (eligible.length === 1 && w.some((x) => OS_WORDS.has(x)) && !systemsOn(eligible[0]!).length)
      // "install levitate" with one disk: ask before erasing it; "yes" takes the offer
      return {
        reply: `Install onto ${describeTarget(eligible[0]!)}? Everything on it is erased.`,
        offer: { tool: "partitionDisk", args: { disk: eligible[0]!.path } } as PlanCall,
      };
    else if (eligible.length === 1 && w.some((x) => OS_WORDS.has(x))) disk = eligible[0]!.path;
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
  // Two different disks in one request is never one install.
  const named = diskTokens.filter((t) => t.kind === "path" && t.norm.startsWith("/dev/")).map((t) => t.norm);
  if (new Set(named).size > 1)
    return { reply: `I install onto one disk; which one: ${[...new Set(named)].join(" or ")}?` };

  const d = facts.disks.find((x) => x.path === disk);
  if (d?.liveMedium)
    return {
      reply: `${describeDisk(d)} is the medium this live system runs from; I can't install onto it. ${eligible.length ? `Which disk then: ${listTargets(eligible)}?` : "There is no other disk here."}`,
    };

  // A correction keeps what was already chosen for the disk: "no wait, make it btrfs".
  const base: Record<string, unknown> = pending ? { ...pending.args } : {};
  let askBeside = false;
  void correction;
  base.disk = disk;
  // Beside something, or the whole disk: said, kept from the pending call, or asked.
  const holds = d ? systemsOn(d) : [];
  const besideThis =
    beside && (bySystem.length === 0 || bySystem.some((x) => x.path === disk) || holds.length > 0);
  if (whole && !freeWords) base.use = "whole";
  else if (freeWords || besideThis) base.use = "free";
  else if (pending && pending.args.disk === disk) base.use = pending.args.use;
  else if (d && keptParts(d.path)) base.use = "free";
  else if (d && holds.length) {
    // nothing said about the system there: ask, offering the install that keeps it ("yes")
    if (!hasRoom(d)) return { reply: besideOrErase(d) };
    base.use = "free";
    // "give linux 80 gigs": a root sized beside another system is a root in its free space
    askBeside = !attr.root;
  } else base.use = "whole";

  // The default needs no saying, unless it changes a pending install into the free space.
  if (base.use === "whole" && !(pending && installsIntoFree(pending))) delete base.use;
  const other = w.find((x, i) => OTHER_FILESYSTEMS.has(x) && !isNegated(tokens, i));
  if (other && !w.some((x, i) => FILESYSTEMS.has(x) && !isNegated(tokens, i)))
    return {
      reply: `I can't make ${other}: the root filesystem can be ext4, btrfs or xfs. Which one should ${d ? d.path : "the disk"} get?`,
    };
  const fsIdx = w.findIndex((x) => FILESYSTEMS.has(x));
  if (fsIdx >= 0 && excludedHere(w, fsIdx)) {
    // "any filesystem but btrfs", "anything except ext4": the default, or the next one
    if (base.filesystem === w[fsIdx] || !base.filesystem)
      base.filesystem = w[fsIdx] === "ext4" ? "xfs" : "ext4";
  } else if (fsIdx >= 0 && !isNegated(tokens, fsIdx)) base.filesystem = w[fsIdx];
  if (attr.swap) base.swapSize = toSizeArg(attr.swap);
  const swapAt = w.indexOf("swap");
  const swapNo =
    swapAt >= 0 &&
    (negatedHere(tokens, swapAt) || tokens[swapAt + 1]?.norm === "not" || attributeNegated(w, swapAt));
  if (swapAt >= 0 && !attr.swap && swapNo) delete base.swapSize;
  if (swapAt >= 0 && !attr.swap && !swapNo && !base.swapSize) {
    // "with swap": a common size for a desktop
    base.swapSize = "8G";
  }
  if (attr.efi) base.efiSize = toSizeArg(attr.efi);
  if (attr.root) base.rootSize = toSizeArg(attr.root);
  const encAt = w.findIndex(
    (x) => x === "encrypt" || x === "encrypted" || x === "encryption" || x === "luks",
  );
  if (encAt >= 0)
    base.encrypt = !negatedHere(tokens, encAt) && !attributeNegated(w, encAt) && !(w[encAt + 1] === "not");
  if (w.includes("unencrypted") || w.includes("decrypted")) base.encrypt = false;
  // "no encryption, no swap. just the nvme": the refusal may sit in a clause read as no disk
  // clause; what the whole turn refuses is never planned
  if (base.encrypt === true && refusedInTurn(ctx.conv.user, ENCRYPT_WORDS)) base.encrypt = false;
  const homeAt = w.findIndex((x) => x === "home" || x === "/home");
  if (homeAt >= 0 && (ws.has("separate") || ws.has("own") || ws.has("partition") || ws.has("rest")))
    base.separateHome = !negatedHere(tokens, homeAt) && !attributeNegated(w, homeAt);
  // "one big partition is fine", "just a single partition": /home is no partition of its own
  else if (homeAt < 0 && onePartition(w)) base.separateHome = false;
  if (base.use === "free" && d) {
    const problem = freeSpaceProblem(
      d,
      base.rootSize ? parseSize(base.rootSize as string) : undefined,
      base.swapSize ? parseSize(base.swapSize as string) : 0,
    );
    if (problem) return askBeside ? { reply: besideOrErase(d) } : { reply: problem };
  }
  const tooBig = base.use !== "free" && d ? wholeDiskProblem(d, base, pending !== undefined) : undefined;
  if (tooBig) return { reply: tooBig };
  if (askBeside && d)
    return { reply: besideOrErase(d), offer: { tool: "partitionDisk", args: base } as PlanCall };
  return { call: { tool: "partitionDisk", args: base } as PlanCall };
}

/** "one big partition", "a single partition", "everything in one partition". */
function onePartition(w: readonly string[]): boolean {
  return w.some(
    (x, i) =>
      (x === "one" || x === "single") &&
      w.slice(i + 1, i + 3).some((y) => y === "partition") &&
      !["per", "each", "than"].includes(w[i - 1] ?? ""),
  );
}

/** "anything but btrfs", "any fs except xfs", "other than ext4": the word at `at` is ruled out. */
function excludedHere(w: readonly string[], at: number): boolean {
  const before = w.slice(Math.max(0, at - 4), at);
  return (
    (before.includes("but") ||
      before.includes("except") ||
      (before.includes("than") && before.includes("other"))) &&
    before.some((x) => ["any", "anything", "whatever", "other", "everything"].includes(x))
  );
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

/** Words between a refusal and the attribute it refuses: "not interested in swap or encryption". */
const ATTRIBUTE_LIST = new Set([
  "a",
  "an",
  "the",
  "any",
  "separate",
  "own",
  "extra",
  "in",
  "for",
  "or",
  "and",
  "nor",
  "swap",
  "encrypt",
  "encrypted",
  "encryption",
  "home",
  "/home",
  "partition",
  "want",
  "wanna",
  "need",
  "needs",
  "like",
  "interested",
  "care",
  "about",
  "bother",
  "with",
  "to",
  "do",
  "i",
]);
const ATTRIBUTES = new Set(["swap", "encrypt", "encrypted", "encryption", "home", "/home"]);
/** Layout words that "no" quantifies at the start of a turn: "no swap, nvme" is no correction. */
export const DISK_ATTRIBUTES: ReadonlySet<string> = new Set([...ATTRIBUTES, "luks", "separate"]);
// "forget the encryption", "drop the swap": taking an attribute out of the plan refuses it
const REFUSING = new Set([
  "not",
  "no",
  "dont",
  "don't",
  "never",
  "without",
  "skip",
  "nor",
  "neither",
  "forget",
  "drop",
  "scrap",
  "ditch",
  "lose",
]);
const NEGATING_HERE = new Set([...REFUSING, "doesnt", "shouldnt", "wont", "cant", "w/o", "wo", "sans"]);

/**
 * A negation of the attribute at `at` within its own phrase: up to three words back, never past a
 * punctuation mark or another attribute ("no swap encrypt it" refuses the swap only; "no swap or
 * encryption" refuses both).
 */
function negatedHere(tokens: readonly Token[], at: number): boolean {
  for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
    const t = tokens[i]!;
    if (t.kind === "punct") return false;
    if (NEGATING_HERE.has(t.norm)) return true;
    if (ATTRIBUTES.has(t.norm) && !["or", "nor"].includes(tokens[i + 1]?.norm ?? "")) return false;
  }
  return false;
}

/**
 * "i do not want a separate home", "not interested in swap or encryption", "don't wanna encrypt":
 * a refusal further back than isNegated's three words, with only list and wanting words between.
 */
function attributeNegated(w: readonly string[], at: number): boolean {
  for (let i = at - 1; i >= 0 && i >= at - 8; i--) {
    if (REFUSING.has(w[i]!)) return true;
    if (!ATTRIBUTE_LIST.has(w[i]!)) return false;
    // "no swap, encrypt it" refuses the swap only; "no swap or encryption" refuses both
    if (ATTRIBUTES.has(w[i]!) && !["or", "nor"].includes(w[i + 1] ?? "")) return false;
  }
  return false;
}

const ENCRYPT_WORDS = new Set(["encrypt", "encrypted", "encryption", "luks"]);

/** Every mention of the attribute in the turn's words is refused ("no encryption", "dont encrypt"). */
function refusedInTurn(text: string, attribute: ReadonlySet<string>): boolean {
  const toks = tokenize(text);
  const all = toks.map((t) => t.norm);
  const at = all.flatMap((x, i) => (attribute.has(x) ? [i] : []));
  return (
    at.length > 0 && at.every((i) => negatedHere(toks, i) || attributeNegated(all, i) || all[i + 1] === "not")
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
