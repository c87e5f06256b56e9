import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the toolkit is installed (the folder of its package.json), from source or from dist/. */
function findPackageJson(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "package.json");
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
}

export const packageRoot = dirname(findPackageJson());

export const toolkitVersion: string = (
  JSON.parse(readFileSync(findPackageJson(), "utf8")) as { version: string }
).version;
