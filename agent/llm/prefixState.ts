/**
 * The KV state of the prompt's fixed prefix (the system block: rules and tool schemas), saved once
 * per model file and prompt and loaded on start, so a first turn evaluates only the facts and the
 * user's words (~150 tokens) instead of the whole ~1,000-token prompt.
 *
 * A state file is `<key>.kvstate` with `<key>.json` beside it. The key hashes the model's sha256,
 * the prefix's token ids and the runtime's KV layout; the JSON repeats them and the state file's
 * own size and sha256. A state is loaded only when all of them match (loading a state made by
 * another model can crash llama.cpp, so nothing is loaded on trust); otherwise it is stale: it is
 * rebuilt from a fresh evaluation and saved again, never used.
 *
 * Where: read from `<model dir>/kv/` (a state baked into the ISO next to the model) and the user
 * cache (`$XDG_CACHE_HOME/levitate/kv/`), written to the user cache.
 */
import { createHash } from "node:crypto";
import {
  createReadStream,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  type Stats,
  statSync,
} from "node:fs";
import os from "node:os";
import { basename, dirname, join } from "node:path";
import type { LlamaContextSequence, Token } from "node-llama-cpp";
import { z } from "zod";
import { ensurePrivateDir, privateTempFile, writeFileNoFollow } from "../files/noFollowWrite.js";

/**
 * What the KV cells' layout depends on besides the model: the cache types and flash attention
 * (without it llama.cpp stores V transposed): off by default on the CPU (./backend.ts), "auto" on a
 * GPU (the same runtime resolves it the same way).
 */
function kvLayout(flashAttention: boolean | "auto" | undefined = false): string {
  return `f16-kv;flash-attention=${flashAttention};v2`;
}
const layoutOf = (sequence: LlamaContextSequence) =>
  kvLayout((sequence.context as { flashAttention?: boolean | "auto" }).flashAttention);

export function userCacheDir(): string {
  const cacheHome = process.env.XDG_CACHE_HOME || join(os.homedir(), ".cache");
  return join(cacheHome, "levitate");
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

const ShaCacheSchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  ino: z.number(),
  /**
   * A rewrite in place keeps the inode and `touch -d` sets the mtime back, but the ctime cannot be
   * set back (attacker 3 L3). Memos written before it was recorded are hashed again once.
   */
  ctimeMs: z.number().optional(),
  sha256: z.string(),
});

const BakedShaSchema = z.object({
  file: z.string(),
  size: z.number(),
  mtimeS: z.number(),
  /**
   * Sealed by `leviso build` (leviso/live/bakedModel.ts): the ctime the model has in the squashfs,
   * where every inode has one time; a model rewritten in place or copied up has ctime "now".
   */
  ctimeS: z.number().int().optional(),
  sha256: z.string(),
});
/** Whole seconds: squashfs keeps no more. */
const mtimeS = (mtimeMs: number) => Math.floor(mtimeMs / 1000);

/** Where `levitate model bake` records the model's sha256 beside the states it bakes. */
export function bakedShaFile(modelPath: string): string {
  return join(dirname(modelPath), "kv", `${basename(modelPath)}.sha256.json`);
}

/**
 * Whether the baked memo describes the file as it is now: name, size, mtime in whole seconds and,
 * when `leviso build` sealed it, the ctime too (without the seal, a `levitate model bake` on a
 * host: the memo's own directory is as writable as the model).
 */
function bakedMemoDescribes(b: z.infer<typeof BakedShaSchema>, path: string, st: Stats): boolean {
  if (b.file !== basename(path) || b.size !== st.size || b.mtimeS !== mtimeS(st.mtimeMs)) return false;
  return b.ctimeS === undefined || b.ctimeS === mtimeS(st.ctimeMs);
}

let modelHashes = 0;
/** How many times modelSha256 read a whole model file (for tests: a memo trusted reads none). */
export function modelHashCount(): number {
  return modelHashes;
}

