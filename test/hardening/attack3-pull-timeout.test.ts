/**
 * attack3 M5: `model pull` against a server that accepts the connection and then sends nothing
 * gives up after the idle timeout with a clear message instead of waiting silently for good; a
 * transfer that stalls keeps its partial file for the next run.
 */
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PullError, pullModel } from "../../agent/llm/pull.js";
import { downloadResumable } from "../../agent/llm/resumableDownload.js";

const REPO = "ggml-org/SmolLM3-3B-GGUF";
let server: Server | undefined;
const held: ServerResponse[] = [];
afterEach(() => {
  for (const r of held.splice(0)) r.destroy();
  server?.closeAllConnections();
  server?.close();
});

async function listen(handler: (url: string, res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => handler(req.url ?? "/", res));
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("attack3 M5: a silent server", () => {
  it("answers the manifest, then nothing: the pull stops after the idle time, naming the wait", async () => {
    const base = await listen((url, res) => {
      if (url.includes("/manifests/")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ggufFile: { rfilename: "m.gguf" } }));
      } else held.push(res); // never answered
    });
    const t0 = performance.now();
    const err = await pullModel({
      baseUrl: base,
      repo: REPO,
      dir: mkdtempSync(join(os.tmpdir(), "attack3-m5-")),
      retries: 0,
      idleTimeoutMs: 1000,
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(PullError);
    expect((err as Error).message).toMatch(/sent nothing for 1 s/);
    expect((err as Error).message).toMatch(/run the same command again/);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it("a transfer that stalls mid-file breaks off and keeps the partial file", async () => {
    const base = await listen((_url, res) => {
      res.writeHead(200, { "content-length": "100000" });
      res.write(Buffer.alloc(5000, 1));
      held.push(res); // then silence
    });
    const dir = mkdtempSync(join(os.tmpdir(), "attack3-m5-"));
    const dest = join(dir, "m.gguf");
    const err = await downloadResumable({
      url: `${base}/m.gguf`,
      dest,
      remote: { size: 100000 },
      retries: 0,
      idleTimeoutMs: 1000,
    }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/sent nothing for 1 s/);
    expect((err as Error).message).toMatch(/run the same command again to resume/);
    expect(existsSync(`${dest}.part`)).toBe(true);
    expect(statSync(`${dest}.part`).size).toBe(5000);
  });
});
