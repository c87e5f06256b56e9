/**
 * `npx tsx bench/llm/grammarCost.ts [--same-shape] [--model PATH] [--threads N] [--rounds R] [--max-calls 8,16]`
 *
 * Where a grammar's per-token cost goes, A/B alternating in one process (the box is shared: each
 * round runs every variant once, in turn, and the load average is printed per round):
 *
 * - `free`: greedy, no grammar;
 * - `grammar, model agrees`: greedy under the turn's production grammar, the model steered (a
 *   bench-only token bias) to write a valid decision, as a trained model does. node-llama-cpp's
 *   sampler checks the chosen token alone against the grammar and accepts it: what a user pays;
 * - `free, same text`: the same steered text without the grammar (the fair baseline for the above);
 * - `grammar, model disagrees`: greedy under the grammar, unsteered random weights, whose chosen
 *   token the grammar rejects nearly every step: the sampler then runs the grammar over the whole
 *   vocabulary (128,256 candidates at SmolLM3's size) before picking again. The worst case.
 *
 * `--max-calls 8,16` (the default): the grammar variants run once per call cap (the decision's
 * bounded repetition, tools/decision.ts MAX_CALLS), and each round also builds the turn's grammar
 * at each cap: our GBNF text (turnGrammar), llama.cpp's parse (createGrammar) and the cursor of
 * jump-forward (GrammarCursor), in ms.
 */
