import { Worker } from "node:worker_threads";

/** How one path answers. */
export interface RouteOptions {
  status?: number;
  /** Honour `Range: bytes=N-` with 206 (default true). */
  ranges?: boolean;
  /** Send only this many bytes of the body, then drop the connection (a truncated download). */
  truncateAt?: number;
  /** How many requests get truncated (default: all of them). */
  truncateTimes?: number;
  headers?: Record<string, string>;
}

export interface LoggedRequest {
  method: string;
  path: string;
  range: string | null;
}

export interface TestHttpServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Serves `body` at `path` (which starts with `/`). */
  route(path: string, body: Buffer | string, opts?: RouteOptions): Promise<void>;
  /** Serves the files below `dir` at `prefix/…`. */
  serveDir(prefix: string, dir: string): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  /** How many requests asked for `path`. */
  hits(path: string): Promise<number>;
  close(): Promise<void>;
}

/*
 * The server runs in a worker thread with its own event loop. Code under test may block the
 * main thread (recipe helpers are synchronous and download with spawnSync); a server on the main
 * thread would then never answer.
 */
const WORKER_SOURCE = String.raw`
const { parentPort } = require("node:worker_threads");
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const routes = new Map();
const dirs = [];
const requests = [];
const server = http.createServer((req, res) => {
  const p = decodeURIComponent((req.url || "/").split("?")[0]);
  requests.push({ method: req.method, path: p, range: req.headers.range || null });
  let r = routes.get(p);
  if (!r) {
    for (const [prefix, dir] of dirs) {
      if (!p.startsWith(prefix + "/")) continue;
      const rel = path.normalize(p.slice(prefix.length + 1));
      if (rel.startsWith("..")) break;
      try {
        const file = path.join(dir, rel);
        if (fs.statSync(file).isFile()) r = { body: fs.readFileSync(file), opts: {}, served: 0 };
      } catch {}
    }
  }
  if (!r) { res.writeHead(404, { "content-type": "text/plain" }).end("not found\n"); return; }
  r.served++;
  const { body, opts } = r;
  if (opts.status && opts.status !== 200) {
    res.writeHead(opts.status, { "content-type": "text/plain" }).end("status " + opts.status + "\n");
    return;
  }
  let start = 0;
  const m = /^bytes=(\d+)-$/.exec(req.headers.range || "");
  if (m && opts.ranges !== false) {
    start = Number(m[1]);
    if (start >= body.length) { res.writeHead(416, { "content-range": "bytes */" + body.length }).end(); return; }
    res.writeHead(206, Object.assign({
      "content-length": String(body.length - start),
      "content-range": "bytes " + start + "-" + (body.length - 1) + "/" + body.length,
      "accept-ranges": "bytes",
    }, opts.headers || {}));
  } else {
    res.writeHead(200, Object.assign({ "content-length": String(body.length), "accept-ranges": "bytes" }, opts.headers || {}));
  }
  const slice = body.subarray(start);
  const truncate = opts.truncateAt !== undefined && (opts.truncateTimes === undefined || r.served <= opts.truncateTimes);
  if (truncate) {
    res.write(slice.subarray(0, Math.max(0, opts.truncateAt - start)), () => setTimeout(() => res.socket && res.socket.destroy(), 20));
    return;
  }
  res.end(slice);
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ id: 0, port: server.address().port }));
parentPort.on("message", (msg) => {
  const reply = (value) => parentPort.postMessage({ id: msg.id, value });
  if (msg.op === "route") { routes.set(msg.path, { body: Buffer.from(msg.body), opts: msg.opts || {}, served: 0 }); reply(null); }
  else if (msg.op === "dir") { dirs.push([msg.prefix.replace(/\/+$/, ""), msg.dir]); reply(null); }
  else if (msg.op === "requests") reply(requests);
  else if (msg.op === "close") { server.closeAllConnections(); server.close(() => { reply(null); parentPort.close(); }); }
});
`;

/**
 * A real HTTP server on loopback for download tests: routes with bodies, Range requests,
 * deliberate truncation and error statuses, and a request log to assert on.
 */
export async function startHttpServer(): Promise<TestHttpServer> {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  let nextId = 1;
  const pending = new Map<number, (v: unknown) => void>();
  const ready = new Promise<number>((resolve, reject) => {
    pending.set(0, (v) => resolve((v as { port: number }).port));
    worker.once("error", reject);
  });
  worker.on("message", (m: { id: number; value?: unknown; port?: number }) => {
    const cb = pending.get(m.id);
    pending.delete(m.id);
    cb?.(m.id === 0 ? m : m.value);
  });
  const call = <T>(msg: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, (v) => resolve(v as T));
      worker.postMessage({ ...msg, id });
    });
  const port = await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (path, body, opts = {}) =>
      call({ op: "route", path, body: Buffer.isBuffer(body) ? body : Buffer.from(body), opts }),
    serveDir: (prefix, dir) => call({ op: "dir", prefix, dir }),
    requests: () => call<LoggedRequest[]>({ op: "requests" }),
    hits: async (path) =>
      (await call<LoggedRequest[]>({ op: "requests" })).filter((q) => q.path === path).length,
    close: async () => {
      await call({ op: "close" });
      await worker.terminate();
    },
  };
}
