import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FactsFileError, loadFactsFile, MAX_INPUT_FILE_BYTES } from "../../facts/load.js";
import { FactsSchema } from "../../facts/schema.js";
import { loadPlanFile } from "../../tools/run.js";

const REPO = join(import.meta.dirname, "../..");
const facts = FactsSchema.parse({
  mode: "live",
  disks: [{ path: "/dev/sda", sizeBytes: 500e9 }],
  recipes: [],
});

/**
 * Attack M3: `--plan /dev/zero` grew memory until killed; `--from-cmdline` had a 1 MiB cap and a
 * regular-file check, --plan and --facts none. Now both refuse before reading.
 */
describe("--plan and --facts: not a regular file, or over 1 MiB, is refused before it is read (M3)", () => {
  const dir = mkdtempSync(join(tmpdir(), "levitate-inputs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const zero = join(dir, "zero.json");
  symlinkSync("/dev/zero", zero);
  const fifo = join(dir, "fifo.json");
  execFileSync("mkfifo", [fifo]);
  const big = join(dir, "big.json");
  writeFileSync(big, "{}");
  truncateSync(big, MAX_INPUT_FILE_BYTES + 1);

  it.each([
    ["a link to /dev/zero", zero, "is not a regular file"],
    ["a FIFO (would block)", fifo, "is not a regular file"],
    ["a directory", dir, "is not a regular file"],
    [
      "a file over 1 MiB",
      big,
      `is ${MAX_INPUT_FILE_BYTES + 1} bytes, more than a plan file's ${MAX_INPUT_FILE_BYTES}`,
    ],
  ])("plan: %s", (_what, path, message) => {
    const r = loadPlanFile(path, facts);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]?.message).toContain(`plan file ${path} ${message}`);
  });

  it.each([
    ["a link to /dev/zero", zero, "is not a regular file"],
    ["a FIFO (would block)", fifo, "is not a regular file"],
    ["a file over 1 MiB", big, `more than a facts file's ${MAX_INPUT_FILE_BYTES}`],
  ])("facts: %s", (_what, path, message) => {
    expect(() => loadFactsFile(path)).toThrow(FactsFileError);
    expect(() => loadFactsFile(path)).toThrow(message);
  });

  it("through the CLI: --plan /dev/zero ends at once with the reason, memory never grows", () => {
    const factsFile = join(dir, "facts.json");
    writeFileSync(factsFile, JSON.stringify(facts));
    const t = Date.now();
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(REPO, "cli/levitate.ts"),
        "install",
        "--plan",
        zero,
        "--dry-run",
        "--facts",
        factsFile,
      ],
      { cwd: REPO, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(r.signal).toBeNull();
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("is not a regular file");
    expect(Date.now() - t).toBeLessThan(50_000);
  }, 60_000);
});
