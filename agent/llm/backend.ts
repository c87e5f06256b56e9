/**
 * The llm backend: one model, one context sequence kept across turns, and for every turn a GBNF
 * grammar built from the facts, so the model can only write a decision that names real disks,
 * real recipes and tools allowed now.
 *
 * Decoding settings, and why:
 * - temperature 0 (greedy) by default: a tool call is not creative writing, and greedy decoding
 *   makes a turn reproducible (eval, bug reports). `temperature`/`seed` exist for sampling tests.
 * - a token budget (`maxTokens`, 768) above the longest sensible decision, and a wall-clock
 *   `timeoutMs` (120 s) that covers a slow first prompt on CPU; hitting either is an invalid
 *   output, counted and answered with a reply asking to rephrase, never a partial call.
 * - no repeat penalty: JSON repeats its punctuation by design.
 */
import type {
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
  Token,
} from "node-llama-cpp";
import { type TurnLimits, turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import type { ToolName } from "../../tools/types.js";
import type { Backend, ConversationView } from "../backend.js";
import { type Decision, parseDecision } from "../decision.js";
import type { Facts } from "../facts/schema.js";
import { defaultThreads, type LogSink, setLlamaLogSink, sharedLlama } from "./llama.js";
import { DEFAULT_CONTEXT_SIZE, type ModelInfo, readModelInfo } from "./modelFile.js";
import { conversationMessages, type PromptPart, renderChatML, systemPrompt } from "./prompt.js";
import { renderWithTemplate } from "./template.js";

export interface LlmBackendOptions {
  modelPath: string;
  threads?: number;
  /** Sampling seed; only matters with temperature > 0. */
  seed?: number;
  /** 0 = greedy (default). */
  temperature?: number;
  maxTokens?: number;
  timeoutMs?: number;
  contextSize?: number;
  limits?: Partial<TurnLimits>;
  /** Ignore the model's embedded chat template and use our ChatML renderer. */
  forceFallbackTemplate?: boolean;
  /** true: timings and token counts on stderr; a function: to it. */
  verbose?: boolean | LogSink;
  /** Where warnings (invalid outputs) go; stderr by default. */
  warn?: LogSink;
}

export interface TurnStats {
  /** Tokens in this turn's whole prompt. */
  promptTokens: number;
  /** Of those, evaluated this turn (the rest were already in the context sequence). */
  evaluatedTokens: number;
  reusedTokens: number;
  generatedTokens: number;
  promptEvalMs: number;
  generateMs: number;
  /** From the call to the validated decision. */
  totalMs: number;
  template: "gguf" | "fallback";
  valid: boolean;
  /** The raw text the model wrote. */
  output: string;
  /** Why the output was rejected. */
  error?: string;
}

/** Above the longest reply the grammar allows (600 characters) even at one character a token. */
export const DEFAULT_MAX_TOKENS = 768;
export const DEFAULT_TIMEOUT_MS = 120_000;

const stderrSink: LogSink = (line) => process.stderr.write(`${line}\n`);

export class LlmBackend implements Backend {
  readonly name = "llm";
  /** Outputs that failed validation; it should stay zero (the grammar admits only decisions). */
  invalidOutputs = 0;
  turns = 0;
  lastStats: TurnStats | undefined;
  /** Sampling seed for the next turns (temperature > 0 only). */
  seed: number;
  private totalGenerated = 0;
  private totalGenerateMs = 0;
  private readonly grammars = new Map<string, LlamaGrammar>();
  private readonly log: LogSink | undefined;
  private readonly warn: LogSink;
  private templateUsable: boolean;

  private constructor(
    readonly llama: Llama,
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    readonly sequence: LlamaContextSequence,
    readonly info: ModelInfo,
    private readonly opts: LlmBackendOptions,
  ) {
    this.log = opts.verbose === true ? stderrSink : opts.verbose || undefined;
    this.warn = opts.warn ?? stderrSink;
    this.templateUsable = !opts.forceFallbackTemplate && Boolean(info.chatTemplate);
    this.seed = opts.seed ?? 0;
  }

  static async create(opts: LlmBackendOptions): Promise<LlmBackend> {
    const log = opts.verbose === true ? stderrSink : opts.verbose || undefined;
    setLlamaLogSink(log);
    const t0 = performance.now();
    const info = await readModelInfo(opts.modelPath);
    const llama = await sharedLlama();
    const model = await llama.loadModel({ modelPath: opts.modelPath, gpuLayers: "auto" });
    const threads = opts.threads ?? defaultThreads();
    const contextSize = Math.min(opts.contextSize ?? DEFAULT_CONTEXT_SIZE, model.trainContextSize);
    const context = await model.createContext({ contextSize, threads, sequences: 1 });
    const sequence = context.getSequence();
    log?.(
      `llm: loaded ${opts.modelPath} (${info.architecture}, ${info.quantization}) on ${llama.gpu || "CPU"}, ` +
        `${threads} thread${threads === 1 ? "" : "s"}, context ${context.contextSize}, in ${Math.round(performance.now() - t0)} ms`,
    );
    return new LlmBackend(llama, model, context, sequence, info, opts);
  }

  private async grammarFor(text: string): Promise<LlamaGrammar> {
    let g = this.grammars.get(text);
    if (!g) {
      g = await this.llama.createGrammar({ grammar: text });
      this.grammars.set(text, g);
    }
    return g;
  }

  /** The prompt as parts: through the GGUF's chat template when it renders faithfully, else ours. */
  renderPrompt(conv: ConversationView, facts: Facts, allowedTools: readonly ToolName[]) {
    const turn = turnSchema(facts, {
      pending: conv.pending.length > 0,
      allowedTools,
      limits: this.opts.limits,
    });
    const messages = conversationMessages(conv, systemPrompt(facts, turn));
    let parts: PromptPart[] | undefined;
    if (this.templateUsable && this.info.chatTemplate) {
      const r = renderWithTemplate(this.info.chatTemplate, messages);
      if (r.ok) parts = r.parts;
      else {
        this.templateUsable = false;
        this.log?.(`llm: the model's chat template is not usable (${r.reason}); using the built-in ChatML`);
      }
    }
    return {
      turn,
      parts: parts ?? renderChatML(messages),
      template: parts ? ("gguf" as const) : ("fallback" as const),
    };
  }

  async decide(conv: ConversationView, facts: Facts, allowedTools: readonly ToolName[]): Promise<Decision> {
    const t0 = performance.now();
    const { LlamaText, SpecialTokensText, LlamaGrammarEvaluationState } = await import("node-llama-cpp");
    const { turn, parts, template } = this.renderPrompt(conv, facts, allowedTools);
    const tokens = LlamaText(parts.map((p) => (p.special ? new SpecialTokensText(p.text) : p.text))).tokenize(
      this.model.tokenizer,
    );
    const maxTokens = this.opts.maxTokens ?? DEFAULT_MAX_TOKENS;
    if (tokens.length + maxTokens > this.sequence.contextSize) {
      return this.reject(t0, tokens.length, template, "", "the conversation no longer fits the context", {
        reply: "This conversation has grown too long for the model. Please start a new one.",
      });
    }

    // Reuse: keep the longest common prefix of what the sequence holds; at least one token is
    // evaluated so there are logits to sample from.
    const common = Math.min(
      this.sequence.compareContextTokens(tokens).firstDifferentIndex,
      tokens.length - 1,
    );
    if (common < this.sequence.nextTokenIndex)
      await this.sequence.eraseContextTokenRanges([{ start: common, end: this.sequence.nextTokenIndex }]);
    const fresh = tokens.slice(common);

    const grammar = await this.grammarFor(turnGrammar(turn));
    const grammarState = new LlamaGrammarEvaluationState({ model: this.model, grammar });
    const temperature = this.opts.temperature ?? 0;
    const deadline = t0 + (this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const out: Token[] = [];
    let firstTokenAt: number | undefined;
    let stop = "budget";
    for await (const token of this.sequence.evaluate(fresh, {
      temperature,
      ...(temperature > 0 ? { seed: this.seed, topK: 40, topP: 0.95 } : {}),
      grammarEvaluationState: grammarState,
    })) {
      firstTokenAt ??= performance.now();
      if (this.model.isEogToken(token)) {
        stop = "eog";
        break;
      }
      out.push(token);
      if (out.length >= maxTokens) break;
      if (performance.now() > deadline) {
        stop = "timeout";
        break;
      }
    }
    const end = performance.now();
    const text = this.model.detokenize(out);
    const promptEvalMs = (firstTokenAt ?? end) - t0;
    const base = {
      promptTokens: tokens.length,
      evaluatedTokens: fresh.length,
      reusedTokens: common,
      generatedTokens: out.length,
      promptEvalMs,
      generateMs: end - (firstTokenAt ?? end),
      template,
      output: text,
    };

    let error: string | undefined;
    let decision: Decision | undefined;
    if (stop !== "eog" && !grammarComplete(text)) {
      error = stop === "timeout" ? "timed out" : `token budget (${maxTokens}) exhausted`;
    } else {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        error = `not JSON: ${(e as Error).message}`;
      }
      if (!error) {
        const narrow = turn.schema.safeParse(json);
        const parsed = parseDecision(json);
        if (!narrow.success) error = `outside this turn's schema: ${narrow.error.issues[0]?.message}`;
        else if (!parsed.ok) error = parsed.error;
        else decision = parsed.decision;
      }
    }
    this.turns++;
    if (!decision) {
      return this.reject(
        t0,
        tokens.length,
        template,
        text,
        error ?? "invalid",
        {
          reply: "Sorry, I could not work that out. Could you say it another way?",
        },
        base,
      );
    }
    const totalMs = performance.now() - t0;
    this.lastStats = { ...base, totalMs, valid: true };
    this.totalGenerated += out.length;
    this.totalGenerateMs += base.generateMs;
    this.logTurn(this.lastStats, `${turn.tools.length} tools${turn.confirm ? ", confirm" : ""}`);
    return decision;
  }

  private reject(
    t0: number,
    promptTokens: number,
    template: "gguf" | "fallback",
    output: string,
    error: string,
    fallback: Decision,
    base?: Omit<TurnStats, "totalMs" | "valid" | "error">,
  ): Decision {
    this.invalidOutputs++;
    const totalMs = performance.now() - t0;
    this.lastStats = {
      promptTokens,
      evaluatedTokens: 0,
      reusedTokens: 0,
      generatedTokens: 0,
      promptEvalMs: 0,
      generateMs: 0,
      template,
      output,
      ...base,
      totalMs,
      valid: false,
      error,
    };
    this.logTurn(this.lastStats, "invalid output");
    this.warn(
      `llm: invalid output #${this.invalidOutputs} (${error}): ${JSON.stringify(output.slice(0, 200))}`,
    );
    return fallback;
  }

  /**
   * The verbose line of a turn: time to decision first (what the user waits for), then where it
   * went: prompt evaluation (new tokens vs reused from the context) and generation speed.
   */
  private logTurn(st: TurnStats, what: string): void {
    if (!this.log) return;
    const ms = (v: number) => `${Math.round(v)} ms`;
    const rate = st.generateMs > 0 ? ((1000 * st.generatedTokens) / st.generateMs).toFixed(1) : "-";
    this.log(
      `llm: turn ${this.turns}: time to decision ${ms(st.totalMs)}; ` +
        `prompt ${st.promptTokens} tokens (${st.evaluatedTokens} evaluated, ${st.reusedTokens} reused) in ${ms(st.promptEvalMs)}; ` +
        `generated ${st.generatedTokens} tokens in ${ms(st.generateMs)} (${rate} tokens/s) [${st.template} template, ${what}]`,
    );
  }

  /** Totals over this backend's life, for `levitate eval`'s report. */
  stats(): { tokens: number; seconds: number; invalidOutputs: number; turns: number } {
    return {
      tokens: this.totalGenerated,
      seconds: this.totalGenerateMs / 1000,
      invalidOutputs: this.invalidOutputs,
      turns: this.turns,
    };
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
  }
}

/** Cheap check that the text closed its outermost object (grammar output is otherwise valid). */
function grammarComplete(text: string): boolean {
  return text.endsWith("}");
}
