import { readFileSync, rmdirSync } from "node:fs";
import { dirname } from "node:path";

/** Removes `from` and its parents while they are empty, stopping after `upTo`. */
export function removeEmptyDirs(from: string, upTo: string): void {
  let d = from;
  for (;;) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === upTo || d === dirname(d)) return;
    d = dirname(d);
  }
}

/** A file's text, or null when there is none (a first install has no state copy yet). */
export function textOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}
