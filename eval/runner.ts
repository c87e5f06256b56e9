import { performance } from "node:perf_hooks";
import type { Backend, ConversationView } from "../agent/backend.js";
import { Conversation } from "../agent/conversation.js";
import { allowedTools, decideTurn } from "../agent/turn.js";
import type { Facts } from "../facts/schema.js";
import { type Decision, parseDecision } from "../tools/decision.js";
import type { ToolName } from "../tools/types.js";
import type { Dialogue } from "./dataset.js";
import { destructiveMisreads } from "./destructive.js";
import type { Category, Expect } from "./expect.js";
import { expectedDecision } from "./history.js";
import { type Predicted, scoreTurn } from "./score.js";

/**
 * What a model backend may report about itself (agent/llm implements `stats()`): tokens generated,
 * seconds spent generating them, and outputs that failed to parse (the grammar should keep that 0).
 */
export interface BackendStats {
  tokens: number;
  seconds: number;
  invalidOutputs: number;
}

export function backendStats(backend: Backend): BackendStats | undefined {
  const s = (backend as { stats?: () => unknown }).stats;
  if (typeof s !== "function") return undefined;
  const v = s.call(backend) as Partial<BackendStats> | undefined;
  if (!v || typeof v.tokens !== "number" || typeof v.seconds !== "number") return undefined;
  return { tokens: v.tokens, seconds: v.seconds, invalidOutputs: v.invalidOutputs ?? 0 };
}

/**
 * Without stats(), a backend that keeps per-turn numbers the way agent/llm's LlmBackend does
 * (`lastStats.generatedTokens`, `lastStats.generateMs`, `invalidOutputs`) is summed turn by turn.
 */
class TurnStatsCollector {
  private last: unknown;
  private tokens = 0;
  private ms = 0;
  private seen = false;

  constructor(private readonly backend: Backend) {
    this.last = (backend as { lastStats?: unknown }).lastStats;
  }

  afterTurn(): void {
    const cur = (this.backend as { lastStats?: { generatedTokens?: unknown; generateMs?: unknown } })
      .lastStats;
    if (!cur || cur === this.last) return;
    this.last = cur;
    if (typeof cur.generatedTokens === "number" && typeof cur.generateMs === "number") {
      this.tokens += cur.generatedTokens;
      this.ms += cur.generateMs;
      this.seen = true;
    }
  }

  result(): BackendStats | undefined {
    const fromBackend = backendStats(this.backend);
    if (fromBackend) return fromBackend;
    if (!this.seen) return undefined;
    const invalid = (this.backend as { invalidOutputs?: unknown }).invalidOutputs;
    return {
      tokens: this.tokens,
      seconds: this.ms / 1000,
      invalidOutputs: typeof invalid === "number" ? invalid : 0,
    };
  }
}

export interface TurnResult {
  /** `dialogue-id#turn-number` (1-based): how `--compare` matches turns across reports. */
  key: string;
  dialogue: string;
  category: Category;
  turn: number;
  user: string;
  expect: Expect;
  /** What the turn decided (agent/turn.ts: yes/no first, then the backend, then the fact checks). */
  got?: unknown;
  /** The backend's own decision when the turn's checks changed it (e.g. a call on a missing disk became a reply). */
  backendDecision?: unknown;
  /** The backend threw, or returned something that is not a Decision. */
  error?: string;
  correct: boolean;
  toolsRight?: boolean;
  reason?: string;
  /** Destructive calls the expectation did not ask for (eval/destructive.ts). */
  destructive?: { call: { tool: string; args: Record<string, unknown> }; action: string; why: string }[];
  ms: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onTurn?: (done: number, total: number, result: TurnResult) => void;
}

export interface RunResult {
  results: TurnResult[];
  interrupted: boolean;
  /** Dialogues whose every turn ran. */
  completedDialogues: string[];
  /** Tokens, seconds and invalid outputs of a model backend; absent for rules. */
  stats?: BackendStats;
}

