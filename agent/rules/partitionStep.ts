import type { PlanCall } from "../types.js";
import { asksBeside, asksFreeSpace } from "./alongside.js";
import type { Ctx } from "./context.js";
import { joinClauses, toSizeArg } from "./diskCalls.js";
import { describeDisk } from "./disks.js";
import type { Intent } from "./intent.js";
import { partitionCall } from "./partitionCall.js";
import { findSizes, type Token } from "./text.js";
import { words } from "./tokens.js";
import type { Outcome } from "./turnOutcome.js";
import { INSTALL_VERBS } from "./vocab.js";

/**
 * The install of a turn (agent/rules/parse.ts): every partition clause together describes one
 * partitionDisk call; a size edit of the pending one, a second disk, or a bare exclusion is read
 * first. Adds to `out`.
 */
export function partitionStep(
  clauses: readonly Token[][],
  intents: readonly (Intent | undefined)[],
  correction: boolean,
  ctx: Ctx,
  out: Outcome,
): void {
  const { conv, facts } = ctx;
  const { calls, problems } = out;
  const partTokens = joinClauses(clauses.filter((_, i) => intents[i] === "partition"));
  const resized = sizeEdit(partTokens, conv);
  if (resized) calls.push(resized);
  else if (partTokens.length) {
    const r = secondDisk(partitionCall(partTokens, ctx, correction), partTokens, conv);
    if ("reply" in r) {
      problems.push(r.reply === NO_DISK ? noDiskLeft(ctx) : r.reply);
      if (r.offer) out.diskOffer = r.offer;
    } else if (
      onlyExcludes(partTokens) &&
      r.call.tool === "partitionDisk" &&
      // "not sda, sdb" after a question or a plan: a correction that names its disk
      ((!conv.pending.some((c) => c.tool === "partitionDisk") &&
        !conv.turns.some((t) => "reply" in t.decision && t.decision.reply.includes("/dev/"))) ||
        // "and spare the seagate too" while my offer of that disk is open: a keep answers no offer,
        // so the offer stays open, asked again (tester 15 W6)
        offersDisk(conv.offer, (r.call.args as { disk: string }).disk))
    ) {
      // "anything but the 1tb" with no request said: the disk that is left is asked about, never
      // erased on an exclusion alone
      const d = facts.disks.find((x) => x.path === (r.call.args as { disk: string }).disk);
      problems.push(
        (r.call.args as { use?: string }).use === "free"
          ? `Install into the free space of ${d ? describeDisk(d) : r.call.args.disk}, keeping every partition?`
          : `Install onto ${d ? describeDisk(d) : r.call.args.disk}? Everything on it is erased.`,
      );
      out.diskOffer = r.call;
    } else calls.push(r.call);
  }
}

const NO_DISK = "There is no disk here to install onto.";

/** "just use any disk" when every disk is kept: say so, and how to let one go. */
function noDiskLeft(ctx: Ctx): string {
  const kept = (ctx.conv.protections ?? []).filter((p) => p.kind === "disk" || p.kind === "partitions");
  const disks = [...new Set(kept.map((p) => (p.kind === "disk" || p.kind === "partitions" ? p.disk : "")))];
  if (!disks.length) return NO_DISK;
  return `Every disk here is one you asked me to keep (${disks.join(", ")}), so there is none left to install onto. To use one anyway, say "erase ${disks[0]}, I don't need what's on it".`;
}

/**
 * "encrypt the samsung too", "also add the samsung as storage" with the install planned on another
 * disk: a second disk, which no tool adds. The plan stays; the install never moves there.
 */
function secondDisk(
  r: ReturnType<typeof partitionCall>,
  tokens: readonly Token[],
  conv: Ctx["conv"],
): ReturnType<typeof partitionCall> {
  const pending = conv.pending.find((c) => c.tool === "partitionDisk");
  if ("reply" in r || pending?.tool !== "partitionDisk" || r.call.tool !== "partitionDisk") return r;
  if (r.call.args.disk === pending.args.disk) return r;
  const w = ` ${words(tokens).join(" ")} `;
  if (
    !/ (too|also|as well|aswell|as storage|for storage|storage|extra|second|additional|in addition|for \/?home|for data) /.test(
      w,
    )
  )
    return r;
  return {
    reply: `I install onto one disk (${pending.args.disk}, as planned) and can't add, format or encrypt a second one; the plan is unchanged. To install onto ${r.call.args.disk} instead, say "use ${r.call.args.disk} instead".`,
  };
}

/**
 * "make it 500gb instead" with root (or swap) sized in the pending install: the size changes, the
 * disk does not. A size is only a disk's name beside a disk word ("the 500gb one", "the 1tb drive").
 */
/**
 * "make it 500gb instead" with root (or swap) sized in the pending install: the size changes, the
 * disk does not. A size is only a disk's name beside a disk word ("the 500gb one", "the 1tb drive").
 */
function sizeEdit(tokens: readonly Token[], conv: Ctx["conv"]): PlanCall | undefined {
  const pending = conv.pending.find((c) => c.tool === "partitionDisk");
  if (pending?.tool !== "partitionDisk" || !tokens.length) return undefined;
  const w = words(tokens);
  if (!w.some((x) => x === "it" || x === "that")) return undefined;
  if (
    w.some((x) => ["disk", "drive", "one", "ssd", "hdd", "nvme", "sda", "sdb", "samsung", "use"].includes(x))
  )
    return undefined;
  const sizes = findSizes(tokens);
  if (sizes.length !== 1) return undefined;
  const args = pending.args as { rootSize?: string; swapSize?: string };
  const key = w.includes("swap")
    ? "swapSize"
    : w.includes("root")
      ? "rootSize"
      : args.rootSize
        ? "rootSize"
        : args.swapSize
          ? "swapSize"
          : undefined;
  if (!key) return undefined;
  return { tool: "partitionDisk", args: { ...pending.args, [key]: toSizeArg(sizes[0]!) } } as PlanCall;
}

/** Words that ask for an install; without one, a clause that only excludes disks asks nothing. */
const DISK_REQUEST = new Set([
  ...INSTALL_VERBS,
  "use",
  "wipe",
  "erase",
  "format",
  "go",
  "choose",
  "pick",
  "take",
  "partition",
  "encrypt",
  "encrypted",
  "btrfs",
  "xfs",
  "ext4",
]);

/** "anything but the 1tb", "not the samsung": an exclusion with no request beside it. */
function onlyExcludes(tokens: readonly Token[]): boolean {
  const w = words(tokens);
  const excludes = w.some(
    (x, i) => x === "except" || x === "not" || (x === "but" && i > 0) || x === "excluding",
  );
  // "any disk except the seagate" chooses a disk; "anything but the 1tb" may only keep one
  const choice = w.some((x) => ["disk", "drive", "one", "ssd", "hdd", "nvme", "device"].includes(x));
  // "alongside in the free space. Do not pour anything over the Windows": the free space or
  // "beside" is the request; the negation keeps what is there (dev21 alongside)
  if (asksBeside(w) || asksFreeSpace(w)) return false;
  return excludes && !choice && !w.some((x) => DISK_REQUEST.has(x));
}

/** My open offer installs onto `disk`. */
function offersDisk(
  offer: { calls: readonly { tool: string; args: unknown }[] } | undefined,
  disk: string,
): boolean {
  return (offer?.calls ?? []).some(
    (c) => c.tool === "partitionDisk" && (c.args as { disk?: string }).disk === disk,
  );
}
