import type { Disk } from "../../facts/schema.js";
import type { Ctx } from "./context.js";
import { resolveDisk } from "./disks.js";
import type { Token } from "./text.js";
import { normalizeTokens } from "./tokens.js";

/**
 * "the other one" is other than ONE disk: the one my last question was about (the disk its "yes"
 * takes, or the plan's). When that question listed two or more disks the install may take besides
 * that one (or named no such disk at all), "the other one" does not say which of them is meant:
 * tester 14 D3, "install it but not on the drive with my photos" → "Other disks: sda or nvme0n1"
 * → "the other one" picked sda and offered to erase its data. Those disks are returned to be
 * asked between; undefined when the words pick for themselves ("the other ssd") or one is left.
 */
export function otherAmongListed(
  ctx: Ctx,
  tokens: readonly Token[],
  eligible: readonly Disk[],
): Disk[] | undefined {
  if (!tokens.some((t) => t.norm === "other" || t.norm === "another")) return undefined;
  const last = ctx.conv.turns.at(-1)?.decision;
  if (!last || !("reply" in last)) return undefined;
  const listed: Disk[] = [];
  for (const m of last.reply.matchAll(/\/dev\/[A-Za-z0-9/_.-]*[A-Za-z0-9]/g)) {
    const d = eligible.find((e) => e.path === m[0]);
    if (d && !listed.includes(d)) listed.push(d);
  }
  // the disk in question: the one my "yes" took or the plan holds, one the user keeps (whole or
  // a system on it: "i dont want to lose fedora" → "the other disk") or the last turn named
  const inQuestion = [
    ...(last.offer?.calls ?? []).map((c) => (c.args as { disk?: unknown }).disk),
    ...ctx.conv.pending
      .filter((c) => c.tool === "partitionDisk")
      .map((c) => (c.args as { disk?: unknown }).disk),
    ...(ctx.conv.protections ?? []).map((p) => ("disk" in p ? p.disk : undefined)),
    ...namedIn(ctx.conv.turns.at(-1)!.user, ctx),
  ].filter((p): p is string => typeof p === "string");
  const others = listed.filter((d) => !inQuestion.includes(d.path));
  if (others.length < 2) return undefined;
  // what the words themselves say beyond "other" ("the other ssd", "the other 1tb one")
  const own = resolveDisk(tokens, others, { mentioned: [], offered: [] });
  if (own.kind === "one" || own.kind === "none") return undefined;
  return own.kind === "many" ? own.disks : others;
}

/**
 * The disk the user's last words name: by path, by serial ("/dev/disk/by-id/nvme-…_S6Z2NF0W100002Y
 * must survive this"), or described ("which one is the SD card?").
 */
function namedIn(text: string, ctx: Ctx): string[] {
  const lower = text.toLowerCase();
  const bySerial = ctx.facts.disks.filter((d) => d.serial && lower.includes(d.serial.toLowerCase()));
  if (bySerial.length === 1) return [bySerial[0]!.path];
  const r = resolveDisk(normalizeTokens(text, ctx.facts), ctx.facts.disks, { mentioned: [], offered: [] });
  return r.kind === "one" ? [r.disk.path] : [];
}
