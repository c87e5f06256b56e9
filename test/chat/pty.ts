import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A real terminal for the CLI: a detached tmux session of a fixed size on a private server
 * socket. Keys go in with send-keys, the screen comes back with capture-pane, and the exit status
 * is written to a file by the shell around the command.
 */
export class Pty {
  private static count = 0;
  readonly name: string;
  private readonly statusFile: string;

  constructor(
    private readonly socket: string,
    dir: string,
    command: string,
    opts: { width?: number; height?: number; cwd?: string; env?: Record<string, string> } = {},
  ) {
    this.name = `t${Pty.count++}`;
    this.statusFile = join(dir, `${this.name}.status`);
    // The trap keeps the shell alive through a Ctrl-C signal so it can record the status.
    const script = `trap 'true' INT; ${command}; echo $? > ${this.statusFile}; sleep 600`;
    const env = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    this.tmux(
      "new-session",
      "-d",
      "-s",
      this.name,
      "-x",
      String(opts.width ?? 80),
      "-y",
      String(opts.height ?? 50),
      "-c",
      opts.cwd ?? process.cwd(),
      ...env,
      "sh",
      "-c",
      script,
    );
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }

  /** The screen as lines; `joined` undoes the terminal's own wrapping (lines the program broke stay broken). */
  screen(joined = false): string {
    return this.tmux("capture-pane", "-p", ...(joined ? ["-J"] : []), "-S", "-", "-t", this.name);
  }

  /** Keys as tmux names them: text, "Enter", "C-c", "C-d". */
  send(...keys: string[]): void {
    this.tmux("send-keys", "-t", this.name, ...keys);
  }

  /** Types a line and presses Enter. */
  line(text: string): void {
    this.tmux("send-keys", "-t", this.name, "-l", text);
    this.send("Enter");
  }

  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen(true);
      if (pattern.test(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; the screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits for the command to end and returns its exit status. */
  async exitCode(timeoutMs = 30_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (existsSync(this.statusFile)) {
        const t = readFileSync(this.statusFile, "utf8").trim();
        if (t) return Number(t);
      }
      if (Date.now() > end) throw new Error(`the command did not end; the screen:\n${this.screen(true)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(): void {
    try {
      this.tmux("kill-session", "-t", this.name);
    } catch {
      // already gone
    }
  }
}

/** Ends this test file's own tmux server (its private socket), never anyone else's. */
export function killServer(socket: string): void {
  try {
    execFileSync("tmux", ["-L", socket, "kill-server"], { stdio: "ignore" });
  } catch {
    // no server was started
  }
}
