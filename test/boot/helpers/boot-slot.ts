import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The QEMU boot slot as a first come, first served queue across processes (vitest's forks, a
 * person's run beside CI's). A lock that every waiter polls is won by whoever polls first after
 * the release, so a boot can be passed over again and again (a chain login once waited 21 min
 * behind boots that asked after it). Here each waiter writes a ticket into the queue directory,
 * named by the time it asked; the oldest live ticket holds the slot, the others wait their turn.
 *
 * A ticket is live while its process runs: a killed test (no `finally`) leaves a ticket whose pid
 * is gone, and the next waiter removes it. Its process touches it every 10 s; one untouched for
 * {@link STALE_MS} is taken as a reused pid's. That is long on purpose: a test's synchronous work
 * (execFileSync) stops the touching, and a live holder's ticket must never be taken from it.
 */

/** How often a waiter looks at the queue, and a holder or waiter touches its ticket. */
const POLL_MS = 1000;
/** A ticket untouched this long is a dead process's whose pid was reused. */
export const STALE_MS = 30 * 60_000;

export interface SlotOptions {
  /** The queue directory (tests use their own). */
  dir: string;
  /** Longest wait for the turn; then the error names who holds the slot. */
  waitMs: number;
  pollMs?: number;
}

interface Ticket {
  name: string;
  pid: number;
  file: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but is someone else's.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Tickets in order of asking; dead ones are removed on the way. */
export function queue(dir: string, now = Date.now()): Ticket[] {
  const out: Ticket[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = /^\d{15}-\d{6}-(\d+)-[0-9a-f]+\.ticket$/.exec(name);
    if (!m) continue;
    const file = join(dir, name);
    const pid = Number(m[1]);
    let touched: number;
    try {
      touched = statSync(file).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if (!alive(pid) || now - touched > STALE_MS) {
      rmSync(file, { force: true });
      continue;
    }
    out.push({ name, pid, file });
  }
  return out;
}

let sequence = 0;

/** Runs `fn` when this caller's turn comes, one caller at a time, in the order they asked. */
export async function withSlot<T>(opts: SlotOptions, fn: () => Promise<T>): Promise<T> {
  mkdirSync(opts.dir, { recursive: true });
  // Time first (the queue's order), then a counter for callers of the same millisecond in this
  // process; pid and random make the name unique across processes.
  const asked = Date.now();
  const name = `${String(asked).padStart(15, "0")}-${String(sequence++ % 1e6).padStart(6, "0")}-${process.pid}-${randomBytes(4).toString("hex")}.ticket`;
  const file = join(opts.dir, name);
  writeFileSync(file, `${process.pid} ${new Date(asked).toISOString()}\n`);
  const touch = () => {
    try {
      const t = new Date();
      utimesSync(file, t, t);
    } catch {
      // removed as stale after a long pause of this process: written again below
      writeFileSync(file, `${process.pid} ${new Date(asked).toISOString()}\n`);
    }
  };
  const keepAlive = setInterval(touch, 10_000);
  try {
    const poll = opts.pollMs ?? POLL_MS;
    for (;;) {
      const q = queue(opts.dir);
      if (!q.some((t) => t.name === name)) touch();
      else if (q[0]?.name === name) break;
      if (Date.now() - asked > opts.waitMs) {
        const head = q[0];
        const since = head ? readFileSync(head.file, "utf8").trim().split(" ")[1] : "";
        throw new Error(
          `no QEMU boot slot within ${Math.round(opts.waitMs / 60_000)} min: pid ${head?.pid} holds it (asked ${since}), ${Math.max(
            0,
            q.findIndex((t) => t.name === name),
          )} ahead of this boot; the queue is ${opts.dir}`,
        );
      }
      await new Promise((r) => setTimeout(r, poll));
    }
    return await fn();
  } finally {
    clearInterval(keepAlive);
    rmSync(file, { force: true });
  }
}
