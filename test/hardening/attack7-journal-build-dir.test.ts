import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, type World } from "../recipe/fixture.js";

/**
 * Attacker 7 L2: a journal planted in a root named a build directory of the host
 * (`/tmp/recipe-build-XXXXXX`, the pattern recipe makes), and even `recipe list --root R` deleted
 * it: another install's build directory, live, could go. Only a directory whose mark names the
 * journal's own pid and file may be removed.
 */

const REPO = join(import.meta.dirname, "../..");
const CLI = join(REPO, "cli/recipe.ts");

function recipe(w: World, ...args: string[]) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", CLI, ...args, "--root", w.root, "--recipes", w.recipes, "--no-progress"],
    {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", TMPDIR: w.dir },
      timeout: 120_000,
    },
  );
}

function plantJournal(w: World, buildRoot: string): string {
  const sd = join(w.root, "etc/recipes");
  mkdirSync(sd, { recursive: true });
  const f = join(sd, ".recipe-txn-999998.journal");
  writeFileSync(f, `${JSON.stringify({ pid: 999998, host: hostname(), locks: [], buildRoot })}\n`);
  return f;
}

describe("recovery removes only the build directory its journal marked", () => {
  let w: World;
  afterEach(() => w.cleanup());

  it("a crafted journal naming another process's build directory leaves it alone", () => {
    w = makeWorld();
    const other = join(w.dir, "recipe-build-a7AAAA");
    mkdirSync(join(other, "tool/src"), { recursive: true });
    writeFileSync(join(other, "tool/src/work"), "BUSY");
    // Another install's mark, naming its own journal (in another root).
    writeFileSync(
      join(other, ".recipe-journal"),
      `4242 ${join(w.dir, "elsewhere/etc/recipes/.recipe-txn-4242.journal")}\n`,
    );
    plantJournal(w, other);
    const r = recipe(w, "list", "--installed");
    expect(readFileSync(join(other, "tool/src/work"), "utf8")).toBe("BUSY");
    expect(r.stderr).toMatch(/recipe-build-a7AAAA.*left in place/);

    const unmarked = join(w.dir, "recipe-build-a7BBBB");
    mkdirSync(unmarked);
    writeFileSync(join(unmarked, "work"), "BUSY");
    plantJournal(w, unmarked);
    recipe(w, "list", "--installed");
    expect(existsSync(join(unmarked, "work"))).toBe(true);
  });
});
