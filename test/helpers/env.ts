import { execFileSync } from "node:child_process";
import { describe } from "vitest";

/**
 * Tests that need root, loop devices or QEMU run in CI, where `.ci/run` sets the env var that
 * makes them mandatory; elsewhere they skip with a message saying why.
 */
function rootAndLoopAvailable(): string | null {
  if (process.getuid?.() !== 0) return "not running as root";
  try {
    execFileSync("losetup", ["-f"], { stdio: "pipe" });
  } catch {
    return "no free loop device (losetup -f failed)";
  }
  return null;
}

function commandsMissing(cmds: string[]): string[] {
  return cmds.filter((c) => {
    try {
      execFileSync("sh", ["-c", `command -v ${c}`], { stdio: "pipe" });
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * `describe` for tests that need root + loop devices and the given commands.
 * With LEVITATE_ROOT_TESTS=1 (CI) a missing prerequisite fails instead of skipping.
 */
export function describeRoot(name: string, commands: string[], fn: () => void): void {
  gated("LEVITATE_ROOT_TESTS", name, [rootAndLoopAvailable()], commands, fn);
}

/** `describe` for tests that need external commands only (rpm, mksquashfs, xorriso, ...). */
export function describeWithTools(name: string, commands: string[], fn: () => void): void {
  gated("LEVITATE_TOOL_TESTS", name, [], commands, fn);
}

/** `describe` for QEMU boot tests: mandatory with LEVITATE_BOOT_TESTS=1. */
export function describeBoot(name: string, commands: string[], fn: () => void): void {
  gated("LEVITATE_BOOT_TESTS", name, [rootAndLoopAvailable()], commands, fn);
}

function gated(envVar: string, name: string, reasons: (string | null)[], commands: string[], fn: () => void) {
  const missing = commandsMissing(commands);
  const why = [
    ...reasons.filter((r): r is string => r !== null),
    ...(missing.length ? [`missing: ${missing.join(", ")}`] : []),
  ];
  if (why.length === 0) {
    describe(name, fn);
    return;
  }
  if (process.env[envVar] === "1") {
    describe(name, () => {
      throw new Error(`${name}: required because ${envVar}=1, but ${why.join("; ")}`);
    });
    return;
  }
  describe.skip(`${name} (skipped: ${why.join("; ")}; set ${envVar}=1 to require)`, fn);
}
