/**
 * The llm backend's entry point. agent/backend.ts imports this module lazily, only for
 * `--backend llm|auto`, so the rules path never loads node-llama-cpp.
 */
import type { Backend, LlmAvailability, LlmOptions } from "../backend.js";
import type { LlmBackendOptions } from "./backend.js";
import { checkModelFile, gib, locateModel, quickFit } from "./modelFile.js";

export type { LlmBackendOptions, TurnStats } from "./backend.js";

export type CreateLlmOptions = LlmOptions & Partial<Omit<LlmBackendOptions, "modelPath">>;

function verboseFromEnv(): boolean {
  return process.env.LEVITATE_VERBOSE === "1" || process.env.LEVITATE_LLM_VERBOSE === "1";
}

/**
 * The model file is there, is a complete GGUF of an architecture we have a format for, and fits
 * in available memory (the cheap header-based check: no llama.cpp load, no 1.2 s estimate).
 */
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
    const info = await checkModelFile(where.path);
    const fit = quickFit(info);
    return {
      ok: true,
      reason: `${where.path} (${info.architecture}, ${info.quantization}), fits (${gib(fit.ramNeeded)} of ${gib(fit.ramAvailable)} available)`,
      modelPath: where.path,
    };
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
