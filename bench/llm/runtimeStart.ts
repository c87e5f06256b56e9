/**
 * `npx tsx bench/llm/runtimeStart.ts [--rounds R]`
 *
 * What a new process pays before it can load a model, each mode in its own fresh Node process,
 * alternated (A, B, C, A, B, C, ...) so the shared box's load hits every mode alike:
 * - `auto`: `getLlama({ gpu: "auto" })`, what the backend uses (GPU libraries looked up, then the
 *   CPU binary tested and loaded);
 * - `cpu`: `getLlama({ gpu: false })` (LEVITATE_GPU=off): no GPU lookup;
 * - `test`: node-llama-cpp's binary test alone (a forked Node process that loads the addon and
 *   answers), imported from its dist file for this measurement only: on Linux, 3.21.1 runs it
 *   for every prebuilt binary in every process and has no option that skips or caches it.
 * Prints one JSON line per run and the medians; the import of node-llama-cpp is timed apart.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const i = args.indexOf("--rounds");
const rounds = i >= 0 ? Number(args[i + 1]) : 3;
const root = join(import.meta.dirname, "..", "..");
const dist = join(root, "node_modules", "node-llama-cpp", "dist", "bindings");
const addon = join(root, "node_modules", "@node-llama-cpp", `linux-${process.arch}`, "bins");

const CHILD = `
const mode = process.argv[2];
const t0 = performance.now();
if (mode === "test") {
  const { testBindingBinary } = await import(${JSON.stringify(`${dist}/utils/testBindingBinary.js`)});
  const { readdirSync } = await import("node:fs");
  const dir = ${JSON.stringify(addon)};
  const bin = dir + "/" + readdirSync(dir)[0] + "/llama-addon.node";
  const t1 = performance.now();
  const ok = await testBindingBinary(bin, undefined, false);
  console.log(JSON.stringify({ mode, ok, importMs: Math.round(t1 - t0), ms: Math.round(performance.now() - t1) }));
} else {
  const { getLlama } = await import(${JSON.stringify(join(root, "node_modules", "node-llama-cpp", "dist", "index.js"))});
  const t1 = performance.now();
  const llama = await getLlama({ build: "never", gpu: mode === "cpu" ? false : "auto" });
  console.log(JSON.stringify({ mode, gpu: llama.gpu, importMs: Math.round(t1 - t0), ms: Math.round(performance.now() - t1) }));
  await llama.dispose();
}
`;

// A file, not \`node -e\`: the binary test forks with the parent's execArgv, and \`-e CODE\` would run
// this script again instead of the test.
const childFile = join(mkdtempSync(join(os.tmpdir(), "levitate-runtime-start-")), "child.mjs");
writeFileSync(childFile, CHILD);
const MODES = ["auto", "cpu", "test"] as const;
const runs: Record<string, number[]> = { auto: [], cpu: [], test: [] };
const imports: number[] = [];
const load0 = os.loadavg()[0];
for (let r = 0; r < rounds; r++) {
  for (const mode of MODES) {
    const line = execFileSync(process.execPath, [childFile, mode], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    process.stdout.write(`${line}\n`);
    const row = JSON.parse(line.split("\n").at(-1) ?? "{}") as { ms: number; importMs: number };
    runs[mode]?.push(row.ms);
    if (mode !== "test") imports.push(row.importMs);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
process.stdout.write(
  `${JSON.stringify({
    rounds,
    loadAverage: [load0, os.loadavg()[0]],
    medianMs: Object.fromEntries(MODES.map((m) => [m, median(runs[m] ?? [])])),
    importMedianMs: median(imports),
  })}\n`,
);
