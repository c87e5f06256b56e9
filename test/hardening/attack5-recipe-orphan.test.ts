import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

/**
 * Attacker 5, F12: SIGKILL of `recipe install` (the process the user started) left its worker
 * running detached; the install finished minutes later with no one told. The worker now dies with
 * its supervisor (recipe/orphanWatch.ts), and the next command rolls the install back.
 */
const ROOT = join(import.meta.dirname, "../..");
const CLI = join(ROOT, "cli/recipe.ts");

let world: World | undefined;
afterEach(() => {
  world?.cleanup();
  world = undefined;
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("recipe install whose supervisor is SIGKILLed (attack5 F12)", () => {
  it("its worker and the program it runs stop too; nothing is installed later", async () => {
    const w = makeWorld();
    world = w;
    const pidFile = join(w.dir, "run.pid");
    writeFileSync(join(w.dir, "tool"), "#!/bin/sh\necho tool\n");
    w.writeRecipe(
      "t-slow",
      recipe(
        "t-slow",
        `  download("file://${join(w.dir, "tool")}");
  install_bin("tool");
  run(["sh", "-c", "echo $$ $PPID > ${pidFile}.tmp && mv ${pidFile}.tmp ${pidFile}; exec sleep 30"]);`,
      ),
    );
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        CLI,
        "install",
        "t-slow",
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
        stdio: "ignore",
        detached: true,
      },
    );
    const exited = new Promise((r) => child.on("exit", r));
    const deadline = Date.now() + 90_000;
    while (!existsSync(pidFile)) {
      if (Date.now() > deadline) throw new Error("the run step never started");
      await new Promise((r) => setTimeout(r, 100));
    }
    const [runPid, workerPid] = readFileSync(pidFile, "utf8").trim().split(" ").map(Number) as [
      number,
      number,
    ];
    expect(alive(workerPid)).toBe(true);
    child.kill("SIGKILL"); // the supervisor only
    await exited;
    // the watcher polls every 250 ms; the worker's group gets SIGTERM at once
    const until = Date.now() + 15_000;
    while ((alive(workerPid) || alive(runPid)) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    expect(alive(workerPid)).toBe(false);
    expect(alive(runPid)).toBe(false);
    expect(existsSync(join(w.root, "etc/recipes/t-slow.rhai"))).toBe(false);
  }, 180_000);
});
