import { collectGuesses, type DryRunGuess } from "./dryRunGuesses.js";
import { SourceFile } from "./rhai/errors.js";
import { Lexer, type Token } from "./rhai/lexer.js";

/**
 * The run() calls a dry run did not reach. A dry run follows one path through a recipe, and a
 * value that is fake in a dry run (a helper that fails only for real, caught by try/catch;
 * exists() of a file the recipe itself installs; glob() of an empty build directory) steers it
 * past a branch that the real run takes (attacker 26 F2 hid `run(["sh", "-c", ...])` both ways,
 * after attacker 25 H1's glob warning). No list of fake values can be complete, so the dry run
 * reads the recipe itself: every run( call site in the function it runs, and in the recipe's own
 * helper functions, is either reached and shown, or named here by its line. Function pointers
 * (Fn, call, curry), eval and import can reach run() with no run( in the text: those are named too.
 */

/**
 * Array methods that take a function, which Rhai also takes as a string naming it:
 * `a.map("run")` or `a.map(n)` with `n = "r" + "un"` calls run() with no run( in the text
 * (attacker 27 H5). A closure (`|x| ...`) is text this scan reads anyway; any other argument names
 * the function by a value the scan cannot know.
 */
const TAKES_FN = new Set([
  "map",
  "filter",
  "for_each",
  "some",
  "all",
  "none",
  "reduce",
  "reduce_rev",
  "sort",
  "drain",
  "retain",
  "dedup",
]);

/** Lifecycle functions the manager calls by name; one runs per command. */
const LIFECYCLE = new Set(["install", "remove", "is_installed", "check_update", "acquire", "build"]);
/** Ways to call a function without writing its name at the call site. */
const INDIRECT = new Set(["Fn", "call", "curry", "eval"]);

export interface RunSites {
  /** Lines of run( call sites that may execute during `fn` (1-based), `argv.run()` included. */
  lines: number[];
  /** The words that may call run() with no run( in the text ("Fn", "import"), once each. */
  indirect: string[];
  /**
   * Lines of try blocks. Every helper succeeds in a dry run, so a catch branch is never followed:
   * what it sets (a run()'s argv, attacker 27 H6) or runs differs for real with no other sign.
   */
  catches?: number[];
  /**
   * exists()/env() call sites (`exists() at line 6`). A dry run answers exists("/abs") from the
   * target as it is before this install, so a file this recipe, a dependency or an earlier run()
   * writes is not there yet; env() answers from the shell of the dry run, which sudo changes.
   * A run() whose argv or reachability hangs on one shows a harmless command in the dry run and
   * runs another for real (attacker 28 H4). The scan cannot tell which run() a read steers, so
   * with any run() in the recipe every read is named.
   */
  reads?: string[];
}

/** Helpers whose answer in a dry run may differ from the real run's. */
const STATE_READS = new Set(["exists", "env"]);

function flatten(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    out.push(t);
    for (const p of t.parts ?? []) if (typeof p !== "string") out.push(...flatten(p));
  }
  return out;
}

/** The token ranges [start, end) of the bodies of the other lifecycle functions. */
function otherLifecycleBodies(toks: readonly Token[], fn: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < toks.length; i++) {
    const name = toks[i + 1]!;
    if (!(toks[i]!.k === "kw" && toks[i]!.v === "fn" && name.k === "ident")) continue;
    if (!LIFECYCLE.has(name.v) || name.v === fn) continue;
    let j = i + 2;
    while (j < toks.length && !(toks[j]!.k === "punct" && toks[j]!.v === "{")) j++;
    let depth = 0;
    const start = j;
    for (; j < toks.length; j++) {
      const t = toks[j]!;
      if (t.k === "punct" && t.v === "{") depth++;
      if (t.k === "punct" && t.v === "}" && --depth === 0) break;
    }
    out.push([start, j + 1]);
  }
  return out;
}

