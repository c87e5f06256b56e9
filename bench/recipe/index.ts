// Benchmarks for recipe: `npx tsx bench/recipe/index.ts`. Prints ratios against a baseline
// measured in the same run; asserts nothing.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { install, planInstall } from "../../recipe/api.js";
import { loadRecipe } from "../../recipe/loader.js";
import { writeFileAtomic } from "../../recipe/state.js";
import { rawTarGz } from "../../test/recipe/archives.js";
import { makeWorld, recipe, sha256 } from "../../test/recipe/fixture.js";

async function time(n: number, fn: (i: number) => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  return Number(process.hrtime.bigint() - t0) / 1e6 / n;
}

const w = makeWorld();
try {
  // 1. State write-back: atomic (temp + fsync + rename + dir fsync) against a plain overwrite.
  const text = "let installed = true;\n".repeat(200);
  const f = join(w.dir, "r.rhai");
  const plain = await time(200, () => writeFileSync(f, text));
  const atomic = await time(200, () => writeFileAtomic(f, text));
  console.log(
    `write-back: plain ${plain.toFixed(3)} ms, atomic ${atomic.toFixed(3)} ms, ratio ${(atomic / plain).toFixed(1)}x`,
  );

  // 2. Loading a recipe (compile + top level + zod) against a dry-run plan of it.
  const files = Object.fromEntries(
    Array.from({ length: 50 }, (_, i) => [`tool-1.0/share/f${i}.txt`, `file ${i}\n`]),
  ) as Record<string, string>;
  const tgz = rawTarGz([
    { type: "file", path: "tool-1.0/tool", content: "#!/bin/sh\n".repeat(50_000), mode: 0o755 },
    ...Object.entries(files).map(([path, content]) => ({ type: "file" as const, path, content })),
  ]);
  mkdirSync(w.mirror, { recursive: true });
  writeFileSync(join(w.mirror, "tool-1.0.tar.gz"), tgz);
  const r = w.writeRecipe(
    "tool",
    recipe(
      "tool",
      `    download("https://example.invalid/tool-1.0.tar.gz", "${sha256(tgz)}");
    extract("tar.gz");
    install_bin("tool");
    install_to_dir("share/*", "/usr/local/share/tool");`,
    ),
  );
  const load = await time(50, () => loadRecipe(r, { arch: "x86_64" }));
  const plan = await time(50, () => planInstall(["tool"], w.opts({ mirrors: [w.mirror] })));
  console.log(
    `recipe load ${load.toFixed(2)} ms; dry-run plan ${plan.toFixed(2)} ms (${(plan / load).toFixed(1)}x a load)`,
  );

  // 3. A full install (51 files) from the local mirror against the same from the cache.
  const fromMirror = await time(5, (i) =>
    install(
      ["tool"],
      w.opts({ mirrors: [w.mirror], root: join(w.dir, `m${i}`), cacheDir: join(w.dir, `c${i}`) }),
    ),
  );
  const fromCache = await time(5, (i) =>
    install(["tool"], w.opts({ mirrors: [], root: join(w.dir, `k${i}`), cacheDir: join(w.dir, "c0") })),
  );
  console.log(
    `install 51 files: from mirror ${fromMirror.toFixed(1)} ms, from cache ${fromCache.toFixed(1)} ms, ratio ${(fromMirror / fromCache).toFixed(2)}x`,
  );

  // 4. How long a runaway recipe burns before the default operation limit stops it, against an
  // empty install().
  w.writeRecipe("spin", recipe("spin", "    let i = 0;\n    loop { i += 1; }"));
  w.writeRecipe("empty", recipe("empty", "    let i = 0;"));
  const empty = await time(3, () => install(["empty"], w.opts({ force: true })));
  const spin = await time(1, () => install(["spin"], w.opts()).catch(() => {}));
  console.log(
    `runaway recipe stopped by the 10M-operation limit after ${spin.toFixed(0)} ms (${(spin / empty).toFixed(0)}x an empty install)`,
  );
} finally {
  w.cleanup();
}
