import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { atomicCopyFileSync } from "../steps/atomicWrite.js";
import { isAbsent, whyUnreachable } from "../steps/pathProblem.js";
import { FETCH_CHILD_SOURCE } from "./fetch-child.js";
import { privateSourceReason } from "./publicSource.js";

export type HashAlgo = "sha256" | "sha512";
export interface Checksum {
  algo: HashAlgo;
  hex: string;
}

const HEX_LEN: Record<HashAlgo, number> = { sha256: 64, sha512: 128 };

/** Parses `sha256:HEX` / `sha512:HEX`; a bare 64-hex string is taken as sha256. */
export function parseChecksum(text: string): Checksum {
  const m = /^(?:(sha256|sha512):)?([0-9a-fA-F]+)$/.exec(text.trim());
  const algo = (m?.[1] ?? "sha256") as HashAlgo;
  if (!m || m[2]!.length !== HEX_LEN[algo]) {
    throw new Error(
      `bad checksum "${text}": write sha256:<64 hex digits> or sha512:<128 hex digits>, or leave it out`,
    );
  }
  return { algo, hex: m[2]!.toLowerCase() };
}

export function formatChecksum(c: Checksum): string {
  return `${c.algo}:${c.hex}`;
}

/** Hashes a file synchronously in 1 MiB chunks (helpers are synchronous). */
export function hashFileSync(path: string, algo: HashAlgo): string {
  const h = createHash(algo);
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

export interface DownloadConfig {
  /** Downloads verified by checksum are kept here, named by checksum. */
  cacheDir: string;
  /** Local directories (searched recursively by file name) or base URLs, tried before the URL. */
  mirrors: string[];
  /** Byte progress on stderr. */
  progress: boolean;
  /** Attempts after the first; each resumes where the last stopped. */
  retries: number;
  /** Give up on a connection that sends nothing for this long. */
  idleMs: number;
  /** The most bytes one download may have (the recipe's pkg.max_size_mib, else the default). */
  maxBytes?: number;
  /** Give up on one download, retries included, after this long. */
  deadlineMs?: number;
}

/** No download is larger than this unless its recipe says so (pkg.max_size_mib). */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 2 * 1024 ** 3;
/** A download that takes longer than this (all attempts together) is given up. */
export const DEFAULT_DOWNLOAD_DEADLINE_MS = 30 * 60_000;

export const defaultDownloadConfig = (cacheDir: string): DownloadConfig => ({
  cacheDir,
  mirrors: [],
  progress: false,
  retries: 1,
  idleMs: 60_000,
  maxBytes: DEFAULT_MAX_DOWNLOAD_BYTES,
  deadlineMs: DEFAULT_DOWNLOAD_DEADLINE_MS,
});

const mib = (n: number) => `${Math.round(n / 1024 ** 2)} MiB`;

export type DownloadSource =
  | { kind: "cache"; path: string }
  | { kind: "mirror"; location: string }
  | {
      kind: "network";
      url: string;
    };

export interface DownloadResult {
  path: string;
  source: DownloadSource;
  /** The checksum actually computed (sha256 unless the recipe asked for sha512). */
  checksum: Checksum;
  /** Set for `rpm:NAME` downloads: the file name found in the mirror. */
  resolvedName?: string;
}

export class DownloadError extends Error {
  override name = "DownloadError";
}

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

/** The file name a download is saved as: the URL's last path segment, without query. */
export function fileNameOf(url: string): string {
  if (url.startsWith("rpm:")) return url.slice(4);
  const path = isUrl(url) ? new URL(url).pathname : url;
  const name = decodeURIComponent(basename(path));
  if (!name || name === "." || name === ".." || name.includes("/")) {
    throw new DownloadError(`cannot tell a file name from "${url}"; give a URL ending in a file name`);
  }
  return name;
}

const mirrorIndexes = new Map<string, Map<string, string>>();

/** File name → path for every file below a local mirror directory (depth ≤ 4), built once. */
export function mirrorIndex(dir: string): Map<string, string> {
  let idx = mirrorIndexes.get(dir);
  if (idx) return idx;
  idx = new Map();
  const walk = (d: string, depth: number) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory() && depth < 4) walk(p, depth + 1);
      else if (e.isFile() && !idx!.has(e.name)) idx!.set(e.name, p);
    }
  };
  walk(dir, 0);
  mirrorIndexes.set(dir, idx);
  return idx;
}

/** Forget cached mirror listings (tests create mirrors on the fly). */
export function clearMirrorIndexes(): void {
  mirrorIndexes.clear();
}

const RPM_NAME = /^(.+)-([^-]+)-([^-]+)\.([^.]+)\.rpm$/;

