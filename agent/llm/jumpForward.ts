/**
 * Jump-forward decoding: text the turn's grammar forces (`\n{"name": "` after `<tool_call>`, the
 * rest of a tool name once it is unique, `", "arguments": {"`, required keys, closing braces,
 * `\n</tool_call>`) is appended as tokens evaluated in one batch with the sampled token before
 * it, instead of being sampled one token at a time. On a 2-core CPU a batch token costs about a
 * fifth of a generated one (the same-shape 3B model: ~18 vs ~93 ms), and most of a call's tokens
 * are forced.
 *
 * The text is exactly what the grammar admits (grammars/gbnf/forced.ts finds it; llama.cpp's own
 * grammar state checks and accepts every forced token, and a token it would refuse ends the
 * forced run: the model samples from there). Two rules keep the tokens close to what the model's
 * tokenizer would have written: a forced run stops before a trailing space (the tokenizer joins a
 * space to the word after it: ` "`, ` true`), and a forced text whose tokens do not read back as
 * the same text is not forced.
 */
import type { Llama, LlamaGrammarEvaluationState, LlamaModel, Token } from "node-llama-cpp";
import type { GrammarCursor } from "../../grammars/gbnf/forced.js";
import { type PromptPart, splitSpecial } from "./smollm3Format.js";

/**
 * node-llama-cpp 3.21.1 checks and accepts a token on a grammar state only inside its sampler
 * (`LlamaSampler._acceptTokenOnGrammarEvaluationState`, internal); the native functions behind it
 * are reached the same way here. The package version is pinned in package.json.
 */
interface GrammarNative {
  canBeNextTokenForGrammarEvaluationState(state: unknown, token: Token): boolean;
  acceptGrammarEvaluationStateToken(state: unknown, token: Token): void;
}

function grammarNative(llama: Llama): GrammarNative {
  const sampler = (llama as unknown as { _bindings?: { AddonSampler?: Partial<GrammarNative> } })._bindings
    ?.AddonSampler;
  if (
    typeof sampler?.canBeNextTokenForGrammarEvaluationState !== "function" ||
    typeof sampler.acceptGrammarEvaluationStateToken !== "function"
  )
    throw new Error("node-llama-cpp no longer exposes the grammar state's token check");
  return sampler as GrammarNative;
}

const nativeState = (s: LlamaGrammarEvaluationState) => (s as unknown as { _state: unknown })._state;

export type Tokenizer = (parts: readonly PromptPart[]) => Token[];

/** Follows one turn's output and gives the tokens the grammar forces next. */
export class JumpForward {
  private readonly native: GrammarNative;
  private readonly cursor: GrammarCursor;
  /** The output text the cursor has followed. */
  private followed = "";
  private broken = false;

  constructor(
    llama: Llama,
    private readonly model: LlamaModel,
    private readonly grammarState: LlamaGrammarEvaluationState,
    cursor: GrammarCursor,
    private readonly tokenize: Tokenizer,
  ) {
    this.native = grammarNative(llama);
    this.cursor = cursor;
    cursor.reset();
  }

  /**
   * The tokens forced after `out` (the turn's output so far, its last token sampled and accepted
   * by the grammar state), already accepted by the grammar state; empty when the next token is
   * the model's choice.
   */
  next(out: readonly Token[]): Token[] {
    if (this.broken) return [];
    const text = this.model.detokenize(out, true);
    // A token can end inside a multi-byte character: wait for the rest.
    if (text.endsWith("\uFFFD")) return [];
    if (!text.startsWith(this.followed)) {
      this.cursor.reset();
      this.followed = "";
    }
    if (!this.cursor.feed(text.slice(this.followed.length))) {
      // The grammar admitted it (llama.cpp checked), so our reading of it is wrong: stop forcing.
      this.broken = true;
      return [];
    }
    this.followed = text;
    const forced = this.cursor.forced().replace(/ +$/, "");
    if (!forced) return [];
    const tokens = this.tokenize(splitSpecial(forced));
    if (this.model.detokenize(tokens, true) !== forced) return [];
    const accepted: Token[] = [];
    const state = nativeState(this.grammarState);
    for (const t of tokens) {
      if (!this.native.canBeNextTokenForGrammarEvaluationState(state, t)) break;
      this.native.acceptGrammarEvaluationStateToken(state, t);
      accepted.push(t);
    }
    return accepted;
  }
}
