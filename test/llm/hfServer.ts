/**
 * A loopback server that answers like Hugging Face for one GGUF file: the manifest API, a
 * resolve URL that redirects to a "CDN" with the file's SHA-256 as X-Linked-Etag and its size
 * as X-Linked-Size, and a CDN that honours `Range` and `If-Range` against its own strong ETag.
 * It records every data request and counts the body bytes it actually sent.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export const REPO = "ggml-org/SmolLM3-3B-GGUF";
/** Not the pinned default file's name: pulls of the pinned name are checked against its pin. */
export const FILE = "SmolLM3-Q4_K_M-test.gguf";

export interface Served {
  method: string;
  range?: string;
  ifRange?: string;
  status: number;
  /** Body bytes written before the response ended or was cut. */
  bytes: number;
}

export interface HfServer {
  base: string;
  /** Data requests to the CDN, in order. */
  log: Served[];
  /** Replace the file (a new upload: new SHA-256, new ETag). */
  setBody(body: Buffer): void;
  sha256(): string;
  cdnEtag(): string;
  /** The next `times` transfers send this many body bytes, then the connection drops. */
  breakAfter(bytes: number, times?: number): void;
  /** Behave like a server without range support: no Accept-Ranges, always 200 with all of it. */
  ignoreRanges: boolean;
  /** The redirect carries no checksum, size or ETag (only the CDN's own ETag is left). */
  hideIdentity: boolean;
  close(): Promise<void>;
}

export async function startHfServer(initial: Buffer, file: string = FILE): Promise<HfServer> {
  let body = initial;
  let sha = "";
  const setBody = (b: Buffer) => {
    body = b;
    sha = createHash("sha256").update(b).digest("hex");
  };
  setBody(initial);
  let cut: { bytes: number; times: number } | undefined;
  const log: Served[] = [];
  const etag = () => `"cdn-${sha.slice(0, 16)}"`;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === `/v2/${REPO}/manifests/Q4_K_M`) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ggufFile: { rfilename: file, size: body.length } }));
      return;
    }
    if (url.pathname === `/${REPO}/resolve/main/${file}`) {
      res.writeHead(302, {
        location: `/cdn/${sha}`,
        ...(api.hideIdentity
          ? {}
          : { "x-linked-etag": `"${sha}"`, "x-linked-size": String(body.length), etag: `"${sha}"` }),
      });
      res.end();
      return;
    }
    if (url.pathname !== `/cdn/${sha}`) {
      res.writeHead(404).end();
      return;
    }
    const entry: Served = {
      method: req.method ?? "GET",
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(req.headers["if-range"] ? { ifRange: String(req.headers["if-range"]) } : {}),
      status: 200,
      bytes: 0,
    };
    if (req.method !== "HEAD") log.push(entry);
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    const honour = m && !api.ignoreRanges && (!req.headers["if-range"] || req.headers["if-range"] === etag());
    const start = honour ? Number(m[1]) : 0;
    const end = honour && m[2] ? Number(m[2]) : body.length - 1;
    if (honour && start >= body.length) {
      entry.status = 416;
      res.writeHead(416, { "content-range": `bytes */${body.length}` }).end();
      return;
    }
    const slice = body.subarray(start, end + 1);
    entry.status = honour ? 206 : 200;
    res.writeHead(entry.status, {
      ...(api.ignoreRanges ? {} : { "accept-ranges": "bytes", etag: etag() }),
      "content-type": "application/octet-stream",
      "content-length": String(slice.length),
      ...(honour ? { "content-range": `bytes ${start}-${end}/${body.length}` } : {}),
    });
    if (req.method === "HEAD") return void res.end();
    if (cut && cut.times > 0) {
      cut.times--;
      const part = slice.subarray(0, Math.min(cut.bytes, slice.length));
      entry.bytes = part.length;
      // FIN after the part, not a reset: a reset can discard bytes the client has not read yet,
      // which made "what was received" depend on the machine's load.
      res.write(part, () => res.socket?.end());
      return;
    }
    entry.bytes = slice.length;
    res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const api: HfServer = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    setBody,
    sha256: () => sha,
    cdnEtag: etag,
    breakAfter: (bytes, times = 1) => {
      cut = { bytes, times };
    },
    ignoreRanges: false,
    hideIdentity: false,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return api;
}
