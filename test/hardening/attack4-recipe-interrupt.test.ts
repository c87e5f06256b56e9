import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { supervisedCommand } from "../../recipe/supervise.js";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

/**
 * Attack round 4, M2: `recipe install` stopped by Ctrl-C or SIGTERM while it runs a program (or
 * downloads) exited 130/143 saying nothing, and left the user's replaced file replaced, its lock
 * and its journal, until some later `recipe` command happened to roll back. Now the command
 * itself stops what it runs, rolls back at once, releases the lock and says so in one line.
 */
const ROOT = join(import.meta.dirname, "../..");
const CLI = join(ROOT, "cli/recipe.ts");
const USER_FILE = "usr/local/bin/tool2";

let world: World | undefined;
afterEach(() => {
  world?.cleanup();
  world = undefined;
});

const args = (w: World, cmd: string[]) => [
  "--import",
  "tsx",
  CLI,
  ...cmd,
  "--root",
  w.root,
  "--recipes",
  w.recipes,
  "--cache",
  w.cache,
  "--no-progress",
];
const env = (w: World) => ({ ...process.env, NO_COLOR: "1", RECIPE_MIRRORS: "", TMPDIR: w.dir });

/** A recipe that replaces the user's tool2, then runs a long program that writes its pid and its parent's. */
function setUp(): { w: World; pidFile: string } {
  const w = makeWorld();
  world = w;
  const pidFile = join(w.dir, "run.pid");
  writeFileSync(join(w.dir, "tool"), "#!/bin/sh\necho recipe tool\n");
  mkdirSync(join(w.root, "usr/local/bin"), { recursive: true });
  writeFileSync(join(w.root, USER_FILE), "USERS-OWN\n");
  w.writeRecipe(
    "t-run",
    recipe(
      "t-run",
      `  download("file://${join(w.dir, "tool")}");
  install_bin("tool");
  install_bin("tool", "tool2");
  run(["sh", "-c", "echo $$ $PPID > ${pidFile}.tmp && mv ${pidFile}.tmp ${pidFile}; exec sleep 60"]);`,
    ),
  );
  return { w, pidFile };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Starts `recipe install t-run` in a process group of its own (as a shell job) and waits for the run step. */
async function startAtRunStep(w: World, pidFile: string) {
  const child = spawn(process.execPath, args(w, ["install", "t-run"]), {
    cwd: ROOT,
    env: env(w),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr.on("data", (b) => (stderr += b));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on("exit", (code, signal) => r({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 90_000;
  while (!existsSync(pidFile)) {
    if (done) throw new Error(`install ended before its run step: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the run step never started: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const [runPid, workerPid] = readFileSync(pidFile, "utf8").trim().split(" ").map(Number) as [number, number];
  // The scenario: the user's file is already the recipe's when the signal comes.
  expect(readFileSync(join(w.root, USER_FILE), "utf8")).toContain("recipe tool");
  return { child, exited, runPid, workerPid, stderr: () => stderr };
}

function expectRolledBack(w: World) {
  expect(readFileSync(join(w.root, USER_FILE), "utf8")).toBe("USERS-OWN\n");
  // No recipe file, no hidden backup of the user's file.
  expect(readdirSync(join(w.root, "usr/local/bin"))).toEqual(["tool2"]);
  // No state copy, no lock, no journal.
  const sd = join(w.root, "etc/recipes");
  expect(existsSync(sd) ? readdirSync(sd) : []).toEqual([]);
  expect(readdirSync(w.dir).filter((n) => n.startsWith("recipe-build-"))).toEqual([]);
}

describe("recipe install interrupted during a run step (attack4 M2)", () => {
  it("Ctrl-C (SIGINT to the job's process group): the program is stopped, the install rolled back now, one line says so, exit by SIGINT", async () => {
    const { w, pidFile } = setUp();
    const s = await startAtRunStep(w, pidFile);
    process.kill(-(s.child.pid as number), "SIGINT");
    const end = await s.exited;
    expect(end.signal).toBe("SIGINT");
    expect(alive(s.runPid)).toBe(false);
    expectRolledBack(w);
    const lines = s.stderr().trim().split("\n");
    expect(lines.at(-1)).toBe(
      `recipe: stopped by Ctrl-C (SIGINT) during the install of t-run; rolled back: ${w.root} is as it was before (every file it replaced is back, nothing of it is left)`,
    );
    // Nothing is left for a later command to roll back.
    const list = spawnSync(process.execPath, args(w, ["list"]), { cwd: ROOT, env: env(w), encoding: "utf8" });
    expect(list.status).toBe(0);
    expect(list.stderr).not.toMatch(/rolled back/);
  }, 180_000);

  it("SIGTERM to the recipe process alone: its program does not outlive it, rolled back at once, exit by SIGTERM", async () => {
    const { w, pidFile } = setUp();
    const s = await startAtRunStep(w, pidFile);
    s.child.kill("SIGTERM");
    const end = await s.exited;
    expect(end.signal).toBe("SIGTERM");
    expect(alive(s.runPid)).toBe(false);
    expect(alive(s.workerPid)).toBe(false);
    expectRolledBack(w);
    expect(s.stderr()).toMatch(/recipe: stopped by SIGTERM during the install of t-run; rolled back/);
  }, 180_000);

  it("the working process killed by something else (SIGKILL): still rolled back at once and said, exit 137", async () => {
    const { w, pidFile } = setUp();
    const s = await startAtRunStep(w, pidFile);
    expect(s.workerPid).not.toBe(s.child.pid);
    process.kill(s.workerPid, "SIGKILL");
    const end = await s.exited;
    expect(end.code).toBe(137);
    expect(alive(s.runPid)).toBe(false);
    expectRolledBack(w);
    expect(s.stderr()).toMatch(
      /recipe: the worker process died of SIGKILL during the install of t-run; rolled back/,
    );
  }, 180_000);
});

describe("which commands run under the supervisor", () => {
  it("install, remove and bootstrap that change a root; never a dry run, help, or a command that reads", () => {
    expect(supervisedCommand(["install", "a", "b", "--root", "/mnt", "--recipes", "/r", "--force"])).toEqual({
      verb: "install",
      names: ["a", "b"],
      root: "/mnt",
    });
    expect(supervisedCommand(["--root=/mnt/x", "remove", "--cache", "/c", "tool"])).toEqual({
      verb: "remove",
      names: ["tool"],
      root: "/mnt/x",
    });
    expect(supervisedCommand(["bootstrap", "/mnt", "--firmware", "uefi"])).toEqual({
      verb: "install",
      names: ["the base set"],
      root: "/mnt",
    });
    expect(supervisedCommand(["install", "a"])?.root).toBe("/");
    for (const argv of [
      ["install", "a", "--dry-run"],
      ["install", "--help"],
      ["list", "--installed"],
      ["info", "a"],
      ["search", "install"],
      ["update"],
      ["bootstrap"],
      ["-V"],
    ])
      expect(supervisedCommand(argv), argv.join(" ")).toBeUndefined();
  });
});
