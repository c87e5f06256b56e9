/**
 * The llm backend through the real CLIs: `levitate ask|eval --backend llm --model tiny.gguf`,
 * `levitate model status`, and `levitate model pull` from a loopback HTTP server that speaks the
 * part of Hugging Face's API the pull uses (manifest, resolve redirect, ranges, linked ETag).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDecision } from "../../tools/decision.js";
import { writeTinyGguf } from "../fixtures-build/tiny-gguf.js";
import { FILE, type HfServer, startHfServer } from "./hfServer.js";
import { INSTALLED_FACTS, LIVE_FACTS, writeTinyModel } from "./tinyModel.js";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(os.tmpdir(), "levitate-llm-cli-"));
const model = writeTinyGguf(join(dir, "tiny.gguf"), { seed: 3 });
// With BPE merges learnt from the prompts: short prompts in tokens, so a two-turn chat is quick.
const chatModel = writeTinyModel({ seed: 5 }, dir);
const env = { ...process.env, LEVITATE_LLM_THREADS: "1", NO_COLOR: "1", LEVITATE_MODEL: "" };

function levitate(args: string[], extraEnv: Record<string, string> = {}, input?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", join(root, "cli/levitate.ts"), ...args],
      { cwd: root, env: { ...env, ...extraEnv }, timeout: 90_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? "");
  });
}

/** One verbose line per turn: time to decision, prompt tokens evaluated vs reused, generation speed. */
const TURN_LINE =
  /^llm: turn (\d+): time to decision (\d+) ms; prompt (\d+) tokens \((\d+) evaluated, (\d+) reused\) in \d+ ms; generated (\d+) tokens \((\d+) sampled, (\d+) forced\) in \d+ ms \(([\d.]+|-) tokens\/s\)/gm;

