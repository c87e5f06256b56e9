import type { Disk, Facts } from "../../facts/schema.js";
import { describeBytes } from "../../steps/size.js";
import { contentOf, whatIsOn } from "../safety/diskContent.js";
import { LABEL_NOISE } from "../safety/lexicon.js";
import type { PlanCall } from "../types.js";
import { hasRoom, MIN_FREE_BYTES } from "./diskRoom.js";
import { describeDisk } from "./disks.js";
import { saysBesideAbroad, saysFreeRegion } from "./freeSpaceWords.js";
import { partitionByRole } from "./partitionRoles.js";
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

/**
 * Another system's name as a word of the turn, also with a case ending joined by a hyphen
 * ("Windows-a delete pannadheenga": Tamil's object ending): never a program to install or remove.
 */
export function namesOtherSystem(word: string): boolean {
  return SYSTEM_WORDS.has(word) || SYSTEM_WORDS.has(word.replace(/-[a-z]{1,3}$/, ""));
}

/** What people call the system being installed (as agent/rules/tokens.ts OS_WORDS). */
const INSTALLED_NAMES = new Set(["levitate", "levitateos", "linux"]);

/** The systems found on a disk (os-prober names), once each. */
export function systemsOn(d: Disk): string[] {
  return [...new Set((d.partitions ?? []).flatMap((p) => (p.os ? [p.os] : [])))];
}

/** Verbs before "linux" that make it the system being installed ("install linux next to windows"). */
const INSTALLING = new Set(["install", "installing", "put", "get", "want", "add", "give", "try", "run"]);

/**
 * "the linux one", "wipe my linux disk", "next to linux": "linux" names no distribution but every
 * system that is not Windows; after an install verb it is the system being installed instead.
 */
function namesOtherLinux(tokens: readonly Token[], i: number): boolean {
  if (tokens[i]?.norm !== "linux") return false;
  const before = tokens.slice(Math.max(0, i - 2), i).map((t) => t.norm);
  return !before.some((x) => INSTALLING.has(x) || OS_NAMES_NOT_LINUX.has(x));
}
const OS_NAMES_NOT_LINUX = new Set(["levitate", "levitateos"]);

/** Disks holding a system (or a labelled partition) a word of the clause names: "windows", "fedora", "win7". */
export function disksNamedBySystem(tokens: readonly Token[], facts: Facts): Disk[] {
  const out: Disk[] = [];
  for (const [i, t] of tokens.entries()) {
    if (t.kind !== "word") continue;
    if (namesOtherLinux(tokens, i)) {
      for (const d of facts.disks)
        if ((d.partitions ?? []).some((p) => p.os && !/windows/i.test(p.os)) && !out.includes(d)) out.push(d);
      continue;
    }
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
    ) ||
    w.some((x) => x === "dualboot" || x === "alongside") ||
    saysBesideAbroad(w)
  );
}

/** "dual boot", "levitate and windows both": two systems to boot, wherever each one is. */
export function asksDualBoot(w: readonly string[]): boolean {
  return (
    has(w, "dual boot") ||
    w.some((x) => x === "dualboot" || x === "dual-boot") ||
    (w.includes("both") && w.some((x) => SYSTEM_WORDS.has(x)))
  );
}

/** "use the free space", "unallocated", "whatever space is left". */
export function asksFreeSpace(w: readonly string[], blankDiskHere = false): boolean {
  return (
    has(w, "free space") ||
    w.includes("unallocated") ||
    has(w, "empty space") ||
    has(w, "space left") ||
    has(w, "space is left") ||
    has(w, "free part") ||
    // "only in the unpartitioned space", "linux in the rest", "install in what is left",
    // "the remaining space", "mode=free": the free region said in other words (dev-alongside10)
    w.includes("unpartitioned") ||
    ["in", "into"].some((p) => has(w, `${p} the rest`) || has(w, `${p} what is left`)) ||
    has(w, "remaining space") ||
    has(w, "space remaining") ||
    has(w, "leftover space") ||
    has(w, "spare space") ||
    has(w, "mode free") ||
    saysFreeRegion(w, blankDiskHere)
  );
}

