import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, installedDependents, resolveOrder } from "../../recipe/deps.js";
import { RecipeLock } from "../../recipe/lock.js";
import { writeFileAtomic } from "../../recipe/state.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("RecipeLock", () => {
  it("is exclusive, and released for the next holder", async () => {
    const f = join(dir, "r.rhai");
    const a = RecipeLock.tryAcquire(f);
    expect(a).toBeDefined();
    expect(RecipeLock.tryAcquire(f)).toBeUndefined();
    let waited = "";
    const pending = RecipeLock.acquire(f, { onWait: (h) => (waited = h) });
    await new Promise((r) => setTimeout(r, 50));
    a!.release();
    const b = await pending;
    expect(waited).toMatch(new RegExp(`^${process.pid} `));
    b.release();
    expect(existsSync(`${f}.lock`)).toBe(false);
  });

  it("takes over a lock whose process died (kill -9)", async () => {
    const f = join(dir, "r.rhai");
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    await new Promise((r) => child.once("spawn", r));
    writeFileSync(`${f}.lock`, `${child.pid} ${(await import("node:os")).hostname()}\n`);
    expect(RecipeLock.tryAcquire(f)).toBeUndefined();
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const l = RecipeLock.tryAcquire(f);
    expect(l).toBeDefined();
    expect(readFileSync(`${f}.lock`, "utf8")).toMatch(new RegExp(`^${process.pid} `));
    l!.release();
  });

  it("gives up after the timeout with a message saying what to do", async () => {
    const f = join(dir, "r.rhai");
    const a = RecipeLock.tryAcquire(f)!;
    await expect(RecipeLock.acquire(f, { timeoutMs: 100 })).rejects.toThrow(/is locked by .*remove .*\.lock/);
    a.release();
  });
});

describe("dependency order", () => {
  const graph: Record<string, string[]> = {
    app: ["lib", "tool"],
    tool: ["lib"],
    lib: ["base"],
    base: [],
    a: ["b"],
    b: ["c"],
    c: ["a"],
    broken: ["nope", "lib", "gone"],
  };
  const depsOf = (n: string) => graph[n];

  it("puts every dependency before its dependents, each once", () => {
    expect(resolveOrder(["app"], depsOf)).toEqual(["base", "lib", "tool", "app"]);
    expect(resolveOrder(["tool", "app", "lib"], depsOf)).toEqual(["base", "lib", "tool", "app"]);
  });
  it("reports a cycle as its path", () => {
    expect(() => resolveOrder(["a"], depsOf)).toThrow("dependency cycle: a -> b -> c -> a");
  });
  it("reports every missing recipe by name with who needs it", () => {
    try {
      resolveOrder(["broken", "zzz"], depsOf);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DependencyError);
      expect((e as Error).message).toBe(
        'no recipe for "nope" (needed by broken), "gone" (needed by broken), "zzz"',
      );
    }
  });
  it("finds installed dependents transitively", () => {
    const installed = new Map([
      ["base", []],
      ["lib", ["base"]],
      ["tool", ["lib"]],
      ["other", []],
    ]);
    expect(installedDependents("base", installed)).toEqual(["lib", "tool"]);
    expect(installedDependents("other", installed)).toEqual([]);
  });
});

describe("atomic write-back under kill -9", () => {
  it("leaves the old or the new file, never a mix or a truncation", async () => {
    const file = join(dir, "tool.rhai");
    const a = join(dir, "a.txt");
    const b = join(dir, "b.txt");
    // Big enough that a write takes a while, so kills land mid-write.
    const A = `// old\n${"let installed = false; // padding\n".repeat(20_000)}`;
    const B = `// new\n${"let installed = true;  // padding\n".repeat(20_000)}`;
    writeFileSync(a, A);
    writeFileSync(b, B);
    const child = join(import.meta.dirname, "fixtures", "write-loop.ts");
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const p = spawn(process.execPath, ["--import", "tsx", child, file, a, b], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve) => p.stdout.once("data", () => resolve()));
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 60));
      p.kill("SIGKILL");
      await new Promise((r) => p.once("exit", r));
      const now = readFileSync(file, "utf8");
      expect(now === A || now === B).toBe(true);
      seen.add(now === A ? "A" : "B");
    }
    // Temp files of killed writers are hidden dot-files, and the next write sweeps them away.
    expect(readdirSync(dir).filter((f) => !f.startsWith("."))).toEqual(["a.txt", "b.txt", "tool.rhai"]);
    writeFileAtomic(file, A);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(seen.size).toBeGreaterThan(0);
  }, 60_000);
});