/**
 * The model file's sha256, computed once (a 1.9 GB file takes several seconds) and remembered in
 * the user cache by size, mtime, inode and ctime: a replaced file, or one rewritten in place with
 * its mtime set back, is hashed again. A model baked into the ISO has its sha256 beside it
 * (`<model dir>/kv/<file>.sha256.json`, by size, mtime and the ctime leviso seals: the inode
 * changes when the image is made, and squashfs keeps whole seconds), so a first boot hashes
 * nothing.
 */
export async function modelSha256(path: string, cacheDir = userCacheDir()): Promise<string> {
  const st = statSync(path);
  try {
    const b = BakedShaSchema.parse(JSON.parse(readFileSync(bakedShaFile(path), "utf8")));
    if (bakedMemoDescribes(b, path, st)) return b.sha256;
  } catch {}
  const memo = join(cacheDir, "sha256", `${basename(path)}.json`);
  try {
    const m = ShaCacheSchema.parse(JSON.parse(readFileSync(memo, "utf8")));
    if (
      m.size === st.size &&
      m.mtimeMs === st.mtimeMs &&
      m.ino === st.ino &&
      m.ctimeMs !== undefined &&
      m.ctimeMs === st.ctimeMs
    )
      return m.sha256;
  } catch {}
  const sha256 = await sha256File(path);
  modelHashes++;
  try {
    // Never through a link planted in the cache (attack3 C1): ../files/noFollowWrite.ts.
    ensurePrivateDir(dirname(memo));
    const m = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, ctimeMs: st.ctimeMs, sha256 };
    writeFileNoFollow(memo, JSON.stringify(m));
  } catch {
    // A read-only home: hash again next time, nothing else lost.
  }
  return sha256;
}

const MetaSchema = z.object({
  modelSha256: z.string(),
  prefixHash: z.string(),
  tokens: z.number(),
  kvLayout: z.string(),
  stateBytes: z.number(),
  stateSha256: z.string(),
  /** "machine": the system block and one machine's facts (pruned to the newest few); else the system block. */
  kind: z.enum(["system", "machine"]).optional(),
  /**
   * The state file as it was written (size, mtime, inode, ctime): while they still match, the file
   * is the one whose sha256 was recorded and it is not hashed again (~150 MB at 3B, a few hundred
   * ms of every turn 1). A file rewritten, replaced or copied (a baked state: another inode) is
   * hashed; so is one rewritten in place with its mtime set back (`touch -d`), whose ctime moved.
   * A description without the ctime (written before it was recorded) is never trusted on sight.
   */
  written: z
    .object({ size: z.number(), mtimeMs: z.number(), ino: z.number(), ctimeMs: z.number().optional() })
    .optional(),
});
type Meta = z.infer<typeof MetaSchema>;

/** Facts tokens per evaluation batch: big enough to run at prompt speed, small enough to stop soon. */
const FACTS_BATCH = 64;

/**
 * The facts' batch sizes: at least FACTS_BATCH tokens each, evenly split (204 tokens: 68 + 68 +
 * 68, not 64 + 64 + 64 + 12): a short last batch costs more per token (docs/llm.md, fifth round).
 */
export function factsBatches(tokens: number): number[] {
  if (tokens <= 0) return [];
  const k = Math.max(1, Math.floor(tokens / FACTS_BATCH));
  const base = Math.floor(tokens / k);
  return Array.from({ length: k }, (_, i) => base + (i < tokens % k ? 1 : 0));
}

/** Machine states kept per model file: the current facts and the one before (~150 MB each at 3B). */
export const MACHINE_STATES_KEPT = 2;

export function prefixHash(tokens: readonly Token[]): string {
  return createHash("sha256")
    .update(Uint32Array.from(tokens as unknown as number[]))
    .digest("hex");
}

export function stateKey(modelSha: string, tokens: readonly Token[], layout = kvLayout()): string {
  return createHash("sha256")
    .update(`${modelSha}\n${prefixHash(tokens)}\n${layout}`)
    .digest("hex")
    .slice(0, 32);
}

