import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BootFailure } from "./console.js";
import { SerialSession } from "./session.js";

/** A stand-in for a machine on a serial line: a login prompt without a newline, then a shell. */
const FAKE_MACHINE = [
  'printf "\\033[2Jboot...\\r\\nlogin: "',
  "read user",
  'printf "Password: "',
  "read pw",
  'if [ "$pw" = secret ]; then echo "Welcome, $user"; else echo "Login incorrect"; exit 1; fi',
  "exec sh",
].join("\n");

function fake(script = FAKE_MACHINE, fatal?: RegExp[]) {
  const log = join(mkdtempSync(join(tmpdir(), "serial-session-")), "console.log");
  const s = SerialSession.spawn(
    { command: "sh", args: ["-c", script] },
    { logFile: log, hardLimitMs: 60_000, ...(fatal ? { fatal } : {}) },
  );
  return { s, log };
}

describe("SerialSession (a shell standing in for QEMU's serial line)", () => {
  it("waits for a prompt without a newline, types, runs commands with their exit status", async () => {
    const { s, log } = fake();
    try {
      await s.expect(/login: $/, 10_000);
      s.send("ops\n");
      await s.expect(/Password: /, 10_000);
      s.send("secret\n");
      await s.expect(/Welcome, ops/, 10_000);
      expect(await s.sh("echo one; echo two", 10_000)).toEqual({ out: "one\ntwo", rc: 0 });
      expect(await s.sh("false", 10_000)).toEqual({ out: "", rc: 1 });
      expect((await s.sh("exit 7", 10_000).catch((e: unknown) => e)) instanceof BootFailure).toBe(true);
      expect(await s.waitExit(5000)).toBe(7);
      expect(readFileSync(log, "utf8")).toContain("Welcome, ops");
      expect(readFileSync(log, "utf8")).not.toContain("\u001b[2J");
    } finally {
      await s.close();
    }
  }, 30_000);

  it("an escape sequence cut between two reads is removed whole: the prompt around it still matches", async () => {
    // Two writes with a pause, as a serial line delivers them: `you>` ESC [ | 22m ` `.
    const { s } = fake('printf "levitate> ok\\n\\033[1myou>\\033["; sleep 0.3; printf "22m "; sleep 30');
    try {
      const m = await s.expect(/(levitate> [\s\S]*?)\nyou> $/, 10_000, "the prompt");
      expect(m[1]).toBe("levitate> ok");
    } finally {
      await s.close();
    }
  }, 30_000);

  it("a timeout says what it waited for and carries the last console lines", async () => {
    const { s } = fake();
    try {
      const e = (await s.expect(/never/, 500, "the shell prompt").catch((x: unknown) => x)) as BootFailure;
      expect(e).toBeInstanceOf(BootFailure);
      expect(e.reason).toMatch(/timed out after 1 s \(waiting for the shell prompt\)/);
      expect(e.lastLines.at(-1)).toBe("login: ");
    } finally {
      await s.close();
    }
  }, 30_000);

  it("a fatal console line fails the wait at once", async () => {
    const { s } = fake('echo "Kernel panic - not syncing: VFS"; sleep 30', [/Kernel panic - not syncing/]);
    const t0 = Date.now();
    try {
      const e = (await s.expect(/login:/, 20_000).catch((x: unknown) => x)) as BootFailure;
      expect(e.reason).toMatch(/fatal line: Kernel panic/);
      expect(Date.now() - t0).toBeLessThan(10_000);
    } finally {
      await s.close();
    }
    expect(s.exited).toBe(true);
  }, 30_000);

  it("the machine stopping fails a pending wait with how it stopped", async () => {
    const { s } = fake("echo bye; exit 3");
    try {
      const e = (await s.expect(/login:/, 20_000).catch((x: unknown) => x)) as BootFailure;
      expect(e.reason).toMatch(/exited \(code 3\)/);
      expect(e.lastLines).toContain("bye");
    } finally {
      await s.close();
    }
  }, 30_000);
});
