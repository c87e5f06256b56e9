import type { Disk, Facts } from "../../facts/schema.js";
import { KNOWN_SYSTEMS, LABEL_NOISE, SYSTEM_ALIASES } from "./lexicon.js";

/*
 * Apart from the reader so what a system word points at in the facts stays one answer, whoever
 * asks, and the reader stays about the words.
 */

export function systemWord(w: string): string | undefined {
  const s = SYSTEM_ALIASES[w] ?? w;
  return KNOWN_SYSTEMS.has(s) ? s : undefined;
}

/** The disks holding a system the word names, from facts v2 (os-prober names, labels). */
export function disksWithSystem(word: string, facts: Facts): { disk: Disk; what: string }[] {
  const out: { disk: Disk; what: string }[] = [];
  for (const d of facts.disks) {
    for (const p of d.partitions ?? []) {
      const names = [p.os, p.label].filter((x): x is string => !!x).map((x) => x.toLowerCase());
      const hit = names.some((n) =>
        n
          .split(/[^a-z0-9]+/)
          .filter((x) => x && !LABEL_NOISE.has(x))
          .includes(word),
      );
      const linux = word === "linux" && (p.os ?? "").toLowerCase().includes("linux");
      if (hit || linux) {
        if (!out.some((o) => o.disk.path === d.path)) out.push({ disk: d, what: p.os ?? p.label ?? word });
      }
    }
  }
  return out;
}

/** Disks that may hold data the words name without saying where: every disk not known empty. */
export function maybeHolding(facts: Facts): Disk[] {
  const usable = facts.disks.filter((d) => !d.liveMedium);
  if (usable.length === 1) return usable;
  return usable.filter((d) => d.partitions === undefined || d.partitions.length > 0);
}
