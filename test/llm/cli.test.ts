/**
 * The llm backend through the real CLIs: `levitate ask|eval --backend llm --model tiny.gguf`,
 * `levitate model status`, and `levitate model pull` from a loopback HTTP server that speaks the
 * part of Hugging Face's API the pull uses (manifest, resolve, ranges, linked ETag).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDecision } from "../../agent/decision.js";
import { writeTinyGguf } from "../fixtures-build/tiny-gguf.js";
import { INSTALLED_FACTS } from "./tinyModel.js";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(os.tmpdir(), "levitate-llm-cli-"));
const model = writeTinyGguf(join(dir, "tiny.gguf"), { seed: 3 });
const env = { ...process.env, LEVITATE_LLM_THREADS: "1", NO_COLOR: "1", LEVITATE_MODEL: "" };

function levitate(args: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(root, "cli/levitate.ts"), ...args],
      { cwd: root, env: { ...env, ...extraEnv }, timeout: 90_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("levitate with the llm backend", () => {
  it("ask --backend llm --model tiny.gguf --dry-run runs end to end", async () => {
    const facts = join(dir, "facts.json");
    writeFileSync(facts, JSON.stringify(INSTALLED_FACTS));
    const r = await levitate([
      "ask",
      "add jq",
      "--backend",
      "llm",
      "--model",
      model,
      "--dry-run",
      "--json",
      "--facts",
      facts,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { backend: string; decision: unknown };
    expect(out.backend).toBe("llm");
    expect(parseDecision(out.decision).ok).toBe(true);
  }, 100_000);

  it("eval --backend llm scores a data set and reports no invalid outputs", async () => {
    const r = await levitate([
      "eval",
      "--dataset",
      "eval/data/dev.jsonl",
      "--backend",
      "llm",
      "--model",
      model,
      "--limit",
      "4",
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      backend: string;
      turns: number;
      llm?: { invalidOutputs: number; tokens: number };
    };
    expect(report.backend).toBe("llm");
    expect(report.turns).toBeGreaterThanOrEqual(4);
    expect(report.llm?.invalidOutputs).toBe(0);
    expect(report.llm?.tokens).toBeGreaterThan(0);
  }, 100_000);

  it("model status names the file, its architecture and quantization, and the fit", async () => {
    const r = await levitate(["model", "status", "--json"], { LEVITATE_MODEL: model });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      ok: boolean;
      source: string;
      architecture: string;
      quantization: string;
      path: string;
    };
    expect(s).toMatchObject({
      ok: true,
      source: "LEVITATE_MODEL",
      architecture: "llama",
      quantization: "F32",
      path: model,
    });
    const missing = await levitate(["model", "status"], {
      XDG_DATA_HOME: join(dir, "nothing"),
      HOME: join(dir, "nothing"),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no model file in .*levitate model pull/s);
  }, 60_000);
});

describe("levitate model pull", () => {
  const body = readFileSync(model);
  const sha = createHash("sha256").update(body).digest("hex");
  const ranges: string[] = [];
  let truncateNext = true;
  let server: http.Server;
  let base = "";

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/v2/ggml-org/SmolLM3-3B-GGUF/manifests/Q4_K_M") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ggufFile: { rfilename: "SmolLM3-Q4_K_M.gguf" } }));
        return;
      }
      if (url.pathname !== "/ggml-org/SmolLM3-3B-GGUF/resolve/main/SmolLM3-Q4_K_M.gguf") {
        res.writeHead(404).end();
        return;
      }
      const headers = {
        "accept-ranges": "bytes",
        "x-linked-etag": `"${sha}"`,
        "content-type": "application/octet-stream",
      };
      const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
      if (req.headers.range) ranges.push(req.headers.range);
      const start = m ? Number(m[1]) : 0;
      const end = m?.[2] ? Number(m[2]) : body.length - 1;
      const slice = body.subarray(start, end + 1);
      res.writeHead(m ? 206 : 200, {
        ...headers,
        "content-length": String(slice.length),
        ...(m ? { "content-range": `bytes ${start}-${end}/${body.length}` } : {}),
      });
      if (req.method === "HEAD") return void res.end();
      if (truncateNext && start === 0) {
        // The first transfer breaks off halfway: the downloader must resume, not start over.
        truncateNext = false;
        res.write(slice.subarray(0, slice.length >> 1), () => res.destroy());
        return;
      }
      res.end(slice);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("downloads through a broken transfer with a verified checksum; a wrong checksum fails", async () => {
    const target = join(dir, "models");
    let r = await levitate(["model", "pull", "--base-url", base, "--dir", target, "--json"]);
    if (r.code !== 0) {
      // The broken transfer may end the first run; the second resumes the partial file.
      expect(r.stderr).toMatch(/run the same command again to resume/);
      r = await levitate(["model", "pull", "--base-url", base, "--dir", target, "--json"]);
    }
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { path: string; sha256: string; verified: string };
    expect(out).toMatchObject({
      path: join(target, "SmolLM3-Q4_K_M.gguf"),
      sha256: sha,
      verified: "matched",
    });
    expect(readFileSync(out.path).equals(body)).toBe(true);
    // The broken first transfer was retried (node-llama-cpp's downloader starts that part over).
    expect(truncateNext).toBe(false);

    const bad = await levitate([
      "model",
      "pull",
      "--base-url",
      base,
      "--dir",
      join(dir, "other"),
      "--sha256",
      "0".repeat(64),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/checksum mismatch/);
    const quant = await levitate(["model", "pull", "--base-url", base, "--quant", "Q9_X"]);
    expect(quant.code).toBe(1);
    expect(quant.stderr).toMatch(/unknown quantization "Q9_X"/);
  }, 120_000);
});
