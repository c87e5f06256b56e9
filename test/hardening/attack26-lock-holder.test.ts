import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecipeLock } from "../../recipe/lock.js";

/**
 * Attacker 25 L9: a lock naming any live process of this host was waited on, even when that
 * process is `sleep` or pid 1 (a disk from a crashed LevitateOS machine carries its pids and the
 * shared default hostname). Only a Node program (recipe, levitate and their workers) holds locks.
 */

let dir: string;
let file: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "attack26-lock-"));
  file = join(dir, "tool.rhai");
  lock = `${file}.lock`;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function started(cmd: string, args: string[]) {
  const child = spawn(cmd, args, { stdio: "ignore" });
  await new Promise((r) => child.once("spawn", r));
  // The lock is written after the holder started, as a real holder writes it.
  await new Promise((r) => setTimeout(r, 50));
  return child;
}

describe("a lock naming a live process that is not a recipe program is stale", () => {
  it("sleep, started before the lock was written: taken over at once", async () => {
    const sleeper = await started("sleep", ["60"]);
    try {
      writeFileSync(lock, `${sleeper.pid} ${hostname()}\n`);
      const t0 = Date.now();
      const l = await RecipeLock.acquire(file, { timeoutMs: 3_000 });
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(readFileSync(lock, "utf8")).toBe(`${process.pid} ${hostname()}\n`);
      l.release();
      expect(existsSync(lock)).toBe(false);
    } finally {
      sleeper.kill("SIGKILL");
    }
  });

  it("pid 1 (init, not a Node program here)", () => {
    const comm = existsSync("/proc/1/comm") ? readFileSync("/proc/1/comm", "utf8").trim() : "";
    if (!comm || /^node/.test(comm)) return; // pid 1 is a Node program in this sandbox: nothing to judge
    writeFileSync(lock, `1 ${hostname()}\n`);
    const l = RecipeLock.tryAcquire(file);
    expect(l).toBeDefined();
    l?.release();
  });
});

describe("near miss: a live Node process still holds its lock", () => {
  it("a node holder is waited on (and the wait names it)", async () => {
    const holder = await started(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      writeFileSync(lock, `${holder.pid} ${hostname()}\n`);
      expect(RecipeLock.tryAcquire(file)).toBeUndefined();
      let told = "";
      await expect(RecipeLock.acquire(file, { timeoutMs: 200, onWait: (h) => (told = h) })).rejects.toThrow(
        /is locked by/,
      );
      expect(told).toMatch(new RegExp(`^${holder.pid} \\S+ \\(node`));
    } finally {
      holder.kill("SIGKILL");
    }
  });
});
