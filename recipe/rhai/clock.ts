/**
 * Rhai's time package (`timestamp()`, `ts.elapsed`), for `rhai-run`. Recipes never get it: a
 * recipe's result must not depend on when it runs.
 */
import type { Engine } from "./engine.js";
import { RFloat, RTimestamp, type Value } from "./values.js";

/** Seconds since `ts`, as Rhai's `elapsed` (a float). */
function elapsed(ts: Value): RFloat {
  return new RFloat((performance.now() - (ts as RTimestamp).ms) / 1000);
}

export function enableClock(engine: Engine): void {
  engine.registerFn("timestamp", [], () => new RTimestamp(performance.now()));
  engine.registerFn("get$elapsed", ["timestamp"], ([ts]) => elapsed(ts as Value));
  engine.registerFn("elapsed", ["timestamp"], ([ts]) => elapsed(ts as Value));
}
