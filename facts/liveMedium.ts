import type { Facts } from "./schema.js";

/**
 * CONTRACTS §4 facts name no live medium: only `removable` and `mounted`. The probe marks the
 * disk the live system booted from (`liveMedium`), but a hand-written or contract-format facts
 * file does not, and then the stick the installer runs from was a candidate target: "install
 * levitate" matched its LEVITATE_LIVE label and was refused as mounted, and "which disk?" listed
 * it. In live mode a removable disk that is mounted can only be that medium (the installer
 * mounts nothing else before it runs), so it is marked so when no disk carries the mark.
 */
export function inferLiveMedium(facts: Facts): Facts {
  if (facts.mode !== "live" || facts.disks.some((d) => d.liveMedium !== undefined)) return facts;
  if (!facts.disks.some((d) => d.removable && d.mounted)) return facts;
  return {
    ...facts,
    disks: facts.disks.map((d) => (d.removable && d.mounted ? { ...d, liveMedium: true } : d)),
  };
}
