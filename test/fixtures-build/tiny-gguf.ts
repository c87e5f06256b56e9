/**
 * Writes a tiny GGUF model (v3, F32, random weights) that node-llama-cpp loads like any model, so
 * the tests exercise the real loading, tokenizing, grammar and decoding path without a 2 GB file.
 *
 * - Architecture `llama` or `smollm3` (the latter is what SmolLM3-3B files declare).
 * - A byte-level BPE (`gpt2`) vocabulary of printable ASCII plus tab and newline only: with a full
 *   256-byte vocabulary, random weights pick UTF-8 continuation bytes that a grammar cannot undo.
 * - The special tokens of SmolLM3's prompt format (`<|im_start|>`, `<|im_end|>`, `<think>`,
 *   `<tool_call>`, ...) and, unless disabled, SmolLM3's own chat template.
 * - Deterministic: the same seed writes the same bytes.
 *
 * CLI: `npx tsx test/fixtures-build/tiny-gguf.ts OUT.gguf [--seed N] [--arch llama|smollm3]`.
 */
import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { rng } from "../helpers/prng.js";

export interface TinyGgufOptions {
  seed?: number;
  /** `llama` or `smollm3` load; any other name writes a file of an architecture we refuse (tests). */
  arch?: "llama" | "smollm3" | (string & {});
  /**
   * The chat template to embed: SmolLM3's (the fixture, default), a template text of your own, or
   * false for none (exercises the built-in renderer).
   */
  chatTemplate?: boolean | string;
  embedding?: number;
  layers?: number;
  heads?: number;
  contextLength?: number;
  /** Text to learn BPE merges from (e.g. the prompt); none: a bytes-only vocabulary. */
  corpus?: string;
  merges?: number;
  /** Metadata keys to leave out, to make a malformed model on purpose (tests of crash handling). */
  omitKeys?: string[];
}

/** The special tokens, in id order; SmolLM3 uses the same strings. */
export const TINY_SPECIAL_TOKENS = [
  "<|begin_of_text|>",
  "<|end_of_text|>",
  "<|im_start|>",
  "<|im_end|>",
  "<think>",
  "</think>",
  "<tool_call>",
  "</tool_call>",
] as const;

/**
 * SmolLM3-3B's own chat template (test/llm/fixtures/smollm3-chat-template.jinja, where it came
 * from is noted in test/llm/fixtures/README.md): the tiny model carries the real format.
 */
export const SMOLLM3_CHAT_TEMPLATE = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), "..", "llm", "fixtures", "smollm3-chat-template.jinja"),
  "utf8",
);

const GGUF_MAGIC = 0x46554747; // "GGUF" little-endian
const ALIGNMENT = 32;
enum T {
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
}
const GGML_TYPE_F32 = 0;
const TOKEN_NORMAL = 1;
const TOKEN_CONTROL = 3;
const TOKEN_USER_DEFINED = 4;

type KvValue =
  | { t: T.UINT32 | T.INT32 | T.FLOAT32; v: number }
  | { t: T.BOOL; v: boolean }
  | { t: T.STRING; v: string }
  | { t: T.ARRAY; of: T.STRING; v: string[] }
  | { t: T.ARRAY; of: T.INT32 | T.FLOAT32; v: number[] };

/** GPT-2's byte-level encoding: printable bytes stand for themselves, the rest move to U+0100+. */
function gpt2ByteChar(byte: number): string {
  const printable = (b: number) =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  if (printable(byte)) return String.fromCharCode(byte);
  let n = 0;
  for (let b = 0; b < byte; b++) if (!printable(b)) n++;
  return String.fromCharCode(256 + n);
}

/**
 * The byte-level alphabet (printable ASCII, tab, newline) plus up to `merges` BPE merges learnt
 * from `corpus`. Merges make the tiny model's prompts about three times shorter in tokens, like a
 * real tokenizer, which keeps the tests fast; without a corpus the vocabulary is bytes only.
 */
export function tinyVocabulary(
  corpus = "",
  merges = 400,
): { tokens: string[]; types: number[]; merges: string[] } {
  const tokens: string[] = [...TINY_SPECIAL_TOKENS];
  const types: number[] = TINY_SPECIAL_TOKENS.map((t) =>
    t.startsWith("<|") ? TOKEN_CONTROL : TOKEN_USER_DEFINED,
  );
  const alphabet = new Set<string>();
  for (const byte of [0x09, 0x0a, ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i)]) {
    tokens.push(gpt2ByteChar(byte));
    types.push(TOKEN_NORMAL);
    alphabet.add(gpt2ByteChar(byte));
  }
  const learnt = corpus ? learnMerges(corpus, merges, alphabet) : [];
  for (const m of learnt) {
    tokens.push(m.replace(" ", ""));
    types.push(TOKEN_NORMAL);
  }
  return { tokens, types, merges: learnt };
}

