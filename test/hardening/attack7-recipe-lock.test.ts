import { spawn } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecipeLock } from "../../recipe/lock.js";

/**
 * Attacker 7 M2: a lock left in a root by another host, or naming a pid that is alive here but
 * is not the writer (pid 1, a pid reused after a reboot), made `recipe install` wait with no
 * word on how to break it; a directory or a dangling link in the lock's place did too.
 */

let dir: string;
let file: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "attack7-lock-"));
  file = join(dir, ".installing.rhai");
  lock = `${file}.lock`;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Rejects (or resolves) well before `timeoutMs`: the lock is judged, not waited on. */
async function judgedAtOnce(p: Promise<unknown>): Promise<string> {
  const t0 = Date.now();
  const msg = await p.then(
    () => "acquired",
    (e: Error) => e.message,
  );
  expect(Date.now() - t0).toBeLessThan(5_000);
  return msg;
}

describe("a lock whose writer cannot be running", () => {
  it("is taken over when it was written before this boot", () => {
    writeFileSync(lock, `1 ${hostname()}\n`);
    utimesSync(lock, new Date("2001-01-01"), new Date("2001-01-01"));
    const l = RecipeLock.tryAcquire(file);
    expect(l).toBeDefined();
    expect(readFileSync(lock, "utf8")).toBe(`${process.pid} ${hostname()}\n`);
    l!.release();
  });

  it("is taken over when its pid now belongs to a process started after it was written", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    await new Promise((r) => child.once("spawn", r));
    try {
      writeFileSync(lock, `${child.pid} ${hostname()}\n`);
      // Still its writer's lock while the writer may be the live process.
      expect(RecipeLock.tryAcquire(file)).toBeUndefined();
      const before = new Date(Date.now() - 60_000);
      utimesSync(lock, before, before);
      const l = RecipeLock.tryAcquire(file);
      expect(l).toBeDefined();
      l!.release();
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("a lock no process of this machine holds is refused at once, with the rm that breaks it", () => {
  it("another host's lock", async () => {
    writeFileSync(lock, "1 otherhost\x1b]0;PWN\x07\n");
    const msg = await judgedAtOnce(RecipeLock.acquire(file, { timeoutMs: 60_000 }));
    expect(msg).toMatch(/another machine, 1 otherhost/);
    expect(msg).toContain(`rm ${lock}`);
    expect(msg).not.toMatch(/[\x00-\x1f]/);
  });

  it.each([
    ["a directory", () => mkdirSync(lock)],
    ["a symbolic link", () => symlinkSync(join(dir, "nowhere"), lock)],
  ])("%s in the lock's place", async (what, make) => {
    make();
    const msg = await judgedAtOnce(RecipeLock.acquire(file, { timeoutMs: 60_000 }));
    expect(msg).toContain(`${lock} is ${what}, not a lock file`);
    expect(msg).toContain(`rm -r ${lock}`);
  });
});

describe("a lock naming a live process of this machine", () => {
  // A live Node process (what recipe and levitate run as): since attacker 25 L9 a live pid that
  // runs something else (pid 1, sleep) is judged stale (test/hardening/attack26-lock-holder.test.ts).
  it("says at once whose it is and how to break it, and gives up at the timeout", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    await new Promise((r) => child.once("spawn", r));
    try {
      writeFileSync(lock, `${child.pid} ${hostname()}\n`);
      let told = "";
      const msg = await judgedAtOnce(RecipeLock.acquire(file, { timeoutMs: 300, onWait: (h) => (told = h) }));
      expect(told).toMatch(new RegExp(`^${child.pid} \\S+ \\(.+\\), written \\d{4}-\\d\\d-\\d\\d `));
      expect(told).toContain(`break the lock: rm ${lock}`);
      expect(msg).toMatch(new RegExp(`is locked by ${child.pid} .*remove .*\\.lock`));
    } finally {
      child.kill("SIGKILL");
    }
  });
});
