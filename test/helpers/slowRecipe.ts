/**
 * A hostile recipe: a loop of `mixin` of a 9,000-key map. Before built-ins were charged by their
 * work a loop like it ran to the 5 s script-time deadline (a minute under load); now the operations
 * limit ends it, after 2-7 s of the 10,000,000 operations a preview's load may take (the slowest
 * work per operation left: the preview test needs more than its 1 s before the signal). The signal tests
 * (attacker 8 M2) use it as the recipe being read; the reads test holds the read open with
 * {@link slowReadPrelude}.
 */
export const SLOW_RECIPE = `let pkg = #{ name: "slow", version: "1.0", description: "d" };
let installed = false;
let installed_version = ();
let installed_files = [];
let installed_at = ();
fn install() { }
let m = #{};
for i in 0..9000 { m["k" + i] = i; }
let o = #{};
loop { o.mixin(m); }
`;

/**
 * Code for a test's child process (an ES module, before it imports the reader): every read of a
 * file named slow.rhai first blocks the thread for `holdMs`, as a read of a hostile recipe did
 * before the engine charged built-ins by their work (the recipe above now ends in well under a
 * second, too soon to send a signal into). The thread is held in Atomics.wait, so a JavaScript
 * signal handler waits for the read exactly as it waited for the interpreter.
 */
export function slowReadPrelude(holdMs: number): string {
  return `
const fsm = (await import("node:fs")).default;
const slowFds = new Set();
const open0 = fsm.openSync;
const read0 = fsm.readSync;
fsm.openSync = (p, ...rest) => { const fd = open0(p, ...rest); if (String(p).endsWith("slow.rhai")) slowFds.add(fd); return fd; };
fsm.readSync = (fd, ...rest) => { if (slowFds.delete(fd)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs}); return read0(fd, ...rest); };
(await import("node:module")).syncBuiltinESMExports();
`;
}

/**
 * The same hold as {@link slowReadPrelude}, as a CommonJS file for `node --require`, and only on
 * worker threads: Node 20 runs `--require` preloads in every worker but `--import` ones only on
 * the main thread. It holds the preview worker's read while the main thread, which must stay free
 * for the signal handlers, reads as usual.
 */
export function slowWorkerReadPreload(holdMs: number): string {
  return `
if (!require("node:worker_threads").isMainThread) {
  const fsm = require("node:fs");
  const slowFds = new Set();
  const open0 = fsm.openSync;
  const read0 = fsm.readSync;
  fsm.openSync = (p, ...rest) => { const fd = open0(p, ...rest); if (String(p).endsWith("slow.rhai")) slowFds.add(fd); return fd; };
  fsm.readSync = (fd, ...rest) => { if (slowFds.delete(fd)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs}); return read0(fd, ...rest); };
  require("node:module").syncBuiltinESMExports();
}
`;
}
