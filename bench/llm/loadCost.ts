/**
 * `npx tsx bench/llm/loadCost.ts [--same-shape | --model PATH] [--threads N] [--rounds R]`
 *
 * Where a model load's time goes, A/B alternating in one process: node-llama-cpp's own memory
 * checks (its resource estimate when loading the model and when sizing the context) on and off
 * (`ignoreMemorySafetyChecks`; the backend checks the fit from the GGUF header first), and weights
 * read into memory vs mapped.
 */
import os from "node:os";
import { join } from "node:path";
import { sharedLlama } from "../../agent/llm/llama.js";
import { userCacheDir } from "../../agent/llm/prefixState.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const threads = Number(flag("--threads") ?? 2);
const rounds = Number(flag("--rounds") ?? 2);
const modelPath = args.includes("--same-shape")
  ? join(userCacheDir(), "bench", "smollm3-3b-shape-q4_0-random.gguf")
  : (flag("--model") ?? writeTinyModel({ seed: 2 }, os.tmpdir()));
const llama = await sharedLlama();
process.stdout.write(`${modelPath}, ${os.cpus()[0]?.model}, threads ${threads}\n`);
for (let r = 0; r < rounds; r++) {
  for (const ignore of [false, true]) {
    for (const useMmap of [false, true]) {
      const t0 = performance.now();
      const model = await llama.loadModel({
        modelPath,
        gpuLayers: "auto",
        useMmap,
        ignoreMemorySafetyChecks: ignore,
      });
      const t1 = performance.now();
      const context = await model.createContext({
        contextSize: 4096,
        threads,
        sequences: 1,
        ignoreMemorySafetyChecks: ignore,
      });
      const t2 = performance.now();
      process.stdout.write(
        `round ${r + 1}, memory checks ${ignore ? "off" : "on "}, ${useMmap ? "mmap     " : "in memory"}: model ${Math.round(t1 - t0)} ms, context ${Math.round(t2 - t1)} ms (load ${os.loadavg()[0]?.toFixed(2)})\n`,
      );
      await context.dispose();
      await model.dispose();
    }
  }
}
process.exit(0);
