import { CATEGORIES } from "./expect.js";
import type { Report } from "./report.js";
import { describeExpect, describeGot, pct } from "./table.js";

/**
 * report.html: one self-contained file (inline CSS and SVG, no script, no network) that opens
 * anywhere. The chart's colors are fixed so a test can find the bars in a screenshot.
 */
export const CHART = {
  bar: "#2e7d32",
  track: "#e0e0e0",
  labelWidth: 150,
  barWidth: 400,
  rowHeight: 30,
  barHeight: 18,
} as const;

/** Text between tags: only `&`, `<` and `>` need escaping, so quotes stay as typed. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** An attribute value in double quotes. */
function escapeAttr(s: string): string {
  return escapeHtml(s).replace(/"/g, "&quot;");
}

function categoryChart(r: Report): string {
  const cats = CATEGORIES.filter((c) => r.byCategory[c]);
  const w = CHART.labelWidth + CHART.barWidth + 110;
  const h = cats.length * CHART.rowHeight + 10;
  const rows = cats.map((c, i) => {
    const t = r.byCategory[c]!;
    const y = 5 + i * CHART.rowHeight;
    const bw = Math.round((t.accuracy ?? 0) * CHART.barWidth);
    const by = y + (CHART.rowHeight - CHART.barHeight) / 2;
    return [
      `<text x="${CHART.labelWidth - 8}" y="${y + CHART.rowHeight / 2 + 5}" text-anchor="end">${escapeHtml(c)}</text>`,
      `<rect class="track" x="${CHART.labelWidth}" y="${by}" width="${CHART.barWidth}" height="${CHART.barHeight}" fill="${CHART.track}"/>`,
      `<rect class="bar" data-category="${escapeAttr(c)}" x="${CHART.labelWidth}" y="${by}" width="${bw}" height="${CHART.barHeight}" fill="${CHART.bar}"/>`,
      `<text x="${CHART.labelWidth + CHART.barWidth + 8}" y="${y + CHART.rowHeight / 2 + 5}">${pct(t.accuracy)} (${t.correct}/${t.turns})</text>`,
    ].join("");
  });
  return `<svg id="category-chart" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Turn accuracy by category">${rows.join("")}</svg>`;
}

function tallyTable(
  id: string,
  first: string,
  rows: [string, { turns: number; correct: number; accuracy: number | null; destructive?: number }][],
  withDestructive: boolean,
): string {
  const body = rows
    .map(
      ([k, t]) =>
        `<tr><td>${escapeHtml(k)}</td><td class="n">${pct(t.accuracy)}</td><td class="n">${t.correct}/${t.turns}</td>` +
        (withDestructive ? `<td class="n${t.destructive ? " bad" : ""}">${t.destructive ?? 0}</td>` : "") +
        "</tr>",
    )
    .join("");
  const head = `<th>${escapeHtml(first)}</th><th>accuracy</th><th>right/turns</th>${withDestructive ? "<th>destructive misreads</th>" : ""}`;
  return `<table id="${id}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function destructive(r: Report): string {
  const list = r.destructiveMisreadList ?? [];
  if (!list.length) return `<p class="good">No destructive misreads.</p>`;
  const rows = list
    .map(
      (d) =>
        `<tr><td><code>${escapeHtml(d.key)}</code><br><span class="cat">${escapeHtml(d.category)}</span></td>` +
        `<td>${escapeHtml(d.user)}</td><td class="bad">${escapeHtml(d.action)}</td>` +
        `<td><pre>${escapeHtml(`${d.call.tool} ${JSON.stringify(d.call.args)}`)}</pre></td><td>${escapeHtml(d.why)}</td></tr>`,
    )
    .join("");
  return `<table id="destructive"><thead><tr><th>turn</th><th>user</th><th>does</th><th>call</th><th>why it is a misread</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function confusion(r: Report): string {
  const { labels, matrix } = r.confusion;
  const keep = labels.map((_, i) => matrix[i]!.some((v) => v > 0) || matrix.some((row) => row[i]! > 0));
  const idx = labels.map((_, i) => i).filter((i) => keep[i]);
  const max = Math.max(1, ...matrix.flat());
  const head = idx.map((i) => `<th>${escapeHtml(labels[i]!)}</th>`).join("");
  const body = idx
    .map((i) => {
      const cells = idx
        .map((j) => {
          const v = matrix[i]![j]!;
          const a = v ? 0.15 + 0.85 * (v / max) : 0;
          const color = i === j ? `rgba(46,125,50,${a.toFixed(2)})` : `rgba(198,40,40,${a.toFixed(2)})`;
          return `<td class="n" style="background:${v ? color : "transparent"}">${v || ""}</td>`;
        })
        .join("");
      return `<tr><th>${escapeHtml(labels[i]!)}</th>${cells}</tr>`;
    })
    .join("");
  return `<p class="cat">rows: expected, columns: predicted</p><table id="confusion"><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function failures(r: Report): string {
  const failed = r.results.filter((t) => !t.correct);
  if (!failed.length) return "<p>No failures.</p>";
  const rows = failed
    .map(
      (f) =>
        `<tr><td><code>${escapeHtml(f.key)}</code><br><span class="cat">${escapeHtml(f.category)}</span></td>` +
        `<td>${escapeHtml(f.user)}</td>` +
        `<td><pre>${escapeHtml(describeExpect(f.expect).join("\n"))}</pre></td>` +
        `<td><pre>${escapeHtml(describeGot(f).join("\n"))}</pre></td>` +
        `<td>${escapeHtml(f.reason ?? "")}</td></tr>`,
    )
    .join("");
  return `<table id="failures"><thead><tr><th>turn</th><th>user</th><th>expected</th><th>got</th><th>why</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderHtml(r: Report): string {
  const summary: [string, string][] = [
    ["backend", r.backend],
    ["data sets", r.datasets.join(", ")],
    ["turns", `${pct(r.turnAccuracy)} (${r.correct}/${r.turns})`],
    ["dialogues", `${pct(r.dialogueAccuracy)} (${r.dialoguesCorrect}/${r.dialogues})`],
    ["destructive misreads", String(r.destructiveMisreads ?? 0)],
    ["tool selection", pct(r.toolSelectionAccuracy)],
    ["irrelevance (no call)", pct(r.irrelevanceAccuracy)],
    ["latency median / p95", `${r.latencyMs.median} ms / ${r.latencyMs.p95} ms`],
    ...(r.llm
      ? ([
          ["tokens/s", r.llm.tokensPerSecond === null ? "—" : String(r.llm.tokensPerSecond)],
          ["invalid model outputs", String(r.llm.invalidOutputs)],
        ] as [string, string][])
      : []),
    ["started", r.startedAt],
    ...(r.interrupted
      ? ([["note", `interrupted after ${r.turns} of ${r.plannedTurns} turns: partial report`]] as [
          string,
          string,
        ][])
      : []),
  ];
  const css = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
caption{text-align:left;font-weight:bold;padding:4px 0}.n{text-align:right}
pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;max-width:420px}
td{overflow-wrap:anywhere;max-width:480px}.cat{color:#666;font-size:12px}.bad{color:#c62828;font-weight:bold}.good{color:#2e7d32}
#category-chart text{font:13px system-ui,sans-serif;fill:#222}.grid{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-start}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>levitate eval: ${escapeHtml(r.backend)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${css}</style></head>
<body>
<h1>levitate eval: ${escapeHtml(r.backend)}</h1>
<table id="summary"><tbody>${summary.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</tbody></table>
<h2>Turn accuracy by category</h2>
${categoryChart(r)}
<div class="grid">
${tallyTable("by-category", "category", Object.entries(r.byCategory), true)}
${tallyTable("by-tool", "tool", Object.entries(r.byTool), false)}
</div>
<h2>Destructive misreads (${r.destructiveMisreads ?? 0})</h2>
${destructive(r)}
<h2>Tool confusion</h2>
${confusion(r)}
<h2>Failures (${r.results.filter((t) => !t.correct).length})</h2>
${failures(r)}
</body></html>
`;
}
