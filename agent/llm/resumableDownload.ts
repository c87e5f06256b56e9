/**
 * One HTTP file into `<dest>.part`, resumable across runs, then renamed to `<dest>`.
 *
 * Why not node-llama-cpp's downloader (ipull 3.9.5): it records progress only per completed
 * 5 MiB chunk (the chunk size is not exposed through node-llama-cpp), so whatever arrived of the
 * unfinished chunk, or a whole partial file under 5 MiB, is fetched again; and it never validates
 * the partial file against the server (no If-Range, no ETag comparison), so a file replaced on the
 * server between two runs is stitched from both versions and only the final checksum notices.
 *
 * Here: every byte written is kept. Next to the `.part` file, `<dest>.part.json` records what it
 * is a prefix of (URL, the server's identity for the content, size, and the validator for
 * If-Range). A later run (or a retry after a broken transfer) asks for `Range: bytes=N-` with
 * `If-Range`, and takes a 206 that starts at N as the continuation; a 200 (the server ignores
 * ranges, or the content changed) is written from the start instead. When the identity the server
 * now reports differs from the recorded one, the partial file is dropped before asking.
 * The SHA-256 is computed while writing (the kept prefix is hashed once when resuming).
 */
import { createHash, type Hash } from "node:crypto";
import {
  constants,
  createReadStream,
  existsSync,
  lstatSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { open } from "node:fs/promises";
import lockfile from "proper-lockfile";
import { z } from "zod";
import { writeFileNoFollow } from "../files/noFollowWrite.js";

export interface RemoteIdentity {
  /** The content's identity: Hugging Face's X-Linked-Etag (the LFS SHA-256), else the ETag. */
  id?: string;
  size?: number;
}

export interface DownloadOptions {
  url: string;
  dest: string;
  /** What the server says about the file now (a HEAD before the transfer). */
  remote: RemoteIdentity;
  /** Attempts within this run after a broken transfer (each resumes). Default 3. */
  retries?: number;
  retryDelayMs?: number;
  headers?: Record<string, string>;
  /** Checked before the rename: a mismatch keeps `<dest>.part` (complete) and throws. */
  expectedSha256?: string;
  onProgress?: (done: number, total: number) => void;
  /** Why a partial file was not continued ("the file changed on the server", ...). */
  onNote?: (line: string) => void;
  /** A server that sends nothing (no headers, no next chunk) this long breaks the transfer; default 60 s. */
  idleTimeoutMs?: number;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * An abort signal that fires when `touch` has not been called for `ms` (attack3 M5: a server that
 * accepted the connection and never answered kept the pull silent for good). The error names the wait.
 */
function idleSignal(ms: number): { signal: AbortSignal; touch: () => void; stop: () => void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => controller.abort(new Error(`the server sent nothing for ${Math.round(ms / 1000)} s`)),
      ms,
    );
  };
  touch();
  return { signal: controller.signal, touch, stop: () => clearTimeout(timer) };
}

export interface DownloadResult {
  path: string;
  sha256: string;
  bytes: number;
  /** Bytes that were already there from an earlier run. */
  resumedFrom: number;
}

export class DownloadError extends Error {}

export class ChecksumError extends DownloadError {
  constructor(
    readonly part: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `checksum mismatch for ${part}: expected ${expected}, got ${actual}. ` +
        "The file is kept under that name; if the expected checksum is right, delete it and pull again.",
    );
  }
}

const PartMeta = z.object({
  url: z.string(),
  id: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  /** A strong ETag or a Last-Modified date of the response the bytes came from, for If-Range. */
  validator: z.string().optional(),
});
type PartMeta = z.infer<typeof PartMeta>;

