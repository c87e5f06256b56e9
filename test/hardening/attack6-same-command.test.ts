import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install } from "../../recipe/api.js";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

/**
 * Attack 6 C2: two recipes of one `recipe install` (named together, or one through a dependency)
 * that both install /usr/local/bin/tool: the second backed up the first one's fresh file over the
 * backup of the user's own, so the user's file was lost for good (and a failing command's
 * rollback deleted it outright). The second claim is now refused, naming both, and the command
 * rolls back to the user's file.
 */
describe("two recipes of one command never install the same path (attack 6 C2)", () => {
  let w: World;
  const tool = () => join(w.root, "usr/local/bin/tool");
  const makesTool = (name: string, extra: { deps?: string[] } = {}) =>
    w.writeRecipe(
      name,
      recipe(
        name,
        `    run(["sh", "-c", "echo ${name} > \\"$RECIPE_BUILD_DIR/tool\\""]);\n    install_bin("tool");`,
        extra,
      ),
    );
  const userFileIntact = () => {
    expect(readFileSync(tool(), "utf8")).toBe("USER'S OWN PRECIOUS TOOL\n");
    expect(readdirSync(join(w.root, "usr/local/bin")).sort()).toEqual(["tool"]);
  };

  beforeEach(() => {
    w = makeWorld();
    mkdirSync(join(w.root, "usr/local/bin"), { recursive: true });
    writeFileSync(tool(), "USER'S OWN PRECIOUS TOOL\n");
    makesTool("one");
    makesTool("two");
  });
  afterEach(() => w.cleanup());

  it("named together: refused naming both recipes and the path; the user's file is back, no state written", async () => {
    const err = await install(["one", "two"], w.opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      /\/usr\/local\/bin\/tool is also installed by one in this same command/,
    );
    userFileIntact();
    expect(existsSync(join(w.root, "etc/recipes/one.rhai"))).toBe(false);
    expect(existsSync(join(w.root, "etc/recipes/two.rhai"))).toBe(false);
  });

  it("through a dependency (one name given), and when the later recipe would fail anyway", async () => {
    makesTool("lib");
    makesTool("app", { deps: ["lib"] });
    const err = await install(["app"], w.opts()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/tool is also installed by lib in this same command/);
    userFileIntact();

    w.writeRecipe(
      "app2",
      recipe(
        "app2",
        `    run(["sh", "-c", "echo app2 > \\"$RECIPE_BUILD_DIR/tool\\""]);\n    install_bin("tool");\n    throw "boom";`,
        { deps: ["lib"] },
      ),
    );
    await expect(install(["app2"], w.opts())).rejects.toThrow();
    userFileIntact();
  });

  it("--force with one installed: refused, one's file and the user's backup both kept", async () => {
    await install(["one"], w.opts());
    expect(readFileSync(tool(), "utf8")).toBe("one\n");
    const err = await install(["one", "two"], w.opts({ force: true })).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/tool is also installed by one in this same command/);
    expect(readFileSync(tool(), "utf8")).toBe("one\n");
    expect(readFileSync(join(w.root, "usr/local/bin/.tool.recipe-orig"), "utf8")).toBe(
      "USER'S OWN PRECIOUS TOOL\n",
    );
    expect(readFileSync(join(w.root, "etc/recipes/one.rhai"), "utf8")).toContain("let installed = true;");
    expect(existsSync(join(w.root, "etc/recipes/two.rhai"))).toBe(false);
  });

  it("separate commands still work: the second with --force takes the file over and the user's backup stays", async () => {
    await install(["one"], w.opts());
    await install(["two"], w.opts({ force: true }));
    expect(readFileSync(tool(), "utf8")).toBe("two\n");
    expect(readFileSync(join(w.root, "usr/local/bin/.tool.recipe-orig"), "utf8")).toBe(
      "USER'S OWN PRECIOUS TOOL\n",
    );
  });
});
