import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { AskSecretAction } from "../../steps/step.js";
import {
  MAX_SECRET_LINE_BYTES,
  PasswordStdinError,
  parseSecretLines,
  readAll,
} from "../../tools/passwordStdin.js";

const REPO = join(import.meta.dirname, "../..");
const ask = (secret: string, prompt: string, minLength = 8): AskSecretAction => ({
  kind: "askSecret",
  secret,
  prompt,
  confirm: true,
  minLength,
});
const two = [ask("luks", "Disk passphrase"), ask("password:bob", "Password for bob")];

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PasswordStdinError);
    return (e as Error).message;
  }
  throw new Error("accepted");
}

/**
 * Attack 6 M8: a NUL inside a `--password-stdin` line passed the length check, and openssl then
 * hashed only what came before it (`x\0yyyyyyyy` made a sudo user whose password is `x`).
 */
describe("--password-stdin refuses control characters, naming the line, never the value (attack 6 M8)", () => {
  it.each([
    ["a NUL", "passphrase123\nbobpass\0word-tail\n", "NUL"],
    ["an escape", "passphrase123\nbobpass\x1bword\n", "0x1b"],
    ["a DEL", "passphrase123\nbobpassword\x7f\n", "DEL"],
  ])("%s", (_what, input, name) => {
    const m = refusal(() => parseSecretLines(input, two));
    expect(m).toContain(`line 2 ("Password for bob") holds a control character (${name})`);
    expect(m).not.toContain("bobpass");
    expect(m).toContain("nothing was run");
  });

  it("a tab and a Windows line end are still allowed", () => {
    const m = parseSecretLines("pass\tphrase1\r\nbobpassword\n", two);
    expect(m.get("luks")).toBe("pass\tphrase1");
  });
});

/** Attack 6 M9: `--password-stdin < /dev/zero` grew to more than a GB and kept growing. */
describe("--password-stdin stops reading at a line longer than any secret (attack 6 M9)", () => {
  it("an endless line is refused once it passes the cap, without reading on", async () => {
    let served = 0;
    const endless = new Readable({
      read() {
        served += 1024;
        this.push(Buffer.alloc(1024));
      },
    });
    await expect(readAll(endless)).rejects.toThrow(
      `line 1 is longer than ${MAX_SECRET_LINE_BYTES} bytes, more than any password or passphrase`,
    );
    expect(served).toBeLessThan(64 * 1024);
  });

  it("the cap names the line it was passed on", async () => {
    const input = Readable.from([Buffer.from("short\n"), Buffer.from("x".repeat(MAX_SECRET_LINE_BYTES + 1))]);
    await expect(readAll(input)).rejects.toThrow(/line 2 is longer than/);
    await expect(
      readAll(Readable.from([Buffer.from("x".repeat(MAX_SECRET_LINE_BYTES))])),
    ).resolves.toHaveLength(MAX_SECRET_LINE_BYTES);
  });

  it("endless short lines stop after one more than the plan asks for", async () => {
    let served = 0;
    const lines = new Readable({
      read() {
        served++;
        this.push(Buffer.from("password1\n"));
      },
    });
    await expect(readAll(lines, MAX_SECRET_LINE_BYTES, 2)).rejects.toThrow(
      /more than 2 lines, but this plan asks for 2/,
    );
    expect(served).toBeLessThan(100);
  });

  it("levitate install --password-stdin < /dev/zero ends at once with the reason", () => {
    const dir = mkdtempSync(join(tmpdir(), "attack6-pwstdin-"));
    try {
      const facts = join(dir, "facts.json");
      writeFileSync(
        facts,
        JSON.stringify({
          mode: "installed",
          firmware: "uefi",
          filesystems: ["ext4"],
          disks: [],
          users: ["root"],
          recipes: [],
          installed: [],
        }),
      );
      const plan = join(dir, "plan.json");
      writeFileSync(
        plan,
        JSON.stringify({
          version: 1,
          mode: "installed",
          target: join(dir, "root"),
          steps: [{ tool: "createUser", args: { username: "bob", sudo: true } }],
        }),
      );
      const r = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "cli/levitate.ts",
          "install",
          "--plan",
          plan,
          "--facts",
          facts,
          "--yes",
          "--password-stdin",
        ],
        { cwd: REPO, stdio: [openSync("/dev/zero", "r"), "pipe", "pipe"], timeout: 60_000, encoding: "utf8" },
      );
      expect(r.signal).toBeNull();
      expect(r.status).not.toBe(0);
      expect(r.stderr + r.stdout).toContain("line 1 is longer than 4096 bytes");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
