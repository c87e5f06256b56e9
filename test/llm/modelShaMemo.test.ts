/**
 * The model's sha256 memos (agent/llm/prefixState.ts, modelSha256) are trusted only while they
 * describe the file (attacker 3 L3): a rewrite in place keeps the size and the inode, `touch -d`
 * (utimes) sets the mtime back, but the ctime moves and cannot be set back.
 */
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { bakedShaFile, modelHashCount, modelSha256, sha256File } from "../../agent/llm/prefixState.js";
import { writeTinyModel } from "./tinyModel.js";

/** A sha256 no file here has: a memo that is trusted hands it back unchanged. */
const PLANTED = "ab".repeat(32);
const PAST_S = 1_764_900_000;

/** Overwrites 8 bytes in place (same inode, same size), then sets atime and mtime back to PAST_S. */
function rewriteInPlaceKeepingMtime(path: string): void {
  const before = statSync(path);
  const fd = openSync(path, "r+");
  try {
    writeSync(
      fd,
      Buffer.from([0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]),
      0,
      8,
      Math.floor(before.size / 2),
    );
  } finally {
    closeSync(fd);
  }
  utimesSync(path, PAST_S, PAST_S);
}

/** Until the coarse clock the kernel stamps ctime with has moved on (a few ms at most). */
async function nextTick(): Promise<void> {
  await new Promise((r) => setTimeout(r, 25));
}

function setup() {
  const model = writeTinyModel();
  const cache = mkdtempSync(join(os.tmpdir(), "levitate-shamemo-"));
  return { model, cache };
}

function writeBaked(model: string, memo: Record<string, unknown>): void {
  const file = bakedShaFile(model);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ file: basename(model), size: statSync(model).size, ...memo }));
}

describe("the model's sha256 memos describe the file or are not trusted (attacker 3 L3)", () => {
  it("a baked memo sealed with the file's ctime is trusted: nothing is hashed", async () => {
    const { model, cache } = setup();
    const st = statSync(model);
    writeBaked(model, {
      mtimeS: Math.floor(st.mtimeMs / 1000),
      ctimeS: Math.floor(st.ctimeMs / 1000),
      sha256: PLANTED,
    });
    const n = modelHashCount();
    expect(await modelSha256(model, cache)).toBe(PLANTED);
    expect(modelHashCount()).toBe(n);
  });

  it("a baked memo whose ctime does not match is not trusted: the file is hashed", async () => {
    const { model, cache } = setup();
    // The bake's mtime, set back as `touch -d` would: the ctime is now, not the sealed second.
    utimesSync(model, PAST_S, PAST_S);
    expect(Math.floor(statSync(model).ctimeMs / 1000)).not.toBe(PAST_S);
    writeBaked(model, { mtimeS: PAST_S, ctimeS: PAST_S, sha256: PLANTED });
    const n = modelHashCount();
    const sha = await modelSha256(model, cache);
    expect(sha).not.toBe(PLANTED);
    expect(sha).toBe(await sha256File(model));
    expect(modelHashCount()).toBe(n + 1);
  });

  it("a baked memo without ctimeS (a host's `model bake`) is still trusted on name, size and mtime", async () => {
    const { model, cache } = setup();
    writeBaked(model, { mtimeS: Math.floor(statSync(model).mtimeMs / 1000), sha256: PLANTED });
    expect(await modelSha256(model, cache)).toBe(PLANTED);
  });

  it("the user cache's memo: a file rewritten in place with its mtime restored is hashed again", async () => {
    const { model, cache } = setup();
    // Whole seconds, so that utimes can set it back exactly (as `touch -d` does).
    utimesSync(model, PAST_S, PAST_S);
    const first = await modelSha256(model, cache);
    const memoFile = join(cache, "sha256", `${basename(model)}.json`);
    const memo = JSON.parse(readFileSync(memoFile, "utf8"));
    expect(memo.ctimeMs).toBe(statSync(model).ctimeMs);
    // Trusted while it matches.
    const n = modelHashCount();
    expect(await modelSha256(model, cache)).toBe(first);
    expect(modelHashCount()).toBe(n);

    const before = statSync(model);
    await nextTick();
    rewriteInPlaceKeepingMtime(model);
    const after = statSync(model);
    // What the attack keeps: size, inode and mtime; only the ctime tells.
    expect([after.size, after.ino, after.mtimeMs]).toEqual([before.size, before.ino, before.mtimeMs]);
    expect(after.ctimeMs).not.toBe(before.ctimeMs);

    const second = await modelSha256(model, cache);
    expect(second).not.toBe(first);
    expect(second).toBe(await sha256File(model));
    expect(modelHashCount()).toBe(n + 1);
    expect(JSON.parse(readFileSync(memoFile, "utf8"))).toMatchObject({
      ctimeMs: after.ctimeMs,
      sha256: second,
    });
  });

  it("an old user-cache memo without ctimeMs is hashed again once and rewritten with it", async () => {
    const { model, cache } = setup();
    const st = statSync(model);
    const memoFile = join(cache, "sha256", `${basename(model)}.json`);
    mkdirSync(dirname(memoFile), { recursive: true });
    writeFileSync(
      memoFile,
      JSON.stringify({ size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha256: PLANTED }),
    );
    const n = modelHashCount();
    const sha = await modelSha256(model, cache);
    expect(sha).toBe(await sha256File(model));
    expect(sha).not.toBe(PLANTED);
    expect(modelHashCount()).toBe(n + 1);
    expect(JSON.parse(readFileSync(memoFile, "utf8"))).toMatchObject({ ctimeMs: st.ctimeMs, sha256: sha });
    // Once: the rewritten memo is trusted from now on.
    expect(await modelSha256(model, cache)).toBe(sha);
    expect(modelHashCount()).toBe(n + 1);
  });
});
