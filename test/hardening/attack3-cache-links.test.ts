/**
 * attack3 C1 and M6: the llm cache's files (a prefix state and its description, the model's
 * sha256 memo, `model bake`'s memo beside the model) are never written through a symlink planted
 * at their name; a cache that cannot be written costs only the saved state, never the request.
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import { join } from "node:path";
import type { LlamaContextSequence, Token } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import { writeFileNoFollow } from "../../agent/files/noFollowWrite.js";
import {
  bakedShaFile,
  modelSha256,
  savePrefix,
  stateKey,
  takeSaveFailure,
  writeBakedSha,
} from "../../agent/llm/prefixState.js";

const tmp = () => mkdtempSync(join(os.tmpdir(), "attack3-cache-"));

/** What savePrefix needs of a sequence: a context and a state writer that writes to a path. */
function fakeSequence(): LlamaContextSequence {
  return {
    context: {},
    saveStateToFile: async (path: string) => {
      writeFileSync(path, "STATE");
      return { fileSize: 5 };
    },
  } as unknown as LlamaContextSequence;
}

function victim(dir: string, name: string): string {
  const v = join(dir, name);
  writeFileSync(v, "VICTIM\n");
  return v;
}

describe("attack3 C1: cache files are never written through a symlink", () => {
  it("savePrefix replaces links at the state's and the description's names; the targets are untouched", async () => {
    const d = tmp();
    const kv = join(d, "kv");
    mkdirSync(kv);
    const tokens = [1, 2, 3] as Token[];
    const key = stateKey("abc", tokens);
    const v1 = victim(d, "victim1");
    const v2 = victim(d, "victim2");
    symlinkSync(v1, join(kv, `${key}.kvstate`));
    symlinkSync(v2, join(kv, `${key}.json`));
    const file = await savePrefix(fakeSequence(), tokens, "abc", kv);
    expect(file).toBe(join(kv, `${key}.kvstate`));
    expect(readFileSync(v1, "utf8")).toBe("VICTIM\n");
    expect(readFileSync(v2, "utf8")).toBe("VICTIM\n");
    expect(lstatSync(join(kv, `${key}.json`)).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(join(kv, `${key}.json`), "utf8")).modelSha256).toBe("abc");
    expect(readFileSync(join(kv, `${key}.kvstate`), "utf8")).toBe("STATE");
    // No temporary file or directory is left behind.
    expect(readdirSync(kv).sort()).toEqual([`${key}.json`, `${key}.kvstate`]);
  });

  it("the sha256 memo in the user cache and the baked memo beside the model replace links", async () => {
    const d = tmp();
    const model = join(d, "m.gguf");
    writeFileSync(model, "GGUF-ish bytes");
    const cache = join(d, "cache");
    mkdirSync(join(cache, "sha256"), { recursive: true });
    const v3 = victim(d, "victim3");
    symlinkSync(v3, join(cache, "sha256", "m.gguf.json"));
    const sha = await modelSha256(model, cache);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(v3, "utf8")).toBe("VICTIM\n");
    expect(JSON.parse(readFileSync(join(cache, "sha256", "m.gguf.json"), "utf8")).sha256).toBe(sha);

    mkdirSync(join(d, "kv"));
    const v6 = victim(d, "victim6");
    symlinkSync(v6, bakedShaFile(model));
    writeBakedSha(model, sha);
    expect(readFileSync(v6, "utf8")).toBe("VICTIM\n");
    expect(JSON.parse(readFileSync(bakedShaFile(model), "utf8")).sha256).toBe(sha);
  });

  it("a cache directory that is a link is refused (nothing written through it)", async () => {
    const d = tmp();
    const elsewhere = join(d, "elsewhere");
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(d, "kv"));
    expect(await savePrefix(fakeSequence(), [1] as Token[], "abc", join(d, "kv"))).toBeUndefined();
    expect(takeSaveFailure()).toMatch(/symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it("writeFileNoFollow never opens an existing path: a link at the name is replaced", () => {
    const d = tmp();
    const v = victim(d, "v");
    symlinkSync(v, join(d, "f"));
    writeFileNoFollow(join(d, "f"), "new");
    expect(readFileSync(v, "utf8")).toBe("VICTIM\n");
    expect(lstatSync(join(d, "f")).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(d, "f"), "utf8")).toBe("new");
  });
});

describe("attack3 M6: an unwritable cache costs the saved state, never the request", () => {
  it("a cache path that is a file: savePrefix returns undefined and says why once", async () => {
    const d = tmp();
    writeFileSync(join(d, "levitate"), "x");
    await expect(
      savePrefix(fakeSequence(), [1] as Token[], "abc", join(d, "levitate", "kv")),
    ).resolves.toBeUndefined();
    expect(takeSaveFailure()).toMatch(/ENOTDIR|not a directory|EEXIST/);
    expect(takeSaveFailure()).toBeUndefined();
  });

  it("modelSha256 still answers when the memo cannot be written", async () => {
    const d = tmp();
    const model = join(d, "m.gguf");
    writeFileSync(model, "x");
    writeFileSync(join(d, "cache"), "not a directory");
    await expect(modelSha256(model, join(d, "cache"))).resolves.toMatch(/^[0-9a-f]{64}$/);
  });
});
