import type { Block, Expr, FnDef, Program, Stmt, SwitchCase } from "./ast.js";
import type { SourceFile } from "./errors.js";
import { Lexer, RESERVED, type Token } from "./lexer.js";
import { type ParseOptions, TokenCursor } from "./parse-cursor.js";

export type { ParseOptions };

import { RChar, RFloat, RRange, type Value } from "./values.js";

const BIN_PREC: Record<string, number> = {
  "||": 30,
  "|": 30,
  "^": 30,
  "&&": 60,
  "&": 60,
  "==": 90,
  "!=": 90,
  in: 110,
  "!in": 110,
  "<": 130,
  "<=": 130,
  ">": 130,
  ">=": 130,
  "??": 135,
  "..": 140,
  "..=": 140,
  "+": 150,
  "-": 150,
  "*": 180,
  "/": 180,
  "%": 180,
  "**": 190,
  "<<": 210,
  ">>": 210,
};

const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "??="]);

/** Recursive-descent parser producing the AST, with offsets on every node. */
export class Parser extends TokenCursor {
  private readonly fns: FnDef[] = [];
  private inFn = false;
  private statements = 0;

  static parseProgram(src: SourceFile, opts: ParseOptions): Program {
    const toks = new Lexer(src).tokenize();
    const parser = new Parser(src, toks, opts);
    const stmts: Stmt[] = [];
    while (parser.peek().k !== "eof") {
      const st = parser.statement(true);
      if (st.t !== "fn") stmts.push(st);
    }
    const last = toks[toks.length - 1] as Token;
    const main: FnDef = {
      name: "",
      params: [],
      body: { t: "block", stmts, s: 0, e: last.end },
      s: 0,
      e: last.end,
      isPrivate: true,
      doc: "",
    };
    return { stmts, fns: parser.fns, main };
  }

  // ---- statements ----

  private endsWithBlock(x: Expr): boolean {
    switch (x.t) {
      case "block":
      case "if":
      case "switch":
      case "while":
      case "for":
        return true;
      default:
        return false;
    }
  }

  /** Consume the statement terminator: `;`, or nothing before `}` / end of input. */
  private terminate(optional: boolean): void {
    if (this.eatP(";")) return;
    const t = this.peek();
    if (optional || t.k === "eof" || (t.k === "punct" && t.v === "}")) return;
    throw this.error(
      `Expecting ';' to terminate this statement, found ${this.describe(t)}`,
      this.prevEnd(),
      "add `;` at the end of the statement",
    );
  }

