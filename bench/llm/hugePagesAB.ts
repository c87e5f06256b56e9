/**
 * `npx tsx bench/llm/hugePagesAB.ts [--same-shape | --model PATH] [--rounds N] [--threads N] [--no-ask] [--no-build] [--no-warmup] [--any-load] [--json [FILE]]`
 *
 * Huge pages on and off, alternated in one run (on/off, then off/on, ...), each in a fresh process:
 * - load: one model load (./loadCpu.ts) with and without `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`:
 *   wall time, CPU time (user + system, which a busy box moves far less than wall time) and minor
 *   page faults;
 * - ask: `levitate ask` end to end as a user runs it, with `LEVITATE_HUGEPAGES=1` (the CLI restarts
 *   itself with the tunable, cli/levitate/relaunch.ts) and `=0`: wall and CPU time (of the whole
 *   process tree, /usr/bin/time), and the load time from its own verbose line, which also says
 *   whether huge pages were on: a pair whose line does not match its arm is an error.
 * It prints ratios (on / off, medians over the rounds), never a verdict on absolute times.
 *
 * Without `--same-shape` or `--model` it runs the tiny model (CI: the path works; a 600 KB model
 * has nothing for huge pages to save). On a shared box, `--same-shape` refuses to start while the
 * 1-minute load average is above 3, unless `--any-load`: then only the CPU-time ratios mean much.
 * An `ask` not counted runs first, so that both arms find the same saved prefix and machine state.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { defaultThreads } from "../../agent/llm/llama.js";
import { userCacheDir } from "../../agent/llm/prefixState.js";
import { EXAMPLE_LIVE_FACTS } from "../../grammars/gbnf/files.js";
import { decisionToText } from "../../grammars/toolCalls.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";
import { askCommand } from "./askCommand.js";

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(n);
  const v = i >= 0 ? args[i + 1] : undefined;
  return v?.startsWith("--") ? undefined : v;
};
const root = join(import.meta.dirname, "..", "..");
const rounds = Number(flag("--rounds") ?? 3);
const threads = Number(flag("--threads") ?? defaultThreads());
const jsonOut = args.includes("--json") ? (flag("--json") ?? "-") : undefined;
const say = (s: string) => (jsonOut === "-" ? process.stderr : process.stdout).write(`${s}\n`);
const sameShape = args.includes("--same-shape");
const tmp = mkdtempSync(join(os.tmpdir(), "levitate-hugepages-ab-"));
const modelPath = sameShape
  ? join(userCacheDir(), "bench", "smollm3-3b-shape-q4_0-random.gguf")
  : (flag("--model") ?? writeTinyModel({ seed: 2 }, tmp));
const MAX_LOAD = 3;
const load1 = () => os.loadavg()[0] as number;

if (!existsSync(modelPath)) {
  say(`no model at ${modelPath} (bench/llm/index.ts --same-shape writes it once)`);
  process.exit(2);
}
if ((sameShape || flag("--model")) && load1() > MAX_LOAD && !args.includes("--any-load")) {
  say(
    `load average ${load1().toFixed(2)} is above ${MAX_LOAD}: wall times would measure the other work on this box. ` +
      "Run again when it is quiet, or with --any-load and read the CPU-time ratios only.",
  );
  process.exit(2);
}

/** The environment without any hugetlb tunable of the caller's (the "off" arm must be off). */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  const rest = (env.GLIBC_TUNABLES ?? "")
    .split(":")
    .filter((t) => t && !t.startsWith("glibc.malloc.hugetlb="))
    .join(":");
  if (rest) env.GLIBC_TUNABLES = rest;
  else delete env.GLIBC_TUNABLES;
  delete env.LEVITATE_HUGEPAGES;
  return env;
}

function run(
  cmd: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) =>
    execFile(cmd, argv, { cwd: root, env, timeout: 600_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err
        ? reject(new Error(`${argv.join(" ")} failed (${err.signal ?? err.code}): ${stderr}${stdout}`))
        : resolve({ stdout, stderr }),
    ),
  );
}

interface LoadSample {
  wallMs: number;
  cpuMs: number;
  userMs: number;
  systemMs: number;
  minorFaults: number;
}

async function loadOnce(on: boolean): Promise<LoadSample> {
  const env = baseEnv();
  if (on)
    env.GLIBC_TUNABLES = env.GLIBC_TUNABLES
      ? `${env.GLIBC_TUNABLES}:glibc.malloc.hugetlb=1`
      : "glibc.malloc.hugetlb=1";
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", join(root, "bench/llm/loadCpu.ts"), "--model", modelPath],
    env,
  );
  const r = JSON.parse(stdout.trim().split("\n").at(-1) as string) as LoadSample;
  return {
    wallMs: r.wallMs,
    userMs: r.userMs,
    systemMs: r.systemMs,
    cpuMs: r.userMs + r.systemMs,
    minorFaults: r.minorFaults,
  };
}

// `ask` as a user runs it: the built CLI under plain Node (dist/ built first when stale, unless
// --no-build; the steering preload compiled), ./askCommand.ts.
const cmd = args.includes("--no-ask") ? undefined : await askCommand({ build: !args.includes("--no-build") });
for (const n of cmd?.notes ?? []) say(`ask: ${n}`);
const askCache = mkdtempSync(join(os.tmpdir(), "levitate-hugepages-ab-cache-"));
const factsFile = join(tmp, "facts.json");
writeFileSync(factsFile, JSON.stringify({ ...EXAMPLE_LIVE_FACTS, mode: "installed" }));
const steerTo = decisionToText({ calls: [{ tool: "installRecipe", args: { name: "ripgrep" } }] });

