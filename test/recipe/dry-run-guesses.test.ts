/**
 * Attacker 25 H1: a dry run answers glob() with nothing and exists("relative") with false, so a
 * recipe that branches on them hid a run() and an install into /etc/cron.d from the dry run that
 * `recipe install --dry-run` and the `levitate ask` preview show. The dry run now says, per recipe,
 * that it guessed; a recipe that never asks keeps a clean listing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install, planInstall, remove } from "../../recipe/api.js";
import { libraryRecipeRunner } from "../../tools/libraryRecipeRunner.js";
import { fetchToolLines, makeWorld, recipe, type World } from "./fixture.js";

const ROOT = join(import.meta.dirname, "../..");
let w: World;
let fetchLines: string;
beforeEach(() => {
  w = makeWorld();
  fetchLines = fetchToolLines(w);
});
afterEach(() => w.cleanup());

const fetchTool = () => fetchLines;

/** The attacker's shape: the extra steps only when glob() finds files, which it never does in a dry run. */
function sneaky(marker: string, test = 'glob("bin/*").len() > 0'): string {
  return recipe(
    "sneaky",
    `${fetchTool()}    install_bin("bin/tool");
    if ${test} {
        run(["sh", "-c", "echo hidden > ${marker}"]);
        install_to_dir("bin/tool", "/etc/cron.d");
    }`,
  );
}

describe("a dry run says when the recipe decided on an answer it had to guess", () => {
  it("the attacker's glob() branch: the dry run warns, and the real run does what the list left out", async () => {
    const marker = join(w.dir, "PWNED-hidden-run");
    w.writeRecipe("sneaky", sneaky(marker));
    const plan = await planInstall(["sneaky"], w.opts());
    // The list itself still cannot show the branch...
    expect(plan.actions.some((a) => a.kind === "run")).toBe(false);
    // ...so the plan says so, naming the recipe and the call (and, after it, the run() it did
    // not reach: recipe/hiddenRuns.ts, test/hardening/attack26-hidden-runs.test.ts).
    expect(plan.guesses).toHaveLength(2);
    expect(plan.guesses?.[1]).toMatchObject({ recipe: "sneaky", calls: ["run() at line 13"] });
    expect(plan.guesses?.[0]).toMatchObject({ recipe: "sneaky", calls: ['glob("bin/*")'] });
    expect(plan.guesses?.[0]?.warning).toMatch(
      /^sneaky decides at run time: .*cannot show every step.*read the recipe/,
    );
    await install(["sneaky"], w.opts());
    expect(existsSync(marker)).toBe(true);
    expect(existsSync(join(w.root, "etc/cron.d/tool"))).toBe(true);
  });

  it("exists() about the build directory is a guess too; the same listing carries the warning", async () => {
    w.writeRecipe("sneaky", sneaky(join(w.dir, "m"), 'exists("bin/tool")'));
    const plan = await planInstall(["sneaky"], w.opts());
    expect(plan.guesses?.[0]?.calls).toEqual(['exists("bin/tool")']);
    expect(plan.guesses?.[1]?.calls).toContain("run() at line 13");
    // attacker 28 H4: the run() hangs on an exists(), so that call is named too
    expect(plan.guesses?.[1]?.calls.some((c) => /^exists\(\) at line \d+$/.test(c))).toBe(true);
  });

  it("exists() about the target is answered from the target as it is now: the branch is shown, and the read named (attacker 28 H4)", async () => {
    mkdirSync(join(w.root, "etc"), { recursive: true });
    writeFileSync(join(w.root, "etc/tool.conf"), "x\n");
    w.writeRecipe("sneaky", sneaky(join(w.dir, "m"), 'exists("/etc/tool.conf")'));
    const plan = await planInstall(["sneaky"], w.opts());
    // not a guessed value, but the real run may see another answer (a file installed meanwhile)
    expect(plan.guesses?.every((g) => !g.warning.includes("decides at run time"))).toBe(true);
    expect(plan.guesses?.[0]?.warning).toMatch(/exists\(\) at line \d+.*the real run may differ/);
    expect(plan.actions.some((a) => a.kind === "run")).toBe(true);
  });

  it("a recipe that never asks keeps a clean plan: no guesses, no warning in the preview", async () => {
    w.writeRecipe(
      "plain",
      recipe(
        "plain",
        `${fetchTool()}    install_bin("bin/tool");\n    install_to_dir("bin/tool", "/usr/local/lib/tool");\n    run(["true"]);`,
      ),
    );
    const plan = await planInstall(["plain"], w.opts());
    expect(plan.guesses).toBeUndefined();
    const lines = await libraryRecipeRunner({ recipeDirs: [w.recipes] }).preview({
      kind: "recipe",
      op: "install",
      name: "plain",
      root: w.root,
    });
    expect(lines.some((l) => l.includes("WARNING"))).toBe(false);
    expect(lines.some((l) => l.startsWith("run true"))).toBe(true);
  });

  it("how many files a wildcard install_to_dir copies is unknown in a dry run: a recipe may branch on the count", async () => {
    w.writeRecipe(
      "counted",
      recipe(
        "counted",
        `${fetchTool()}    if install_to_dir("bin/*", "/usr/local/lib/tool") > 1 { run(["true"]); }`,
      ),
    );
    const plan = await planInstall(["counted"], w.opts());
    expect(plan.guesses?.[0]?.calls).toEqual(['install_to_dir("bin/*", "/usr/local/lib/tool")']);
  });

  it("the levitate preview puts the warning first, before the list it qualifies", async () => {
    w.writeRecipe("sneaky", sneaky(join(w.dir, "m")));
    const lines = await libraryRecipeRunner({ recipeDirs: [w.recipes] }).preview({
      kind: "recipe",
      op: "install",
      name: "sneaky",
      root: w.root,
    });
    expect(lines[0]).toMatch(/^WARNING: sneaky decides at run time/);
  });

  it("a remove() that asks glob() warns in the remove dry run too", async () => {
    w.writeRecipe(
      "rem",
      `${recipe("rem", `${fetchTool()}    install_bin("bin/tool");`)}fn remove() { if glob("*").len() > 0 { run(["true"]); } }\n`,
    );
    await install(["rem"], w.opts());
    const plan = await remove(["rem"], w.opts({ dryRun: true }));
    expect(plan.guesses?.[0]).toMatchObject({ recipe: "rem", calls: ['glob("*")'] });
  });

  it("recipe install --dry-run prints the warning, and --json carries it per recipe", () => {
    w.writeRecipe("sneaky", sneaky(join(w.dir, "m")));
    const run = (extra: string[]) =>
      spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          join(ROOT, "cli/recipe.ts"),
          "install",
          "sneaky",
          "--dry-run",
          ...extra,
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
          encoding: "utf8",
          env: { ...process.env, NO_COLOR: "1", RECIPE_MIRRORS: "" },
          timeout: 90_000,
        },
      );
    const human = run([]);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/^WARNING sneaky decides at run time/m);
    const json = run(["--json"]);
    expect(JSON.parse(json.stdout).guesses).toEqual([
      expect.objectContaining({ recipe: "sneaky", calls: ['glob("bin/*")'] }),
      expect.objectContaining({ recipe: "sneaky", calls: ["run() at line 13"] }),
    ]);
  });
});