/** Objects that refuse the verb before them: "erase nothing", "wipe none of it". */
const NO_OBJECT = new Set(["nothing", "none", "naught", "nada", "zilch", "nowt"]);
const EXCEPT_AFTER = new Set(["but", "except", "save", "besides", "apart", "other", "bar"]);

/** "wipe it", "the whole thing", "windows can go", "from scratch": the whole disk. */
export function asksWhole(tokens: readonly Token[]): boolean {
  const w = tokens.map((t) => t.norm);
  const verb = w.findIndex(
    (x, i) =>
      ["wipe", "erase", "format", "nuke", "overwrite", "clear", "reformat"].includes(x) &&
      !isNegated(tokens, i) &&
      // "Erase nothing. Where would Levitate go?": an erase of nothing asks for none (dev h20a-046)
      // ("erase nothing but the seagate" names the one disk: fixW21's findings22-disks)
      !(NO_OBJECT.has(w[i + 1] ?? "") && !EXCEPT_AFTER.has(w[i + 2] ?? "")),
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
  else {
    // data without a system ("Photos") is named too: "[no free space]" alone hid it (tester 11 D5)
    const data = contentOf(d).map(whatIsOn).filter(Boolean);
    if (data.length) notes.push(`holds ${data.join(" and ")}`);
  }
  if (d.freeBytes !== undefined && (d.partitions?.length ?? 0) > 0)
    notes.push(d.freeBytes >= MIN_FREE_BYTES ? `${describeBytes(d.freeBytes)} free` : "no free space");
  return `${describeDisk(d)}${notes.length ? ` [${notes.join(", ")}]` : ""}`;
}

export function listTargets(disks: readonly Disk[]): string {
  const parts = disks.map(describeTarget);
  return parts.length <= 2 ? parts.join(" or ") : `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}`;
}

/** Enough free space for an install beside what is there. */

/** The question when a disk holds another system and the words did not say what to do with it. */
export function besideOrErase(d: Disk): string {
  const systems = systemsOn(d).join(" and ");
  if (hasRoom(d))
    return `${describeDisk(d)} holds ${systems}. Install alongside it in the free space (${describeBytes(d.freeBytes ?? 0)}), keeping every partition (say "yes"), or erase the whole disk (${systems} is lost: say "erase it")?`;
  return `${describeDisk(d)} holds ${systems} and has no free space to install into (I don't shrink partitions). Erase the whole disk (${systems} is lost), or choose another disk?`;
}

/** Why the free space of a disk cannot take the install; undefined when it can. */
export function freeSpaceProblem(
  d: Disk,
  rootBytes: number | undefined,
  swapBytes: number,
): string | undefined {
  // The reason names what the facts lack: a list of partitions without the free space was called
  // "no partitions" (attacker 12 #5, attacker 13 L1, tester 15 W9)
  if (d.freeBytes === undefined)
    return `I don't know how much free space ${d.path} has (the machine's facts ${(d.partitions ?? []).length ? "list its partitions but not its free space" : "list no partitions for it"}), so I can't install beside what is on it. Erase the whole disk, or choose another?`;
  const need = Math.max(rootBytes ?? 0, MIN_FREE_BYTES) + swapBytes;
  if (d.freeBytes < MIN_FREE_BYTES)
    return `${describeDisk(d)} has ${d.freeBytes >= 1024 ** 3 ? `only ${describeBytes(d.freeBytes)} of` : "no"} free space; an install needs at least ${describeBytes(MIN_FREE_BYTES)}. I don't shrink partitions: free some space from the other system first, or choose another disk.`;
  if (need > d.freeBytes)
    return `The free space on ${d.path} is ${describeBytes(d.freeBytes)}; ${rootBytes !== undefined ? `a ${describeBytes(rootBytes)} root` : "that"}${swapBytes ? " with swap" : ""} does not fit. How big should root be (e.g. "${Math.max(4, Math.floor((d.freeBytes - swapBytes) / 1024 ** 3 / 2))}G root")?`;
  return undefined;
}

/** Verbs that do away with what follows them: "replace ubuntu", "get rid of windows". */
const REPLACE_BEFORE = new Set([
  "replace",
  "replacing",
  "over",
  "ditch",
  "dump",
  "scrap",
  "remove",
  "delete",
]);
/** "switching from fedora", "moving off windows", "done with ubuntu", "instead of manjaro". */
const LEAVING = [
  ["instead", "of"],
  ["rid", "of"],
  ["done", "with"],
  ["switching", "from"],
  ["switch", "from"],
  ["moving", "from"],
  ["moving", "off"],
  ["migrating", "from"],
  ["coming", "from"],
];

function isSystemWord(t: Token | undefined): boolean {
  return t !== undefined && t.kind === "word" && (SYSTEM_WORDS.has(t.norm) || t.norm === "linux");
}

/**
 * "replace ubuntu", "install levitate over manjaro", "instead of windows", "get rid of fedora",
 * "i'm done with ubuntu": the system named goes, so its disk is erased (unless the user keeps it:
 * the safety screen still answers for that). "replace the windows partition" is not this: one
 * partition is never erased alone (asksOnePartition).
 */
export function asksReplaceSystem(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!isSystemWord(tokens[i])) continue;
    if (PARTITION_WORDS.has(tokens[i + 1]?.norm ?? "")) continue;
    // the system word after a verb, with at most an article or "my" between
    let j = i - 1;
    while (j >= 0 && ["the", "my", "this", "that", "old", "current"].includes(tokens[j]!.norm)) j--;
    const verb = tokens[j]?.norm ?? "";
    if (REPLACE_BEFORE.has(verb) && !isNegated(tokens, j)) return true;
    const two = [tokens[j - 1]?.norm, verb];
    if (LEAVING.some(([a, b]) => two[0] === a && two[1] === b) && !isNegated(tokens, j - 1)) return true;
  }
  return false;
}

