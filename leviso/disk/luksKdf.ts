/**
 * The key derivation cost an encrypted install asks of `cryptsetup luksFormat`, sized to the
 * machine it runs on, which is the machine that unlocks it at every boot.
 *
 * cryptsetup's own LUKS2 default is argon2id with up to 1 GiB of memory (never over half of the
 * RAM) for 2 s, then a benchmark that lowers the iterations (and the memory, if even 4 iterations
 * are too slow) to meet the time. A slow CPU thus gets little memory by itself (the chain test's
 * TCG guest: 64 MiB, 4 iterations, measured); a fast CPU with little RAM gets half of it: 1 GiB
 * on a 2 GiB live system whose root is a RAM overlay and whose programs are page cache of the
 * medium, which the argon2id buffer pushes out while the installer runs beside it, and the same
 * amount is needed again at every boot in the initramfs. Anaconda (blivet) caps the memory at
 * what is free only when less than 1 GiB is; we leave more room: a quarter of what the kernel
 * calls available.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

/** cryptsetup's own ceiling for LUKS2 (DEFAULT_LUKS2_MEMORY_KB): machines with 4 GiB available get it unchanged. */
export const LUKS_KDF_MAX_MEMORY_KIB = 1024 * 1024;
/** Below this the passphrase is the only cost left to an attacker with GPUs; a machine that cannot spare it cannot run the installer. */
export const LUKS_KDF_MIN_MEMORY_KIB = 64 * 1024;
/** The memory is rounded down to this step, so the argv does not change with every page the kernel frees. */
const MEMORY_STEP_KIB = 32 * 1024;
/**
 * cryptsetup's LUKS2 default, said explicitly: its benchmark spends this long on this machine,
 * so unlocking here (and at boot, same CPU) takes about that long. A slow CPU gets fewer
 * iterations (at least 4) and then less memory, never a longer unlock.
 */
export const LUKS_KDF_ITER_TIME_MS = 2000;

/** What the probe read from /proc/meminfo (facts.memory). */
export interface MachineMemory {
  totalBytes: number;
  availableBytes: number;
}

/** argon2id's memory cost in KiB for a machine; undefined when its memory is unknown (cryptsetup's own cap applies). */
export function luksKdfMemoryKiB(memory: MachineMemory | undefined): number | undefined {
  if (!memory) return undefined;
  const quarter = Math.floor(memory.availableBytes / 4 / KiB);
  // cryptsetup's own rule too: never more than half of the RAM.
  const half = Math.floor(memory.totalBytes / 2 / KiB);
  const cap = Math.min(LUKS_KDF_MAX_MEMORY_KIB, quarter, half);
  const stepped = Math.floor(cap / MEMORY_STEP_KIB) * MEMORY_STEP_KIB;
  return Math.max(LUKS_KDF_MIN_MEMORY_KIB, stepped);
}

/** The options luksFormat gets: the KDF, its memory ceiling (when the memory is known) and its time. */
export function luksKdfArgs(memory: MachineMemory | undefined): string[] {
  const kib = luksKdfMemoryKiB(memory);
  return [
    "--pbkdf",
    "argon2id",
    ...(kib === undefined ? [] : ["--pbkdf-memory", String(kib)]),
    "--iter-time",
    String(LUKS_KDF_ITER_TIME_MS),
  ];
}

/** For plan printouts: the memory cost in words. */
export function describeLuksKdf(memory: MachineMemory | undefined): string {
  const kib = luksKdfMemoryKiB(memory);
  return kib === undefined
    ? `argon2id, ${LUKS_KDF_ITER_TIME_MS / 1000} s, cryptsetup's memory cap`
    : `argon2id, up to ${Math.round((kib * KiB) / MiB)} MiB, ${LUKS_KDF_ITER_TIME_MS / 1000} s`;
}