  statement(topLevel: boolean): Stmt {
    const t = this.peek();
    const s = t.start;
    // Counted while parsing, so a huge file is refused before it is all in memory as a tree.
    if (++this.statements > (this.opts.maxStatements ?? Number.POSITIVE_INFINITY))
      throw this.error(
        `Too many statements: the limit is ${this.opts.maxStatements}`,
        s,
        "a script this long is not hand-written; split the work or raise maxStatements",
      );
    if (t.k === "punct" && t.v === ";") {
      this.advance();
      return { t: "empty", s, e: t.end };
    }
    if (t.k === "kw") {
      switch (t.v) {
        case "let":
        case "const": {
          this.advance();
          const name = this.ident("a variable name");
          let value: Expr | null = null;
          if (this.eatP("=")) value = this.expr();
          else if (t.v === "const")
            throw this.error(
              `Expecting '=' after constant '${name.v}'`,
              this.peek().start,
              "constants need a value",
            );
          this.terminate(false);
          return {
            t: "let",
            name: name.v,
            isConst: t.v === "const",
            value,
            s,
            e: this.prevEnd(),
            nameS: name.start,
          };
        }
        case "private":
        case "fn": {
          if (!topLevel || this.inFn)
            throw this.error(
              "Functions can only be defined at the top level of a script",
              s,
              "move this `fn` out of the block",
            );
          if (this.fns.length >= (this.opts.maxFunctions ?? Number.POSITIVE_INFINITY))
            throw this.error(
              `Too many functions: the limit is ${this.opts.maxFunctions}`,
              s,
              "a script with this many functions is not hand-written; raise maxFunctions if it must",
            );
          const fn = this.fnDef();
          this.fns.push(fn);
          return { t: "fn", fn, s, e: fn.e };
        }
        case "break":
        case "continue":
        case "return":
        case "throw": {
          this.advance();
          let value: Expr | null = null;
          if (t.v !== "continue" && !this.atStmtEnd()) value = this.expr();
          this.terminate(false);
          const e = this.prevEnd();
          if (t.v === "continue") return { t: "continue", s, e };
          return { t: t.v as "break" | "return" | "throw", value, s, e };
        }
        case "try": {
          this.advance();
          const body = this.block();
          if (!this.isK("catch"))
            throw this.error(
              `Expecting 'catch' after the try block, found ${this.describe(this.peek())}`,
              this.peek().start,
            );
          this.advance();
          let errVar: string | null = null;
          if (this.eatP("(")) {
            errVar = this.ident("an error variable name").v;
            this.expectP(")", "to close the catch variable");
          }
          const handler = this.block();
          return { t: "try", body, errVar, handler, s, e: handler.e };
        }
        case "import":
          if (this.opts.modules) return this.importStmt(topLevel);
          throw this.error(
            `'${t.v}' is not available: modules are disabled in this sandbox`,
            s,
            "recipes get their helpers as registered functions",
          );
        case "export":
          if (this.opts.modules) return this.exportStmt(topLevel);
          throw this.error(
            `'${t.v}' is not available: modules are disabled in this sandbox`,
            s,
            "recipes get their helpers as registered functions",
          );
      }
    }
    if (
      (t.k === "kw" &&
        (t.v === "if" ||
          t.v === "switch" ||
          t.v === "while" ||
          t.v === "loop" ||
          t.v === "for" ||
          t.v === "do")) ||
      (t.k === "punct" && t.v === "{")
    ) {
      // A statement that starts with a block construct ends with it: `if c { } -1` is two statements.
      const x = t.k === "punct" ? this.block() : this.keywordExpr(t);
      if (!this.isP(".") && !this.isP("?.") && !this.isP("[")) {
        this.terminate(true);
        return { t: "expr", x, s, e: this.prevEnd() };
      }
      return this.finishExprStmt(this.postfix(x), s);
    }
    return this.finishExprStmt(this.expr(), s);
  }

  private finishExprStmt(x: Expr, s: number): Stmt {
    if (this.peek().k === "punct" && ASSIGN_OPS.has(this.peek().v)) {
      const op = this.advance();
      this.checkAssignable(x, op.start);
      const value = this.expr();
      this.terminate(false);
      return {
        t: "expr",
        x: { t: "assign", op: op.v, target: x, value, s: x.s, e: value.e },
        s,
        e: this.prevEnd(),
      };
    }
    if (this.endsWithBlock(x)) this.terminate(true);
    else this.terminate(false);
    return { t: "expr", x, s, e: this.prevEnd() };
  }

  private atStmtEnd(): boolean {
    const t = this.peek();
    return t.k === "eof" || (t.k === "punct" && (t.v === ";" || t.v === "}"));
  }

  private checkAssignable(x: Expr, at: number): void {
    if (x.t === "var" || x.t === "this") return;
    if (x.t === "index" || x.t === "prop") {
      if (x.safe) throw this.error("Cannot assign through `?.` or `?[`", at);
      this.checkAssignable(x.obj, at);
      return;
    }
    throw this.error(
      "Cannot assign to this expression",
      x.s,
      "only variables, properties (a.b) and indexed elements (a[i]) can be assigned",
    );
  }

  /** `import "path" as name;` (Rhai's modules; only where the engine can resolve them). */
  private importStmt(topLevel: boolean): Stmt {
    const s = this.advance().start;
    void topLevel;
    const path = this.expr();
    let alias: string | null = null;
    if (this.isK("as")) {
      this.advance();
      alias = this.ident("a module name").v;
    }
    this.terminate(false);
    return { t: "import", path, alias, s, e: this.prevEnd() };
  }

  /** `export x [as y], …;` or `export let/const x = …;`, at the top level of a module. */
  private exportStmt(topLevel: boolean): Stmt {
    const s = this.advance().start;
    if (!topLevel || this.inFn)
      throw this.error(
        "'export' can only be used at the top level of a script",
        s,
        "move it out of the block",
      );
    if (this.isK("let") || this.isK("const")) {
      const st = this.statement(true);
      if (st.t === "let") st.exported = true;
      return st;
    }
    const items: { alias: string; x: Extract<Expr, { t: "var" }> }[] = [];
    do {
      const name = this.ident("a variable to export");
      let alias = name.v;
      if (this.isK("as")) {
        this.advance();
        alias = this.ident("the exported name").v;
      }
      items.push({ alias, x: { t: "var", name: name.v, s: name.start, e: name.end } });
    } while (this.eatP(","));
    this.terminate(false);
    return { t: "export", items, s, e: this.prevEnd() };
  }