/**
 * Wraps the backend so the harness can tell a backend failure or an invalid output apart from a
 * reply: agent/turn.ts turns both into replies for the user, which would score as right on turns
 * that expect a reply.
 */
function watched(backend: Backend) {
  const seen: { raw?: unknown; error?: string; asked: boolean } = { asked: false };
  const wrapper: Backend = {
    name: backend.name,
    async decide(conv: ConversationView, facts: Facts, allowed: readonly ToolName[]): Promise<Decision> {
      seen.asked = true;
      try {
        const raw = await backend.decide(conv, facts, allowed);
        seen.raw = raw;
        const parsed = parseDecision(raw);
        if (!parsed.ok) seen.error = `invalid decision: ${parsed.error.split("\n").slice(0, 3).join(" ")}`;
        return raw;
      } catch (e) {
        seen.error = `backend failed: ${(e as Error).message}`;
        throw e;
      }
    },
  };
  return {
    wrapper,
    take() {
      const out = { ...seen };
      seen.asked = false;
      delete seen.raw;
      delete seen.error;
      return out;
    },
  };
}

/**
 * Runs every dialogue the way the product runs a turn (agent/turn.ts decideTurn), with teacher
 * forcing: the conversation records the EXPECTED outcome of each turn, never the backend's, so one
 * miss does not cascade. Stops between turns when aborted.
 */
export async function runDialogues(
  dialogues: Dialogue[],
  backend: Backend,
  opts: RunOptions = {},
): Promise<RunResult> {
  const total = dialogues.reduce((n, d) => n + d.turns.length, 0);
  const results: TurnResult[] = [];
  const completed: string[] = [];
  const probe = watched(backend);
  const collector = new TurnStatsCollector(backend);
  let interrupted = false;
  outer: for (const d of dialogues) {
    const conv = new Conversation(d.facts);
    const allowed = allowedTools(d.facts);
    for (let i = 0; i < d.turns.length; i++) {
      if (opts.signal?.aborted) {
        interrupted = true;
        break outer;
      }
      const turn = d.turns[i]!;
      const start = performance.now();
      let got: Decision | undefined;
      let error: string | undefined;
      try {
        got = await decideTurn(probe.wrapper, conv.view(turn.user), d.facts, allowed);
      } catch (e) {
        error = `turn failed: ${(e as Error).message}`;
      }
      const ms = performance.now() - start;
      const seen = probe.take();
      collector.afterTurn();
      error ??= seen.error;
      const pending = [...conv.pending];
      const score = scoreTurn(turn.expect, error ? undefined : (got as Predicted), { pending });
      const destructive = error ? [] : destructiveMisreads(turn.expect, got, pending);
      const changed =
        seen.asked && seen.raw !== undefined && JSON.stringify(seen.raw) !== JSON.stringify(got);
      const result: TurnResult = {
        key: `${d.id}#${i + 1}`,
        dialogue: d.id,
        category: d.category,
        turn: i + 1,
        user: turn.user,
        expect: turn.expect,
        ...(got !== undefined ? { got } : {}),
        ...(changed ? { backendDecision: seen.raw } : {}),
        ...(error ? { error } : {}),
        correct: score.correct,
        ...(score.toolsRight !== undefined ? { toolsRight: score.toolsRight } : {}),
        ...(score.reason || error ? { reason: error ?? score.reason } : {}),
        ...(destructive.length ? { destructive } : {}),
        ms,
      };
      results.push(result);
      opts.onTurn?.(results.length, total, result);
      const replyText = got && "reply" in got && !error ? got.reply : undefined;
      conv.record(turn.user, expectedDecision(turn.expect, replyText, pending));
    }
    completed.push(d.id);
  }
  const stats = collector.result();
  return { results, interrupted, completedDialogues: completed, ...(stats ? { stats } : {}) };
}
