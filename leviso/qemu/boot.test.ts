import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bootUntilMarker } from "./boot.js";
import { BootFailure } from "./console.js";

/**
 * bootUntilMarker with a stand-in `qemu-system-x86_64` on PATH (a shell script that prints a
 * console and then hangs like a guest would): marker, timeout, early exit, and that the
 * "guest" is gone afterwards in every case. The real QEMU runs in test/boot/.
 */
const dir = mkdtempSync(join(tmpdir(), "fake-qemu-"));

function fakeQemu(body: string): void {
  const script = join(dir, "qemu-system-x86_64");
  writeFileSync(script, `#!/bin/sh\necho $$ > "${dir}/pid"\nprintf '%s\\n' "$@" > "${dir}/argv"\n${body}\n`);
  chmodSync(script, 0o755);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const machine = { image: "/x/live.iso", media: "cdrom", firmware: "bios", accel: "tcg" } as const;

describe("bootUntilMarker (stand-in QEMU)", () => {
  beforeAll(() => {
    process.env.PATH = `${dir}:${process.env.PATH}`;
  });

  it("returns at the marker and stops the guest", async () => {
    fakeQemu("echo 'Linux version 6.1'; echo 'LEVITATE-BOOT-OK uptime=4.2'; exec sleep 300");
    const log = join(dir, "console.log");
    const r = await bootUntilMarker({
      machine,
      marker: /LEVITATE-BOOT-OK uptime=(\S+)/,
      timeoutMs: 10_000,
      logFile: log,
    });
    expect(r.groups).toEqual(["4.2"]);
    expect(readFileSync(join(dir, "argv"), "utf8")).toContain("ide-cd,drive=boot0,bootindex=0");
    expect(readFileSync(log, "utf8")).toContain("Linux version 6.1\nLEVITATE-BOOT-OK");
    expect(alive(Number(readFileSync(join(dir, "pid"), "utf8")))).toBe(false);
  });

  it("times out with the last console lines and stops the guest", async () => {
    fakeQemu('i=0; while [ $i -lt 80 ]; do echo "line $i"; i=$((i+1)); done; exec sleep 300');
    const err = await bootUntilMarker({ machine, marker: /NEVER/, timeoutMs: 1500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BootFailure);
    expect((err as BootFailure).lastLines).toHaveLength(50);
    expect((err as BootFailure).lastLines.at(-1)).toBe("line 79");
    expect((err as Error).message).toMatch(/^no boot marker \/NEVER\/ within 2 s/);
    expect(alive(Number(readFileSync(join(dir, "pid"), "utf8")))).toBe(false);
  });

  it("reports QEMU's own error when it exits early", async () => {
    fakeQemu("echo 'qemu-system-x86_64: -drive file=/x/live.iso: Could not open' >&2; exit 1");
    await expect(bootUntilMarker({ machine, marker: /OK/, timeoutMs: 10_000 })).rejects.toThrow(
      /QEMU exited \(code 1\) before the boot marker appeared; QEMU said: .*Could not open/,
    );
  });

  it("makes a fresh OVMF vars copy per boot and removes it afterwards", async () => {
    const code = join(dir, "CODE.fd");
    const vars = join(dir, "VARS.fd");
    writeFileSync(code, "code");
    writeFileSync(vars, "pristine");
    fakeQemu("echo 'LEVITATE-BOOT-OK uptime=1'; exec sleep 300");
    await bootUntilMarker({
      machine: { ...machine, firmware: "uefi", ovmfCode: code, ovmfVars: vars },
      marker: /LEVITATE-BOOT-OK/,
      timeoutMs: 10_000,
    });
    const argv = readFileSync(join(dir, "argv"), "utf8");
    const copy = /unit=1,file=(\S+)/.exec(argv)?.[1] ?? "";
    expect(copy).not.toBe(vars);
    expect(copy).toMatch(/OVMF_VARS\.fd$/);
    expect(existsSync(copy)).toBe(false);
    expect(readFileSync(vars, "utf8")).toBe("pristine");
  });
});