/** Where the recipe's text can run a command while its lifecycle function `fn` runs. */
export function runSites(source: string, fn: string): RunSites {
  const file = new SourceFile("recipe", source);
  let toks: Token[];
  try {
    toks = flatten(new Lexer(file).tokenize());
  } catch {
    // a recipe that does not lex never got this far; nothing to add
    return { lines: [], indirect: [] };
  }
  const skip = otherLifecycleBodies(toks, fn);
  const lines: number[] = [];
  const indirect: string[] = [];
  const catches: number[] = [];
  const reads: string[] = [];
  const note = (w: string) => {
    if (!indirect.includes(w)) indirect.push(w);
  };
  const lineOf = (t: Token) => file.position(t.start).line;
  for (let i = 0; i < toks.length; i++) {
    if (skip.some(([a, b]) => i >= a && i < b)) continue;
    const t = toks[i]!;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    const called = next?.k === "punct" && next.v === "(";
    if (t.k === "kw" && t.v === "import") note("import");
    if (t.k === "kw" && t.v === "try" && !catches.includes(lineOf(t))) catches.push(lineOf(t));
    // the name as a value: a string "run" handed to whatever calls functions by name
    if (t.k === "string" && t.v === "run") note('"run"');
    if (t.k !== "ident") continue;
    if (prev?.k === "kw" && prev.v === "fn") continue;
    if (t.v === "run") {
      // `argv.run()` is run(argv): a method call is the same call (attacker 27 H5)
      if (called) {
        if (!lines.includes(lineOf(t))) lines.push(lineOf(t));
      } else note("run");
      continue;
    }
    if (!called) continue;
    if (STATE_READS.has(t.v)) {
      const r = `${t.v}() at line ${lineOf(t)}`;
      if (!reads.includes(r)) reads.push(r);
      continue;
    }
    if (INDIRECT.has(t.v)) note(t.v);
    else if (TAKES_FN.has(t.v) && prev?.k === "punct" && prev.v === ".") {
      const arg = toks[i + 2];
      const closure = arg?.k === "punct" && (arg.v === "|" || arg.v === "||");
      const none = arg?.k === "punct" && arg.v === ")";
      if (!closure && !none) note(`${t.v}`);
    }
  }
  const out: RunSites = catches.length ? { lines, indirect, catches } : { lines, indirect };
  if (reads.length && (lines.length || indirect.length)) out.reads = reads;
  return out;
}

/** The warning for one recipe's run() calls that its dry run did not show, or undefined. */
export function hiddenRunGuess(
  recipe: string,
  sites: RunSites,
  reachedLines: ReadonlySet<number>,
): DryRunGuess | undefined {
  const unreached = sites.lines.filter((l) => !reachedLines.has(l));
  const catches = sites.catches ?? [];
  const reads = sites.reads ?? [];
  if (!unreached.length && !sites.indirect.length && !catches.length && !reads.length) return undefined;
  const parts: string[] = [];
  if (unreached.length)
    parts.push(
      `it has run() calls this dry run did not reach (line ${unreached.join(", ")}), which the real run takes on another branch`,
    );
  if (sites.indirect.length)
    parts.push(
      `it calls functions indirectly (${sites.indirect.join(", ")}), which can run commands this list does not show`,
    );
  if (catches.length)
    parts.push(
      `it catches errors (try at line ${catches.join(", ")}): every step succeeds in a dry run, so what a catch does when a step fails for real (another command, other arguments) is not in this list`,
    );
  if (reads.length)
    parts.push(
      `what it runs may depend on ${reads.join(", ")}, which this dry run answers ${[
        reads.some((r) => r.startsWith("exists")) &&
          "from the target before anything is installed (a file this recipe, a dependency or a run() writes is not there yet)",
        reads.some((r) => r.startsWith("env")) && "from this shell's environment (sudo changes it)",
      ]
        .filter(Boolean)
        .join(" and ")}, so the real run may differ`,
    );
  return {
    recipe,
    calls: [
      ...unreached.map((l) => `run() at line ${l}`),
      ...sites.indirect.map((w) => (w === "import" || w.startsWith('"') || w === "run" ? w : `${w}()`)),
      ...catches.map((l) => `try at line ${l}`),
      ...reads,
    ],
    warning: `${recipe} may run host commands not listed here: ${parts.join("; ")}: read the recipe before you trust this list`,
  };
}

/**
 * Every warning of a dry run: the guessed values (dryRunGuesses.ts), then the run() calls it did
 * not reach; undefined when there is none.
 */
export function dryRunWarnings(
  runs: readonly {
    o: { recipe: string };
    guesses: readonly string[];
    reachedRunLines: ReadonlySet<number>;
  }[],
  sourceOf: (recipe: string) => string | undefined,
  fn: string,
): DryRunGuess[] | undefined {
  const out = [...(collectGuesses(runs) ?? [])];
  for (const r of runs) {
    const source = sourceOf(r.o.recipe);
    const g =
      source === undefined ? undefined : hiddenRunGuess(r.o.recipe, runSites(source, fn), r.reachedRunLines);
    if (g) out.push(g);
  }
  return out.length ? out : undefined;
}
