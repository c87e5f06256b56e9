import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { info, install, remove } from "../../recipe/api.js";
import { RecipeLock } from "../../recipe/lock.js";
import { makeWorld, recipe, type World } from "./fixture.js";

/**
 * Attacker 17 F1: `recipe remove lib` checked for installed dependents before it waited for lib's
 * lock. An install of app (deps: lib) holding that lock finished meanwhile, and the remove then took
 * lib away from the installed app (exit 0). The check is made again under the lock.
 */

let w: World;
beforeEach(() => {
  w = makeWorld();
  w.writeRecipe("lib", recipe("lib", "    let nothing = 0;"));
  w.writeRecipe("app", recipe("app", "    let nothing = 0;", { deps: ["lib"] }));
});
afterEach(() => w.cleanup());

const installedCopy = (name: string, deps: string[]) =>
  recipe(name, "    let nothing = 0;", { deps })
    .replace("let installed = false;", "let installed = true;")
    .replace("let installed_version = ();", 'let installed_version = "1.0";')
    .replace("let installed_at = ();", 'let installed_at = "2026-12-07T00:00:00.000Z";');

describe("recipe remove beside a running install", () => {
  it("refuses when a dependent became installed while it waited for the lock", async () => {
    await install(["lib"], w.opts());
    const libState = join(w.root, "etc/recipes/lib.rhai");
    // the running install of app holds lib's lock
    const held = await RecipeLock.acquire(libState);
    const removing = remove(["lib"], w.opts({ lockTimeoutMs: 10_000 }));
    const outcome = removing.then(
      () => "removed",
      (e: Error) => e.message,
    );
    await new Promise((r) => setTimeout(r, 300));
    // ... and finishes: app is installed, and it needs lib
    writeFileSync(join(w.root, "etc/recipes/app.rhai"), installedCopy("app", ["lib"]));
    held.release();
    expect(await outcome).toBe(
      "cannot remove lib: installed app depends on it; remove it too, or use --force",
    );
    expect(info("lib", w.opts()).state.installed).toBe(true);
  });

  it("still removes when nothing came to depend on it meanwhile", async () => {
    await install(["lib"], w.opts());
    const held = await RecipeLock.acquire(join(w.root, "etc/recipes/lib.rhai"));
    const removing = remove(["lib"], w.opts({ lockTimeoutMs: 10_000 }));
    await new Promise((r) => setTimeout(r, 300));
    held.release();
    await removing;
    expect(info("lib", w.opts()).state.installed).toBe(false);
  });
});