  private fnDef(): FnDef {
    const s = this.peek().start;
    const isPrivate = this.isK("private");
    if (isPrivate) this.advance();
    if (!this.isK("fn")) throw this.error("Expecting 'fn' after 'private'", this.peek().start);
    this.advance();
    // `fn string.calc(x)`: a method for one type of `this` (int and float stand for i64 and f64).
    let thisType: string | null = null;
    const first = this.peek();
    if ((first.k === "ident" || first.k === "string") && this.isP(".", 1)) {
      this.advance();
      this.advance();
      thisType = first.v === "int" ? "i64" : first.v === "float" ? "f64" : first.v;
    }
    const name = this.ident("a function name");
    this.expectP("(", `after the function name '${name.v}'`);
    const params: string[] = [];
    while (!this.isP(")")) {
      const p = this.ident("a parameter name");
      if (params.includes(p.v)) throw this.error(`Duplicated parameter '${p.v}'`, p.start);
      params.push(p.v);
      if (!this.eatP(",")) break;
    }
    this.expectP(")", "to close the parameter list");
    const dup = this.fns.find(
      (f) => f.name === name.v && f.params.length === params.length && (f.thisType ?? null) === thisType,
    );
    if (dup)
      throw this.error(
        `Function '${name.v}' with ${params.length} parameter(s) is defined twice`,
        name.start,
        "rename one of them, or give them different numbers of parameters",
      );
    this.inFn = true;
    const body = this.block();
    this.inFn = false;
    return { name: name.v, params, body, s, e: body.e, isPrivate, doc: "", thisType };
  }

  block(): Block {
    const open = this.expectP("{", "to start a block");
    this.enter(open.start);
    const stmts: Stmt[] = [];
    while (!this.isP("}")) {
      if (this.peek().k === "eof")
        throw this.error(
          "Expecting '}' to close the block",
          this.peek().start,
          `the block opened at offset ${open.start}`,
        );
      stmts.push(this.statement(false));
    }
    const close = this.advance();
    this.depth--;
    return { t: "block", stmts, s: open.start, e: close.end };
  }

  // ---- expressions ----

  expr(): Expr {
    this.enter(this.peek().start);
    const x = this.binary(0);
    this.depth--;
    return x;
  }

  private binOp(): string | null {
    const t = this.peek();
    if (t.k === "punct") {
      if (t.v === "!" && this.isK("in", 1)) return "!in";
      return BIN_PREC[t.v] !== undefined ? t.v : null;
    }
    if (t.k === "kw" && t.v === "in") return "in";
    return null;
  }

