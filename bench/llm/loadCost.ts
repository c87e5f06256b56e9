/**
 * `npx tsx bench/llm/loadCost.ts [--same-shape | --model PATH] [--threads N] [--rounds R] [--checks]`
 *
 * Where a model load's time goes, A/B alternating in one process: reading the file alone (from the
 * page cache: the floor of any load), then the weights read into memory, mapped (`useMmap`: the
 * pages come in when first used, so the first evaluation pays for them; timed here as the first
 * 8-token evaluation), and read with direct I/O (`useDirectIo`, bypassing the page cache); each
 * with the context's creation. `--checks`: node-llama-cpp's own memory checks on and off too
 * (`ignoreMemorySafetyChecks`; the backend checks the fit from the GGUF header first).
 */
import { closeSync, openSync, readSync } from "node:fs";
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
/** Reads the whole file in 16 MiB pieces: what the page cache (or the disk) costs by itself. */
function readAll(path: string): number {
  const t0 = performance.now();
  const fd = openSync(path, "r");
  const buf = Buffer.allocUnsafe(16 * 1024 * 1024);
  while (readSync(fd, buf, 0, buf.length, null) > 0);
  closeSync(fd);
  return performance.now() - t0;
}

const MODES = [
  { name: "in memory", options: { useMmap: false } },
  { name: "mmap     ", options: { useMmap: true } },
  { name: "direct io", options: { useMmap: false, useDirectIo: true } },
] as const;
const checks = args.includes("--checks") ? [false, true] : [false];
for (let r = 0; r < rounds; r++) {
  process.stdout.write(
    `round ${r + 1}: reading the file ${Math.round(readAll(modelPath))} ms (load ${os.loadavg()[0]?.toFixed(2)})\n`,
  );
  for (const ignore of checks) {
    for (const mode of MODES) {
      const t0 = performance.now();
      const model = await llama.loadModel({
        modelPath,
        gpuLayers: "auto",
        ...mode.options,
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
      const sequence = context.getSequence();
      await sequence.evaluateWithoutGeneratingNewTokens(model.tokenize("The first evaluation of a model."));
      const t3 = performance.now();
      process.stdout.write(
        `round ${r + 1}, memory checks ${ignore ? "off" : "on "}, ${mode.name}: model ${Math.round(t1 - t0)} ms, context ${Math.round(t2 - t1)} ms, first evaluation ${Math.round(t3 - t2)} ms (load ${os.loadavg()[0]?.toFixed(2)})\n`,
      );
      await context.dispose();
      await model.dispose();
    }
  }
}
process.exit(0);
