/**
 * The one node-llama-cpp instance of the process. `getLlama()` loads the native binding and
 * probes the GPU; calling it twice wastes a second or two and can load a second backend, so every
 * caller shares this promise.
 *
 * `build: "never"`: a missing prebuilt binary is an error that says so, never a source download
 * and a half-hour compile on a user's machine. `gpu: "auto"` uses CUDA, Vulkan or Metal when a
 * prebuilt binary for it is installed and a device is present, else the CPU.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import type { Llama } from "node-llama-cpp";

export type LogSink = (line: string) => void;

let llamaPromise: Promise<Llama> | undefined;
let verboseSink: LogSink | undefined;

/** Where llama.cpp's own warnings go when verbose (they are dropped otherwise). */
export function setLlamaLogSink(sink: LogSink | undefined): void {
  verboseSink = sink;
}

/**
 * A failed llama.cpp assert aborts the process, and ggml first runs gdb (when installed) against it
 * to print every thread's stack: ~7 s at load 17-20 here before the process ends (a malformed
 * model's test worker: 22.6 vs 15.9 s), for an abort whose first line already says what failed.
 * ggml reads GGML_NO_BACKTRACE when it aborts, so setting it before the runtime loads suffices.
 * LEVITATE_LLM_BACKTRACE=1 keeps the backtrace (debugging); a user's own GGML_NO_BACKTRACE stays.
 */
export function quietLlamaAborts(env: NodeJS.ProcessEnv = process.env): void {
  if (env.LEVITATE_LLM_BACKTRACE !== "1") env.GGML_NO_BACKTRACE ??= "1";
}

export function sharedLlama(): Promise<Llama> {
  llamaPromise ??= (async () => {
    quietLlamaAborts();
    const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
    const gpuEnv = process.env.LEVITATE_GPU;
    const gpu = gpuEnv === "off" || gpuEnv === "cpu" ? false : "auto";
    try {
      return await getLlama({
        build: "never",
        gpu,
        logLevel: LlamaLogLevel.warn,
        logger: (level, message) => {
          const text = message.trimEnd();
          if (text && verboseSink && (level === LlamaLogLevel.error || level === LlamaLogLevel.warn))
            verboseSink(`llama.cpp: ${text}`);
        },
      });
    } catch (e) {
      llamaPromise = undefined;
      throw new Error(
        `node-llama-cpp has no prebuilt binary for this machine (${process.platform}-${process.arch}): ${(e as Error).message}. ` +
          "Reinstall with `npm ci` (it installs @node-llama-cpp/<platform>), or use --backend rules.",
      );
    }
  })();
  return llamaPromise;
}

/** Physical cores from /proc/cpuinfo (distinct physical id + core id); logical CPUs when unknown. */
export function physicalCores(): number {
  try {
    const seen = new Set<string>();
    let phys = "0";
    for (const line of readFileSync("/proc/cpuinfo", "utf8").split("\n")) {
      const [k, v] = line.split(":").map((x) => x.trim());
      if (k === "physical id") phys = v ?? "0";
      else if (k === "core id") seen.add(`${phys}:${v}`);
    }
    if (seen.size > 0) return Math.min(seen.size, os.availableParallelism());
  } catch {}
  return os.availableParallelism();
}

/**
 * CPU threads for inference: one per physical core (at most 8), less the cores other work keeps
 * busy right now. node-llama-cpp's default, max(cores, 4), oversubscribes small machines, and
 * hyperthreads share a core's vector units. llama.cpp's threads wait for each other at every
 * layer, so a thread that has to wait for a busy core stalls all of them: on this 2-core box,
 * idle, 2 threads beat 1 (prompt 66-73 vs 36-40 tokens/s at 3B); shared by other work (load
 * average ~12), 2 threads ran the tiny model at 14 tokens/s and 1 thread at 3,700 (bench/llm,
 * docs/llm.md). The live ISO's machine is idle, so it gets every core; a busy one gets fewer.
 * `--threads` / LEVITATE_LLM_THREADS override.
 */
export function defaultThreads(load = os.loadavg()[0] ?? 0): number {
  const env = Number(process.env.LEVITATE_LLM_THREADS);
  if (Number.isInteger(env) && env > 0) return env;
  const cores = Math.max(1, Math.min(8, physicalCores()));
  const busy = Math.floor(Math.max(0, load - 0.5));
  return Math.max(1, cores - busy);
}
