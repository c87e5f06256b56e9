import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DownloadConfig, defaultDownloadConfig, downloadSync } from "../../recipe/download.js";
import { extractArchive, parseZip } from "../../recipe/extract.js";
import { rawTar } from "./archives.js";

const ROOT = join(import.meta.dirname, "../..");

/**
 * A server in its own process (downloadSync blocks this one): /chunked sends 3 MiB without a
 * content-length, /sized says 3 MiB up front, /trickle sends a byte every 100 ms forever;
 * /open answers how many /trickle connections are still open.
 */
const SERVER = String.raw`
const http = require("node:http");
let open = 0;
const server = http.createServer((req, res) => {
  if (req.url === "/open") return res.end(String(open));
  if (req.url === "/chunked") {
    res.writeHead(200);
    let n = 0;
    const more = () => { while (n < 48) { n++; if (!res.write(Buffer.alloc(65536, 1))) return res.once("drain", more); } res.end(); };
    return more();
  }
  if (req.url === "/sized") {
    res.writeHead(200, { "content-length": String(3 << 20) });
    return res.end(Buffer.alloc(3 << 20, 1));
  }
  if (req.url === "/trickle") {
    open++;
    res.writeHead(200);
    const t = setInterval(() => res.write("x"), 100);
    req.socket.on("close", () => { clearInterval(t); open--; });
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\n"));
`;

let server: ChildProcess;
let base = "";
beforeAll(async () => {
  server = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise<string>((resolve) =>
    server.stdout?.once("data", (d) => resolve(`http://127.0.0.1:${String(d).trim()}`)),
  );
});
afterAll(() => {
  server.kill();
});

const tmp = () => mkdtempSync(join(tmpdir(), "dl-limits-"));
const cfg = (dir: string, extra: Partial<DownloadConfig> = {}): DownloadConfig => ({
  ...defaultDownloadConfig(join(dir, "cache")),
  idleMs: 5000,
  retries: 0,
  ...extra,
});

describe("downloads have a size cap and a deadline", () => {
  it("a body larger than the cap is refused while it streams (no content-length)", () => {
    const d = tmp();
    expect(() =>
      downloadSync(`${base}/chunked`, undefined, join(d, "b"), cfg(d, { maxBytes: 1 << 20 }), "x86_64"),
    ).toThrow(/more than the 1 MiB a download may have/);
    expect(readdirSync(join(d, "b")).map((f) => statSync(join(d, "b", f)).size)).toEqual([0]);
  });

  it("a content-length over the cap is refused before the body is read", () => {
    const d = tmp();
    expect(() =>
      downloadSync(`${base}/sized`, undefined, join(d, "b"), cfg(d, { maxBytes: 1 << 20 }), "x86_64"),
    ).toThrow(/is 3 MiB, more than the 1 MiB/);
  });

  it("a local file over the cap is refused", () => {
    const d = tmp();
    writeFileSync(join(d, "big.bin"), Buffer.alloc(2 << 20));
    expect(() =>
      downloadSync(
        `file://${join(d, "big.bin")}`,
        undefined,
        join(d, "b"),
        cfg(d, { maxBytes: 1 << 20 }),
        "x86_64",
      ),
    ).toThrow(/2 MiB is more than the 1 MiB a download may have/);
  });

  it("a server that trickles forever is given up at the deadline, not kept alive by the idle timer", () => {
    const d = tmp();
    const t0 = Date.now();
    expect(() =>
      downloadSync(`${base}/trickle`, undefined, join(d, "b"), cfg(d, { deadlineMs: 1500 }), "x86_64"),
    ).toThrow(/gave up after 1.5 s \(the download deadline\)/);
    expect(Date.now() - t0).toBeLessThan(8000);
  });

  it("the fetch child ends when its parent is killed with SIGTERM", async () => {
    const d = tmp();
    const script = `
      import { downloadSync, defaultDownloadConfig } from ${JSON.stringify(join(ROOT, "recipe/download.ts"))};
      downloadSync(${JSON.stringify(`${base}/trickle`)}, undefined, ${JSON.stringify(join(d, "b"))},
        { ...defaultDownloadConfig(${JSON.stringify(join(d, "cache"))}), idleMs: 60000, retries: 0 }, "x86_64");
    `;
    const file = join(d, "parent.mts");
    writeFileSync(file, script);
    const parent = spawn(process.execPath, ["--import", "tsx", file], { cwd: ROOT, stdio: "ignore" });
    const openNow = async () => Number(await (await fetch(`${base}/open`)).text());
    const waitFor = async (want: number, ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        if ((await openNow()) === want) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    expect(await waitFor(1, 30_000)).toBe(true);
    parent.kill("SIGTERM");
    expect(await waitFor(0, 5000)).toBe(true);
  }, 60_000);
});

/** A zip of `count` entries, each `size` zero bytes deflated (a few KiB each). */
function zipBomb(count: number, size: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(size));
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`f${i}.bin`);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(8, 8);
    l.writeUInt32LE(data.length, 18);
    l.writeUInt32LE(size, 22);
    l.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(l, name, data);
    central.push(c, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(count, 8);
  e.writeUInt16LE(count, 10);
  e.writeUInt32LE(cd.length, 12);
  e.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, e]);
}

describe("archive caps are enforced while inflating", () => {
  it("zip: the declared sizes are counted before each entry inflates", () => {
    const bomb = zipBomb(40, 8 << 20); // 320 MiB from a few hundred KiB
    const before = process.memoryUsage().arrayBuffers;
    expect(() => parseZip(bomb, 16 << 20)).toThrow(/expands beyond 16777216 bytes/);
    // Refused after inflating at most the 16 MiB allowed, not the whole 320 MiB.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 << 20);
  });

  it("tar.zst: inflation stops as soon as the output passes the cap", () => {
    const d = tmp();
    const tar = rawTar([{ type: "file", path: "zeros", content: "\0".repeat(8 << 20) }]);
    writeFileSync(join(d, "a.tar"), tar);
    expect(spawnSync("zstd", ["-q", "-19", join(d, "a.tar"), "-o", join(d, "a.tar.zst")]).status).toBe(0);
    expect(() =>
      extractArchive(join(d, "a.tar.zst"), "tar.zst", join(d, "out"), { maxBytes: 1 << 20 }),
    ).toThrow(/expands beyond 1048576 bytes/);
    // Within the cap it extracts.
    expect(
      extractArchive(join(d, "a.tar.zst"), "tar.zst", join(d, "ok"), { maxBytes: 16 << 20 }).entries,
    ).toBe(1);
  });

  it("files are extracted without group or other write bits", () => {
    const d = tmp();
    mkdirSync(join(d, "x"));
    writeFileSync(
      join(d, "a.tar"),
      rawTar([{ type: "file", path: "tool", content: "#!/bin/sh\n", mode: 0o777 }]),
    );
    extractArchive(join(d, "a.tar"), "tar", join(d, "out"));
    expect(statSync(join(d, "out/tool")).mode & 0o777).toBe(0o755);
  });
});
