/**
 * `npx tsx bench/llm/batchCost.ts [--same-shape | --model PATH] [--threads N] [--rounds R] [--sizes 1,2,4,...] [--short] [--fa | --no-fa]`
 *
 * What one decode costs as a function of the tokens in its batch, behind a real prompt's context
 * (the live system block and the example machine's facts, ~2,000 tokens at 3B), the batch sizes
 * alternated in every round: each batch is evaluated, its last token sampled (greedy, as a turn
 * does), then erased again. This is the curve behind jump-forward (a sampled token plus the forced
 * text is one batch of 2-10 tokens), a turn's words (10-30 tokens) and the facts (~200).
 * Also: saving and loading that context's state, and hashing the state file.
 */
import { rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import type { Token } from "node-llama-cpp";
import { LlmBackend } from "../../agent/llm/backend.js";
import { sha256File, userCacheDir } from "../../agent/llm/prefixState.js";
import { systemPrompt } from "../../agent/llm/prompt.js";
import { EXAMPLE_LIVE_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";
import { toolsForMode } from "../../tools/registry.js";

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const threads = Number(flag("--threads") ?? 2);
const rounds = Number(flag("--rounds") ?? 2);
const sizes = (flag("--sizes") ?? "1,2,4,8,16,32,64,128,256").split(",").map(Number);
const modelPath = args.includes("--same-shape")
  ? join(userCacheDir(), "bench", "smollm3-3b-shape-q4_0-random.gguf")
  : (flag("--model") ?? writeTinyModel({ seed: 2 }, os.tmpdir()));
const load = () => os.loadavg()[0]?.toFixed(2);
const stateDir = join(userCacheDir(), "bench", "batchCost-kv");

const b = await LlmBackend.create({
  modelPath,
  threads,
  prefixState: { readDirs: [stateDir], writeDir: stateDir },
  ...(args.includes("--no-fa")
    ? { flashAttention: false }
    : args.includes("--fa")
      ? { flashAttention: true }
      : {}),
});
process.stdout.write(`${modelPath}, ${os.cpus()[0]?.model}, threads ${threads}, load ${load()}\n`);
const facts = exampleFacts(EXAMPLE_LIVE_FACTS);
const t0 = performance.now();
// `--short`: behind 8 tokens instead (how much of a decode is attention over the long context).
if (args.includes("--short"))
  await b.sequence.evaluateWithoutGeneratingNewTokens(
    b.model.tokenize("You are the installer of this machine."),
  );
else {
  b.prepare(facts, toolsForMode(facts.mode));
  await b.whenPrepared();
}
const base = b.sequence.nextTokenIndex;
process.stdout.write(`context: ${base} tokens in ${Math.round(performance.now() - t0)} ms\n`);

// Filler text of real words, as many tokens as the largest batch.
const filler = b.model.tokenize(systemPrompt("installed").repeat(2)).slice(0, Math.max(...sizes));

/** CPU ms of this process (all threads, user + system): the work, which a busy box barely moves. */
const cpuMs = () => {
  const r = process.resourceUsage();
  return (r.userCPUTime + r.systemCPUTime) / 1000;
};

async function decode(n: number): Promise<{ ms: number; cpu: number }> {
  const tokens = filler.slice(0, n) as Token[];
  const c = cpuMs();
  const t = performance.now();
  const gen = b.sequence.evaluate(tokens, { temperature: 0 });
  await gen.next();
  const ms = performance.now() - t;
  const cpu = cpuMs() - c;
  await gen.return();
  await b.sequence.eraseContextTokenRanges([{ start: base, end: b.sequence.nextTokenIndex }]);
  return { ms, cpu };
}

await decode(1); // the first decode allocates buffers
const results = new Map<number, { ms: number; cpu: number }[]>(sizes.map((n) => [n, []]));
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? sizes : [...sizes].reverse();
  for (const n of order) results.get(n)?.push(await decode(n));
  process.stdout.write(`round ${r + 1} done (load ${load()})\n`);
}
for (const n of sizes) {
  const xs = results.get(n) ?? [];
  const best = Math.min(...xs.map((x) => x.ms));
  const cpu = Math.min(...xs.map((x) => x.cpu));
  process.stdout.write(
    `batch ${String(n).padStart(3)}: ${xs.map((x) => Math.round(x.ms)).join(" / ")} ms wall, ${xs.map((x) => Math.round(x.cpu)).join(" / ")} ms CPU; best ${(best / n).toFixed(1)} ms wall and ${(cpu / n).toFixed(1)} ms CPU per token\n`,
  );
}

const file = join(os.tmpdir(), `batchCost-${process.pid}.kvstate`);
let t = performance.now();
const { fileSize } = await b.sequence.saveStateToFile(file);
const saveMs = performance.now() - t;
t = performance.now();
await sha256File(file);
const hashMs = performance.now() - t;
await b.sequence.clearHistory();
t = performance.now();
await b.sequence.loadStateFromFile(file, { acceptRisk: true });
const loadMs = performance.now() - t;
rmSync(file, { force: true });
process.stdout.write(
  `state of ${base} tokens (${(fileSize / 1024 ** 2).toFixed(0)} MiB): save ${Math.round(saveMs)} ms, sha256 ${Math.round(hashMs)} ms, load ${Math.round(loadMs)} ms (load ${load()})\n`,
);
await b.dispose();
process.exit(0);
