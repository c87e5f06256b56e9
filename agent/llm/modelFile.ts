/**
 * Which model file, what it is, and whether it fits this machine. Reading a GGUF header is cheap
 * (no weights are read); the fit estimate is node-llama-cpp's own (GgufInsights), against free
 * RAM and VRAM as the loaded binding sees them.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { sharedLlama } from "./llama.js";

/** Context size the backend asks for (capped by what the model was trained on). */
export const DEFAULT_CONTEXT_SIZE = 8192;

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

export async function readModelInfo(path: string): Promise<ModelInfo> {
  if (!existsSync(path)) throw new ModelFileError(`model file ${path} not found`);
  const { readGgufFileInfo } = await import("node-llama-cpp");
  let info: Awaited<ReturnType<typeof readGgufFileInfo>>;
  try {
    info = await readGgufFileInfo(path, { readTensorInfo: false });
  } catch (e) {
    throw new ModelFileError(`${path} is not a readable GGUF model: ${(e as Error).message}`);
  }
  const general = info.metadata.general as {
    architecture?: string;
    name?: string;
    file_type?: number;
    size_label?: string;
  };
  const arch = String(general.architecture ?? "unknown");
  const archMeta = (info.metadata as unknown as Record<string, { context_length?: number } | undefined>)[
    arch
  ];
  const tokenizer = info.metadata.tokenizer as { chat_template?: string } | undefined;
  return {
    path,
    sizeBytes: statSync(path).size,
    architecture: arch,
    name: general.name,
    quantization: await quantName(general.file_type),
    trainContextSize: archMeta?.context_length,
    chatTemplate: tokenizer?.chat_template,
  };
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
