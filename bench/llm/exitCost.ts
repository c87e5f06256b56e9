/**
 * `npx tsx bench/llm/exitCost.ts [--same-shape | --model PATH] [--threads N]`
 *
 * What a process pays to tear a loaded model down before it ends (what `levitate ask` waits for
 * after its answer): the model loaded as the backend loads it (in memory, 4,096-token context,
 * flash attention off on the CPU), 128 tokens evaluated so the compute buffers exist, then the
 * context's, the model's and the runtime's dispose, each in wall and CPU milliseconds. Run it
 * with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` to measure it as `levitate` now runs.
 */
import { join } from "node:path";
import { defaultThreads, sharedLlama } from "../../agent/llm/llama.js";
import { DEFAULT_CONTEXT_SIZE } from "../../agent/llm/modelFile.js";
import { userCacheDir } from "../../agent/llm/prefixState.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";

const args = process.argv.slice(2);
const at = (n: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
const modelPath = args.includes("--same-shape")
  ? join(userCacheDir(), "bench", "smollm3-3b-shape-q4_0-random.gguf")
  : (at("--model") ?? writeTinyModel({ seed: 2 }, (await import("node:os")).tmpdir()));
const threads = Number(at("--threads") ?? defaultThreads());
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function timed(f: () => Promise<void>): Promise<{ wallMs: number; cpuMs: number }> {
  const w = performance.now();
  const c = cpu();
  await f();
  return { wallMs: Math.round(performance.now() - w), cpuMs: Math.round(cpu() - c) };
}

const llama = await sharedLlama();
const model = await llama.loadModel({ modelPath, gpuLayers: "auto", useMmap: false });
const context = await model.createContext({
  contextSize: Math.min(DEFAULT_CONTEXT_SIZE, model.trainContextSize),
  threads,
  sequences: 1,
  flashAttention: false,
});
const sequence = context.getSequence();
const tokens = model
  .tokenize("The installer reads the machine's facts before the user speaks. ".repeat(16))
  .slice(0, 128);
await sequence.evaluateWithoutGeneratingNewTokens(tokens);
const out = {
  modelPath,
  tunables: process.env.GLIBC_TUNABLES ?? "",
  evaluated: tokens.length,
  context: await timed(() => context.dispose()),
  model: await timed(() => model.dispose()),
  runtime: await timed(() => llama.dispose()),
  load: (await import("node:os")).loadavg()[0],
};
process.stdout.write(`${JSON.stringify(out)}\n`);
