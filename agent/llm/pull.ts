/**
 * `levitate model pull`: SmolLM3-3B GGUF from Hugging Face (or any server with its API at
 * `--base-url`): the manifest names the file, ./resumableDownload.ts fetches it (progress, resume
 * of a partial file across runs and broken transfers), then SHA-256 against `--sha256` or the
 * checksum the server publishes for the file (Hugging Face's X-Linked-Etag).
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { safeText } from "../../steps/terminalText.js";
import { GgufHeaderError, precheckGguf } from "./ggufPrecheck.js";
import { DEFAULT_MODEL } from "./modelFile.js";
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  DownloadError,
  downloadResumable,
  type RemoteIdentity,
} from "./resumableDownload.js";

export const DEFAULT_REPO = DEFAULT_MODEL.repo;
export const DEFAULT_QUANT = DEFAULT_MODEL.quant;
export const DEFAULT_BASE_URL = "https://huggingface.co";

export interface PullOptions {
  quant?: string;
  repo?: string;
  baseUrl?: string;
  dir: string;
  sha256?: string;
  onProgress?: (done: number, total: number) => void;
  /** Why a partial or existing file was not used as it is. */
  onNote?: (line: string) => void;
  /** Attempts after a broken transfer within this run (each resumes); default 3. */
  retries?: number;
  retryDelayMs?: number;
  /** A server silent this long (no answer, no next bytes) is given up on; default 60 s. */
  idleTimeoutMs?: number;
}

export interface PullResult {
  path: string;
  url: string;
  sha256: string;
  verified: "matched" | "unverified";
  /** Bytes kept from an earlier, interrupted run. */
  resumedFrom: number;
}

export class PullError extends Error {}

const silent = (url: string, ms: number) =>
  `${safeText(url)} sent nothing for ${Math.round(ms / 1000)} s; the server may be down: run the same command again later (a partial download resumes), or check --base-url`;

