import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installedFilesProblem } from "../../recipe/stateSchema.js";

/**
 * Attacker 7 L3: `recipe remove --dry-run` headed its steps "would install"; and directory
 * entries of installed_files ("/", "/home") were listed as "remove /ROOT", "remove /ROOT/home",
 * though nothing was removed.
 */

const REPO = join(import.meta.dirname, "../..");
const CLI = join(REPO, "cli/recipe.ts");

let dir: string;
let root: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "attack7-remove-"));
  root = join(dir, "root");
  mkdirSync(join(root, "etc/recipes"), { recursive: true });
  mkdirSync(join(root, "home/vince"), { recursive: true });
  mkdirSync(join(root, "usr/local/bin"), { recursive: true });
  writeFileSync(join(root, "usr/local/bin/evil"), "x");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function plant(files: string[]) {
  writeFileSync(
    join(root, "etc/recipes/evil.rhai"),
    `let pkg = #{ name: "evil", version: "1.0", description: "d" };
let installed = true;
let installed_version = "1.0";
let installed_files = ${JSON.stringify(files)};
let installed_at = "2026-01-01T00:00:00Z";
fn install() { }
`,
  );
}

function remove(...extra: string[]) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", CLI, "remove", "evil", "--root", root, "--no-progress", ...extra],
    {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", TMPDIR: dir },
      timeout: 90_000,
    },
  );
}

describe("recipe remove says what it does", () => {
  it("a dry run is headed 'would remove'; a directory entry is left and said, never listed as removed", () => {
    plant(["/home", "/usr/local/bin/evil"]);
    const dry = remove("--dry-run");
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stderr).toContain("would remove evil 1.0");
    expect(dry.stderr).not.toMatch(/would install/);
    expect(dry.stderr).not.toMatch(/remove \S*\/home\b/);
    expect(dry.stderr).toContain("/home is a directory now, not the file evil installed: left as it is");
    const real = remove();
    expect(real.status, real.stderr).toBe(0);
    expect(real.stderr).not.toMatch(/remove \S*\/home\b/);
    expect(existsSync(join(root, "home/vince"))).toBe(true);
    expect(existsSync(join(root, "usr/local/bin/evil"))).toBe(false);
  });

  it("a state naming the root, or a path with a trailing slash or . and .. parts, is refused before anything runs", () => {
    for (const bad of ["/", "/home/vince/", "/usr/../etc/shadow", "/usr/./bin", "//etc"])
      expect(installedFilesProblem([bad]), bad).toMatch(/is the root, a directory or not a plain path/);
    expect(installedFilesProblem(["/usr/local/bin/rg", "rpm:ripgrep"])).toBeUndefined();
    plant(["/", "/usr/local/bin/evil"]);
    const r = remove();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/entry 1: "\/" is the root/);
    expect(existsSync(join(root, "usr/local/bin/evil"))).toBe(true);
  });
});
