import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, writeFileSync } from "node:fs";
import type { QemuCommand } from "./argv.js";
import { installExitHooks, killGroup, type MachineRequest, prepareQemu, running, stop } from "./boot.js";
import { BootFailure, cleanLine, defaultFatalPatterns, failureContextLines } from "./console.js";

/**
 * A serial console driven like a person at a terminal (openQA's way, without a screen): wait for
 * text, type, wait again. Prompts such as `login: ` end without a newline, so waits look at the
 * text as it streams, not only at whole lines. Every byte is logged; every failure carries the
 * last 50 console lines.
 */

export interface SessionOptions {
  /** Every console line goes here (for CI artifacts). */
  logFile?: string;
  /** Hard limit on the whole session: `timeout` kills QEMU after it, even if this process dies. */
  hardLimitMs: number;
  /** Console text that ends the session at once (a kernel panic, a dracut shell). */
  fatal?: RegExp[];
}

const ESCAPES =
  /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][A-Za-z0-9]|\u001b[=>78cDEHM]/g;
/**
 * An escape sequence the chunk ends inside of: held back until its end arrives, so a sequence cut
 * by a read boundary (frequent on a serial line) is removed whole instead of leaving its tail in
 * the text, where it splits a prompt (`you>\u001b[` + `22m `) that a wait would then miss.
 */
const ESCAPE_CUT = /\u001b(\[[0-9;?]*[ -/]*|\][^\u0007]*|[()])?$/;

interface Waiter {
  pattern: RegExp;
  resolve: (m: RegExpExecArray) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  what: string;
}

