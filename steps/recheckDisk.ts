import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { execa } from "execa";
import { freeRegions, logicalFreeRegions, tableFromSfdisk } from "../facts/table.js";
import { type DiskIdentity, identityChanges, readDiskIdentity, wholeDiskProblems } from "./diskIdentity.js";
import { DISK_GONE_FIX, diskGoneProblem } from "./diskPresent.js";
import { describeBytes, formatSize } from "./size.js";
import type { CheckDiskAction } from "./step.js";

/**
 * The re-check right before the first write to a disk (issue 18): the facts the user confirmed
 * may be minutes old, or hand-written (`--facts`). Every difference is reported at once; any
 * difference stops the install before a byte is written.
 */

/** Where dracut's dmsquash-live and archiso mount the medium they booted from. */
const LIVE_MOUNTS = ["/run/initramfs/live", "/run/archiso/bootmnt"];

interface Node {
  name: string;
  path?: string | null;
  size?: number | string | null;
  serial?: string | null;
  mountpoints?: (string | null)[] | null;
  children?: Node[];
}

function flatten(n: Node): Node[] {
  return [n, ...(n.children ?? []).flatMap(flatten)];
}

const MTOOLS_ENV = { MTOOLS_SKIP_CHECK: "1" };

/** Problems with the disk now, compared with what the plan was confirmed for; empty: go ahead. */
export async function recheckDisk(
  a: CheckDiskAction,
  env?: Record<string, string>,
  /** The install's target: a partition mounted there was left by an earlier, interrupted install. */
  target?: string,
  /** The disk's identity when the install started: another medium behind the path is refused. */
  before?: DiskIdentity,
): Promise<string[]> {
  const problems: string[] = [];
  const ls = await execa("lsblk", ["--json", "--bytes", "-o", "NAME,PATH,SIZE,SERIAL,MOUNTPOINTS", a.disk], {
    env,
    reject: false,
  });
  const root =
    ls.exitCode === 0
      ? (JSON.parse(String(ls.stdout)) as { blockdevices: Node[] }).blockdevices[0]
      : undefined;
  // lsblk lists nothing for a detached loop device and fails for a vanished node: say which disk
  // went and what to do, not lsblk's exit code.
  if (!root) {
    const why =
      diskGoneProblem(a.disk, a.sizeBytes) ??
      `${a.disk} is not there any more (lsblk: ${String(ls.stderr).trim() || `exit ${ls.exitCode}`})`;
    return [`${why}; to go on: ${DISK_GONE_FIX}`];
  }
  const nodes = flatten(root);
  const size = Number(root.size ?? 0);
  if (size !== a.sizeBytes)
    problems.push(
      `${a.disk} has ${size} bytes now, the plan was confirmed for ${a.sizeBytes} bytes: it is not the same disk`,
    );
  const serial = root.serial?.trim() || undefined;
  if (a.serial && serial !== a.serial)
    problems.push(`${a.disk} has serial ${serial ?? "(none)"} now, the plan was confirmed for ${a.serial}`);
  // More than the path, size and serial (a loop device or a card reader has none): the whole
  // disk's signatures, its table id and a loop device's backing file (attacker 5, F5).
  const identity = await readDiskIdentity(a.disk, env);
  problems.push(...wholeDiskProblems(a.disk, identity));
  if (before) problems.push(...identityChanges(a.disk, before, identity));

  for (const n of nodes) {
    for (const m of (n.mountpoints ?? []).filter((x): x is string => !!x)) {
      if (LIVE_MOUNTS.some((l) => m === l || m.startsWith(`${l}/`)))
        problems.push(`${a.disk} is the medium the live system runs from (${n.path} on ${m})`);
      else if (m === "[SWAP]") problems.push(`${n.path} is in use as swap (swapoff ${n.path})`);
      else if (target && (m === target || m.startsWith(`${target}/`)))
        problems.push(
          `${n.path} is mounted on ${m}: the target is in use, left mounted by an earlier install that did not finish (umount -R ${target} first)`,
        );
      else problems.push(`${n.path} is mounted on ${m} (umount it first)`);
    }
  }
  const paths = new Set(nodes.map((n) => n.path ?? `/dev/${n.name}`));
  for (const line of readText("/proc/swaps").split("\n").slice(1)) {
    const dev = line.split(/\s+/)[0];
    if (!dev?.startsWith("/dev/")) continue;
    const real = safeRealpath(dev);
    if (
      (paths.has(dev) || paths.has(real)) &&
      !problems.some((p) => p.startsWith(`${dev} is in use as swap`))
    )
      problems.push(`${dev} is in use as swap (swapoff ${dev})`);
  }
  for (const n of nodes) {
    const holders = listDir(`/sys/class/block/${n.name}/holders`);
    if (holders.length)
      problems.push(
        `${n.path} is held by ${holders.join(", ")} (an open LUKS container, LVM or RAID: close it first)`,
      );
  }

  if (a.partitions || a.freeRegion) {
    const sf = await execa("sfdisk", ["--json", a.disk], { env, reject: false });
    const table = sf.exitCode === 0 ? tableFromSfdisk(JSON.parse(String(sf.stdout))) : undefined;
    const now = table?.partitions ?? [];
    if (a.partitions) {
      for (const want of a.partitions) {
        const have = now.find((p) => p.path === want.path);
        if (!have) problems.push(`${want.path} is gone (the plan keeps it or was confirmed with it)`);
        else if (
          have.sizeBytes !== want.sizeBytes ||
          (want.startBytes !== undefined && have.startBytes !== want.startBytes)
        )
          problems.push(
            `${want.path} moved or changed size: now ${have.sizeBytes} bytes at ${have.startBytes}, confirmed ${want.sizeBytes} bytes${want.startBytes !== undefined ? ` at ${want.startBytes}` : ""}`,
          );
      }
      for (const p of now)
        if (!a.partitions.some((w) => w.path === p.path))
          problems.push(
            `${p.path} (${formatSize(p.sizeBytes)}) appeared since the plan was confirmed${leftover(a, p)}`,
          );
    }
    if (a.freeRegion) {
      const r = a.freeRegion;
      const regions = !table
        ? []
        : r.logical
          ? logicalFreeRegions({ table: table.table, partitions: now })
          : (freeRegions({ sizeBytes: size, table: table.table, partitions: now }) ?? []);
      const fits = r.anywhere
        ? regions.some((f) => f.endBytes - f.startBytes >= r.endBytes - r.startBytes)
        : regions.some((f) => f.startBytes <= r.startBytes && f.endBytes >= r.endBytes);
      if (!fits) {
        const largest = regions[0];
        problems.push(
          `the free space the plan installs into (${describeBytes(r.endBytes - r.startBytes)} at ${r.startBytes}) is not unallocated on ${a.disk}; its largest free region now is ${largest ? describeBytes(largest.endBytes - largest.startBytes) : "none"}`,
        );
      }
    }
  }

  if (a.esp) problems.push(...(await recheckEsp(a.esp, env)));
  return problems;
}

