/**
 * Attacker 27, against last round's dry-run warning (recipe/hiddenRuns.ts):
 * - H5: `argv.run()` (a method call is run(argv)), `a.map("run")` and `a.map(n)` with n = "r" + "un"
 *   ran a host command in a catch branch the dry run never takes, with no warning.
 * - H6: a run() the dry run reaches showed `sh -c true`; its argv was set in a catch, and the real
 *   run executed another command. Every helper succeeds in a dry run, so no catch is ever followed:
 *   a try in the recipe is now said to make the list unsure.
 * - M9: a recipe with no run() at all replaced a shipped recipe in /usr/lib/levitate/recipes (its
 *   install() ran as root at the next `recipe install`) and wrote among the toolkit's own code;
 *   only /etc/recipes was refused.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install, planInstall } from "../../recipe/api.js";
import { runSites } from "../../recipe/hiddenRuns.js";
import { fetchToolLines, makeWorld, recipe, type World } from "../recipe/fixture.js";

let w: World;
let fetchTool: string;
beforeEach(() => {
  w = makeWorld();
  fetchTool = `${fetchToolLines(w)}    install_bin("bin/tool");\n`;
});
afterEach(() => w.cleanup());

const warningOf = async (name: string) => {
  const plan = await planInstall([name], w.opts());
  return plan.guesses?.find((g) => g.recipe === name);
};

describe("H5: run() reached by method syntax or by a name given as a value is warned", () => {
  it.each([
    ["meth", (m: string) => `["sh", "-c", "echo x > ${m}"].run();`],
    ["meth2", (m: string) => `let c = ["sh", "-c", "echo x > ${m}"]; c.run();`],
    ["sortc", (m: string) => `let a = [["sh", "-c", "echo x > ${m}"]]; a.map("run");`],
    ["strfn", (m: string) => `let a = [["sh", "-c", "echo x > ${m}"]]; let n = "r" + "un"; a.map(n);`],
    ["filt", (m: string) => `let a = [["sh", "-c", "echo x > ${m}"]]; a.filter(n_of());`],
  ])("%s: the dry run warns, and it is the real run that runs it", async (name, payload) => {
    const marker = join(w.dir, `PWNED-${name}`);
    w.writeRecipe(
      name,
      `${recipe(name, `${fetchTool}    try { install_bin("bin/nothere"); } catch (e) { ${payload(marker)} }`)}fn n_of() { "run" }\n`,
    );
    const g = await warningOf(name);
    expect(g?.warning).toMatch(new RegExp(`^${name} may run host commands not listed here`));
  });

  it("runSites reads each shape", () => {
    const src = (body: string) => `fn install() {\n    ${body}\n}`;
    expect(runSites(src('["x"].run();'), "install").lines).toEqual([2]);
    expect(runSites(src('a.map("run");'), "install").indirect).toEqual(["map", '"run"']);
    expect(runSites(src("a.for_each(f);"), "install").indirect).toEqual(["for_each"]);
    expect(runSites(src("let r = run;"), "install").indirect).toEqual(["run"]);
    // a closure is text the scan reads itself; a call with no function is no call by name
    expect(runSites(src("let b = a.map(|x| x + 1); a.sort(); a.dedup();"), "install")).toEqual({
      lines: [],
      indirect: [],
    });
  });
});

describe("H6: a try makes the dry run say that a catch can change what runs", () => {
  it("argv set in a catch: the reached run() is listed, and the try is named", async () => {
    const marker = join(w.dir, "PWNED-argv");
    w.writeRecipe(
      "argv",
      recipe(
        "argv",
        `${fetchTool}    let c = "true";\n    try { install_bin("bin/nothere"); } catch (e) { c = "echo argv > ${marker}"; }\n    run(["sh", "-c", c]);`,
      ),
    );
    const g = await warningOf("argv");
    expect(g?.calls).toContain("try at line 13");
    expect(g?.warning).toMatch(/it catches errors \(try at line 13\): every step succeeds in a dry run/);
    await install(["argv"], w.opts()).catch(() => undefined);
    expect(existsSync(marker)).toBe(true);
  });

  it("near miss: the shipped recipes have no try and no function by name, so none warns for it", () => {
    const dir = join(import.meta.dirname, "../../recipes");
    for (const f of ["ripgrep", "fd", "bat", "btop", "helix", "zoxide"]) {
      const s = runSites(readFileSync(join(dir, `${f}.rhai`), "utf8"), "install");
      expect(s.catches ?? [], f).toEqual([]);
      expect(s.indirect, f).toEqual([]);
    }
  });
});

describe("M9: no recipe writes the toolkit's directory or a recipe directory inside the target", () => {
  const EDIT = (dir: string) => `${fetchTool}    install_to_dir("bin/tool", "${dir}");`;

  it("install_to_dir into /usr/lib/levitate/recipes is refused, and the shipped recipe stays", async () => {
    const shipped = join(w.root, "usr/lib/levitate/recipes");
    mkdirSync(shipped, { recursive: true });
    writeFileSync(join(shipped, "tool"), "SHIPPED");
    w.writeRecipe("editor", recipe("editor", EDIT("/usr/lib/levitate/recipes")));
    const err = await install(["editor"], w.opts()).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(err).toMatch(
      /"\/usr\/lib\/levitate\/recipes\/tool" is inside \/usr\/lib\/levitate, where the toolkit/,
    );
    expect(err).toMatch(/no recipe may write there/);
    expect(readFileSync(join(shipped, "tool"), "utf8")).toBe("SHIPPED");
  });

  it("the toolkit's code (/usr/lib/levitate/dist/cli) is refused too", async () => {
    w.writeRecipe("editor2", recipe("editor2", EDIT("/usr/lib/levitate/dist/cli")));
    await expect(install(["editor2"], w.opts())).rejects.toThrow(/inside \/usr\/lib\/levitate/);
  });

  it("a --recipes directory inside the target is refused by its own name", async () => {
    const inRoot = join(w.root, "usr/share/recipes");
    mkdirSync(inRoot, { recursive: true });
    writeFileSync(join(inRoot, "ed3.rhai"), recipe("ed3", EDIT("/usr/share/recipes")));
    await expect(install(["ed3"], w.opts({ recipeDirs: [inRoot] }))).rejects.toThrow(
      /inside \/usr\/share\/recipes, where the recipe manager reads recipes from/,
    );
  });

  it("near miss: /usr/lib/levitate-extra and /usr/local/lib are ordinary destinations", async () => {
    w.writeRecipe("ok1", recipe("ok1", EDIT("/usr/lib/levitate-extra")));
    await install(["ok1"], w.opts());
    expect(existsSync(join(w.root, "usr/lib/levitate-extra/tool"))).toBe(true);
  });
});