function readMeta(path: string): PartMeta | undefined {
  try {
    const r = PartMeta.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** If-Range needs a strong validator: a strong ETag, else Last-Modified. */
function validatorOf(res: Response): string | undefined {
  const etag = res.headers.get("etag");
  if (etag && !etag.startsWith("W/")) return etag;
  return res.headers.get("last-modified") ?? undefined;
}

async function hashPrefix(path: string, bytes: number): Promise<Hash> {
  const h = createHash("sha256");
  if (bytes > 0)
    for await (const chunk of createReadStream(path, { end: bytes - 1 })) h.update(chunk as Buffer);
  return h;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function downloadResumable(opts: DownloadOptions): Promise<DownloadResult> {
  const part = `${opts.dest}.part`;
  // Two pulls appending to one .part file would interleave their bytes. The transfer never blocks
  // the event loop, so proper-lockfile's mtime heartbeat stays fresh; a killed pull's lock goes
  // stale after 30 s.
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(part, { realpath: false, stale: 30_000, update: 5_000 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ELOCKED")
      throw new DownloadError(
        `another pull is downloading ${part} (lock ${part}.lock); wait for it to finish`,
      );
    throw e;
  }
  try {
    return await downloadLocked(opts, part);
  } finally {
    await release().catch(() => {});
  }
}

async function downloadLocked(opts: DownloadOptions, part: string): Promise<DownloadResult> {
  const metaPath = `${part}.json`;
  const note = opts.onNote ?? (() => {});
  // A link planted at either name is never followed (attack3 C1): both are dropped, the pull
  // starts over, and every write below refuses a link (O_NOFOLLOW, ../files/noFollowWrite.ts).
  if ([part, metaPath].some((p) => lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink())) {
    note(`discarding the partial download ${part} (a symbolic link); starting over`);
    rmSync(part, { force: true });
    rmSync(metaPath, { force: true });
  }
  let meta = readMeta(metaPath);
  let have = existsSync(part) ? fileSize(part) : 0;

  // Drop a partial file that is not a prefix of what the server has now.
  if (have > 0) {
    const why = !meta
      ? "no record of where it came from"
      : meta.url !== opts.url
        ? "it came from another URL"
        : opts.remote.id && meta.id && opts.remote.id !== meta.id
          ? "the file changed on the server"
          : opts.remote.size !== undefined && meta.size !== undefined && opts.remote.size !== meta.size
            ? "the file changed size on the server"
            : opts.remote.size !== undefined && have > opts.remote.size
              ? "it is longer than the file on the server"
              : undefined;
    if (why) {
      note(`discarding the partial download ${part} (${why}); starting over`);
      have = 0;
      meta = undefined;
    }
  }
  if (have === 0) {
    rmSync(part, { force: true });
    rmSync(metaPath, { force: true });
  }
  const resumedFrom = have;

  const retries = opts.retries ?? 3;
  let lastError: Error | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep((opts.retryDelayMs ?? 500) * attempt);
    try {
      return { ...(await transfer(opts, part, metaPath, meta, have)), resumedFrom };
    } catch (e) {
      if (e instanceof DownloadError) throw e;
      lastError = e as Error;
      have = fileSize(part);
      meta = readMeta(metaPath);
    }
  }
  throw new DownloadError(
    `download of ${opts.url} broke off at ${fileSize(part)} bytes (${lastError?.message}); ` +
      `the partial file ${part} is kept: run the same command again to resume`,
  );
}

async function transfer(
  opts: DownloadOptions,
  part: string,
  metaPath: string,
  meta: PartMeta | undefined,
  have: number,
): Promise<Omit<DownloadResult, "resumedFrom">> {
  const total = opts.remote.size;
  if (have > 0 && total !== undefined && have === total) {
    // A complete transfer that was not renamed yet (the run ended right after the last byte).
    return finish(opts, part, metaPath, await hashPrefix(part, have), have);
  }
  const headers: Record<string, string> = { "accept-encoding": "identity", ...opts.headers };
  if (have > 0) {
    headers.range = `bytes=${have}-`;
    if (meta?.validator) headers["if-range"] = meta.validator;
  }
  const idle = idleSignal(opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  try {
    return await transferWithin(opts, part, metaPath, meta, have, headers, idle);
  } catch (e) {
    // An abort carries the reason above, not "This operation was aborted".
    throw idle.signal.aborted && idle.signal.reason instanceof Error ? idle.signal.reason : e;
  } finally {
    idle.stop();
  }
}

async function transferWithin(
  opts: DownloadOptions,
  part: string,
  metaPath: string,
  meta: PartMeta | undefined,
  have: number,
  headers: Record<string, string>,
  idle: ReturnType<typeof idleSignal>,
): Promise<Omit<DownloadResult, "resumedFrom">> {
  const total = opts.remote.size;
  const res = await fetch(opts.url, { headers, redirect: "follow", signal: idle.signal });
  idle.touch();
  if (res.status === 416 && have > 0) {
    // Nothing left after byte N: when the server's size is N, the partial file is all of it
    // (the size was not known up front, and the last run ended before the rename).
    await res.body?.cancel();
    const m = /^bytes \*\/(\d+)$/.exec(res.headers.get("content-range") ?? "");
    if (m && Number(m[1]) === have) return finish(opts, part, metaPath, await hashPrefix(part, have), have);
    opts.onNote?.(`the server has no bytes after ${have} for ${part}; starting over`);
    rmSync(part, { force: true });
    return transfer(opts, part, metaPath, undefined, 0);
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    const err = `${opts.url}: HTTP ${res.status}`;
    // Client errors will not get better by asking again; server errors and throttling might.
    if (res.status < 500 && res.status !== 408 && res.status !== 429) throw new DownloadError(err);
    throw new Error(err);
  }
  let start = 0;
  let size: number | undefined;
  if (res.status === 206) {
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers.get("content-range") ?? "");
    if (!m || Number(m[1]) !== have) {
      await res.body?.cancel();
      throw new DownloadError(
        `${opts.url}: the server answered a range request with "${res.headers.get("content-range")}" instead of bytes ${have}-; delete ${part} and pull again`,
      );
    }
    start = have;
    size = m[3] === "*" ? total : Number(m[3]);
  } else {
    if (have > 0) {
      opts.onNote?.(
        `the server sent the whole file instead of the rest (it ignores ranges, or the file changed); starting over`,
      );
    }
    const len = Number(res.headers.get("content-length"));
    size = Number.isFinite(len) && len > 0 && !res.headers.get("content-encoding") ? len : total;
  }

  const record: PartMeta = {
    url: opts.url,
    ...(opts.remote.id ? { id: opts.remote.id } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(start > 0 ? { validator: meta?.validator } : { validator: validatorOf(res) }),
  };
  writeFileNoFollow(metaPath, `${JSON.stringify(record)}\n`);

  const hash = await hashPrefix(part, start);
  let done = start;
  opts.onProgress?.(done, size ?? 0);
  if (!res.body) throw new Error("empty response body");
  // "a" continues after the kept prefix; "w" starts the file over (a 200 carries all of it).
  // Each chunk is written before the next is read, so when the transfer breaks, the file holds
  // exactly the bytes counted (the next attempt's Range starts right after them).
  const fh = await open(
    part,
    constants.O_WRONLY |
      constants.O_CREAT |
      constants.O_NOFOLLOW |
      (start > 0 ? constants.O_APPEND : constants.O_TRUNC),
  );
  try {
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      idle.touch();
      await fh.write(chunk);
      hash.update(chunk);
      done += chunk.length;
      opts.onProgress?.(done, size ?? 0);
    }
  } finally {
    await fh.close();
  }
  if (size !== undefined && done !== size) throw new Error(`the transfer ended at ${done} of ${size} bytes`);
  return finish(opts, part, metaPath, hash, done);
}

function finish(
  opts: DownloadOptions,
  part: string,
  metaPath: string,
  hash: Hash,
  bytes: number,
): Omit<DownloadResult, "resumedFrom"> {
  const sha256 = hash.digest("hex");
  if (opts.expectedSha256 && opts.expectedSha256 !== sha256)
    throw new ChecksumError(part, opts.expectedSha256, sha256);
  renameSync(part, opts.dest);
  rmSync(metaPath, { force: true });
  return { path: opts.dest, sha256, bytes };
}
