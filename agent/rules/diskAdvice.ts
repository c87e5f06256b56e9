import type { Disk } from "../../facts/schema.js";
import { describeBytes } from "../../steps/size.js";
import type { Decision } from "../../tools/decision.js";
import { contentOf, describeContent } from "../safety/diskContent.js";
import { SYSTEM_MIN_BYTES } from "../safety/diskRoom.js";
import { MIN_FREE_BYTES } from "../safety/screen.js";
import type { PlanCall } from "../types.js";
import type { Ctx } from "./context.js";
import { describeDisk } from "./disks.js";
import type { Token } from "./text.js";
import { words } from "./tokens.js";
import { DISK_WORDS } from "./vocab.js";

/**
 * "what do you recommend?", "which disk would you pick?" (tester 24 W8: "I can't answer that from
 * here"): a request for advice about where to install is answered with one disk and why, as an
 * offer, never with the live medium or a disk the person keeps. The advice is the least loss: the
 * largest empty disk (nothing is lost), else the largest free space beside what is kept (nothing is
 * lost either); where every disk holds something and has no room, no disk is advised and the
 * question says what each holds. Safety: an offer, so only a "yes" adds it, and it never erases
 * anything that is on a disk.
 */

/** The words ask for advice: "recommend", "suggest", "advise", "would you pick/use", "your pick". */
const ADVICE = new Set([
  "recommend",
  "recommended",
  "recommendation",
  "recommendations",
  "recomend",
  "reccomend",
  "suggest",
  "suggestion",
  "suggestions",
  "advise",
  "advice",
]);
const PICK_VERBS = new Set(["pick", "choose", "use", "take", "go", "prefer", "do"]);

function asksAdvice(w: readonly string[]): boolean {
  if (w.some((x) => ADVICE.has(x))) return true;
  // "which one would you pick", "what would you do", "which do you prefer", "your pick/call"
  for (let i = 0; i + 2 < w.length; i++)
    if ((w[i] === "would" || w[i] === "do") && w[i + 1] === "you" && PICK_VERBS.has(w[i + 2]!)) return true;
  for (let i = 0; i + 1 < w.length; i++)
    if (w[i] === "your" && (w[i + 1] === "pick" || w[i + 1] === "call" || w[i + 1] === "choice")) return true;
  return false;
}

/** Other topics advice can be about: then it is not about the disk. */
const OTHER_TOPICS = new Set([
  "filesystem",
  "filesystems",
  "fs",
  "ext4",
  "btrfs",
  "xfs",
  "editor",
  "shell",
  "keyboard",
  "layout",
  "language",
  "locale",
  "timezone",
  "zone",
  "hostname",
  "name",
  "user",
  "username",
  "password",
  "swap",
  "encryption",
  "encrypt",
  "program",
  "programs",
  "app",
  "apps",
  "package",
  "packages",
  "recipe",
  "recipes",
  "tool",
  "tools",
  "size",
]);

/** The last exchange was about disks: my reply named a device. */
function talkingOfDisks(ctx: Ctx): boolean {
  const last = ctx.conv.turns.at(-1);
  return !!last && "reply" in last.decision && /\/dev\//.test(last.decision.reply);
}

export function diskAdvice(tokens: readonly Token[], ctx: Ctx): Decision | undefined {
  const { facts, conv } = ctx;
  if (!ctx.allowed.includes("partitionDisk") || facts.mode !== "live") return undefined;
  const w = words(tokens);
  if (!asksAdvice(w)) return undefined;
  if (w.some((x) => OTHER_TOPICS.has(x) || facts.recipes.includes(x))) return undefined;
  if (!w.some((x) => DISK_WORDS.has(x)) && !talkingOfDisks(ctx)) return undefined;
  if (conv.pending.some((c) => c.tool === "partitionDisk")) return undefined;
  const kept = new Set(
    (conv.protections ?? []).flatMap((p) => (p.kind === "disk" || p.kind === "partitions" ? [p.disk] : [])),
  );
  const keptWhole = new Set((conv.protections ?? []).flatMap((p) => (p.kind === "disk" ? [p.disk] : [])));
  const pool = facts.disks.filter((d) => !d.liveMedium && !keptWhole.has(d.path));
  const roomy = (d: Disk) => d.sizeBytes >= SYSTEM_MIN_BYTES + 2 * 1024 ** 3;
  const empty = pool
    .filter((d) => !kept.has(d.path) && !contentOf(d).length && roomy(d))
    .sort((a, b) => b.sizeBytes - a.sizeBytes);
  const base = { filesystem: "ext4", encrypt: false, separateHome: false };
  const pick = empty[0];
  if (pick) {
    const why =
      empty.length === 1
        ? pool.length === 1
          ? "it is the only disk I can install onto, and nothing is on it"
          : "it is the only empty disk, so nothing is lost"
        : "it is the largest of the empty disks, so nothing is lost";
    return {
      reply: `I would install onto ${describeDisk(pick)}: ${why}. Shall I erase it and install there?`,
      offer: {
        calls: [{ tool: "partitionDisk", args: { disk: pick.path, use: "whole", ...base } } as PlanCall],
      },
    };
  }
  const beside = pool
    .filter((d) => (d.freeBytes ?? 0) >= MIN_FREE_BYTES && contentOf(d).length)
    .sort((a, b) => (b.freeBytes ?? 0) - (a.freeBytes ?? 0))[0];
  if (beside)
    return {
      reply: `I would install into the free space of ${describeDisk(beside)} (${describeBytes(beside.freeBytes ?? 0)}), keeping ${describeContent(beside)} as it is: no disk here is empty, and this loses nothing. Shall I?`,
      offer: {
        calls: [{ tool: "partitionDisk", args: { disk: beside.path, use: "free", ...base } } as PlanCall],
      },
    };
  if (!pool.length) return undefined;
  return {
    reply: `I can't advise a disk without loss: every disk holds something and none has room beside it (${pool
      .map((d) => `${describeDisk(d)} holds ${describeContent(d) || "partitions"}`)
      .join("; ")}). Tell me which one can be erased.`,
  };
}
