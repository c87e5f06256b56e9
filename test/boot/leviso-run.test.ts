import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../cli/common.js";

const run = promisify(execFile);

/** `leviso run` as a person types it; only --dry-run here (no QEMU is started). */
async function levisoRun(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(
      process.execPath,
      ["--import", "tsx", join(packageRoot, "cli/leviso.ts"), "run", ...args],
      {
        cwd: packageRoot,
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("leviso run --dry-run", () => {
  const dir = mkdtempSync(join(tmpdir(), "leviso-run-"));
  const iso = join(dir, "live.iso");
  writeFileSync(iso, "");
  const code = join(dir, "CODE.fd");
  const vars = join(dir, "VARS.fd");
  writeFileSync(code, "");
  writeFileSync(vars, "");

  it("prints the same argv the boot tests use, as JSON", async () => {
    const r = await levisoRun(iso, "--bios", "--accel", "tcg", "--dry-run", "--json");
    expect(r.code).toBe(0);
    const cmd = JSON.parse(r.stdout) as { command: string; args: string[] };
    expect(cmd.command).toBe("qemu-system-x86_64");
    const line = cmd.args.join(" ");
    expect(line).toContain("-machine pc -accel tcg");
    expect(line).toContain(`media=cdrom,format=raw,readonly=on,file=${iso}`);
    expect(line).toContain("-serial mon:stdio");
  }, 30_000);

  it("boots UEFI with the given firmware and leaves no vars copy behind", async () => {
    const r = await levisoRun(
      iso,
      "--uefi",
      "--as",
      "usb",
      "--ovmf-code",
      code,
      "--ovmf-vars",
      vars,
      "--dry-run",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`if=pflash,format=raw,unit=0,readonly=on,file=${code}`);
    const copy = /unit=1,file=(\S+)/.exec(r.stdout)?.[1] ?? "";
    expect(copy).not.toBe(vars);
    expect(existsSync(copy)).toBe(false);
    expect(r.stdout).toContain("usb-storage");
  }, 30_000);

  it("refuses bad input with one message and exit code 2", async () => {
    const both = await levisoRun(iso, "--uefi", "--bios", "--dry-run");
    expect(both.code).toBe(2);
    expect(both.stderr.trim()).toBe("leviso run: --uefi and --bios exclude each other: pick one");
    const missing = await levisoRun(join(dir, "nope.iso"), "--dry-run");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.iso is not a file/);
    const half = await levisoRun(iso, "--ovmf-code", code, "--dry-run");
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/--ovmf-code and --ovmf-vars go together/);
  }, 60_000);
});
