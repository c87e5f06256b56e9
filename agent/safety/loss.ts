import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
import { keepWithdrawn } from "./keepWithdrawn.js";
import { readProtections } from "./read.js";
import { applyReading, type Protection, sameProtection } from "./types.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * "leave windows alone" … "erase /dev/nvme0n1, I don't need what's on it": the user may let go of
 * a protection, but the erase of a disk that held something they kept is never added silently.
 * The decision becomes a question that names what would be lost, with the erase as its offer, so
 * only an explicit "yes" to that question takes it. `asked`: the question was already put (its
 * offer is being taken), so the erase goes in.
 */
export function warnLoss(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return decision;
  const erases = decision.calls.filter(
    (c): c is Extract<PlanCall, { tool: "partitionDisk" }> =>
      erasesWholeDisk(c) &&
      // already accepted: a change of filesystem or layout on the same erase asks nothing again
      !conv.pending.some((p) => erasesWholeDisk(p, c.args.disk)),
  );
  if (!erases.length) return decision;
  const kept = everKept(conv, facts);
  const lines: string[] = [];
  for (const c of erases) {
    const held = kept.filter((p) => (p.kind === "partitions" || p.kind === "disk") && p.disk === c.args.disk);
    if (!held.length) continue;
    // "next to windows" … "wipe it all, windows included": only an install beside it kept it, and
    // the words name what goes. After "dont touch windows" every erase is asked, however it is
    // said ("windows 11 is trash anyway, erase"): the question names what goes, a yes takes it.
    const firm = held.some((p) => !p.alongside);
    if (!firm && held.some((p) => p.kind === "partitions" && namesSystem(conv.user, p.what))) continue;
    // "forget windows, wipe it", "ok erase the samsung after all": the keep taken back by name
    if (
      held.every((p) =>
        keepWithdrawn(
          conv.user,
          c.args.disk,
          p.kind === "partitions" ? p.what : undefined,
          facts,
          p.kind === "partitions",
        ),
      )
    )
      continue;
    const disk = facts.disks.find((d) => d.path === c.args.disk);
    const parts = (disk?.partitions ?? []).map((p) => p.path);
    const systems = [
      ...new Set([
        ...held.flatMap((p) => (p.kind === "partitions" ? [p.what] : [])),
        ...(disk?.partitions ?? []).flatMap((p) => (p.os ? [p.os] : [])),
      ]),
    ];
    const what = systems.length ? systems.join(", ") : "everything on it";
    const quoted = held.map((p) => p.said).find((s) => s.trim());
    lines.push(
      `Erasing ${c.args.disk} deletes ${what}${parts.length ? ` (${parts.join(", ")})` : ""}: it would be lost for good${quoted ? `, although you said "${quoted.trim()}"` : ""}.`,
    );
  }
  if (!lines.length) return decision;
  const free = erases.find((c) => (facts.disks.find((d) => d.path === c.args.disk)?.freeBytes ?? 0) > 0);
  const alt = free ? ` To keep it, say "use the free space on ${free.args.disk}" instead.` : "";
  return { reply: `${lines.join(" ")} Shall I erase it anyway?${alt}`, offer: { calls: decision.calls } };
}

/**
 * Every disk or system the user asked to keep at some point, released since or not; `alongside`
 * when only an install beside it ("next to windows", "dual boot") ever kept it.
 */
function everKept(conv: ConversationView, facts: Facts): (Protection & { alongside: boolean })[] {
  let out: Protection[] = [];
  const all: Protection[] = [...(conv.protections ?? [])];
  for (const t of conv.turns) {
    const reading = readProtections(t.user, facts, { pending: [], entities: [] });
    out = applyReading(out, reading);
    all.push(...reading.protect);
  }
  // a phrase that fitted twin disks, narrowed to one by the answer to my question (twinKeep.ts):
  // its keep of the other twin was never meant, so it asks nothing
  const now = conv.protections ?? [];
  const narrowed = (p: Protection) =>
    p.kind === "disk" &&
    !now.some((q) => sameProtection(p, q)) &&
    now.some((q) => q.kind === "disk" && q.said === p.said && q.disk !== p.disk);
  const kept = [...all, ...out].filter((p) => !narrowed(p));
  return kept.map((p) => ({
    ...p,
    alongside: !kept.some((q) => sameProtection(p, q) && !alongsideOnly(q.said)),
  }));
}

const BESIDE = /\b(?:alongside|next to|beside|besides|dual[ -]?boot|side by side)\b/i;
const KEEP_WORD =
  /\b(?:keep|kept|dont|don't|do not|never|leave|spare|protect|avoid|touch|not|no|without|stays?|safe|alone)\b/i;

/** The words kept something only by asking to install beside it ("put levitate next to windows"). */
function alongsideOnly(said: string): boolean {
  return BESIDE.test(said) && !KEEP_WORD.test(said);
}

/** The words name the system ("windows" for "Windows Boot Manager", "fedora" for "Fedora Linux 40"). */
function namesSystem(text: string, what: string): boolean {
  const head = what.toLowerCase().split(/[^a-z0-9]+/)[0];
  if (!head) return false;
  return new RegExp(`\\b${head}`, "i").test(text);
}
