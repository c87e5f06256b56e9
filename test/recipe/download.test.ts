import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  clearMirrorIndexes,
  type DownloadConfig,
  DownloadError,
  defaultDownloadConfig,
  downloadSync,
  parseChecksum,
} from "../../recipe/download.js";
import { startHttpServer, type TestHttpServer } from "../helpers/http-server.js";

const body = randomBytes(300_000);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const sum = parseChecksum(`sha256:${sha256(body)}`);

let server: TestHttpServer;
let dir: string;
let cfg: DownloadConfig;
beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "download-"));
  cfg = { ...defaultDownloadConfig(join(dir, "cache")), idleMs: 5000 };
  clearMirrorIndexes();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("download", () => {
  it("fetches, verifies and caches by checksum; the second time comes from the cache", async () => {
    await server.route("/a/tool-1.0.tar.gz", body);
    const r = downloadSync(`${server.url}/a/tool-1.0.tar.gz`, sum, join(dir, "b1"), cfg, "x86_64");
    expect(r.path).toBe(join(dir, "b1", "tool-1.0.tar.gz"));
    expect(readFileSync(r.path).equals(body)).toBe(true);
    expect(r.source.kind).toBe("network");
    expect(existsSync(join(dir, "cache", "sha256", sum.hex))).toBe(true);
    const again = downloadSync(`${server.url}/a/tool-1.0.tar.gz`, sum, join(dir, "b2"), cfg, "x86_64");
    expect(again.source.kind).toBe("cache");
    expect(await server.hits("/a/tool-1.0.tar.gz")).toBe(1);
  });

  it("refuses a checksum mismatch, keeps nothing, caches nothing", async () => {
    await server.route("/bad/tool.tar.gz", Buffer.concat([body.subarray(0, 1000), Buffer.from("tampered")]));
    expect(() => downloadSync(`${server.url}/bad/tool.tar.gz`, sum, join(dir, "b"), cfg, "x86_64")).toThrow(
      new RegExp(`checksum mismatch \\(expected ${sum.hex}`),
    );
    expect(readdirSync(join(dir, "b"))).toEqual([]);
    expect(existsSync(join(dir, "cache", "sha256", sum.hex))).toBe(false);
  });

  it("resumes a truncated download with a Range request", async () => {
    await server.route("/t/once.bin", body, { truncateAt: 100_000, truncateTimes: 1 });
    const r = downloadSync(`${server.url}/t/once.bin`, sum, join(dir, "b"), cfg, "x86_64");
    expect(readFileSync(r.path).equals(body)).toBe(true);
    const reqs = (await server.requests()).filter((q) => q.path === "/t/once.bin");
    expect(reqs).toHaveLength(2);
    expect(reqs[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(Number(reqs[1]!.range!.slice(6, -1))).toBeGreaterThan(0);
  });

  it("fails after one retry when the server always cuts the connection, naming the URL", async () => {
    await server.route("/t/always.bin", body, { truncateAt: 50_000 });
    let err: unknown;
    try {
      downloadSync(`${server.url}/t/always.bin`, sum, join(dir, "b"), cfg, "x86_64");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DownloadError);
    expect(String(err)).toContain(`${server.url}/t/always.bin`);
    expect(await server.hits("/t/always.bin")).toBe(2);
    expect(existsSync(join(dir, "b", "always.bin"))).toBe(false);
  });

  it("does not retry a 404", async () => {
    expect(() => downloadSync(`${server.url}/missing.tar.gz`, sum, join(dir, "b"), cfg, "x86_64")).toThrow(
      /HTTP 404/,
    );
    expect(await server.hits("/missing.tar.gz")).toBe(1);
  });

  it("looks in a local mirror directory first: no network at all", async () => {
    const mirror = join(dir, "mirror", "Packages", "t");
    mkdirSync(mirror, { recursive: true });
    writeFileSync(join(mirror, "offline-1.0.tar.gz"), body);
    const r = downloadSync(
      "http://127.0.0.1:9/unreachable/offline-1.0.tar.gz",
      sum,
      join(dir, "b"),
      { ...cfg, mirrors: [join(dir, "mirror")] },
      "x86_64",
    );
    expect(r.source).toEqual({ kind: "mirror", location: join(mirror, "offline-1.0.tar.gz") });
    expect(readFileSync(r.path).equals(body)).toBe(true);
  });

  it("skips a mirror whose copy is wrong and falls back to the URL", async () => {
    const mirror = join(dir, "mirror");
    mkdirSync(mirror);
    writeFileSync(join(mirror, "tool-2.tar.gz"), "stale");
    await server.route("/tool-2.tar.gz", body);
    const r = downloadSync(
      `${server.url}/tool-2.tar.gz`,
      sum,
      join(dir, "b"),
      { ...cfg, mirrors: [mirror] },
      "x86_64",
    );
    expect(r.source.kind).toBe("network");
  });

  it("uses an HTTP mirror by file name", async () => {
    await server.route("/mirror/tool-3.tar.gz", body);
    const r = downloadSync(
      "http://127.0.0.1:9/upstream/tool-3.tar.gz",
      sum,
      join(dir, "b"),
      { ...cfg, mirrors: [`${server.url}/mirror/`] },
      "x86_64",
    );
    expect(r.source).toEqual({ kind: "mirror", location: `${server.url}/mirror/tool-3.tar.gz` });
  });

  it("resolves rpm:NAME to the newest matching RPM in a mirror", () => {
    const mirror = join(dir, "repo", "Packages");
    mkdirSync(mirror, { recursive: true });
    for (const f of [
      "bash-5.2.26-3.fc40.x86_64.rpm",
      "bash-5.2.37-1.fc41.x86_64.rpm",
      "bash-completion-2.11-1.noarch.rpm",
      "bash-5.2.37-1.fc41.aarch64.rpm",
    ]) {
      writeFileSync(join(mirror, f), f);
    }
    const r = downloadSync(
      "rpm:bash",
      undefined,
      join(dir, "b"),
      { ...cfg, mirrors: [join(dir, "repo")] },
      "x86_64",
    );
    expect(r.resolvedName).toBe("bash-5.2.37-1.fc41.x86_64.rpm");
    expect(readFileSync(r.path, "utf8")).toBe("bash-5.2.37-1.fc41.x86_64.rpm");
    expect(() =>
      downloadSync("rpm:zsh", undefined, join(dir, "b"), { ...cfg, mirrors: [join(dir, "repo")] }, "x86_64"),
    ).toThrow(/no mirror holds an RPM of package "zsh".*--mirror/);
  });

  it("verifies sha512 too, and rejects malformed checksums with the fix", async () => {
    await server.route("/s512.bin", body);
    const c = parseChecksum(`sha512:${createHash("sha512").update(body).digest("hex")}`);
    const r = downloadSync(`${server.url}/s512.bin`, c, join(dir, "b"), cfg, "x86_64");
    expect(r.checksum.algo).toBe("sha512");
    expect(() => parseChecksum("sha256:abc")).toThrow(/sha256:<64 hex digits>/);
  });
});
