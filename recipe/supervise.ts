import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import { safeText } from "../steps/terminalText.js";
import type { Recovered, Refused } from "./journal.js";
import { stateDir } from "./store.js";

/**
 * The `recipe` command that changes a root (install, remove, bootstrap) runs as a worker child
 * under a small supervisor that only waits.
 *
 * Why: the worker spends its time blocked in spawnSync (downloads, `run` steps, rpm), where Node
 * runs no JavaScript signal handler, so a Ctrl-C or SIGTERM killed it at once and silently,
 * leaving the user's replaced files replaced until some later `recipe` command rolled back. The
 * supervisor's event loop is free: on a signal it stops the worker's whole process group (the
 * worker and what it runs), undoes the install now with the journal's own rollback, releases the
 * worker's locks and says in one line what was undone, or what is left and how to finish.
 */
export const WORKER_ENV = "RECIPE_SUPERVISED_WORKER";

export const isWorker = (env: NodeJS.ProcessEnv = process.env) => env[WORKER_ENV] === "1";

const EXIT_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
type ExitSignal = (typeof EXIT_SIGNALS)[number];
const SIGNAL_NUMBER: Record<ExitSignal, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** How long the worker's group gets to end after the signal (rpm finishes its transaction) before SIGKILL. */
const GRACE_MS = 10_000;

export interface SupervisedCommand {
  verb: "install" | "remove";
  names: string[];
  /** The target root, resolved. */
  root: string;
  /** Undoes the journals of dead commands in the root now (api.rollBackInterrupted by default). */
  rollBack?: () => Promise<{ recovered: Recovered[]; refused: Refused[] }>;
}

/** Options of install, remove and bootstrap that take a value (the rest are flags). */
const VALUE_OPTIONS = new Set(["--root", "--recipes", "--mirror", "--cache", "--firmware"]);

/**
 * The command to supervise, read from argv (`recipe install a b --root /mnt`) without loading the
 * package manager: undefined for a command that changes nothing (list, info, --dry-run, --help),
 * which runs in this process as before. The worker checks every option itself.
 */
export function supervisedCommand(argv: readonly string[]): SupervisedCommand | undefined {
  if (argv.some((a) => ["-h", "--help", "-V", "--version", "--dry-run"].includes(a))) return undefined;
  const positional: string[] = [];
  let root: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const eq = a.indexOf("=");
    const name = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_OPTIONS.has(name)) {
      const value = eq > 0 && a.startsWith("--") ? a.slice(eq + 1) : argv[++i];
      if (name === "--root" && value !== undefined) root = value;
      continue;
    }
    if (!a.startsWith("-")) positional.push(a);
  }
  const [sub, ...rest] = positional;
  if (sub === "install" || sub === "remove") return { verb: sub, names: rest, root: resolve(root ?? "/") };
  if (sub === "bootstrap" && rest[0] !== undefined)
    return { verb: "install", names: ["the base set"], root: resolve(rest[0]) };
  return undefined;
}

/** Runs this same command line as the worker and never returns: exits as the worker did, or after the rollback. */
export async function runSupervised(cmd: SupervisedCommand): Promise<never> {
  const fresh = missingStateDirs(cmd.root);
  const worker = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    // A process group of its own: the terminal's Ctrl-C reaches only the supervisor, which stops
    // the whole group (the worker and the program it is running) and then rolls back.
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, [WORKER_ENV]: "1" },
  });
  let got: ExitSignal | undefined;
  const onSignal = (sig: ExitSignal) => {
    if (got) {
      process.stderr.write("recipe: still stopping and rolling back; please wait\n");
      return;
    }
    got = sig;
    signalGroup(worker.pid, sig);
  };
  for (const s of EXIT_SIGNALS) process.on(s, onSignal);
  const end = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    worker.on("error", (err) => {
      process.stderr.write(`recipe: cannot start the worker process: ${err.message}\n`);
      res({ code: 1, signal: null });
    });
    worker.on("exit", (code, signal) => res({ code, signal }));
  });
  const why = got ?? (end.signal as string | null) ?? undefined;
  if (why === undefined) process.exit(end.code ?? 1);
  if (worker.pid !== undefined) await groupGone(worker.pid);
  process.stderr.write(`${await afterInterruption(cmd, worker.pid, why, got !== undefined)}\n`);
  removeIfEmpty(fresh);
  for (const s of EXIT_SIGNALS) process.off(s, onSignal);
  if (got) {
    // The shell sees what the user did (130 for Ctrl-C, 143 for SIGTERM), as if recipe had died of it.
    process.kill(process.pid, got);
    await new Promise((r) => setTimeout(r, 1000));
    process.exit(128 + SIGNAL_NUMBER[got]);
  }
  process.exit(128 + (signalNumber(why) ?? 0));
}

