/**
 * Rhai's own example scripts (the `scripts/` folder of the Rhai repository; see
 * upstream-scripts/README.md) run as the real `rhai-run` runs them: no limits, the clock, modules
 * next to the script. Each `NAME.expected` holds the output worked out from the script and the
 * engine's semantics; `{seconds}` stands for a run time (only its shape is compared).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RhaiError } from "../../recipe/rhai/index.js";
import { scriptEngine } from "../../recipe/rhai/script-runner.js";

const dir = join(import.meta.dirname, "upstream-scripts");
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".rhai"))
  .sort();

/** The expected text as a regex: literal, except `{seconds}` (a float such as 0.0123 or 1e-5). */
function pattern(expected: string): RegExp {
  const parts = expected.split("{seconds}").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("\\d+(?:\\.\\d+)?(?:e-?\\d+)?")}$`);
}

describe("Rhai's example scripts", () => {
  it("are all here: the 28 runnable scripts of the Rhai repository", () => {
    expect(scripts.length).toBe(28);
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    for (const s of scripts) expect(readme, s).toContain(`\`${s}\``);
  });

  for (const file of scripts)
    it(file, { timeout: 60_000 }, () => {
      const expected = readFileSync(join(dir, file.replace(/\.rhai$/, ".expected")), "utf8");
      const engine = scriptEngine();
      const out: string[] = [];
      engine.onPrint((t) => out.push(`${t}\n`));
      engine.onDebug((t) => out.push(`${t}\n`));
      const path = join(dir, file);
      try {
        engine.run(engine.compile(readFileSync(path, "utf8"), path));
      } catch (e) {
        throw new Error(e instanceof RhaiError ? e.format() : String(e));
      }
      expect(out.join("")).toMatch(pattern(expected));
    });

  it("run through the rhai-run CLI too, from a file and from stdin, importing relative to the script", () => {
    const cli = join(import.meta.dirname, "../../cli/rhai-run.ts");
    const tsx = join(import.meta.dirname, "../../node_modules/.bin/tsx");
    const fromFile = spawnSync(tsx, [cli, join(dir, "module.rhai")], { encoding: "utf8", cwd: "/" });
    expect(fromFile.stderr).toBe("");
    expect(fromFile.stdout).toBe(readFileSync(join(dir, "module.expected"), "utf8"));
    const fromStdin = spawnSync(tsx, [cli, "-"], {
      encoding: "utf8",
      cwd: dir,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Rhai source, not a JS template
      input: 'import "loop" as m;\nprint(`stdin sees ${m::foo}`);\n',
    });
    expect(fromStdin.stderr).toBe("");
    expect(fromStdin.stdout).toBe("10\n9\n8\n7\n6\n5\n4\n3\n2\n1\nstdin sees 0\n");
  });
});
