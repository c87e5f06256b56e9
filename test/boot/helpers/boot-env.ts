import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../cli/common.js";
import type { Accel } from "../../../leviso/qemu/argv.js";

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
 * TCG unless LEVITATE_QEMU_ACCEL=kvm: CI has no KVM, and a /dev/kvm that opens but cannot run a
 * guest (nested virtualisation switched off) hangs silently instead of failing.
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
