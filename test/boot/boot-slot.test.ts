import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withSlot } from "./helpers/boot-slot.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A ticket as another process would have written it, asked at `askedMs`. */
function foreignTicket(dir: string, pid: number, askedMs: number): string {
  const file = join(dir, `${String(askedMs).padStart(15, "0")}-000000-${pid}-abcd0123.ticket`);
  writeFileSync(file, `${pid} ${new Date(askedMs).toISOString()}\n`);
  return file;
}

describe("the QEMU boot slot is first come, first served", () => {
  let dir = "";
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "levitate-slot-"));
  });
  afterEach(() => {
    for (const c of children.splice(0)) c.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("boots run one at a time, in the order they asked", async () => {
    const events: string[] = [];
    let inside = 0;
    let overlap = false;
    const boot = (name: string, holdMs: number) =>
      withSlot({ dir, waitMs: 30_000, pollMs: 20 }, async () => {
        if (++inside > 1) overlap = true;
        events.push(name);
        await sleep(holdMs);
        inside--;
      });
    const runs: Promise<void>[] = [];
    // "first" holds the slot while the others ask, 60 ms apart.
    runs.push(boot("first", 600));
    for (const name of ["second", "third", "fourth"]) {
      await sleep(60);
      runs.push(boot(name, 80));
    }
    await Promise.all(runs);
    expect(events).toEqual(["first", "second", "third", "fourth"]);
    expect(overlap).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("another process's earlier ticket is waited for until that process ends; a dead one's is removed", async () => {
    // A live process asked first: this boot waits for it to end.
    const holder = spawn("sleep", ["1.5"]);
    children.push(holder);
    const live = foreignTicket(dir, holder.pid as number, Date.now() - 1000);
    // A process that died holding the slot (a killed test, no finally) asked before both.
    const done = spawnSync("true");
    const dead = foreignTicket(dir, done.pid as number, Date.now() - 5000);
    const t0 = Date.now();
    await withSlot({ dir, waitMs: 30_000, pollMs: 20 }, async () => {
      expect(existsSync(dead)).toBe(false);
    });
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(existsSync(live)).toBe(false); // its process ended: removed by the waiter
  });

  it("a wait longer than allowed fails naming the holder; the waiter's own ticket is gone", async () => {
    const holder = spawn("sleep", ["30"]);
    children.push(holder);
    foreignTicket(dir, holder.pid as number, Date.now() - 1000);
    let ran = false;
    await expect(
      withSlot({ dir, waitMs: 300, pollMs: 20 }, async () => {
        ran = true;
      }),
    ).rejects.toThrow(new RegExp(`no QEMU boot slot within .*pid ${holder.pid} holds it`));
    expect(ran).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1); // the holder's only
  });

  it("the slot is released when the boot throws", async () => {
    await expect(
      withSlot({ dir, waitMs: 5000, pollMs: 20 }, async () => {
        throw new Error("boot failed");
      }),
    ).rejects.toThrow("boot failed");
    expect(readdirSync(dir)).toEqual([]);
    await withSlot({ dir, waitMs: 5000, pollMs: 20 }, async () => {});
  });
});
