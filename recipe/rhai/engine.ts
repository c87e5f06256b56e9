import type { Stmt } from "./ast.js";
import { Compiler, normalizeReturn } from "./compiler.js";
import { RhaiError, SourceFile, type Span } from "./errors.js";
import { Parser } from "./parser.js";
import { Resolver } from "./resolver.js";
import {
  type CompiledFn,
  DEFAULT_LIMITS,
  ENGINE_MAX_ARRAY_LENGTH,
  Frame,
  type Host,
  type Limits,
  type ModuleInstance,
  type NativeCallContext,
  NativeRegistry,
  PARAM_TYPE_NAMES,
  type ParamType,
  type Program,
  Runtime,
  type ScopeLike,
} from "./runtime.js";
import { installStdlib } from "./stdlib.js";
import { debugString, display, FnPtr, RChar, RFloat, RRange, type Value } from "./values.js";

/** Where a module's source comes from: `import "path"` in the script named `importer`. */
export type ModuleResolver = (path: string, importer: string) => { fileName: string; source: string };

export interface TopLevelLet {
  name: string;
  kind: "let" | "const";
  /** The whole statement, `let` through `;`. */
  stmt: Span;
  /** The initialiser expression, or null for `let x;`. */
  value: Span | null;
}

const BASE = new NativeRegistry();
installStdlib(BASE);

/** Variables shared between the host and scripts. Later `set`s of a name replace earlier ones. */
export class Scope implements ScopeLike {
  private readonly vars = new Map<string, Value>();
  private readonly consts = new Set<string>();

  get(name: string): Value | undefined {
    return this.vars.get(name);
  }
  set(name: string, v: Value): void {
    this.vars.set(name, toValue(v));
  }
  /** Define a constant: scripts can read it but not assign to it. */
  setConstant(name: string, v: Value): void {
    this.set(name, v);
    this.consts.add(name);
  }
  isConstant(name: string): boolean {
    return this.consts.has(name);
  }
  has(name: string): boolean {
    return this.vars.has(name);
  }
  names(): string[] {
    return [...this.vars.keys()];
  }
  remove(name: string): boolean {
    this.consts.delete(name);
    return this.vars.delete(name);
  }
}

/** A compiled script: run it with {@link Engine.run}, call its functions with {@link Engine.callFn}. */
export class Script {
  /** @internal */
  readonly prog: Program;
  /** @internal */
  readonly compiler: Compiler;
  private readonly lets: TopLevelLet[];

  /** @internal */
  constructor(
    readonly source: string,
    readonly fileName: string,
    prog: Program,
    compiler: Compiler,
    lets: TopLevelLet[],
  ) {
    this.prog = prog;
    this.compiler = compiler;
    this.lets = lets;
  }

  functions(): { name: string; arity: number; params: string[]; isPrivate: boolean }[] {
    return [...this.prog.fns.values()].map((f) => ({
      name: f.name,
      arity: f.arity,
      params: [...f.def.params],
      isPrivate: f.def.isPrivate,
    }));
  }

  topLevelLets(): TopLevelLet[] {
    return this.lets.map((l) => ({ ...l, stmt: { ...l.stmt }, value: l.value ? { ...l.value } : null }));
  }

  hasFn(name: string, arity?: number): boolean {
    if (arity !== undefined) return this.prog.fns.has(`${name}/${arity}`);
    return [...this.prog.fns.values()].some((f) => f.name === name);
  }
}

/** The Rhai engine: compiles and runs scripts in a sandbox with only the registered functions. */
export class Engine {
  readonly limits: Limits;
  /** Operations the last `run`/`callFn` took (for tests and diagnostics). */
  lastOperations = 0;
  private natives: NativeRegistry = BASE;
  private resolver: ModuleResolver | null = null;
  /** Modules by file name: each runs once per engine, as with Rhai's caching file resolver. */
  private readonly modules = new Map<string, ModuleInstance | "loading">();
  private printFn: (text: string) => void = (t) => {
    process.stdout.write(t + "\n");
  };
  private debugFn: (text: string, file: string, line: number, column: number) => void = (t) => {
    process.stdout.write(t + "\n");
  };

  constructor(limits?: Partial<Limits>) {
    this.limits = { ...DEFAULT_LIMITS, ...(limits ?? {}) };
    for (const [k, v] of Object.entries(this.limits)) {
      if (typeof v !== "number" || !(v > 0))
        throw new RhaiError("runtime", `Invalid engine limit ${k}: ${String(v)} (must be a positive number)`);
    }
    this.limits.maxArrayLength = Math.min(this.limits.maxArrayLength, ENGINE_MAX_ARRAY_LENGTH);
  }

  /**
   * Register a native function. `params` gives each argument's type; functions can be overloaded by
   * arity and by type. Calls with other argument types fail with a RhaiError naming the signatures.
   */
  registerFn(
    name: string,
    params: ParamType[],
    impl: (args: Value[], ctx: NativeCallContext) => Value | undefined | unknown,
  ): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^(get|set)\$[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new RhaiError("runtime", `Invalid function name '${name}'`);
    for (const p of params)
      if (!(p in PARAM_TYPE_NAMES))
        throw new RhaiError("runtime", `Invalid parameter type '${String(p)}' for '${name}'`);
    if (this.natives === BASE) this.natives = BASE.clone();
    this.natives.add({
      name,
      params: [...params],
      impl: impl as (a: Value[], c: NativeCallContext) => Value,
      builtin: false,
    });
  }

