import type { Decl, FnDef } from "./ast.js";
import { limitError, type RhaiError, type SourceFile } from "./errors.js";
import { type ClosureRef, FnPtr, RChar, RFloat, RRange, RTimestamp, type Value } from "./values.js";

export const CTL_NONE = 0;
export const CTL_BREAK = 1;
export const CTL_CONTINUE = 2;
export const CTL_RETURN = 3;

export interface Cell {
  v: Value;
}

export interface Limits {
  /** Operations (statements, loop iterations, calls) one run may take. */
  maxOperations: number;
  /** Nesting of script function calls. */
  maxCallDepth: number;
  /** Characters in one string. */
  maxStringLength: number;
  /** Elements in one array. */
  maxArrayLength: number;
  /** Properties in one object map. */
  maxMapSize: number;
  /** Nesting of expressions and blocks in the source. */
  maxExprDepth: number;
  /**
   * Milliseconds of script time one run or one function call may take (host functions that
   * pause the clock, such as a download, do not count): operations alone do not bound time,
   * since one operation may be a native call that scans a large array (attacker 8, M1).
   */
  maxMillis: number;
  /** Statements in one source file, counted while it parses. */
  maxStatements: number;
  /** Function definitions in one source file. */
  maxFunctions: number;
}

/**
 * The most elements one array may hold, whatever the limits say. V8 stops the whole process (a
 * fatal "invalid size error", not an exception) when an array grows past about 1.1e8 elements,
 * and runs out of heap well before that for arrays of objects (`chars()`): rhai-run, which has no
 * limits unless asked, died on `a.pad(3000000000, 1)` (attacker 25 M1). Every array check reads
 * maxArrayLength, so clamping it there turns each of those into the ordinary limit error.
 */
export const ENGINE_MAX_ARRAY_LENGTH = 1 << 24;

export const DEFAULT_LIMITS: Limits = {
  maxOperations: 10_000_000,
  maxCallDepth: 64,
  maxStringLength: 16 * 1024 * 1024,
  maxArrayLength: 1_000_000,
  maxMapSize: 100_000,
  maxExprDepth: 128,
  maxMillis: Number.POSITIVE_INFINITY,
  maxStatements: Number.POSITIVE_INFINITY,
  maxFunctions: Number.POSITIVE_INFINITY,
};

/** Operations between two looks at the clock: reading it on every operation would cost more than the work. */
const CLOCK_EVERY = 65_536;

export type ParamType =
  | "int"
  | "float"
  | "bool"
  | "string"
  | "char"
  | "array"
  | "map"
  | "fnptr"
  | "range"
  | "unit"
  | "timestamp"
  | "any";

/** Variables the embedding application shares with a script (Rhai's `Scope`). */
export interface ScopeLike {
  get(name: string): Value | undefined;
  set(name: string, v: Value): void;
  has(name: string): boolean;
  isConstant?(name: string): boolean;
}

export type NativeImpl = (args: Value[], ctx: NativeCallContext) => Value | undefined;

/**
 * A built-in's allocation-free form for calls with at most two arguments: no argument array, no
 * call context. It must return a proper Value, check the limits itself, and never replace its
 * first argument (natives that do, like the in-place string methods, have none).
 */
export type FastImpl = (a: Value, b: Value, rt: Runtime) => Value;

export interface NativeFn {
  name: string;
  params: ParamType[];
  impl: NativeImpl;
  /** Built-in (standard library) rather than registered by the host. */
  builtin: boolean;
  /** Type masks of the parameters (see {@link tagOf}); filled in by {@link NativeRegistry.add}. */
  masks?: number[];
  fast?: FastImpl;
}

// One bit per runtime type, so a parameter check is a single `&`.
export const T_INT = 1;
export const T_FLOAT = 2;
export const T_BOOL = 4;
export const T_STRING = 8;
export const T_CHAR = 16;
export const T_ARRAY = 32;
export const T_MAP = 64;
export const T_FNPTR = 128;
export const T_RANGE = 256;
export const T_UNIT = 512;
export const T_TIMESTAMP = 1024;
const T_OTHER = 2048;
const T_ANY = 0x7fffffff;

