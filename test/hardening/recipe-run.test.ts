import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, type World } from "../recipe/fixture.js";

const REPO = join(import.meta.dirname, "../..");

function recipe(w: World, args: string[]) {
  return spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      join(REPO, "cli/recipe.ts"),
      ...args,
      "--root",
      w.root,
      "--recipes",
      w.recipes,
      "--no-progress",
    ],
    { cwd: REPO, encoding: "utf8", timeout: 90_000, env: { ...process.env, NO_COLOR: "1", TMPDIR: w.dir } },
  );
}

/**
 * Attack M5: recipes.md said every helper is confined, and run() is not. Chosen: run() stays what
 * a package's scripts are (unconfined, as the caller), and the docs say so plainly; --dry-run is
 * the review and must list every run() with its exact argv without running it.
 */
describe("run() in a recipe: unconfined, documented, and shown by --dry-run (M5)", () => {
  let w: World;
  afterEach(() => w.cleanup());

  it("--dry-run lists the exact argv and runs nothing; the install runs it on the host, as documented", () => {
    w = makeWorld();
    const mark = join(w.dir, "RUN_ESCAPE");
    w.writeRecipe(
      "t-run",
      `let pkg = #{ name: "t-run", version: "1.0", description: "runs a program" };\nfn install() { run(["touch", "${mark}"]); }\n`,
    );
    const dry = recipe(w, ["install", "t-run", "--dry-run"]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stderr).toContain(`dry-run run touch ${mark} (in `);
    expect(existsSync(mark)).toBe(false);

    const real = recipe(w, ["install", "t-run"]);
    expect(real.status, real.stderr).toBe(0);
    expect(existsSync(mark)).toBe(true);

    const docs = readFileSync(join(REPO, "docs/recipes.md"), "utf8");
    expect(docs).toContain("Every one except `run` is confined");
    expect(docs).toContain("**`run(argv)` is not confined.**");
  }, 120_000);
});
