import type { Disk, Facts, Partition } from "../../facts/schema.js";
import { listTargets } from "../rules/alongside.js";
import { asksSentence } from "./questionGate.js";

/**
 * Windows drive letters said as places: "format C:", "install on D:", "dont touch D: (Games)",
 * "my documents are on C: dont touch them". A person coming from Windows names partitions by the
 * letter Windows gave them; every reader here knows partitions by path and label. The letters are
 * said plainly as the partition they stand for ("install on /dev/sda1"; C: as "the windows
 * partition"), once, before any reader
 * (agent/conversation.ts), so a keep of "D:" keeps that partition's disk, "install on D:" is the
 * request for one partition that gets the answer of one partition (free space, or the whole disk
 * with what else it holds), and "C:" is never read as a program's name.
 *
 * The letters are the ones Windows itself would give: C: the partition Windows boots from, then D:,
 * E:, ... to the other partitions Windows mounts (NTFS, FAT, exFAT, BitLocker), the Windows disk's
 * first, then the other disks' in the order the facts list them. The EFI system partition, the
 * Microsoft reserved partition, a Recovery partition and the live medium get none. A label said
 * beside the letter ("D: (Games)", "the Games disk D:") wins over the order: the person sees the
 * letter and the label together in Explorer and the label is the surer of the two. A letter that
 * maps to nothing here is left as it was; without a Windows partition nothing is mapped at all.
 */

const RECOVERY_TYPE = "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC";
const MSR_TYPE = "E3C9E316-0B5C-4DB8-817D-F92DF00215AE";
const LETTERED = /^(?:ntfs|vfat|fat|fat16|fat32|exfat|bitlocker)$/i;

interface Lettered {
  letter: string;
  disk: Disk;
  partition: Partition;
}

function isWindowsSystem(p: Partition): boolean {
  return /windows/i.test(p.os ?? "") && !p.esp && (p.fstype ?? "").toLowerCase() !== "vfat";
}

function getsLetter(p: Partition): boolean {
  if (p.esp || isWindowsSystem(p)) return false;
  if (/recovery/i.test(p.label ?? "") || p.type?.toUpperCase() === RECOVERY_TYPE) return false;
  if (p.type?.toUpperCase() === MSR_TYPE) return false;
  return LETTERED.test(p.fstype ?? "");
}

/** The letters Windows would show for this machine's partitions, C: first. */
export function driveLetters(facts: Facts): Lettered[] {
  if (facts.mode !== "live") return [];
  const disks = facts.disks.filter((d) => !d.liveMedium);
  const system = disks
    .flatMap((d) => (d.partitions ?? []).filter(isWindowsSystem).map((p) => ({ d, p })))
    .sort((a, b) => b.p.sizeBytes - a.p.sizeBytes)[0];
  if (!system) return [];
  const out: Lettered[] = [{ letter: "c", disk: system.d, partition: system.p }];
  const order = [system.d, ...disks.filter((d) => d !== system.d)];
  let next = "d".charCodeAt(0);
  for (const d of order)
    for (const p of d.partitions ?? [])
      if (getsLetter(p) && next <= "z".charCodeAt(0))
        out.push({ letter: String.fromCharCode(next++), disk: d, partition: p });
  return out;
}

/**
 * "C:", "c:\", "D:/", "the C: drive", "my c drive", "drive D:": a letter said as a Windows drive.
 * Group 1 is the letter; a "drive" word beside it goes with it (left, it reads as a disk word).
 */
const LETTER =
  /(?<![\w/:.'’-])(?:(?:the|my)\s+)?(?:drive\s+)?([c-z]):(?:[\\/]+)?(?:\s+(?:drive|partition))?(?![\w:])|(?<![\w/:.'’-])(?:(?:the|my)\s+)?\b([c-z])\s+drive\b/gi;

