/**
 * Attack 6 L8: a file name given on the command line (--facts, eval --dataset, recipe --recipes
 * and --root) was printed raw at the head of an error: an ESC sequence in it reached the terminal
 * and a newline in it forged a line of its own ("[FAKE] all good.json: 1 error").
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatasetError, loadDataset } from "../../eval/dataset.js";
import { FactsFileError, loadFactsFile } from "../../facts/load.js";

const dir = mkdtempSync(join(tmpdir(), "attack6-names-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EVIL = "e\x1b]2;PWN\x07\n[FAKE] all good";
const REPO = join(import.meta.dirname, "../..");

/** The message of what `fn` throws. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("nothing was thrown");
}

/** No ESC, BEL or other control character; newlines only where `lines` allows them. */
function expectPrintable(text: string, lines = 1): void {
  expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  expect(text.split("\n").length).toBeLessThanOrEqual(lines);
}

describe("--facts: the file's name is shown escaped (attack 6 L8)", () => {
  it("not JSON, missing, and not valid facts", () => {
    const bad = join(dir, `${EVIL}.json`);
    writeFileSync(bad, "{bad");
    const notJson = thrown(() => loadFactsFile(bad));
    expect(notJson).toBeInstanceOf(FactsFileError);
    expectPrintable(notJson.message);
    expect(notJson.message).toContain("e\\x1b]2;PWN\\x07\\n[FAKE] all good.json is not valid JSON");

    // Node's ENOENT message quotes the path a second time.
    const missing = thrown(() => loadFactsFile(`${bad}.none`));
    expectPrintable(missing.message);
    expect(missing.message).toContain("cannot read facts file");

    const wrong = join(dir, `${EVIL}-wrong.json`);
    writeFileSync(wrong, JSON.stringify({ mode: "\x1b[2J" }));
    const invalid = thrown(() => loadFactsFile(wrong));
    expect(invalid.message.split("\n")[0]).toMatch(
      /^facts file .*\\n\[FAKE\] all good-wrong\.json is not valid/,
    );
    expectPrintable(invalid.message, 100);
  });
});

describe("eval --dataset: the file's name and its errors are shown escaped (attack 6 L8)", () => {
  it("not JSON and missing", () => {
    const bad = join(dir, `${EVIL}.jsonl`);
    writeFileSync(bad, "{bad\n");
    for (const p of [bad, `${bad}.none`]) {
      const e = thrown(() => loadDataset(p));
      expect(e).toBeInstanceOf(DatasetError);
      // The header and one line per error, nothing more.
      expectPrintable(e.message, 2);
      expect(e.message.split("\n")[0]).toContain("\\n[FAKE] all good.jsonl");
    }
  });
});

describe("recipe --recipes/--root/--cache: a directory holding a control character is refused (attack 6 L8)", () => {
  const recipe = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "cli/recipe.ts", ...args], {
      cwd: REPO,
      encoding: "utf8",
      timeout: 60_000,
    });
  it("refused as a usage error, the name never echoed raw", () => {
    const d = join(dir, EVIL);
    mkdirSync(d, { recursive: true });
    for (const args of [
      ["list", "--recipes", d],
      ["list", "--root", d],
      ["list", "--cache", d],
    ]) {
      const r = recipe(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("the path holds a control character");
      expect(r.stderr + r.stdout).not.toMatch(/[\x07\x1b]|\n\[FAKE\]/);
    }
  });
});
