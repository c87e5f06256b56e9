import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Accel, detectAccel, findOvmf, type QemuCommand, type QemuOptions, qemuArgv } from "./argv.js";
import { BootFailure, ConsoleWatcher, type MarkerResult } from "./console.js";

/** QEMU processes started by this process, killed if it exits first (a test runner dying). */
export const running = new Set<ChildProcess>();
let hooksInstalled = false;

/**
 * On exit, and on the signals a test runner stops its workers with, the QEMUs go first; then the
 * signal is raised again so the process ends as it would have. (SIGKILL cannot be caught: then
 * the `timeout` wrapper bounds QEMU.)
 */
export function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = () => {
    for (const child of running) killGroup(child, "SIGKILL");
  };
  process.once("exit", killAll);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      killAll();
      process.kill(process.pid, sig);
    });
  }
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: `timeout` and QEMU under it
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

export interface PreparedQemu {
  cmd: QemuCommand;
  /** Removes the temporary directory (the OVMF variable store copy). */
  cleanup(): void;
}

export type MachineRequest = Omit<QemuOptions, "ovmf" | "accel"> & {
  accel?: Accel;
  ovmfCode?: string;
  ovmfVars?: string;
};

/**
 * Resolves firmware and acceleration and makes the writable OVMF variable store copy (each boot
 * starts from pristine variables, as a new machine does).
 */
export function prepareQemu(req: MachineRequest): PreparedQemu {
  const dir = mkdtempSync(join(tmpdir(), "levitate-qemu-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    let ovmf: QemuOptions["ovmf"];
    if (req.firmware === "uefi") {
      const found = req.ovmfCode && req.ovmfVars ? { code: req.ovmfCode, vars: req.ovmfVars } : findOvmf();
      if (!found)
        throw new Error(
          "no OVMF firmware found for UEFI boot: apt-get install ovmf (or pass the firmware files, or boot with --bios)",
        );
      const vars = join(dir, "OVMF_VARS.fd");
      copyFileSync(found.vars, vars);
      ovmf = { code: found.code, vars };
    }
    const { ovmfCode: _c, ovmfVars: _v, ...rest } = req;
    const cmd = qemuArgv({ ...rest, accel: req.accel ?? detectAccel(), ...(ovmf ? { ovmf } : {}) });
    return { cmd, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

export interface BootTestOptions {
  machine: Omit<MachineRequest, "console">;
  marker: RegExp;
  timeoutMs: number;
  fatal?: RegExp[];
  /** Every console line is appended here (for CI artifacts and post-mortems). */
  logFile?: string;
  onLine?: (line: string) => void;
}

export interface BootTestResult extends MarkerResult {
  cmd: QemuCommand;
}

/**
 * Boots, watches the serial console for the marker, and always stops QEMU and removes its
 * temporary files, whether the marker came, the boot failed, or the timeout fired. A hard
 * `timeout` wrapper bounds QEMU even if this process is killed before it can clean up.
 */
export async function bootUntilMarker(o: BootTestOptions): Promise<BootTestResult> {
  const prepared = prepareQemu({ ...o.machine, console: "pipe" });
  if (o.logFile) writeFileSync(o.logFile, `# ${[prepared.cmd.command, ...prepared.cmd.args].join(" ")}\n`);
  const watcher = new ConsoleWatcher({
    marker: o.marker,
    timeoutMs: o.timeoutMs,
    ...(o.fatal ? { fatal: o.fatal } : {}),
    onLine: (line) => {
      if (o.logFile) appendFileSync(o.logFile, `${line}\n`);
      o.onLine?.(line);
    },
  });
  installExitHooks();
  const hardLimitS = Math.ceil(o.timeoutMs / 1000) + 60;
  const child = spawn(
    "timeout",
    ["--kill-after=10", String(hardLimitS), prepared.cmd.command, ...prepared.cmd.args],
    { stdio: ["pipe", "pipe", "pipe"], detached: true },
  );
  running.add(child);
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => watcher.push(d));
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.on("error", (e) => watcher.abort(`could not start QEMU: ${e.message}`));
  child.on("close", (code, signal) => {
    running.delete(child);
    const why = `QEMU exited (${signal ?? `code ${code}`}) before the boot marker appeared${stderr.trim() ? `; QEMU said: ${stderr.trim()}` : ""}`;
    watcher.end(why);
  });
  try {
    const r = await watcher.result;
    return { ...r, cmd: prepared.cmd };
  } catch (e) {
    if (e instanceof BootFailure && stderr.trim() && !e.reason.includes(stderr.trim()))
      throw new BootFailure(`${e.reason} (QEMU stderr: ${stderr.trim()})`, e.lastLines, e.elapsedMs);
    throw e;
  } finally {
    await stop(child);
    prepared.cleanup();
  }
}

/** SIGTERM to the group, SIGKILL after 5 s; resolves when the child has closed. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
  await closed;
  clearTimeout(timer);
  running.delete(child);
}
