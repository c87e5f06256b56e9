import { spawn } from "node:child_process";

/**
 * The worker of a supervised `recipe` command must not outlive its supervisor (attacker 5, F12):
 * SIGKILL of the `recipe` process the user started (`timeout -s KILL`, the OOM killer, a service
 * manager that kills only the main pid) left the worker finishing the install detached, unreported.
 *
 * Linux's PR_SET_PDEATHSIG is out of Node's reach, and the worker itself cannot watch: it spends
 * its time blocked in spawnSync, where no timer runs. So a small watcher process in the worker's
 * process group polls the worker's parent; once the supervisor is gone (the worker was reparented)
 * it stops the whole group: SIGTERM, SIGKILL after the same grace the supervisor gives. The
 * install's journal stays, and the next `recipe` command rolls it back, as after a crash.
 */

const WATCH_SOURCE = `
const { readFileSync } = require("node:fs");
const { worker, supervisor, graceMs } = JSON.parse(process.env.RECIPE_ORPHAN_WATCH);
// the supervisor's signals reach the whole group; the watcher stays until the worker is gone
for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, () => {});
const parentOf = (pid) => {
  try {
    const stat = readFileSync("/proc/" + pid + "/stat", "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
};
let stopping = false;
setInterval(() => {
  const parent = parentOf(worker);
  if (parent === undefined) process.exit(0);
  if (parent === supervisor || stopping) return;
  stopping = true;
  process.stderr.write("recipe: the recipe command was killed; stopping its worker (a later recipe command rolls the install back)\\n");
  try { process.kill(-worker, "SIGTERM"); } catch {}
  setTimeout(() => { try { process.kill(-worker, "SIGKILL"); } catch {} process.exit(0); }, graceMs);
}, 250);
`;

/** Starts the watcher for this worker process; call once, first thing in the worker. */
export function watchSupervisor(graceMs = 10_000): void {
  const watcher = spawn(process.execPath, ["-e", WATCH_SOURCE], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      RECIPE_ORPHAN_WATCH: JSON.stringify({ worker: process.pid, supervisor: process.ppid, graceMs }),
    },
  });
  watcher.on("error", () => {});
  watcher.unref();
}