  onPrint(fn: (text: string) => void): void {
    this.printFn = fn;
  }

  /** Receives the debug representation of the value and the call's position. */
  onDebug(fn: (text: string, file: string, line: number, column: number) => void): void {
    this.debugFn = fn;
  }

  /**
   * Lets scripts `import "path" as m;` (Rhai's modules). Without a resolver (recipes) `import`,
   * `export` and `m::name` are syntax errors.
   */
  setModuleResolver(resolver: ModuleResolver): void {
    this.resolver = resolver;
  }

  compile(source: string, fileName = "<script>"): Script {
    const src = new SourceFile(fileName, source);
    try {
      const ast = Parser.parseProgram(src, {
        maxExprDepth: this.limits.maxExprDepth,
        maxStatements: this.limits.maxStatements,
        maxFunctions: this.limits.maxFunctions,
        modules: this.resolver !== null,
      });
      const resolver = new Resolver(src);
      resolver.resolveProgram(ast);
      const compiler = new Compiler(src);
      compiler.markMainTop(ast.stmts);
      const main = compiler.declareFn(ast.main);
      const fns: CompiledFn[] = ast.fns.map((f) => compiler.declareFn(f));
      compiler.defineFn(main, true);
      for (const f of fns) compiler.defineFn(f, false);
      const prog: Program = { src, fns: compiler.fns, main, topLevel: resolver.topLevel };
      const lets: TopLevelLet[] = [];
      for (const st of ast.stmts) {
        if (st.t !== "let") continue;
        lets.push(topLevelLet(src, st));
      }
      return new Script(source, fileName, prog, compiler, lets);
    } catch (e) {
      throw wrapUnknown(e, src);
    }
  }

  private host(): Host {
    const host: Host = {
      natives: this.natives,
      print: this.printFn,
      debug: this.debugFn,
    };
    if (this.resolver !== null) {
      const resolver = this.resolver;
      host.importModule = (path, importer) => this.loadModule(resolver, path, importer);
    }
    return host;
  }

  /** Runs a module's top level once and keeps what it exports and its public functions. */
  private loadModule(resolver: ModuleResolver, path: string, importer: string): ModuleInstance {
    let found: { fileName: string; source: string };
    try {
      found = resolver(path, importer);
    } catch (e) {
      throw new RhaiError(
        "runtime",
        `Module not found: ${path}`,
        "",
        0,
        0,
        undefined,
        e instanceof Error ? e.message : undefined,
      );
    }
    const known = this.modules.get(found.fileName);
    if (known === "loading")
      throw new RhaiError("runtime", `Module ${path} imports itself (through ${importer})`);
    if (known !== undefined) return known;
    this.modules.set(found.fileName, "loading");
    try {
      const script = this.compile(found.source, found.fileName);
      const rt = new Runtime(this.host(), script.prog, this.limits);
      rt.exports = new Map();
      const main = script.prog.main;
      const f = new Frame(rt, main.nslots, null, null, null);
      try {
        main.body(f);
      } catch (e) {
        throw script.compiler.toRhaiError(e, rt);
      }
      const vars = new Map<string, Value>();
      for (const [alias, get] of rt.exports) vars.set(alias, get());
      rt.exports = null;
      const fns = script.prog.fns;
      const inst: ModuleInstance = {
        fileName: found.fileName,
        vars,
        hasFn: (name, arity) => {
          const cf = fns.get(`${name}/${arity}`);
          return cf !== undefined && !cf.def.isPrivate;
        },
        callFn: (name, args) => {
          const cf = fns.get(`${name}/${args.length}`) as CompiledFn;
          try {
            return script.compiler.callScript(rt, cf, args, null, null, null, cf.def.s);
          } catch (e) {
            throw script.compiler.toRhaiError(e, rt);
          }
        },
      };
      this.modules.set(found.fileName, inst);
      return inst;
    } catch (e) {
      this.modules.delete(found.fileName);
      throw e;
    }
  }

  /** Evaluate the script's top level. Top-level `let`/`const` variables are written into `scope`. */
  run(script: Script, scope?: Scope): Value {
    const rt = new Runtime(this.host(), script.prog, this.limits);
    const main = script.prog.main;
    const f = new Frame(rt, main.nslots, null, null, scope ?? null);
    try {
      const v = main.body(f);
      return f.ctl === 3 ? f.cv : v;
    } catch (e) {
      throw script.compiler.toRhaiError(e, rt);
    } finally {
      this.lastOperations = rt.ops;
      if (scope) {
        for (const d of script.prog.topLevel) {
          const raw = f.vars[d.slot];
          if (raw === undefined) continue;
          const v = d.boxed ? (raw as { v: Value }).v : (raw as Value);
          if (d.isConst) scope.setConstant(d.name, v);
          else {
            if (scope.isConstant(d.name)) scope.remove(d.name);
            scope.set(d.name, v);
          }
        }
      }
    }
  }

