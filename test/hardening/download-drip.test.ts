import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDownloadConfig, downloadSync } from "../../recipe/download.js";

// 16 bytes every 0.5 s (the attacker's drip), and a normal body for contrast.
const SERVER = String.raw`
const http = require("node:http");
http.createServer((req, res) => {
  res.writeHead(200);
  if (req.url === "/drip") {
    const t = setInterval(() => res.write(Buffer.alloc(16, 120)), 500);
    req.socket.on("close", () => clearInterval(t));
    return;
  }
  res.end(Buffer.alloc(300 * 1024, 1));
}).listen(0, "127.0.0.1", function () { process.stdout.write(this.address().port + "\n"); });
`;

let server: ChildProcess;
let base = "";
const dir = mkdtempSync(join(tmpdir(), "dl-drip-"));
beforeAll(async () => {
  server = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise<string>((r) =>
    server.stdout?.once("data", (d) => r(`http://127.0.0.1:${String(d).trim()}`)),
  );
});
afterAll(() => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Attack L3: a server dripping 16 bytes every 0.5 s kept a download going until the 30-minute deadline. */
describe("a dripping download is given up after the idle time, not the 30-minute deadline (L3)", () => {
  const cfg = { ...defaultDownloadConfig(join(dir, "cache")), idleMs: 2000, retries: 0 };

  it("16 bytes every 0.5 s: refused after the idle time, naming the rate", () => {
    const t0 = Date.now();
    expect(() => downloadSync(`${base}/drip`, undefined, join(dir, "a"), cfg, "x86_64")).toThrow(
      /under 1 KiB\/s \(\d+ bytes\) for 2 s from .*\/drip: a stalled or dripping server/,
    );
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 30_000);

  it("a normal body still downloads", () => {
    expect(() => downloadSync(`${base}/ok`, undefined, join(dir, "b"), cfg, "x86_64")).not.toThrow();
  }, 30_000);
});
