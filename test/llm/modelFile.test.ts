/**
 * Bad model files are refused before anything loads, each with the command that fixes it: not a
 * GGUF, truncated, another architecture, too big for memory. Only the header is read (no
 * llama.cpp), so these run in the test process.
 */
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { llmAvailability } from "../../agent/llm/index.js";
import { quietLlamaAborts } from "../../agent/llm/llama.js";
import {
  checkModelFile,
  kvCacheBytes,
  ModelFileError,
  quickFit,
  readModelInfo,
} from "../../agent/llm/modelFile.js";
import { writeTinyGguf } from "../fixtures-build/tiny-gguf.js";

const dir = mkdtempSync(join(os.tmpdir(), "levitate-badmodel-"));
const good = writeTinyGguf(join(dir, "good.gguf"), { arch: "smollm3" });

async function refusal(path: string): Promise<string> {
  const err = await checkModelFile(path).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ModelFileError);
  return (err as Error).message;
}

describe("a model file that cannot work is refused before loading", () => {
  it("a good file passes, with its shape read from the header", async () => {
    const info = await checkModelFile(good);
    expect(info).toMatchObject({ architecture: "smollm3", layers: 2, embedding: 64, heads: 4, kvHeads: 4 });
    expect(info.minimumBytes).toBeLessThanOrEqual(info.sizeBytes);
    expect(kvCacheBytes(info, 4096)).toBe(2 * 2 * 2 * 4096 * 16 * 4);
  });

  it("not a GGUF", async () => {
    const path = join(dir, "notes.gguf");
    writeFileSync(path, "these are not the weights you are looking for\n".repeat(100));
    const msg = await refusal(path);
    expect(msg).toMatch(/is not a GGUF model file/);
    expect(msg).toMatch(/levitate model pull/);
  });

  it("truncated (an interrupted download)", async () => {
    const path = join(dir, "cut.gguf");
    const bytes = readFileSync(good);
    writeFileSync(path, bytes.subarray(0, bytes.length - 1000));
    const msg = await refusal(path);
    expect(msg).toMatch(/is truncated: \d+ bytes where its tensors need \d+/);
    expect(msg).toMatch(/run `levitate model pull` to resume it/);
  });

  it("a header without a hyperparameter llama.cpp asserts on (it would abort the process)", async () => {
    for (const key of ["attention.head_count", "block_count", "embedding_length"]) {
      const path = writeTinyGguf(join(dir, `no-${key}.gguf`), { omitKeys: [`{arch}.${key}`] });
      const msg = await refusal(path);
      expect(msg).toContain(`is not a complete llama model: its header has no valid llama.${key}`);
      expect(msg).toMatch(/levitate model pull/);
    }
  });

  it("llama.cpp's aborts skip ggml's gdb backtrace unless asked for; a user's own setting stays", () => {
    const env: NodeJS.ProcessEnv = {};
    quietLlamaAborts(env);
    expect(env.GGML_NO_BACKTRACE).toBe("1");
    const debugging: NodeJS.ProcessEnv = { LEVITATE_LLM_BACKTRACE: "1" };
    quietLlamaAborts(debugging);
    expect(debugging.GGML_NO_BACKTRACE).toBeUndefined();
    const own: NodeJS.ProcessEnv = { GGML_NO_BACKTRACE: "yes" };
    quietLlamaAborts(own);
    expect(own.GGML_NO_BACKTRACE).toBe("yes");
  });

  it("another architecture", async () => {
    const path = writeTinyGguf(join(dir, "qwen.gguf"), { arch: "qwen2" });
    const msg = await refusal(path);
    expect(msg).toMatch(/is a qwen2 model; the installer's prompt and grammar are written for SmolLM3/);
    expect(msg).toMatch(/levitate model pull/);
  });

  it("too big for this machine's memory (a sparse file larger than RAM)", async () => {
    const path = join(dir, "huge.gguf");
    writeFileSync(path, readFileSync(good));
    const ram = os.totalmem();
    truncateSync(path, ram + 2 ** 30);
    // A byte at the end so the file is what it claims to be.
    const fd = openSync(path, "r+");
    writeSync(fd, Buffer.from([0]), 0, 1, ram + 2 ** 30 - 1);
    closeSync(fd);
    const info = await readModelInfo(path);
    expect(quickFit(info).fits).toBe(false);
    const msg = await refusal(path);
    expect(msg).toMatch(/does not fit in memory: it needs .* and .* is available/);
    expect(msg).toMatch(/--backend rules/);
    // `auto` falls back to rules with this reason instead of loading.
    const a = await llmAvailability({ modelPath: path });
    expect(a.ok).toBe(false);
    expect(a.reason).toMatch(/does not fit in memory/);
  });
});

describe("the default thread count", () => {
  it("is one per physical core on an idle machine and fewer on a busy one; the variable overrides", async () => {
    const { defaultThreads, physicalCores } = await import("../../agent/llm/llama.js");
    const saved = process.env.LEVITATE_LLM_THREADS;
    delete process.env.LEVITATE_LLM_THREADS;
    try {
      const cores = Math.min(8, physicalCores());
      expect(defaultThreads(0)).toBe(cores);
      expect(defaultThreads(cores + 10)).toBe(1);
      if (cores >= 2) expect(defaultThreads(1.6)).toBe(cores - 1);
      process.env.LEVITATE_LLM_THREADS = "3";
      expect(defaultThreads(50)).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.LEVITATE_LLM_THREADS;
      else process.env.LEVITATE_LLM_THREADS = saved;
    }
  });
});