function turnLines(stderr: string) {
  return [...stderr.matchAll(TURN_LINE)].map((m) => ({
    turn: Number(m[1]),
    ms: Number(m[2]),
    prompt: Number(m[3]),
    evaluated: Number(m[4]),
    reused: Number(m[5]),
    generated: Number(m[6]),
    sampled: Number(m[7]),
    forced: Number(m[8]),
    rate: m[9],
  }));
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
    // The tiny model may answer with a reply: `ask` then exits 1, nothing planned (README).
    expect([0, 1], r.stderr).toContain(r.code);
    const out = JSON.parse(r.stdout) as { backend: string; decision: unknown };
    expect(out.backend).toBe("llm");
    expect(parseDecision(out.decision).ok).toBe(true);
  }, 100_000);

  it("ask --verbose prints, per turn, time to decision, tokens evaluated vs reused, generated, tokens/s", async () => {
    const facts = join(dir, "facts-verbose.json");
    writeFileSync(facts, JSON.stringify(INSTALLED_FACTS));
    const r = await levitate([
      "ask",
      "add jq",
      "--backend",
      "llm",
      "--model",
      chatModel,
      "--dry-run",
      "--verbose",
      "--facts",
      facts,
    ]);
    // The tiny model may answer with a reply: `ask` then exits 1, nothing planned (README).
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stderr).toMatch(/^backend: llm \(/m);
    expect(r.stderr).toMatch(
      /^llm: loaded .*tiny-llama-5\.gguf .* in \d+ ms \(model \d+, context \d+, .*\)$/m,
    );
    // By default the facts are read first, then the model loads (cli/levitate/ask.ts).
    const startUp = /^ask: start-up serial: facts ready at (\d+) ms, backend ready at (\d+) ms$/m.exec(
      r.stderr,
    );
    expect(startUp, r.stderr).not.toBeNull();
    expect(Number(startUp![1])).toBeLessThanOrEqual(Number(startUp![2]));
    const turns = turnLines(r.stderr);
    expect(turns, r.stderr).toHaveLength(1);
    const t = turns[0]!;
    expect(t.turn).toBe(1);
    expect(t.prompt).toBe(t.evaluated + t.reused);
    expect(t.evaluated).toBeGreaterThan(0);
    expect(t.generated).toBeGreaterThan(0);
    expect(t.sampled + t.forced).toBe(t.generated);
    expect(Number(t.rate)).toBeGreaterThan(0);
    // Without --verbose: none of it.
    const quiet = await levitate([
      "ask",
      "add jq",
      "--backend",
      "llm",
      "--model",
      chatModel,
      "--dry-run",
      "--facts",
      facts,
    ]);
    // The tiny model may answer with a reply: `ask` then exits 1, nothing planned (README).
    expect([0, 1], quiet.stderr).toContain(quiet.code);
    expect(quiet.stderr).not.toMatch(/^llm: /m);
  }, 100_000);

  it("ask with LEVITATE_ASK_OVERLAP=1: the model loads while the facts are read; a bad facts file is still reported first", async () => {
    const overlap = { LEVITATE_ASK_OVERLAP: "1" };
    const bad = join(dir, "facts-bad.json");
    writeFileSync(bad, "{ not json");
    const r = await levitate(
      ["ask", "add jq", "--backend", "llm", "--model", chatModel, "--dry-run", "--facts", bad],
      overlap,
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/facts-bad\.json/);
    expect(r.stderr).not.toMatch(/^backend: /m);
    const facts = join(dir, "facts-overlap.json");
    writeFileSync(facts, JSON.stringify(INSTALLED_FACTS));
    const ok = await levitate(
      [
        "ask",
        "add jq",
        "--backend",
        "llm",
        "--model",
        chatModel,
        "--dry-run",
        "--json",
        "--verbose",
        "--facts",
        facts,
      ],
      overlap,
    );
    expect([0, 1], ok.stderr).toContain(ok.code);
    // Reading a JSON file is done long before a GGUF is loaded through node-llama-cpp.
    const startUp = /^ask: start-up overlapped: facts ready at (\d+) ms, backend ready at (\d+) ms$/m.exec(
      ok.stderr,
    );
    expect(startUp, ok.stderr).not.toBeNull();
    expect(Number(startUp![1])).toBeLessThan(Number(startUp![2]));
    expect(parseDecision((JSON.parse(ok.stdout) as { decision: unknown }).decision).ok).toBe(true);
  }, 100_000);

  it("install chat with the model: two turns and /quit; the header names the llm backend and the file", async () => {
    const facts = join(dir, "facts-live.json");
    writeFileSync(facts, JSON.stringify(LIVE_FACTS));
    const r = await levitate(
      ["install", "--facts", facts, "--dry-run", "--backend", "llm", "--model", chatModel, "--verbose"],
      {},
      "use the nvme with btrfs\ncreate user anna with sudo\n/quit\n",
    );
    // /quit with the model's calls still pending leaves them unconfirmed: 130 (issue 14); else 0.
    const unconfirmed = /Leaving: the plan \(\d+ steps?\) was not confirmed/.test(r.stdout);
    expect(r.code, r.stderr).toBe(unconfirmed ? 130 : 0);
    expect(r.stdout).toMatch(/^LevitateOS installer \(dry run: nothing will be changed\)$/m);
    expect(r.stdout).toMatch(
      new RegExp(`Backend: llm \\(${chatModel.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(llama, F32\\)`),
    );
    // Both turns reached the model and were answered; then /quit, or a dry run if it confirmed.
    const turns = turnLines(r.stderr);
    expect(
      turns.map((t) => t.turn),
      r.stderr,
    ).toEqual([1, 2]);
    // Turn 2 extends turn 1's prompt: most of it is reused from the context.
    expect(turns[1]!.reused).toBeGreaterThan(turns[0]!.prompt / 2);
    expect(r.stdout.match(/^levitate> /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toMatch(
      /Leaving; nothing was changed\.|That was a dry run; nothing was changed\.|was not confirmed, so nothing was changed\./,
    );
    expect(r.stderr).not.toMatch(/invalid output|Error:| {4}at /);
  }, 100_000);

  it("eval --backend llm scores a data set and reports no invalid outputs", async () => {
    const r = await levitate([
      "eval",
      "--dataset",
      "eval/data/dev.jsonl",
      "--backend",
      "llm",
      "--model",
      // A bytes-only vocabulary makes the prompt ~9,000 tokens, more than the context; this one's
      // merges are learnt from the prompt, as a real tokenizer's would be.
      chatModel,
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
  let server: HfServer;

  beforeAll(async () => {
    server = await startHfServer(body);
  });
  afterAll(() => server.close());

  it("resumes a broken download in the next run with a verified checksum; a wrong checksum fails", async () => {
    const target = join(dir, "models");
    const args = ["model", "pull", "--base-url", server.base, "--dir", target, "--json"];
    // Every transfer of the first run breaks off: it gives up, keeping the partial file.
    const fifth = Math.floor(body.length / 5);
    server.breakAfter(fifth, 4);
    const first = await levitate(args);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/partial file .* is kept: run the same command again to resume/);
    // Within the run each retry continued where the previous transfer stopped.
    expect(server.log.map((e) => e.range)).toEqual([
      undefined,
      ...[1, 2, 3].map((i) => `bytes=${i * fifth}-`),
    ]);
    const have = statSync(join(target, `${FILE}.part`)).size;
    expect(have).toBe(4 * fifth);
    server.log.length = 0;

    const r = await levitate(args);
    expect(r.code, r.stderr).toBe(0);
    expect(server.log).toEqual([
      {
        method: "GET",
        range: `bytes=${have}-`,
        ifRange: server.cdnEtag(),
        status: 206,
        bytes: body.length - have,
      },
    ]);
    const out = JSON.parse(r.stdout) as {
      path: string;
      sha256: string;
      verified: string;
      resumedFrom: number;
    };
    expect(out).toMatchObject({
      path: join(target, FILE),
      sha256: sha,
      verified: "matched",
      resumedFrom: have,
    });
    expect(readFileSync(out.path).equals(body)).toBe(true);

    const bad = await levitate([
      "model",
      "pull",
      "--base-url",
      server.base,
      "--dir",
      join(dir, "other"),
      "--sha256",
      "0".repeat(64),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/checksum mismatch/);
    const quant = await levitate(["model", "pull", "--base-url", server.base, "--quant", "Q9_X"]);
    expect(quant.code).toBe(1);
    expect(quant.stderr).toMatch(/unknown quantization "Q9_X"/);
  }, 120_000);
});