/** The label said right beside a letter: "D: (Games)", "the Games disk D:", "D: games". */
function labelled(text: string, start: number, end: number, facts: Facts): Lettered | undefined {
  const before = text
    .slice(Math.max(0, start - 30), start)
    .toLowerCase()
    .split(/[^a-z0-9_-]+/)
    .filter(Boolean)
    .slice(-3);
  const after = text
    .slice(end, end + 30)
    .toLowerCase()
    .split(/[^a-z0-9_-]+/)
    .filter(Boolean)
    .slice(0, 2);
  const near = new Set([...before, ...after]);
  for (const d of facts.disks.filter((x) => !x.liveMedium))
    for (const p of d.partitions ?? []) {
      const label = (p.label ?? "").toLowerCase();
      if (label.length >= 3 && near.has(label) && (isWindowsSystem(p) || getsLetter(p)))
        return { letter: "", disk: d, partition: p };
    }
  return undefined;
}

/** The words with every Windows drive letter said as the partition it names (see above). */
export function sayDriveLetters(text: string, facts: Facts): string {
  if (!/[c-z]\s*(?::|\s+drive\b)/i.test(text)) return text;
  const letters = driveLetters(facts);
  if (!letters.length) return text;
  const asking = asksSentence(text) || /\?\s*$/.test(text);
  const said = text.replace(
    LETTER,
    (whole: string, a: string | undefined, b: string | undefined, at: number) => {
      const letter = (a ?? b ?? "").toLowerCase();
      // "e drive" without the colon only where the letter is one of this machine's
      const lead = /^\s*(?:the|my)\s+/i.exec(whole)?.[0] ?? "";
      // "the Games disk D: you must not touch", "D: (Games)": the label already names the partition
      // the way every reader knows it; the letter goes, so it is not read as a place of its own
      // (as a path it made the keep clause the install's target)
      if (labelled(text, at, at + whole.length, facts)) return lead.trim();
      const found = letters.find((l) => l.letter === letter);
      if (!found) return whole;
      // "is my c drive safe": the consequence questions know the Windows drive by its letter
      // (agent/rules/consequences.ts) and answer with its partition
      if (isWindowsSystem(found.partition) && asking) return whole;
      // C: is Windows itself: said as the system, so "keep my C: drive" keeps Windows and "format
      // C:" is the erase of one partition that holds Windows
      return isWindowsSystem(found.partition)
        ? `${lead || "the "}windows partition`
        : `${lead}${found.partition.path}`;
    },
  );
  return said === text ? text : said.replace(/[ \t]{2,}/g, " ").trim();
}

/** A verb or preposition that makes a letter after it a place to install or erase. */
const PLACING =
  /\b(?:install|put|use|format|reformat|wipe|erase|nuke|clear|on|onto|into|to|in|over)\s+(?:(?:the|my|drive)\s+)?$/i;

/**
 * "install on E:" where Windows would show no E: (or there is no Windows to give letters): a
 * letter the words still hold after sayDriveLetters is one this machine does not have, so no
 * reading of it is more than a guess. The decision becomes a question that names the disks and the
 * letters there are; nothing is planned or offered from that turn.
 */
export function screenUnknownLetter<D>(decision: D, text: string, facts: Facts): D | { reply: string } {
  // "what happens to my files on C:?": a question about a letter is answered elsewhere
  if (asksSentence(text) || /\?\s*$/.test(text)) return decision;
  const re = new RegExp(LETTER.source, "gi");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!PLACING.test(text.slice(0, m.index + (/^\s*(?:the|my)\s+/i.exec(m[0])?.[0].length ?? 0)))) continue;
    const letter = (m[1] ?? m[2] ?? "").toUpperCase();
    const known = driveLetters(facts);
    // "what happens to my files on C:?": a letter this machine has, left as said for a question
    if (known.some((l) => l.letter === letter.toLowerCase())) continue;
    const shown = known.length
      ? `Windows here would show ${known.map((l) => `${l.letter.toUpperCase()}: (${l.partition.path}${l.partition.label ? `, ${l.partition.label}` : ""})`).join(", ")}`
      : "no Windows partition here gives drive letters";
    const disks = facts.disks.filter((d) => !d.liveMedium);
    return {
      reply: `There is no ${letter}: on this machine (${shown}). Which disk do you mean: ${listTargets(disks)}?`,
    };
  }
  return decision;
}
