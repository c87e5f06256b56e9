/**
 * A bounded look at a GGUF file's header before anything parses it for real: node-llama-cpp's
 * reader believes the counts it reads, so a 24-byte file claiming 2^62 tensors made it allocate
 * until killed (attack3 M3), and a FIFO named `*.gguf` made it wait forever. Here every count and
 * length is checked against the bytes the file has left before it is used, and at most the
 * header (metadata and tensor descriptions, a few MB for a 3B model) is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { safeText } from "../../steps/terminalText.js";

export class GgufHeaderError extends Error {}

/** GGML_MAX_DIMS: no tensor has more dimensions. */
const MAX_DIMS = 4;
/** Arrays nest only one level in practice; a deeper file is refused, not recursed into. */
const MAX_ARRAY_DEPTH = 4;
/** Size in bytes of the fixed-size value types, by GGUF type id (8 string and 9 array are not). */
const FIXED: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

class Reader {
  private buf = Buffer.alloc(0);
  private bufAt = 0;
  pos = 0;
  constructor(
    private readonly fd: number,
    readonly size: number,
    private readonly what: string,
  ) {}
  fail(msg: string): never {
    throw new GgufHeaderError(`${this.what} is not a GGUF model file: ${msg}`);
  }
  /** `n` more bytes must exist in the file, else the header lies about its own length. */
  need(n: number | bigint, what: string): void {
    if (BigInt(this.pos) + BigInt(n) > BigInt(this.size))
      this.fail(`the file ends at ${this.size} bytes, before ${what} (${n} bytes from offset ${this.pos})`);
  }
  bytes(n: number): Buffer {
    this.need(n, "the header");
    if (this.pos < this.bufAt || this.pos + n > this.bufAt + this.buf.length) {
      const len = Math.min(Math.max(n, 1 << 20), this.size - this.pos);
      this.buf = Buffer.alloc(len);
      const got = readSync(this.fd, this.buf, 0, len, this.pos);
      if (got < n) this.fail(`the file ended while its header was read (offset ${this.pos})`);
      this.bufAt = this.pos;
    }
    const off = this.pos - this.bufAt;
    this.pos += n;
    return this.buf.subarray(off, off + n);
  }
  u32(): number {
    return this.bytes(4).readUInt32LE(0);
  }
  u64(): bigint {
    return this.bytes(8).readBigUInt64LE(0);
  }
  skip(n: bigint, what: string): void {
    this.need(n, what);
    this.pos += Number(n);
  }
  string(what: string): void {
    this.skip(this.u64(), what);
  }
  /** Reads a string's bytes (keys: to name them in a message); bounded like `string`. */
  text(what: string): string {
    const n = this.u64();
    this.need(n, what);
    return this.bytes(Number(n)).toString("utf8");
  }
}

function skipValue(r: Reader, type: number, key: string, depth: number): void {
  const fixed = FIXED[type];
  if (fixed !== undefined) {
    r.skip(BigInt(fixed), `the value of ${key}`);
    return;
  }
  if (type === 8) {
    r.string(`the string ${key}`);
    return;
  }
  if (type !== 9) r.fail(`${key} has an unknown value type ${type}`);
  if (depth >= MAX_ARRAY_DEPTH) r.fail(`${key} nests arrays more than ${MAX_ARRAY_DEPTH} deep`);
  const elemType = r.u32();
  const count = r.u64();
  const elemFixed = FIXED[elemType];
  if (elemFixed !== undefined) {
    r.skip(count * BigInt(elemFixed), `the array ${key} (${count} elements)`);
    return;
  }
  // Each string or array element takes at least 8 bytes (its length or type+count): check first.
  r.need(count * 8n, `the array ${key} (${count} elements)`);
  for (let i = 0n; i < count; i++) skipValue(r, elemType, key, depth + 1);
}

/**
 * Throws GgufHeaderError naming the problem when `path` is not a regular file whose GGUF header
 * (magic, version, metadata, tensor descriptions) fits inside it; returns quietly otherwise.
 */
export function precheckGguf(path: string): void {
  const what = safeText(path);
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new GgufHeaderError(`${what} cannot be read: ${(e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new GgufHeaderError(`${what} is not a regular file`);
    const r = new Reader(fd, st.size, what);
    if (st.size < 24) r.fail(`${st.size} bytes is shorter than a GGUF header (24 bytes)`);
    checkHeader(r);
  } finally {
    closeSync(fd);
  }
}

function checkHeader(r: Reader): void {
  const magic = r.bytes(4);
  if (magic.toString("latin1") !== "GGUF")
    r.fail(`it starts with ${safeText(JSON.stringify(magic.toString("latin1")))}, not "GGUF"`);
  const version = r.u32();
  if (version < 2 || version > 3) r.fail(`GGUF version ${version} (versions 2 and 3 are read)`);
  const tensors = r.u64();
  const keys = r.u64();
  // Smallest tensor description: an empty name (8), one dimension (4 + 8), type (4), offset (8);
  // smallest metadata entry: an empty key (8), type (4), a one-byte value.
  r.need(tensors * 32n + keys * 13n, `the header's ${tensors} tensors and ${keys} metadata keys`);
  for (let i = 0n; i < keys; i++) {
    const key = safeText(r.text(`metadata key ${i}`).slice(0, 80));
    skipValue(r, r.u32(), key, 0);
  }
  for (let i = 0n; i < tensors; i++) {
    r.string(`the name of tensor ${i}`);
    const dims = r.u32();
    if (dims < 1 || dims > MAX_DIMS) r.fail(`tensor ${i} has ${dims} dimensions (1 to ${MAX_DIMS})`);
    r.skip(BigInt(dims) * 8n + 4n + 8n, `tensor ${i}'s description`);
  }
}
