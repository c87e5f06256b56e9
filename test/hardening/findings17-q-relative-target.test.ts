import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { relativeTargetProblem } from "../../cli/levitate/targetPath.js";
import { runCli } from "../helpers/cli.js";

const REPO = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "findings17-q-l2-"));
const plan = join(dir, "plan.json");
writeFileSync(
  plan,
  JSON.stringify({
    version: 1,
    mode: "installed",
    steps: [{ tool: "setHostname", args: { hostname: "box" } }],
  }),
);

const levitate = (args: string[], input?: string) =>
  runCli("levitate", args, input !== undefined ? { input } : {});

/**
 * Attacker 10 L2: a relative --target crashed with a Node stack trace ("a root must be an
 * absolute path") in `install --plan … --dry-run` and in the chat right after "yes". Now a usage
 * error (exit 2) before anything is read, naming the absolute path to give instead.
 */
describe("attacker 10 L2: a relative --target is a usage error", () => {
  it("install --plan --dry-run --target rel: exit 2, the fix named, no stack trace", () => {
    const r = levitate(["install", "--plan", plan, "--dry-run", "--target", "rel"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--target must be an absolute path/);
    expect(r.stderr).toContain(`--target ${join(REPO, "rel")}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
  it("with --json: one JSON document naming the target", () => {
    const r = levitate(["install", "--plan", plan, "--dry-run", "--json", "--target", "./rel"]);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as { ok: boolean; errors: { path: string }[] };
    expect(doc.ok).toBe(false);
    expect(doc.errors[0]!.path).toBe("target");
  }, 60_000);
  it("the chat refuses it before the first turn, never after a yes", () => {
    const r = levitate(
      [
        "install",
        "--dry-run",
        "--backend",
        "rules",
        "--facts",
        join(REPO, "test/agent/fixtures/findings17-q-a10-live.json"),
        "--target",
        "rel",
      ],
      "install on sdb\nyes\n/quit\n",
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--target must be an absolute path/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
  it("an absolute --target still runs", () => {
    const r = levitate(["install", "--plan", plan, "--dry-run", "--target", join(dir, "root")]);
    expect(r.status).toBe(0);
    expect(relativeTargetProblem("/mnt")).toBeUndefined();
    expect(relativeTargetProblem(undefined)).toBeUndefined();
  }, 60_000);
});
