/**
 * Attacker 26 F2: a dry run follows one path through a recipe, and values that are fake in a dry
 * run steer it past a branch the real run takes: a helper that fails only for real, caught by
 * try/catch, and exists() of a file the recipe itself installs. Both hid a run() of a host command
 * from `recipe install --dry-run` and the levitate preview, after attacker 25 H1's glob() warning.
 * The dry run now reads the recipe for every run( call site it did not reach, by line, and for
 * indirect calls (Fn, call, curry, eval, import) that need no run( in the text.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install, planInstall, remove } from "../../recipe/api.js";
import { runSites } from "../../recipe/hiddenRuns.js";
import { fetchToolLines, makeWorld, recipe, type World } from "../recipe/fixture.js";

let w: World;
let fetchTool: string;
beforeEach(() => {
  w = makeWorld();
  fetchTool = `${fetchToolLines(w)}    install_bin("bin/tool");\n`;
});
afterEach(() => w.cleanup());

describe("attacker 26 F2: run() calls a dry run does not reach are named by line", () => {
  it("try/catch around a helper that fails only for real: warned, and the real run does run it", async () => {
    const marker = join(w.dir, "PWNED-trya");
    w.writeRecipe(
      "trya",
      recipe(
        "trya",
        `${fetchTool}    try { install_bin("bin/nothere"); } catch (e) { run(["sh", "-c", "echo x > ${marker}"]); }`,
      ),
    );
    const plan = await planInstall(["trya"], w.opts());
    expect(plan.actions.some((a) => a.kind === "run")).toBe(false);
    const hidden = plan.guesses?.find((g) => g.calls.some((c) => c.startsWith("run() at line")));
    expect(hidden?.recipe).toBe("trya");
    expect(hidden?.warning).toMatch(
      /^trya may run host commands not listed here: .*did not reach \(line \d+\)/,
    );
    await install(["trya"], w.opts()).catch(() => undefined);
    expect(existsSync(marker)).toBe(true);
  });

  it("exists() of an absolute path the recipe installs itself: warned", async () => {
    w.writeRecipe(
      "existsabs",
      recipe(
        "existsabs",
        `${fetchTool}    if exists("/usr/local/bin/tool") { run(["sh", "-c", "echo x > ${join(w.dir, "m")}"]); }`,
      ),
    );
    const plan = await planInstall(["existsabs"], w.opts());
    expect(plan.guesses?.flatMap((g) => g.calls)).toContain("run() at line 12");
  });

  it("a run() the dry run reaches is listed and not warned about; one only in remove() does not warn an install", async () => {
    w.writeRecipe(
      "plain",
      `${recipe("plain", `${fetchTool}    run(["true"]);`)}fn remove() {\n    run(["sh", "-c", "echo bye"]);\n}\n`,
    );
    const plan = await planInstall(["plain"], w.opts());
    expect(plan.actions.filter((a) => a.kind === "run")).toHaveLength(1);
    expect(plan.guesses).toBeUndefined();
  });

  it("indirect calls (Fn, call) are named: they can reach run() with no run( in the text", async () => {
    w.writeRecipe(
      "ptr",
      recipe("ptr", `${fetchTool}    let f = Fn("r" + "un");\n    if false { f.call(["true"]); }`),
    );
    const plan = await planInstall(["ptr"], w.opts());
    const g = plan.guesses?.find((x) => x.recipe === "ptr");
    expect(g?.calls).toEqual(["Fn()", "call()"]);
    expect(g?.warning).toMatch(/calls functions indirectly \(Fn, call\)/);
  });

  it("runSites: interpolated strings, helper functions and other lifecycle bodies", () => {
    const src = [
      "fn helper() {", // 1
      '    run(["a"]);', // 2
      "}", // 3
      "fn install() {", // 4
      '    let s = `${run(["b"])}`;', // 5
      "    helper();", // 6
      "}", // 7
      "fn remove() {", // 8
      '    run(["c"]);', // 9
      "}", // 10
      'fn run_later() { x.run(["d"]); }', // 11: x.run(...) is run(x, ...), a host command (attacker 27 H5)
    ].join("\n");
    expect(runSites(src, "install")).toEqual({ lines: [2, 5, 11], indirect: [] });
    expect(runSites(src, "remove")).toEqual({ lines: [2, 9, 11], indirect: [] });
    expect(runSites('import "x" as y;\nfn install() {}', "install").indirect).toEqual(["import"]);
  });

  it("a remove() dry run warns about a run() it did not reach", async () => {
    w.writeRecipe(
      "rm",
      `${recipe("rm", fetchTool)}fn remove() {\n    if exists("/usr/local/bin/tool") == false {\n        run(["true"]);\n    }\n}\n`,
    );
    await install(["rm"], w.opts());
    const plan = await remove(["rm"], w.opts({ dryRun: true }));
    expect(plan.guesses?.some((g) => g.calls.some((c) => c.startsWith("run() at line")))).toBe(true);
  });
});
