import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listRecipes } from "../../recipe/api.js";
import { isZombie } from "../../recipe/zombie.js";
import { makeWorld, type World } from "../recipe/fixture.js";

/**
 * Attacker 25 L2: `recipe list --installed` run right after a kill -9 of an install left the
 * journal, the locks and the recipe's file in place of the user's; `recipe list` a moment later
 * rolled it back. Not the flag: the killed worker was a zombie for a second or two (nobody had
 * reaped it yet), and kill(pid, 0) succeeds on a zombie. A zombie holds nothing now.
 */

let w: World | undefined;
let parent: ChildProcess | undefined;
afterEach(() => {
  parent?.kill("SIGKILL");
  w?.cleanup();
});

/** A zombie: a child of a process that never reaps it (sh execs sleep, which does not wait). */
async function zombie(): Promise<number> {
  parent = spawn("sh", ["-c", "sleep 0.05 & echo $!; exec sleep 30"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const pid = await new Promise<number>((r) =>
    parent?.stdout?.once("data", (d) => r(Number(String(d).trim()))),
  );
  for (let i = 0; i < 100 && !isZombie(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return pid;
}

describe("a journal or lock whose process is a zombie is recovered at once", () => {
  it("isZombie tells a zombie from a running process and from no process", async () => {
    const pid = await zombie();
    expect(isZombie(pid)).toBe(true);
    expect(isZombie(process.pid)).toBe(false);
    expect(isZombie(999_999_999)).toBe(false);
  });

  it("list (the --installed listing reads the same) rolls back the zombie's install", async () => {
    w = makeWorld();
    const pid = await zombie();
    mkdirSync(join(w.root, "usr/local/bin"), { recursive: true });
    const tool = join(w.root, "usr/local/bin/tool");
    writeFileSync(tool, "the recipe's tool");
    const sd = join(w.root, "etc/recipes");
    mkdirSync(sd, { recursive: true });
    const j = join(sd, `.recipe-txn-${pid}.journal`);
    writeFileSync(
      j,
      `${[
        { pid, host: hostname(), locks: [], buildRoot: join(tmpdir(), "recipe-build-none26") },
        { op: "install", path: tool },
      ]
        .map((l) => JSON.stringify(l))
        .join("\n")}\n`,
    );
    const installed = listRecipes([w.recipes], w.root).filter((r) => r.installed);
    expect(installed).toEqual([]);
    expect(existsSync(j)).toBe(false);
    expect(existsSync(tool)).toBe(false);
  });

  it("near miss: a live process's journal is left alone", () => {
    w = makeWorld();
    const sd = join(w.root, "etc/recipes");
    mkdirSync(sd, { recursive: true });
    const j = join(sd, `.recipe-txn-${process.pid + 0}.journal`);
    const body = `${JSON.stringify({ pid: process.pid, host: hostname(), locks: [], buildRoot: join(tmpdir(), "recipe-build-none26") })}\n`;
    writeFileSync(j, body);
    listRecipes([w.recipes], w.root);
    expect(readFileSync(j, "utf8")).toBe(body);
  });
});