const PARTITION_WORDS = new Set(["partition", "part", "volume"]);
const ONE_PARTITION_VERBS = new Set([
  "erase",
  "wipe",
  "format",
  "reformat",
  "delete",
  "remove",
  "replace",
  "overwrite",
  "nuke",
  "reuse",
  "use",
  "install",
  "put",
  "over",
  "into",
  "in",
]);
/** Words before "partition" that make it a new one of the layout, not one that is there. */
const NEW_PARTITION = new Set([
  "root",
  "home",
  "swap",
  "efi",
  "esp",
  "boot",
  "separate",
  "own",
  "new",
  "a",
  "extra",
]);

/**
 * The partition an erase or install is aimed at, when it is one existing partition: "erase just
 * the windows partition", "format sda2 and put levitate there", "install over the ubuntu partition".
 * The installer keeps every partition or erases the whole disk; one partition alone it never
 * erases (not built), so this is answered, never read as the whole disk.
 */
export function asksOnePartition(
  tokens: readonly Token[],
  facts: Facts,
): { disk?: Disk; said: string } | undefined {
  const partOf = (path: string) =>
    facts.disks.find((d) => (d.partitions ?? []).some((p) => p.path === path || p.path === `/dev/${path}`));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let disk: Disk | undefined;
    let said: string | undefined;
    if (/^(\/dev\/)?(sd[a-z]+\d+|vd[a-z]+\d+|nvme\d+n\d+p\d+|mmcblk\d+p\d+)$/.test(t.norm)) {
      disk = partOf(t.norm);
      said = t.raw;
    } else if (PARTITION_WORDS.has(t.norm) && partitionByRole(tokens, i, facts)) {
      // "wipe the recovery partition": a role names one partition, never the whole disk (tester 12 D4)
      const role = partitionByRole(tokens, i, facts)!;
      disk = role.disks.length === 1 ? role.disks[0] : undefined;
      said = role.said;
    } else if (PARTITION_WORDS.has(t.norm)) {
      const prev = tokens[i - 1]?.norm ?? "";
      if (NEW_PARTITION.has(prev) || ["every", "all", "each", "any"].includes(prev)) continue;
      const named = tokens.slice(Math.max(0, i - 2), i);
      const bySystem = disksNamedBySystem(named, facts);
      const numbered = tokens[i + 1]?.kind === "number";
      const pointed = ["that", "this", "existing", "old"].includes(prev);
      const described = describesExistingPartition(tokens, i, facts);
      if (!bySystem.length && !numbered && !pointed && !described && !isSystemWord(tokens[i - 1])) continue;
      const holders = bySystem.length ? bySystem : (described ?? []);
      disk = holders.length === 1 ? holders[0] : undefined;
      said = tokens
        .slice(
          Math.max(0, i - (holders.length || isSystemWord(tokens[i - 1]) ? 1 : 0)),
          i + (numbered ? 2 : 1),
        )
        .map((x) => x.raw)
        .join(" ");
    } else continue;
    // "the Windows partition being retained", "the ubuntu partition stays": kept, not aimed at
    if (keptAfter(tokens, i)) continue;
    const verbs = tokens.slice(0, i).map((x, k) => ({ x: x.norm, k }));
    const verb = verbs.reverse().find((v) => ONE_PARTITION_VERBS.has(v.x) || KEEPING.has(v.x));
    if (!verb || KEEPING.has(verb.x) || isNegated(tokens, verb.k)) continue;
    return { ...(disk ? { disk } : {}), said: said ?? t.raw };
  }
  return undefined;
}
const KEEPING = new Set(["keep", "leave", "spare", "preserve", "protect", "save", "touch"]);
/** Words after a partition that keep it: "being retained", "stays", "is left alone". */
const KEPT_AFTER = new Set([
  "retained",
  "kept",
  "preserved",
  "protected",
  "spared",
  "stays",
  "stay",
  "remains",
  "remain",
  "untouched",
  "intact",
  "survives",
  "unchanged",
  "unmodified",
]);
function keptAfter(tokens: readonly Token[], i: number): boolean {
  for (let k = i + 1; k < Math.min(tokens.length, i + 4); k++) {
    const t = tokens[k]!;
    if (t.kind === "punct") return false;
    if (KEPT_AFTER.has(t.norm)) return !isNegated(tokens, k);
  }
  return false;
}

