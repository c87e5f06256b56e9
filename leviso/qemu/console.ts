/**
 * Reads a serial console as it streams and decides how a boot went: the marker line appeared,
 * the kernel or initramfs gave up (fail fast instead of waiting for the timeout), QEMU exited,
 * or time ran out. Failures carry the last lines of the console, which is what a person needs.
 */

export const failureContextLines = 50;

/** Console lines that mean the boot is over and will not reach the marker. */
export const defaultFatalPatterns: RegExp[] = [
  /Kernel panic - not syncing/,
  /dracut-initqueue\[\d+\]: Warning: dracut-initqueue: timeout/,
  /Entering emergency mode/,
  /dracut: FATAL:/,
  /Dropping to debug shell/,
  /grub rescue>/,
  /No bootable device/,
  /Boot failed: not a bootable disk/,
];

export class BootFailure extends Error {
  constructor(
    readonly reason: string,
    readonly lastLines: string[],
    readonly elapsedMs: number,
  ) {
    super(
      `${reason} after ${(elapsedMs / 1000).toFixed(1)} s\n--- last ${lastLines.length} console lines ---\n${lastLines.join("\n")}\n--- end of console ---`,
    );
    this.name = "BootFailure";
  }
}

export interface MarkerResult {
  /** The full line that matched. */
  line: string;
  /** Capture groups of the marker pattern, if any. */
  groups: string[];
  elapsedMs: number;
  /** Every console line up to and including the marker. */
  lines: string[];
}

export interface WatchOptions {
  marker: RegExp;
  timeoutMs: number;
  fatal?: RegExp[];
  /** Keep this many lines for the failure message. */
  context?: number;
  /** Called with each complete console line (e.g. to tee to a log file). */
  onLine?: (line: string) => void;
}

// CSI and OSC escape sequences, which firmware and boot loaders paint the screen with.
const ansi = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][A-Za-z0-9]|\u001b[=>78cDEHM]/g;

/** One console line as text: escapes gone, carriage-return overwrites resolved. */
export function cleanLine(raw: string): string {
  const noEsc = raw.replace(ansi, "");
  const parts = noEsc.split("\r").filter((p) => p.length > 0);
  return (parts[parts.length - 1] ?? "").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * A line splitter plus verdict. Feed it chunks with {@link ConsoleWatcher.push}; tell it about the
 * end of the stream with {@link ConsoleWatcher.end}; await {@link ConsoleWatcher.result}.
 */
export class ConsoleWatcher {
  readonly result: Promise<MarkerResult>;
  private resolveFn!: (r: MarkerResult) => void;
  private rejectFn!: (e: BootFailure) => void;
  private partial = "";
  private readonly lines: string[] = [];
  private readonly started = Date.now();
  private timer: NodeJS.Timeout;
  private settled = false;
  private readonly fatal: RegExp[];
  private readonly context: number;

  constructor(private readonly options: WatchOptions) {
    this.fatal = options.fatal ?? defaultFatalPatterns;
    this.context = options.context ?? failureContextLines;
    this.result = new Promise<MarkerResult>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
    // Callers may attach handlers late; never let an early rejection crash the process.
    this.result.catch(() => {});
    this.timer = setTimeout(
      () =>
        this.fail(
          `no boot marker ${String(options.marker)} within ${(options.timeoutMs / 1000).toFixed(0)} s`,
        ),
      options.timeoutMs,
    );
  }

  get elapsedMs(): number {
    return Date.now() - this.started;
  }

  get done(): boolean {
    return this.settled;
  }

  /** The last lines seen, including a line still being written. */
  tail(n = this.context): string[] {
    const all = this.partial ? [...this.lines, cleanLine(this.partial)] : this.lines;
    return all.slice(-n);
  }

  push(chunk: string | Buffer): void {
    if (this.settled) return;
    this.partial += chunk.toString();
    let nl = this.partial.indexOf("\n");
    while (nl >= 0) {
      const line = cleanLine(this.partial.slice(0, nl));
      this.partial = this.partial.slice(nl + 1);
      this.lines.push(line);
      this.options.onLine?.(line);
      if (this.check(line)) return;
      nl = this.partial.indexOf("\n");
    }
  }

  /** The stream ended (QEMU exited): a last unterminated line still counts. */
  end(why = "QEMU exited before the boot marker appeared"): void {
    if (this.settled) return;
    if (this.partial) {
      const line = cleanLine(this.partial);
      this.partial = "";
      this.lines.push(line);
      this.options.onLine?.(line);
      if (this.check(line)) return;
    }
    this.fail(why);
  }

  /** Stop waiting from outside (e.g. QEMU failed to start). */
  abort(why: string): void {
    this.fail(why);
  }

  private check(line: string): boolean {
    const m = this.options.marker.exec(line);
    if (m) {
      this.settle();
      this.resolveFn({
        line,
        groups: m.slice(1).map((g) => g ?? ""),
        elapsedMs: this.elapsedMs,
        lines: [...this.lines],
      });
      return true;
    }
    const bad = this.fatal.find((f) => f.test(line));
    if (bad) {
      this.fail(`boot failed: console printed "${line.trim()}"`);
      return true;
    }
    return false;
  }

  private fail(reason: string): void {
    if (this.settled) return;
    this.settle();
    this.rejectFn(new BootFailure(reason, this.tail(), this.elapsedMs));
  }

  private settle(): void {
    this.settled = true;
    clearTimeout(this.timer);
  }
}
