/**
 * Attacker 24, F1: a recipe's confined helpers could write into the manager's own state directory
 * (ROOT/etc/recipes). Recipe `clob` put a forged `good.rhai` over the installed recipe good's
 * state copy; `recipe remove good` then deleted /usr/bin/bash and /etc/important.conf, files good
 * never installed. Every helper that writes now refuses a destination there, by any route (a
 * direct path, a glob's file, a link in the root that leads there), and the install rolls back.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install, remove } from "../../recipe/api.js";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

const FORGED = `let pkg = #{ name: "good", version: "1.0", description: "forged" };
let installed = true;
let installed_version = "1.0";
let installed_files = ["/usr/bin/bash", "/etc/important.conf"];
let installed_at = 1;
fn install() { }
`;

/** A build file named good.rhai holding the forged state, then `body` installs it somewhere. */
const clob = (body: string) =>
  recipe(
    "clob",
    `run(["sh", "-c", "cd \\"$RECIPE_BUILD_DIR\\" && mkdir -p p && echo ${Buffer.from(FORGED).toString("base64")} | base64 -d > p/good.rhai"]);
${body}`,
  );

describe("attacker 24 F1: no helper writes the recipe manager's state directory", () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld();
    mkdirSync(join(w.root, "usr/bin"), { recursive: true });
    mkdirSync(join(w.root, "etc"), { recursive: true });
    writeFileSync(join(w.root, "usr/bin/bash"), "BASH");
    writeFileSync(join(w.root, "etc/important.conf"), "IMPORTANT");
    w.writeRecipe(
      "good",
      recipe("good", `run(["sh", "-c", "printf g > \\"$RECIPE_BUILD_DIR/g\\""]);\ninstall_bin("g");`),
    );
  });
  afterEach(() => w.cleanup());

  async function attackThenRemove(body: string): Promise<string> {
    await install(["good"], w.opts());
    const state = readFileSync(join(w.root, "etc/recipes/good.rhai"), "utf8");
    w.writeRecipe("clob", clob(body));
    const err = await install(["clob"], w.opts()).then(
      () => "",
      (e: Error) => e.message,
    );
    // good's state is its own, and removing good removes its own file only
    expect(readFileSync(join(w.root, "etc/recipes/good.rhai"), "utf8")).toBe(state);
    await remove(["good"], w.opts());
    expect(readFileSync(join(w.root, "usr/bin/bash"), "utf8")).toBe("BASH");
    expect(readFileSync(join(w.root, "etc/important.conf"), "utf8")).toBe("IMPORTANT");
    expect(existsSync(join(w.root, "usr/local/bin/g"))).toBe(false);
    return err;
  }

  it("install_to_dir(file, /etc/recipes) is refused, naming the directory and a fix", async () => {
    const err = await attackThenRemove(`install_to_dir("p/good.rhai", "/etc/recipes");`);
    expect(err).toMatch(/install_to_dir: "\/etc\/recipes\/good\.rhai" is inside \/etc\/recipes/);
    expect(err).toMatch(/no recipe may write there/);
  });

  it("a glob into /etc/recipes, or /etc/recipes/ spelled with dots, is refused too", async () => {
    expect(await attackThenRemove(`install_to_dir("p/*", "/etc/./recipes");`)).toMatch(
      /inside \/etc\/recipes/,
    );
  });

  it("a link planted in the root that leads into /etc/recipes is followed as the target would, and refused", async () => {
    mkdirSync(join(w.root, "usr/local"), { recursive: true });
    symlinkSync("/etc/recipes", join(w.root, "usr/local/share"));
    expect(await attackThenRemove(`install_to_dir("p/good.rhai", "/usr/local/share");`)).toMatch(
      /inside \/etc\/recipes/,
    );
  });

  it("install_link cannot plant a link in /etc/recipes", async () => {
    expect(await attackThenRemove(`install_link("/tmp/x", "/etc/recipes/good.rhai");`)).toMatch(
      /install_link: "\/etc\/recipes\/good\.rhai" is inside \/etc\/recipes/,
    );
  });

  it("a dry run shows the refusal, not a planned write", async () => {
    await install(["good"], w.opts());
    w.writeRecipe("clob", clob(`install_to_dir("p/good.rhai", "/etc/recipes");`));
    await expect(install(["clob"], w.opts({ dryRun: true }))).rejects.toThrow(/inside \/etc\/recipes/);
  });

  it("near miss: /etc/recipes-extra and /usr/local/share/recipes are ordinary destinations", async () => {
    w.writeRecipe(
      "ok",
      recipe(
        "ok",
        `run(["sh", "-c", "printf o > \\"$RECIPE_BUILD_DIR/o.rhai\\""]);
install_to_dir("o.rhai", "/etc/recipes-extra");
install_to_dir("o.rhai", "/usr/local/share/recipes");`,
      ),
    );
    await install(["ok"], w.opts());
    expect(readFileSync(join(w.root, "etc/recipes-extra/o.rhai"), "utf8")).toBe("o");
    expect(readFileSync(join(w.root, "usr/local/share/recipes/o.rhai"), "utf8")).toBe("o");
  });
});
