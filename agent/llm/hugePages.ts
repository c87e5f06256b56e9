/**
 * Whether `levitate` should restart itself with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`.
 *
 * Most of a model load is the kernel handing out 4 KiB pages for the weights' read buffers and
 * llama.cpp's repacked copy (544k page faults for the 3B model); glibc 2.35+ asks for transparent
 * huge pages on malloc's large blocks when that tunable is set, and the load drops from 10.7 to
 * 3.2 s (docs/llm.md). glibc reads the tunable once, at process start, and sudo's env_reset drops
 * it, so the process that will load a model restarts itself with the variable added, once.
 *
 * Nothing here imports node-llama-cpp: the entry point asks before anything heavy is loaded.
 */
import { readFileSync, statSync } from "node:fs";
import { modelCommand, RELAUNCHED_ENV } from "./modelCommand.js";
import { locateModel } from "./modelFile.js";

export { type ModelCommand, modelCommand, RELAUNCHED_ENV } from "./modelCommand.js";

/** The tunable we add. */
export const HUGETLB_TUNABLE = "glibc.malloc.hugetlb=1";
/** The user's own GLIBC_TUNABLES before we added ours, restored in the restarted process. */
export const TUNABLES_BEFORE_ENV = "LEVITATE_GLIBC_TUNABLES_BEFORE";
/** `0`: never restart; `1`: restart for any model file, however small. */
export const OPT_ENV = "LEVITATE_HUGEPAGES";
/**
 * Below this a model's load is well under a second anyway and a restart (a second Node start,
 * ~0.1-0.3 s) would cost more than huge pages save (the tiny test models are kilobytes).
 */
export const MIN_MODEL_BYTES = 256 * 1024 * 1024;

export interface HugePagesProbe {
  /** The selected mode of /sys/kernel/mm/transparent_hugepage/enabled, or undefined if unknown. */
  thpMode(): string | undefined;
  /** glibc's version at run time ("2.36"), or undefined when this is not glibc (musl). */
  glibcVersion(): string | undefined;
  /** The size of the model file the command would load, or undefined when there is none. */
  modelBytes(explicitModel: string | undefined): number | undefined;
}

export const systemProbe: HugePagesProbe = {
  thpMode() {
    try {
      return readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8").match(/\[(\w+)\]/)?.[1];
    } catch {
      return undefined;
    }
  },
  glibcVersion() {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    return report?.header?.glibcVersionRuntime;
  },
  modelBytes(explicitModel) {
    const where = locateModel(explicitModel);
    if (!where.path) return undefined;
    try {
      const st = statSync(where.path);
      return st.isFile() ? st.size : undefined;
    } catch {
      return undefined;
    }
  },
};

/** Does GLIBC_TUNABLES already say anything about hugetlb (the user's own choice, kept as is)? */
export function mentionsHugetlb(tunables: string | undefined): boolean {
  return /(^|:)glibc\.malloc\.hugetlb=/.test(tunables ?? "");
}

/** The user's tunables with ours appended (colon-separated, glibc's syntax). */
export function mergeTunables(tunables: string | undefined): string {
  const own = (tunables ?? "").replace(/^:+|:+$/g, "");
  return own ? `${own}:${HUGETLB_TUNABLE}` : HUGETLB_TUNABLE;
}

function glibcAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const m = version?.match(/^(\d+)\.(\d+)/);
  if (!m) return false;
  return Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor);
}

export type RelaunchPlan =
  | { relaunch: true; env: NodeJS.ProcessEnv; tunables: string; reason: string }
  | { relaunch: false; reason: string };

/** Whether to restart, and with which environment; the reason is for `--verbose`. */
export function relaunchPlan(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  probe: HugePagesProbe = systemProbe,
): RelaunchPlan {
  const opt = env[OPT_ENV];
  if (opt === "0") return { relaunch: false, reason: `${OPT_ENV}=0` };
  if (env[RELAUNCHED_ENV]) return { relaunch: false, reason: "already restarted" };
  if (mentionsHugetlb(env.GLIBC_TUNABLES))
    return { relaunch: false, reason: "GLIBC_TUNABLES already sets hugetlb" };
  const cmd = modelCommand(args);
  if (!cmd.loadsModel) return { relaunch: false, reason: cmd.what };
  const bytes = probe.modelBytes(cmd.model);
  if (bytes === undefined) return { relaunch: false, reason: "no model file" };
  if (bytes < MIN_MODEL_BYTES && opt !== "1")
    return { relaunch: false, reason: `a small model (${bytes} bytes; ${OPT_ENV}=1 restarts anyway)` };
  // "never" (or no THP at all): glibc's madvise would be ignored; the restart would buy nothing.
  const thp = probe.thpMode();
  if (thp !== "always" && thp !== "madvise")
    return { relaunch: false, reason: `transparent huge pages are ${thp ?? "not available"}` };
  const glibc = probe.glibcVersion();
  if (!glibcAtLeast(glibc, 2, 35))
    return { relaunch: false, reason: glibc ? `glibc ${glibc} has no hugetlb tunable (2.35+)` : "not glibc" };
  const tunables = mergeTunables(env.GLIBC_TUNABLES);
  return {
    relaunch: true,
    tunables,
    reason: `${cmd.what}: huge pages for the model's weights (THP ${thp}, glibc ${glibc})`,
    env: {
      ...env,
      GLIBC_TUNABLES: tunables,
      [RELAUNCHED_ENV]: "1",
      ...(env.GLIBC_TUNABLES !== undefined ? { [TUNABLES_BEFORE_ENV]: env.GLIBC_TUNABLES } : {}),
    },
  };
}

interface StartState {
  relaunched: boolean;
  tunables?: string;
}

let atStart: StartState | undefined;

/**
 * In the restarted process: remember what glibc was started with, then give the environment back
 * as the user had it, so the programs an install runs (rpm, mkfs, dracut) do not inherit our
 * tunable. glibc has read it already; changing the environment now does not undo it.
 */
export function adoptRelaunchedEnv(env: NodeJS.ProcessEnv = process.env): StartState {
  const relaunched = env[RELAUNCHED_ENV] === "1";
  atStart = { relaunched, ...(env.GLIBC_TUNABLES !== undefined ? { tunables: env.GLIBC_TUNABLES } : {}) };
  if (relaunched) {
    const before = env[TUNABLES_BEFORE_ENV];
    if (before === undefined) delete env.GLIBC_TUNABLES;
    else env.GLIBC_TUNABLES = before;
    delete env[TUNABLES_BEFORE_ENV];
    delete env[RELAUNCHED_ENV];
  }
  return atStart;
}

/** GLIBC_TUNABLES as this process was started with it (before adoptRelaunchedEnv gave it back). */
export function tunablesAtStart(): string | undefined {
  return atStart ? atStart.tunables : process.env.GLIBC_TUNABLES;
}

/** For the load line: are huge pages asked for in this process, and by whom. */
export function describeHugePages(): string {
  const m = tunablesAtStart()?.match(/(?:^|:)glibc\.malloc\.hugetlb=(\d+)/);
  if (!m || m[1] === "0") return "huge pages off";
  return atStart?.relaunched
    ? "huge pages on (restarted with glibc.malloc.hugetlb=1)"
    : `huge pages on (GLIBC_TUNABLES)`;
}
