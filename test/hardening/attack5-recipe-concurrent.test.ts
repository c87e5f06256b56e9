import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

/**
 * Attacker 5, F6: two `recipe install` of different recipes into one root at once both recorded
 * the same file (the owners are read from installed states, written only at an install's end).
 * Installs into one root now take turns (recipe/api.ts), so the second sees the first's file.
 */
const ROOT = join(import.meta.dirname, "../..");
const CLI = join(ROOT, "cli/recipe.ts");

let world: World | undefined;
afterEach(() => {
  world?.cleanup();
  world = undefined;
});

describe("two installs of different recipes into one root at once (attack5 F6)", () => {
  it("the second is refused for the file the first installed; only one owns it", async () => {
    const w = makeWorld();
    world = w;
    const started = join(w.dir, "da.started");
    writeFileSync(join(w.dir, "blob"), "blob\n");
    w.writeRecipe(
      "da",
      recipe(
        "da",
        `  download("file://${join(w.dir, "blob")}");
  install_lib("blob");
  run(["sh", "-c", "touch ${started}; sleep 4"]);`,
      ),
    );
    w.writeRecipe("db", recipe("db", `  download("file://${join(w.dir, "blob")}");\n  install_lib("blob");`));
    const install = (name: string) => {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          CLI,
          "install",
          name,
          "--root",
          w.root,
          "--recipes",
          w.recipes,
          "--cache",
          w.cache,
          "--no-progress",
        ],
        {
          cwd: ROOT,
          env: { ...process.env, NO_COLOR: "1", RECIPE_MIRRORS: "", TMPDIR: w.dir },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      child.stdout.on("data", (b) => (out += b));
      child.stderr.on("data", (b) => (out += b));
      return new Promise<{ code: number | null; out: string }>((r) =>
        child.on("exit", (code) => r({ code, out })),
      );
    };
    const a = install("da");
    const deadline = Date.now() + 90_000;
    while (!existsSync(started)) {
      if (Date.now() > deadline) throw new Error("da never reached its run step");
      await new Promise((r) => setTimeout(r, 100));
    }
    // da has installed /usr/local/lib/blob and is still running: its state is not written yet
    const b = install("db");
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.code).toBe(0);
    expect(rb.code).not.toBe(0);
    expect(rb.out).toMatch(/belongs to the installed recipe da/);
    expect(readFileSync(join(w.root, "etc/recipes/da.rhai"), "utf8")).toMatch(/usr\/local\/lib\/blob/);
    expect(existsSync(join(w.root, "etc/recipes/db.rhai"))).toBe(false);
  }, 180_000);
});
