/**
 * Attacker 28 H4: a run() the dry run reaches shows `sh -c true`; its argv hangs on
 * `exists("/abs")` of a file the recipe (or a dependency, or an earlier run()) installs, or on
 * `env("SUDO_USER")`. The dry run answers both before anything is installed, from its own shell,
 * so the real run executes another command. The dry run now names each such read and says that
 * the real run may differ.
 */
import { existsSync } from "node:fs";
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
const branch = (cond: string, marker: string) =>
  `    let c = "true";\n    if ${cond} { c = "echo x > ${marker}"; }\n    run(["sh", "-c", c]);`;

describe("H4: a run() steered by exists()/env() is warned in the dry run", () => {
  it("exists() of the file the recipe just installed: warned with its line; the real run differs", async () => {
    const marker = join(w.dir, "PWNED-exabs");
    w.writeRecipe("exabs", recipe("exabs", `${fetchTool}${branch('exists("/usr/local/bin/tool")', marker)}`));
    const g = await warningOf("exabs");
    expect(g?.calls).toContain("exists() at line 13");
    expect(g?.warning).toMatch(/exists\(\) at line 13, which this dry run answers from the target before/);
    expect(g?.warning).toMatch(/the real run may differ/);
    await install(["exabs"], w.opts());
    expect(existsSync(marker)).toBe(true);
  });

  it("method form and a dependency's file: each recipe with a steered run() is named", async () => {
    w.writeRecipe("depa", recipe("depa", fetchTool));
    w.writeRecipe(
      "depb",
      recipe("depb", branch('"/usr/local/bin/tool".exists()', join(w.dir, "PWNED-depb")), { deps: ["depa"] }),
    );
    const plan = await planInstall(["depb"], w.opts());
    expect(plan.guesses?.find((g) => g.recipe === "depb")?.calls).toContain("exists() at line 10");
    expect(plan.guesses?.find((g) => g.recipe === "depa")).toBeUndefined();
  });

  it("env(): named, with the environment as the reason", async () => {
    w.writeRecipe(
      "envr",
      recipe("envr", `${fetchTool}${branch('env("SUDO_USER") != ()', join(w.dir, "P"))}`),
    );
    const g = await warningOf("envr");
    expect(g?.calls).toContain("env() at line 13");
    expect(g?.warning).toMatch(
      /from this shell's environment \(sudo changes it\), so the real run may differ/,
    );
    expect(g?.warning).not.toMatch(/from the target/);
  });

  it("in a helper function the lifecycle function calls", () => {
    const src = `fn pick() { if exists("/etc/x") { "a" } else { "b" } }\nfn install() {\n  run(["sh", "-c", pick()]);\n}`;
    expect(runSites(src, "install").reads).toEqual(["exists() at line 1"]);
  });

  it("near misses: reads with no run(), a run() with no read, reads only in remove()", async () => {
    w.writeRecipe(
      "norun",
      recipe("norun", `${fetchTool}    if exists("/usr/local/bin/tool") { print("x"); }`),
    );
    expect(await warningOf("norun")).toBeUndefined();
    w.writeRecipe("noread", recipe("noread", `${fetchTool}    run(["sh", "-c", "true"]);`));
    expect(await warningOf("noread")).toBeUndefined();
    const src = `fn install() {\n  run(["true"]);\n}\nfn remove() {\n  if env("X") != () { run(["false"]); }\n}`;
    expect(runSites(src, "install").reads).toBeUndefined();
    expect(runSites(src, "remove").reads).toEqual(["env() at line 5"]);
  });
});
