import { formatSize, GiB, MiB, TiB } from "../../tools/size.js";
import { callProblem } from "../checks.js";
import type { PlanCall } from "../types.js";
import type { Ctx } from "./context.js";
import { describeDisk, listDisks, resolveDisk } from "./disks.js";
import { findSizes, type SizeMention, sizeBytes, type Token } from "./text.js";
import { hasAny, isNegated, words } from "./tokens.js";
import { DISK_WORDS, FILESYSTEMS, INSTALL_VERBS, OTHER_FILESYSTEMS } from "./vocab.js";

export function diskContext(ctx: Ctx): { mentioned: string[]; offered: string[] } {
  const mentioned = ctx.conv.entities.filter((e) => e.kind === "disk").map((e) => e.value);
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

/** Sizes that belong to swap or the EFI partition, not to the choice of disk. */
export function attributeSizes(tokens: readonly Token[]): {
  swap?: SizeMention;
  efi?: SizeMention;
  used: Set<number>;
} {
  const sizes = findSizes(tokens);
  const used = new Set<number>();
  let swap: SizeMention | undefined;
  let efi: SizeMention | undefined;
  for (const s of sizes) {
    const near = tokens.slice(Math.max(0, s.from - 3), s.to + 3).map((t) => t.norm);
    const which = near.includes("swap")
      ? "swap"
      : near.includes("efi") || near.includes("esp") || near.includes("boot")
        ? "efi"
        : undefined;
    if (!which) continue;
    for (let i = s.from; i < s.to; i++) used.add(i);
    if (which === "swap") swap = s;
    else efi = s;
  }
  return { swap, efi, used };
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
  return !w.some((x) => DISK_ACTIONS.has(x) && !NOT_ACTIONS.has(x));
}

export function partitionCall(
  tokens: Token[],
  ctx: Ctx,
  correction: boolean,
): { call: PlanCall } | { reply: string } {
  const { facts, conv } = ctx;
  const w = tokens.map((t) => t.norm);
  const ws = new Set(w);
  const attr = attributeSizes(tokens);
  const diskTokens = tokens.filter((_, i) => !attr.used.has(i));
  const pending = conv.pending.find((c) => c.tool === "partitionDisk");
  const eligible = facts.disks.filter((d) => !d.liveMedium);
  if (!ctx.allowed.includes("partitionDisk"))
    return {
      reply: callProblem({ tool: "partitionDisk", args: { disk: "" } } as PlanCall, facts, ctx.allowed)!,
    };

  let disk: string | undefined;
  const res = resolveDisk(diskTokens, facts.disks, diskContext(ctx));
  if (res.kind === "one") disk = res.disk.path;
  else if (res.kind === "many") return { reply: `Which disk (${res.by}): ${listDisks(res.disks)}?` };
  else if (res.kind === "none")
    return { reply: `No disk here matches ${res.by}. Disks: ${listDisks(facts.disks)}.` };
  else {
    const pronoun = ws.has("it") || ws.has("there") || ws.has("that");
    const dctx = diskContext(ctx);
    if (pending) disk = pending.args.disk;
    else if (pronoun && dctx.mentioned.length) disk = dctx.mentioned.at(-1);
    else if (
      eligible.length === 1 &&
      (hasAny(tokens, DISK_WORDS) || ws.has("whole") || ws.has("it") || ws.has("there"))
    )
      disk = eligible[0]!.path;
    else if (eligible.length === 0) return { reply: "There is no disk here to install onto." };
    else return { reply: `Which disk should I erase and install onto: ${listDisks(eligible)}?` };
  }
  // Two different disks in one request is never one install.
  const named = diskTokens.filter((t) => t.kind === "path" && t.norm.startsWith("/dev/")).map((t) => t.norm);
  if (new Set(named).size > 1)
    return { reply: `I install onto one disk; which one: ${[...new Set(named)].join(" or ")}?` };

  const d = facts.disks.find((x) => x.path === disk);
  if (d?.liveMedium)
    return {
      reply: `${describeDisk(d)} is the medium this live system runs from; I can't install onto it. Other disks: ${listDisks(eligible)}.`,
    };

  // A correction keeps what was already chosen for the disk: "no wait, make it btrfs".
  const base: Record<string, unknown> = pending ? { ...pending.args } : {};
  void correction;
  base.disk = disk;
  const other = w.find((x, i) => OTHER_FILESYSTEMS.has(x) && !isNegated(tokens, i));
  if (other && !w.some((x, i) => FILESYSTEMS.has(x) && !isNegated(tokens, i)))
    return {
      reply: `I can't make ${other}: the root filesystem can be ext4, btrfs or xfs. Which one should ${d ? d.path : "the disk"} get?`,
    };
  const fsIdx = w.findIndex((x) => FILESYSTEMS.has(x));
  if (fsIdx >= 0 && !isNegated(tokens, fsIdx)) base.filesystem = w[fsIdx];
  if (attr.swap) base.swapSize = toSizeArg(attr.swap);
  const swapAt = w.indexOf("swap");
  if (swapAt >= 0 && !attr.swap && isNegated(tokens, swapAt + 1)) delete base.swapSize;
  if (swapAt >= 0 && !attr.swap && !isNegated(tokens, swapAt + 1) && !base.swapSize) {
    // "with swap": a common size for a desktop
    base.swapSize = "8G";
  }
  if (attr.efi) base.efiSize = toSizeArg(attr.efi);
  const encAt = w.findIndex(
    (x) => x === "encrypt" || x === "encrypted" || x === "encryption" || x === "luks",
  );
  if (encAt >= 0) base.encrypt = !isNegated(tokens, encAt) && !(w[encAt + 1] === "not");
  if (w.includes("unencrypted")) base.encrypt = false;
  const homeAt = w.indexOf("home");
  if (homeAt >= 0 && (ws.has("separate") || ws.has("own") || ws.has("partition")))
    base.separateHome = !isNegated(tokens, homeAt);
  return { call: { tool: "partitionDisk", args: base } as PlanCall };
}
