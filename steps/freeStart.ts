import { execa } from "execa";
import { freeRegions, type PartitionTable, tableFromSfdisk } from "../facts/table.js";
import { describeBytes } from "./size.js";

const MiB = 1024 ** 2;
const FREE_START_RE = /\{\{freestart:([^:}]+):(\d+):(\d+)\}\}/g;

/** A disk's size and table as the disk says now. */
export type TableReader = (disk: string) => Promise<{ sizeBytes: number; table: PartitionTable }>;

/**
 * Fills `{{freestart:DISK:BYTES:OFFSET}}` in an sfdisk script (tester 24 W6): the facts gave the
 * size of the free space but not where it is, so its place is read from the disk itself, right
 * before the table is written. The largest free region is taken, by the same rule the probe's
 * `freeBytes` measures (facts/table.ts); a region smaller than BYTES stops the step before sfdisk
 * runs, so nothing is written. Every placeholder of one disk gets the same region.
 */
export async function fillFreeStarts(
  text: string,
  read: TableReader,
  fail: (message: string) => Error,
): Promise<string> {
  const found = [...text.matchAll(FREE_START_RE)];
  if (!found.length) return text;
  const starts = new Map<string, number>();
  let out = text;
  for (const m of found) {
    const [whole, disk, bytes, offset] = m as unknown as [string, string, string, string];
    let start = starts.get(disk);
    if (start === undefined) {
      start = await regionStart(disk, Number(bytes), read, fail);
      starts.set(disk, start);
    }
    out = out.replace(whole, `${start / MiB + Number(offset)}MiB`);
  }
  return out;
}

async function regionStart(
  disk: string,
  bytes: number,
  read: TableReader,
  fail: (message: string) => Error,
): Promise<number> {
  let now: Awaited<ReturnType<TableReader>>;
  try {
    now = await read(disk);
  } catch (e) {
    throw fail(`cannot read ${disk}'s partition table (${(e as Error).message}): nothing was written`);
  }
  const regions =
    freeRegions({ sizeBytes: now.sizeBytes, table: now.table.table, partitions: now.table.partitions }) ?? [];
  const largest = regions[0];
  if (!largest || largest.endBytes - largest.startBytes < bytes)
    throw fail(
      `${disk}'s largest free region is ${largest ? describeBytes(largest.endBytes - largest.startBytes) : "none"}; the new partitions need ${describeBytes(bytes)}: nothing was written`,
    );
  return largest.startBytes;
}

/** The reader the executor uses: blockdev for the size, sfdisk --json for the table. */
export function diskTableReader(env: Record<string, string> | undefined): TableReader {
  return async (disk) => {
    const size = await execa("blockdev", ["--getsize64", disk], { env, reject: false });
    const sf = await execa("sfdisk", ["--json", disk], { env, reject: false });
    if (size.exitCode !== 0 || sf.exitCode !== 0) throw new Error("blockdev or sfdisk --json failed");
    return {
      sizeBytes: Number(String(size.stdout).trim()),
      table: tableFromSfdisk(JSON.parse(String(sf.stdout))),
    };
  };
}
