import { z } from "zod";
import { TOOL_NAMES } from "../tools/types.js";
import type { Dialogue } from "./dataset.js";
import type { DestructiveMisread } from "./destructive.js";
import { CATEGORIES, expectedCallsOf } from "./expect.js";
import type { BackendStats, RunResult, TurnResult } from "./runner.js";
import { confusionPairs, type Predicted } from "./score.js";

export const REPORT_VERSION = 1;

export interface Tally {
  turns: number;
  correct: number;
  /** correct / turns; null when there are no turns. */
  accuracy: number | null;
  /** Turns with a destructive misread (eval/destructive.ts). */
  destructive: number;
}

export interface Report {
  version: typeof REPORT_VERSION;
  backend: string;
  datasets: string[];
  startedAt: string;
  durationMs: number;
  /** Ctrl-C stopped the run: the numbers cover the turns that ran. */
  interrupted: boolean;
  /** Dialogues and turns the run was asked to score (after --filter/--limit): more than ran when interrupted. */
  plannedDialogues: number;
  plannedTurns: number;
  turns: number;
  correct: number;
  turnAccuracy: number | null;
  dialogues: number;
  dialoguesCorrect: number;
  /** Dialogues with every turn right, over dialogues that ran to the end. */
  dialogueAccuracy: number | null;
  /** Turns expecting calls where the backend called exactly the expected tools (args aside). */
  toolSelectionAccuracy: number | null;
  /** Turns where the right answer is not to call (a reply expected) and the backend did not call. */
  irrelevanceAccuracy: number | null;
  byCategory: Record<string, Tally>;
  byTool: Record<string, Tally>;
  latencyMs: { median: number; p95: number; mean: number };
  /**
   * Destructive calls the expectation did not ask for: a disk erased, a recipe removed or sudo
   * given where a reply, a drop or another target/value was expected. The number to keep at 0.
   */
  destructiveMisreads: number;
  destructiveMisreadList: DestructiveMisread[];
  /** Backend errors and outputs that were not a valid Decision, as the harness saw them. */
  errors: number;
  /** From a model backend's stats(): absent for rules. */
  llm?: BackendStats & { tokensPerSecond: number | null };
  /** Rows: expected label; columns: predicted label. Labels are tools, (reply), (confirm), (none), (error). */
  confusion: { labels: string[]; matrix: number[][] };
  results: TurnResult[];
}

/**
 * A name the comparison prints as it is (backend, turn key, category): a report file is input, and
 * an ESC or BEL in one would reach the terminal (attacker 6, L7). The eval never writes one.
 */
const printable = z
  .string()
  .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, "holds a control character (ESC, BEL, newline…)");

/** Reports read back for --compare: the fields it needs, checked, the rest kept. */
export const ReportFileSchema = z.looseObject({
  version: z.literal(REPORT_VERSION),
  backend: printable,
  turns: z.number(),
  turnAccuracy: z.number().nullable(),
  dialogueAccuracy: z.number().nullable(),
  byCategory: z.record(printable, z.looseObject({ turns: z.number(), accuracy: z.number().nullable() })),
  results: z.array(
    z.looseObject({
      key: printable,
      category: printable,
      user: z.string(),
      correct: z.boolean(),
      reason: z.string().optional(),
    }),
  ),
});

function tally(rs: TurnResult[]): Tally {
  const correct = rs.filter((r) => r.correct).length;
  return {
    turns: rs.length,
    correct,
    accuracy: rs.length ? correct / rs.length : null,
    destructive: rs.filter((r) => r.destructive?.length).length,
  };
}

function ratio(n: number, d: number): number | null {
  return d ? n / d : null;
}

/** The q-quantile by nearest rank on sorted values (p95 of 20 turns is the 19th). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ReportInput {
  backend: string;
  datasets: string[];
  dialogues: Dialogue[];
  run: RunResult;
  startedAt: Date;
  durationMs: number;
  stats?: BackendStats;
}

export function buildReport(input: ReportInput): Report {
  const rs = input.run.results;
  const all = tally(rs);
  const byCategory: Record<string, Tally> = {};
  for (const c of CATEGORIES) {
    const t = tally(rs.filter((r) => r.category === c));
    if (t.turns) byCategory[c] = t;
  }
  const byTool: Record<string, Tally> = {};
  for (const tool of TOOL_NAMES) {
    const t = tally(rs.filter((r) => expectedCallsOf(r.expect).some((c) => c.tool === tool)));
    if (t.turns) byTool[tool] = t;
  }
  const callTurns = rs.filter((r) => "calls" in r.expect);
  const replyTurns = rs.filter((r) => "reply" in r.expect);
  const noCall = replyTurns.filter(
    (r) => !r.error && !(typeof r.got === "object" && r.got && "calls" in r.got),
  );

  const done = new Set(input.run.completedDialogues);
  const byDialogue = new Map<string, boolean>();
  for (const r of rs)
    if (done.has(r.dialogue)) byDialogue.set(r.dialogue, (byDialogue.get(r.dialogue) ?? true) && r.correct);
  const dialoguesCorrect = [...byDialogue.values()].filter(Boolean).length;

  const ms = rs.map((r) => r.ms).sort((a, b) => a - b);
  const labels = [...TOOL_NAMES, "(reply)", "(confirm)", "(drop)", "(none)", "(error)"] as string[];
  const destructiveMisreadList: DestructiveMisread[] = rs.flatMap((r) =>
    (r.destructive ?? []).map((d) => ({
      key: r.key,
      dialogue: r.dialogue,
      category: r.category,
      user: r.user,
      ...d,
    })),
  );
  const matrix = labels.map(() => labels.map(() => 0));
  for (const r of rs) {
    for (const [want, got] of confusionPairs(r.expect, r.error ? undefined : (r.got as Predicted))) {
      matrix[labels.indexOf(want)]![labels.indexOf(got)]!++;
    }
  }
  const stats = input.stats ?? input.run.stats;
  return {
    version: REPORT_VERSION,
    backend: input.backend,
    datasets: input.datasets,
    startedAt: input.startedAt.toISOString(),
    durationMs: Math.round(input.durationMs),
    interrupted: input.run.interrupted,
    plannedDialogues: input.dialogues.length,
    plannedTurns: input.dialogues.reduce((n, d) => n + d.turns.length, 0),
    turns: all.turns,
    correct: all.correct,
    turnAccuracy: all.accuracy,
    dialogues: byDialogue.size,
    dialoguesCorrect,
    dialogueAccuracy: ratio(dialoguesCorrect, byDialogue.size),
    toolSelectionAccuracy: ratio(callTurns.filter((r) => r.toolsRight).length, callTurns.length),
    irrelevanceAccuracy: ratio(noCall.length, replyTurns.length),
    byCategory,
    byTool,
    latencyMs: {
      median: round(median(ms)),
      p95: round(quantile(ms, 0.95)),
      mean: round(ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : 0),
    },
    destructiveMisreads: destructiveMisreadList.length,
    destructiveMisreadList,
    errors: rs.filter((r) => r.error).length,
    ...(stats
      ? { llm: { ...stats, tokensPerSecond: stats.seconds > 0 ? round(stats.tokens / stats.seconds) : null } }
      : {}),
    confusion: { labels, matrix },
    results: rs.map((r) => ({ ...r, ms: round(r.ms) })),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
