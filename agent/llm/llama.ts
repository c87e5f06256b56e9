/**
 * The one node-llama-cpp instance of the process. `getLlama()` loads the native binding and
 * probes the GPU; calling it twice wastes a second or two and can load a second backend, so every
 * caller shares this promise.
 *
 * `build: "never"`: a missing prebuilt binary is an error that says so, never a source download
 * and a half-hour compile on a user's machine. `gpu: "auto"` uses CUDA, Vulkan or Metal when a
 * prebuilt binary for it is installed and a device is present, else the CPU.
 */
import os from "node:os";
import type { Llama } from "node-llama-cpp";

export type LogSink = (line: string) => void;

let llamaPromise: Promise<Llama> | undefined;
let verboseSink: LogSink | undefined;

/** Where llama.cpp's own warnings go when verbose (they are dropped otherwise). */
export function setLlamaLogSink(sink: LogSink | undefined): void {
  verboseSink = sink;
}

export function sharedLlama(): Promise<Llama> {
  llamaPromise ??= (async () => {
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

/**
 * CPU threads for inference. node-llama-cpp's default, max(cores, 4), oversubscribes small
 * machines (4 threads on 2 cores measured ~30x slower); llama.cpp runs best on physical cores,
 * roughly half the logical ones on machines with SMT. On one or two cores a second thread spins
 * against everything else running (measured here: 2 threads ~200x slower than 1 on a busy 2-core
 * box), so small machines get one; LEVITATE_LLM_THREADS overrides.
 */
export function defaultThreads(): number {
  const env = Number(process.env.LEVITATE_LLM_THREADS);
  if (Number.isInteger(env) && env > 0) return env;
  const logical = os.availableParallelism();
  return logical >= 4 ? Math.min(8, Math.floor(logical / 2)) : 1;
}
