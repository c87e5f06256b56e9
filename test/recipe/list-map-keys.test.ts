/**
 * Attacker 27 M4 through the CLI: one recipe whose top level builds a map with long keys stalled
 * `recipe list` and `recipe search` for minutes (600 keys: 50 s). It now fails at once with the
 * recipe's name and the limit, and the other recipes are listed.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "list-map-keys-"));
const recipes = join(dir, "recipes");
const root = join(dir, "root");
mkdirSync(recipes);
mkdirSync(root);
copyFileSync(join(ROOT, "recipes/fd.rhai"), join(recipes, "fd.rhai"));
writeFileSync(
  join(recipes, "mk.rhai"),
  `let s = "k"; for i in 0..19 { s += s }
let m = #{}; for i in 0..3000 { m[s + i] = 1 }
let pkg = #{ name: "mk", version: "1.0", description: "t" };
let installed = false;
let installed_version = ();
let installed_files = [];
let installed_at = ();
fn install() { }
`,
);

async function recipe(args: string[]) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", join(ROOT, "cli/recipe.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe("a recipe with long map keys fails fast; list and search go on", () => {
  it.each([["list"], ["search", "fd"]])("recipe %s", async (...cmd) => {
    const t0 = Date.now();
    const r = await recipe([...cmd, "--recipes", recipes, "--root", root]);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fd\s+/m);
    expect(r.stderr).toMatch(/skipped mk: .*String length exceeds the limit of 1048576 characters/);
  });
});