export function tagOf(v: Value): number {
  switch (typeof v) {
    case "number":
      return T_INT;
    case "string":
      return T_STRING;
    case "boolean":
      return T_BOOL;
  }
  if (v === null) return T_UNIT;
  if (Array.isArray(v)) return T_ARRAY;
  if (v instanceof Map) return T_MAP;
  if (v instanceof RFloat) return T_FLOAT;
  if (v instanceof RChar) return T_CHAR;
  if (v instanceof FnPtr) return T_FNPTR;
  if (v instanceof RRange) return T_RANGE;
  if (v instanceof RTimestamp) return T_TIMESTAMP;
  return T_OTHER;
}

const TYPE_MASKS: Record<ParamType, number> = {
  any: T_ANY,
  int: T_INT,
  float: T_FLOAT,
  bool: T_BOOL,
  string: T_STRING,
  char: T_CHAR,
  array: T_ARRAY,
  map: T_MAP,
  fnptr: T_FNPTR,
  range: T_RANGE,
  unit: T_UNIT,
  timestamp: T_TIMESTAMP,
};

/** Whether `args` fit the native's parameter types. */
export function argsMatch(nf: NativeFn, args: Value[]): boolean {
  const ms = nf.masks as number[];
  for (let i = 0; i < ms.length; i++) if (((ms[i] as number) & tagOf(args[i] as Value)) === 0) return false;
  return true;
}

export const PARAM_TYPE_NAMES: Record<ParamType, string> = {
  any: "?",
  int: "i64",
  float: "f64",
  bool: "bool",
  string: "string",
  char: "char",
  array: "array",
  map: "map",
  fnptr: "Fn",
  range: "range",
  unit: "()",
  timestamp: "timestamp",
};

/** Functions by `name/arity`, each list tried in order until the argument types match. */
export class NativeRegistry {
  readonly byKey = new Map<string, NativeFn[]>();
  readonly byName = new Map<string, NativeFn[]>();
  /** Bumped on every registration: call sites cache what they resolved together with it. */
  version = 0;

  add(fn: NativeFn): void {
    this.version++;
    fn.masks = fn.params.map((p) => TYPE_MASKS[p]);
    const key = `${fn.name}/${fn.params.length}`;
    const list = this.byKey.get(key);
    // Host registrations take precedence over the built-ins of the same signature.
    if (list) {
      if (!fn.builtin) list.unshift(fn);
      else list.push(fn);
    } else this.byKey.set(key, [fn]);
    const named = this.byName.get(fn.name);
    if (named) named.push(fn);
    else this.byName.set(fn.name, [fn]);
  }

  find(key: string, args: Value[]): NativeFn | null {
    const list = this.byKey.get(key);
    if (!list) return null;
    for (const fn of list) if (argsMatch(fn, args)) return fn;
    return null;
  }

  clone(): NativeRegistry {
    const r = new NativeRegistry();
    for (const [k, v] of this.byKey) r.byKey.set(k, [...v]);
    for (const [k, v] of this.byName) r.byName.set(k, [...v]);
    return r;
  }
}

export interface CompiledFn {
  name: string;
  arity: number;
  nslots: number;
  paramDecls: Decl[];
  def: FnDef;
  /** Body; reads `ctl`/`cv` of the frame for `return`. */
  body: (f: Frame) => Value;
}

export interface Closure extends ClosureRef {
  fn: CompiledFn;
  caps: Cell[];
  dyn: ScopeLike | null;
}

/** An imported script module: the variables it exported and its public functions. */
export interface ModuleInstance {
  readonly fileName: string;
  readonly vars: Map<string, Value>;
  hasFn(name: string, arity: number): boolean;
  callFn(name: string, args: Value[], pos: number): Value;
}

export interface Host {
  natives: NativeRegistry;
  /** Loads (or returns the loaded) module at `path` as seen from `importer`; absent in sandboxes. */
  importModule?: (path: string, importer: string) => ModuleInstance;
  print(text: string): void;
  debug(text: string, file: string, line: number, column: number): void;
}

export interface Program {
  src: SourceFile;
  fns: Map<string, CompiledFn>;
  main: CompiledFn;
  topLevel: Decl[];
}

