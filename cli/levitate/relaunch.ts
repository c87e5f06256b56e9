/**
 * Restarts `levitate` once with huge pages for the model's weights (agent/llm/hugePages.ts says
 * when), as if the user had started it that way: same Node, same flags, same argv, the terminal
 * inherited, the child's exit code passed on.
 *
 * Signals: a Ctrl-C typed in a terminal is delivered by the kernel to the whole foreground process
 * group, the child included, so it is not forwarded again (the child would see it twice); one sent
 * to this process alone (kill, a supervisor, no terminal) is forwarded. SIGTERM and SIGHUP are
 * always forwarded: the child's handlers stop an install cleanly, and a second one arriving while
 * it exits is never run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import type { RelaunchPlan } from "../../agent/llm/hugePages.js";
import { modelCommand, RELAUNCHED_ENV } from "../../agent/llm/modelCommand.js";

/** Signals from the terminal reach the child directly; these from elsewhere are passed on. */
const TERMINAL_SIGNALS = ["SIGINT", "SIGQUIT"] as const;
const FORWARDED_SIGNALS = ["SIGTERM", "SIGHUP"] as const;
/**
 * A terminal's signal has reached the child by then; if the child is still running, the signal
 * was sent to this process alone (kill from another shell) and is passed on after all.
 */
const TERMINAL_GRACE_MS = 2000;

/** Is this process in the foreground process group of its controlling terminal (/proc/self/stat)? */
export function inTerminalForeground(): boolean {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // After "pid (comm) ": state ppid pgrp session tty_nr tpgid
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pgrp = Number(fields[2]);
    const ttyNr = Number(fields[4]);
    const tpgid = Number(fields[5]);
    return ttyNr !== 0 && tpgid > 0 && tpgid === pgrp;
  } catch {
    return false;
  }
}

function verboseWanted(args: string[]): boolean {
  return process.env.LEVITATE_VERBOSE === "1" || args.includes("--verbose") || args.includes("-v");
}

/** Runs the child and resolves with the exit code to leave with (128+n when a signal killed it). */
export function runChild(
  plan: Extract<RelaunchPlan, { relaunch: true }>,
  argv: string[],
): Promise<number | undefined> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [...process.execArgv, ...argv], { stdio: "inherit", env: plan.env });
    } catch {
      resolve(undefined);
      return;
    }
    const alive = () => child.exitCode === null && child.signalCode === null;
    const forward = (signal: NodeJS.Signals) => {
      if (alive() && child.pid !== undefined) {
        try {
          process.kill(child.pid, signal);
        } catch {
          // it has just exited; its exit code follows
        }
      }
    };
    const listeners: [NodeJS.Signals, () => void][] = [
      ...TERMINAL_SIGNALS.map((s): [NodeJS.Signals, () => void] => [
        s,
        () => {
          if (!inTerminalForeground()) forward(s);
          else setTimeout(() => forward(s), TERMINAL_GRACE_MS).unref();
        },
      ]),
      ...FORWARDED_SIGNALS.map((s): [NodeJS.Signals, () => void] => [s, () => forward(s)]),
    ];
    for (const [s, l] of listeners) process.on(s, l);
    child.once("error", () => {
      // Not started (the Node binary gone, no memory for a process): run here, without huge pages.
      for (const [s, l] of listeners) process.off(s, l);
      resolve(undefined);
    });
    child.once("exit", (code, signal) => {
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}

/**
 * In the entry point, before anything else: undefined to carry on in this process, or the exit
 * code of the restarted one.
 */
export async function relaunchForHugePages(
  argv: string[] = process.argv.slice(1),
): Promise<number | undefined> {
  const args = argv.slice(1);
  // A command that loads no model never restarts (relaunchPlan says no before it probes anything),
  // and its start-up is spared the model file's reader (5 modules); a process that was not
  // restarted has nothing to adopt (tunablesAtStart reads the environment as it still is).
  if (process.env[RELAUNCHED_ENV] !== "1" && !modelCommand(args).loadsModel) return undefined;
  const { adoptRelaunchedEnv, relaunchPlan } = await import("../../agent/llm/hugePages.js");
  // The restarted process: note what glibc started with, give the user's environment back.
  if (adoptRelaunchedEnv().relaunched) return undefined;
  const plan = relaunchPlan(args);
  if (!plan.relaunch) return undefined;
  if (verboseWanted(args))
    process.stderr.write(
      `levitate: restarting with GLIBC_TUNABLES=${plan.tunables} (${plan.reason}; LEVITATE_HUGEPAGES=0 turns this off), ${Math.round(performance.now())} ms after this process started\n`,
    );
  return runChild(plan, argv);
}
