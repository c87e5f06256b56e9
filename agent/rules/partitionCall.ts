import { parseSize } from "../../steps/size.js";
import { callProblem } from "../checks.js";
import { installsIntoFree } from "../safety/wholeErase.js";
import type { PlanCall } from "../types.js";
import {
  asksBeside,
  asksFreeSpace,
  asksOnePartition,
  asksReplaceSystem,
  asksWhole,
  besideOrErase,
  disksNamedBySystem,
  freeSpaceProblem,
  listTargets,
  onePartitionReply,
  sizeForNewSystem,
  systemsOn,
} from "./alongside.js";
import type { Ctx } from "./context.js";
import { attributeSizes, diskContext } from "./diskCalls.js";
import { chooseDisk, type DiskScene } from "./diskChoice.js";
import { hasRoom } from "./diskRoom.js";
import { describeDisk } from "./disks.js";
import { emptinessMeansRoom } from "./emptyRoom.js";
import { freeRegionBySize, freeRegionBySizeAlone } from "./freeSizes.js";
import { layoutArgs } from "./layoutArgs.js";
import { wholeDiskProblem } from "./layoutFits.js";
import { namedBeforeOther } from "./namedBeforeOther.js";
import { findSizes, type Token, tokenize } from "./text.js";

/**
 * A disk request's one partitionDisk call: the disk (diskChoice.ts), whole or its free space, and
 * the layout said (layoutArgs.ts), checked against the disk; or the question that asks first.
 */
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
  let freed = freeRegionBySize(tokens, facts.disks, attr.used);
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
  // "a 250G well next to windows": a size no disk has, the free space of one disk (freeSizes.ts)
  freed ??= freeRegionBySizeAlone(tokens, facts.disks, attr.used);
  if (freed) for (let i = freed.size.from; i < freed.size.to; i++) attr.used.add(i);
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
  const blankHere = facts.disks.some((d) => !d.liveMedium && (d.partitions?.length ?? 0) === 0);
  const freeWords = asksFreeSpace(w, blankHere) || freed !== undefined || emptinessMeansRoom(w, eligible);
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

  // What is kept rules a disk out as "the other" one; a kept system does not when its disk's free
  // space is asked for ("the free space on the other one, keep ubuntu")
  const keptAny = protections.flatMap((p) =>
    p.kind === "disk" || (p.kind === "partitions" && !freeWords && !beside) ? [p.disk] : [],
  );
  const chosen = chooseDisk(
    {
      tokens,
      diskTokens,
      w,
      ws,
      attr,
      freed,
      pending,
      eligible,
      keptWhole,
      keptParts,
      keptAny,
      beside,
      freeWords,
      bySystem,
      dctx,
      mentioned,
    },
    ctx,
  );
  if ("reply" in chosen) return withSaidLayout(chosen, tokens, attr, ctx);
  const disk = chosen.disk;
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
  void correction;
  base.disk = disk;
  const use = diskUse(base, d, { whole, freeWords, beside, bySystem, keptParts, pending, attr }, disk);
  if (typeof use === "string") return { reply: use };
  const askBeside = use.askBeside;
  const layoutProblem = layoutArgs(base, tokens, attr, ctx.conv.user, d?.path);
  if (layoutProblem) return { reply: layoutProblem };
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

/**
 * A question that offers a disk carries the layout this turn said: "encrypted btrfs pls" on a
 * machine of one disk asks which disk, and its "yes" takes the offer, which held ext4 and no
 * encryption (tester 25 WRONG-15: the user believed the disk would be encrypted). The layout
 * erases nothing the offer did not: the disk and its use are the question's own; only the
 * filesystem, encryption, swap and sizes are added, and a layout that does not fit leaves the
 * question as it was.
 */
function withSaidLayout(
  chosen: { reply: string; offer?: PlanCall },
  tokens: Token[],
  attr: ReturnType<typeof attributeSizes>,
  ctx: Ctx,
): { reply: string; offer?: PlanCall } {
  const offer = chosen.offer;
  if (offer?.tool !== "partitionDisk") return chosen;
  const args: Record<string, unknown> = { ...offer.args };
  const problem = layoutArgs(args, tokens, attr, ctx.conv.user, offer.args.disk);
  if (problem || args.disk !== offer.args.disk || args.use !== offer.args.use) return chosen;
  return { ...chosen, offer: { tool: "partitionDisk", args } as PlanCall };
}

/**
 * Beside something, or the whole disk: said, kept from the pending call, or asked. Writes
 * `base.use`; a disk that holds a system and has no room is the question back (a string).
 */
function diskUse(
  base: Record<string, unknown>,
  d: ReturnType<Ctx["facts"]["disks"]["find"]>,
  s: Pick<DiskScene, "freeWords" | "beside" | "bySystem" | "keptParts" | "pending" | "attr"> & {
    whole: boolean;
  },
  disk: string | undefined,
): string | { askBeside: boolean } {
  const { whole, freeWords, beside, bySystem, keptParts, pending, attr } = s;
  let askBeside = false;
  // Beside something, or the whole disk: said, kept from the pending call, or asked.
  const holds = d ? systemsOn(d) : [];
  const besideThis =
    beside && (bySystem.length === 0 || bySystem.some((x) => x.path === disk) || holds.length > 0);
  // a disk known to be blank has nobody to be beside: its free space is all of it ("the new
  // Crucial is an empty field: build on all of it", dev h19a-004)
  const blank = d !== undefined && d.partitions !== undefined && d.partitions.length === 0;
  if ((whole && !freeWords) || (blank && (freeWords || besideThis))) base.use = "whole";
  else if (freeWords || besideThis) base.use = "free";
  else if (pending && pending.args.disk === disk) base.use = pending.args.use;
  else if (d && keptParts(d.path)) base.use = "free";
  else if (d && holds.length) {
    // nothing said about the system there: ask, offering the install that keeps it ("yes")
    if (!hasRoom(d)) return besideOrErase(d);
    base.use = "free";
    // "give linux 80 gigs": a root sized beside another system is a root in its free space
    askBeside = !attr.root;
  } else base.use = "whole";

  // The default needs no saying, unless it changes a pending install into the free space.
  if (base.use === "whole" && !(pending && installsIntoFree(pending))) delete base.use;
  return { askBeside };
}
