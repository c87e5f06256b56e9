import type { Block, CaptureSrc, Decl, Expr, FnDef, Program, Stmt } from "./ast.js";
import { RhaiError, type SourceFile } from "./errors.js";

/** Lexical scopes of one function (or closure) body. */
class FnScope {
  readonly blocks: Map<string, Decl>[] = [new Map()];
  nslots = 0;
  readonly captures: CaptureSrc[] = [];
  private readonly captureIdx = new Map<Decl, number>();
  loopDepth = 0;

  constructor(readonly parent: FnScope | null) {}

  declare(name: string, isConst: boolean): Decl {
    const d: Decl = { name, slot: this.nslots++, boxed: false, isConst };
    (this.blocks[this.blocks.length - 1] as Map<string, Decl>).set(name, d);
    return d;
  }

  findLocal(name: string): Decl | undefined {
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      const d = (this.blocks[i] as Map<string, Decl>).get(name);
      if (d) return d;
    }
    return undefined;
  }

  /** Resolve a name: a local slot, a captured cell from an enclosing function, or nothing. */
  resolve(name: string): { k: "local"; decl: Decl } | { k: "capture"; idx: number; decl: Decl } | null {
    const d = this.findLocal(name);
    if (d) return { k: "local", decl: d };
    if (!this.parent) return null;
    const outer = this.parent.resolve(name);
    if (!outer) return null;
    outer.decl.boxed = true;
    let idx = this.captureIdx.get(outer.decl);
    if (idx === undefined) {
      idx = this.captures.length;
      this.captures.push(outer.k === "local" ? { fromSlot: outer.decl.slot } : { fromCapture: outer.idx });
      this.captureIdx.set(outer.decl, idx);
    }
    return { k: "capture", idx, decl: outer.decl };
  }
}

/** Annotates the AST with variable slots, closure captures and frame sizes; rejects misuse of constants. */
export class Resolver {
  private sc: FnScope = new FnScope(null);
  /** Names of all top-level `let`/`const` declarations, in order, with their slots. */
  readonly topLevel: Decl[] = [];

  constructor(private readonly src: SourceFile) {}

  private error(msg: string, at: number, hint?: string): RhaiError {
    return new RhaiError("parse", msg, "", 0, 0, undefined, hint).at(this.src, at);
  }

  resolveProgram(p: Program): void {
    this.fn(p.main, null, true);
    for (const f of p.fns) this.fn(f, null, false);
  }

  private fn(def: FnDef, parent: FnScope | null, isMain: boolean): FnScope {
    const saved = this.sc;
    const sc = new FnScope(parent);
    this.sc = sc;
    def.paramDecls = def.params.map((p) => sc.declare(p, false));
    for (const st of def.body.stmts) this.stmt(st, isMain);
    def.nslots = sc.nslots;
    this.sc = saved;
    return sc;
  }

  private block(b: Block): void {
    this.sc.blocks.push(new Map());
    for (const st of b.stmts) this.stmt(st, false);
    this.sc.blocks.pop();
  }

  private stmt(st: Stmt, topLevel: boolean): void {
    switch (st.t) {
      case "let":
        if (st.value) this.expr(st.value);
        st.decl = this.sc.declare(st.name, st.isConst);
        if (topLevel) this.topLevel.push(st.decl);
        return;
      case "expr":
        this.expr(st.x);
        return;
      case "break":
      case "continue":
        if (this.sc.loopDepth === 0)
          throw this.error(
            `'${st.t}' can only be used inside a loop`,
            st.s,
            "use `return` to leave a function",
          );
        if (st.t === "break" && st.value) this.expr(st.value);
        return;
      case "return":
      case "throw":
        if (st.value) this.expr(st.value);
        return;
      case "try":
        this.block(st.body);
        this.sc.blocks.push(new Map());
        if (st.errVar) st.errDecl = this.sc.declare(st.errVar, false);
        for (const s of st.handler.stmts) this.stmt(s, false);
        this.sc.blocks.pop();
        return;
      case "import":
        this.expr(st.path);
        return;
      case "export":
        for (const i of st.items) this.expr(i.x);
        return;
      case "fn":
      case "empty":
        return;
    }
  }

  private assignTarget(x: Expr, at: number): void {
    if (x.t === "var") {
      this.expr(x);
      const res = x.res;
      if (res && res.k !== "dyn" && res.decl.isConst)
        throw this.error(`Cannot assign to constant '${x.name}'`, at, "declare it with `let` to change it");
      return;
    }
    if (x.t === "index") {
      this.assignTarget(x.obj, at);
      this.expr(x.idx);
      return;
    }
    if (x.t === "prop") {
      this.assignTarget(x.obj, at);
      return;
    }
    this.expr(x);
  }

  private expr(x: Expr): void {
    switch (x.t) {
      case "lit":
      case "this":
        return;
      case "var": {
        const r = this.sc.resolve(x.name);
        x.res = r ?? { k: "dyn" };
        return;
      }
      case "istr":
        for (const p of x.parts) if (typeof p !== "string") this.block(p);
        return;
      case "arr":
        for (const i of x.items) this.expr(i);
        return;
      case "map":
        for (const [, v] of x.entries) this.expr(v);
        return;
      case "unary":
        this.expr(x.x);
        return;
      case "bin":
        this.expr(x.l);
        this.expr(x.r);
        return;
      case "assign":
        // Value first: `x = x + 1` reads before it writes.
        this.expr(x.value);
        this.assignTarget(x.target, x.s);
        return;
      case "index":
        this.expr(x.obj);
        this.expr(x.idx);
        return;
      case "prop":
        this.expr(x.obj);
        return;
      case "call": {
        for (const a of x.args) this.expr(a);
        const r = this.sc.resolve(x.name);
        if (r) x.res = r;
        return;
      }
      case "method":
        this.expr(x.obj);
        for (const a of x.args) this.expr(a);
        return;
      case "block":
        this.block(x);
        return;
      case "if":
        this.expr(x.cond);
        this.block(x.then);
        if (x.else) this.expr(x.else);
        return;
      case "switch":
        this.expr(x.x);
        for (const c of x.cases) {
          for (const p of c.pats) this.expr(p);
          if (c.cond) this.expr(c.cond);
          this.expr(c.body);
        }
        if (x.def) this.expr(x.def);
        return;
      case "closure": {
        const inner = this.fn(x.fn, this.sc, false);
        x.captures = inner.captures;
        return;
      }
      case "while":
        if (x.cond) this.expr(x.cond);
        this.sc.loopDepth++;
        this.block(x.body);
        this.sc.loopDepth--;
        return;
      case "do":
        this.sc.loopDepth++;
        this.block(x.body);
        this.sc.loopDepth--;
        this.expr(x.cond);
        return;
      case "for":
        this.expr(x.iter);
        this.sc.blocks.push(new Map());
        x.vDecl = this.sc.declare(x.v, false);
        if (x.iv) x.iDecl = this.sc.declare(x.iv, false);
        this.sc.loopDepth++;
        this.block(x.body);
        this.sc.loopDepth--;
        this.sc.blocks.pop();
        return;
    }
  }
}
