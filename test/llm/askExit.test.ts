/**
 * `levitate ask --dry-run` ends without freeing the model (cli/levitate/exitNow.ts): the answer is
 * printed, the machine's state written, then the process exits with the same code and the same
 * output as when it freed the model first.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDecision } from "../../tools/decision.js";
import { INSTALLED_FACTS, writeTinyModel } from "./tinyModel.js";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(os.tmpdir(), "levitate-ask-exit-"));
const model = writeTinyModel({ seed: 5 }, dir);
const facts = join(dir, "facts.json");
writeFileSync(facts, JSON.stringify(INSTALLED_FACTS));

function levitate(args: string[], cache: string, extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", join(root, "cli/levitate.ts"), ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          LEVITATE_LLM_THREADS: "1",
          NO_COLOR: "1",
          LEVITATE_MODEL: "",
          XDG_CACHE_HOME: cache,
          ...extraEnv,
        },
        timeout: 90_000,
        maxBuffer: 16 << 20,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end("");
  });
}

const ask = (cache: string, ...extra: string[]) =>
  levitate(
    ["ask", "add jq", "--backend", "llm", "--model", model, "--facts", facts, "--dry-run", ...extra],
    cache,
    {
      LEVITATE_HUGEPAGES: "0",
    },
  );

describe("ask --dry-run exits without freeing the model", () => {
  it("saves the machine's state, leaves the model to the exit, and prints the whole answer with its exit code", async () => {
    const cache = mkdtempSync(join(dir, "cache-"));
    const first = await ask(cache, "--json", "--verbose");
    // The tiny model may answer with a reply: `ask` then exits 1, nothing planned (README).
    expect([0, 1], first.stderr).toContain(first.code);
    const out = JSON.parse(first.stdout) as { backend: string; decision: unknown; status?: string };
    expect(out.backend).toBe("llm");
    expect(parseDecision(out.decision).ok).toBe(true);
    // A planned answer is a dry run (0); a reply is nothing planned (1).
    expect(first.code).toBe(out.status === "dry-run" ? 0 : 1);
    expect(first.stderr).toMatch(
      /^llm: disposed in \d+ ms \(machine state \d+; context and model left to the process's exit\)$/m,
    );
    expect(first.stderr).toMatch(
      /^levitate: exiting \d+ ms after the process started .*, the model not freed$/m,
    );
    expect(first.stderr).not.toMatch(/context \d+, model \d+\)$/m);
    // The write that was pending is done: this machine's state is on disk ...
    const kv = join(cache, "levitate", "kv");
    const kinds = readdirSync(kv)
      .filter((f) => f.endsWith(".json"))
      .map((f) => (JSON.parse(readFileSync(join(kv, f), "utf8")) as { kind?: string }).kind);
    expect(kinds).toContain("machine");
    // ... and the next ask loads it, and answers the same (greedy), with the same exit code.
    const second = await ask(cache, "--json", "--verbose");
    expect(second.stderr).toMatch(/loaded from this machine's saved state/);
    expect(second.code).toBe(first.code);
    expect(second.stdout).toBe(first.stdout);
    // Without --json the plain answer and its code are the same as with it.
    const plain = await ask(cache);
    expect(plain.code).toBe(first.code);
    expect(plain.stdout.trim().length).toBeGreaterThan(0);
    expect(plain.stderr).not.toMatch(/^levitate: exiting/m);
  }, 200_000);

  it("a dry run through the huge-pages restart passes the child's code and output on unchanged", async () => {
    const cache = mkdtempSync(join(dir, "cache-"));
    const direct = await ask(cache, "--json");
    const restarted = await levitate(
      [
        "ask",
        "add jq",
        "--backend",
        "llm",
        "--model",
        model,
        "--facts",
        facts,
        "--dry-run",
        "--json",
        "--verbose",
      ],
      cache,
      { LEVITATE_HUGEPAGES: "1" },
    );
    expect(restarted.stderr).toMatch(/^levitate: restarting with GLIBC_TUNABLES=/m);
    expect(restarted.stderr).toMatch(/^levitate: exiting \d+ ms after the process started/m);
    expect(restarted.code).toBe(direct.code);
    expect(restarted.stdout).toBe(direct.stdout);
  }, 200_000);
});
