/**
 * A terminal that goes away (SSH dropped, window closed) must end `levitate` like `kill -HUP`:
 * exit 129 after the exit handlers (unmount the target) have run, never a crash.
 *
 * Why it crashed: when Node exits it restores the terminal settings it saw at start on every
 * stdio descriptor that is still the same terminal, and aborts (SIGABRT, or SIGSEGV with a prompt
 * open) when that terminal answers EIO because it hung up. The hangup reaches us three ways, in no
 * fixed order: SIGHUP, the end of stdin (readline closes), or an EIO from a prompt resetting raw
 * mode (an uncaught error). Each path here puts /dev/null in place of the dead descriptors, so
 * nothing more is written to the gone terminal and Node skips them on its way out.
 */
import { closeSync, openSync } from "node:fs";
import { isatty } from "node:tty";

export const HANGUP_EXIT = 129;

const STDIO = [0, 1, 2] as const;

/** The stdio descriptors that were a terminal when we started and answer like one no more. */
export function deadTerminalFds(
  wasTty: readonly boolean[],
  isTty: (fd: number) => boolean = isatty,
): number[] {
  return STDIO.filter((fd) => wasTty[fd] === true && !isTty(fd));
}

/**
 * Replaces the hung-up stdio descriptors with /dev/null. Closing them all first makes each open
 * take the lowest free number, that is, the very descriptor just closed. True if any was dead.
 */
function detach(fds: readonly number[]): boolean {
  if (fds.length === 0) return false;
  for (const fd of fds) {
    try {
      closeSync(fd);
    } catch {
      // already closed: the open below fills it all the same
    }
  }
  for (const _ of fds) {
    try {
      openSync("/dev/null", "r+");
    } catch {
      // no descriptor left: Node then finds the slot closed, which it also skips
    }
  }
  return true;
}

let installed = false;

/** Call first thing in the CLI, while the terminal is there to be seen. */
export function exitCleanlyOnHangup(): void {
  if (installed) return;
  installed = true;
  const wasTty = STDIO.map((fd) => isatty(fd));
  if (!wasTty.some(Boolean)) return;
  let hungUp = false;
  const detachIfDead = (): boolean => {
    if (detach(deadTerminalFds(wasTty))) hungUp = true;
    return hungUp;
  };
  // First of the SIGHUP listeners, so the command's own (the cancel line, exit 129) writes to
  // /dev/null instead of the gone terminal; alone, it ends the process as SIGHUP would have.
  process.prependListener("SIGHUP", () => {
    detachIfDead();
    if (process.listenerCount("SIGHUP") === 1) process.exit(HANGUP_EXIT);
  });
  // A prompt that fails with EIO because its terminal hung up is a hangup, not a bug to report.
  process.on("uncaughtExceptionMonitor", () => {
    if (detachIfDead()) process.exit(HANGUP_EXIT);
  });
  // Whatever path the exit takes (stdin ended at `you>`, a prompt gave up), the terminal it leaves
  // must not be the dead one, and the exit code says it was a hangup.
  process.prependListener("exit", () => {
    if (detachIfDead()) process.exitCode = HANGUP_EXIT;
  });
}
