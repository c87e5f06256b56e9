/**
 * Which model file, what it is, and whether it fits this machine. Reading a GGUF header is cheap
 * (no weights are read); the fit estimate is node-llama-cpp's own (GgufInsights), against free
 * RAM and VRAM as the loaded binding sees them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { isAbsent, whyUnreachable } from "../../steps/pathProblem.js";
import { safeText } from "../../steps/terminalText.js";
import { GgufHeaderError, precheckGguf } from "./ggufPrecheck.js";
import { sharedLlama } from "./llama.js";

/**
 * Context size the backend asks for (capped by what the model was trained on). A conversation's
 * prompt is ~1,000 tokens of fixed prefix and facts plus ~60 a turn; 4,096 holds 30+ turns and
 * the longest answer, and is created in ~1.0 s on 2 cores where 8,192 took 2.7 s.
 */
export const DEFAULT_CONTEXT_SIZE = 4096;

/** Architectures whose chat format and tokens the prompt and grammar are written for. */
export const SUPPORTED_ARCHITECTURES = ["smollm3", "llama"];

/** The default model: what `levitate model pull` fetches and the docs measure. */
export const DEFAULT_MODEL = {
  repo: "ggml-org/SmolLM3-3B-GGUF",
  file: "SmolLM3-Q4_K_M.gguf",
  quant: "Q4_K_M",
  sizeBytes: 1_915_305_312,
  sha256: "8334b850b7bd46238c16b0c550df2138f0889bf433809008cc17a8b05761863e",
} as const;

/** The command that fixes a missing or unusable model file. */
export const FIX_COMMAND = "levitate model pull";

export function modelDirs(): string[] {
  const dataHome = process.env.XDG_DATA_HOME || join(os.homedir(), ".local", "share");
  return ["/usr/share/levitate/models", join(dataHome, "levitate", "models")];
}

/** Where `levitate model pull` saves: the per-user directory. */
export function userModelDir(): string {
  return modelDirs()[1] as string;
}

/** The default file in a directory: SmolLM3 before others, Q4_K_M before other quantizations. */
function pickGguf(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith(".gguf"));
  } catch {
    return undefined;
  }
  const score = (n: string) => (/smollm3/i.test(n) ? 0 : 2) + (/q4_k_m/i.test(n) ? 0 : 1);
  names.sort((a, b) => score(a) - score(b) || a.localeCompare(b));
  return names[0] ? join(dir, names[0]) : undefined;
}

export interface ModelLocation {
  path?: string;
  /** How it was found: "--model", "LEVITATE_MODEL", or the directory searched. */
  source: string;
  /** Where we looked, for the message when nothing was found. */
  searched: string[];
}

/** `--model PATH`, then `LEVITATE_MODEL`, then the default directories. */
export function locateModel(explicit?: string): ModelLocation {
  if (explicit) return { path: resolve(explicit), source: "--model", searched: [explicit] };
  const env = process.env.LEVITATE_MODEL;
  if (env) return { path: resolve(env), source: "LEVITATE_MODEL", searched: [env] };
  const dirs = modelDirs();
  for (const dir of dirs) {
    const p = pickGguf(dir);
    if (p) return { path: p, source: dir, searched: dirs };
  }
  return { source: "default directories", searched: dirs };
}

export interface ModelInfo {
  path: string;
  sizeBytes: number;
  architecture: string;
  name?: string;
  /** e.g. Q4_K_M, F16, F32 */
  quantization: string;
  parameters?: number;
  trainContextSize?: number;
  chatTemplate?: string;
  layers?: number;
  embedding?: number;
  heads?: number;
  kvHeads?: number;
  /** The smallest size the tensors need; a shorter file is truncated. */
  minimumBytes?: number;
}

export interface ModelFit {
  fits: boolean;
  contextSize: number;
  gpu: string | false;
  gpuLayers: number;
  totalLayers: number;
  ramNeeded: number;
  vramNeeded: number;
  ramFree: number;
  vramFree: number;
}

/** `MOSTLY_Q4_K_M` → `Q4_K_M`. */
async function quantName(fileType: number | undefined): Promise<string> {
  if (fileType === undefined) return "unknown";
  const { GgufFileType } = await import("node-llama-cpp");
  const name = (GgufFileType as unknown as Record<number, string>)[fileType];
  return name ? name.replace(/^(MOSTLY|ALL)_/, "") : `file type ${fileType}`;
}

export class ModelFileError extends Error {}

/** Bytes per block and elements per block of the ggml types a GGUF commonly holds. */
const GGML_BLOCKS: Record<number, [bytes: number, elements: number]> = {
  0: [4, 1], // F32
  1: [2, 1], // F16
  2: [18, 32], // Q4_0
  3: [20, 32], // Q4_1
  6: [22, 32], // Q5_0
  7: [24, 32], // Q5_1
  8: [34, 32], // Q8_0
  10: [84, 256], // Q2_K
  11: [110, 256], // Q3_K
  12: [144, 256], // Q4_K
  13: [176, 256], // Q5_K
  14: [210, 256], // Q6_K
  15: [292, 256], // Q8_K
  30: [2, 1], // BF16
};

