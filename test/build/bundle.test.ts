import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleCli, ENTRIES } from "../../scripts/bundle.js";

/**
 * `npm run build` bundles the CLI entry points (scripts/bundle.ts): the installed commands and the
 * ISO run the bundle. Built here into a scratch package (its package.json, node_modules and
 * recipes linked), so what the commands find from their own path is found as when installed.
 */

const ROOT = join(import.meta.dirname, "../..");
let pkg: string;
let facts: string;

function run(args: string[], trace?: string): { code: number | null; out: string } {
  const r = spawnSync(
    process.execPath,
    [...(trace ? ["--import", join(ROOT, "test/chat/fixtures/load-trace.mjs")] : []), ...args],
    {
      cwd: pkg,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", ...(trace ? { LEVITATE_LOAD_TRACE: trace } : {}) },
      timeout: 120_000,
    },
  );
  return { code: r.status, out: r.stdout + r.stderr };
}

describe("the bundled CLI (scripts/bundle.ts)", () => {
  beforeAll(async () => {
    pkg = mkdtempSync(join(tmpdir(), "levitate-bundle-"));
    copyFileSync(join(ROOT, "package.json"), join(pkg, "package.json"));
    symlinkSync(join(ROOT, "node_modules"), join(pkg, "node_modules"));
    symlinkSync(join(ROOT, "recipes"), join(pkg, "recipes"));
    mkdirSync(join(pkg, "dist"));
    await bundleCli(join(pkg, "dist/cli"));
    facts = join(pkg, "facts.json");
    writeFileSync(
      facts,
      JSON.stringify({ mode: "installed", users: ["root"], recipes: ["fd", "ripgrep"], installed: ["fd"] }),
    );
  }, 120_000);
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));

  it("writes every entry, bins first", () => {
    const bins = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).bin as Record<string, string>;
    for (const bin of Object.values(bins)) expect(existsSync(join(pkg, bin)), bin).toBe(true);
    for (const name of Object.keys(ENTRIES))
      expect(existsSync(join(pkg, "dist/cli", `${name}.js`)), name).toBe(true);
  });

  it("levitate ask answers from a few files: our modules and zod's are in the bundle", () => {
    const trace = join(pkg, "trace.txt");
    writeFileSync(trace, "");
    const r = run(
      ["dist/cli/levitate.js", "ask", "what is installed?", "--facts", facts, "--backend", "rules"],
      trace,
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("fd");
    const loaded = readFileSync(trace, "utf8").split("\n").filter(Boolean);
    // unbundled: 157 of ours (and 95 of zod's, which the trace does not list); bundled: about 55
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.length).toBeLessThan(100);
    for (const url of loaded) expect(url).toContain(`${pkg}/dist/cli/`);
  }, 150_000);

  it("an install's dry run plans in the worker beside the bundle", () => {
    const r = run([
      "dist/cli/levitate.js",
      "ask",
      "add ripgrep",
      "--dry-run",
      "--facts",
      facts,
      "--backend",
      "rules",
    ]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/install .*\/usr\/local\/bin\/rg/);
    expect(r.out).toContain("Dry run: nothing was changed.");
  }, 150_000);

  it("--backend llm reaches the llm module, which agent/backend.ts imports by a computed name", () => {
    const r = run([
      "dist/cli/levitate.js",
      "ask",
      "add ripgrep",
      "--facts",
      facts,
      "--backend",
      "llm",
      "--model",
      join(pkg, "missing.gguf"),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("missing.gguf does not exist");
    expect(r.out).not.toContain("Cannot find module");
  }, 150_000);

  it("recipe, leviso and rhai-run start", () => {
    expect(run(["dist/cli/recipe.js", "--help"]).out).toContain("Usage: recipe");
    expect(run(["dist/cli/leviso.js", "--help"]).out).toContain("Usage: leviso");
    const script = join(pkg, "a.rhai");
    writeFileSync(script, "print(40 + 2);");
    const r = run(["dist/cli/rhai-run.js", script]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("42");
  }, 150_000);
});
