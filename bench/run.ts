/**
 * `npm run bench [area…]`: runs each area's benchmark (bench/<area>/index.ts). Every benchmark
 * prints ratios against a baseline measured in the same run, never absolute pass/fail times.
 */

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith("-"));
const areas = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, "index.ts")))
  .map((d) => d.name)
  .filter((a) => wanted.length === 0 || wanted.includes(a));

let failed = 0;
for (const area of areas) {
  process.stdout.write(`\n== bench/${area} ==\n`);
  // Each area in its own process: benchmarks must not share a warmed-up JIT or a loaded model.
  const tsx = join(here, "..", "node_modules", ".bin", "tsx");
  const r = spawnSync(tsx, [fileURLToPath(pathToFileURL(join(here, area, "index.ts"))), ...passThrough], {
    stdio: "inherit",
  });
  if (r.status !== 0) failed++;
}
if (areas.length === 0) process.stdout.write("no benchmarks found\n");
process.exit(failed ? 1 : 0);
