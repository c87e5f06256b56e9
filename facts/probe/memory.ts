import { readFileSync } from "node:fs";
import type { Facts } from "../schema.js";

/**
 * MemTotal and MemAvailable from /proc/meminfo (the kernel's estimate of what can be allocated
 * without swapping, page cache it can drop included). Undefined when the file cannot be read or
 * lacks either line: the memory is then unknown, not zero.
 */
export function memoryFromMeminfo(text: string): Facts["memory"] {
  const kib = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB$`, "m").exec(text);
    return m?.[1] ? Number(m[1]) * 1024 : undefined;
  };
  const totalBytes = kib("MemTotal");
  const availableBytes = kib("MemAvailable");
  if (totalBytes === undefined || availableBytes === undefined) return undefined;
  return { totalBytes, availableBytes };
}

export function probeMemory(path = "/proc/meminfo"): Facts["memory"] {
  try {
    return memoryFromMeminfo(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}
