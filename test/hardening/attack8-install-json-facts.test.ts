import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "attack8-l3-"));
const plan = join(dir, "plan.json");
writeFileSync(
  plan,
  JSON.stringify({
    version: 1,
    mode: "installed",
    steps: [{ tool: "setHostname", args: { hostname: "box" } }],
  }),
);
const badJson = join(dir, "bad.json");
writeFileSync(badJson, '{"mode": "installed",');

/**
 * Attacker 8, L3 (the remainder): `levitate install --plan … --json` with a --facts file that
 * cannot be read printed nothing on stdout. Every exit with --json prints one JSON document.
 */
describe("attacker 8 L3: install --json with an unreadable --facts prints one JSON document", () => {
  it.each([
    ["a missing file", "/nonexistent/facts.json", /no such file|ENOENT/],
    ["a directory", dir, /not a regular file/],
    ["a file that is not JSON", badJson, /JSON|json/],
  ])(
    "%s: {ok:false, errors:[…]} on stdout, exit 1",
    (_, facts, why) => {
      const r = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "cli/levitate.ts",
          "install",
          "--plan",
          plan,
          "--json",
          "--dry-run",
          "--facts",
          facts,
        ],
        { cwd: REPO, encoding: "utf8", timeout: 60_000 },
      );
      expect(r.status).toBe(1);
      const doc = JSON.parse(r.stdout) as { ok: boolean; errors: { path: string; message: string }[] };
      expect(doc.ok).toBe(false);
      expect(doc.errors).toHaveLength(1);
      expect(doc.errors[0]!.path).toBe("facts");
      expect(doc.errors[0]!.message).toMatch(why);
    },
    60_000,
  );
});