const infoCache = new Map<string, ModelInfo>();

/**
 * The GGUF header, read once per file (and per size/mtime): `levitate ask` needs it for the
 * availability check and the backend, and each read of a 3B file's header costs ~100 ms.
 */
export async function readModelInfo(path: string): Promise<ModelInfo> {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (e) {
    // A link loop or a denied directory is there: "not found" sent users to pull it again.
    const hint = isAbsent(e) ? ` (run \`${FIX_COMMAND}\`, or pass --model FILE)` : "";
    throw new ModelFileError(`model file ${safeText(path)} ${whyUnreachable(path, e)}${hint}`);
  }
  const cacheKey = `${path}:${st.size}:${st.mtimeMs}`;
  const cached = infoCache.get(cacheKey);
  if (cached) return cached;
  // Bounded first (attack3 M3): node-llama-cpp's reader trusts the header's counts and a FIFO
  // blocks it; ./ggufPrecheck.ts refuses both in milliseconds.
  try {
    precheckGguf(path);
  } catch (e) {
    if (!(e instanceof GgufHeaderError)) throw e;
    throw new ModelFileError(`${e.message}; get the default model with \`${FIX_COMMAND}\``);
  }
  const { readGgufFileInfo } = await import("node-llama-cpp");
  let info: Awaited<ReturnType<typeof readGgufFileInfo>>;
  try {
    info = await readGgufFileInfo(path, { readTensorInfo: true });
  } catch (e) {
    throw new ModelFileError(
      `${path} is not a GGUF model file (${(e as Error).message.split("\n")[0]}); get the default model with \`${FIX_COMMAND}\``,
    );
  }
  const general = info.metadata.general as {
    architecture?: string;
    name?: string;
    file_type?: number;
    size_label?: string;
  };
  const arch = String(general.architecture ?? "unknown");
  const archMeta =
    (info.metadata as unknown as Record<string, Record<string, unknown> | undefined>)[arch] ?? {};
  const attention = (archMeta.attention ?? {}) as { head_count?: number; head_count_kv?: number };
  const tokenizer = info.metadata.tokenizer as { chat_template?: string } | undefined;
  let minimumBytes: number | undefined;
  if (info.infoEndOffset !== undefined && info.tensorInfo?.length) {
    let end = 0;
    for (const t of info.tensorInfo) {
      const block = GGML_BLOCKS[t.ggmlType as number];
      const elements = t.dimensions.reduce((a: number, d) => a * Number(d), 1);
      const bytes = block ? Math.ceil(elements / block[1]) * block[0] : 1;
      end = Math.max(end, Number(t.offset) + bytes);
    }
    minimumBytes = info.infoEndOffset + end;
  }
  const result: ModelInfo = {
    path,
    sizeBytes: st.size,
    // The header's own text is printed (model status, auto's fallback line): escaped (attack3 L7).
    architecture: safeText(arch),
    ...(general.name !== undefined ? { name: safeText(String(general.name)) } : {}),
    quantization: await quantName(general.file_type),
    trainContextSize: archMeta.context_length as number | undefined,
    chatTemplate: tokenizer?.chat_template,
    layers: archMeta.block_count as number | undefined,
    embedding: archMeta.embedding_length as number | undefined,
    heads: attention.head_count,
    kvHeads: attention.head_count_kv ?? attention.head_count,
    ...(minimumBytes !== undefined ? { minimumBytes } : {}),
  };
  infoCache.set(cacheKey, result);
  return result;
}

/** Memory available to a new process: MemAvailable (page cache counts), else free memory. */
export function availableMemory(): number {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync("/proc/meminfo", "utf8"));
    if (m) return Number(m[1]) * 1024;
  } catch {}
  return os.freemem();
}

/** Bytes of the KV cache (f16 keys and values) for `contextSize` tokens. */
export function kvCacheBytes(info: ModelInfo, contextSize: number): number {
  const { layers = 0, embedding = 0, heads = 1, kvHeads = heads } = info;
  return 2 * 2 * layers * contextSize * (embedding / heads) * kvHeads;
}

/** Compute buffers and the runtime, measured at ~0.3-0.4 GiB for SmolLM3-3B on CPU; rounded up. */
const RUNTIME_OVERHEAD = 512 * 1024 ** 2;

export interface QuickFit {
  fits: boolean;
  ramNeeded: number;
  ramAvailable: number;
  contextSize: number;
}

/**
 * A cheap memory-fit check from the header alone (no llama.cpp, a few microseconds): the
 * weights, the KV cache of the context, and the runtime's buffers, against MemAvailable.
 * `levitate model status` also shows node-llama-cpp's own, slower (~1.2 s) estimate.
 */
