/**
 * The llm backend's entry point. agent/backend.ts imports this module lazily, only for
 * `--backend llm|auto`, so the rules path never loads node-llama-cpp.
 */
import type { Backend, LlmAvailability, LlmOptions } from "../backend.js";
import type { LlmBackendOptions } from "./backend.js";
import { describeFit, estimateFit, locateModel, readModelInfo } from "./modelFile.js";

export type { LlmBackendOptions, TurnStats } from "./backend.js";

export type CreateLlmOptions = LlmOptions & Partial<Omit<LlmBackendOptions, "modelPath">>;

function verboseFromEnv(): boolean {
  return process.env.LEVITATE_VERBOSE === "1" || process.env.LEVITATE_LLM_VERBOSE === "1";
}

/** The model file is there, is a GGUF, and fits free RAM/VRAM by node-llama-cpp's estimate. */
export async function llmAvailability(opts: LlmOptions = {}): Promise<LlmAvailability> {
  const where = locateModel(opts.modelPath);
  if (!where.path) {
    return {
      ok: false,
      reason: `no model file in ${where.searched.join(" or ")} (run \`levitate model pull\`, or pass --model FILE)`,
      modelPath: "",
    };
  }
  try {
    const info = await readModelInfo(where.path);
    const fit = await estimateFit(where.path);
    const what = `${where.path} (${info.architecture}, ${info.quantization})`;
    return fit.fits
      ? { ok: true, reason: `${what}, ${describeFit(fit)}`, modelPath: where.path }
      : { ok: false, reason: `${what} ${describeFit(fit)}`, modelPath: where.path };
  } catch (e) {
    return { ok: false, reason: (e as Error).message, modelPath: where.path };
  }
}

export async function createLlmBackend(opts: CreateLlmOptions = {}): Promise<Backend> {
  const where = locateModel(opts.modelPath);
  if (!where.path) {
    throw new Error(
      `no model file in ${where.searched.join(" or ")} (run \`levitate model pull\`, or pass --model FILE)`,
    );
  }
  // ./backend.js pulls in node-llama-cpp (through the template renderer): load it only once a
  // model file exists, so `auto` without a model stays as light as `rules`.
  const { LlmBackend } = await import("./backend.js");
  return LlmBackend.create({ ...opts, verbose: opts.verbose ?? verboseFromEnv(), modelPath: where.path });
}
