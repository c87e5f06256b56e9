import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { describeSource, type PlanSource } from "./cmdline.js";

const run = promisify(execFile);

/** A plan file is a few kilobytes; anything this large is the wrong file. */
export const MAX_PLAN_BYTES = 1024 * 1024;

export class PlanSourceError extends Error {}

export interface FetchOptions {
  /**
   * How long to wait for the labelled volume or the HTTP server: at boot, disks and the network
   * appear a few seconds after the installer may start.
   */
  waitMs?: number;
  /** Between tries. */
  pollMs?: number;
  /** Where a labelled volume is mounted while the file is read (default a fresh dir in tmpdir). */
  mountBase?: string;
  onWait?: (line: string) => void;
  /** Told where the plan was read from once it is (which device carried the label). */
  onRead?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Every block device carrying `label`. blkid scans the devices itself (no udev needed); without
 * `-l` it lists all of them, not the first it meets.
 */
export async function devicesByLabel(label: string): Promise<string[]> {
  try {
    const r = await run("blkid", ["-c", "/dev/null", "-o", "device", "-t", `LABEL=${label}`]);
    return oneMediumEach(r.stdout.trim().split("\n").filter(Boolean));
  } catch {
    return []; // blkid exits 2 when nothing matches
  }
}

/**
 * An ISO written to a stick shows its label twice, on the disk and on the partition inside it:
 * one medium, kept as the whole disk. Two disks, or two partitions, are two volumes.
 */
export function oneMediumEach(
  devices: string[],
  parentOf: (dev: string) => string | null = parentDisk,
): string[] {
  const set = new Set(devices);
  return devices.filter((d) => {
    const parent = parentOf(d);
    return parent === null || !set.has(parent);
  });
}

/** The whole disk a partition's device belongs to (`/dev/sdb` for `/dev/sdb1`), from sysfs; null for a disk. */
function parentDisk(dev: string): string | null {
  try {
    const sys = realpathSync(`/sys/class/block/${basename(realpathSync(dev))}`);
    if (!existsSync(join(sys, "partition"))) return null;
    return `/dev/${basename(dirname(sys))}`;
  } catch {
    return null;
  }
}

/** The one block device carrying `label`, or null; several are refused, naming each. */
export async function deviceByLabel(label: string): Promise<string | null> {
  const all = await devicesByLabel(label);
  if (all.length > 1)
    throw new PlanSourceError(
      `${all.length} volumes are labelled ${label} (${all.join(", ")}), so the plan is read from none of them: ` +
        "detach the one not meant for this machine, or give the plan volume a label of its own and name it in levitate.plan=",
    );
  return all[0] ?? null;
}

function checkSize(bytes: number, where: string): void {
  if (bytes > MAX_PLAN_BYTES)
    throw new PlanSourceError(
      `${where} is ${bytes} bytes, more than a plan file's ${MAX_PLAN_BYTES}: check the path`,
    );
}

/** What a failed stat or realpath of the plan's path means, in words. */
function notReadable(e: unknown, where: string): PlanSourceError {
  switch ((e as NodeJS.ErrnoException).code) {
    case "ELOOP":
      return new PlanSourceError(
        `${where} is a link loop (links that lead back to themselves): put the plan file itself there`,
      );
    case "EACCES":
      return new PlanSourceError(`${where} cannot be read (permission denied)`);
    case "ENOENT":
    case "ENOTDIR":
      return new PlanSourceError(`${where} does not exist: check the path (it is case-sensitive)`);
    default:
      return new PlanSourceError(`${where} cannot be read: ${(e as Error).message}`);
  }
}

function readLocal(path: string, where: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new PlanSourceError(`${where} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof PlanSourceError) throw e;
    throw notReadable(e, where);
  }
  checkSize(size, where);
  return readFileSync(path, "utf8");
}

/**
 * Read-only and inert: nothing on the plan volume is executed, no device node or setuid bit on it
 * means anything, and an ext3/ext4 journal is not replayed (`ro` alone still replays a dirty
 * one, writing to the volume).
 */
export async function planMountOptions(device: string): Promise<string> {
  let type = "";
  try {
    type = (await run("blkid", ["-c", "/dev/null", "-o", "value", "-s", "TYPE", device])).stdout.trim();
  } catch {
    // Unknown: mount probes it; the options below suit every filesystem.
  }
  return `ro,nosuid,nodev,noexec${/^ext[34]$/.test(type) ? ",noload" : ""}`;
}

/**
 * The plan's path on the mounted volume, its links followed, refused when it leads off the volume:
 * `..` is refused in the written path, and a link (`plan.json -> /etc/shadow`) must not do what
 * `..` may not.
 */
function insideVolume(mnt: string, path: string, where: string): string {
  const file = join(mnt, path);
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return file; // readLocal says so
    throw notReadable(e, where);
  }
  const root = realpathSync(mnt);
  if (!real.startsWith(`${root}/`))
    throw new PlanSourceError(
      `${where} is a link that leads off the volume: put the plan file itself on the volume`,
    );
  return real;
}

async function fromLabel(s: Extract<PlanSource, { kind: "label" }>, o: FetchOptions): Promise<string> {
  const deadline = Date.now() + (o.waitMs ?? 30_000);
  let device = await deviceByLabel(s.label);
  if (!device) o.onWait?.(`waiting for a volume labelled ${s.label}…`);
  while (!device && Date.now() < deadline) {
    await sleep(o.pollMs ?? 1000);
    device = await deviceByLabel(s.label);
  }
  if (!device)
    throw new PlanSourceError(
      `no volume labelled ${s.label} appeared within ${Math.round((o.waitMs ?? 30_000) / 1000)} s: attach the disk or ISO that holds the plan, or check its label (blkid)`,
    );
  const mnt = mkdtempSync(join(o.mountBase ?? tmpdir(), "levitate-plan-"));
  try {
    try {
      await run("mount", ["-o", await planMountOptions(device), device, mnt]);
    } catch (e) {
      const err = e as { stderr?: string };
      throw new PlanSourceError(
        `cannot mount ${device} (label ${s.label}) read-only: ${String(err.stderr ?? e).trim()}`,
      );
    }
    try {
      const where = `${s.path} on ${device} (label ${s.label})`;
      const text = readLocal(insideVolume(mnt, s.path, where), where);
      o.onRead?.(`read the plan from ${where}`);
      return text;
    } finally {
      await run("umount", [mnt]).catch(() => run("umount", ["-l", mnt]).catch(() => {}));
    }
  } finally {
    try {
      rmdirSync(mnt);
    } catch {
      // still mounted after a failed umount: leave the empty directory rather than hide the error
    }
  }
}

async function fromUrl(url: string, o: FetchOptions): Promise<string> {
  const deadline = Date.now() + (o.waitMs ?? 30_000);
  let lastError = "";
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: "follow" });
      if (!res.ok) {
        // The server answered: waiting will not change a 404.
        throw new PlanSourceError(
          `${url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`,
        );
      }
      const length = Number(res.headers.get("content-length") ?? "0");
      if (length) checkSize(length, url);
      // Counted as it streams: a body without Content-Length is never held past the cap.
      const chunks: Uint8Array[] = [];
      let got = 0;
      for await (const chunk of res.body ?? []) {
        got += chunk.length;
        if (got > MAX_PLAN_BYTES) {
          await res.body?.cancel().catch(() => {});
          throw new PlanSourceError(
            `${url} sent more than a plan file's ${MAX_PLAN_BYTES} bytes: check the URL`,
          );
        }
        chunks.push(chunk);
      }
      return Buffer.concat(chunks, got).toString("utf8");
    } catch (e) {
      if (e instanceof PlanSourceError) throw e;
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      lastError = cause?.code ?? cause?.message ?? (e as Error).message;
      if (Date.now() >= deadline)
        throw new PlanSourceError(
          `cannot fetch ${url}: ${lastError} (tried ${attempt + 1} times in ${Math.round((o.waitMs ?? 30_000) / 1000)} s): check the network and the server`,
        );
      if (attempt === 0) o.onWait?.(`waiting for ${url} (${lastError})…`);
      await sleep(o.pollMs ?? 2000);
    }
  }
}

/** The plan file's text from where the kernel command line says it is. */
export async function fetchPlan(source: PlanSource, o: FetchOptions = {}): Promise<string> {
  switch (source.kind) {
    case "label":
      return fromLabel(source, o);
    case "url":
      return fromUrl(source.url, o);
    case "file":
      return readLocal(source.path, describeSource(source));
  }
}