import os from "node:os";
import { join } from "node:path";
import type { Token } from "node-llama-cpp";
import { LlmBackend } from "../../agent/llm/backend.js";
import { defaultThreads } from "../../agent/llm/llama.js";
import { userCacheDir } from "../../agent/llm/prefixState.js";
import { turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import { EXAMPLE_LIVE_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";
import { GrammarCursor } from "../../grammars/gbnf/forced.js";
import { decisionToText } from "../../grammars/toolCalls.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";
import { steerTowards } from "./steer.js";

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const threads = Number(flag("--threads") ?? defaultThreads());
const rounds = Number(flag("--rounds") ?? 3);
const facts = exampleFacts(EXAMPLE_LIVE_FACTS);
const modelPath = args.includes("--same-shape")
  ? join(userCacheDir(), "bench", "smollm3-3b-shape-q4_0-random.gguf")
  : (flag("--model") ?? writeTinyModel({ seed: 2 }, os.tmpdir()));

const caps = (flag("--max-calls") ?? "8,16").split(",").map(Number);
const b = await LlmBackend.create({ modelPath, threads, prefixState: false, warn: () => {} });
const { LlamaGrammarEvaluationState } = await import("node-llama-cpp");
type LlamaGrammar = Awaited<ReturnType<typeof b.llama.createGrammar>>;
const grammarText = (cap: number) =>
  turnGrammar(turnSchema(facts, { pending: false, limits: { maxCalls: cap } }));
/** One build of the turn's grammar at a cap: our text, llama.cpp's parse, the jump-forward cursor. */
async function build(
  cap: number,
): Promise<{ grammar: LlamaGrammar; textMs: number; llamaMs: number; cursorMs: number; chars: number }> {
  const t0 = performance.now();
  const text = grammarText(cap);
  const t1 = performance.now();
  const grammar = await b.llama.createGrammar({ grammar: text });
  const t2 = performance.now();
  GrammarCursor.fromGrammar(text);
  return { grammar, textMs: t1 - t0, llamaMs: t2 - t1, cursorMs: performance.now() - t2, chars: text.length };
}
const grammars = new Map<number, LlamaGrammar>();
for (const cap of caps) grammars.set(cap, (await build(cap)).grammar);
const target = decisionToText({
  calls: [
    { tool: "installRecipe", args: { name: "ripgrep" } },
    { tool: "installRecipe", args: { name: "fd" } },
    { tool: "installRecipe", args: { name: "bat" } },
    { tool: "setHostname", args: { hostname: "workstation" } },
    { tool: "createUser", args: { username: "vince", sudo: true, shell: "/bin/bash", groups: [] } },
  ],
});
// Every variant writes as many tokens as the steered text has (the steered ones end there).
const n = b.model.tokenize(target).length;
const prompt = b.model.tokenize("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", true);

async function run(
  cap: number | undefined,
  steer: boolean,
): Promise<{ msPerToken: number; cpuMsPerToken: number; tokens: number }> {
  await b.sequence.clearHistory();
  const out: Token[] = [];
  const s = steer ? await steerTowards(b.model, target) : undefined;
  const grammar = cap === undefined ? undefined : grammars.get(cap);
  const g = grammar ? new LlamaGrammarEvaluationState({ model: b.model, grammar }) : undefined;
  let t0 = 0;
  let c0 = process.cpuUsage();
  for await (const tok of b.sequence.evaluate(prompt, {
    temperature: 0,
    grammarEvaluationState: g,
    ...(s ? { tokenBias: () => s(out) } : {}),
  })) {
    if (out.length === 0) {
      t0 = performance.now();
      c0 = process.cpuUsage();
    }
    if (b.model.isEogToken(tok)) break;
    out.push(tok);
    if (out.length >= n) break;
  }
  if (steer && b.model.detokenize(out) !== target) throw new Error("the steered text was not written");
  const c = process.cpuUsage(c0);
  const per = Math.max(1, out.length - 1);
  // CPU time as well: on a shared box it moves far less than wall time (1 thread: all of it is ours).
  return {
    msPerToken: (performance.now() - t0) / per,
    cpuMsPerToken: (c.user + c.system) / 1000 / per,
    tokens: out.length,
  };
}

const variants: [string, number | undefined, boolean][] = [
  ["free", undefined, false],
  ...caps.map((c): [string, number, boolean] => [
    `grammar, model agrees${caps.length > 1 ? `, cap ${c}` : ""}`,
    c,
    true,
  ]),
  ["free, same text", undefined, true],
  ...caps.map((c): [string, number, boolean] => [
    `grammar, model disagrees${caps.length > 1 ? `, cap ${c}` : ""}`,
    c,
    false,
  ]),
];
const builds = new Map<number, { textMs: number[]; llamaMs: number[]; cursorMs: number[]; chars: number }>();
const sums = new Map<string, number[]>();
const cpuSums = new Map<string, number[]>();
process.stdout.write(
  `${modelPath} (${b.info.architecture}), ${threads} threads, ${n} tokens a run, ${os.cpus()[0]?.model}\n`,
);
for (let r = 0; r < rounds; r++) {
  const line: string[] = [];
  for (const [name, g, s] of variants) {
    const m = await run(g, s);
    sums.set(name, [...(sums.get(name) ?? []), m.msPerToken]);
    cpuSums.set(name, [...(cpuSums.get(name) ?? []), m.cpuMsPerToken]);
    line.push(`${name} ${m.msPerToken.toFixed(1)} ms/token, ${m.cpuMsPerToken.toFixed(1)} CPU (${m.tokens})`);
  }
  // Alternate the caps' builds too (first one way, then the other).
  for (const cap of r % 2 ? [...caps].reverse() : caps) {
    const x = await build(cap);
    const prev = builds.get(cap) ?? { textMs: [], llamaMs: [], cursorMs: [], chars: x.chars };
    builds.set(cap, {
      textMs: [...prev.textMs, x.textMs],
      llamaMs: [...prev.llamaMs, x.llamaMs],
      cursorMs: [...prev.cursorMs, x.cursorMs],
      chars: x.chars,
    });
    line.push(
      `build cap ${cap}: text ${x.textMs.toFixed(1)} ms, llama.cpp ${x.llamaMs.toFixed(1)} ms, cursor ${x.cursorMs.toFixed(1)} ms (${x.chars} chars)`,
    );
  }
  process.stdout.write(`round ${r + 1} (load ${os.loadavg()[0]?.toFixed(2)}): ${line.join("; ")}\n`);
}
const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)] ?? 0;
const m = Object.fromEntries([...sums].map(([k, v]) => [k, median(v)]));
const sfx = (c: number) => (caps.length > 1 ? `, cap ${c}` : "");
const cpu = Object.fromEntries([...cpuSums].map(([k, v]) => [k, Number(median(v).toFixed(2))]));
process.stdout.write(`median ms/token: ${JSON.stringify(m)}\nmedian CPU ms/token: ${JSON.stringify(cpu)}\n`);
for (const c of caps) {
  const bc = builds.get(c);
  process.stdout.write(
    `cap ${c}: grammar / free when the model agrees: ${((m["free, same text"] ?? 0) / (m[`grammar, model agrees${sfx(c)}`] ?? 1)).toFixed(2)}x speed; ` +
      `when it disagrees: ${((m.free ?? 0) / (m[`grammar, model disagrees${sfx(c)}`] ?? 1)).toFixed(2)}x; ` +
      (bc
        ? `build (median): text ${median(bc.textMs).toFixed(1)} ms, llama.cpp ${median(bc.llamaMs).toFixed(1)} ms, cursor ${median(bc.cursorMs).toFixed(1)} ms, ${bc.chars} chars\n`
        : "\n"),
  );
}
await b.dispose();
process.exit(0);
