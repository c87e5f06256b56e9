import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { install, listRecipes } from "../../recipe/api.js";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

const tool = (name: string, text: string) =>
  recipe(name, `    run(["sh", "-c", "echo ${text} > tool"]);\n    install_bin("tool");`);

/**
 * Attack M13: two recipes installing the same file were both "installed", the second's backup
 * treated the first's binary as the user's file, and removing the first left the second listed as
 * installed with the first's program. A file another installed recipe recorded is now a conflict.
 */
describe("two recipes claiming one file (M13)", () => {
  let w: World;
  afterEach(() => w.cleanup());

  it("the second install is refused naming the owner; the first's file and state stay; --force takes it over", async () => {
    w = makeWorld();
    w.writeRecipe("t-good", tool("t-good", "tool"));
    w.writeRecipe("t-good2", tool("t-good2", "tool2"));
    await install(["t-good"], w.opts());
    const bin = join(w.root, "usr/local/bin/tool");
    expect(readFileSync(bin, "utf8")).toBe("tool\n");

    await expect(install(["t-good2"], w.opts())).rejects.toThrow(
      "/usr/local/bin/tool belongs to the installed recipe t-good: remove t-good first (recipe remove t-good), or install with --force",
    );
    expect(readFileSync(bin, "utf8")).toBe("tool\n");
    const state = Object.fromEntries(
      listRecipes([w.recipes], w.root, w.opts()).map((r) => [r.name, r.installed]),
    );
    expect(state).toEqual({ "t-good": true, "t-good2": false });

    await install(["t-good2"], w.opts({ force: true }));
    expect(readFileSync(bin, "utf8")).toBe("tool2\n");
  }, 60_000);

  it("reinstalling the same recipe over its own files is no conflict", async () => {
    w = makeWorld();
    w.writeRecipe("t-good", tool("t-good", "tool"));
    await install(["t-good"], w.opts());
    await install(["t-good"], w.opts({ force: true }));
    expect(readFileSync(join(w.root, "usr/local/bin/tool"), "utf8")).toBe("tool\n");
  }, 60_000);
});
