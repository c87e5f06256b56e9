import { createHash } from "node:crypto";

/**
 * How much slower than its CPU work a job runs on this machine right now: the wall time of a
 * fixed single-threaded job (hashing 1 GiB, about 0.7 s of CPU) over the CPU time it used. 1 on an idle machine; on
 * the shared 2-core box it follows the load (other engineers' tests, a TCG guest). CPU time barely
 * moves with the load, wall time does, so the ratio needs no reference measured elsewhere.
 */
export function measureContention(mib = 1024): { factor: number; wallMs: number; cpuMs: number } {
  const block = Buffer.alloc(1 << 20, 0x5a);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const h = createHash("sha256");
  for (let i = 0; i < mib; i++) h.update(block);
  h.digest();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { factor: Math.max(1, wallMs / Math.max(cpuMs, 1)), wallMs, cpuMs };
}

/**
 * A time limit measured on an unloaded machine, stretched by the contention measured now, up to
 * `maxFactor` times: a slow install on a busy machine is not a failure, a slowdown of the install
 * itself still is (it needs the same multiple of its baseline either way).
 */
export function scaledLimitMs(baseMs: number, factor: number, maxFactor = 6): number {
  return Math.round(baseMs * Math.min(Math.max(1, factor), maxFactor));
}
