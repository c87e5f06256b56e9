import { execa } from "execa";
import { z } from "zod";

/**
 * What says which medium sits behind a disk path, beyond the path itself (attacker 5, F5): a loop
 * device re-attached to another image, or a card swapped in a reader, keeps its path (and often
 * its size; neither has a serial), so the re-check before the first write compares these too.
 */
export interface DiskIdentity {
  /** Every signature on the whole disk (wipefs -n): partition tables and whole-disk filesystems. */
  signatures: { type: string; offset: string; uuid: string | null; label: string | null }[];
  /** The partition table's id (blkid -p PTUUID): a new table has a new id. */
  ptuuid?: string;
  /** A loop device's backing file and its inode: another image behind the same /dev/loopN. */
  loop?: { file: string; inode: number };
}

const WipefsSchema = z.object({
  signatures: z.array(
    z.object({
      offset: z.string(),
      type: z.string(),
      uuid: z.string().nullish(),
      label: z.string().nullish(),
    }),
  ),
});

const LosetupSchema = z.object({
  loopdevices: z.array(
    z.object({ name: z.string(), "back-file": z.string().nullish(), "back-ino": z.number().nullish() }),
  ),
});

/** The signature types that are a partition table, not something written over the whole disk. */
const TABLE_SIGNATURES = new Set(["gpt", "PMBR", "dos"]);

/** Reads the disk's identity; what a tool cannot tell is left out rather than guessed. */
export async function readDiskIdentity(disk: string, env?: Record<string, string>): Promise<DiskIdentity> {
  const wipe = await execa("wipefs", ["--no-act", "--json", disk], { env, reject: false });
  const text = String(wipe.stdout).trim();
  const parsed = wipe.exitCode === 0 && text ? WipefsSchema.safeParse(JSON.parse(text)) : undefined;
  const signatures = (parsed?.success ? parsed.data.signatures : []).map((s) => ({
    type: s.type,
    offset: s.offset,
    uuid: s.uuid ?? null,
    label: s.label ?? null,
  }));
  const blkid = await execa("blkid", ["-p", "-o", "export", disk], { env, reject: false });
  const ptuuid = /^PTUUID=(.+)$/m.exec(String(blkid.stdout))?.[1]?.trim();
  const id: DiskIdentity = { signatures, ...(ptuuid ? { ptuuid } : {}) };
  if (/^\/dev\/loop\d+$/.test(disk)) {
    const lo = await execa("losetup", ["--json", "--list", "--output", "NAME,BACK-FILE,BACK-INO", disk], {
      env,
      reject: false,
    });
    const l = lo.exitCode === 0 ? LosetupSchema.safeParse(JSON.parse(String(lo.stdout) || "{}")) : undefined;
    const dev = l?.success ? l.data.loopdevices.find((d) => d.name === disk) : undefined;
    if (dev?.["back-file"] && dev["back-ino"] != null)
      id.loop = { file: dev["back-file"].trim(), inode: dev["back-ino"] };
  }
  return id;
}

function describeSignature(s: DiskIdentity["signatures"][number]): string {
  return `${s.type}${s.label ? ` labelled "${s.label}"` : ""}${s.uuid ? ` (UUID ${s.uuid})` : ""}`;
}

/**
 * A filesystem, LUKS, LVM or RAID signature on the whole disk: facts only describe partitions, so
 * no plan was ever confirmed with it, and erasing it would destroy data nobody was shown.
 */
export function wholeDiskProblems(disk: string, now: DiskIdentity): string[] {
  return now.signatures
    .filter((s) => !TABLE_SIGNATURES.has(s.type))
    .map(
      (s) =>
        `${disk} now carries ${describeSignature(s)} on the whole disk, which the plan was not confirmed with: it may hold data (if nothing on it is yours: wipefs --all ${disk}, then start the install again)`,
    );
}

/** Every way the medium behind the path differs from the one the install started with. */
export function identityChanges(disk: string, before: DiskIdentity, now: DiskIdentity): string[] {
  const problems: string[] = [];
  const other = `another medium now sits behind ${disk}`;
  if (before.loop && now.loop && (before.loop.file !== now.loop.file || before.loop.inode !== now.loop.inode))
    problems.push(
      `${other}: its backing file is ${now.loop.file} (inode ${now.loop.inode}), the plan was confirmed for ${before.loop.file} (inode ${before.loop.inode})`,
    );
  else if (!!before.loop !== !!now.loop) problems.push(`${other}: the loop device was attached or detached`);
  if (before.ptuuid !== now.ptuuid)
    problems.push(
      `${other}: its partition table id is ${now.ptuuid ?? "(none)"}, the plan was confirmed for ${before.ptuuid ?? "(none)"}`,
    );
  const key = (s: DiskIdentity["signatures"][number]) =>
    `${s.type}@${s.offset}:${s.uuid ?? ""}:${s.label ?? ""}`;
  const had = new Set(before.signatures.map(key));
  const has = new Set(now.signatures.map(key));
  const appeared = now.signatures.filter((s) => !had.has(key(s)));
  const gone = before.signatures.filter((s) => !has.has(key(s)));
  if (appeared.length || gone.length)
    problems.push(
      `${other}: its signatures changed (${[
        ...appeared.map((s) => `now ${describeSignature(s)}`),
        ...gone.map((s) => `no longer ${describeSignature(s)}`),
      ].join("; ")})`,
    );
  return problems;
}
