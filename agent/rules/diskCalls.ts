import { formatSize, GiB, MiB, TiB } from "../../steps/size.js";
import { erasesWholeDisk } from "../safety/wholeErase.js";
import type { PlanCall } from "../types.js";
import { asksBeside, asksFreeSpace } from "./alongside.js";
import type { Ctx } from "./context.js";
import { resolveDisk } from "./disks.js";
import type { Intent } from "./intent.js";
import { wholeDiskProblem } from "./layoutFits.js";
import { findRecipes } from "./recipes.js";
import { findSizes, type SizeMention, sizeBytes, type Token } from "./text.js";
import { words } from "./tokens.js";
import { DISK_WORDS, INSTALL_VERBS } from "./vocab.js";

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
/** The words that name a machine's memory, all their forms. */
const MEMORY_WORDS = new Set(["ram", "memory", "mem", "rams"]);

/**
 * A size said as the machine's memory: followed by a memory word ("4gb ram", "16 gigs of ram",
 * "8g of system memory"), or one that a memory word introduces in the same phrase ("ram: 8g",
 * "ram is 16gb", "memory of 4 gigs"), no punctuation but a colon between them.
 */
function measuresMemory(tokens: readonly Token[], s: SizeMention): boolean {
  const FILL = new Set(["of", "system", "total", "physical", "ddr4", "ddr5", "ddr3"]);
  for (let i = s.to, n = 0; i < tokens.length && n < 3; i++, n++) {
    const t = tokens[i]!.norm;
    if (MEMORY_WORDS.has(t)) return true;
    if (!FILL.has(t)) break;
  }
  const LINK = new Set([":", "is", "=", "of", "only", "just", "about", "around", "has", "have"]);
  for (let i = s.from - 1, n = 0; i >= 0 && n < 3; i--, n++) {
    const t = tokens[i]!.norm;
    if (MEMORY_WORDS.has(t)) return true;
    if (!LINK.has(t)) break;
  }
  return false;
}

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
  // "32 gb swap pls, i have 4gb ram", "16 gigs of memory", "ram: 8g": a size that measures the
  // machine's memory sizes no disk and no partition (tester 28 F9: "No disk here matches 4 GB").
  // Safe: it only takes a size away from the disk readers, so it can choose no disk to erase.
  for (const s of sizes)
    if (!chosen.has(s) && measuresMemory(tokens, s)) for (let i = s.from; i < s.to; i++) used.add(i);
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