  /** Call a script function; the scope's variables are visible to its body (as Rhai's `call_fn`). */
  callFn(script: Script, scope: Scope, name: string, args: Value[] = []): Value {
    const cf = script.prog.fns.get(`${name}/${args.length}`);
    if (!cf) {
      const others = script.functions().filter((f) => f.name === name);
      throw new RhaiError(
        "runtime",
        `Function not found: ${name} with ${args.length} argument(s) in ${script.fileName}`,
        script.fileName,
        0,
        0,
        undefined,
        others.length
          ? `defined: ${others.map((f) => `${f.name}(${f.params.join(", ")})`).join("; ")}`
          : "define it with `fn " + name + "(…) { … }`",
      );
    }
    const rt = new Runtime(this.host(), script.prog, this.limits);
    for (const d of script.prog.topLevel)
      if (d.isConst && scope.has(d.name)) rt.globals.set(d.name, scope.get(d.name) ?? null);
    try {
      return script.compiler.callScript(rt, cf, args.map(toValue), null, null, scope, cf.def.s);
    } catch (e) {
      throw script.compiler.toRhaiError(e, rt);
    } finally {
      this.lastOperations = rt.ops;
    }
  }

  eval(source: string, fileName = "<eval>", scope?: Scope): Value {
    return this.run(this.compile(source, fileName), scope);
  }
}

/** Accept the JS conveniences hosts tend to pass (fractional numbers, plain objects, undefined). */
function toValue(x: unknown): Value {
  if (x === undefined) return null;
  if (typeof x === "number") return Number.isInteger(x) ? x : new RFloat(x);
  if (
    x !== null &&
    typeof x === "object" &&
    !Array.isArray(x) &&
    !(x instanceof Map) &&
    !(x instanceof RFloat) &&
    !(x instanceof RChar) &&
    !(x instanceof FnPtr) &&
    !(x instanceof RRange)
  )
    return fromJs(x);
  return normalizeReturn(x);
}

function topLevelLet(src: SourceFile, st: Extract<Stmt, { t: "let" }>): TopLevelLet {
  return {
    name: st.name,
    kind: st.isConst ? "const" : "let",
    stmt: src.span(st.s, st.e),
    value: st.value ? src.span(st.value.s, st.value.e) : null,
  };
}

function wrapUnknown(e: unknown, src: SourceFile): RhaiError {
  if (e instanceof RhaiError) return e;
  if (e instanceof RangeError)
    return new RhaiError(
      "parse",
      "Script nests too deeply to parse",
      "",
      0,
      0,
      undefined,
      "simplify the expression",
    ).at(src, 0);
  return new RhaiError("parse", `Internal error: ${e instanceof Error ? e.message : String(e)}`).at(src, 0);
}

/** Convert a Rhai value to plain JS: ints to numbers, maps to objects, `()` to null. */
export function toJs(v: Value): unknown {
  if (v === null || typeof v !== "object") return v;
  if (v instanceof RFloat) return v.v;
  if (v instanceof RChar) return v.c;
  if (Array.isArray(v)) return v.map(toJs);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[k] = toJs(x);
    return o;
  }
  if (v instanceof RRange) return { start: v.start, end: v.end, inclusive: v.inclusive };
  if (v instanceof FnPtr) return v.name;
  return v;
}

/** Convert plain JS to a Rhai value: integral numbers become ints, other numbers floats, objects maps. */
export function fromJs(x: unknown): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case "number":
      if (Number.isInteger(x)) {
        if (!Number.isSafeInteger(x))
          throw new RhaiError(
            "runtime",
            `Cannot convert ${x} to a Rhai integer: outside ±${Number.MAX_SAFE_INTEGER}`,
          );
        return x === 0 ? 0 : x;
      }
      return new RFloat(x);
    case "bigint":
      if (x > BigInt(Number.MAX_SAFE_INTEGER) || x < -BigInt(Number.MAX_SAFE_INTEGER))
        throw new RhaiError(
          "runtime",
          `Cannot convert ${x} to a Rhai integer: outside ±${Number.MAX_SAFE_INTEGER}`,
        );
      return Number(x);
    case "string":
    case "boolean":
      return x;
  }
  if (x instanceof RFloat || x instanceof RChar || x instanceof FnPtr || x instanceof RRange) return x;
  if (Array.isArray(x)) return x.map(fromJs);
  if (x instanceof Map) {
    const m = new Map<string, Value>();
    for (const [k, v] of x) m.set(String(k), fromJs(v));
    return m;
  }
  if (
    typeof x === "object" &&
    (Object.getPrototypeOf(x) === Object.prototype || Object.getPrototypeOf(x) === null)
  ) {
    const m = new Map<string, Value>();
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) m.set(k, fromJs(v));
    return m;
  }
  throw new RhaiError(
    "runtime",
    `Cannot convert a JavaScript ${typeof x === "object" ? ((x as object).constructor?.name ?? "object") : typeof x} to a Rhai value`,
  );
}

export { debugString, display };
