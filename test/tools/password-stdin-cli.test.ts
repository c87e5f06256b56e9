import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeRoot } from "../helpers/env.js";

const ROOT = join(import.meta.dirname, "../..");
const FACTS = join(ROOT, "test/agent/fixtures/installed.json");
const PASSWORD = "Kx7-stdin-only-pw";

/** Runs `levitate` from source with `input` on stdin (a pipe: no terminal). */
function levitate(args: string[], input: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "cli/levitate.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

function planFile(dir: string): string {
  const f = join(dir, "plan.json");
  writeFileSync(
    f,
    JSON.stringify({
      version: 1,
      mode: "installed",
      steps: [{ tool: "createUser", args: { username: "bob", sudo: true } }],
    }),
  );
  return f;
}

/** The files useradd, groupadd and chpasswd --root need, and the dirs the plan writes into. */
function minimalRoot(): string {
  const t = mkdtempSync(join(tmpdir(), "levitate-pwstdin-root-"));
  mkdirSync(join(t, "etc/sudoers.d"), { recursive: true });
  mkdirSync(join(t, "var/log"), { recursive: true });
  writeFileSync(join(t, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  writeFileSync(join(t, "etc/group"), "root:x:0:\n");
  writeFileSync(join(t, "etc/shadow"), "root:*:19000:0:99999:7:::\n", { mode: 0o600 });
  writeFileSync(join(t, "etc/gshadow"), "root:*::\n", { mode: 0o600 });
  return t;
}

// None of these may run a step: PATH names no program, so a step that ran would fail loudly
// instead of changing this machine (ask targets /).
const NO_PROGRAMS = { PATH: "/nonexistent-levitate-test" };

describe("--password-stdin refusals: nothing runs", () => {
  it("levitate install without --plan refuses it (the chat reads stdin): exit 2", async () => {
    const r = await levitate(["install", "--password-stdin", "--facts", FACTS], "", NO_PROGRAMS);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--password-stdin needs --plan FILE");
  }, 120_000);

  it("levitate install --plan: too few lines names the missing secret; extra lines too; exit 1, target untouched", async () => {
    const target = mkdtempSync(join(tmpdir(), "levitate-pwstdin-target-"));
    const plan = planFile(mkdtempSync(join(tmpdir(), "levitate-pwstdin-plan-")));
    const args = [
      "install",
      "--plan",
      plan,
      "--facts",
      FACTS,
      "--target",
      target,
      "--yes",
      "--password-stdin",
    ];
    const none = await levitate(args, "", NO_PROGRAMS);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('missing line 1, for "Password for bob"');
    expect(none.stdout).not.toContain("[1/");
    const extra = await levitate(args, `${PASSWORD}\nsecond-${PASSWORD}\n`, NO_PROGRAMS);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toContain("stdin has 2 lines, but this plan asks for 1");
    expect(`${extra.stdout}${extra.stderr}`).not.toContain(PASSWORD);
    const empty = await levitate([...args, "--json"], "\r\n", NO_PROGRAMS);
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout)).toMatchObject({ ok: false, errors: [{ path: "(stdin)" }] });
    expect(readdirSync(target)).toEqual([]);
  }, 120_000);

  it("levitate ask: a missing password stops before the first step, exit 1", async () => {
    const r = await levitate(
      [
        "ask",
        "create user bob with sudo",
        "--facts",
        FACTS,
        "--backend",
        "rules",
        "--yes",
        "--password-stdin",
      ],
      "",
      NO_PROGRAMS,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing line 1, for "Password for bob"');
    expect(r.stdout).not.toContain("[1/");
  }, 120_000);

  it("levitate ask --dry-run --password-stdin reads nothing and changes nothing", async () => {
    const r = await levitate(
      [
        "ask",
        "create user bob with sudo",
        "--facts",
        FACTS,
        "--backend",
        "rules",
        "--dry-run",
        "--password-stdin",
      ],
      "",
      NO_PROGRAMS,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Dry run: nothing was changed.");
  }, 120_000);
});

describeRoot(
  "levitate install --plan F --yes --password-stdin (real useradd/chpasswd)",
  ["useradd", "chpasswd", "openssl", "visudo", "groupadd"],
  () => {
    it("sets bob's password from stdin; the hash verifies; the password is in no output nor the journal", async () => {
      const plan = planFile(mkdtempSync(join(tmpdir(), "levitate-pwstdin-plan-")));
      const outputs: string[] = [];
      for (const extra of [["--verbose"], ["--json"]]) {
        const t = minimalRoot();
        const r = await levitate(
          ["install", "--plan", plan, "--facts", FACTS, "--target", t, "--yes", "--password-stdin", ...extra],
          `${PASSWORD}\r\n`,
        );
        expect(r.code, r.stderr).toBe(0);
        outputs.push(r.stdout, r.stderr);
        const shadow = readFileSync(join(t, "etc/shadow"), "utf8");
        const hash =
          shadow
            .split("\n")
            .find((l) => l.startsWith("bob:"))
            ?.split(":")[1] ?? "";
        expect(hash).toMatch(/^\$6\$[^$]+\$/);
        const salt = hash.split("$")[2] as string;
        const again = execFileSync("openssl", ["passwd", "-6", "-salt", salt, "-stdin"], {
          input: `${PASSWORD}\n`,
        })
          .toString()
          .trim();
        expect(again).toBe(hash);
        expect(readFileSync(join(t, "etc/group"), "utf8")).toMatch(/^wheel:.*bob/m);
        expect(existsSync(join(t, "etc/sudoers.d/10-wheel"))).toBe(true);
        const journal = readFileSync(join(t, "var/log/levitate-install.log"), "utf8");
        outputs.push(journal);
        expect(journal).not.toContain(hash);
      }
      for (const o of outputs) expect(o).not.toContain(PASSWORD);
      expect(outputs.join("")).toContain("[1/");
    }, 180_000);
  },
);
