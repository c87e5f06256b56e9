/**
 * `pullModel` against a loopback server that behaves like Hugging Face (redirect to a CDN that
 * honours Range/If-Range, X-Linked-Etag = SHA-256): an interrupted download resumes with
 * `Range: bytes=N-` and only the rest crosses the wire; a server that ignores ranges gives a clean
 * full download; a file replaced on the server starts over; a wrong checksum keeps the file.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PullError, pullModel } from "../../agent/llm/pull.js";
import { FILE, type HfServer, startHfServer } from "./hfServer.js";

const SIZE = 1_500_000;
/** Bytes that pass pull's GGUF check (attack3 L5): a header with no tensors and no keys, then noise. */
const ggufBytes = (n: number) =>
  Buffer.concat([Buffer.from("GGUF"), Buffer.from([3, 0, 0, 0]), Buffer.alloc(16), randomBytes(n - 24)]);
let server: HfServer;
let dir: string;
let body: Buffer;

beforeEach(async () => {
  body = ggufBytes(SIZE);
  server = await startHfServer(body);
  dir = mkdtempSync(join(os.tmpdir(), "levitate-pull-"));
});
afterEach(() => server.close());

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const served = () => server.log.reduce((n, e) => n + e.bytes, 0);
const pull = (extra: Partial<Parameters<typeof pullModel>[0]> = {}) =>
  pullModel({ baseUrl: server.base, dir, retries: 0, retryDelayMs: 10, ...extra });

/** First run: the transfer breaks after `bytes`; the partial file is kept. Returns its size. */
async function interruptedRun(bytes: number): Promise<number> {
  server.breakAfter(bytes);
  await expect(pull()).rejects.toThrow(/run the same command again to resume/);
  const part = join(dir, `${FILE}.part`);
  expect(existsSync(join(dir, FILE))).toBe(false);
  const n = statSync(part).size;
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(bytes);
  server.log.length = 0;
  return n;
}

