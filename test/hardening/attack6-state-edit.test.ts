/**
 * Attack 6 L6: a recipe whose run() edits its own state file (ROOT/etc/recipes/NAME.rhai) during
 * `install --force`, or a user editing that file while an install runs, lost the edit: the
 * write-back replaced the file (last writer wins). The write-back now compares the file with what
 * it was before install() ran and refuses, undoing the install, instead of overwriting the change.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install } from "../../recipe/api.js";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

describe("an edit to the state file during an install is not overwritten (attack 6 L6)", () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld();
  });
  afterEach(() => w.cleanup());

  it("install --force whose run() edits the state copy: refused, the edit kept, the install undone", async () => {
    w.writeRecipe(
      "ed",
      recipe(
        "ed",
        `run(["sh", "-c", "f=\\"$RECIPE_ROOT/etc/recipes/ed.rhai\\"; if [ -f \\"$f\\" ]; then echo // user-$((1+1)) >> \\"$f\\"; fi; echo v2 > \\"$RECIPE_BUILD_DIR/ed\\""]);
install_bin("ed");`,
      ),
    );
    await install(["ed"], w.opts());
    const state = join(w.root, "etc/recipes/ed.rhai");
    const bin = join(w.root, "usr/local/bin/ed");
    expect(readFileSync(state, "utf8")).not.toContain("// user-2");
    expect(existsSync(bin)).toBe(true);

    await expect(install(["ed"], w.opts({ force: true }))).rejects.toThrow(
      /ed\.rhai was changed while the install ran .*not overwriting that change/,
    );
    const after = readFileSync(state, "utf8");
    expect(after).toContain("// user-2");
    expect(after).toContain("let installed = true;");
    // The earlier install's file is back in place: the failed one was undone.
    expect(readFileSync(bin, "utf8")).toBe("v2\n");
  });
});
