import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
import { readProtections } from "./read.js";
import { applyReading, type Protection } from "./types.js";

/**
 * "leave windows alone" … "erase /dev/nvme0n1, I don't need what's on it": the user may let go of
 * a protection, but the erase of a disk that held something they kept is never added silently.
 * The decision becomes a question that names what would be lost, with the erase as its offer, so
 * only an explicit "yes" to that question takes it.
 */
export function warnLoss(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return decision;
  const erases = decision.calls.filter(
    (c): c is Extract<PlanCall, { tool: "partitionDisk" }> =>
      c.tool === "partitionDisk" &&
      c.args.use !== "free" &&
      // already accepted: a change of filesystem or layout on the same erase asks nothing again
      !conv.pending.some(
        (p) => p.tool === "partitionDisk" && p.args.disk === c.args.disk && p.args.use !== "free",
      ),
  );
  if (!erases.length) return decision;
  const kept = everKept(conv, facts);
  const lines: string[] = [];
  for (const c of erases) {
    const held = kept.filter((p) => (p.kind === "partitions" || p.kind === "disk") && p.disk === c.args.disk);
    if (!held.length) continue;
    // "wipe the whole thing, windows included": the user names what goes, so they know
    if (held.some((p) => p.kind === "partitions" && namesSystem(conv.user, p.what))) continue;
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

/** Every disk or system the user asked to keep at some point, released since or not. */
function everKept(conv: ConversationView, facts: Facts): Protection[] {
  let out: Protection[] = [];
  const all: Protection[] = [...(conv.protections ?? [])];
  for (const t of conv.turns) {
    const reading = readProtections(t.user, facts, { pending: [], entities: [] });
    out = applyReading(out, reading);
    all.push(...reading.protect);
  }
  return [...all, ...out];
}

/** The words name the system ("windows" for "Windows Boot Manager", "fedora" for "Fedora Linux 40"). */
function namesSystem(text: string, what: string): boolean {
  const head = what.toLowerCase().split(/[^a-z0-9]+/)[0];
  if (!head) return false;
  return new RegExp(`\\b${head}`, "i").test(text);
}
