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

import { join } from "node:path";
import type {
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
  Token,
  TokenBias,
} from "node-llama-cpp";
import type { Facts } from "../../facts/schema.js";
import { type TurnLimits, type TurnSchema, turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import { GrammarCursor } from "../../grammars/gbnf/forced.js";
import { mapOutput } from "../../grammars/toolCalls.js";
import { type Decision, parseDecision } from "../../tools/decision.js";
import type { Mode, ToolName } from "../../tools/types.js";
import type { Backend, ConversationView } from "../backend.js";
import { describeProtection } from "../safety/read.js";
import type { DisposeOptions } from "../types.js";
import { describeHugePages } from "./hugePages.js";
import { JumpForward } from "./jumpForward.js";
import { defaultThreads, type LogSink, setLlamaLogSink, sharedLlama } from "./llama.js";
import {
  availableMemory,
  checkModelFile,
  DEFAULT_CONTEXT_SIZE,
  kvCacheBytes,
  type ModelInfo,
} from "./modelFile.js";
import {
  loadOrBuildMachine,
  loadOrBuildPrefix,
  modelSha256,
  type PrefixStateOptions,
  type PrefixStateResult,
  savePrefix,
  takeSaveFailure,
  userCacheDir,
} from "./prefixState.js";
import { conversationMessages, factsText, systemPrompt, systemTools } from "./prompt.js";
import {
  type ChatMessage,
  loadJinja,
  type PromptPart,
  partsText,
  renderSmolLM3,
  renderWithTemplate,
} from "./smollm3Format.js";

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
  /** Ignore the model's embedded chat template and use our own SmolLM3 renderer. */
  forceFallbackTemplate?: boolean;
  /** Save/load the KV state of the prompt's fixed prefix (default true); where, for tests. */
  prefixState?: boolean | PrefixStateOptions;
  /** Load the weights into memory instead of mapping the file; default: when memory allows. */
  useMmap?: boolean;
  /**
   * Append the text the grammar forces as one batch instead of sampling it token by token
   * (./jumpForward.ts); default true. false: every token sampled (the bench's A/B, tests).
   */
  jumpForward?: boolean;
  /**
   * llama.cpp's flash attention; default off on the CPU, llama.cpp's "auto" on a GPU. Its CPU
   * kernel (llama.cpp b-v0.4.0, ggml-cpu/ops.cpp) takes its tiled path only for 64 or more query
   * tokens (GGML_FA_TILE_Q); a smaller batch (a turn's words, a forced run) and a single token go
   * through the scalar path over the whole context, where the plain attention's matrix products
   * cost 25-55% less (docs/llm.md).
   */
  flashAttention?: boolean | "auto";
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
  /** Of the generated tokens, those the model chose (each one a decoding step). */
  sampledTokens: number;
  /** Of the generated tokens, those the grammar forced (evaluated in batches, jump-forward). */
  forcedTokens: number;
  promptEvalMs: number;
  generateMs: number;
  /**
   * Where the turn's time went: before the first evaluation (the prefix or the prepared facts,
   * the grammar, the cursor), each evaluation the generator ran (tokens in the batch, ms from the
   * feed to the next sampled token, sampling included) and the JavaScript of jump-forward.
   */
  profile?: TurnProfile;
  /** From the call to the validated decision. */
  totalMs: number;
  template: "gguf" | "fallback";
  /** Turn 1 only: how the fixed prefix got into the context (saved state or evaluated). */
  prefix?: PrefixStateResult;
  valid: boolean;
  /** The raw text the model wrote. */
  output: string;
  /** Why the output was rejected. */
  error?: string;
}

export interface TurnProfile {
  /** Rendering and tokenizing the prompt. */
  renderMs: number;
  /** Waiting for `prepare`, or putting the prefix (and facts) into an empty sequence. */
  prefixMs: number;
  /** The grammar (llama.cpp's, cached per text) and its cursor. */
  grammarMs: number;
  /** One entry per decode: tokens in the batch and ms until the next token was sampled. */
  evaluations: { tokens: number; ms: number }[];
  /** Finding, tokenizing and checking the forced text (jump-forward's JavaScript). */
  jumpMs: number;
}