  private binary(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const op = this.binOp();
      if (op === null) return left;
      const prec = BIN_PREC[op] as number;
      if (prec <= minPrec) return left;
      const opTok = this.advance();
      if (op === "!in") this.advance();
      // `**` binds to the right; everything else to the left.
      const right = op === "**" ? this.binary(prec - 1) : this.binary(prec);
      left = { t: "bin", op, l: left, r: right, s: left.s, e: right.e, opPos: opTok.start };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.k === "punct" && (t.v === "-" || t.v === "+" || t.v === "!")) {
      this.advance();
      this.enter(t.start);
      const x = this.unary();
      this.depth--;
      if (t.v === "-" && x.t === "lit") {
        if (typeof x.v === "number") return { t: "lit", v: -x.v, s: t.start, e: x.e };
        if (x.v instanceof RFloat) return { t: "lit", v: new RFloat(-x.v.v), s: t.start, e: x.e };
      }
      return { t: "unary", op: t.v, x, s: t.start, e: x.e };
    }
    return this.postfix(this.primary());
  }

  private args(what: string): Expr[] {
    const args: Expr[] = [];
    while (!this.isP(")")) {
      args.push(this.expr());
      if (!this.eatP(",")) break;
    }
    this.expectP(")", `to close the arguments of ${what}`);
    return args;
  }

  private postfix(x: Expr): Expr {
    for (;;) {
      const t = this.peek();
      if (t.k !== "punct") return x;
      if (t.v === "." || t.v === "?.") {
        this.advance();
        const nt = this.peek();
        if (nt.k !== "ident" && nt.k !== "kw")
          throw this.error(
            `Expecting a property or method name after '${t.v}', found ${this.describe(nt)}`,
            nt.start,
          );
        this.advance();
        if (this.isP("(") && !this.peek().nl) {
          this.advance();
          const args = this.args(`method '${nt.v}'`);
          x = { t: "method", obj: x, name: nt.v, args, safe: t.v === "?.", s: x.s, e: this.prevEnd() };
        } else {
          x = { t: "prop", obj: x, name: nt.v, safe: t.v === "?.", s: x.s, e: nt.end };
        }
        continue;
      }
      if (t.v === "[" || t.v === "?[") {
        this.advance();
        const idx = this.expr();
        this.expectP("]", "to close the index");
        x = { t: "index", obj: x, idx, safe: t.v === "?[", s: x.s, e: this.prevEnd() };
        continue;
      }
      return x;
    }
  }

  private primary(): Expr {
    const t = this.peek();
    const s = t.start;
    switch (t.k) {
      case "int":
        this.advance();
        return { t: "lit", v: t.num, s, e: t.end };
      case "float":
        this.advance();
        return { t: "lit", v: new RFloat(t.num), s, e: t.end };
      case "string":
        this.advance();
        return { t: "lit", v: t.v, s, e: t.end };
      case "char":
        this.advance();
        return { t: "lit", v: new RChar(t.v), s, e: t.end };
      case "istring": {
        this.advance();
        const parts: (string | Block)[] = [];
        for (const part of t.parts ?? []) {
          if (typeof part === "string") parts.push(part);
          else {
            const sub = new Parser(this.src, part, this.opts);
            sub.depth = this.depth;
            const stmts: Stmt[] = [];
            while (sub.peek().k !== "eof") stmts.push(sub.statement(false));
            const first = part[0] as Token;
            const last = part[part.length - 1] as Token;
            parts.push({ t: "block", stmts, s: first.start, e: last.end });
          }
        }
        return { t: "istr", parts, s, e: t.end };
      }
      case "ident": {
        this.advance();
        if (RESERVED.has(t.v)) throw this.error(`'${t.v}' is a reserved keyword`, s, "choose another name");
        if (this.isP("::") && this.opts.modules) {
          this.advance();
          const name = this.ident("a name exported by the module");
          if (this.isP("(")) {
            this.advance();
            const args = this.args(`'${t.v}::${name.v}'`);
            return { t: "call", name: name.v, args, ns: t.v, s, e: this.prevEnd(), bang: false };
          }
          return { t: "call", name: name.v, args: [], ns: t.v, s, e: name.end, bang: false, modVar: true };
        }
        if (this.isP("::")) {
          throw this.error(
            `Module '${t.v}' is not available: modules are disabled in this sandbox`,
            s,
            "only `global::NAME` is supported",
          );
        }
        let bang = false;
        if (this.isP("!") && this.isP("(", 1)) {
          this.advance();
          bang = true;
        }
        if (this.isP("(")) {
          this.advance();
          const args = this.args(`'${t.v}'`);
          return { t: "call", name: t.v, args, ns: null, s, e: this.prevEnd(), bang };
        }
        return { t: "var", name: t.v, s, e: t.end };
      }
      case "kw":
        return this.keywordExpr(t);
      case "punct":
        break;
      case "eof":
        throw this.error(`Expecting an expression, found ${this.describe(t)}`, s);
    }
    switch (t.v) {
      case "(": {
        this.advance();
        if (this.eatP(")")) return { t: "lit", v: null, s, e: this.prevEnd() };
        const x = this.expr();
        this.expectP(")", "to close the parenthesis");
        return x;
      }
      case "[": {
        this.advance();
        const items: Expr[] = [];
        while (!this.isP("]")) {
          items.push(this.expr());
          if (!this.eatP(",")) break;
        }
        this.expectP("]", "to close the array literal");
        return { t: "arr", items, s, e: this.prevEnd() };
      }
      case "#{": {
        this.advance();
        const entries: [string, Expr][] = [];
        while (!this.isP("}")) {
          const k = this.peek();
          let key: string;
          if (k.k === "ident" || k.k === "kw" || k.k === "string") key = k.v;
          else
            throw this.error(
              `Expecting a property name in the object map, found ${this.describe(k)}`,
              k.start,
              'property names are identifiers or "strings"',
            );
          this.advance();
          if (entries.some(([n]) => n === key))
            throw this.error(`Duplicated property '${key}' in object map`, k.start);
          this.expectP(":", `after the property name '${key}'`);
          entries.push([key, this.expr()]);
          if (!this.eatP(",")) break;
        }
        this.expectP("}", "to close the object map literal");
        return { t: "map", entries, s, e: this.prevEnd() };
      }
      case "{":
        return this.block();
      case "|":
      case "||":
        return this.closure();
      case "=":
        throw this.error("Unexpected '='", s, "use `==` to compare; assignment is a statement of its own");
    }
    throw this.error(`Expecting an expression, found ${this.describe(t)}`, s);
  }

  private closure(): Expr {
    const t = this.advance();
    const params: string[] = [];
    if (t.v === "|") {
      while (!this.isP("|")) {
        const p = this.ident("a closure parameter name");
        if (params.includes(p.v)) throw this.error(`Duplicated parameter '${p.v}'`, p.start);
        params.push(p.v);
        if (!this.eatP(",")) break;
      }
      this.expectP("|", "to close the closure parameters");
    }
    const wasInFn = this.inFn;
    this.inFn = true;
    let bodyX = this.expr();
    if (this.peek().k === "punct" && ASSIGN_OPS.has(this.peek().v)) {
      // `|| this.count += 1`: a closure body may be an assignment.
      const op = this.advance();
      this.checkAssignable(bodyX, op.start);
      const value = this.expr();
      bodyX = { t: "assign", op: op.v, target: bodyX, value, s: bodyX.s, e: value.e };
    }
    this.inFn = wasInFn;
    const body: Block =
      bodyX.t === "block"
        ? bodyX
        : { t: "block", stmts: [{ t: "expr", x: bodyX, s: bodyX.s, e: bodyX.e }], s: bodyX.s, e: bodyX.e };
    const fn: FnDef = { name: "", params, body, s: t.start, e: bodyX.e, isPrivate: true, doc: "" };
    return { t: "closure", fn, s: t.start, e: bodyX.e };
  }

  private keywordExpr(t: Token): Expr {
    const s = t.start;
    switch (t.v) {
      case "true":
      case "false":
        this.advance();
        return { t: "lit", v: t.v === "true", s, e: t.end };
      case "this":
        this.advance();
        return { t: "this", s, e: t.end };
      case "if":
        return this.ifExpr();
      case "switch":
        return this.switchExpr();
      case "while": {
        this.advance();
        const cond = this.expr();
        const body = this.block();
        return { t: "while", cond, body, label: "while", s, e: body.e };
      }
      case "loop": {
        this.advance();
        const body = this.block();
        return { t: "while", cond: null, body, label: "loop", s, e: body.e };
      }
      case "do": {
        this.advance();
        const body = this.block();
        const kw = this.peek();
        if (!(kw.k === "kw" && (kw.v === "while" || kw.v === "until")))
          throw this.error(
            `Expecting 'while' or 'until' after the do block, found ${this.describe(kw)}`,
            kw.start,
          );
        this.advance();
        const cond = this.expr();
        return { t: "do", body, cond, until: kw.v === "until", s, e: cond.e };
      }
      case "for": {
        this.advance();
        let v: string;
        let iv: string | null = null;
        if (this.eatP("(")) {
          v = this.ident("a loop variable name").v;
          this.expectP(",", "between the loop variable and the counter variable");
          iv = this.ident("a counter variable name").v;
          this.expectP(")", "to close the loop variables");
        } else v = this.ident("a loop variable name").v;
        if (!this.isK("in"))
          throw this.error(
            `Expecting 'in' after the loop variable, found ${this.describe(this.peek())}`,
            this.peek().start,
          );
        this.advance();
        const iter = this.expr();
        const body = this.block();
        return { t: "for", v, iv, iter, body, s, e: body.e };
      }
      case "global": {
        this.advance();
        this.expectP("::", "after 'global'");
        const name = this.ident("a constant name");
        return { t: "call", name: name.v, args: [], ns: "global", s, e: name.end, bang: false };
      }
      case "fn":
      case "private":
        throw this.error(
          "Functions can only be defined at the top level of a script",
          s,
          "use a closure `|x| …` here",
        );
    }
    throw this.error(`Expecting an expression, found the keyword '${t.v}'`, s);
  }

  private ifExpr(): Expr {
    const s = this.advance().start;
    const cond = this.expr();
    if (this.isP("="))
      throw this.error(
        "Possibly a typo of '==' in the condition of 'if'",
        this.peek().start,
        "use `==` to compare",
      );
    if (!this.isP("{"))
      throw this.error(
        `Expecting '{' to start the body of 'if', found ${this.describe(this.peek())}`,
        this.peek().start,
        "the body of `if` must be a block in braces",
      );
    const then = this.block();
    let els: Expr | null = null;
    if (this.isK("else")) {
      this.advance();
      if (this.isK("if")) els = this.ifExpr();
      else els = this.block();
    }
    return { t: "if", cond, then, else: els, s, e: els ? els.e : then.e };
  }

  private constValue(x: Expr): Value {
    if (x.t === "lit") return x.v;
    throw this.error(
      "Expecting a literal value as a switch case",
      x.s,
      "cases match literals like 1, \"a\", 'c', true or ranges 1..5",
    );
  }

  private switchExpr(): Expr {
    const s = this.advance().start;
    const x = this.expr();
    this.expectP("{", "to start the switch cases");
    const cases: SwitchCase[] = [];
    let def: Expr | null = null;
    while (!this.isP("}")) {
      const t = this.peek();
      if (def) throw this.error("The default case `_` must be the last case of the switch", t.start);
      if (t.k === "ident" && t.v === "_") {
        this.advance();
        if (this.isK("if")) throw this.error("The default case cannot have a condition", this.peek().start);
        this.expectP("=>", "after the default case `_`");
        def = this.caseBody();
      } else {
        const pats: Expr[] = [];
        for (;;) {
          const pt = this.peek();
          const pe = this.binary(BIN_PREC["|"] as number);
          if (pe.t === "bin" && (pe.op === ".." || pe.op === "..=")) {
            const a = this.constValue(pe.l);
            const b = this.constValue(pe.r);
            if (typeof a !== "number" || typeof b !== "number")
              throw this.error("Range cases need integer bounds", pt.start);
            pats.push({ t: "lit", v: new RRange(a, b, pe.op === "..="), s: pe.s, e: pe.e });
          } else if (pe.t === "lit" || pe.t === "arr" || pe.t === "map") {
            if (pe.t !== "lit") this.checkConst(pe);
            pats.push(pe);
          } else this.constValue(pe);
          if (!this.eatP("|")) break;
        }
        let cond: Expr | null = null;
        if (this.isK("if")) {
          this.advance();
          cond = this.expr();
        }
        this.expectP("=>", "after the switch case");
        cases.push({ pats, cond, body: this.caseBody() });
      }
      const last = def ?? (cases[cases.length - 1] as SwitchCase).body;
      if (!this.eatP(",") && !this.isP("}") && last.t !== "block")
        throw this.error(
          `Expecting ',' between switch cases, found ${this.describe(this.peek())}`,
          this.peek().start,
        );
    }
    const close = this.advance();
    return { t: "switch", x, cases, def, s, e: close.end };
  }

  private checkConst(x: Expr): void {
    if (x.t === "lit") return;
    if (x.t === "arr") {
      for (const i of x.items) this.checkConst(i);
    } else if (x.t === "map") {
      for (const [, i] of x.entries) this.checkConst(i);
    } else this.constValue(x);
  }

  private caseBody(): Expr {
    const t = this.peek();
    if (t.k === "kw" && (t.v === "break" || t.v === "continue" || t.v === "return" || t.v === "throw")) {
      // Allow `1 => return x,` and friends by wrapping the statement in a block.
      this.advance();
      let value: Expr | null = null;
      if (t.v !== "continue" && !this.isP(",") && !this.isP("}")) value = this.expr();
      const e = this.prevEnd();
      const st: Stmt =
        t.v === "continue" ? { t: "continue", s: t.start, e } : { t: t.v as "break", value, s: t.start, e };
      return { t: "block", stmts: [st], s: t.start, e };
    }
    return this.expr();
  }
}
