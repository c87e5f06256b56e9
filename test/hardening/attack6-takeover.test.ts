import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install, remove } from "../../recipe/api.js";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

/**
 * Attack 6 M10: after `install two --force` took /usr/local/bin/x over from recipe one, one's
 * file was kept as x's ".recipe-orig" (as if it were the user's), and upgrading or removing one
 * deleted two's x and put one's old binary back. A taken-over file is now the new owner's: no
 * backup of it is kept, and the old owner's upgrade or removal leaves it alone.
 */
describe("a file taken over with --force belongs to the recipe that took it (attack 6 M10)", () => {
  let w: World;
  const bin = (f: string) => join(w.root, "usr/local/bin", f);
  const makes = (name: string, files: Record<string, string>, version = "1.0") =>
    recipe(
      name,
      Object.entries(files)
        .map(
          ([f, text]) =>
            `    run(["sh", "-c", "echo ${text} > \\"$RECIPE_BUILD_DIR/${f}\\""]);\n    install_bin("${f}");`,
        )
        .join("\n"),
      { version },
    );

  beforeEach(async () => {
    w = makeWorld();
    w.writeRecipe("one", makes("one", { t: "one", x: "one-x" }));
    w.writeRecipe("two", makes("two", { x: "two-x" }));
    await install(["one"], w.opts());
    await install(["two"], w.opts({ force: true }));
  });
  afterEach(() => w.cleanup());

  it("no .recipe-orig is kept for the taken file", () => {
    expect(readFileSync(bin("x"), "utf8")).toBe("two-x\n");
    expect(readdirSync(join(w.root, "usr/local/bin")).sort()).toEqual(["t", "x"]);
  });

  it("upgrading one to a version without x leaves two's x as it is", async () => {
    w.writeRecipe("one", makes("one", { t: "one2" }, "2.0"));
    await install(["one"], w.opts());
    expect(readFileSync(bin("t"), "utf8")).toBe("one2\n");
    expect(readFileSync(bin("x"), "utf8")).toBe("two-x\n");
  });

  it("removing one leaves two's x; removing two then removes it, with no stale binary put back", async () => {
    await remove(["one"], w.opts());
    expect(existsSync(bin("t"))).toBe(false);
    expect(readFileSync(bin("x"), "utf8")).toBe("two-x\n");
    await remove(["two"], w.opts());
    expect(existsSync(bin("x"))).toBe(false);
  });
});
