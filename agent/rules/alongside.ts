import type { Disk, Facts } from "../../facts/schema.js";
import { describeBytes } from "../../steps/size.js";
import { MIN_FREE_BYTES } from "../safety/screen.js";
import { describeDisk } from "./disks.js";
import type { Token } from "./text.js";
import { isNegated } from "./tokens.js";

/**
 * Installing beside another system (facts v2: partitions[].os, freeBytes): which words ask for the
 * free space ("next to windows", "dual boot", "use the free space"), which for the whole disk
 * ("wipe it", "windows can go"), which disk a system's name points at ("the one with fedora"),
 * and how a disk is described when the choice matters ("holds Windows Boot Manager, 372 GB free").
 */

const SYSTEM_ALIASES: Record<string, string> = {
  win: "windows",
  win7: "windows",
  win8: "windows",
  win10: "windows",
  win11: "windows",
  windoze: "windows",
};
/** What people call other systems: never a program to install, never a name. */
export const SYSTEM_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(SYSTEM_ALIASES),
  "windows",
  "fedora",
  "ubuntu",
  "debian",
  "arch",
  "manjaro",
  "mint",
  "opensuse",
  "kubuntu",
  "xubuntu",
  "popos",
  "centos",
  "rocky",
  "almalinux",
  "gentoo",
  "nixos",
  "endeavouros",
  "zorin",
  "macos",
  "freebsd",
]);

/** What people call the system being installed (as agent/rules/tokens.ts OS_WORDS). */
const INSTALLED_NAMES = new Set(["levitate", "levitateos", "linux"]);

const LABEL_NOISE = new Set([
  "system",
  "partition",
  "efi",
  "esp",
  "reserved",
  "microsoft",
  "recovery",
  "boot",
  "manager",
  "loader",
  "root",
  "home",
  "swap",
  "lts",
  "the",
]);

/** The systems found on a disk (os-prober names), once each. */
export function systemsOn(d: Disk): string[] {
  return [...new Set((d.partitions ?? []).flatMap((p) => (p.os ? [p.os] : [])))];
}

/** Disks holding a system (or a labelled partition) a word of the clause names: "windows", "fedora", "win7". */
export function disksNamedBySystem(tokens: readonly Token[], facts: Facts): Disk[] {
  const out: Disk[] = [];
  for (const t of tokens) {
    if (t.kind !== "word") continue;
    const w = SYSTEM_ALIASES[t.norm] ?? t.norm;
    if (w.length < 3 || LABEL_NOISE.has(w)) continue;
    for (const d of facts.disks) {
      const hit = (d.partitions ?? []).some((p) =>
        [p.os, p.label].some((n) =>
          (n ?? "")
            .toLowerCase()
            .split(/[^a-z0-9]+/)
            .includes(w),
        ),
      );
      if (hit && !out.includes(d)) out.push(d);
    }
  }
  return out;
}

function has(w: readonly string[], phrase: string): boolean {
  return ` ${w.join(" ")} `.includes(` ${phrase} `);
}

/** "next to windows", "dual boot", "alongside": beside another system. */
export function asksBeside(w: readonly string[]): boolean {
  // "levitate and windows both on this laptop"
  if (w.includes("both") && w.some((x) => SYSTEM_WORDS.has(x)) && w.some((x) => INSTALLED_NAMES.has(x)))
    return true;
  return (
    ["next to", "alongside", "beside", "besides", "dual boot", "dualboot", "dual-boot", "side by side"].some(
      (p) => has(w, p),
    ) || w.some((x) => x === "dualboot" || x === "alongside")
  );
}

/** "use the free space", "unallocated", "whatever space is left". */
export function asksFreeSpace(w: readonly string[]): boolean {
  return (
    has(w, "free space") ||
    w.includes("unallocated") ||
    has(w, "empty space") ||
    has(w, "space left") ||
    has(w, "space is left") ||
    has(w, "free part")
  );
}

/** "wipe it", "the whole thing", "windows can go", "from scratch": the whole disk. */
export function asksWhole(tokens: readonly Token[]): boolean {
  const w = tokens.map((t) => t.norm);
  const verb = w.findIndex(
    (x, i) =>
      ["wipe", "erase", "format", "nuke", "overwrite", "clear", "reformat"].includes(x) &&
      !isNegated(tokens, i),
  );
  return (
    verb >= 0 ||
    w.includes("whole") ||
    w.includes("entire") ||
    w.includes("included") ||
    has(w, "can go") ||
    has(w, "from scratch") ||
    has(w, "not need") ||
    has(w, "dont need") ||
    has(w, "no longer need") ||
    w.includes("dead") ||
    has(w, "replace everything")
  );
}

/** A disk as a choice of target: path, size, model, and what is on it and free. */
export function describeTarget(d: Disk): string {
  const systems = systemsOn(d);
  const notes: string[] = [];
  if (systems.length) notes.push(`holds ${systems.join(" and ")}`);
  if (d.freeBytes !== undefined && (d.partitions?.length ?? 0) > 0)
    notes.push(d.freeBytes >= MIN_FREE_BYTES ? `${describeBytes(d.freeBytes)} free` : "no free space");
  return `${describeDisk(d)}${notes.length ? ` [${notes.join(", ")}]` : ""}`;
}

export function listTargets(disks: readonly Disk[]): string {
  const parts = disks.map(describeTarget);
  return parts.length <= 2 ? parts.join(" or ") : `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}`;
}

/** Enough free space for an install beside what is there. */
export function hasRoom(d: Disk): boolean {
  return (d.freeBytes ?? 0) >= MIN_FREE_BYTES;
}

/** The question when a disk holds another system and the words did not say what to do with it. */
export function besideOrErase(d: Disk): string {
  const systems = systemsOn(d).join(" and ");
  if (hasRoom(d))
    return `${describeDisk(d)} holds ${systems}. Install alongside it in the free space (${describeBytes(d.freeBytes ?? 0)}), keeping every partition, or erase the whole disk (${systems} is lost)?`;
  return `${describeDisk(d)} holds ${systems} and has no free space to install into (I don't shrink partitions). Erase the whole disk (${systems} is lost), or choose another disk?`;
}

/** Why the free space of a disk cannot take the install; undefined when it can. */
export function freeSpaceProblem(
  d: Disk,
  rootBytes: number | undefined,
  swapBytes: number,
): string | undefined {
  if (d.freeBytes === undefined)
    return `I don't know how much free space ${d.path} has (the machine's facts list no partitions for it), so I can't install beside what is on it. Erase the whole disk, or choose another?`;
  const need = Math.max(rootBytes ?? 0, MIN_FREE_BYTES) + swapBytes;
  if (d.freeBytes < MIN_FREE_BYTES)
    return `${describeDisk(d)} has ${d.freeBytes >= 1024 ** 3 ? `only ${describeBytes(d.freeBytes)} of` : "no"} free space; an install needs at least ${describeBytes(MIN_FREE_BYTES)}. I don't shrink partitions: free some space from the other system first, or choose another disk.`;
  if (need > d.freeBytes)
    return `The free space on ${d.path} is ${describeBytes(d.freeBytes)}; ${rootBytes !== undefined ? `a ${describeBytes(rootBytes)} root` : "that"}${swapBytes ? " with swap" : ""} does not fit. How big should root be (e.g. "${Math.max(4, Math.floor((d.freeBytes - swapBytes) / 1024 ** 3 / 2))}G root")?`;
  return undefined;
}
