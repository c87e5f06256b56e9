import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockTestHooks, RecipeLock } from "../../recipe/lock.js";
import { makeWorld, recipe, type World } from "./fixture.js";

const ROOT = join(import.meta.dirname, "../..");

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
  return Number(r.stdout.trim());
}

afterEach(() => {
  lockTestHooks.beforeBreak = undefined;
});

describe("a stale lock is taken over without a race", () => {
  it("two waiters break the same stale lock: exactly one holds it, the other's break does not delete it", () => {
    const dir = mkdtempSync(join(tmpdir(), "recipe-lock-race-"));
    const file = join(dir, "tool.rhai");
    writeFileSync(`${file}.lock`, `${deadPid()} ${hostname()}\n`);
    let first: RecipeLock | undefined;
    // Waiter B has judged the lock stale; before it breaks it, waiter A breaks it and takes it.
    lockTestHooks.beforeBreak = () => {
      lockTestHooks.beforeBreak = undefined;
      first = RecipeLock.tryAcquire(file);
    };
    const second = RecipeLock.tryAcquire(file);
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
    // A's lock file is still there, and no grave is left behind.
    expect(readFileSync(`${file}.lock`, "utf8")).toBe(`${process.pid} ${hostname()}\n`);
    expect(readdirSync(dir)).toEqual(["tool.rhai.lock"]);
    first?.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a lock whose state directory was removed meanwhile is still taken", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "recipe-lock-dir-")), "etc/recipes");
    const lock = RecipeLock.tryAcquire(join(dir, "tool.rhai"));
    expect(lock).toBeDefined();
    lock?.release();
  });
});

let w: World | undefined;
afterEach(() => w?.cleanup());

describe("recipe CLI: text from recipes is printed with control sequences neutralised", () => {
  it("a description and a print() with escape sequences", () => {
    w = makeWorld();
    w.writeRecipe(
      "sneaky",
      recipe("sneaky", '    print("\\x1b]0;owned\\x07done");').replace(
        'description: "test recipe sneaky"',
        'description: "fine\\x1b[2K\\x1b[1Aevil"',
      ),
    );
    const run = (args: string[]) =>
      spawnSync(
        process.execPath,
        ["--import", "tsx", join(ROOT, "cli/recipe.ts"), ...args, "--root", w!.root, "--recipes", w!.recipes],
        { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 90_000 },
      );
    const list = run(["list"]);
    expect(list.stdout).toContain("fine\\x1b[2K\\x1b[1Aevil");
    expect(list.stdout + list.stderr).not.toContain("\u001b");
    const inst = run(["install", "sneaky", "--cache", w.cache]);
    expect(inst.status, inst.stderr).toBe(0);
    expect(inst.stderr).toContain("[sneaky] \\x1b]0;owned\\x07done");
    expect(inst.stdout + inst.stderr).not.toContain("\u001b");
  }, 120_000);
});
