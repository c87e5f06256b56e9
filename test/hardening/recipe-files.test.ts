import { execFileSync, spawnSync } from "node:child_process";
import { symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_RECIPE_FILE_BYTES } from "../../recipe/readSource.js";
import { makeWorld, type World } from "../recipe/fixture.js";

const REPO = join(import.meta.dirname, "../..");

/**
 * Attack M4: a 50 MB recipe took 43 s and 1.8 GB before it was skipped, a FIFO in a recipe
 * directory hung `recipe list` forever, a link to /dev/zero grew it until killed. Each is now
 * left out unread, in one line naming why, and the other recipes are listed.
 */
describe("recipe files that are not small regular files are left out unread (M4)", () => {
  let w: World;
  afterEach(() => w.cleanup());

  it("a FIFO, a link to /dev/zero and a file over the cap: list finishes at once, each skipped with its reason", () => {
    w = makeWorld();
    w.writeRecipe(
      "t-ok",
      'let pkg = #{ name: "t-ok", version: "1.0", description: "fine" };\nfn install() {}\n',
    );
    execFileSync("mkfifo", [join(w.recipes, "t-fifo.rhai")]);
    symlinkSync("/dev/zero", join(w.recipes, "t-zero.rhai"));
    const giant = w.writeRecipe("t-giant", 'let pkg = #{ name: "t-giant", version: "1.0", description: "');
    truncateSync(giant, MAX_RECIPE_FILE_BYTES + 1);
    // The state directory is on the search path too: a FIFO there must not hang every command.
    execFileSync("mkdir", ["-p", join(w.root, "etc/recipes")]);
    execFileSync("mkfifo", [join(w.root, "etc/recipes/t-state-fifo.rhai")]);
    writeFileSync(join(w.root, "etc/recipes/.keep"), "");

    const t = Date.now();
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(REPO, "cli/recipe.ts"),
        "list",
        "--root",
        w.root,
        "--recipes",
        w.recipes,
        "--no-progress",
      ],
      { cwd: REPO, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1", TMPDIR: w.dir } },
    );
    expect(r.signal, "recipe list hung or was killed").toBeNull();
    expect(Date.now() - t).toBeLessThan(50_000);
    expect(r.stdout).toContain("t-ok");
    expect(r.stderr).toMatch(/skipped t-fifo:.*not a regular file/);
    expect(r.stderr).toMatch(/skipped t-zero:.*not a regular file/);
    expect(r.stderr).toMatch(
      new RegExp(
        `skipped t-giant:.*${MAX_RECIPE_FILE_BYTES + 1} bytes, over the ${MAX_RECIPE_FILE_BYTES}-byte cap`,
      ),
    );
    expect(r.stderr).toMatch(/skipped t-state-fifo:.*not a regular file/);
  }, 60_000);
});