/** Textbook BPE training over GPT-2-style chunks (words with their leading space, digit runs, punctuation runs). */
function learnMerges(corpus: string, count: number, alphabet: Set<string>): string[] {
  const freq = new Map<string, number>();
  for (const chunk of corpus.match(/ ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+/g) ?? []) {
    freq.set(chunk, (freq.get(chunk) ?? 0) + 1);
  }
  const words: { symbols: string[]; n: number }[] = [];
  for (const [chunk, n] of freq) {
    const symbols = [...Buffer.from(chunk, "utf8")].map(gpt2ByteChar);
    if (symbols.every((c) => alphabet.has(c))) words.push({ symbols, n });
  }
  const merges: string[] = [];
  const known = new Set(alphabet);
  while (merges.length < count) {
    const pairs = new Map<string, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.symbols.length; i++) {
        const key = `${w.symbols[i]} ${w.symbols[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + w.n);
      }
    }
    let best: string | undefined;
    let bestN = 1;
    for (const [key, n] of pairs)
      if (n > bestN || (n === bestN && best !== undefined && key < best)) [best, bestN] = [key, n];
    if (!best) break;
    const [a, b] = best.split(" ") as [string, string];
    if (known.has(a + b)) {
      // Two different pairs spelling the same token: keep one, it is already in the vocabulary.
      for (const w of words) mergeIn(w.symbols, a, b);
      continue;
    }
    known.add(a + b);
    merges.push(best);
    for (const w of words) mergeIn(w.symbols, a, b);
  }
  return merges;
}

function mergeIn(symbols: string[], a: string, b: string): void {
  for (let i = 0; i + 1 < symbols.length; i++) {
    if (symbols[i] === a && symbols[i + 1] === b) symbols.splice(i, 2, a + b);
  }
}

class Writer {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.push(b);
  }
  i32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.push(b);
  }
  u64(n: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.push(b);
  }
  f32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.push(b);
  }
  str(s: string): void {
    const b = Buffer.from(s, "utf8");
    this.u64(b.length);
    this.push(b);
  }
  pad(): void {
    const rem = this.length % ALIGNMENT;
    if (rem) this.push(Buffer.alloc(ALIGNMENT - rem));
  }
  value(v: KvValue): void {
    if (v.t === T.UINT32) this.u32(v.v);
    else if (v.t === T.INT32) this.i32(v.v);
    else if (v.t === T.FLOAT32) this.f32(v.v);
    else if (v.t === T.BOOL) this.push(Buffer.from([v.v ? 1 : 0]));
    else if (v.t === T.STRING) this.str(v.v);
    else if (v.t === T.ARRAY) {
      this.u32(v.of);
      this.u64(v.v.length);
      for (const x of v.v) {
        if (v.of === T.STRING) this.str(x as string);
        else if (v.of === T.INT32) this.i32(x as number);
        else this.f32(x as number);
      }
    }
  }
  concat(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

interface Tensor {
  name: string;
  /** ggml order: dims[0] is the row length. */
  dims: number[];
  data: Float32Array;
}

/** The model file as bytes. */
export function tinyGguf(options: TinyGgufOptions = {}): Buffer {
  const seed = options.seed ?? 1;
  const arch = options.arch ?? "llama";
  const nEmbd = options.embedding ?? 64;
  const nLayer = options.layers ?? 2;
  const nHead = options.heads ?? 4;
  const nFf = nEmbd * 2;
  const nCtx = options.contextLength ?? 8192;
  const { tokens, types, merges } = tinyVocabulary(options.corpus, options.merges);
  const nVocab = tokens.length;
  const rand = rng(seed);

  const random = (n: number, scale: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (rand() * 2 - 1) * scale;
    return a;
  };
  const ones = (n: number) => new Float32Array(n).fill(1);
  const tensors: Tensor[] = [
    { name: "token_embd.weight", dims: [nEmbd, nVocab], data: random(nEmbd * nVocab, 1) },
    { name: "output_norm.weight", dims: [nEmbd], data: ones(nEmbd) },
    // Large output weights make the logits spread out, so sampling varies visibly with the seed.
    { name: "output.weight", dims: [nEmbd, nVocab], data: random(nEmbd * nVocab, 0.5) },
  ];
  const w = 1 / Math.sqrt(nEmbd);
  for (let l = 0; l < nLayer; l++) {
    const p = `blk.${l}.`;
    tensors.push(
      { name: `${p}attn_norm.weight`, dims: [nEmbd], data: ones(nEmbd) },
      { name: `${p}attn_q.weight`, dims: [nEmbd, nEmbd], data: random(nEmbd * nEmbd, w) },
      { name: `${p}attn_k.weight`, dims: [nEmbd, nEmbd], data: random(nEmbd * nEmbd, w) },
      { name: `${p}attn_v.weight`, dims: [nEmbd, nEmbd], data: random(nEmbd * nEmbd, w) },
      { name: `${p}attn_output.weight`, dims: [nEmbd, nEmbd], data: random(nEmbd * nEmbd, w) },
      { name: `${p}ffn_norm.weight`, dims: [nEmbd], data: ones(nEmbd) },
      { name: `${p}ffn_gate.weight`, dims: [nEmbd, nFf], data: random(nEmbd * nFf, w) },
      { name: `${p}ffn_up.weight`, dims: [nEmbd, nFf], data: random(nEmbd * nFf, w) },
      { name: `${p}ffn_down.weight`, dims: [nFf, nEmbd], data: random(nFf * nEmbd, 1 / Math.sqrt(nFf)) },
    );
  }

  const id = (t: string) => tokens.indexOf(t);
  const kv: [string, KvValue][] = [
    ["general.architecture", { t: T.STRING, v: arch }],
    ["general.name", { t: T.STRING, v: `levitate-tiny-${arch}-seed${seed}` }],
    ["general.file_type", { t: T.UINT32, v: 0 }], // ALL_F32
    ["general.alignment", { t: T.UINT32, v: ALIGNMENT }],
    [`${arch}.context_length`, { t: T.UINT32, v: nCtx }],
    [`${arch}.embedding_length`, { t: T.UINT32, v: nEmbd }],
    [`${arch}.block_count`, { t: T.UINT32, v: nLayer }],
    [`${arch}.feed_forward_length`, { t: T.UINT32, v: nFf }],
    [`${arch}.attention.head_count`, { t: T.UINT32, v: nHead }],
    [`${arch}.attention.head_count_kv`, { t: T.UINT32, v: nHead }],
    [`${arch}.attention.layer_norm_rms_epsilon`, { t: T.FLOAT32, v: 1e-5 }],
    [`${arch}.rope.freq_base`, { t: T.FLOAT32, v: 10000 }],
    [`${arch}.vocab_size`, { t: T.UINT32, v: nVocab }],
    ["tokenizer.ggml.model", { t: T.STRING, v: "gpt2" }],
    ["tokenizer.ggml.pre", { t: T.STRING, v: arch === "smollm3" ? "smollm" : "default" }],
    ["tokenizer.ggml.tokens", { t: T.ARRAY, of: T.STRING, v: tokens }],
    ["tokenizer.ggml.token_type", { t: T.ARRAY, of: T.INT32, v: types }],
    ["tokenizer.ggml.merges", { t: T.ARRAY, of: T.STRING, v: merges }],
    ["tokenizer.ggml.bos_token_id", { t: T.UINT32, v: id("<|begin_of_text|>") }],
    ["tokenizer.ggml.eos_token_id", { t: T.UINT32, v: id("<|im_end|>") }],
    ["tokenizer.ggml.padding_token_id", { t: T.UINT32, v: id("<|end_of_text|>") }],
    ["tokenizer.ggml.add_bos_token", { t: T.BOOL, v: false }],
  ];
  if (options.chatTemplate !== false)
    kv.push([
      "tokenizer.chat_template",
      {
        t: T.STRING,
        v: typeof options.chatTemplate === "string" ? options.chatTemplate : SMOLLM3_CHAT_TEMPLATE,
      },
    ]);

  if (options.omitKeys) {
    const omit = new Set(options.omitKeys.map((k) => k.replace("{arch}", arch)));
    for (let i = kv.length - 1; i >= 0; i--) if (omit.has((kv[i] as [string, KvValue])[0])) kv.splice(i, 1);
  }
  const out = new Writer();
  out.u32(GGUF_MAGIC);
  out.u32(3);
  out.u64(tensors.length);
  out.u64(kv.length);
  for (const [key, value] of kv) {
    out.str(key);
    out.u32(value.t);
    out.value(value);
  }
  let offset = 0;
  for (const t of tensors) {
    out.str(t.name);
    out.u32(t.dims.length);
    for (const d of t.dims) out.u64(d);
    out.u32(GGML_TYPE_F32);
    out.u64(offset);
    offset += Math.ceil(t.data.byteLength / ALIGNMENT) * ALIGNMENT;
  }
  out.pad();
  for (const t of tensors) {
    out.push(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    out.pad();
  }
  return out.concat();
}

/**
 * A random-weight GGUF of SmolLM3-3B's exact shape (36 layers, 2048 wide, 16 heads, 4 KV heads,
 * feed-forward 11,008, vocabulary 128,256, tied embeddings), Q4_0 weights: ~1.73 GB, the size and
 * compute of the real Q4 model, for bench/llm. Written tensor by tensor (never all in memory).
 *
 * The vocabulary is the byte alphabet, SmolLM3's special tokens, BPE merges learnt from `corpus`
 * (the prompt), and reserved tokens up to the real vocabulary size; `merges` is chosen so English
 * prompt text tokenizes at a real tokenizer's rate (~4 characters a token), not at one a byte.
 */
export interface SameShapeOptions {
  seed?: number;
  corpus: string;
  merges?: number;
  layers?: number;
  vocabSize?: number;
}

export const SMOLLM3_SHAPE = {
  layers: 36,
  embedding: 2048,
  heads: 16,
  kvHeads: 4,
  ff: 11008,
  vocab: 128_256,
};

const GGML_TYPE_Q4_0 = 2;
const Q4_0_BLOCK = 18; // f16 scale + 16 bytes of 4-bit weights, per 32 weights

export function writeSameShapeGguf(path: string, options: SameShapeOptions): string {
  const arch = "smollm3";
  const { embedding: nEmbd, heads: nHead, kvHeads, ff: nFf } = SMOLLM3_SHAPE;
  const nLayer = options.layers ?? SMOLLM3_SHAPE.layers;
  const nVocab = options.vocabSize ?? SMOLLM3_SHAPE.vocab;
  const voc = tinyVocabulary(options.corpus, options.merges ?? 3000);
  for (let i = voc.tokens.length; i < nVocab; i++) {
    voc.tokens.push(`<|reserved_special_token_${i}|>`);
    voc.types.push(TOKEN_CONTROL);
  }
  const headDim = nEmbd / nHead;
  const tensors: { name: string; dims: number[]; type: number }[] = [
    { name: "token_embd.weight", dims: [nEmbd, nVocab], type: GGML_TYPE_Q4_0 },
    { name: "output_norm.weight", dims: [nEmbd], type: GGML_TYPE_F32 },
  ];
  for (let l = 0; l < nLayer; l++) {
    const p = `blk.${l}.`;
    tensors.push(
      { name: `${p}attn_norm.weight`, dims: [nEmbd], type: GGML_TYPE_F32 },
      { name: `${p}attn_q.weight`, dims: [nEmbd, nEmbd], type: GGML_TYPE_Q4_0 },
      { name: `${p}attn_k.weight`, dims: [nEmbd, kvHeads * headDim], type: GGML_TYPE_Q4_0 },
      { name: `${p}attn_v.weight`, dims: [nEmbd, kvHeads * headDim], type: GGML_TYPE_Q4_0 },
      { name: `${p}attn_output.weight`, dims: [nEmbd, nEmbd], type: GGML_TYPE_Q4_0 },
      { name: `${p}ffn_norm.weight`, dims: [nEmbd], type: GGML_TYPE_F32 },
      { name: `${p}ffn_gate.weight`, dims: [nEmbd, nFf], type: GGML_TYPE_Q4_0 },
      { name: `${p}ffn_up.weight`, dims: [nEmbd, nFf], type: GGML_TYPE_Q4_0 },
      { name: `${p}ffn_down.weight`, dims: [nFf, nEmbd], type: GGML_TYPE_Q4_0 },
    );
  }
  const bytesOf = (t: { dims: number[]; type: number }) => {
    const n = t.dims.reduce((a, b) => a * b, 1);
    return t.type === GGML_TYPE_Q4_0 ? (n / 32) * Q4_0_BLOCK : n * 4;
  };
  const id = (t: string) => voc.tokens.indexOf(t);
  const kv: [string, KvValue][] = [
    ["general.architecture", { t: T.STRING, v: arch }],
    ["general.name", { t: T.STRING, v: "levitate-same-shape-smollm3-3b-q4_0-random" }],
    ["general.file_type", { t: T.UINT32, v: 2 }], // MOSTLY_Q4_0
    ["general.alignment", { t: T.UINT32, v: ALIGNMENT }],
    [`${arch}.context_length`, { t: T.UINT32, v: 65536 }],
    [`${arch}.embedding_length`, { t: T.UINT32, v: nEmbd }],
    [`${arch}.block_count`, { t: T.UINT32, v: nLayer }],
    [`${arch}.feed_forward_length`, { t: T.UINT32, v: nFf }],
    [`${arch}.attention.head_count`, { t: T.UINT32, v: nHead }],
    [`${arch}.attention.head_count_kv`, { t: T.UINT32, v: kvHeads }],
    [`${arch}.attention.layer_norm_rms_epsilon`, { t: T.FLOAT32, v: 1e-6 }],
    [`${arch}.rope.freq_base`, { t: T.FLOAT32, v: 5_000_000 }],
    [`${arch}.vocab_size`, { t: T.UINT32, v: nVocab }],
    ["tokenizer.ggml.model", { t: T.STRING, v: "gpt2" }],
    ["tokenizer.ggml.pre", { t: T.STRING, v: "smollm" }],
    ["tokenizer.ggml.tokens", { t: T.ARRAY, of: T.STRING, v: voc.tokens }],
    ["tokenizer.ggml.token_type", { t: T.ARRAY, of: T.INT32, v: voc.types }],
    ["tokenizer.ggml.merges", { t: T.ARRAY, of: T.STRING, v: voc.merges }],
    ["tokenizer.ggml.bos_token_id", { t: T.UINT32, v: id("<|begin_of_text|>") }],
    ["tokenizer.ggml.eos_token_id", { t: T.UINT32, v: id("<|im_end|>") }],
    ["tokenizer.ggml.padding_token_id", { t: T.UINT32, v: id("<|end_of_text|>") }],
    ["tokenizer.ggml.add_bos_token", { t: T.BOOL, v: false }],
    ["tokenizer.chat_template", { t: T.STRING, v: SMOLLM3_CHAT_TEMPLATE }],
  ];
  const head = new Writer();
  head.u32(GGUF_MAGIC);
  head.u32(3);
  head.u64(tensors.length);
  head.u64(kv.length);
  for (const [key, value] of kv) {
    head.str(key);
    head.u32(value.t);
    head.value(value);
  }
  let offset = 0;
  for (const t of tensors) {
    head.str(t.name);
    head.u32(t.dims.length);
    for (const d of t.dims) head.u64(d);
    head.u32(t.type);
    head.u64(offset);
    offset += Math.ceil(bytesOf(t) / ALIGNMENT) * ALIGNMENT;
  }
  head.pad();
  const fd = openSync(path, "w");
  try {
    writeSync(fd, head.concat());
    const rand = rng(options.seed ?? 1);
    // Scales ~0.02 (f16 0x251f) vary a little so no two rows are alike; nibbles are random.
    const scale = Buffer.alloc(2);
    for (const t of tensors) {
      const bytes = bytesOf(t);
      if (t.type === GGML_TYPE_F32) {
        writeSync(fd, Buffer.from(new Float32Array(bytes / 4).fill(1).buffer));
      } else {
        const chunk = 18 * 32768;
        for (let done = 0; done < bytes; done += chunk) {
          const b = randomBytes(Math.min(chunk, bytes - done));
          for (let i = 0; i < b.length; i += Q4_0_BLOCK) {
            scale.writeUInt16LE(0x2400 + Math.floor(rand() * 0x200));
            b[i] = scale[0] as number;
            b[i + 1] = scale[1] as number;
          }
          writeSync(fd, b);
        }
      }
      const pad = Math.ceil(bytes / ALIGNMENT) * ALIGNMENT - bytes;
      if (pad) writeSync(fd, Buffer.alloc(pad));
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

export function writeTinyGguf(path: string, options: TinyGgufOptions = {}): string {
  writeFileSync(path, tinyGguf(options));
  return path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const out = args.find((a, i) => !a.startsWith("-") && !args[i - 1]?.startsWith("--"));
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (!out) {
    process.stderr.write("usage: tiny-gguf.ts OUT.gguf [--seed N] [--arch llama|smollm3] [--no-template]\n");
    process.exit(2);
  }
  const arch = flag("--arch") === "smollm3" ? "smollm3" : "llama";
  writeTinyGguf(out, {
    seed: Number(flag("--seed") ?? 1),
    arch,
    chatTemplate: !args.includes("--no-template"),
  });
  process.stdout.write(`wrote ${out}\n`);
}
