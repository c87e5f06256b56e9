/**
 * Attack 6 L5: `levitate model status --model LINK` with LINK a loop of symbolic links said
 * "model file … not found" (it exists; stat fails with ELOOP). Only an absent path is "not found";
 * the same held for `recipe --root` ("no such directory") and a recipe's file:// source.
 */
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readModelInfo } from "../../agent/llm/modelFile.js";
import { whyUnreachable } from "../../steps/pathProblem.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "attack6-loop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const loop = join(dir, "a.gguf");
symlinkSync(join(dir, "b.gguf"), loop);
symlinkSync(loop, join(dir, "b.gguf"));
const dangling = join(dir, "dangling.gguf");
symlinkSync(join(dir, "gone.gguf"), dangling);

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("it did not fail");
}

describe("a model path that is a link loop is not reported as not found (attack 6 L5)", () => {
  it("the loop, a dangling link and an absent file each get their own words", async () => {
    const looped = await rejection(readModelInfo(loop));
    expect(looped).toContain("is a loop of symbolic links");
    expect(looped).not.toMatch(/not found|model pull/);
    expect(await rejection(readModelInfo(dangling))).toContain("is a symbolic link to nothing");
    const absent = await rejection(readModelInfo(join(dir, "none.gguf")));
    expect(absent).toContain("does not exist (run `levitate model pull`, or pass --model FILE)");
  });
  it("a file below a regular file and a denied path are named as such", () => {
    expect(whyUnreachable("/x", Object.assign(new Error("x"), { code: "ENOTDIR" }))).toContain(
      "a part of its path is a file",
    );
    expect(whyUnreachable("/x", Object.assign(new Error("x"), { code: "EACCES" }))).toBe(
      "cannot be reached: permission denied",
    );
  });
});

describe("recipe --root that is a link loop is not 'no such directory' (attack 6 L5)", () => {
  it("says it is a loop", () => {
    const root = join(dir, "root-loop");
    symlinkSync(root, root);
    const r = runCli("recipe", ["list", "--root", root]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("is a loop of symbolic links");
    expect(r.stderr).not.toContain("no such directory");
  });
});
