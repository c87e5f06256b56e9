/**
 * `levitate model bake` (what `leviso build` runs when the profile ships a model): the fixed
 * prefix's state of both modes lands in `<model dir>/kv/` with the model's sha256 beside it, and a
 * first start on a machine with an empty cache (the ISO's first boot) loads it: no prefix is
 * evaluated, no state is written to the cache, the model is not hashed.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INSTALLED_FACTS, writeTinyModel } from "./tinyModel.js";

const root = join(import.meta.dirname, "..", "..");

function levitate(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", join(root, "cli/levitate.ts"), ...args],
      { cwd: root, env: { ...process.env, LEVITATE_MODEL: "", NO_COLOR: "1", ...env }, timeout: 120_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
}

describe("levitate model bake", () => {
  it("bakes both modes' prefix states next to the model; a first start with an empty cache loads them", async () => {
    const tmp = mkdtempSync(join(os.tmpdir(), "levitate-bake-"));
    const modelDir = join(tmp, "usr/lib/levitate/models");
    mkdirSync(modelDir, { recursive: true });
    const model = writeTinyModel({ seed: 7 }, modelDir);
    const buildCache = join(tmp, "build-cache");
    const bake = await levitate(["model", "bake", "--model", model, "--threads", "1", "--json"], {
      XDG_CACHE_HOME: buildCache,
    });
    expect(bake.code, bake.stderr).toBe(0);
    const r = JSON.parse(bake.stdout) as {
      dir: string;
      shaFile: string;
      states: { mode: string; file: string }[];
    };
    expect(r.dir).toBe(join(modelDir, "kv"));
    expect(r.states.map((s) => s.mode)).toEqual(["live", "installed"]);
    for (const s of r.states)
      expect(existsSync(s.file) && existsSync(s.file.replace(/\.kvstate$/, ".json"))).toBe(true);
    expect(existsSync(r.shaFile)).toBe(true);

    // First boot: an empty cache.
    const bootCache = join(tmp, "boot-cache");
    const facts = join(tmp, "facts.json");
    writeFileSync(facts, JSON.stringify(INSTALLED_FACTS));
    const ask = await levitate(
      [
        "ask",
        "--backend",
        "llm",
        "--model",
        model,
        "--threads",
        "1",
        "--facts",
        facts,
        "--dry-run",
        "--json",
        "--verbose",
        "add ripgrep",
      ],
      { XDG_CACHE_HOME: bootCache },
    );
    // The tiny model may answer with a reply: `ask` then exits 1, nothing planned (README).
    expect([0, 1], ask.stderr).toContain(ask.code);
    const installed = r.states.find((s) => s.mode === "installed")?.file as string;
    expect(ask.stderr).toMatch(/fixed prefix \d+ tokens loaded from its saved state/);
    expect(ask.stderr).not.toMatch(/saved prefix state not used/);
    // Not rebuilt into the cache (only this machine's own state, system block and facts, is saved
    // there, for the next ask), and the model was not hashed (no sha256 memo was needed).
    const cached = readdirSync(join(bootCache, "levitate", "kv")).filter((n) => n.endsWith(".json"));
    expect(cached.length).toBe(1);
    for (const n of cached)
      expect(JSON.parse(readFileSync(join(bootCache, "levitate", "kv", n), "utf8")).kind).toBe("machine");
    expect(existsSync(join(bootCache, "levitate", "sha256"))).toBe(false);
    expect(readdirSync(join(modelDir, "kv"))).toContain(installed.split("/").at(-1));
  }, 240_000);

  it("a sidecar sha256 for another file (other size) is ignored: the model is hashed and the state rebuilt", async () => {
    const tmp = mkdtempSync(join(os.tmpdir(), "levitate-bake-"));
    const modelDir = join(tmp, "models");
    mkdirSync(join(modelDir, "kv"), { recursive: true });
    const model = writeTinyModel({ seed: 7 }, modelDir);
    const name = model.split("/").at(-1) as string;
    writeFileSync(
      join(modelDir, "kv", `${name}.sha256.json`),
      JSON.stringify({ file: name, size: 1, mtimeS: 0, sha256: "0".repeat(64) }),
    );
    const facts = join(tmp, "facts.json");
    writeFileSync(facts, JSON.stringify(INSTALLED_FACTS));
    const cache = join(tmp, "cache");
    const ask = await levitate(
      [
        "ask",
        "--backend",
        "llm",
        "--model",
        model,
        "--threads",
        "1",
        "--facts",
        facts,
        "--dry-run",
        "--json",
        "--verbose",
        "add ripgrep",
      ],
      { XDG_CACHE_HOME: cache },
    );
    // The tiny model may answer with a reply: `ask` then exits 1, nothing planned (README).
    expect([0, 1], ask.stderr).toContain(ask.code);
    expect(ask.stderr).toMatch(/fixed prefix \d+ tokens evaluated and saved/);
    expect(existsSync(join(cache, "levitate", "sha256", `${name}.json`))).toBe(true);
  }, 240_000);
});
