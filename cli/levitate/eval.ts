import type { Command } from "commander";
import { safeText } from "../../steps/terminalText.js";
import { ExitCode, fail, failAsJson } from "../common.js";

interface EvalOptions {
  dataset?: string[];
  backend: string;
  model?: string;
  threads?: string;
  json?: boolean;
  report?: string;
  filter?: string;
  limit?: string;
  compare?: string[];
  failures: string;
  minAccuracy?: string;
  maxDestructive?: string;
}

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description(
      "Score a backend on evaluation data sets (format: docs/decisions-and-eval.md) with teacher forcing; prints a table and the failures",
    )
    .option("-d, --dataset <files...>", "JSONL data sets, e.g. eval/data/dev.jsonl")
    .option("-b, --backend <name>", "rules, llm or auto", "rules")
    .option("-m, --model <path>", "GGUF model file for the llm backend")
    .option("--threads <n>", "CPU threads for the llm backend")
    .option("--json", "print the report as JSON on stdout (no table)")
    .option("--report <dir>", "write report.json and report.html into DIR")
    .option("--filter <categories>", "only these categories, comma-separated (e.g. pronoun,typo)")
    .option("--limit <n>", "only the first N dialogues (after --filter)")
    .option("--failures <n>", "show at most N failures in the terminal", "50")
    .option("--min-accuracy <x>", "exit 1 when turn accuracy is below X (0..1), for CI")
    .option(
      "--max-destructive <n>",
      "exit 1 when more than N destructive misreads (a disk erased, a recipe removed, sudo given, unasked) are found, for CI",
    )
    .option("--compare <reports...>", "compare two report.json files A B: which turns got better or worse")
    .addHelpText(
      "after",
      `
Examples:
  levitate eval --dataset eval/data/dev.jsonl
  levitate eval --dataset eval/data/dev.jsonl --backend llm --model ~/models/SmolLM3-3B-Q4_K_M.gguf --report out/llm
  levitate eval --dataset eval/data/dev.jsonl --filter pronoun,typo --json
  levitate eval --compare out/rules/report.json out/llm/report.json

Exit codes: 0 ran (whatever the score), 1 bad data set or report, below --min-accuracy or above
--max-destructive, 2 usage, 130 interrupted (the partial report is printed first).
Data sets and the report: docs/eval.md.`,
    )
    .action(async (opts: EvalOptions) => {
      if (opts.json) failAsJson();
      if (opts.compare) return runCompare(opts);
      return runEval(opts);
    });
}

function positiveInt(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(v))
    fail(`${flag} needs a positive whole number, got "${safeText(v)}"`, ExitCode.usage);
  return Number(v);
}

async function runCompare(opts: EvalOptions): Promise<void> {
  const files = opts.compare ?? [];
  if (files.length !== 2) fail("--compare needs exactly two report.json files: A B", ExitCode.usage);
  const { compareReports, readReport, ReportFileError } = await import("../../eval/compare.js");
  const { renderComparison } = await import("../../eval/table.js");
  try {
    const [a, b] = [readReport(files[0]!), readReport(files[1]!)];
    const c = compareReports(a, b);
    process.stdout.write(
      opts.json ? `${JSON.stringify(c, null, 2)}\n` : `${renderComparison(c, files[0]!, files[1]!)}\n`,
    );
  } catch (e) {
    if (e instanceof ReportFileError) fail(e.message);
    throw e;
  }
}

