/**
 * An engine set up as Rhai's own `rhai-run` sets one up: no limits unless asked for, the clock
 * (`timestamp()`), and `import "name"` loading `name.rhai` next to the importing script. Recipes
 * never use this: they keep the sandbox (limits on, no modules, no clock).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { enableClock } from "./clock.js";
import { Engine } from "./engine.js";
import type { Limits } from "./runtime.js";

const UNLIMITED: Partial<Limits> = {
  maxOperations: Number.POSITIVE_INFINITY,
  maxStringLength: Number.POSITIVE_INFINITY,
  maxArrayLength: Number.POSITIVE_INFINITY,
  maxMapSize: Number.POSITIVE_INFINITY,
};

/** `limits` replaces the "none" of each limit it names. Scripts read from stdin import from the cwd. */
export function scriptEngine(limits: Partial<Limits> = {}): Engine {
  const engine = new Engine({ ...UNLIMITED, ...limits });
  enableClock(engine);
  engine.setModuleResolver((path, importer) => {
    const base = importer.startsWith("<") ? process.cwd() : dirname(resolve(importer));
    const fileName = resolve(base, path.endsWith(".rhai") ? path : `${path}.rhai`);
    return { fileName, source: readFileSync(fileName, "utf8") };
  });
  return engine;
}
