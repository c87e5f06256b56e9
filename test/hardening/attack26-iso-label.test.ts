import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Attacker 24 F12: `leviso inspect` printed an ISO's volume label raw, so a label holding ESC[31m
 * recoloured the terminal (--json escaped it already). Every ISO-given text is shown escaped.
 */

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "attack26-iso-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const haveXorriso = spawnSync("xorriso", ["-version"]).status === 0;

describe("leviso inspect shows the volume label escaped", () => {
  it.skipIf(!haveXorriso)(
    "a label with ESC[31m is printed as \\x1b[31m, nothing raw",
    () => {
      const tree = join(dir, "tree");
      mkdirSync(tree, { recursive: true });
      writeFileSync(join(tree, "a.txt"), "x");
      const iso = join(dir, "evil.iso");
      const mk = spawnSync("xorriso", ["-as", "mkisofs", "-quiet", "-V", "LBL\u001b[31m", "-o", iso, tree]);
      expect(mk.status, String(mk.stderr)).toBe(0);
      const r = spawnSync(
        process.execPath,
        ["--import", "tsx", join(ROOT, "cli/leviso.ts"), "inspect", iso],
        {
          cwd: ROOT,
          encoding: "utf8",
          env: { ...process.env, NO_COLOR: "1" },
          timeout: 90_000,
        },
      );
      const out = `${r.stdout}${r.stderr}`;
      expect(out).not.toContain("\u001b");
      expect(out).toMatch(/volume label {3}LBL\\x1b\[31m/);
    },
    120_000,
  );
});