interface AskSample {
  wallMs: number;
  cpuMs: number;
  loadMs: number;
  hugePages: string;
  restarted: boolean;
}

async function askOnce(on: boolean): Promise<AskSample> {
  const timeFile = join(tmp, "time.txt");
  const env = {
    ...baseEnv(),
    LEVITATE_HUGEPAGES: on ? "1" : "0",
    XDG_CACHE_HOME: askCache,
    LEVITATE_BENCH_STEER: steerTo,
    ...cmd?.env,
  };
  const t0 = performance.now();
  const { stderr } = await run(
    "/usr/bin/time",
    [
      "-f",
      "%U %S",
      "-o",
      timeFile,
      process.execPath,
      ...(cmd?.nodeArgs ?? []),
      "ask",
      "--backend",
      "llm",
      "--model",
      modelPath,
      "--threads",
      String(threads),
      "--facts",
      factsFile,
      "--dry-run",
      "--json",
      "--verbose",
      "add ripgrep",
    ],
    env,
  );
  const wallMs = performance.now() - t0;
  const [user, sys] = readFileSync(timeFile, "utf8").trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
  const line = stderr.match(/^llm: loaded .*$/m)?.[0] ?? "";
  const hugePages = line.match(/huge pages (on|off)/)?.[1] ?? "?";
  const restarted = stderr.includes("levitate: restarting with GLIBC_TUNABLES=");
  if ((hugePages === "on") !== on || restarted !== on)
    throw new Error(
      `ask with huge pages ${on ? "on" : "off"} loaded with them ${hugePages} (restarted: ${restarted})`,
    );
  return {
    wallMs,
    cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000,
    loadMs: Number(line.match(/ in (\d+) ms/)?.[1] ?? Number.NaN),
    hugePages,
    restarted,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const ratio = (on: number[], off: number[]) => Math.round((median(on) / median(off)) * 100) / 100;

say(
  `huge pages A/B: ${modelPath} (${(statSync(modelPath).size / 2 ** 20).toFixed(0)} MiB), ${rounds} rounds, ${threads} threads, THP ${readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8").trim()}, load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
const loads: { on: LoadSample[]; off: LoadSample[] } = { on: [], off: [] };
const asks: { on: AskSample[]; off: AskSample[] } = { on: [], off: [] };
const loadavgs: number[] = [load1()];
const withAsk = !args.includes("--no-ask");
// Warm-up, not counted: evaluates and saves the prefix and machine states both arms then load.
// `--no-warmup` (the CI test on the tiny model, where the arms are checked, not compared).
if (withAsk && !args.includes("--no-warmup")) await askOnce(false);
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? [true, false] : [false, true];
  for (const on of order) {
    const l = await loadOnce(on);
    loads[on ? "on" : "off"].push(l);
    say(
      `round ${r + 1} load ${on ? "on " : "off"}: wall ${l.wallMs} ms, cpu ${l.cpuMs} ms (user ${l.userMs}, system ${l.systemMs}), ${l.minorFaults} faults; load average ${load1().toFixed(2)}`,
    );
  }
  if (withAsk)
    for (const on of order) {
      const a = await askOnce(on);
      asks[on ? "on" : "off"].push(a);
      say(
        `round ${r + 1} ask  ${on ? "on " : "off"}: wall ${Math.round(a.wallMs)} ms, cpu ${Math.round(a.cpuMs)} ms, load ${a.loadMs} ms; load average ${load1().toFixed(2)}`,
      );
    }
  loadavgs.push(load1());
}
const pick = <T>(xs: T[], f: (x: T) => number) => xs.map(f);
const ratios = {
  loadWall: ratio(
    pick(loads.on, (x) => x.wallMs),
    pick(loads.off, (x) => x.wallMs),
  ),
  loadCpu: ratio(
    pick(loads.on, (x) => x.cpuMs),
    pick(loads.off, (x) => x.cpuMs),
  ),
  loadSystem: ratio(
    pick(loads.on, (x) => x.systemMs),
    pick(loads.off, (x) => x.systemMs),
  ),
  loadFaults: ratio(
    pick(loads.on, (x) => x.minorFaults),
    pick(loads.off, (x) => x.minorFaults),
  ),
  ...(withAsk
    ? {
        askWall: ratio(
          pick(asks.on, (x) => x.wallMs),
          pick(asks.off, (x) => x.wallMs),
        ),
        askCpu: ratio(
          pick(asks.on, (x) => x.cpuMs),
          pick(asks.off, (x) => x.cpuMs),
        ),
        askLoad: ratio(
          pick(asks.on, (x) => x.loadMs),
          pick(asks.off, (x) => x.loadMs),
        ),
      }
    : {}),
};
const maxLoad = Math.max(...loadavgs);
say(
  `on / off (medians): ${Object.entries(ratios)
    .map(([k, v]) => `${k} ${v}x`)
    .join(
      ", ",
    )}; load average up to ${maxLoad.toFixed(2)}${maxLoad > MAX_LOAD ? " (above 3: read the CPU ratios, not the wall ones)" : ""}`,
);
const summary = {
  bench: "bench/llm/hugePagesAB",
  date: new Date().toISOString(),
  modelPath,
  modelBytes: statSync(modelPath).size,
  rounds,
  threads,
  cli: cmd ? `${cmd.via}, preload ${cmd.preload}` : "no ask",
  thp: readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8").trim(),
  loadavgs,
  ratios,
  loads,
  asks,
};
const json = `${JSON.stringify(summary, null, 2)}\n`;
if (jsonOut === "-") process.stdout.write(json);
else if (jsonOut) writeFileSync(jsonOut, json);
process.exit(0);
