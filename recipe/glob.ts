import { readdirSync } from "node:fs";
import { join } from "node:path";

/** `*` and `?` stay within one path segment, `**` spans segments, `[abc]` is a class. */
export function globToRegExp(pattern: string): RegExp {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        i++;
        if (pattern[i + 1] === "/") {
          i++;
          re += "(?:.*/)?";
        } else re += ".*";
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close === -1) re += "\\[";
      else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`${re}$`);
}

/**
 * Files (and symlinks) below `dir` whose path relative to `dir` matches `pattern`, sorted.
 * Symlinked directories are not descended into, so a match never lies outside `dir`.
 */
export function globSync(dir: string, pattern: string): string[] {
  const re = globToRegExp(pattern.replace(/^\.\//, ""));
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (re.test(r)) out.push(r);
        walk(r);
      } else if (re.test(r)) out.push(r);
    }
  };
  walk("");
  return out.sort();
}