/** State of one evaluation: counters, limits, the host and the program. */
export class Runtime {
  ops = 0;
  depth = 0;
  /** Offset of the statement being executed, for errors raised without a position. */
  pos = 0;
  /** The operation count at which {@link checkpoint} runs next: the limit, or sooner to read the clock. */
  maxOps: number;
  /** When this run must end (performance.now() time); moved later by host calls that pause the clock. */
  deadline: number;
  readonly globals = new Map<string, Value>();
  /** Modules imported so far, by alias. */
  readonly modules = new Map<string, ModuleInstance>();
  /** While a module's top level runs: what its `export` statements name, read when it ends. */
  exports: Map<string, () => Value> | null = null;

  constructor(
    readonly host: Host,
    readonly prog: Program,
    readonly limits: Limits,
  ) {
    this.deadline = performance.now() + limits.maxMillis;
    this.maxOps = Math.min(limits.maxOperations, CLOCK_EVERY);
  }

  /**
   * Runs when the operation count passed {@link maxOps}: throws when the real limit or the
   * deadline is passed, else sets the next checkpoint.
   */
  checkpoint(src?: SourceFile, pos?: number): void {
    const e =
      this.ops > this.limits.maxOperations
        ? this.tooManyOps()
        : performance.now() > this.deadline
          ? this.tooSlow()
          : undefined;
    if (e) throw src ? e.at(src, pos ?? 0) : e;
    this.maxOps = Math.min(this.limits.maxOperations, this.ops + CLOCK_EVERY);
  }

  /** Work a native did beyond its one operation (elements scanned or copied). */
  charge(n: number): void {
    this.ops += n;
    if (this.ops > this.maxOps) this.checkpoint();
  }

  tooSlow(): RhaiError {
    return limitError(
      `Time limit: the script ran longer than ${this.limits.maxMillis} ms`,
      "an endless or very slow loop? otherwise raise maxMillis in the engine limits",
    );
  }

  tooManyOps(): RhaiError {
    return limitError(
      `Too many operations: the script exceeded the limit of ${this.limits.maxOperations}`,
      "an endless loop? otherwise raise maxOperations in the engine limits",
    );
  }
}

export class Frame {
  readonly vars: unknown[];
  ctl = 0;
  cv: Value = null;

  constructor(
    readonly rt: Runtime,
    nslots: number,
    readonly caps: Cell[] | null,
    readonly thisCell: Cell | null,
    readonly dyn: ScopeLike | null,
  ) {
    this.vars = new Array(nslots);
  }
}

export interface Invoker {
  call(rt: Runtime, fn: FnPtr, args: Value[], offset: number): Value;
  /** Argument counts a function pointer accepts (beyond its curried arguments). */
  arity(rt: Runtime, fn: FnPtr): number[];
}

/** What a native function sees of the call: its name, its position, and a way to call back into the script. */
export class NativeCallContext {
  constructor(
    readonly fnName: string,
    /** Internal: the evaluation this call belongs to. */
    readonly rt: Runtime,
    private readonly offset: number,
    private readonly invoker: Invoker,
  ) {}

  /** Call a function pointer (closure or named function) with arguments. */
  call(fn: FnPtr | string, args: Value[]): Value {
    return this.invoker.call(this.rt, typeof fn === "string" ? new FnPtr(fn) : fn, args, this.offset);
  }

  /** Argument counts a function pointer accepts. */
  arityOf(fn: FnPtr): number[] {
    return this.invoker.arity(this.rt, fn);
  }

  get position(): { file: string; line: number; column: number } {
    const { line, column } = this.rt.prog.src.position(this.offset);
    return { file: this.rt.prog.src.name, line, column };
  }

  get limits(): Limits {
    return this.rt.limits;
  }

  /** Count extra work done by a native against the operations limit. */
  countOps(n: number): void {
    this.rt.charge(n);
  }

  /** Runs host work (a download, a file copy) whose time does not count against the script's deadline. */
  untimed<T>(work: () => T): T {
    const t0 = performance.now();
    try {
      return work();
    } finally {
      this.rt.deadline += performance.now() - t0;
    }
  }
}
