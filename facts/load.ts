import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { z } from "zod";
import { safeLines, safeText } from "../steps/terminalText.js";
import { JsonSyntaxError, parseJson } from "./jsonError.js";
import { inferLiveMedium } from "./liveMedium.js";
import { type Facts, FactsSchema } from "./schema.js";

export class FactsFileError extends Error {}

/** A plan or facts file is a few kilobytes; the same cap as `levitate.plan=` (agent/unattended). */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** An input file that is not one: a device, a FIFO, a directory, or far too large. */
export class InputFileError extends Error {}

/**
 * Reads a small input file given on the command line (--plan, --facts), refusing before reading
 * anything that is not a regular file (`/dev/zero`, a FIFO that would block) or is over
 * {@link MAX_INPUT_FILE_BYTES}: such a path is a mistake, and reading it whole would grow memory
 * until the process is killed. At most the cap plus one byte is ever read, so a file that grows
 * after the check is refused too.
 */
export function readInputFile(path: string, what: string, maxBytes = MAX_INPUT_FILE_BYTES): string {
  // The name reaches a terminal: an ESC or a newline in it must not recolour or forge a line.
  const shown = safeText(path);
  const tooBig = (n: number) =>
    new InputFileError(`${what} ${shown} is ${n} bytes, more than a ${what}'s ${maxBytes}: check the path`);
  const st = statSync(path);
  if (!st.isFile())
    throw new InputFileError(`${what} ${shown} is not a regular file: give the path of a JSON file`);
  if (st.size > maxBytes) throw tooBig(st.size);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile())
      throw new InputFileError(`${what} ${shown} is not a regular file: give the path of a JSON file`);
    // The file's size plus one byte (a file that grew is noticed), never more than the cap plus one.
    const buf = Buffer.alloc(Math.min(Math.max(st.size, 64 * 1024), maxBytes) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null);
    if (n > maxBytes) throw tooBig(n);
    if (n === buf.length) throw new InputFileError(`${what} ${shown} grew while it was read: try again`);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** `--facts file.json`: replaces the probe, validated with the same schema. */
export function loadFactsFile(path: string): Facts {
  let raw: unknown;
  try {
    raw = parseJson(readInputFile(path, "facts file"), path);
  } catch (e) {
    // Node's own messages (ENOENT, ELOOP) quote the path as it is: every message shown escaped.
    throw new FactsFileError(
      e instanceof JsonSyntaxError
        ? `facts file ${safeText(e.message)}`
        : e instanceof InputFileError
          ? e.message
          : `cannot read facts file ${safeText(path)}: ${safeText((e as Error).message)}`,
    );
  }
  const r = FactsSchema.safeParse(raw);
  if (!r.success) {
    throw new FactsFileError(
      `facts file ${safeText(path)} is not valid (see CONTRACTS §4 for the format):\n${safeLines(z.prettifyError(r.error))}`,
    );
  }
  const problems = diskProblems(r.data);
  if (problems.length > 0) {
    throw new FactsFileError(
      `facts file ${safeText(path)} describes disks that cannot exist:\n${problems.map((p) => `  ${safeText(p)}`).join("\n")}`,
    );
  }
  return inferLiveMedium(r.data);
}

/**
 * What no probe of a real machine reports: two disks (or partitions) of one path, whose plan
 * would aim at whichever comes first; a partition reaching past the end of its disk, or lying
 * over another; more free space than the disk has room for (a plan sized from it writes a
 * region that is not there: the chat said 900 GB free on a 100 GB disk); a partition whose
 * kernel name is another listed disk's (keeping /dev/sdb1 "on /dev/sda" named the wrong disk);
 * a partition mounted on a disk said not to be mounted (the mounted-disk refusal reads the disk).
 * Hand-written facts are checked for them; the run's re-check of the real disk comes too late
 * for the confirmation, which shows these facts (attacker 7, L6; attacker 12, #6).
 */
export function diskProblems(facts: Pick<Facts, "disks">): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const twice = (path: string, what: string) => {
    if (seen.has(path)) out.push(`${path} is listed twice (${what}): each device path names one device`);
    seen.add(path);
  };
  for (const d of facts.disks) {
    twice(d.path, "as a disk");
    const parts = d.partitions ?? [];
    let used = 0;
    for (const p of parts) {
      twice(p.path, "as a partition");
      // an MBR extended partition holds the logical ones: its bytes are theirs, counted once
      if (!isExtended(p)) used += p.sizeBytes;
      const end = (p.startBytes ?? 0) + p.sizeBytes;
      if (end > d.sizeBytes)
        out.push(
          `partition ${p.path} (${p.startBytes !== undefined ? `bytes ${p.startBytes} to ${end}` : `${p.sizeBytes} bytes`}) does not fit on ${d.path} (${d.sizeBytes} bytes)`,
        );
      const owner = facts.disks.find((o) => o !== d && isPartitionName(o.path, p.path));
      if (owner && !isPartitionName(d.path, p.path))
        out.push(
          `partition ${p.path} is listed under ${d.path}, but its name is a partition of ${owner.path}`,
        );
      if (p.mountpoint && !d.mounted)
        out.push(`partition ${p.path} is mounted at ${p.mountpoint}, but ${d.path} says "mounted": false`);
    }
    out.push(...overlaps(d.path, parts));
    // 1% of slack: hand-written facts round sizes ("500GB"); the run re-checks the real disk.
    if (d.freeBytes !== undefined && d.freeBytes + used > d.sizeBytes * 1.01)
      out.push(
        `${d.path} has ${d.freeBytes} free bytes beside ${used} bytes of partitions, more than its ${d.sizeBytes} bytes`,
      );
  }
  return out;
}

/** An MBR extended partition (type 5, f or 85): a container that logical partitions lie inside. */
function isExtended(p: { type?: string }): boolean {
  return /^(?:0x)?(?:5|0?f|85)$/i.test(p.type ?? "");
}

/** /dev/sda1 of /dev/sda, /dev/nvme0n1p2 of /dev/nvme0n1: the kernel's naming of partitions. */
function isPartitionName(disk: string, part: string): boolean {
  if (!part.startsWith(disk)) return false;
  const rest = part.slice(disk.length);
  return /\d$/.test(disk) ? /^p\d+$/.test(rest) : /^\d+$/.test(rest);
}

function overlaps(
  disk: string,
  parts: readonly { path: string; sizeBytes: number; startBytes?: number; type?: string }[],
): string[] {
  const placed = parts
    .filter(
      (p): p is typeof p & { startBytes: number } =>
        p.startBytes !== undefined && p.sizeBytes > 0 && !isExtended(p),
    )
    .sort((a, b) => a.startBytes - b.startBytes);
  const out: string[] = [];
  for (let i = 1; i < placed.length; i++) {
    const a = placed[i - 1];
    const b = placed[i];
    if (a && b && b.startBytes < a.startBytes + a.sizeBytes)
      out.push(
        `partitions ${a.path} and ${b.path} of ${disk} overlap (${b.path} starts at byte ${b.startBytes}, inside ${a.path})`,
      );
  }
  return out;
}
