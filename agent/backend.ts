import type { ToolName } from "../tools/types.js";
import type { Decision, ModelToolCall } from "./decision.js";
import type { Facts } from "./facts/schema.js";

/**
 * The seam between the conversation and whatever turns words into a Decision (CONTRACTS §2).
 *
 * Implementations:
 * - `rules` (agent/rules/): deterministic parser, no model, loads in milliseconds.
 * - `llm` (agent/llm/): SmolLM3 through node-llama-cpp. agent/llm/index.ts exports the
 *   `LlmModule` shape below; it is imported lazily, only when `llm` or `auto` is asked for, so the
 *   rules path never loads node-llama-cpp.
 *
 * A backend never executes anything and never sees passwords; it returns one Decision a turn.
 * "yes"/"no" on a pending plan are answered before any backend is asked (agent/turn.ts), so a
 * model can never confirm a plan by itself.
 */
export interface Backend {
  readonly name: string;
  decide(conv: ConversationView, facts: Facts, allowedTools: readonly ToolName[]): Promise<Decision>;
  /** Frees what the backend holds (model, context). Optional: rules holds nothing. */
  dispose?(): Promise<void>;
}

/** A call in the pending plan: same shape as a decision's call (args validated, defaults filled). */
export type PlanCall = ModelToolCall;

/** What a turn can mention and a later turn refer back to ("it", "that one", "same for bob"). */
export type EntityKind = "disk" | "user" | "recipe" | "locale" | "keymap" | "timezone" | "hostname";

export interface Entity {
  kind: EntityKind;
  /** The canonical value: a disk path, a username, a recipe name, `de_DE.UTF-8`, `de`, `Europe/Berlin`. */
  value: string;
  /** Index of the turn that last mentioned it. */
  turn: number;
}

export interface TurnView {
  /** What the user typed. */
  user: string;
  /** What was decided for it (in evaluation: the expected outcome, so one miss does not cascade). */
  decision: Decision;
}

/** Read-only view of the conversation a backend gets. */
export interface ConversationView {
  /** Earlier turns, oldest first (the current turn is not in here). */
  readonly turns: readonly TurnView[];
  /** The pending plan: calls proposed and not yet confirmed or dropped, in order. */
  readonly pending: readonly PlanCall[];
  /** Mentioned entities, most recent LAST; one entry per (kind, value). */
  readonly entities: readonly Entity[];
  /** The text of the current turn. */
  readonly user: string;
}

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