/** Words for what an existing partition is made of, beside its filesystem's own name. */
const ENCRYPTED = new Set(["bitlocker", "encrypted", "luks", "crypt", "veracrypt"]);
/** Words that pick one existing partition out by its place or size ("the biggest partition"). */
const WHICH_PARTITION = new Set([
  "biggest",
  "largest",
  "smallest",
  "second",
  "third",
  "last",
  "main",
  "data",
]);

/**
 * "format the bitlocker partition", "wipe the ntfs partition", "the biggest partition": a word
 * before "partition" at `i` that describes one that is there (its filesystem, or that it is
 * encrypted, on a disk that has such a partition); "a new xfs partition" is one of the layout.
 */
function describesExistingPartition(tokens: readonly Token[], i: number, facts: Facts): Disk[] | undefined {
  const prev = tokens[i - 1]?.norm ?? "";
  if (NEW_PARTITION.has(tokens[i - 2]?.norm ?? "") || ["an", "own"].includes(tokens[i - 2]?.norm ?? ""))
    return undefined;
  const fs = (p: { fstype?: string | null }) => (p.fstype ?? "").toLowerCase();
  const which = (hit: (p: { fstype?: string | null }) => boolean) => {
    const disks = facts.disks.filter((d) => !d.liveMedium && (d.partitions ?? []).some(hit));
    return disks.length ? disks : undefined;
  };
  if (WHICH_PARTITION.has(prev)) return which(() => true);
  if (ENCRYPTED.has(prev)) return which((p) => /bitlocker|luks/.test(fs(p)));
  return prev.length > 2 ? which((p) => fs(p) === prev) : undefined;
}

/** The answer to asksOnePartition: what can be done instead, and the free space as an offer. */
export function onePartitionReply(
  said: string,
  disk: Disk | undefined,
): { reply: string; offer?: { disk: string; use: "free" } } {
  const head = `I can't erase or reuse just one partition (${said}): I either install into a disk's free space, keeping every partition, or erase the whole disk.`;
  if (!disk) return { reply: `${head} Which disk, and which of the two?` };
  // a partition of the live medium: no hint to erase the disk this system runs from (attack4 L1)
  if (disk.liveMedium)
    return {
      reply: `${head} ${describeDisk(disk)} is the medium this live system runs from; I can't install onto it or any of its partitions. Choose another disk.`,
    };
  const systems = systemsOn(disk).join(" and ");
  if (hasRoom(disk))
    return {
      reply: `${head} ${describeDisk(disk)} has ${describeBytes(disk.freeBytes ?? 0)} free: shall I install there and keep every partition? (Or say "erase the whole ${disk.path}"${systems ? `: ${systems} is lost` : ""}.)`,
      offer: { disk: disk.path, use: "free" },
    };
  return {
    reply: `${head} ${describeDisk(disk)} has no free space to install into (I don't shrink partitions): free some from the other system first, choose another disk, or say "erase the whole ${disk.path}"${systems ? ` (${systems} is lost)` : ""}.`,
  };
}