/** Records the model's sha256 beside the states baked for it (see modelSha256). */
export function writeBakedSha(modelPath: string, sha256: string): string {
  const st = statSync(modelPath);
  const file = bakedShaFile(modelPath);
  ensurePrivateDir(dirname(file));
  const baked = { file: basename(modelPath), size: st.size, mtimeS: mtimeS(st.mtimeMs), sha256 };
  writeFileNoFollow(file, `${JSON.stringify(baked, null, 2)}\n`);
  return file;
}

export interface PrefixStateOptions {
  /** Directories searched for a saved state, first match wins; default: `<model dir>/kv`, the user cache. */
  readDirs?: string[];
  /** Where a built state is saved; default the user cache's `kv/`. */
  writeDir?: string;
}

export interface PrefixStateResult {
  how: "loaded" | "built";
  /** Why a state file that was there was not used. */
  stale?: string;
  file?: string;
  ms: number;
  /** The system block's tokens. */
  tokens: number;
  /** Turn 1 only: the system block and this machine's facts, from the machine's own state or evaluated and saved. */
  machine?: { how: "loaded" | "built"; tokens: number };
  /** A background preparation stopped before the facts were all evaluated. */
  stopped?: boolean;
  /** The facts are left to the turn, evaluated in one batch with the words (not saved yet). */
  withWords?: boolean;
  /** Where `ms` went: checking state files (their checksums), loading one, evaluating, saving. */
  steps?: PrefixSteps;
}

export interface PrefixSteps {
  checkMs: number;
  loadMs: number;
  evalMs: number;
  /** Evaluation batches (tokens each). */
  batches: number[];
  saveMs: number;
}

const noSteps = (): PrefixSteps => ({ checkMs: 0, loadMs: 0, evalMs: 0, batches: [], saveMs: 0 });

function defaultDirs(modelPath: string): { read: string[]; write: string } {
  const write = join(userCacheDir(), "kv");
  return { read: [join(dirname(modelPath), "kv"), write], write };
}

export async function usable(
  file: string,
  metaFile: string,
  want: Omit<Meta, "stateBytes" | "stateSha256" | "kind" | "written">,
): Promise<string | undefined> {
  let meta: Meta;
  try {
    meta = MetaSchema.parse(JSON.parse(readFileSync(metaFile, "utf8")));
  } catch {
    return "its description is missing or unreadable";
  }
  if (meta.modelSha256 !== want.modelSha256) return "it was made for another model file";
  if (meta.prefixHash !== want.prefixHash || meta.tokens !== want.tokens)
    return "it was made for another prompt";
  if (meta.kvLayout !== want.kvLayout) return "it was made with another KV layout";
  if (!existsSync(file)) return "the state file is missing or has the wrong size";
  const st = statSync(file);
  if (st.size !== meta.stateBytes) return "the state file is missing or has the wrong size";
  const w = meta.written;
  if (
    w &&
    w.size === st.size &&
    w.mtimeMs === st.mtimeMs &&
    w.ino === st.ino &&
    w.ctimeMs !== undefined &&
    w.ctimeMs === st.ctimeMs
  )
    return undefined;
  if ((await sha256File(file)) !== meta.stateSha256) return "the state file's checksum does not match";
  return undefined;
}

function wanted(modelSha: string, tokens: readonly Token[], layout: string) {
  return {
    modelSha256: modelSha,
    prefixHash: prefixHash(tokens),
    tokens: tokens.length,
    kvLayout: layout,
  };
}

/**
 * Loads a saved state of exactly `tokens` into the empty `sequence` from the first directory that
 * holds a valid one. `file` when loaded; otherwise why a file that was there was not used.
 */