export class SerialSession {
  private text = "";
  /** Where the next wait starts looking: text before it was matched already. */
  private cursor = 0;
  private partial = "";
  /** The start of an escape sequence the last chunk ended in (ESCAPE_CUT). */
  private escapeCut = "";
  private readonly lines: string[] = [];
  private waiter: Waiter | null = null;
  private exitInfo: string | null = null;
  private exitCode: number | null = null;
  private readonly exitWaiters: ((code: number | null) => void)[] = [];
  private fatalHit: string | null = null;
  private readonly started = Date.now();
  private stderr = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly o: SessionOptions,
    private readonly cleanup: () => void,
  ) {}

  /** Starts QEMU with the serial console on a pipe. */
  static startQemu(machine: Omit<MachineRequest, "console">, o: SessionOptions): SerialSession {
    const prepared = prepareQemu({ ...machine, console: "pipe" });
    return SerialSession.spawn(prepared.cmd, o, prepared.cleanup);
  }

  /** Starts any program whose stdin/stdout are a serial line (QEMU, or a stand-in in unit tests). */
  static spawn(cmd: QemuCommand, o: SessionOptions, cleanup: () => void = () => {}): SerialSession {
    if (o.logFile) writeFileSync(o.logFile, `# ${[cmd.command, ...cmd.args].join(" ")}\n`);
    installExitHooks();
    const hardLimitS = Math.ceil(o.hardLimitMs / 1000);
    const child = spawn("timeout", ["--kill-after=10", String(hardLimitS), cmd.command, ...cmd.args], {
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    running.add(child);
    const s = new SerialSession(child, o, cleanup);
    child.stdout?.on("data", (d: Buffer) => s.push(d.toString("utf8")));
    child.stderr?.on("data", (d: Buffer) => {
      s.stderr = (s.stderr + d.toString()).slice(-4000);
    });
    child.stdin?.on("error", () => {}); // writing after QEMU exited: the exit is reported instead
    child.on("error", (e) => s.ended(`could not start ${cmd.command}: ${e.message}`, null));
    child.on("close", (code, signal) => {
      running.delete(child);
      s.ended(`${cmd.command} exited (${signal ?? `code ${code}`})`, code);
    });
    return s;
  }

  private push(chunk: string): void {
    let data = this.escapeCut + chunk;
    this.escapeCut = "";
    const cut = ESCAPE_CUT.exec(data);
    // Never more than a short sequence: an unterminated OSC must not swallow the console.
    if (cut && cut[0].length <= 64) {
      this.escapeCut = cut[0];
      data = data.slice(0, cut.index);
    }
    // Firmware and boot loaders paint with escape sequences; prompts are matched as plain text.
    const clean = data.replace(ESCAPES, "").replace(/\r/g, "");
    this.text += clean;
    const parts = (this.partial + clean).split("\n");
    this.partial = parts.pop() ?? "";
    for (const raw of parts) {
      const line = cleanLine(raw);
      this.lines.push(line);
      if (this.lines.length > 2000) this.lines.splice(0, this.lines.length - 2000);
      if (this.o.logFile) appendFileSync(this.o.logFile, `${line}\n`);
      const fatal = (this.o.fatal ?? defaultFatalPatterns).find((p) => p.test(line));
      if (fatal && !this.fatalHit) {
        this.fatalHit = line;
        this.failWaiter(`console showed a fatal line: ${line.trim()}`);
      }
    }
    // Keep the searchable text bounded; a wait never needs more than the recent output.
    if (this.text.length > 1 << 20) {
      const drop = this.text.length - (1 << 19);
      this.text = this.text.slice(drop);
      this.cursor = Math.max(0, this.cursor - drop);
    }
    this.check();
  }

  private check(): void {
    const w = this.waiter;
    if (!w) return;
    const re = new RegExp(w.pattern.source, w.pattern.flags.replace("g", ""));
    const m = re.exec(this.text.slice(this.cursor));
    if (!m) return;
    this.cursor += m.index + m[0].length;
    clearTimeout(w.timer);
    this.waiter = null;
    w.resolve(m);
  }

  private failWaiter(reason: string): void {
    const w = this.waiter;
    if (!w) return;
    clearTimeout(w.timer);
    this.waiter = null;
    w.reject(this.failure(`${reason} (waiting for ${w.what})`));
  }

  private ended(info: string, code: number | null): void {
    if (this.exitInfo) return;
    this.exitInfo = info;
    this.exitCode = code;
    if (this.partial && this.o.logFile) appendFileSync(this.o.logFile, `${cleanLine(this.partial)}\n`);
    this.check();
    this.failWaiter(`${info}${this.stderr.trim() ? `; stderr: ${this.stderr.trim()}` : ""}`);
    for (const f of this.exitWaiters.splice(0)) f(code);
  }

  /** A failure with the console's last lines (and the partial line a prompt leaves). */
  failure(reason: string): BootFailure {
    return new BootFailure(reason, this.lastLines(), Date.now() - this.started);
  }

  lastLines(n = failureContextLines): string[] {
    const tail = this.partial ? [...this.lines, cleanLine(this.partial)] : this.lines;
    return tail.slice(-n);
  }

  /** Waits until `pattern` appears in console text after the previous match. */
  expect(pattern: RegExp, timeoutMs: number, what = String(pattern)): Promise<RegExpExecArray> {
    if (this.waiter) throw new Error("SerialSession: one wait at a time");
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.failWaiter(`timed out after ${(timeoutMs / 1000).toFixed(0)} s`),
        timeoutMs,
      );
      this.waiter = { pattern, resolve, reject, timer, what };
      this.check();
      if (this.waiter && this.fatalHit)
        this.failWaiter(`console showed a fatal line: ${this.fatalHit.trim()}`);
      else if (this.waiter && this.exitInfo) this.failWaiter(this.exitInfo);
    });
  }

  /** Types `text` on the serial line (add "\n" for Enter). */
  send(text: string): void {
    if (this.exitInfo) throw this.failure(`cannot type: ${this.exitInfo}`);
    this.child.stdin?.write(text);
  }

  /**
   * Runs one shell command at a logged-in shell prompt and returns its output and exit status,
   * framed by a unique token so the echo of the typed line is never mistaken for the answer.
   */
  async sh(command: string, timeoutMs: number): Promise<{ out: string; rc: number }> {
    const tok = `T${Math.random().toString(36).slice(2, 8)}`;
    // The token is split in the typed line ("T" "abc") so only the command's output has it whole.
    this.send(
      `echo ${tok.slice(0, 1)}''${tok.slice(1)}-BEGIN; ${command}; echo ${tok.slice(0, 1)}''${tok.slice(1)}-RC=$?\n`,
    );
    await this.expect(new RegExp(`${tok}-BEGIN\\n`), timeoutMs, `the start of: ${command}`);
    const m = await this.expect(
      new RegExp(`([\\s\\S]*?)${tok}-RC=(\\d+)`),
      timeoutMs,
      `the end of: ${command}`,
    );
    return { out: (m[1] ?? "").replace(/\n$/, ""), rc: Number(m[2]) };
  }

  /** Resolves with the exit code when the machine stops (power-off), or null at the timeout. */
  waitExit(timeoutMs: number): Promise<number | null> {
    if (this.exitInfo) return Promise.resolve(this.exitCode);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      this.exitWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  get exited(): boolean {
    return this.exitInfo !== null;
  }

  get elapsedMs(): number {
    return Date.now() - this.started;
  }

  /** Stops QEMU (if it still runs) and removes its temporary files. Safe to call twice. */
  async close(): Promise<void> {
    if (this.waiter) this.failWaiter("the session was closed");
    if (!this.exited) await stop(this.child);
    else if (this.child.exitCode === null && this.child.signalCode === null) killGroup(this.child, "SIGKILL");
    this.cleanup();
  }

  /** SIGKILL now, as a power cut. */
  kill(): void {
    killGroup(this.child, "SIGKILL");
  }
}