/** Splits `name-version-release.arch.rpm`. */
export function parseRpmFileName(file: string) {
  const m = RPM_NAME.exec(file);
  if (!m) return undefined;
  return { name: m[1]!, version: m[2]!, release: m[3]!, arch: m[4]! };
}

/**
 * Finds package NAME's RPM in the local mirrors (the live ISO's repository): for `rpm:NAME`
 * downloads, which name a package rather than a file because the ISO's build picks the exact
 * version. The newest by file name wins when a mirror holds several.
 */
export function findRpmInMirrors(name: string, mirrors: string[], arch: string): string | undefined {
  for (const m of mirrors) {
    if (isUrl(m)) continue;
    const hits = [...mirrorIndex(m).entries()]
      .filter(([f]) => {
        const p = parseRpmFileName(f);
        return p?.name === name && (p.arch === arch || p.arch === "noarch");
      })
      .sort(([a], [b]) => b.localeCompare(a, undefined, { numeric: true }));
    if (hits[0]) return hits[0][1];
  }
  return undefined;
}

/** Where a download would come from, without fetching anything: what --dry-run shows. */
export function plannedSources(
  url: string,
  checksum: Checksum | undefined,
  cfg: DownloadConfig,
  arch: string,
): string[] {
  const out: string[] = [];
  if (checksum) {
    const cached = join(cfg.cacheDir, checksum.algo, checksum.hex);
    if (existsSync(cached)) return [`cache ${cached}`];
  }
  if (url.startsWith("rpm:")) {
    const hit = findRpmInMirrors(url.slice(4), cfg.mirrors, arch);
    return hit ? [`mirror ${hit}`] : [];
  }
  const name = fileNameOf(url);
  for (const m of cfg.mirrors) {
    if (isUrl(m)) out.push(`mirror ${m.replace(/\/+$/, "")}/${encodeURIComponent(name)}`);
    else {
      const hit = mirrorIndex(m).get(name);
      if (hit) out.push(`mirror ${hit}`);
    }
  }
  out.push(`network ${url}`);
  return out;
}

function fetchToPart(url: string, part: string, name: string, cfg: DownloadConfig): string | undefined {
  const deadlineMs = cfg.deadlineMs ?? DEFAULT_DOWNLOAD_DEADLINE_MS;
  const res = spawnSync(process.execPath, ["-e", FETCH_CHILD_SOURCE], {
    env: {
      ...process.env,
      RECIPE_FETCH_JOB: JSON.stringify({
        url,
        part,
        name,
        progress: cfg.progress,
        retries: cfg.retries,
        idleMs: cfg.idleMs,
        maxBytes: cfg.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES,
        deadlineMs,
        // The child watches this pid: the parent blocks in spawnSync and cannot forward a
        // SIGTERM, so the child ends itself when the parent is gone.
        parentPid: process.pid,
      }),
    },
    stdio: ["ignore", "pipe", cfg.progress ? "inherit" : "ignore"],
    encoding: "utf8",
    maxBuffer: 1 << 20,
    // A backstop: the child keeps the deadline itself and says so.
    timeout: deadlineMs + 10_000,
    killSignal: "SIGKILL",
  });
  const line = (res.stdout ?? "").trim().split("\n").pop() ?? "";
  try {
    const answer = JSON.parse(line) as { ok: boolean; error?: string };
    return answer.ok ? undefined : (answer.error ?? "unknown error");
  } catch {
    return `downloader exited with ${res.status ?? res.signal}${res.error ? ` (${res.error.message})` : ""}`;
  }
}

/** Copies into the cache atomically, so a reader never sees half a file under a checksum name. */
function addToCache(file: string, c: Checksum, cfg: DownloadConfig): void {
  const dir = join(cfg.cacheDir, c.algo);
  mkdirSync(dir, { recursive: true });
  const final = join(dir, c.hex);
  if (existsSync(final)) return;
  atomicCopyFileSync(file, final, { mode: 0o644 });
}

/**
 * Fetches `url` into `destDir`, trying in order: the cache (by checksum), each mirror, the URL.
 * A candidate whose checksum does not match is discarded and the next source is tried; the
 * error names every source and why it failed. Synchronous (see fetch-child.ts).
 */
