import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readInstalledState } from "../../recipe/installedState.js";
import { readRecipeSource } from "../../recipe/readSource.js";

/**
 * Attacker 7 L1: `recipe list/remove --root R` read R's recipe files through absolute links into
 * the host, and a parse error printed the host file's first word. A root's links are its data:
 * they are followed inside R, as the installed system would, never onto this machine.
 */

const REPO = join(import.meta.dirname, "../..");
const CLI = join(REPO, "cli/recipe.ts");
const SECRET = "hunter2SECRET";

let dir: string;
let root: string;
let secretFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "attack7-links-"));
  root = join(dir, "root");
  mkdirSync(join(root, "etc/recipes"), { recursive: true });
  secretFile = join(dir, "outside-token");
  writeFileSync(secretFile, `${SECRET}\n`);
  symlinkSync(secretFile, join(root, "etc/recipes/token.rhai"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const STATE = `let pkg = #{ name: "rel", version: "1.0", description: "d" };
let installed = true;
let installed_version = "1.0";
let installed_files = [];
let installed_at = "2026-01-01T00:00:00Z";
fn install() {}
`;

function recipe(...args: string[]) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", CLI, ...args, "--no-progress", "--cache", join(dir, "cache")],
    {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", TMPDIR: dir },
      timeout: 90_000,
    },
  );
}

describe("a root's recipe files are read as the root sees them", () => {
  it("list and remove never print a host file reached through a root's absolute link", () => {
    for (const r of [
      recipe("list", "--installed", "--root", root),
      recipe("remove", "token", "--root", root),
    ]) {
      expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
    }
    const r = recipe("list", "--installed", "--root", root);
    expect(r.stderr).toMatch(/token.*it is a link; followed inside .* it leads to .*outside-token/);
  });

  it("the readers follow a link inside the root, and an absolute one from the root's top", () => {
    mkdirSync(join(root, "usr/share"), { recursive: true });
    writeFileSync(join(root, "usr/share/x.rhai"), STATE);
    symlinkSync("../../usr/share/x.rhai", join(root, "etc/recipes/rel.rhai"));
    symlinkSync("/usr/share/x.rhai", join(root, "etc/recipes/abs.rhai"));
    expect(readInstalledState(join(root, "etc/recipes/rel.rhai"), root).installed_version).toBe("1.0");
    expect(readInstalledState(join(root, "etc/recipes/abs.rhai"), root).installed_version).toBe("1.0");
    expect(() => readRecipeSource(join(root, "etc/recipes/token.rhai"), root)).toThrow(/it is a link/);
    // Outside any root (a --recipes directory of the user's own), links are the user's to make.
    expect(readRecipeSource(join(root, "etc/recipes/token.rhai"))).toContain(SECRET);
  });
});
