import { performance } from "node:perf_hooks";
import type { Backend } from "../agent/backend.js";
import { parseDecision } from "../agent/decision.js";
import { toolsForMode } from "../tools/registry.js";
import type { Category, Dialogue, Expect } from "./dataset.js";
import { ForcedHistory } from "./history.js";
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

export interface TurnResult {
  /** `dialogue-id#turn-number` (1-based): how `--compare` matches turns across reports. */
  key: string;
  dialogue: string;
  category: Category;
  turn: number;
  user: string;
  expect: Expect;
  /** What the backend decided; absent when it threw. */
  got?: unknown;
  /** The backend threw, or returned something that is not a Decision. */
  error?: string;
  correct: boolean;
  toolsRight?: boolean;
  reason?: string;
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
}

/** Runs every dialogue through the backend with teacher forcing; stops between turns when aborted. */
export async function runDialogues(
  dialogues: Dialogue[],
  backend: Backend,
  opts: RunOptions = {},
): Promise<RunResult> {
  const total = dialogues.reduce((n, d) => n + d.turns.length, 0);
  const results: TurnResult[] = [];
  const completed: string[] = [];
  let interrupted = false;
  outer: for (const d of dialogues) {
    const history = new ForcedHistory(d.facts);
    const allowed = toolsForMode(d.facts.mode);
    for (let i = 0; i < d.turns.length; i++) {
      if (opts.signal?.aborted) {
        interrupted = true;
        break outer;
      }
      const turn = d.turns[i]!;
      const view = history.view(turn.user);
      const start = performance.now();
      let got: unknown;
      let error: string | undefined;
      try {
        got = await backend.decide(view, d.facts, allowed);
      } catch (e) {
        error = `backend failed: ${(e as Error).message}`;
      }
      const ms = performance.now() - start;
      let predicted: Predicted | undefined;
      if (error === undefined) {
        const parsed = parseDecision(got);
        if (parsed.ok) predicted = parsed.decision as Predicted;
        else error = `invalid decision: ${parsed.error.split("\n").slice(0, 3).join(" ")}`;
      }
      const score = scoreTurn(turn.expect, predicted);
      const result: TurnResult = {
        key: `${d.id}#${i + 1}`,
        dialogue: d.id,
        category: d.category,
        turn: i + 1,
        user: turn.user,
        expect: turn.expect,
        ...(got !== undefined ? { got } : {}),
        ...(error ? { error } : {}),
        correct: score.correct,
        ...(score.toolsRight !== undefined ? { toolsRight: score.toolsRight } : {}),
        ...(score.reason || error ? { reason: error ?? score.reason } : {}),
        ms,
      };
      results.push(result);
      opts.onTurn?.(results.length, total, result);
      const replyText = predicted && "reply" in predicted ? predicted.reply : undefined;
      history.push(turn.user, turn.expect, replyText);
    }
    completed.push(d.id);
  }
  return { results, interrupted, completedDialogues: completed };
}
