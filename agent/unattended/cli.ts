import { spawn } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import type { Facts } from "../../facts/schema.js";
import type { PlanShutdown } from "../../tools/planFile.js";
import { runUnattended, UNATTENDED_LOG, type UnattendedDeps } from "./run.js";

/**
 * `levitate install --from-cmdline`: the unattended install wired to this machine: /proc/cmdline,
 * probed facts, the console (stdin for the cancel key), `levitate install --plan` as a child
 * process whose output is shown and logged, and the power-off at the end.
 */

export interface FromCmdlineOptions {
  /** The command line to read instead of /proc/cmdline (trying a value out, tests). */
  cmdline?: string;
  facts?: string;
  recipes?: string[];
  mirror?: string[];
  /** Fetch, validate and show the plan; install nothing. */
  dryRun?: boolean;
  /** Where the plan and the console log go (default /run/levitate/unattended). */
  workDir?: string;
}

export const DEFAULT_WORK_DIR = "/run/levitate/unattended";

/** Raw-mode stdin on a terminal: any key cancels. Without a terminal it only waits. */
export function waitForKeyOnStdin(ms: number): Promise<boolean> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return new Promise((r) => setTimeout(() => r(false), ms));
  return new Promise((resolve) => {
    const done = (pressed: boolean) => {
      clearTimeout(timer);
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      resolve(pressed);
    };
    const onData = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.once("data", onData);
  });
}

/** systemd when it runs the machine, else busybox, else the kernel's magic SysRq. */
export function shutdownCommand(how: Exclude<PlanShutdown, "none">, hasSystemd: boolean): string[] {
  if (hasSystemd) return ["systemctl", how];
  return [
    "sh",
    "-c",
    `sync; busybox ${how} -f 2>/dev/null || echo ${how === "poweroff" ? "o" : "b"} >/proc/sysrq-trigger`,
  ];
}

/**
 * Runs `argv` with the console as its stdin; its output goes to `onLine` line by line. With `raw`,
 * each chunk is also written there as it arrives: a prompt the child draws without a newline (the
 * masked passphrase prompt of a plan that asks at the console) is seen before it is answered,
 * and `onLine` then only logs.
 */
export function runCommand(
  argv: string[],
  onLine: (l: string) => void,
  raw?: (chunk: string) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const [cmd, ...args] = argv as [string, ...string[]];
    const child = spawn(cmd, args, { stdio: ["inherit", "pipe", "pipe"], env: process.env });
    for (const stream of [child.stdout, child.stderr]) {
      let partial = "";
      stream.on("data", (d: Buffer) => {
        raw?.(d.toString());
        const parts = (partial + d.toString()).split("\n");
        partial = parts.pop() ?? "";
        for (const p of parts) onLine(p);
      });
      stream.on("end", () => {
        if (partial) onLine(partial);
      });
    }
    child.on("error", (e) => {
      onLine(`cannot start ${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/** A URL's user:password part, as a plan source may carry it, never reaches the screen or a log. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, "$1***@");
}

export async function installFromCmdline(o: FromCmdlineOptions): Promise<number> {
  const workDir = o.workDir ?? DEFAULT_WORK_DIR;
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  const log = join(workDir, "console.log");
  // Root's only. The installed system gets this run's lines (from this offset), not every earlier
  // try's; the file itself is not emptied, since the autostart may run beside another instance.
  if (!existsSync(log)) writeFileSync(log, "", { mode: 0o600 });
  chmodSync(log, 0o600);
  const startAt = statSync(log).size;
  const logLine = (raw: string) => appendFileSync(log, `${redactUrlCredentials(raw)}\n`);
  const out = (raw: string) => {
    process.stdout.write(`${redactUrlCredentials(raw)}\n`);
    logLine(raw);
  };
  // The installer's output as it comes, prompts without a newline included (see runCommand).
  const show = (chunk: string) => process.stdout.write(redactUrlCredentials(chunk));
  const loadFacts = async (): Promise<Facts> => {
    if (o.facts) {
      const { loadFactsFile } = await import("../../facts/load.js");
      return loadFactsFile(o.facts);
    }
    const { probeFacts } = await import("../../facts/probe/probe.js");
    const { defaultRecipeDirs } = await import("../session/facts.js");
    return probeFacts({ recipeDirs: [...(o.recipes ?? []).map((d) => resolve(d)), ...defaultRecipeDirs()] });
  };
  const { loadNameCatalog } = await import("../../leviso/rootfs/catalog.js");
  // This same program, as it was started (node + script, or node --import tsx + source).
  const self = [process.execPath, ...process.execArgv, process.argv[1] ?? "levitate"];
  const deps: UnattendedDeps = {
    cmdline: o.cmdline ?? readFileSync("/proc/cmdline", "utf8"),
    facts: loadFacts,
    catalog: loadNameCatalog("/"),
    out,
    waitForKey: waitForKeyOnStdin,
    interactive: process.stdin.isTTY === true,
    workDir,
    ...(o.dryRun ? { dryRun: true } : {}),
    install: (planFile) =>
      runCommand(
        [
          ...self,
          "install",
          "--plan",
          planFile,
          "--yes",
          ...(o.facts ? ["--facts", o.facts] : []),
          ...(o.recipes ?? []).flatMap((r) => ["--recipes", r]),
          ...(o.mirror ?? []).flatMap((m) => ["--mirror", m]),
        ],
        logLine,
        show,
      ),
    afterInstall: async (plan) => {
      if (plan.mode !== "live") return;
      const dest = join(plan.target, UNATTENDED_LOG);
      mkdirSync(join(dest, ".."), { recursive: true });
      // Readable by root only: it names disks, plan sources and every step's output.
      writeFileSync(dest, readFileSync(log).subarray(startAt), { mode: 0o600 });
      chmodSync(dest, 0o600);
      // Unmounted before the power goes: the new system's filesystems are clean at first boot.
      if (await isMountPoint(plan.target)) {
        const code = await runCommand(["umount", "-R", plan.target], out);
        if (code !== 0) out(`umount -R ${plan.target} failed (exit ${code}); syncing instead`);
      }
      await runCommand(["sync"], out);
    },
    shutdown: async (how) => {
      await runCommand(shutdownCommand(how, existsSync("/run/systemd/system")), out);
    },
  };
  const r = await runUnattended(deps);
  return r.code;
}

async function isMountPoint(dir: string): Promise<boolean> {
  return (await runCommand(["mountpoint", "-q", dir], () => {})) === 0;
}
