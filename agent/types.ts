import type { Facts } from "../facts/schema.js";
import type { Decision, ModelToolCall, Offer } from "../tools/decision.js";
import type { ToolName } from "../tools/types.js";
import type { Protection } from "./safety/types.js";

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
  /**
   * Optional, returns at once: start the work turn 1 will need that does not depend on the user's
   * words (the llm backend evaluates the facts while the chat waits for input).
   */
  prepare?(facts: Facts, allowedTools: readonly ToolName[]): void;
  /** Frees what the backend holds (model, context). Optional: rules holds nothing. */
  dispose?(how?: DisposeOptions): Promise<void>;
}

export interface DisposeOptions {
  /**
   * The process exits right after and nothing runs in it any more (`ask --dry-run`): finish every
   * write (the llm backend's machine state), but leave the memory to the exit instead of freeing it.
   */
  exiting?: boolean;
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
  /**
   * The language the letters of the words as typed show ("pl" for "zainstaluj proszę jq", which
   * `user` holds translated): agent/speakerLanguage.ts. Never the typed text itself.
   */
  letters?: string;
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
  /**
   * What the user asked to keep, this turn's words included (agent/safety/read.ts). Whatever a
   * backend decides is screened against these (agent/safety/screen.ts); a backend that reads them
   * can answer better ("install on the nvme" with Windows kept: into the free space).
   */
  readonly protections?: readonly Protection[];
  /** Calls the last reply proposed ("Do you mean helix?"): "yes" takes them, "no" drops them. */
  readonly offer?: Offer;
  /**
   * Words this turn withdrew before `user` ("call it box1. nah. box-one": "call it box1"): a bare
   * value in `user` says what the withdrawn request should have said. No backend acts on them.
   */
  readonly withdrawn?: string;
  /**
   * Disks this turn's words named after correcting themselves ("put it on sda, sorry, sdb": sdb);
   * `user` already says them in place of the retracted one.
   */
  readonly corrected?: readonly string[];
  /**
   * The words as typed, where making them plain changed them ("cool, brb" is "cool" to every
   * reader): only for a check that must see everything said, such as agent/safety/unsureYes.ts.
   * Never set where the turn may hold a secret (a password word, a hidden value, letters outside
   * ASCII that the scrub reads after folding them): there `user` is all there is.
   */
  readonly typed?: string;
}
