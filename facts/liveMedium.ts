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
  if (!facts.disks.some(bootedFrom)) return facts;
  return {
    ...facts,
    disks: facts.disks.map((d) => (bootedFrom(d) ? { ...d, liveMedium: true } : d)),
  };
}

/**
 * A mounted removable disk, or a mounted USB disk holding an ISO 9660 file system: USB SSDs (Samsung
 * T7, SanDisk Extreme) report removable=0, and the chat had told the person to unmount the stick it
 * runs from (tester 28 F43). Marking a disk the live medium only takes it out of the targets.
 */
function bootedFrom(d: Facts["disks"][number]): boolean {
  if (!d.mounted) return false;
  return d.removable || (d.transport === "usb" && (d.partitions ?? []).some((p) => p.fstype === "iso9660"));
}
