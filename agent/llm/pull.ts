/**
 * `levitate model pull`: SmolLM3-3B GGUF from Hugging Face (or any server with its API at
 * `--base-url`), through node-llama-cpp's downloader (progress, resume of a partial file), then a
 * SHA-256 check against `--sha256`, or the checksum the server publishes for the file.
 */
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync } from "node:fs";

export const DEFAULT_REPO = "ggml-org/SmolLM3-3B-GGUF";
export const DEFAULT_QUANT = "Q4_K_M";
export const DEFAULT_BASE_URL = "https://huggingface.co";

export interface PullOptions {
  quant?: string;
  repo?: string;
  baseUrl?: string;
  dir: string;
  sha256?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface PullResult {
  path: string;
  url: string;
  sha256: string;
  verified: "matched" | "unverified";
}

export class PullError extends Error {}

async function sha256File(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Hugging Face sends an LFS file's SHA-256 as its (linked) ETag. */
async function publishedSha256(url: string): Promise<string | undefined> {
  try {
    const r = await fetch(url, { method: "HEAD", redirect: "manual" });
    for (const h of ["x-linked-etag", "etag"]) {
      const v = r.headers.get(h)?.replace(/^W\//, "").replace(/"/g, "").toLowerCase();
      if (v && HEX64.test(v)) return v;
    }
  } catch {
    // No published checksum: the download still happened; the caller reports it unverified.
  }
  return undefined;
}

export async function pullModel(opts: PullOptions): Promise<PullResult> {
  const { createModelDownloader, ggufFileQuantNames } = await import("node-llama-cpp");
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
  let rfilename: string;
  try {
    const r = await fetch(manifestUrl, { headers: { "User-Agent": "llama-cpp" } });
    if (r.status === 404) throw new PullError(`${repo} has no ${quant} file (${manifestUrl}: 404)`);
    if (!r.ok) throw new PullError(`${manifestUrl}: HTTP ${r.status}`);
    const m = (await r.json()) as { ggufFile?: { rfilename?: unknown } };
    if (typeof m.ggufFile?.rfilename !== "string")
      throw new PullError(`${manifestUrl}: no ggufFile in the answer`);
    rfilename = m.ggufFile.rfilename;
  } catch (e) {
    if (e instanceof PullError) throw e;
    throw new PullError(`cannot reach ${base} (${(e as Error).message}); check the network or --base-url`);
  }
  const fileName = rfilename.split("/").pop() as string;
  const url = `${base}/${repo}/resolve/main/${rfilename.split("/").map(encodeURIComponent).join("/")}`;

  mkdirSync(opts.dir, { recursive: true });
  const downloader = await createModelDownloader({
    modelUrl: url,
    dirPath: opts.dir,
    fileName,
    skipExisting: true,
    deleteTempFileOnCancel: false,
    showCliProgress: false,
    parallelDownloads: 1,
    onProgress: ({ downloadedSize, totalSize }) => opts.onProgress?.(downloadedSize, totalSize),
  });
  let path: string;
  try {
    path = await downloader.download();
  } catch (e) {
    throw new PullError(
      `download of ${url} failed: ${(e as Error).message} (run the same command again to resume)`,
    );
  }
  const expected = opts.sha256?.toLowerCase() ?? (await publishedSha256(url));
  const actual = await sha256File(path);
  if (expected && expected !== actual) {
    throw new PullError(
      `checksum mismatch for ${path}: expected ${expected}, got ${actual}. Delete the file and pull again.`,
    );
  }
  return { path, url, sha256: actual, verified: expected ? "matched" : "unverified" };
}