export interface LoadTimings {
  /** The GGUF header read and checked (once per process). */
  headerMs: number;
  /** The native binding (once per process). */
  llamaMs: number;
  modelMs: number;
  contextMs: number;
  /** The template engine. */
  templateMs: number;
  totalMs: number;
}

/** What the user sees when the output cannot be mapped to a decision (never a call). */
export const NOT_UNDERSTOOD = "I did not understand that. Could you say it another way?";

/** Above the longest reply the grammar allows (600 characters) even at one character a token. */
export const DEFAULT_MAX_TOKENS = 768;
export const DEFAULT_TIMEOUT_MS = 120_000;

const stderrSink: LogSink = (line) => process.stderr.write(`${line}\n`);

/** node-llama-cpp's text classes, imported once (the module is loaded lazily). */
let textClasses: Pick<typeof import("node-llama-cpp"), "LlamaText" | "SpecialTokensText"> | undefined;

export class LlmBackend implements Backend {
  readonly name = "llm";
  /** Outputs that failed validation; it should stay zero (the grammar admits only decisions). */
  invalidOutputs = 0;
  turns = 0;
  lastStats: TurnStats | undefined;
  /** Sampling seed for the next turns (temperature > 0 only). */
  seed: number;
  /** Limits for the next turns on top of the options' (tests and the bench narrow the grammar). */
  narrow: Partial<TurnLimits> = {};
  /**
   * Bench only (bench/llm/steer.ts), never set by the product: a per-step token bias given the
   * tokens written so far, so a random-weight model writes the decision a trained one would. The
   * grammar still checks every token.
   */
  benchSteer: ((generated: readonly Token[]) => TokenBias) | undefined;
  /** Where the load's time went (the bench and `--verbose`). */
  loadTimings: LoadTimings | undefined;
  private totalGenerated = 0;
  private totalGenerateMs = 0;
  private readonly grammars = new Map<string, LlamaGrammar>();
  private readonly cursors = new Map<string, GrammarCursor>();
  private readonly log: LogSink | undefined;
  private readonly warn: LogSink;
  private templateUsable: boolean;
  private modelSha: string | undefined;
  /** The background evaluation of the facts (`prepare`), awaited by the next turn. */
  private warming: Promise<void> | undefined;
  /** The tokens `prepare` is putting into the context, and whether a turn asked it to stop. */
  private warmingTokens: Token[] | undefined;
  private stopWarming = false;
  /** What `prepare` put into the context; reported with turn 1. */
  private prepared: PrefixStateResult | undefined;
  /** Turn 1's system block and facts, evaluated with the words and not saved yet. */
  private unsavedMachine: Token[] | undefined;
  private saveWarned = false;

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
    // What this process spent before the load (Node's start, the imports, the facts): the load
    // line says it, so a one-shot `ask` shows where its seconds went (docs/llm.md).
    const before = process.cpuUsage();
    const contextSize = opts.contextSize ?? DEFAULT_CONTEXT_SIZE;
    // Header read once, and every check that can fail without loading (not GGUF, truncated,
    // another architecture, too big) fails here with the command that fixes it.
    const info = await checkModelFile(opts.modelPath, contextSize);
    const tHeader = performance.now();
    const llama = await sharedLlama();
    const tLlama = performance.now();
    // Reading the weights into memory (no mmap) keeps the peak RSS lower than mapping the file
    // and faulting it in page by page (REFERENCES: 2.25 vs 3.8 GiB at 3B); only when there is
    // room for a copy next to the page cache.
    const useMmap =
      opts.useMmap ?? !(availableMemory() > 2 * info.sizeBytes + kvCacheBytes(info, contextSize) + 1024 ** 3);
    const model = await llama.loadModel({ modelPath: opts.modelPath, gpuLayers: "auto", useMmap });
    const tModel = performance.now();
    const threads = opts.threads ?? defaultThreads();
    const context = await model.createContext({
      contextSize: Math.min(contextSize, model.trainContextSize),
      threads,
      sequences: 1,
      // Off on the CPU (measured, docs/llm.md: behind a 2,000-token context a decode of 1-32
      // tokens costs 25-55% less CPU without it, one of 64 4-19% more, and a turn's decodes are
      // nearly all below 64); a GPU keeps llama.cpp's choice.
      ...(opts.flashAttention !== undefined
        ? { flashAttention: opts.flashAttention }
        : llama.gpu
          ? {}
          : { flashAttention: false }),
    });
    const sequence = context.getSequence();
    const tContext = performance.now();
    if (info.chatTemplate && !opts.forceFallbackTemplate) await loadJinja();
    const timings: LoadTimings = {
      headerMs: tHeader - t0,
      llamaMs: tLlama - tHeader,
      modelMs: tModel - tLlama,
      contextMs: tContext - tModel,
      templateMs: performance.now() - tContext,
      totalMs: performance.now() - t0,
    };
    log?.(
      `llm: loaded ${opts.modelPath} (${info.architecture}, ${info.quantization}) on ${llama.gpu || "CPU"}, ` +
        `${threads} thread${threads === 1 ? "" : "s"}, context ${context.contextSize}, ${useMmap ? "mmap" : "in memory"}, ${describeHugePages()}, in ${Math.round(timings.totalMs)} ms ` +
        `(model ${Math.round(timings.modelMs)}, context ${Math.round(timings.contextMs)}, runtime ${Math.round(timings.llamaMs)}, header ${Math.round(timings.headerMs)}, template ${Math.round(timings.templateMs)}; ` +
        `started ${Math.round(t0)} ms after the process, which had used ${Math.round((before.user + before.system) / 1000)} ms of CPU)`,
    );
    const backend = new LlmBackend(llama, model, context, sequence, info, opts);
    backend.loadTimings = timings;
    return backend;
  }

  private async grammarFor(text: string): Promise<LlamaGrammar> {
    let g = this.grammars.get(text);
    if (!g) {
      g = await this.llama.createGrammar({ grammar: text });
      this.grammars.set(text, g);
    }
    return g;
  }

  /** Messages as parts: through the GGUF's chat template when it renders, else our renderer. */
  private render(messages: ChatMessage[], mode: Mode, generationPrompt = true) {
    const opts = { tools: systemTools(mode), generationPrompt };
    if (this.templateUsable && this.info.chatTemplate) {
      const r = renderWithTemplate(this.info.chatTemplate, messages, opts);
      if (r.ok) return { parts: r.parts, template: "gguf" as const };
      this.templateUsable = false;
      this.log?.(
        `llm: the model's chat template is not usable (${r.reason}); using the built-in SmolLM3 renderer`,
      );
    }
    return { parts: renderSmolLM3(messages, opts), template: "fallback" as const };
  }

  /** The whole prompt of a turn, and the turn's grammar source. */
  renderPrompt(
    conv: ConversationView,
    facts: Facts,
    allowedTools: readonly ToolName[],
  ): {
    turn: TurnSchema;
    parts: PromptPart[];
    prefix: PromptPart[];
    machine: () => PromptPart[];
    template: "gguf" | "fallback";
  } {
    const turn = turnSchema(facts, {
      pending: conv.pending.length > 0,
      pendingCalls: conv.pending,
      allowedTools,
      limits: { ...this.opts.limits, ...this.narrow },
    });
    const system = systemPrompt(facts.mode);
    const kept = (conv.protections ?? []).map((p) => describeProtection(p, facts));
    const machineText = factsText(facts, turn);
    const messages = conversationMessages(conv, system, machineText, kept);
    const whole = this.render(messages, facts.mode);
    const prefix = this.render([{ role: "system", content: system }], facts.mode, false);
    // Turn 1's prompt up to the user's words: the system block and this machine's facts.
    const machine = () => {
      const mark = "\u0002";
      const first = conversationMessages(
        { ...conv, user: mark, turns: [], pending: [] },
        system,
        machineText,
      );
      const parts: PromptPart[] = [];
      for (const p of this.render(first, facts.mode, false).parts) {
        const at = p.special ? -1 : p.text.indexOf(mark);
        if (at < 0) parts.push(p);
        else {
          if (at > 0) parts.push({ text: p.text.slice(0, at), special: false });
          return parts;
        }
      }
      return [];
    };
    return { turn, parts: whole.parts, prefix: prefix.parts, machine, template: whole.template };
  }

  private async tokenize(parts: readonly PromptPart[]): Promise<Token[]> {
    textClasses ??= await import("node-llama-cpp");
    return this.tokenizeSync(parts);
  }

  /** Parts to tokens, special parts as special tokens; `tokenize` has loaded the classes. */
  private tokenizeSync(parts: readonly PromptPart[]): Token[] {
    const { LlamaText, SpecialTokensText } = textClasses as NonNullable<typeof textClasses>;
    return LlamaText(parts.map((p) => (p.special ? new SpecialTokensText(p.text) : p.text))).tokenize(
      this.model.tokenizer,
    );
  }

  private cursorFor(grammar: string): GrammarCursor {
    let c = this.cursors.get(grammar);
    if (!c) {
      c = GrammarCursor.fromGrammar(grammar);
      this.cursors.set(grammar, c);
    }
    return c;
  }

  /**
   * An empty sequence gets turn 1's prompt up to the user's words: from this machine's saved state,
   * else the fixed prefix (the system block) from its saved KV state (or evaluated and saved), and
   * then the facts: `prepare` evaluates them now (in the background, stoppable, not saved); a turn
   * leaves them to its own evaluation, one batch with the words (a batch of 14-20 tokens costs
   * 2-3 times as much per token as one of 64 or more, docs/llm.md), and the machine's state is
   * saved when the backend is disposed (`saveMachineState`), not while the user waits.
   */
  private async ensurePrefix(
    prefixTokens: Token[],
    machineTokens: Token[],
    tokens: Token[],
    purpose: "prepare" | "turn",
    stop?: () => boolean,
  ): Promise<PrefixStateResult | undefined> {
    if (this.opts.prefixState === false || this.sequence.nextTokenIndex > 0) return undefined;
    const startsWith = (xs: Token[]) => xs.length < tokens.length && xs.every((t, i) => t === tokens[i]);
    if (!startsWith(prefixTokens)) return undefined;
    this.modelSha ??= await modelSha256(this.opts.modelPath);
    const where = typeof this.opts.prefixState === "object" ? this.opts.prefixState : {};
    // The facts' last token may join the words' first (a tokenizer merge across the boundary): then
    // the machine part is not a prefix of this prompt and only the system block is loaded.
    const machine = machineTokens.length > prefixTokens.length && startsWith(machineTokens);
    const r = machine
      ? await loadOrBuildMachine(
          this.sequence,
          prefixTokens,
          machineTokens,
          this.opts.modelPath,
          this.modelSha,
          { ...where, save: false, evaluate: purpose === "prepare", ...(stop ? { stop } : {}) },
        )
      : await loadOrBuildPrefix(this.sequence, prefixTokens, this.opts.modelPath, this.modelSha, where);
    if (r.stale) this.log?.(`llm: saved prefix state not used (${r.stale}); rebuilt`);
    if (r.withWords) this.unsavedMachine = machineTokens;
    this.warnSaveFailure();
    return r;
  }

  /** The saved state is only a speed-up: a cache that cannot be written is said once (attack3 M6). */
  private warnSaveFailure(): void {
    const why = takeSaveFailure();
    if (!why || this.saveWarned) return;
    this.saveWarned = true;
    this.warn(`could not save the prefix state: ${why}; going on without it`);
  }

  /**
   * Saves this machine's state (the system block and the facts) when turn 1 evaluated the facts
   * and the sequence still starts with them: the tokens after them (the words, the answers) are
   * erased first, since a state holds the whole sequence. For `ask` (a second `ask` on an
   * unchanged machine loads it) and at the end of a chat that did not prepare; `dispose` calls it.
   */
  async saveMachineState(): Promise<string | undefined> {
    const machine = this.unsavedMachine;
    this.unsavedMachine = undefined;
    if (!machine || !this.modelSha) return undefined;
    const held = this.sequence.contextTokens;
    if (held.length < machine.length || !machine.every((t, i) => t === held[i])) return undefined;
    await this.sequence.eraseContextTokenRanges([
      { start: machine.length, end: this.sequence.nextTokenIndex },
    ]);
    const where = typeof this.opts.prefixState === "object" ? this.opts.prefixState : {};
    const t0 = performance.now();
    const file = await savePrefix(
      this.sequence,
      machine,
      this.modelSha,
      where.writeDir ?? join(userCacheDir(), "kv"),
      "machine",
    );
    this.warnSaveFailure();
    this.log?.(
      `llm: saved this machine's state (${machine.length} tokens) in ${Math.round(performance.now() - t0)} ms`,
    );
    return file;
  }

  /**
   * Turn 1's machine part into the context now, in the background (the chat calls this while its
   * prompt waits for the user's first words), so turn 1 evaluates only the words. `decide` waits
   * for it; an error here only means turn 1 does the work itself.
   */
  prepare(facts: Facts, allowedTools: readonly ToolName[]): void {
    if (this.warming || this.sequence.nextTokenIndex > 0 || this.opts.prefixState === false) return;
    const conv: ConversationView = { user: "", turns: [], pending: [], entities: [] };
    this.warming = (async () => {
      const t0 = performance.now();
      const { prefix, machine } = this.renderPrompt(conv, facts, allowedTools);
      const prefixTokens = await this.tokenize(prefix);
      const machineTokens = await this.tokenize(machine());
      this.warmingTokens = machineTokens;
      // A sentinel word after the facts: ensurePrefix wants the machine part to be a proper prefix.
      // Not saved: the chat evaluates the facts while the user types anyway, and on the live ISO
      // the cache is in RAM (~150 MB a state at 3B). `ask` saves it (decide without prepare).
      const r = await this.ensurePrefix(
        prefixTokens,
        machineTokens,
        [...machineTokens, 0 as Token],
        "prepare",
        () => this.stopWarming,
      );
      this.prepared = r?.stopped ? undefined : r;
      this.log?.(
        `llm: prepared the facts while waiting for input: ${r?.machine?.tokens ?? 0} tokens in ${Math.round(performance.now() - t0)} ms (${r?.machine?.how === "loaded" ? "loaded from this machine's saved state" : "evaluated"})`,
      );
    })().catch((e: unknown) => {
      this.log?.(`llm: preparing the facts failed (${(e as Error).message}); turn 1 evaluates them`);
    });
  }

  /**
   * Evaluates a mode's fixed prefix into an empty sequence and saves its state into `dir` (for
   * `levitate model bake`: states baked into the ISO next to the model). Returns the state file.
   */
  async bakePrefix(mode: Mode, dir: string): Promise<PrefixStateResult> {
    const system = systemPrompt(mode);
    const tokens = await this.tokenize(this.render([{ role: "system", content: system }], mode, false).parts);
    await this.sequence.clearHistory();
    this.modelSha ??= await modelSha256(this.opts.modelPath);
    const r = await loadOrBuildPrefix(this.sequence, tokens, this.opts.modelPath, this.modelSha, {
      readDirs: [],
      writeDir: dir,
    });
    await this.sequence.clearHistory();
    if (!r.file)
      throw new Error(`could not save the prefix state into ${dir}: ${takeSaveFailure() ?? "unknown"}`);
    return r;
  }

  async decide(conv: ConversationView, facts: Facts, allowedTools: readonly ToolName[]): Promise<Decision> {
    const t0 = performance.now();
    const { LlamaGrammarEvaluationState } = await import("node-llama-cpp");
    const {
      turn,
      parts,
      prefix: prefixParts,
      machine,
      template,
    } = this.renderPrompt(conv, facts, allowedTools);
    const tokens = await this.tokenize(parts);
    const tRendered = performance.now();
    const maxTokens = this.opts.maxTokens ?? DEFAULT_MAX_TOKENS;
    if (tokens.length + maxTokens > this.sequence.contextSize) {
      return this.reject(t0, tokens.length, template, "", "the conversation no longer fits the context", {
        reply: "This conversation has grown too long for the model. Please start a new one.",
      });
    }
    if (this.warming) {
      // Facts that are not this prompt's (they changed since prepare): stop at the next batch.
      const w = this.warmingTokens;
      if (w && !w.every((t, i) => t === tokens[i])) this.stopWarming = true;
      await this.warming;
      this.warming = undefined;
      this.warmingTokens = undefined;
      this.stopWarming = false;
    }
    const prefix =
      this.sequence.nextTokenIndex === 0
        ? await this.ensurePrefix(
            await this.tokenize(prefixParts),
            await this.tokenize(machine()),
            tokens,
            "turn",
          )
        : this.takePrepared();

    // Reuse: keep the longest common prefix of what the sequence holds; at least one token is
    // evaluated so there are logits to sample from.
    const common = Math.min(
      this.sequence.compareContextTokens(tokens).firstDifferentIndex,
      tokens.length - 1,
    );
    if (common < this.sequence.nextTokenIndex)
      await this.sequence.eraseContextTokenRanges([{ start: common, end: this.sequence.nextTokenIndex }]);
    const fresh = tokens.slice(common);
    const tPrefix = performance.now();

    const grammarText = turnGrammar(turn);
    const grammar = await this.grammarFor(grammarText);
    const grammarState = new LlamaGrammarEvaluationState({ model: this.model, grammar });
    const jump =
      this.opts.jumpForward === false
        ? undefined
        : new JumpForward(this.llama, this.model, grammarState, this.cursorFor(grammarText), (p) =>
            this.tokenizeSync(p),
          );
    const tEval = performance.now();
    const evaluations: TurnProfile["evaluations"] = [];
    let jumpMs = 0;
    const temperature = this.opts.temperature ?? 0;
    const deadline = t0 + (this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const out: Token[] = [];
    const steer = this.benchSteer;
    let firstTokenAt: number | undefined;
    let sampled = 0;
    // The generator also ends by itself when the grammar is complete and allows nothing more.
    let stop: "end" | "eog" | "budget" | "timeout" = "end";
    const generator = this.sequence.evaluate(fresh, {
      temperature,
      ...(temperature > 0 ? { seed: this.seed, topK: 40, topP: 0.95 } : {}),
      grammarEvaluationState: grammarState,
      ...(steer ? { tokenBias: () => steer(out) } : {}),
    });
    try {
      // Each step hands the generator what to evaluate next: the sampled token alone, or it and
      // the tokens the grammar forces after it, in one batch.
      let feed: Token[] | undefined;
      let fed = fresh.length;
      for (;;) {
        const tStep = performance.now();
        const step = await generator.next(feed);
        evaluations.push({ tokens: fed, ms: performance.now() - tStep });
        if (step.done) break;
        const token = step.value;
        firstTokenAt ??= performance.now();
        if (this.model.isEogToken(token)) {
          stop = "eog";
          break;
        }
        out.push(token);
        sampled++;
        const tJump = performance.now();
        const forced = jump && out.length < maxTokens ? jump.next(out) : [];
        jumpMs += performance.now() - tJump;
        out.push(...forced);
        feed = forced.length ? [token, ...forced] : undefined;
        fed = 1 + forced.length;
        if (out.length >= maxTokens) {
          stop = "budget";
          break;
        }
        if (performance.now() > deadline) {
          stop = "timeout";
          break;
        }
      }
    } finally {
      await generator.return();
    }
    const end = performance.now();
    const text = this.model.detokenize(out, true);
    const base = {
      promptTokens: tokens.length,
      evaluatedTokens: fresh.length,
      reusedTokens: common,
      generatedTokens: out.length,
      sampledTokens: sampled,
      forcedTokens: out.length - sampled,
      promptEvalMs: (firstTokenAt ?? end) - tEval,
      generateMs: end - (firstTokenAt ?? end),
      template,
      output: text,
      profile: {
        renderMs: tRendered - t0,
        prefixMs: tPrefix - tRendered,
        grammarMs: tEval - tPrefix,
        evaluations,
        jumpMs,
      },
      ...(prefix ? { prefix } : {}),
    };

    let error: string | undefined;
    let decision: Decision | undefined;
    if (stop === "budget" || stop === "timeout") {
      error = stop === "timeout" ? "timed out" : `token budget (${maxTokens}) exhausted`;
    } else {
      const mapped = mapOutput(text);
      if (!mapped.ok) error = mapped.error;
      else {
        const narrow = turn.schema.safeParse(mapped.value);
        const parsed = parseDecision(mapped.value);
        if (!narrow.success) error = `outside this turn's schema: ${narrow.error.issues[0]?.message}`;
        else if (!parsed.ok) error = parsed.error;
        else decision = parsed.decision;
      }
    }
    this.turns++;
    if (!decision)
      return this.reject(
        t0,
        tokens.length,
        template,
        text,
        error ?? "invalid",
        { reply: NOT_UNDERSTOOD },
        base,
      );
    const totalMs = performance.now() - t0;
    this.lastStats = { ...base, totalMs, valid: true };
    this.totalGenerated += out.length;
    this.totalGenerateMs += base.generateMs;
    this.logTurn(
      this.lastStats,
      `${turn.tools.length} tools${turn.confirm ? ", confirm" : ""}${turn.dropSteps.length ? ", drop" : ""}`,
    );
    return decision;
  }

  /** Resolves when the background work `prepare` started has finished (the bench). */
  async whenPrepared(): Promise<void> {
    await this.warming;
  }

  private takePrepared(): PrefixStateResult | undefined {
    const p = this.prepared;
    this.prepared = undefined;
    return p;
  }

  /** The rendered text of a turn's prompt (tests, `--verbose` debugging). */
  promptText(conv: ConversationView, facts: Facts, allowedTools: readonly ToolName[]): string {
    return partsText(this.renderPrompt(conv, facts, allowedTools).parts);
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
      sampledTokens: 0,
      forcedTokens: 0,
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
    const p = st.prefix;
    const machine = p?.machine
      ? p.machine.how === "loaded"
        ? `; fixed prefix and facts ${p.machine.tokens} tokens loaded from this machine's saved state`
        : p.withWords
          ? `; facts evaluated with the words (${p.machine.tokens} tokens with the prefix; this machine's state saved after the turn)`
          : `; facts evaluated (${p.machine.tokens} tokens with the prefix)`
      : "";
    const prefix = p
      ? p.machine?.how === "loaded"
        ? `${machine} in ${ms(p.ms)}`
        : `; fixed prefix ${p.tokens} tokens ${p.how === "loaded" ? "loaded from its saved state" : "evaluated and saved"}${machine} in ${ms(p.ms)}`
      : "";
    this.log(
      `llm: turn ${this.turns}: time to decision ${ms(st.totalMs)}; ` +
        `prompt ${st.promptTokens} tokens (${st.evaluatedTokens} evaluated, ${st.reusedTokens} reused) in ${ms(st.promptEvalMs)}; ` +
        `generated ${st.generatedTokens} tokens (${st.sampledTokens} sampled, ${st.forcedTokens} forced) in ${ms(st.generateMs)} (${rate} tokens/s) [${st.template} template, ${what}]${prefix}`,
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

  /**
   * Saves this machine's state when turn 1 evaluated it, then frees the context and the model.
   * `exiting`: the process ends right after (`ask --dry-run`): the state is still saved (awaited:
   * no write is left pending), but the model is not freed: the process's exit returns its memory
   * at once, where freeing it costs ~71 ms of CPU and up to ~0.9 s of wall time on a busy box
   * (bench/llm/exitCost.ts). The caller must then end the process with `process.exit`: Node's
   * natural exit would run node-llama-cpp's `beforeExit` hook, which frees it after all.
   */
  async dispose(how: DisposeOptions = {}): Promise<void> {
    // A chat left before its first turn: stop the facts' evaluation at its next batch first.
    this.stopWarming = true;
    await this.warming;
    const t0 = performance.now();
    await this.saveMachineState().catch(() => undefined);
    const tSaved = performance.now();
    if (how.exiting) {
      this.log?.(
        `llm: disposed in ${Math.round(tSaved - t0)} ms (machine state ${Math.round(tSaved - t0)}; context and model left to the process's exit)`,
      );
      return;
    }
    await this.context.dispose();
    const tContext = performance.now();
    await this.model.dispose();
    const ms = (a: number, b: number) => Math.round(b - a);
    this.log?.(
      `llm: disposed in ${ms(t0, performance.now())} ms (machine state ${ms(t0, tSaved)}, context ${ms(tSaved, tContext)}, model ${ms(tContext, performance.now())})`,
    );
  }
}
