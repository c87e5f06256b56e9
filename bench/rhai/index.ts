/**
 * Rhai interpreter benchmark: the same four programs in Rhai (our engine), plain JavaScript and
 * CPython, timed in this run; prints times and ratios. Run: `npx tsx bench/rhai/index.ts`.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Engine } from "../../recipe/rhai/index.js";

interface Workload {
  name: string;
  rhai: string;
  js: () => unknown;
  python: string;
}

const WORKLOADS: Workload[] = [
  {
    name: "fib(25)",
    rhai: "fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }\nfib(25)",
    js: () => {
      const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));
      return fib(25);
    },
    python: "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\ndef run():\n    return fib(25)",
  },
  {
    name: "loop 1e6 arithmetic",
    rhai: "let x = 0;\nfor i in 0..1000000 { x = (x + i * 3) % 1000007; }\nx",
    js: () => {
      let x = 0;
      for (let i = 0; i < 1000000; i++) x = (x + i * 3) % 1000007;
      return x;
    },
    python:
      "def run():\n    x = 0\n    for i in range(1000000):\n        x = (x + i * 3) % 1000007\n    return x",
  },
  {
    name: "string building 1e5",
    rhai: 'let s = "";\nfor i in 0..100000 { s += "item" + i + ";"; }\ns.len()',
    js: () => {
      let s = "";
      for (let i = 0; i < 100000; i++) s += "item" + i + ";";
      return s.length;
    },
    python:
      'def run():\n    s = ""\n    for i in range(100000):\n        s += "item" + str(i) + ";"\n    return len(s)',
  },
  {
    name: "map/array churn 1e5",
    rhai: "let total = 0;\nfor i in 0..100000 {\n  let m = #{ a: i, b: [i, i + 1] };\n  m.c = m.b[1];\n  let a = [];\n  a.push(m.a);\n  a.push(m.c);\n  total += a.len() + m.len();\n}\ntotal",
    js: () => {
      let total = 0;
      for (let i = 0; i < 100000; i++) {
        const m: Record<string, unknown> = { a: i, b: [i, i + 1] };
        m.c = (m.b as number[])[1];
        const a: unknown[] = [];
        a.push(m.a);
        a.push(m.c);
        total += a.length + Object.keys(m).length;
      }
      return total;
    },
    python:
      'def run():\n    total = 0\n    for i in range(100000):\n        m = {"a": i, "b": [i, i + 1]}\n        m["c"] = m["b"][1]\n        a = []\n        a.append(m["a"])\n        a.append(m["c"])\n        total += len(a) + len(m)\n    return total',
  },
];

const REPEATS = 5;

function best(fn: () => unknown): { ms: number; value: unknown } {
  let ms = Number.POSITIVE_INFINITY;
  let value: unknown;
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    value = fn();
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms, value };
}

function python(code: string): { ms: number; value: unknown } | null {
  const harness = `${code}\nimport time, json\nbest = None\nfor _ in range(${REPEATS}):\n    t = time.perf_counter()\n    v = run()\n    d = (time.perf_counter() - t) * 1000\n    best = d if best is None or d < best else best\nprint(json.dumps({"ms": best, "value": v}))`;
  try {
    const out = execFileSync("python3", ["-c", harness], { encoding: "utf8", timeout: 120_000 });
    return JSON.parse(out) as { ms: number; value: unknown };
  } catch {
    return null;
  }
}

export interface RhaiBenchRow {
  name: string;
  rhaiMs: number;
  jsMs: number;
  pythonMs: number | null;
}

/** Run the benchmark, print a table with ratios, and return the measurements. */
export function runRhaiBench(log: (line: string) => void = console.log): RhaiBenchRow[] {
  const engine = new Engine({ maxOperations: 1e9 });
  const rows: RhaiBenchRow[] = [];
  log("rhai interpreter vs plain JS and CPython (best of 5, same machine, same run)");
  log(
    `${"workload".padEnd(24)}${"rhai ms".padStart(10)}${"js ms".padStart(10)}${"python ms".padStart(11)}${"rhai/js".padStart(10)}${"rhai/py".padStart(10)}`,
  );
  for (const w of WORKLOADS) {
    const script = engine.compile(w.rhai, `${w.name}.rhai`);
    const r = best(() => engine.run(script));
    const j = best(w.js);
    const p = python(w.python);
    if (String(r.value) !== String(j.value) || (p && String(p.value) !== String(j.value)))
      throw new Error(
        `${w.name}: results differ (rhai ${String(r.value)}, js ${String(j.value)}, python ${String(p?.value)})`,
      );
    rows.push({ name: w.name, rhaiMs: r.ms, jsMs: j.ms, pythonMs: p?.ms ?? null });
    log(
      `${w.name.padEnd(24)}${r.ms.toFixed(1).padStart(10)}${j.ms.toFixed(1).padStart(10)}${(p ? p.ms.toFixed(1) : "n/a").padStart(11)}${(r.ms / j.ms).toFixed(1).padStart(9)}x${(p ? `${(r.ms / p.ms).toFixed(2)}x` : "n/a").padStart(10)}`,
    );
  }
  log("rhai/py < 1 means the Rhai engine is faster than CPython on that workload.");
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runRhaiBench();
