import type { Protection, Reading } from "./types.js";

/**
 * The answer to my twin question (rules/otherAfterTwinKeep.ts: "keep the samsung" fitted two
 * Samsungs, both kept, and I asked which one is kept): a keep of exactly one of them, in other
 * words ("the one with games on it stays"), says which disk the phrase meant, so the phrase's keep
 * of the others is taken back and the person can use one ("the nvme samsung is fine to use").
 * Only right after that question, only a phrase that kept several disks, only when the answer
 * keeps one of them: a plural keep ("keep both samsungs") asked nothing, so it is never narrowed.
 */
export function narrowTwinKeep(
  current: readonly Protection[],
  reading: Reading,
  lastReply: string | undefined,
  twinQuestion: string,
): Reading {
  if (!lastReply?.endsWith(twinQuestion)) return reading;
  const bySaid = new Map<string, string[]>();
  for (const p of current) if (p.kind === "disk") bySaid.set(p.said, [...(bySaid.get(p.said) ?? []), p.disk]);
  const release: Protection[] = [];
  for (const [said, disks] of bySaid) {
    if (new Set(disks).size < 2) continue;
    const chosen = reading.protect.filter(
      (p) => (p.kind === "disk" || p.kind === "partitions") && p.said !== said && disks.includes(p.disk),
    );
    const picked = new Set(chosen.map((p) => (p.kind === "disk" || p.kind === "partitions" ? p.disk : "")));
    if (picked.size !== 1) continue;
    for (const p of current) if (p.kind === "disk" && p.said === said && !picked.has(p.disk)) release.push(p);
  }
  return release.length ? { ...reading, release: [...reading.release, ...release] } : reading;
}
