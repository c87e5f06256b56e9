import chalk from "chalk";
import { safeText } from "../steps/terminalText.js";
import type { Comparison } from "./compare.js";
import { CATEGORIES, type Expect } from "./expect.js";
import type { Report, Tally } from "./report.js";
import type { TurnResult } from "./runner.js";

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`;
}

function tallyText(t: Pick<Tally, "turns" | "correct" | "accuracy">): string {
  return `${pct(t.accuracy).padStart(6)}  ${String(t.correct).padStart(4)}/${t.turns}`;
}

function colorFor(x: number | null): (s: string) => string {
  if (x === null) return (s) => s;
  return x >= 0.9 ? chalk.green : x >= 0.7 ? chalk.yellow : chalk.red;
}

/** The summary table: overall, by category, by tool, the derived accuracies, latency, model stats. */
export function renderSummary(r: Report): string {
  const out: string[] = [];
  const line = (label: string, value: string) => out.push(`  ${label.padEnd(24)} ${value}`);
  out.push(
    chalk.bold(`levitate eval: ${safeText(r.backend)} on ${r.datasets.map(safeText).join(", ")}`) +
      (r.interrupted
        ? chalk.yellow(`  (interrupted after ${r.turns} of ${r.plannedTurns} turns: partial report)`)
        : ""),
  );
  out.push("");
  line(
    "turns",
    colorFor(r.turnAccuracy)(tallyText({ turns: r.turns, correct: r.correct, accuracy: r.turnAccuracy })),
  );
  line(
    "dialogues",
    colorFor(r.dialogueAccuracy)(
      tallyText({ turns: r.dialogues, correct: r.dialoguesCorrect, accuracy: r.dialogueAccuracy }),
    ),
  );
  line(
    "destructive misreads",
    (r.destructiveMisreads === 0 ? chalk.green : chalk.red.bold)(String(r.destructiveMisreads).padStart(6)),
  );
  line("tool selection", pct(r.toolSelectionAccuracy).padStart(6));
  line("irrelevance (no call)", pct(r.irrelevanceAccuracy).padStart(6));
  line("latency median / p95", `${fmtMs(r.latencyMs.median)} / ${fmtMs(r.latencyMs.p95)}`);
  if (r.llm) {
    line("tokens/s", r.llm.tokensPerSecond === null ? "—" : r.llm.tokensPerSecond.toFixed(1));
    const bad = r.llm.invalidOutputs;
    line("invalid model outputs", (bad === 0 ? chalk.green : chalk.red)(String(bad)));
  }
  if (r.errors) line("backend errors", chalk.red(String(r.errors)));
  out.push("");
  out.push(chalk.bold(`  by category${" ".repeat(24)}right/turns  destructive`));
  for (const c of CATEGORIES) {
    const t = r.byCategory[c];
    if (!t) continue;
    const d = t.destructive ?? 0;
    out.push(
      `    ${c.padEnd(22)} ${colorFor(t.accuracy)(tallyText(t).padEnd(18))} ${(d ? chalk.red : chalk.dim)(String(d).padStart(5))}`,
    );
  }
  out.push("");
  out.push(chalk.bold("  by tool (turns expecting it)"));
  for (const [tool, t] of Object.entries(r.byTool))
    out.push(`    ${tool.padEnd(22)} ${colorFor(t.accuracy)(tallyText(t))}`);
  return out.join("\n");
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

export function describeExpect(e: Expect): string[] {
  if ("reply" in e)
    return [
      e.offer ? "a reply with an offer" : "a reply (no call)",
      ...(e.offer?.calls ?? []).map((c) => `offer: ${c.tool} ${JSON.stringify(c.args)}`),
    ];
  if ("confirm" in e) return [`confirm: ${e.confirm ? "yes" : "no"}`];
  if ("drop" in e) return e.drop.map((c) => `drop: ${c.tool} ${JSON.stringify(c.args)}`);
  return e.calls.map((c) => `${c.tool} ${JSON.stringify(c.args)}`);
}

export function describeGot(r: TurnResult): string[] {
  const g = r.got as Record<string, unknown> | undefined;
  if (r.error && (!g || typeof g !== "object")) return [r.error];
  if (!g || typeof g !== "object") return ["(nothing)"];
  const callLines = (calls: unknown, prefix = "") =>
    Array.isArray(calls)
      ? (calls as { tool?: unknown; args?: unknown }[]).map(
          (c) => `${prefix}${String(c.tool)} ${JSON.stringify(c.args)}`,
        )
      : [];
  if (Array.isArray(g.calls)) return callLines(g.calls);
  // The reply's own words, not a JSON string: quotes in it stay quotes.
  if (typeof g.reply === "string") {
    const offer = (g.offer as { calls?: unknown } | undefined)?.calls;
    return [`reply: ${g.reply}`, ...callLines(offer, "offer: ")];
  }
  if (Array.isArray(g.drop)) return callLines(g.drop, "drop: ");
  if (typeof g.confirm === "boolean") return [`confirm: ${g.confirm ? "yes" : "no"}`];
  return [JSON.stringify(g)];
}

function wrap(lines: string[], width: number): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (l.length <= width) out.push(l);
    else for (let i = 0; i < l.length; i += width) out.push(l.slice(i, i + width));
  }
  return out;
}

/** Failed turns with expected and got side by side, in columns sized to the terminal. */
export function renderFailures(r: Report, columns = 100, max = Number.POSITIVE_INFINITY): string {
  const failed = r.results.filter((t) => !t.correct);
  if (failed.length === 0) return chalk.green("  no failures");
  const half = Math.max(24, Math.floor((columns - 7) / 2));
  const out: string[] = [chalk.bold(`  failures (${failed.length})`)];
  for (const f of failed.slice(0, max)) {
    out.push("");
    out.push(
      `  ${chalk.red("✗")} ${chalk.bold(f.key)} ${chalk.dim(`[${f.category}]`)} ${safeText(JSON.stringify(f.user))}`,
    );
    // A backend's reply quotes the data set's words: control characters in them (ESC, BEL) are
    // shown escaped, never sent to the terminal (attack3 L2).
    const left = wrap(describeExpect(f.expect).map(safeText), half);
    const right = wrap(describeGot(f).map(safeText), half);
    out.push(`    ${chalk.dim("expected".padEnd(half))} │ ${chalk.dim("got")}`);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      out.push(`    ${chalk.green((left[i] ?? "").padEnd(half))} │ ${chalk.red(right[i] ?? "")}`);
    }
    if (f.reason) out.push(`    ${chalk.dim("why:")} ${safeText(f.reason)}`);
    for (const d of f.destructive ?? [])
      out.push(`    ${chalk.red.bold("destructive:")} ${safeText(d.action)} (${safeText(d.why)})`);
  }
  if (failed.length > max) out.push("", chalk.dim(`  … ${failed.length - max} more (see --report DIR)`));
  return out.join("\n");
}

export function renderComparison(c: Comparison, aName: string, bName: string): string {
  const out: string[] = [];
  const delta = (a: number | null, b: number | null) => {
    if (a === null || b === null) return "";
    const d = (b - a) * 100;
    const s = `${d >= 0 ? "+" : ""}${d.toFixed(1)} pts`;
    return d > 0 ? chalk.green(s) : d < 0 ? chalk.red(s) : chalk.dim(s);
  };
  out.push(chalk.bold(`compare: A = ${aName} (${c.a.backend}), B = ${bName} (${c.b.backend})`));
  out.push(
    `  turns      ${pct(c.a.turnAccuracy).padStart(6)} → ${pct(c.b.turnAccuracy).padStart(6)}  ${delta(c.a.turnAccuracy, c.b.turnAccuracy)}`,
  );
  out.push(
    `  dialogues  ${pct(c.a.dialogueAccuracy).padStart(6)} → ${pct(c.b.dialogueAccuracy).padStart(6)}  ${delta(c.a.dialogueAccuracy, c.b.dialogueAccuracy)}`,
  );
  for (const k of c.byCategory)
    out.push(
      `    ${k.category.padEnd(12)} ${pct(k.a).padStart(6)} → ${pct(k.b).padStart(6)}  ${delta(k.a, k.b)}`,
    );
  out.push("");
  out.push(chalk.bold(`  better in B (${c.better.length})`));
  for (const t of c.better)
    out.push(
      `    ${chalk.green("+")} ${t.key} ${JSON.stringify(t.user)}${t.reason ? chalk.dim(`  (was: ${t.reason})`) : ""}`,
    );
  out.push(chalk.bold(`  worse in B (${c.worse.length})`));
  for (const t of c.worse)
    out.push(
      `    ${chalk.red("-")} ${t.key} ${JSON.stringify(t.user)}${t.reason ? chalk.dim(`  (${t.reason})`) : ""}`,
    );
  if (c.changed.length) {
    out.push(chalk.bold(`  wrong in both, differently (${c.changed.length})`));
    for (const t of c.changed) out.push(`    ~ ${t.key}: ${t.before ?? "?"} → ${t.reason ?? "?"}`);
  }
  if (c.onlyInA.length) out.push(chalk.dim(`  only in A: ${c.onlyInA.length} turns`));
  if (c.onlyInB.length) out.push(chalk.dim(`  only in B: ${c.onlyInB.length} turns`));
  return out.join("\n");
}

/** A one-line progress bar for stderr: `[#####.....] 120/281 turns  84.2%`. */
export function progressLine(done: number, total: number, correct: number, width = 30): string {
  const filled = total ? Math.round((done / total) * width) : width;
  const bar = "#".repeat(filled) + ".".repeat(width - filled);
  return `[${bar}] ${done}/${total} turns  ${pct(done ? correct / done : null)} right`;
}

/**
 * The progress line for logs (stderr that is not a terminal, e.g. CI): one whole line at a time,
 * no carriage returns or bar, with finished dialogues so a reader can tell how far the run got.
 */
export function plainProgressLine(
  p: { dialogues: number; totalDialogues: number; turns: number; totalTurns: number; correct: number },
  elapsedMs: number,
): string {
  return `progress: ${p.dialogues}/${p.totalDialogues} dialogues, ${p.turns}/${p.totalTurns} turns, ${pct(p.turns ? p.correct / p.turns : null)} right, ${(elapsedMs / 1000).toFixed(1)} s`;
}
