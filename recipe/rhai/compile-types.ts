/**
 * What the construct compilers (compile-*.ts) and the code generator need of the compiler. Both
 * tiers depend on this interface, not on the class, so the class can import them without a circle.
 */
import type { Block, Expr, FnDef, Stmt } from "./ast.js";
import type { CallSite } from "./callsite.js";
import type { RhaiError, SourceFile } from "./errors.js";
import type { Cell, CompiledFn, Frame, Invoker, NativeFn, Runtime, ScopeLike } from "./runtime.js";
import type { FnPtr, Value } from "./values.js";

/** A compiled node: evaluates in a frame. */
export type Ev = (f: Frame) => Value;

/** A compiled place (the target of an assignment or a method call). */
export interface Lv {
  get: Ev;
  set: (f: Frame, v: Value) => void;
  /** The variable is a constant: method calls get a copy. */
  isConst: boolean;
}

export interface CompilerCore {
  readonly src: SourceFile;
  /** Script functions by `name/arity`; every one is declared before any body is compiled. */
  readonly fns: Map<string, CompiledFn>;
  /** Compiling a function body rather than the main script (changes error hints). */
  readonly inFunction: boolean;
  readonly invoker: Invoker;
  /** Closures compiled so far: compiling the same one again (for generated code) reuses it. */
  readonly closures: WeakMap<FnDef, CompiledFn>;
  /** `name/arity` of the methods defined for one type (`fn string.calc(x)`); see {@link FnDef.thisType}. */
  readonly typedMethods: Set<string>;

  at(e: unknown, offset: number): unknown;
  toRhaiError(e: unknown, rt: Runtime): RhaiError;
  declareFn(def: FnDef): CompiledFn;
  defineFn(cf: CompiledFn, isMain: boolean): void;
  isMainTop(st: Stmt): boolean;

  block(b: Block, isFnBody?: boolean): Ev;
  stmt(st: Stmt, isLastOfFn: boolean): Ev;
  expr(x: Expr): Ev;
  valueOf(x: Expr): Ev;
  varGet(x: Extract<Expr, { t: "var" }>): Ev;
  lv(x: Expr): Lv;
  evalArgs(args: Expr[]): (f: Frame) => Value[];

  getProp(f: Frame, o: Value, name: string, pos: number): Value;
  toStr(f: Frame, v: Value, pos: number): string;
  compound(f: Frame, op: string, a: Value, b: Value, pos: number): Value;
  iterItems(it: Value, ipos: number): Value[];

  nativeCallInvoker(x: Extract<Expr, { t: "call" }>): (f: Frame, a: Value[]) => Value;
  methodInvoker1(
    name: string,
    n: number,
    isConst: boolean,
    set: ((f: Frame, v: Value) => void) | null,
    pos: number,
  ): ((f: Frame, o: Value, a: Value) => Value) | null;
  callNative(f: Frame, nf: NativeFn, args: Value[], pos: number, site?: CallSite | null): Value;
  callScript(
    rt: Runtime,
    cf: CompiledFn,
    args: Value[],
    thisCell: Cell | null,
    caps: Cell[] | null,
    dyn: ScopeLike | null,
    pos: number,
  ): Value;
  runFrame(cf: CompiledFn, f: Frame, pos: number): Value;
  callPtr(rt: Runtime, fp: FnPtr, args: Value[], pos: number, thisCell?: Cell | null): Value;
  callMethodValue(f: Frame, o: Value, name: string, a: Value[], pos: number): Value;
  notFound(f: Frame | Runtime, name: string, args: Value[], isMethod?: boolean): RhaiError;
}
