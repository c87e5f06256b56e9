import { lstatSync } from "node:fs";

/**
 * Why stat(2) failed on a path, in words that end a sentence naming it ("model file X …").
 * Only ENOENT is "does not exist": a loop of links, a denied directory or a dangling link each
 * exist and need a different fix, and "not found" sent users looking for a file that is there.
 */
export function whyUnreachable(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return isLink(path) ? "is a symbolic link to nothing (its target does not exist)" : "does not exist";
    case "ENOTDIR":
      return "does not exist (a part of its path is a file, not a directory)";
    case "ELOOP":
      return "is a loop of symbolic links (a link that leads back to itself)";
    case "EACCES":
    case "EPERM":
      return "cannot be reached: permission denied";
    case "ENAMETOOLONG":
      return "is too long a name";
    default:
      return `cannot be reached (${code ?? (err as Error | undefined)?.message ?? String(err)})`;
  }
}

/** Whether the path itself is a symbolic link (a dangling one stats as ENOENT). */
function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether the error says the path is simply absent (the one case a "get it" hint fits). */
export function isAbsent(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
