/**
 * Ctrl-C anywhere in `levitate ask` and `levitate install` ends the program with exit 130 and one
 * line that says what was changed: nothing, or the steps that had already run. Never a stack trace.
 *
 * Ctrl-C reaches the program two ways: as a keypress while a prompt holds the terminal in raw mode
 * (readline's "SIGINT" event at `you>`, @inquirer's ExitPromptError at a confirmation or password
 * prompt), or as the signal while steps run in cooked mode (the running child gets it too).
 * Both end here.
 */

export const INTERRUPTED = 130;

interface Progress {
  total: number;
  done: string[];
  running?: string;
}

let progress: Progress | undefined;

/** The line printed on Ctrl-C: what was already done, if anything. */
export function cancelLine(p: Progress | undefined = progress): string {
  if (!p || (p.done.length === 0 && !p.running)) return "cancelled, nothing was changed";
  const where = p.running ? ` while running "${p.running}"` : "";
  const done = p.done.length ? `already done: ${p.done.join(", ")}` : "no step had finished";
  return `cancelled${where}; ${done}; nothing else was run`;
}

type StepEvent = { type: string; step: { title: string; changes?: string }; total?: number };

/** A step that changes nothing on the machine (asking a password, hashing it in memory). */
function changesNothing(step: { changes?: string }): boolean {
  return step.changes?.startsWith("nothing") === true;
}

/**
 * Wraps an executor's event handler so that a Ctrl-C can say which steps had changed something.
 * Steps that change nothing (a password asked, hashed in memory) are not counted as done.
 */
export function trackProgress<E extends StepEvent>(onEvent?: (e: E) => void): (e: E) => void {
  progress = { total: 0, done: [] };
  return (e: E) => {
    const p = progress!;
    if (e.type === "start") {
      p.total = e.total ?? p.total;
      if (changesNothing(e.step)) delete p.running;
      else p.running = e.step.title;
    } else if (e.type === "done") {
      if (!changesNothing(e.step)) p.done.push(e.step.title);
      delete p.running;
    }
    onEvent?.(e);
  };
}

/** Forgets the steps of a finished run (the chat may plan again afterwards). */
export function resetProgress(): void {
  progress = undefined;
}

/** @inquirer's errors for a prompt closed by Ctrl-C (ExitPromptError) or aborted. */
export function isPromptCancel(e: unknown): boolean {
  return e instanceof Error && (e.name === "ExitPromptError" || e.name === "AbortPromptError");
}

/** Prints the cancel line on stderr and exits 130. */
export function exitCancelled(
  write: (s: string) => void = (s) => process.stderr.write(s),
  code: number = INTERRUPTED,
  line: string = cancelLine(),
): never {
  write(`\n${line}\n`);
  process.exit(code);
}

/** A prompt function that exits 130 with the cancel line when the user presses Ctrl-C in it. */
export function cancellable<A extends unknown[], R>(
  ask: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await ask(...args);
    } catch (e) {
      if (isPromptCancel(e)) exitCancelled();
      throw e;
    }
  };
}

let installed = false;

/**
 * Ctrl-C as a signal (cooked mode: while a backend thinks, while steps run, with piped input)
 * exits 130 with the cancel line instead of dying silently.
 */
export function exitOnInterrupt(): void {
  if (installed) return;
  installed = true;
  process.on("SIGINT", () => exitCancelled());
  // SIGTERM (systemctl stop, timeout, shutdown) and SIGHUP (a closed SSH session or terminal)
  // stop an install as Ctrl-C does: the same line, and the exit handlers that unmount the target.
  process.on("SIGTERM", () => exitCancelled(undefined, 143));
  process.on("SIGHUP", () => exitCancelled(undefined, 129));
}
