/**
 * attack3 M3, L5, L4, L7: a GGUF header whose counts or lengths cannot fit in the file (or a FIFO
 * named *.gguf) is refused in milliseconds by every reader; `model pull` checks the bytes it
 * verified are a GGUF; text from a model's header or a server's file name is printed escaped.
 */

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GgufHeaderError, precheckGguf } from "../../agent/llm/ggufPrecheck.js";
import { ModelFileError, readModelInfo } from "../../agent/llm/modelFile.js";
import { PullError, pullModel } from "../../agent/llm/pull.js";
import { FILE, type HfServer, startHfServer } from "../llm/hfServer.js";

const tmp = () => mkdtempSync(join(os.tmpdir(), "attack3-gguf-"));
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};
const str = (s: string) => Buffer.concat([u64(BigInt(Buffer.byteLength(s))), Buffer.from(s)]);
const header = (tensors: bigint, keys: bigint) =>
  Buffer.concat([Buffer.from("GGUF"), u32(3), u64(tensors), u64(keys)]);

function file(bytes: Buffer): string {
  const p = join(tmp(), "m.gguf");
  writeFileSync(p, bytes);
  return p;
}

/** Runs `f` and returns how many ms it took to throw. */
function throwsFast(f: () => void, pattern: RegExp): number {
  const t0 = performance.now();
  expect(f).toThrow(pattern);
  return performance.now() - t0;
}

describe("attack3 M3: absurd GGUF headers are refused at once", () => {
  it("2^62 tensors and keys in a 24-byte file", () => {
    const p = file(header(2n ** 62n, 2n ** 62n));
    expect(throwsFast(() => precheckGguf(p), /ends at 24 bytes/)).toBeLessThan(1000);
  });
  it("a string length beyond the file, a metadata count beyond the file, an array count beyond the file", () => {
    const longKey = file(Buffer.concat([header(0n, 1n), u64(2n ** 60n), Buffer.alloc(16)]));
    expect(() => precheckGguf(longKey)).toThrow(GgufHeaderError);
    const manyKeys = file(Buffer.concat([header(0n, 1000n), str("a"), u32(4), u32(1)]));
    expect(() => precheckGguf(manyKeys)).toThrow(/1000 metadata keys/);
    const bigArray = file(
      Buffer.concat([header(0n, 1n), str("tok"), u32(9), u32(8), u64(2n ** 40n), Buffer.alloc(64)]),
    );
    expect(() => precheckGguf(bigArray)).toThrow(/the array tok/);
  });
  it("a FIFO, a directory, an empty file and a text file: refused without waiting", () => {
    const d = tmp();
    execFileSync("mkfifo", [join(d, "fifo.gguf")]);
    expect(throwsFast(() => precheckGguf(join(d, "fifo.gguf")), /not a regular file/)).toBeLessThan(1000);
    expect(() => precheckGguf(d)).toThrow(/not a regular file/);
    expect(() => precheckGguf(file(Buffer.alloc(0)))).toThrow(/shorter than a GGUF header/);
    expect(() => precheckGguf(file(Buffer.from("hello, this is not a model at all")))).toThrow(/not "GGUF"/);
  });
  it("a well-formed header passes", () => {
    expect(() =>
      precheckGguf(
        file(
          Buffer.concat([
            header(0n, 2n),
            str("general.architecture"),
            u32(8),
            str("smollm3"),
            str("n"),
            u32(4),
            u32(7),
          ]),
        ),
      ),
    ).not.toThrow();
  });
  it("readModelInfo (model status, the auto backend, checkModelFile) refuses it as a ModelFileError, fast", async () => {
    const p = file(header(2n ** 62n, 2n ** 62n));
    const t0 = performance.now();
    await expect(readModelInfo(p)).rejects.toThrow(ModelFileError);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("attack3 L7: a model's header text is escaped", () => {
  it("an architecture holding ESC and BEL comes back with them visible", async () => {
    const p = file(
      Buffer.concat([header(0n, 1n), str("general.architecture"), u32(8), str("\u001b[2J\u0007zz")]),
    );
    const info = await readModelInfo(p);
    expect(info.architecture).toBe("\\x1b[2J\\x07zz");
    expect(info.architecture).not.toMatch(/\u001b|\u0007/);
  });
});

let server: HfServer | undefined;
afterEach(() => server?.close());

describe("attack3 L5, L4: model pull", () => {
  it("bytes that match their checksum but are not a GGUF are refused and removed, not 'verified'", async () => {
    server = await startHfServer(randomBytes(300_000));
    const dir = tmp();
    await expect(pullModel({ baseUrl: server.base, dir, retries: 0 })).rejects.toThrow(PullError);
    await expect(pullModel({ baseUrl: server.base, dir, retries: 0 })).rejects.toThrow(/not a model/);
    expect(existsSync(join(dir, FILE))).toBe(false);
  });
  it("a server's file name with escape sequences is refused and printed escaped", async () => {
    server = await startHfServer(randomBytes(1000), "x\u001b[2J\u0007.gguf");
    const err = await pullModel({ baseUrl: server.base, dir: tmp(), retries: 0 }).catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/x\\x1b\[2J\\x07\.gguf/);
    expect(String((err as Error).message)).not.toMatch(/\u001b/);
  });
});