/**
 * The state directory and its parents under the root that do not exist yet: the worker makes them,
 * and a rolled-back command must take them away again, as a failed one does ("ROOT is as it was
 * before" had left ROOT/etc/recipes behind after a SIGHUP: attacker 13 L2). Deepest first.
 */
function missingStateDirs(root: string): string[] {
  const out: string[] = [];
  try {
    const top = resolve(root);
    for (let d = stateDir(root); d !== top && d.startsWith(`${top}/`) && !existsSync(d); d = dirname(d))
      out.push(d);
  } catch {
    // A root the state directory cannot be placed in: the worker says so itself.
  }
  return out;
}

/** Only empty ones: a committed install's state file, or a journal left for later, keeps its directory. */
function removeIfEmpty(dirs: readonly string[]): void {
  for (const d of dirs) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
  }
}

function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    // The group is gone already.
  }
}

/** Waits until no process of the worker's group is left (SIGKILL after GRACE_MS). */
async function groupGone(pgid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "EPERM";
    }
  };
  const deadline = Date.now() + GRACE_MS;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (!alive()) return;
  signalGroup(pgid, "SIGKILL");
  const last = Date.now() + 2000;
  while (alive() && Date.now() < last) await new Promise((r) => setTimeout(r, 50));
}

function signalNumber(sig: string): number | undefined {
  const n = (
    { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 } as Record<
      string,
      number
    >
  )[sig];
  return n;
}

const said = (sig: string) => (sig === "SIGINT" ? "Ctrl-C (SIGINT)" : sig);

/**
 * Rolls back what the stopped worker left and returns the one line that says so. `byUs`: the
 * signal was the user's (the supervisor stopped the worker); else the worker died of `sig` alone.
 */
export async function afterInterruption(
  cmd: SupervisedCommand,
  workerPid: number | undefined,
  sig: string,
  byUs: boolean,
): Promise<string> {
  const what = `${cmd.verb === "install" ? "the install of" : "the removal of"} ${cmd.names.join(", ")}`;
  const head = byUs ? `recipe: stopped by ${said(sig)}` : `recipe: the worker process died of ${sig}`;
  const root = safeText(cmd.root);
  const finish = `recipe list --root ${shellWord(cmd.root)}`;
  let r: { recovered: Recovered[]; refused: Refused[] };
  try {
    r = cmd.rollBack
      ? await cmd.rollBack()
      : (await import("./api.js")).rollBackInterrupted({ root: cmd.root });
  } catch (err) {
    return `${head} during ${what}; could not roll back now (${safeText((err as Error).message)}): run \`${finish}\` as root to finish the rollback`;
  }
  const locks = workerPid === undefined ? [] : releaseLocks(cmd.root, workerPid);
  const mine = r.recovered.find((x) => x.pid === workerPid);
  const others = r.recovered.filter((x) => x.pid !== workerPid);
  const extra =
    (others.length ? `; also rolled back ${others.length} earlier interrupted command(s)` : "") +
    (r.refused.length
      ? `; kept ${r.refused.map((x) => safeText(x.file)).join(", ")} (it names what recipe never writes for ${root}: look at it, then delete it)`
      : "");
  const journalLeft =
    workerPid !== undefined && existsSync(join(stateDir(cmd.root), `.recipe-txn-${workerPid}.journal`));
  if (mine?.committed)
    return `${head} after ${what} had completed: it stands in ${root} (recipe list --installed shows it)${extra}`;
  if (mine?.problems.length)
    return `${head} during ${what}; rolled back in ${root} except: ${safeText(mine.problems.join("; "))}; fix those by hand${extra}`;
  if (mine)
    return `${head} during ${what}; rolled back: ${root} is as it was before (every file it replaced is back, nothing of it is left)${extra}`;
  if (journalLeft)
    return `${head} during ${what}; ${root} is half changed and could not be rolled back now: run \`${finish}\` as root to finish the rollback${extra}`;
  if (cmd.verb === "remove")
    return `${head} during ${what}; some of its files may already be gone from ${root}: run \`recipe remove ${cmd.names.join(" ")} --root ${shellWord(cmd.root)}\` again to finish${extra}`;
  return `${head} during ${what}; nothing was left half done in ${root}${locks.length ? " (its locks are released)" : ""}: \`recipe list --installed --root ${shellWord(cmd.root)}\` shows what is installed${extra}`;
}

/** Removes the lock files the dead worker held ("PID host" inside), which no journal listed. */
function releaseLocks(root: string, pid: number): string[] {
  const dir = stateDir(root);
  const gone: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".lock"));
  } catch {
    return gone;
  }
  for (const n of names) {
    const p = join(dir, n);
    try {
      if (readFileSync(p, "utf8").trim() === `${pid} ${hostname()}`) {
        rmSync(p, { force: true });
        gone.push(p);
      }
    } catch {
      // Gone or unreadable: not ours to judge.
    }
  }
  return gone;
}

const shellWord = (s: string) => (/^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