export async function loadPrefix(
  sequence: LlamaContextSequence,
  tokens: readonly Token[],
  modelSha: string,
  dirs: readonly string[],
  steps: PrefixSteps = noSteps(),
): Promise<{ file?: string; stale?: string }> {
  const layout = layoutOf(sequence);
  const key = stateKey(modelSha, tokens, layout);
  const want = wanted(modelSha, tokens, layout);
  let stale: string | undefined;
  for (const dir of dirs) {
    const file = join(dir, `${key}.kvstate`);
    const metaFile = join(dir, `${key}.json`);
    if (!existsSync(file) && !existsSync(metaFile)) continue;
    const tCheck = performance.now();
    const why = await usable(file, metaFile, want);
    steps.checkMs += performance.now() - tCheck;
    if (why) {
      stale ??= `${file}: ${why}`;
      continue;
    }
    try {
      const tLoad = performance.now();
      await sequence.loadStateFromFile(file, { acceptRisk: true });
      steps.loadMs += performance.now() - tLoad;
      const loaded = sequence.contextTokens;
      if (loaded.length === tokens.length && loaded.every((t, i) => t === tokens[i])) return { file };
      stale ??= `${file}: it holds other tokens`;
    } catch (e) {
      stale ??= `${file}: ${(e as Error).message}`;
    }
    await sequence.clearHistory();
  }
  return stale ? { stale } : {};
}

let saveFailure: string | undefined;
/** Why the last savePrefix could not save (once: the call clears it), for a warning. */
export function takeSaveFailure(): string | undefined {
  const why = saveFailure;
  saveFailure = undefined;
  return why;
}

/**
 * Saves the sequence's state (which holds exactly `tokens`) into `writeDir`; the file, or
 * undefined when it cannot be written (a read-only cache: the next run evaluates again).
 */
export async function savePrefix(
  sequence: LlamaContextSequence,
  tokens: readonly Token[],
  modelSha: string,
  writeDir: string,
  kind: "system" | "machine" = "system",
): Promise<string | undefined> {
  const layout = layoutOf(sequence);
  const key = stateKey(modelSha, tokens, layout);
  const file = join(writeDir, `${key}.kvstate`);
  // Never through a link planted in the cache, at the final or a temporary name (attack3 C1); a
  // cache that cannot be written costs only the speed-up (attack3 M6): see takeSaveFailure.
  let temp: ReturnType<typeof privateTempFile> | undefined;
  try {
    ensurePrivateDir(writeDir);
    temp = privateTempFile(file);
    const tmp = temp.tmp;
    const { fileSize } = await sequence.saveStateToFile(tmp);
    // A machine's state stays in the user cache where it was written (never baked, never copied),
    // so its file is checked by how it was written (below), never hashed: an empty checksum makes
    // any other file stale.
    const stateSha256 = kind === "machine" ? "" : await sha256File(tmp);
    temp.commit();
    const st = statSync(file);
    const meta: Meta = {
      ...wanted(modelSha, tokens, layout),
      stateBytes: fileSize,
      stateSha256,
      kind,
      written: { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, ctimeMs: st.ctimeMs },
    };
    writeFileNoFollow(join(writeDir, `${key}.json`), `${JSON.stringify(meta, null, 2)}\n`);
  } catch (e) {
    temp?.discard();
    saveFailure = (e as Error).message;
    return undefined;
  }
  if (kind === "machine") pruneMachineStates(writeDir, modelSha, key);
  return file;
}

/**
 * Keeps the newest MACHINE_STATES_KEPT machine states of a model in `dir` (`keep` among them):
 * the facts change when a recipe is installed, and every change would otherwise leave ~150 MB.
 */
function pruneMachineStates(dir: string, modelSha: string, keep: string): void {
  const states: { key: string; mtimeMs: number }[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".json")) continue;
    const key = name.slice(0, -".json".length);
    try {
      const meta = MetaSchema.parse(JSON.parse(readFileSync(join(dir, name), "utf8")));
      if (meta.kind !== "machine" || meta.modelSha256 !== modelSha) continue;
      states.push({
        key,
        mtimeMs: key === keep ? Number.POSITIVE_INFINITY : statSync(join(dir, name)).mtimeMs,
      });
    } catch {}
  }
  states.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const old of states.slice(MACHINE_STATES_KEPT)) {
    rmSync(join(dir, `${old.key}.kvstate`), { force: true });
    rmSync(join(dir, `${old.key}.json`), { force: true });
  }
}

/**
 * Puts `tokens` (the prefix) into the empty `sequence`: from a saved state when a valid one is
 * found, else by evaluating them and saving the state for next time.
 */
