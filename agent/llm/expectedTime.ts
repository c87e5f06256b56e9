/**
 * How long the first answer takes on this machine, for `levitate model status`: from speeds
 * bench/llm measured with the same-shape SmolLM3-3B Q4_0 model on a 2-core box, scaled to this
 * file's size and thread count. An estimate (the CPU, its load and the quantization all move it),
 * said to be one.
 */
import type { ModelInfo } from "./modelFile.js";

export interface SpeedReference {
  /** Model file size the speeds were measured with. */
  modelBytes: number;
  threads: number;
  /** Model load from the page cache, weights read into memory. */
  loadS: number;
  /** Prompt evaluation, tokens/s. */
  promptTokS: number;
  /** Generation under the grammar, tokens/s. */
  generateTokS: number;
  /** Where the numbers come from. */
  basis: string;
}

/**
 * The same-shape SmolLM3-3B Q4_0 model on this project's 2-core box while it was idle, 2 threads
 * (REFERENCES.md: load 6-8 s, prompt 66-73 tokens/s, generation under a grammar 9.4-10.7).
 * bench/llm's own runs (docs/llm.md) were made on the box shared by many, so they are slower and
 * say so; these are the figures an otherwise idle machine of that size gives.
 */
export const REFERENCE: SpeedReference = {
  modelBytes: 1_730_000_000,
  threads: 2,
  loadS: 7,
  promptTokS: 70,
  generateTokS: 10,
  basis: "the same-shape SmolLM3-3B Q4_0 on an idle 2-core machine, 2 threads",
};

/**
 * A first turn on a machine seen for the first time (the worst case: no saved state of its facts,
 * none prepared): the facts and the words evaluated after the saved prefix, then one call of
 * ~22 tokens, of which jump-forward samples ~4-5 (and the end) and evaluates ~18 in batches
 * (docs/llm.md).
 */
const FIRST_TURN_TOKENS = { evaluated: 220, sampled: 5, forced: 18 };

/**
 * A forced token's cost as a share of a sampled one: forced runs are batches of 2-10 tokens, far
 * below a prompt's batch, and cost ~60 ms of CPU per token where a single decode costs ~140
 * (same-shape model, flash attention off, bench/llm/batchCost.ts, docs/llm.md fifth round), not
 * the prompt speed the earlier estimate assumed.
 */
const FORCED_SHARE = 0.45;

export function expectedFirstAnswer(
  info: Pick<ModelInfo, "sizeBytes">,
  threads: number,
  ref: SpeedReference = REFERENCE,
): { loadS: number; turnS: number; totalS: number; basis: string } {
  const size = info.sizeBytes / ref.modelBytes;
  const work = size * (ref.threads / Math.max(1, threads));
  const loadS = ref.loadS * size;
  const t = FIRST_TURN_TOKENS;
  const turnS =
    work * (t.evaluated / ref.promptTokS + (t.sampled + FORCED_SHARE * t.forced) / ref.generateTokS);
  return { loadS, turnS, totalS: loadS + turnS, basis: ref.basis };
}
