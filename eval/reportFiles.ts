import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { atomicWriteFileSync } from "../steps/atomicWrite.js";
import { renderHtml } from "./html.js";
import type { Report } from "./report.js";

/**
 * Writes report.json and report.html into `dir` (made when missing). Each goes through a temp file
 * and a rename, so a link already at either name is replaced, never written through: a report
 * directory in a shared place (/tmp/out in CI) cannot aim the write at someone else's file
 * (attacker 6, M3). Returns the paths written.
 */
export function writeReportFiles(dir: string, report: Report): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, "report.json");
  const html = join(dir, "report.html");
  atomicWriteFileSync(json, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o644 });
  atomicWriteFileSync(html, renderHtml(report), { mode: 0o644 });
  return [json, html];
}
