/**
 * `npx tsx bench/llm/loadCpu.ts [--same-shape | --model PATH] [--mmap]`
 *
 * One model load in this process, with the CPU time it took split into user and system time and
 * the page faults it caused (getrusage before and after): CPU seconds, unlike wall seconds, barely
 * move with the load average of a shared box. System time and minor faults are the kernel handing
 * out and zeroing pages (first touch of the repack buffers, the page cache); user time is
 * llama.cpp's own work (re-laying the weights out, the copy). The parent bench runs it in fresh
 * processes, e.g. with and without `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` (huge pages for
 * malloc's large blocks where transparent huge pages are `madvise`).
 */
import os from "node:os";
import { join } from "node:path";
import { sharedLlama } from "../../agent/llm/llama.js";
import { userCacheDir } from "../../agent/llm/prefixState.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";

const args = process.argv.slice(2);
const i = args.indexOf("--model");
const modelPath = args.includes("--same-shape")
  ? join(userCacheDir(), "bench", "smollm3-3b-shape-q4_0-random.gguf")
  : i >= 0
    ? (args[i + 1] as string)
    : writeTinyModel({ seed: 2 }, os.tmpdir());
const llama = await sharedLlama();
const r0 = process.resourceUsage();
const t0 = performance.now();
const model = await llama.loadModel({ modelPath, gpuLayers: "auto", useMmap: args.includes("--mmap") });
const wall = performance.now() - t0;
const r1 = process.resourceUsage();
const out = {
  wallMs: Math.round(wall),
  userMs: Math.round((r1.userCPUTime - r0.userCPUTime) / 1000),
  systemMs: Math.round((r1.systemCPUTime - r0.systemCPUTime) / 1000),
  minorFaults: r1.minorPageFault - r0.minorPageFault,
  majorFaults: r1.majorPageFault - r0.majorPageFault,
  maxRssMiB: Math.round(r1.maxRSS / 1024),
  tunables: process.env.GLIBC_TUNABLES ?? "",
  mmap: args.includes("--mmap"),
  load: os.loadavg()[0],
};
process.stdout.write(`${JSON.stringify(out)}\n`);
await model.dispose();
process.exit(0);
