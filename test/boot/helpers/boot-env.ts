import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../cli/common.js";
import type { Accel } from "../../../leviso/qemu/argv.js";
import { withSlot } from "./boot-slot.js";

/** Commands every boot test needs on PATH (describeBoot checks them; CI installs them). */
export const bootCommands = [
  "qemu-system-x86_64",
  "timeout",
  "rpmbuild",
  "createrepo_c",
  "rpm",
  "mksquashfs",
  "xorriso",
  "chroot",
];

/** One boot's budget under TCG on a shared 2-core machine; measured boots take 1.5-3 min. */
export const bootTimeoutMs = 8 * 60_000;

/** The line the marker init prints last (test/boot/profile/airootfs/usr/sbin/init). */
export const bootMarker = /LEVITATE-BOOT-OK uptime=(\S+)/;

/**
 * TCG unless LEVITATE_QEMU_ACCEL=kvm: a /dev/kvm that opens but cannot run a guest (nested
 * virtualisation switched off) hangs silently instead of failing. `.ci/run` sets it when
 * `.ci/kvm-probe` booted a kernel under KVM to its panic within a minute.
 */
export function testAccel(): Accel {
  return process.env.LEVITATE_QEMU_ACCEL === "kvm" ? "kvm" : "tcg";
}

/** Full console logs of every boot, kept for post-mortems (CI can upload this folder). */
export function consoleLog(name: string): string {
  const dir = process.env.LEVITATE_BOOT_LOG_DIR ?? join(packageRoot, ".cache", "boot-logs");
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.log`);
}

/** Lines the marker init printed, by key (`kernel`, `root`, `firmware`, `id`). */
export function markerFacts(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const m = /^LEVITATE-BOOT (\w+)=(.*)$/.exec(l);
    if (m?.[1]) out[m[1]] = m[2] ?? "";
    const id = /^LEVITATE-ID (.*)$/.exec(l);
    if (id) out.id = id[1] ?? "";
  }
  return out;
}

/**
 * One QEMU at a time across vitest's parallel test files: two TCG guests on a 2-core machine
 * would each take twice as long and make the timeouts meaningless. Waiting is bounded by
 * {@link bootSlotWaitMs}; the test timeouts include it. The chain test (chain.test.ts) holds the
 * slot for its whole install under TCG (20-25 minutes on a loaded 2-core machine), so a boot
 * waiting behind it must wait that long.
 */
export const bootSlotWaitMs = 45 * 60_000;

export async function bootOneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  // First come, first served (helpers/boot-slot.ts): a boot is never passed over by later ones.
  return withSlot({ dir: join(packageRoot, ".cache", "boot-slot", "queue"), waitMs: bootSlotWaitMs }, fn);
}

/** A boot test's vitest timeout: the boot, a wait for another file's boot, and slack. */
export const bootTestTimeoutMs = bootTimeoutMs + bootSlotWaitMs + 60_000;
