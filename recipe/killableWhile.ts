/**
 * Runs a synchronous recipe read with the default action for SIGINT, SIGTERM and SIGHUP: while
 * the Rhai interpreter holds the thread no JavaScript handler can run, so a process with handlers
 * ignored Ctrl-C for as long as a hostile recipe loaded (attacker 8, M2: the facts probe, version
 * pins). With none installed the kernel ends the process at once, and the shell sees 130/143/129.
 *
 * Only for reads made before anything changes (nothing to roll back, nothing mounted): the exit
 * handlers do not run. Work that changes the system keeps its handlers, or runs off this thread.
 */
import { isMainThread } from "node:worker_threads";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

type Listener = (...args: unknown[]) => void;

export function killableWhile<T>(read: () => T): T {
  if (!isMainThread) return read();
  const saved = SIGNALS.map((s) => [s, process.rawListeners(s) as Listener[]] as const);
  for (const [s] of saved) process.removeAllListeners(s);
  try {
    return read();
  } finally {
    // rawListeners keeps `once` wrappers as they were: each still removes itself when it fires.
    for (const [s, listeners] of saved) for (const l of listeners) process.on(s, l);
  }
}
