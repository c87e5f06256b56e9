/**
 * Bench-only: steer a random-weight model to write a given text, as a trained model would.
 *
 * Random weights pick a random token every step: under the grammar nearly every pick is rejected,
 * and the answer is whatever valid text the rejects leave (63 tokens where SmolLM3 writes ~20 for
 * a call). A trained model's greedy pick is almost always valid. So the bench adds a large logit
 * bias to the next token of the expected decision's text (and to end-of-generation after it):
 * greedy decoding then writes that text, the grammar still checks every token (a token it rejects
 * is never written: the sampler falls back to the grammar's own choice and the steering stops),
 * and the time per token is what a user whose model agrees with the grammar pays.
 *
 * The steering follows the text written so far, not its tokens: with jump-forward decoding the
 * grammar's forced text is tokenized on its own, so the tokens may split differently from the
 * whole text's tokenization while the text is the same.
 *
 * Never used outside bench/: the bench names it in its output (`steered: true`).
 */
import type { LlamaModel, Token, TokenBias } from "node-llama-cpp";

/** Large against random logits (|logit| of a few units), small enough to stay finite. */
const STEER_LOGIT = 100;

/**
 * A per-step token bias (node-llama-cpp asks for it before sampling each token) that favours the
 * first token of what is left of `text` while the text written so far (`generated`) is a prefix
 * of it, then end-of-generation; nothing once the output has left the text.
 */
export async function steerTowards(
  model: LlamaModel,
  text: string,
): Promise<(generated: readonly Token[]) => TokenBias> {
  const { TokenBias } = await import("node-llama-cpp");
  const eog = model.tokens.eos ?? model.tokens.eot;
  const none = new TokenBias(model.tokenizer);
  const cache = new Map<string, TokenBias>();
  return (generated) => {
    const done = model.detokenize(generated, true);
    if (!text.startsWith(done)) return none;
    const rest = text.slice(done.length);
    let bias = cache.get(rest);
    if (!bias) {
      bias = new TokenBias(model.tokenizer);
      const next = rest ? model.tokenize(rest, true)[0] : undefined;
      if (next !== undefined) bias.set(next, { logit: STEER_LOGIT });
      // TokenBias.set ignores end-of-generation tokens; its map takes them.
      else if (eog !== null && eog !== undefined)
        (bias as unknown as { _biases: Map<Token, number> })._biases.set(eog, STEER_LOGIT);
      cache.set(rest, bias);
    }
    return bias;
  };
}
