import type { Value } from "./values.js";

/** Where a name resolves, filled in by the resolver. */
export interface Decl {
  name: string;
  slot: number;
  /** Captured by a closure: the slot holds a shared cell. */
  boxed: boolean;
  isConst: boolean;
}

export type VarRes = { k: "local"; decl: Decl } | { k: "capture"; idx: number; decl: Decl } | { k: "dyn" };

interface N {
  /** Start offset in the source. */
  s: number;
  /** End offset (exclusive). */
  e: number;
}

export type Expr =
  | (N & { t: "lit"; v: Value })
  | (N & { t: "var"; name: string; res?: VarRes })
  | (N & { t: "this" })
  | (N & { t: "istr"; parts: (string | Block)[] })
  | (N & { t: "arr"; items: Expr[] })
  | (N & { t: "map"; entries: [string, Expr][] })
  | (N & { t: "unary"; op: string; x: Expr })
  | (N & { t: "bin"; op: string; l: Expr; r: Expr; opPos: number })
  | (N & { t: "assign"; op: string; target: Expr; value: Expr })
  | (N & { t: "index"; obj: Expr; idx: Expr; safe: boolean })
  | (N & { t: "prop"; obj: Expr; name: string; safe: boolean })
  | (N & {
      t: "call";
      name: string;
      args: Expr[];
      /** `global`, or the alias of an imported module (`m::f()`). */
      ns: string | null;
      res?: VarRes;
      bang: boolean;
      /** `m::x`: a variable the module exports, not a call. */
      modVar?: boolean;
    })
  | (N & { t: "method"; obj: Expr; name: string; args: Expr[]; safe: boolean })
  | Block
  | (N & { t: "if"; cond: Expr; then: Block; else: Expr | null })
  | (N & { t: "switch"; x: Expr; cases: SwitchCase[]; def: Expr | null })
  | (N & { t: "closure"; fn: FnDef; captures?: CaptureSrc[] })
  | (N & { t: "while"; cond: Expr | null; body: Block; label: "while" | "loop" })
  | (N & { t: "do"; body: Block; cond: Expr; until: boolean })
  | (N & { t: "for"; v: string; iv: string | null; vDecl?: Decl; iDecl?: Decl; iter: Expr; body: Block });

export interface Block extends N {
  t: "block";
  stmts: Stmt[];
}

export interface SwitchCase {
  /** Literal values or ranges to match (ranges as `lit` RRange values). */
  pats: Expr[];
  cond: Expr | null;
  body: Expr;
}

/** Where a closure takes a captured cell from: the enclosing frame's slot or the enclosing closure's capture. */
export type CaptureSrc = { fromSlot: number } | { fromCapture: number };

export interface FnDef {
  name: string;
  params: string[];
  paramDecls?: Decl[];
  body: Block;
  s: number;
  e: number;
  /** Total slots the frame needs (set by the resolver). */
  nslots?: number;
  isPrivate: boolean;
  doc: string;
  /** `fn string.calc()`: a method only for receivers of this type (`type_of` name), else null. */
  thisType?: string | null;
}

export type Stmt =
  | (N & {
      t: "let";
      name: string;
      isConst: boolean;
      value: Expr | null;
      decl?: Decl;
      nameS: number;
      /** `export let x`/`export const x`: the module exports it under its name. */
      exported?: boolean;
    })
  | (N & { t: "import"; path: Expr; alias: string | null })
  | (N & { t: "export"; items: { alias: string; x: Extract<Expr, { t: "var" }> }[] })
  | (N & { t: "expr"; x: Expr })
  | (N & { t: "break"; value: Expr | null })
  | (N & { t: "continue" })
  | (N & { t: "return"; value: Expr | null })
  | (N & { t: "throw"; value: Expr | null })
  | (N & { t: "try"; body: Block; errVar: string | null; errDecl?: Decl; handler: Block })
  | (N & { t: "fn"; fn: FnDef })
  | (N & { t: "empty" });

export interface Program {
  stmts: Stmt[];
  fns: FnDef[];
  main: FnDef;
}
