import type { Backend } from "./types.js";

export type { Backend, ConversationView, Entity, EntityKind, PlanCall, TurnView } from "./types.js";

export type BackendChoice = "auto" | "rules" | "llm";
export const BACKEND_CHOICES: readonly BackendChoice[] = ["auto", "rules", "llm"];

export interface LlmOptions {
  /** A GGUF file; the llm module has its own default location when absent. */
  modelPath?: string;
  /** CPU threads for inference (node-llama-cpp's default is too many on small machines). */
  threads?: number;
  /** Print time-to-decision and token counts for each turn on stderr. */
  verbose?: boolean;
}

export interface LlmAvailability {
  ok: boolean;
  /** Why it is (not) usable, for the user: "model file ~/.../SmolLM3.gguf not found", "3.1 GiB free, 2.5 GiB needed". */
  reason: string;
  modelPath: string;
}

/** What agent/llm/index.ts exports (owned by the llm engineer; this is the agreed shape). */
export interface LlmModule {
  llmAvailability(opts: LlmOptions): LlmAvailability | Promise<LlmAvailability>;
  createLlmBackend(opts: LlmOptions): Promise<Backend>;
}

export interface SelectedBackend {
  backend: Backend;
  /** Which one and why, one line: "rules (auto: model file ... not found)". */
  reason: string;
}

export class BackendUnavailableError extends Error {}

/**
 * Computed so TypeScript does not resolve it at build time (agent/llm may not exist yet) and so
 * no bundler hoists it: node-llama-cpp is loaded only through this import.
 */
const LLM_MODULE = "./llm/index.js";

export async function loadLlmModule(): Promise<LlmModule> {
  try {
    return (await import(LLM_MODULE)) as LlmModule;
  } catch (e) {
    throw new BackendUnavailableError(`the llm backend is not available: ${(e as Error).message}`);
  }
}

/**
 * `rules`: always. `llm`: the model, or an error saying why not. `auto`: the model when its file
 * is present and enough memory is free, else rules; the reason says which and why.
 */
export async function selectBackend(choice: BackendChoice, opts: LlmOptions = {}): Promise<SelectedBackend> {
  if (choice === "rules") {
    const { createRulesBackend } = await import("./rules/index.js");
    return { backend: createRulesBackend(), reason: "rules (asked for)" };
  }
  let availability: LlmAvailability;
  try {
    const llm = await loadLlmModule();
    availability = await llm.llmAvailability(opts);
    if (availability.ok) {
      const backend = await llm.createLlmBackend({ ...opts, modelPath: availability.modelPath });
      return {
        backend,
        reason: `llm (${choice === "auto" ? "auto: " : ""}${availability.reason || availability.modelPath})`,
      };
    }
  } catch (e) {
    if (choice === "llm") {
      throw e instanceof BackendUnavailableError ? e : new BackendUnavailableError((e as Error).message);
    }
    availability = { ok: false, reason: (e as Error).message, modelPath: opts.modelPath ?? "" };
  }
  if (choice === "llm") {
    throw new BackendUnavailableError(
      `the llm backend is not available: ${availability.reason} (use --backend rules, or --model FILE)`,
    );
  }
  const { createRulesBackend } = await import("./rules/index.js");
  return { backend: createRulesBackend(), reason: `rules (auto: ${availability.reason})` };
}
