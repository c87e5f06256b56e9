import type { Facts } from "../../facts/schema.js";
import { type Decision, ToolCallSchema } from "../../tools/decision.js";
import { resolveDisk } from "../rules/disks.js";
import { tokenize } from "../rules/text.js";
import { words } from "../rules/tokens.js";
import type { ConversationView } from "../types.js";
import { afterOpener } from "./confirmGate.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * "yes, erase /dev/nvme0n1", "yes I'm sure, wipe it", "ok go ahead and format the kioxia" with
 * exactly that erase pending: the person says yes and repeats what the yes does. That is the yes
 * (dev13-mixed h12m-046, dev-alongside10 h12a-028: read as the erase planned a second time, the
 * plan was asked again instead of run). Only a repeat of the pending erase, in words that name
 * nothing else, counts: "ok keep win7 then, put linux in the free bit", "yes, erase sda" with the
 * nvme planned, "yes erase it but keep the recovery partition" are read as what they say.
 */

const YES_OPENER = /^\s*(?:yes|yeah|yea|yep|yup|ok(?:ay)?|sure|alright|all right|confirmed|correct|right)\b/i;

/** Erase verbs: the repeat must say the erase, not only name the disk ("yes, the nvme"). */
const ERASE = new Set(["erase", "wipe", "format", "nuke", "clear", "overwrite", "reformat", "blank"]);

/** Words that carry nothing beside the yes and the erase. */
const FILLER = new Set([
  "i",
  "am",
  "im",
  "sure",
  "really",
  "very",
  "totally",
  "absolutely",
  "100",
  "go",
  "ahead",
  "and",
  "please",
  "pls",
  "just",
  "do",
  "it",
  "all",
  "everything",
  "the",
  "whole",
  "entire",
  "disk",
  "drive",
  "ssd",
  "thing",
  "then",
  "now",
  "yes",
  "ok",
  "okay",
  "you",
  "can",
  "may",
  "on",
  "of",
  "is",
  "fine",
  "that",
  "this",
  "whatever",
  "anyway",
  "anyways",
]);

function identityWords(path: string, model: string, transport: string | undefined): Set<string> {
  const base = path.replace(/^\/dev\//, "");
  return new Set([
    path.toLowerCase(),
    base.toLowerCase(),
    ...(transport ? [transport.toLowerCase()] : []),
    ...model
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((m) => m.length >= 2),
  ]);
}

/** Words of a size ("the 256gb one", "the 500 gig"): they may name the disk when they point at it. */
const SIZE_WORDS = new Set([
  "one",
  "gb",
  "g",
  "gig",
  "gigs",
  "gigabyte",
  "gigabytes",
  "gib",
  "tb",
  "t",
  "tib",
  "terabyte",
]);

/**
 * The decision (or the backend's own, before the gate took its yes back) only repeats the pending
 * erase, said after a yes: the plan is confirmed.
 */
export function confirmRestatedErase(
  decision: Decision,
  backendDecision: Decision,
  user: string,
  conv: ConversationView,
  facts: Facts,
): Decision {
  if (
    !("calls" in decision) &&
    !("reply" in decision && "confirm" in backendDecision && backendDecision.confirm)
  )
    return decision;
  if (conv.offer || !conv.pending.length) return decision;
  if (!YES_OPENER.test(user) || user.includes("?")) return decision;
  const pendingErase = conv.pending.find((p) => erasesWholeDisk(p));
  if (pendingErase?.tool !== "partitionDisk") return decision;
  const repeats =
    !("calls" in decision) ||
    decision.calls.every((c) => {
      const n = ToolCallSchema.safeParse(c);
      return n.success && JSON.stringify(n.data) === JSON.stringify(pendingErase);
    });
  if (!repeats) return decision;
  const rest = afterOpener(user);
  const tokens = tokenize(rest);
  const w = words(tokens);
  if (!w.some((x) => ERASE.has(x))) return decision;
  const disk = facts.disks.find((d) => d.path === pendingErase.args.disk);
  if (!disk) return decision;
  const own = identityWords(disk.path, disk.model, disk.transport);
  const named = resolveDisk(tokens, facts.disks, { mentioned: [disk.path], offered: [] });
  if (named.kind === "one" && named.disk.path !== disk.path) return decision;
  const sized = (x: string, i: number) =>
    named.kind === "one" &&
    (SIZE_WORDS.has(x) || tokens.filter((t) => t.kind !== "punct")[i]?.kind === "number");
  if (!w.every((x, i) => ERASE.has(x) || FILLER.has(x) || own.has(x) || sized(x, i))) return decision;
  return { confirm: true };
}
