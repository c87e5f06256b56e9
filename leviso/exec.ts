import { spawn } from "node:child_process";

/** Runs external tools with exact argv (no shell), streaming lines for live progress. */

export class ToolError extends Error {
  constructor(
    readonly argv: string[],
    readonly code: number | null,
    readonly stderrTail: string,
  ) {
    super(
      code === -2
        ? `${argv[0]} is not installed (needed to run: ${argv.join(" ")})`
        : `${argv.join(" ")} failed (exit ${code ?? "signal"})${stderrTail ? `:\n${stderrTail}` : ""}`,
    );
    this.name = "ToolError";
  }
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  /** Each line of stdout and stderr as it arrives. */
  onLine?: (line: string) => void;
  /** Keep stdout (default true); large outputs can switch it off. */
  captureStdout?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

export function runTool(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const [cmd, ...args] = argv;
    const child = spawn(cmd!, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: [opts.input !== undefined ? "pipe" : "ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    const splitter = () => {
      let pending = "";
      return (chunk: Buffer) => {
        if (!opts.onLine) return;
        pending += chunk.toString("utf8");
        const lines = pending.split(/\r?\n|\r/);
        pending = lines.pop() ?? "";
        for (const l of lines) if (l.trim()) opts.onLine(l);
      };
    };
    const onOut = splitter();
    const onErr = splitter();
    child.stdout!.on("data", (c: Buffer) => {
      if (opts.captureStdout !== false) out.push(c);
      onOut(c);
    });
    child.stderr!.on("data", (c: Buffer) => {
      err += c.toString("utf8");
      if (err.length > 200_000) err = err.slice(-100_000);
      onErr(c);
    });
    child.on("error", (e: NodeJS.ErrnoException) => {
      reject(new ToolError(argv, e.code === "ENOENT" ? -2 : null, e.message));
    });
    child.on("close", (code) => {
      const stdout = Buffer.concat(out).toString("utf8");
      if (code === 0) resolvePromise({ stdout, stderr: err });
      else {
        const tail = (err.trim() || stdout.trim()).split("\n").slice(-15).join("\n");
        reject(new ToolError(argv, code, tail));
      }
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/**
 * Runs argv with the root's /dev, /proc and /sys mounted, in a private mount namespace: the
 * mounts vanish with the process, so an interrupted build leaves none. `chroot` runs argv inside
 * the root; otherwise argv is a host program whose effects go inside it (rpm --root).
 */
function runWithMountsIn(
  root: string,
  argv: string[],
  chroot: boolean,
  opts: RunOptions,
): Promise<RunResult> {
  const script =
    'set -e; r="$1"; shift; mkdir -p "$r/dev" "$r/proc" "$r/sys"; ' +
    'mount --rbind /dev "$r/dev"; mount -t proc proc "$r/proc"; mount -t sysfs sysfs "$r/sys"; ' +
    (chroot ? 'exec chroot "$r" "$@"' : 'exec "$@"');
  return runTool(
    ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", root, ...argv],
    opts,
  );
}

/** Runs argv chrooted into `root` with /dev, /proc and /sys mounted inside it. */
export function runInRoot(root: string, argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runWithMountsIn(root, argv, true, {
    ...opts,
    env: { ...(opts.env ?? process.env), PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C.UTF-8" },
  });
}

/** Runs a host program whose effects go inside `root` (rpm --root), with the root's mounts for its scriptlets. */
export function runWithRootMounts(root: string, argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runWithMountsIn(root, argv, false, opts);
}