async function runEval(opts: EvalOptions): Promise<void> {
  const { CATEGORIES, DatasetError, loadDataset } = await import("../../eval/dataset.js");
  if (!opts.dataset?.length) fail("give a data set: --dataset eval/data/dev.jsonl", ExitCode.usage);
  const choices = ["rules", "llm", "auto"] as const;
  const choice = choices.find((c) => c === opts.backend);
  if (!choice)
    fail(
      `--backend must be one of ${choices.join(", ")}, got "${safeText(String(opts.backend))}"`,
      ExitCode.usage,
    );
  const limit = positiveInt(opts.limit, "--limit");
  const threads = positiveInt(opts.threads, "--threads");
  const maxFailures = Number(opts.failures);
  let minAccuracy: number | undefined;
  if (opts.minAccuracy !== undefined) {
    minAccuracy = Number(opts.minAccuracy);
    if (!(minAccuracy >= 0 && minAccuracy <= 1))
      fail("--min-accuracy needs a number from 0 to 1", ExitCode.usage);
  }
  let maxDestructive: number | undefined;
  if (opts.maxDestructive !== undefined) {
    if (!/^[0-9]+$/.test(opts.maxDestructive))
      fail(
        `--max-destructive needs a whole number (0 or more), got "${opts.maxDestructive}"`,
        ExitCode.usage,
      );
    maxDestructive = Number(opts.maxDestructive);
  }
  let categories: string[] | undefined;
  if (opts.filter) {
    categories = opts.filter
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = categories.filter((c) => !(CATEGORIES as readonly string[]).includes(c));
    if (bad.length)
      fail(
        `unknown categor${bad.length > 1 ? "ies" : "y"} ${bad.join(", ")}: use ${CATEGORIES.join(", ")}`,
        ExitCode.usage,
      );
  }

  let dialogues: import("../../eval/dataset.js").Dialogue[] = [];
  try {
    for (const f of opts.dataset!) dialogues.push(...loadDataset(f));
  } catch (e) {
    if (e instanceof DatasetError) fail(e.message);
    throw e;
  }
  const ids = new Set<string>();
  for (const d of dialogues) {
    if (ids.has(d.id))
      fail(
        `dialogue id "${d.id}" appears in two data sets (${safeText(d.source)}); ids must be unique across --dataset files`,
      );
    ids.add(d.id);
  }
  if (categories) dialogues = dialogues.filter((d) => categories.includes(d.category));
  if (limit) dialogues = dialogues.slice(0, limit);
  if (dialogues.length === 0) fail("no dialogues left after --filter/--limit", ExitCode.usage);

  const { BackendUnavailableError, selectBackend } = await import("../../agent/backend.js");
  let selected: Awaited<ReturnType<typeof selectBackend>>;
  try {
    selected = await selectBackend(choice!, {
      ...(opts.model ? { modelPath: opts.model } : {}),
      ...(threads ? { threads } : {}),
    });
  } catch (e) {
    if (e instanceof BackendUnavailableError) fail(e.message);
    throw e;
  }
  const { backend } = selected;
  const { runDialogues } = await import("../../eval/runner.js");
  const { buildReport } = await import("../../eval/report.js");
  const { plainProgressLine, progressLine, renderFailures, renderSummary } = await import(
    "../../eval/table.js"
  );
  if (!opts.json) process.stderr.write(`backend: ${selected.reason}\n`);

  const controller = new AbortController();
  let sigints = 0;
  const onSigint = () => {
    sigints++;
    if (sigints > 1) process.exit(ExitCode.interrupted);
    process.stderr.write(
      "\ninterrupted: finishing the current turn, then printing the partial report (Ctrl-C again to quit now)\n",
    );
    controller.abort();
  };
  process.on("SIGINT", onSigint);

  // A terminal gets a bar redrawn in place; a log (CI, a pipe) gets a whole line at most once a
  // second, so a long run shows it is alive without flooding the log.
  const showBar = process.stderr.isTTY === true;
  const turnsIn = new Map(dialogues.map((d) => [d.id, d.turns.length]));
  const progress = {
    dialogues: 0,
    totalDialogues: dialogues.length,
    turns: 0,
    totalTurns: dialogues.reduce((n, d) => n + d.turns.length, 0),
    correct: 0,
  };
  let lastDraw = 0;
  const startedAt = new Date();
  const t0 = performance.now();
  const run = await runDialogues(dialogues, backend, {
    signal: controller.signal,
    onTurn: (done, total, r) => {
      progress.turns = done;
      if (r.correct) progress.correct++;
      if (r.turn === turnsIn.get(r.dialogue)) progress.dialogues++;
      const now = performance.now();
      if (showBar) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        process.stderr.write(`\r${progressLine(done, total, progress.correct)}`);
      } else if (now - Math.max(lastDraw, t0) >= 1000 && done < total) {
        lastDraw = now;
        process.stderr.write(`${plainProgressLine(progress, now - t0)}\n`);
      }
    },
  });
  if (showBar) process.stderr.write("\r\x1b[K");
  process.off("SIGINT", onSigint);
  const stats = run.stats;
  await backend.dispose?.();

  const report = buildReport({
    backend: backend.name,
    datasets: opts.dataset!,
    dialogues,
    run,
    startedAt,
    durationMs: performance.now() - t0,
    ...(stats ? { stats } : {}),
  });

  if (opts.report) {
    const { writeReportFiles } = await import("../../eval/reportFiles.js");
    try {
      writeReportFiles(opts.report, report);
    } catch (e) {
      fail(`cannot write the report into ${safeText(opts.report)}: ${safeText((e as Error).message)}`);
    }
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const cols = process.stdout.columns ?? 110;
    process.stdout.write(
      `${renderSummary(report)}\n\n${renderFailures(report, cols, Number.isFinite(maxFailures) ? maxFailures : 50)}\n`,
    );
    if (opts.report)
      process.stdout.write(
        `\nreport: ${safeText(opts.report)}/report.json, ${safeText(opts.report)}/report.html\n`,
      );
  }
  if (run.interrupted) process.exit(ExitCode.interrupted);
  let gateFailed = false;
  if (minAccuracy !== undefined && (report.turnAccuracy ?? 0) < minAccuracy) {
    process.stderr.write(
      `turn accuracy ${((report.turnAccuracy ?? 0) * 100).toFixed(1)}% is below --min-accuracy ${minAccuracy}\n`,
    );
    gateFailed = true;
  }
  if (maxDestructive !== undefined && report.destructiveMisreads > maxDestructive) {
    process.stderr.write(
      `${report.destructiveMisreads} destructive misread${report.destructiveMisreads === 1 ? "" : "s"} (more than --max-destructive ${maxDestructive}): ` +
        `${report.destructiveMisreadList
          .slice(0, 5)
          .map((d) => `${d.key} ${d.action}`)
          .join(", ")}${report.destructiveMisreads > 5 ? ", …" : ""}\n`,
    );
    gateFailed = true;
  }
  if (gateFailed) process.exit(ExitCode.failure);
}