export function quickFit(info: ModelInfo, contextSize = DEFAULT_CONTEXT_SIZE): QuickFit {
  const ctx = Math.min(contextSize, info.trainContextSize ?? contextSize);
  const ramNeeded = info.sizeBytes + kvCacheBytes(info, ctx) + RUNTIME_OVERHEAD;
  const ramAvailable = availableMemory();
  return { fits: ramNeeded <= ramAvailable, ramNeeded, ramAvailable, contextSize: ctx };
}

/**
 * Everything that can be said about a model file before loading it: there, a GGUF, complete,
 * an architecture we have a format for, and fits in memory. Each failure names the fix.
 */
export async function checkModelFile(path: string, contextSize = DEFAULT_CONTEXT_SIZE): Promise<ModelInfo> {
  const info = await readModelInfo(path);
  if (info.minimumBytes !== undefined && info.sizeBytes < info.minimumBytes)
    throw new ModelFileError(
      `${path} is truncated: ${info.sizeBytes} bytes where its tensors need ${info.minimumBytes} (an interrupted download?); run \`${FIX_COMMAND}\` to resume it`,
    );
  if (!SUPPORTED_ARCHITECTURES.includes(info.architecture))
    throw new ModelFileError(
      `${path} is a ${info.architecture} model; the installer's prompt and grammar are written for SmolLM3 (${SUPPORTED_ARCHITECTURES.join(" or ")} architecture): run \`${FIX_COMMAND}\` for ${DEFAULT_MODEL.file}`,
    );
  // llama.cpp asserts on a missing or zero hyperparameter (GGML_ASSERT: the process aborts, and
  // with gdb installed ggml first attaches it to print a backtrace, seconds): refuse it here.
  const missing = requiredShape(info);
  if (missing)
    throw new ModelFileError(
      `${path} is not a complete ${info.architecture} model: its header has no valid ${info.architecture}.${missing} (a damaged or hand-made file); run \`${FIX_COMMAND}\` for ${DEFAULT_MODEL.file}`,
    );
  const fit = quickFit(info, contextSize);
  if (!fit.fits)
    throw new ModelFileError(
      `${path} does not fit in memory: it needs ${gib(fit.ramNeeded)} and ${gib(fit.ramAvailable)} is available; close other programs, use a smaller quantization (\`${FIX_COMMAND} --quant Q4_0\`), or use --backend rules`,
    );
  return info;
}

/** The first hyperparameter the model cannot be built without that the header lacks (or has as < 1). */
function requiredShape(info: ModelInfo): string | undefined {
  const positive = (v: unknown) =>
    (typeof v === "number" && Number.isInteger(v) && v >= 1) ||
    (Array.isArray(v) &&
      v.length > 0 &&
      v.every((x) => typeof x === "number" && Number.isInteger(x) && x >= 1));
  const shape: [string, unknown][] = [
    ["block_count", info.layers],
    ["embedding_length", info.embedding],
    ["attention.head_count", info.heads],
  ];
  return shape.find(([, v]) => !positive(v))?.[0];
}

/** node-llama-cpp's estimate of the memory this model and a context of `contextSize` need. */
export async function estimateFit(path: string, contextSize = DEFAULT_CONTEXT_SIZE): Promise<ModelFit> {
  const { readGgufFileInfo, GgufInsights } = await import("node-llama-cpp");
  const llama = await sharedLlama();
  const info = await readGgufFileInfo(path);
  const insights = await GgufInsights.from(info, llama);
  const ctx = Math.min(contextSize, insights.trainContextSize ?? contextSize);
  const scored = await insights.configurationResolver.resolveAndScoreConfig({ targetContextSize: ctx });
  const r = scored.resolvedValues;
  const vram = await llama.getVramState();
  const ramFree = os.freemem();
  const fits = r.totalRamUsage <= ramFree && r.totalVramUsage <= vram.free && r.contextSize >= ctx;
  return {
    fits,
    contextSize: ctx,
    gpu: llama.gpu,
    gpuLayers: r.gpuLayers,
    totalLayers: insights.totalLayers,
    ramNeeded: r.totalRamUsage,
    vramNeeded: r.totalVramUsage,
    ramFree,
    vramFree: vram.free,
  };
}

export function gib(bytes: number): string {
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export function describeFit(fit: ModelFit): string {
  const where =
    fit.gpu && fit.gpuLayers > 0
      ? `${fit.gpu}: ${fit.gpuLayers}/${fit.totalLayers} layers on the GPU, ${gib(fit.vramNeeded)} VRAM of ${gib(fit.vramFree)} free, ${gib(fit.ramNeeded)} RAM of ${gib(fit.ramFree)} free`
      : `CPU: ${gib(fit.ramNeeded)} RAM needed, ${gib(fit.ramFree)} free`;
  return `${fit.fits ? "fits" : "does not fit"} (${where}, context ${fit.contextSize})`;
}