async function recheckEsp(
  esp: NonNullable<CheckDiskAction["esp"]>,
  env?: Record<string, string>,
): Promise<string[]> {
  const problems: string[] = [];
  const mtEnv = { ...env, ...MTOOLS_ENV };
  const list = await execa("mdir", ["-i", esp.device, "-/", "-b", "::/"], { env: mtEnv, reject: false });
  if (list.exitCode !== 0 && !/not found/.test(String(list.stderr)))
    return [`cannot read the EFI system partition ${esp.device} (mdir: ${String(list.stderr).trim()})`];
  const have = new Set(
    String(list.stdout)
      .split("\n")
      .map((l) => l.trim().replace(/^::\//, "").toLowerCase()),
  );
  for (const f of esp.adds)
    if (have.has(f.toLowerCase()))
      problems.push(`${esp.device} already has ${f}; the install would replace another system's file`);
  // A file where the install needs a directory (a file named `loader` or `EFI/systemd`): mcopy
  // could only fail there, or replace it; neither may happen after the first write.
  for (const d of new Set(esp.adds.flatMap(dirsOf)))
    if (have.has(d.toLowerCase()))
      problems.push(
        `${esp.device} has a file ${d} where the install needs a directory; the install would replace another system's file`,
      );
  const info = await execa("mdir", ["-i", esp.device, "::/"], { env: mtEnv, reject: false });
  const m = /([\d ,.]+) bytes free/.exec(String(info.stdout));
  const free = m?.[1] ? Number(m[1].replace(/[ ,.]/g, "")) : undefined;
  if (free !== undefined && free < esp.roomBytes)
    problems.push(
      `the EFI system partition ${esp.device} has ${describeBytes(free)} free; the boot files need ${describeBytes(esp.roomBytes)}`,
    );
  return problems;
}

/**
 * A partition that appeared inside the free region the plan installs into is most likely what an
 * earlier, stopped run of this same plan created: say how to give the space back.
 */
function leftover(a: CheckDiskAction, p: { path: string; startBytes?: number }): string {
  const n = /(\d+)$/.exec(p.path)?.[1];
  const r = a.freeRegion;
  if (!r || !n || p.startBytes === undefined || p.startBytes < r.startBytes || p.startBytes >= r.endBytes)
    return "";
  return ` in the free space this plan installs into (an earlier, stopped run of it creates such a partition): if nothing of yours is on it, sfdisk --delete ${a.disk} ${n} gives the space back`;
}

/** Every directory an added path needs, from the ESP's root: `loader/entries/x.conf` → loader, loader/entries. */
function dirsOf(add: string): string[] {
  const parts = add.split("/").filter(Boolean);
  const dirs = add.endsWith("/") ? parts : parts.slice(0, -1);
  return dirs.map((_, i) => dirs.slice(0, i + 1).join("/"));
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
