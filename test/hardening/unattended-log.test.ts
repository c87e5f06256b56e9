import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { redactUrlCredentials } from "../../agent/unattended/cli.js";

/**
 * Attack M9: the unattended console log held every earlier try (URL credentials included) and was
 * copied world-readable to the new system. It is now one run's log, mode 0600, credentials redacted.
 */

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "levitate-m9-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fromCmdline(cmdline: string) {
  return spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "cli/levitate.ts"),
      "install",
      "--from-cmdline",
      "--cmdline",
      cmdline,
      "--dry-run",
      "--facts",
      join(ROOT, "test/agent/fixtures/live-three-disks.json"),
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", LEVITATE_UNATTENDED_DIR: dir },
      timeout: 60_000,
    },
  );
}

describe("the unattended console log", () => {
  it("redacts user:password in any URL", () => {
    expect(redactUrlCredentials("reading the plan from http://user:pw@10.0.0.1/p.json")).toBe(
      "reading the plan from http://***@10.0.0.1/p.json",
    );
    expect(redactUrlCredentials("https://token@host/x and ftp://a:b@c/d")).toBe(
      "https://***@host/x and ftp://***@c/d",
    );
    expect(redactUrlCredentials("mail me at vince@example.org, /dev/sda")).toBe(
      "mail me at vince@example.org, /dev/sda",
    );
  });

  it("is readable by root alone and holds no credentials", () => {
    const first = fromCmdline("levitate.plan=/nonexistent-first-m9.json");
    expect(first.stdout).toContain("nonexistent-first-m9.json");
    const second = fromCmdline("levitate.plan=http://user:secretpw@127.0.0.1:1/p.json");
    expect(second.status).not.toBe(0);
    // Refused at once, naming the fix, and the secret is not echoed.
    expect(second.stdout + second.stderr).toContain("user:password@ is not read");
    expect(second.stdout + second.stderr).not.toContain("secretpw");
    const log = readFileSync(join(dir, "console.log"), "utf8");
    expect(log).toContain("user:password@ is not read");
    expect(log).not.toContain("secretpw");
    expect(statSync(join(dir, "console.log")).mode & 0o777).toBe(0o600);
  });
});