/**
 * "keep windows on the nvme and put levitate on the other ssd": "the other" is the one disk the
 * user keeps nothing on, when they keep something (a disk, or a system on one).
 */
export function otherThanKept(
  words: readonly string[],
  eligible: readonly Disk[],
  keptDisks: readonly string[],
): Disk | undefined {
  if (!keptDisks.length || !(words.includes("other") || words.includes("another"))) return undefined;
  if (` ${words.join(" ")} `.includes(" other than ")) return undefined;
  const left = eligible.filter((d) => !keptDisks.includes(d.path));
  return left.length === 1 ? left[0] : undefined;
}

/** "the empty ssd", "the blank one": among candidates, the one disk with nothing on it. */
export function emptyAmong(words: readonly string[], disks: readonly Disk[]): Disk | undefined {
  if (!words.some((x) => ["empty", "blank", "unused", "fresh", "clean"].includes(x))) return undefined;
  const empty = disks.filter((d) => (d.partitions?.length ?? 0) === 0);
  return empty.length === 1 ? empty[0] : undefined;
}

/**
 * "dual boot with windows" when Windows's disk is full and one other disk is known to be empty
 * (facts v2: no partitions, its size free): the install goes onto that disk. A disk whose contents
 * the facts do not tell, or one holding another system, is asked about instead.
 */
export function besideOnAnotherDisk(system: Disk, eligible: readonly Disk[]): Disk | undefined {
  if (hasRoom(system)) return undefined;
  const left = eligible.filter(
    (d) =>
      d.path !== system.path &&
      !d.liveMedium &&
      d.partitions !== undefined &&
      d.partitions.length === 0 &&
      (d.freeBytes ?? 0) >= MIN_FREE_BYTES,
  );
  return left.length === 1 ? left[0] : undefined;
}

/**
 * The question for besideOnAnotherDisk: the words asked for the system's own disk, which has no
 * room, so the empty disk is offered ("yes" takes it), never planned from those words.
 */
export function besideElsewhereOffer(system: Disk, empty: Disk): { reply: string; offer: PlanCall } {
  const systems = systemsOn(system).join(" and ") || "what is on it";
  return {
    reply: `${describeDisk(system)} holds ${systems} and has no free space to install beside it (I don't shrink partitions). ${describeDisk(empty)} is empty: shall I install onto it instead, leaving ${system.path} untouched (you pick the system at boot)?`,
    offer: { tool: "partitionDisk", args: { disk: empty.path } } as PlanCall,
  };
}

/** Words that give the new system a share: "give linux 100gb", "100gb for levitate", "linux gets 80g". */
const SHARE_VERBS = new Set(["give", "gets", "get", "only", "just", "allot", "allocate", "reserve", "for"]);
const SHARE_NAMES = new Set(["linux", "levitate", "levitateos", "it"]);
const ON_A_DISK = new Set(["on", "onto", "disk", "drive", "ssd", "nvme", "hdd", "one"]);

/**
 * A size said for the new system, not for a disk: "install next to windows but only give linux
 * 100gb" (root 100G). A size with "on"/"disk"/"drive" beside it still names a disk
 * ("install levitate on the 500gb one").
 */
export function sizeForNewSystem<T extends { from: number; to: number }>(
  tokens: readonly Token[],
  sizes: readonly T[],
): T | undefined {
  for (const s of sizes) {
    const near = tokens.slice(Math.max(0, s.from - 3), Math.min(tokens.length, s.to + 2)).map((t) => t.norm);
    const touching = [tokens[s.from - 1]?.norm, tokens[s.from - 2]?.norm, tokens[s.to]?.norm];
    if (touching.some((x) => x !== undefined && ON_A_DISK.has(x))) continue;
    if (!near.some((x) => SHARE_NAMES.has(x)) || !near.some((x) => SHARE_VERBS.has(x))) continue;
    return s;
  }
  return undefined;
}