export function downloadSync(
  url: string,
  checksum: Checksum | undefined,
  destDir: string,
  cfg: DownloadConfig,
  arch: string,
): DownloadResult {
  mkdirSync(destDir, { recursive: true });
  const algo: HashAlgo = checksum?.algo ?? "sha256";
  const failures: string[] = [];
  let resolvedName: string | undefined;
  let name = fileNameOf(url);
  const dest = () => join(destDir, name);

  const maxBytes = cfg.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const accept = (candidate: string, source: DownloadSource, copy: boolean): DownloadResult | undefined => {
    const size = sizeOf(candidate) ?? 0;
    if (size > maxBytes) {
      failures.push(
        `${describe(source)}: ${mib(size)} is more than the ${mib(maxBytes)} a download may have (raise pkg.max_size_mib)`,
      );
      if (!copy) rmSync(candidate, { force: true });
      return undefined;
    }
    const got = hashFileSync(candidate, algo);
    if (checksum && got !== checksum.hex) {
      failures.push(`${describe(source)}: checksum mismatch (expected ${checksum.hex}, got ${got})`);
      if (!copy) rmSync(candidate, { force: true });
      return undefined;
    }
    if (copy) copyFileSync(candidate, dest());
    else if (candidate !== dest()) renameSync(candidate, dest());
    const c = { algo, hex: got };
    if (checksum) addToCache(dest(), c, cfg);
    return { path: dest(), source, checksum: c, ...(resolvedName ? { resolvedName } : {}) };
  };

  if (checksum) {
    const cached = join(cfg.cacheDir, checksum.algo, checksum.hex);
    if (existsSync(cached)) {
      const r = accept(cached, { kind: "cache", path: cached }, true);
      if (r) return r;
    }
  }

  if (url.startsWith("rpm:")) {
    const hit = findRpmInMirrors(url.slice(4), cfg.mirrors, arch);
    if (!hit) {
      throw new DownloadError(
        `no mirror holds an RPM of package "${url.slice(4)}" for ${arch}; pass --mirror DIR (or RECIPE_MIRRORS) ` +
          `naming the live ISO's package repository`,
      );
    }
    name = basename(hit);
    resolvedName = name;
    const r = accept(hit, { kind: "mirror", location: hit }, true);
    if (r) return r;
    throw downloadFailed(url, failures);
  }

  for (const m of cfg.mirrors) {
    if (isUrl(m)) {
      const location = `${m.replace(/\/+$/, "")}/${encodeURIComponent(name)}`;
      const part = `${dest()}.part`;
      rmSync(part, { force: true });
      const err = fetchToPart(location, part, name, { ...cfg, retries: 0 });
      if (err) {
        rmSync(part, { force: true });
        failures.push(`mirror ${location}: ${err}`);
        continue;
      }
      const r = accept(part, { kind: "mirror", location }, false);
      if (r) return r;
    } else {
      const hit = mirrorIndex(m).get(name);
      if (!hit) continue;
      const r = accept(hit, { kind: "mirror", location: hit }, true);
      if (r) return r;
    }
  }

  if (url.startsWith("file://")) {
    const p = fileURLToPath(url);
    try {
      statSync(p);
    } catch (e) {
      throw new DownloadError(
        isAbsent(e) ? `${url}: no such file` : `${url}: the file ${whyUnreachable(p, e)}`,
      );
    }
    const secret = privateSourceReason(p);
    if (secret)
      throw new DownloadError(
        `${url}: ${secret}; a recipe's copy is installed readable by everyone and kept in the download cache, ` +
          "so a local source must already be public: copy it somewhere anyone may read, or serve it from a --mirror",
      );
    const r = accept(p, { kind: "network", url }, true);
    if (r) return r;
  } else if (isUrl(url)) {
    // A .part left by an earlier interrupted run is resumed (Range request), not refetched.
    const part = `${dest()}.part`;
    const err = fetchToPart(url, part, name, cfg);
    if (err) {
      failures.push(`${url}: ${err}`);
    } else {
      const r = accept(part, { kind: "network", url }, false);
      if (r) return r;
    }
  } else {
    failures.push(`"${url}" is not a URL (expected https://…, http://…, file://… or rpm:NAME)`);
  }
  throw downloadFailed(url, failures);
}

/** One line when one source was tried; the list of sources and why each failed otherwise. */
function downloadFailed(url: string, failures: string[]): DownloadError {
  if (failures.length === 1) {
    const only = failures[0]!;
    return new DownloadError(
      `cannot download ${url}: ${only.startsWith(`${url}: `) ? only.slice(url.length + 2) : only}`,
    );
  }
  return new DownloadError(`download of ${url} failed:\n  ${failures.join("\n  ")}`);
}

function describe(s: DownloadSource): string {
  if (s.kind === "cache") return `cache ${s.path}`;
  if (s.kind === "mirror") return `mirror ${s.location}`;
  return s.url;
}

/** Size of a file, or undefined. */
export function sizeOf(p: string): number | undefined {
  try {
    return statSync(p).size;
  } catch {
    return undefined;
  }
}