describe("model pull resumes", () => {
  it("a second run asks only for the remaining bytes and the checksum matches", async () => {
    const n = await interruptedRun(600_000);
    const progress: number[] = [];
    const r = await pull({ onProgress: (done) => progress.push(done) });
    expect(server.log).toEqual([
      { method: "GET", range: `bytes=${n}-`, ifRange: server.cdnEtag(), status: 206, bytes: SIZE - n },
    ]);
    expect(served()).toBe(SIZE - n);
    expect(r).toMatchObject({
      path: join(dir, FILE),
      sha256: sha(body),
      verified: "matched",
      resumedFrom: n,
    });
    expect(readFileSync(r.path).equals(body)).toBe(true);
    expect(progress[0]).toBe(n);
    expect(progress.at(-1)).toBe(SIZE);
    expect(existsSync(join(dir, `${FILE}.part`))).toBe(false);
    expect(existsSync(join(dir, `${FILE}.part.json`))).toBe(false);

    // A third run finds the file and transfers nothing.
    server.log.length = 0;
    const again = await pull();
    expect(again).toMatchObject({ sha256: sha(body), verified: "matched", resumedFrom: 0 });
    expect(server.log).toEqual([]);
  });

  it("a broken transfer is resumed within the same run", async () => {
    server.breakAfter(400_000, 2);
    const r = await pull({ retries: 3 });
    // Each retry asks for the rest from where the file ends. That is where the cut was, or a little
    // before: fetch drops bytes it had received but not yet handed over when the connection
    // closes early, and how many depends on how fast the writer kept up (the machine's load).
    const ranges = server.log.map((e) => e.range);
    expect(ranges).toHaveLength(3);
    expect(ranges[0]).toBeUndefined();
    const starts = ranges.slice(1).map((x) => Number(/^bytes=(\d+)-$/.exec(x ?? "")?.[1]));
    expect(starts[0]).toBeGreaterThan(0);
    expect(starts[0]).toBeLessThanOrEqual(400_000);
    expect(starts[1]).toBeGreaterThan(starts[0] as number);
    expect(starts[1]).toBeLessThanOrEqual((starts[0] as number) + 400_000);
    expect(served()).toBeGreaterThanOrEqual(SIZE);
    expect(r.sha256).toBe(sha(body));
    expect(readFileSync(r.path).equals(body)).toBe(true);
  });

  it("a server that ignores Range gives a clean full download", async () => {
    server.ignoreRanges = true;
    const n = await interruptedRun(500_000);
    const notes: string[] = [];
    const r = await pull({ onNote: (l) => notes.push(l) });
    expect(server.log).toHaveLength(1);
    expect(server.log[0]).toMatchObject({ range: `bytes=${n}-`, status: 200, bytes: SIZE });
    expect(notes.join("\n")).toMatch(/sent the whole file instead of the rest/);
    expect(r).toMatchObject({ sha256: sha(body), verified: "matched" });
    expect(readFileSync(r.path).equals(body)).toBe(true);
  });

  it("a file replaced on the server (new ETag) starts over", async () => {
    await interruptedRun(700_000);
    const next = ggufBytes(SIZE - 1000);
    server.setBody(next);
    const notes: string[] = [];
    const r = await pull({ onNote: (l) => notes.push(l) });
    expect(notes.join("\n")).toMatch(/changed/);
    expect(server.log).toEqual([{ method: "GET", status: 200, bytes: next.length }]);
    expect(r).toMatchObject({ sha256: sha(next), verified: "matched", resumedFrom: 0 });
    expect(readFileSync(r.path).equals(next)).toBe(true);
  });

  it("If-Range protects a partial file whose identity the server no longer reports", async () => {
    const n = await interruptedRun(300_000);
    // Same size, new content, and this time the redirect carries no identity: only the CDN's
    // ETag can tell, through If-Range, and it answers with the whole new file.
    const next = ggufBytes(SIZE);
    server.setBody(next);
    server.hideIdentity = true;
    const r = await pull({ sha256: sha(next) });
    expect(server.log).toHaveLength(1);
    expect(server.log[0]).toMatchObject({ range: `bytes=${n}-`, status: 200, bytes: SIZE });
    expect(readFileSync(r.path).equals(next)).toBe(true);
  });

  it("a complete partial file of unknown size is finished after a 416, without a transfer", async () => {
    server.hideIdentity = true;
    const url = `${server.base}/ggml-org/SmolLM3-3B-GGUF/resolve/main/${FILE}`;
    writeFileSync(join(dir, `${FILE}.part`), body);
    writeFileSync(join(dir, `${FILE}.part.json`), JSON.stringify({ url, validator: server.cdnEtag() }));
    const r = await pull({ sha256: sha(body) });
    expect(server.log).toEqual([
      { method: "GET", range: `bytes=${SIZE}-`, ifRange: server.cdnEtag(), status: 416, bytes: 0 },
    ]);
    expect(r).toMatchObject({ sha256: sha(body), verified: "matched", resumedFrom: SIZE });
    expect(readFileSync(r.path).equals(body)).toBe(true);
  });

  it("a second pull into the same directory while one runs is refused, changing nothing", async () => {
    const release = await lockfile.lock(join(dir, `${FILE}.part`), { realpath: false });
    try {
      await expect(pull()).rejects.toThrow(/another pull is downloading .*\.part/);
      expect(server.log).toEqual([]);
    } finally {
      await release();
    }
    expect((await pull()).sha256).toBe(sha(body));
  });

  it("a wrong --sha256 fails and keeps the complete file; the right one then needs no transfer", async () => {
    const err = await pull({ sha256: "0".repeat(64) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PullError);
    expect((err as Error).message).toMatch(/checksum mismatch .* expected 0{64}, got [0-9a-f]{64}/);
    expect(existsSync(join(dir, FILE))).toBe(false);
    expect(statSync(join(dir, `${FILE}.part`)).size).toBe(SIZE);
    server.log.length = 0;
    const r = await pull({ sha256: sha(body) });
    expect(server.log).toEqual([]);
    expect(r).toMatchObject({ sha256: sha(body), verified: "matched" });
  });
});

describe("the pinned default model", () => {
  it("is refused when the server offers another file under its name, before any byte is fetched", async () => {
    const pinnedServer = await startHfServer(randomBytes(4096), "SmolLM3-Q4_K_M.gguf");
    try {
      const err = await pullModel({ baseUrl: pinnedServer.base, dir, retries: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PullError);
      expect(String(err)).toMatch(/not the pinned SmolLM3-Q4_K_M.gguf \(1915305312 bytes, sha256 8334b850/);
      expect(pinnedServer.log.filter((e) => e.method === "GET")).toEqual([]);
      expect(existsSync(join(dir, "SmolLM3-Q4_K_M.gguf.part"))).toBe(false);
    } finally {
      pinnedServer.close();
    }
  });
});
