import { z } from "zod";
import { readInputFile } from "../facts/load.js";
import { ReportFileSchema } from "./report.js";

/** The largest report read (a report of 20,000 dialogues is tens of MB). */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

export type ReportFile = z.infer<typeof ReportFileSchema>;

export class ReportFileError extends Error {}

export function readReport(path: string): ReportFile {
  let raw: unknown;
  try {
    // A regular file of at most 512 MiB (attack3 M4: /dev/zero grew memory until killed).
    raw = JSON.parse(readInputFile(path, "report", MAX_REPORT_BYTES));
  } catch (e) {
    throw new ReportFileError(`cannot read report ${path}: ${(e as Error).message}`);
  }
  const r = ReportFileSchema.safeParse(raw);
  if (!r.success) {
    throw new ReportFileError(
      `${path} is not a levitate eval report (write one with --report DIR or --json):\n${z.prettifyError(r.error)}`,
    );
  }
  return r.data;
}

export interface TurnChange {
  key: string;
  category: string;
  user: string;
  /** The reason it was wrong in A (better) or is wrong in B (worse). */
  reason?: string;
}

export interface Comparison {
  a: { backend: string; turns: number; turnAccuracy: number | null; dialogueAccuracy: number | null };
  b: { backend: string; turns: number; turnAccuracy: number | null; dialogueAccuracy: number | null };
  byCategory: { category: string; a: number | null; b: number | null }[];
  better: TurnChange[];
  worse: TurnChange[];
  /** Turns wrong in both whose reason changed. */
  changed: (TurnChange & { before?: string })[];
  onlyInA: string[];
  onlyInB: string[];
}

/** Which turns got better or worse from report A to report B, matched by `dialogue#turn`. */
export function compareReports(a: ReportFile, b: ReportFile): Comparison {
  const inA = new Map(a.results.map((r) => [r.key, r]));
  const inB = new Map(b.results.map((r) => [r.key, r]));
  const better: TurnChange[] = [];
  const worse: TurnChange[] = [];
  const changed: (TurnChange & { before?: string })[] = [];
  for (const [key, rb] of inB) {
    const ra = inA.get(key);
    if (!ra) continue;
    const base = { key, category: rb.category, user: rb.user };
    if (!ra.correct && rb.correct) better.push({ ...base, ...(ra.reason ? { reason: ra.reason } : {}) });
    else if (ra.correct && !rb.correct) worse.push({ ...base, ...(rb.reason ? { reason: rb.reason } : {}) });
    else if (!ra.correct && !rb.correct && ra.reason !== rb.reason)
      changed.push({
        ...base,
        ...(rb.reason ? { reason: rb.reason } : {}),
        ...(ra.reason ? { before: ra.reason } : {}),
      });
  }
  const cats = [...new Set([...Object.keys(a.byCategory), ...Object.keys(b.byCategory)])];
  const head = (r: ReportFile) => ({
    backend: r.backend,
    turns: r.turns,
    turnAccuracy: r.turnAccuracy,
    dialogueAccuracy: r.dialogueAccuracy,
  });
  return {
    a: head(a),
    b: head(b),
    byCategory: cats.map((c) => ({
      category: c,
      a: a.byCategory[c]?.accuracy ?? null,
      b: b.byCategory[c]?.accuracy ?? null,
    })),
    better,
    worse,
    changed,
    onlyInA: [...inA.keys()].filter((k) => !inB.has(k)),
    onlyInB: [...inB.keys()].filter((k) => !inA.has(k)),
  };
}