export async function loadOrBuildPrefix(
  sequence: LlamaContextSequence,
  tokens: readonly Token[],
  modelPath: string,
  modelSha: string,
  opts: PrefixStateOptions = {},
  steps: PrefixSteps = noSteps(),
): Promise<PrefixStateResult> {
  const t0 = performance.now();
  const dirs = defaultDirs(modelPath);
  const loaded = await loadPrefix(sequence, tokens, modelSha, opts.readDirs ?? dirs.read, steps);
  if (loaded.file)
    return { how: "loaded", file: loaded.file, ms: performance.now() - t0, tokens: tokens.length, steps };
  const stale = loaded.stale;
  await sequence.clearHistory();
  const tEval = performance.now();
  await sequence.evaluateWithoutGeneratingNewTokens([...tokens]);
  steps.evalMs += performance.now() - tEval;
  steps.batches.push(tokens.length);
  const tSave = performance.now();
  const file = await savePrefix(sequence, tokens, modelSha, opts.writeDir ?? dirs.write);
  steps.saveMs += performance.now() - tSave;
  return {
    how: "built",
    ...(stale ? { stale } : {}),
    ...(file ? { file } : {}),
    ms: performance.now() - t0,
    tokens: tokens.length,
    steps,
  };
}

/**
 * Turn 1's prompt up to the end of the machine's facts (`machine`, which starts with the system
 * block `system`) into the empty `sequence`: from the machine's own saved state (written to and
 * read from the user cache only: it depends on this machine), else from the system block's state
 * (./loadOrBuildPrefix) and an evaluation of the facts, saved (unless `save` is false) for the
 * next start on an unchanged machine (a second `levitate ask` evaluates only the request).
 */
export async function loadOrBuildMachine(
  sequence: LlamaContextSequence,
  system: readonly Token[],
  machine: readonly Token[],
  modelPath: string,
  modelSha: string,
  opts: PrefixStateOptions & { save?: boolean; stop?: () => boolean; evaluate?: boolean } = {},
): Promise<PrefixStateResult> {
  const t0 = performance.now();
  const steps = noSteps();
  const writeDir = opts.writeDir ?? defaultDirs(modelPath).write;
  const loaded = await loadPrefix(sequence, machine, modelSha, [writeDir], steps);
  if (loaded.file)
    return {
      how: "loaded",
      file: loaded.file,
      ms: performance.now() - t0,
      tokens: system.length,
      machine: { how: "loaded", tokens: machine.length },
      steps,
    };
  await sequence.clearHistory();
  const r = await loadOrBuildPrefix(sequence, system, modelPath, modelSha, opts, steps);
  // `evaluate: false` (a turn that is waiting): the caller evaluates the facts in one batch with
  // the words, and saves the machine's state (./savePrefix) when the turn is over.
  if (opts.evaluate === false)
    return {
      ...r,
      ...(loaded.stale && !r.stale ? { stale: loaded.stale } : {}),
      machine: { how: "built", tokens: machine.length },
      ms: performance.now() - t0,
      withWords: true,
    };
  // In batches, so that a background preparation can be stopped between two (`stop`): what was
  // evaluated stays in the context, and the turn that stopped it reuses what still matches.
  const facts = machine.slice(system.length) as Token[];
  const tEval = performance.now();
  let at = 0;
  for (const size of factsBatches(facts.length)) {
    if (opts.stop?.()) return { ...r, ms: performance.now() - t0, stopped: true };
    const batch = facts.slice(at, at + size);
    at += size;
    await sequence.evaluateWithoutGeneratingNewTokens(batch);
    steps.batches.push(batch.length);
  }
  steps.evalMs += performance.now() - tEval;
  const tSave = performance.now();
  if (opts.save !== false) await savePrefix(sequence, machine, modelSha, writeDir, "machine");
  steps.saveMs += performance.now() - tSave;
  return {
    ...r,
    ...(loaded.stale && !r.stale ? { stale: loaded.stale } : {}),
    machine: { how: "built", tokens: machine.length },
    ms: performance.now() - t0,
  };
}