async function sha256File(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

const HEX64 = /^[0-9a-f]{64}$/;

const unquote = (v: string | null | undefined) =>
  v ? v.replace(/^W\//, "").replace(/"/g, "").toLowerCase() : undefined;

interface RemoteFile extends RemoteIdentity {
  /** The SHA-256 the server publishes, when it does. */
  sha256?: string;
}

/**
 * What the server says about the file, without following the redirect: Hugging Face answers the
 * resolve URL of an LFS file with a redirect to its CDN that carries the file's SHA-256
 * (X-Linked-Etag) and size (X-Linked-Size); a plain server answers with ETag and Content-Length.
 */
async function remoteFile(url: string, idleMs: number): Promise<RemoteFile> {
  try {
    const r = await fetch(url, { method: "HEAD", redirect: "manual", signal: AbortSignal.timeout(idleMs) });
    const linked = unquote(r.headers.get("x-linked-etag"));
    const etag = unquote(r.headers.get("etag"));
    const redirected = r.status >= 300 && r.status < 400;
    const sizeHeader =
      r.headers.get("x-linked-size") ?? (redirected ? null : r.headers.get("content-length"));
    const size = sizeHeader ? Number(sizeHeader) : undefined;
    const id = linked ?? etag;
    const sha256 = [linked, etag].find((v) => v && HEX64.test(v));
    return {
      ...(id ? { id } : {}),
      ...(size !== undefined && Number.isSafeInteger(size) ? { size } : {}),
      ...(sha256 ? { sha256 } : {}),
    };
  } catch (e) {
    // A server that answers nothing will not send the file either (attack3 M5).
    if ((e as Error).name === "TimeoutError") throw new PullError(silent(url, idleMs));
    // Nothing known up front: the transfer still happens; the result is reported unverified.
    return {};
  }
}

/**
 * A checksum says the bytes are the server's, not that they are a model (attack3 L5): a file that
 * is not a GGUF whose header fits in it is removed and the pull fails, naming why.
 */
function assertGguf(path: string): void {
  try {
    precheckGguf(path);
  } catch (e) {
    if (!(e instanceof GgufHeaderError)) throw e;
    rmSync(path, { force: true });
    throw new PullError(`${e.message}; the server's file is not a model, so ${safeText(path)} was removed`);
  }
}

export async function pullModel(opts: PullOptions): Promise<PullResult> {
  const { ggufFileQuantNames } = await import("node-llama-cpp");
  const quant = (opts.quant ?? DEFAULT_QUANT).toUpperCase();
  const known = [...ggufFileQuantNames].map((q) => String(q).toUpperCase());
  if (!known.includes(quant)) {
    throw new PullError(
      `unknown quantization "${opts.quant}": use one of ${known.join(", ")} (Q4_K_M is the usual choice)`,
    );
  }
  const repo = opts.repo ?? DEFAULT_REPO;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo))
    throw new PullError(`--repo must look like owner/name (got "${repo}")`);
  const base = (opts.baseUrl ?? process.env.LEVITATE_MODEL_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  if (opts.sha256 && !HEX64.test(opts.sha256.toLowerCase()))
    throw new PullError("--sha256 must be 64 hexadecimal digits");

  // Which file holds that quantization: the repository's manifest says (the API llama.cpp uses).
  const manifestUrl = `${base}/v2/${repo}/manifests/${quant}`;
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  let rfilename: string;
  try {
    const r = await fetch(manifestUrl, {
      headers: { "User-Agent": "llama-cpp" },
      signal: AbortSignal.timeout(idleMs),
    });
    if (r.status === 404) throw new PullError(`${repo} has no ${quant} file (${manifestUrl}: 404)`);
    if (!r.ok) throw new PullError(`${manifestUrl}: HTTP ${r.status}`);
    const m = (await r.json()) as { ggufFile?: { rfilename?: unknown } };
    if (typeof m.ggufFile?.rfilename !== "string")
      throw new PullError(`${manifestUrl}: no ggufFile in the answer`);
    rfilename = m.ggufFile.rfilename;
  } catch (e) {
    if (e instanceof PullError) throw e;
    if ((e as Error).name === "TimeoutError") throw new PullError(silent(manifestUrl, idleMs));
    throw new PullError(`cannot reach ${base} (${(e as Error).message}); check the network or --base-url`);
  }
  const fileName = rfilename.split("/").pop() ?? "";
  if (!/^[\w-][\w.-]*\.gguf$/i.test(fileName))
    throw new PullError(`${manifestUrl}: "${safeText(rfilename)}" is not a GGUF file name`);
  const url = `${base}/${repo}/resolve/main/${rfilename.split("/").map(encodeURIComponent).join("/")}`;

  mkdirSync(opts.dir, { recursive: true });
  const dest = join(opts.dir, fileName);
  const remote = await remoteFile(url, idleMs);
  // The default model is pinned: its size and sha256 are known here, not taken from the server,
  // and a server offering anything else under that name is refused before a byte is fetched.
  const pinned = repo === DEFAULT_MODEL.repo && fileName === DEFAULT_MODEL.file && !opts.sha256;
  if (pinned && remote.size !== undefined && remote.size !== DEFAULT_MODEL.sizeBytes)
    throw new PullError(
      `${url} is ${remote.size} bytes, not the pinned ${DEFAULT_MODEL.file} (${DEFAULT_MODEL.sizeBytes} bytes, sha256 ${DEFAULT_MODEL.sha256}); refusing it (pass --sha256 to accept another file)`,
    );
  if (pinned && remote.sha256 && remote.sha256 !== DEFAULT_MODEL.sha256)
    throw new PullError(
      `${url} publishes sha256 ${remote.sha256}, not the pinned ${DEFAULT_MODEL.sha256}; refusing it (pass --sha256 to accept another file)`,
    );
  const expected = opts.sha256?.toLowerCase() ?? (pinned ? DEFAULT_MODEL.sha256 : remote.sha256);
  const verified = expected ? ("matched" as const) : ("unverified" as const);

  // Already there (an earlier pull): check it instead of fetching it again.
  if (existsSync(dest) && (remote.size === undefined || statSync(dest).size === remote.size)) {
    const actual = await sha256File(dest);
    if (!expected || expected === actual) {
      assertGguf(dest);
      return { path: dest, url, sha256: actual, verified, resumedFrom: 0 };
    }
    opts.onNote?.(`${dest} does not match the expected checksum; downloading it again`);
  }
  try {
    const r = await downloadResumable({
      url,
      dest,
      remote,
      ...(expected ? { expectedSha256: expected } : {}),
      ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
      retryDelayMs: opts.retryDelayMs ?? 500,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.onNote ? { onNote: opts.onNote } : {}),
      idleTimeoutMs: idleMs,
    });
    assertGguf(r.path);
    return { path: r.path, url, sha256: r.sha256, verified, resumedFrom: r.resumedFrom };
  } catch (e) {
    if (e instanceof PullError) throw e;
    if (e instanceof DownloadError) throw new PullError(e.message);
    throw new PullError(
      `download of ${url} failed: ${(e as Error).message} (run the same command again to resume)`,
    );
  }
}
