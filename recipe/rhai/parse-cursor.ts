/** The parser's position in the token list, with the look-ahead and error helpers it uses. */
import { RhaiError, type SourceFile } from "./errors.js";
import { RESERVED, type Token } from "./lexer.js";

export interface ParseOptions {
  maxExprDepth: number;
  /** Statements in the whole source (default no limit). */
  maxStatements?: number;
  /** Function definitions in the whole source (default no limit). */
  maxFunctions?: number;
  /** `import`/`export` and `m::name` are allowed (the engine has a module resolver). */
  modules?: boolean;
}

export class TokenCursor {
  protected p = 0;
  protected depth = 0;

  constructor(
    protected readonly src: SourceFile,
    protected readonly toks: Token[],
    protected readonly opts: ParseOptions,
  ) {}

  protected peek(n = 0): Token {
    return (this.toks[this.p + n] ?? this.toks[this.toks.length - 1]) as Token;
  }
  protected advance(): Token {
    const t = this.peek();
    if (t.k !== "eof") this.p++;
    return t;
  }
  protected prevEnd(): number {
    return this.p > 0 ? (this.toks[this.p - 1] as Token).end : 0;
  }
  protected isP(v: string, n = 0): boolean {
    const t = this.peek(n);
    return t.k === "punct" && t.v === v;
  }
  protected isK(v: string, n = 0): boolean {
    const t = this.peek(n);
    return t.k === "kw" && t.v === v;
  }
  protected eatP(v: string): boolean {
    if (this.isP(v)) {
      this.p++;
      return true;
    }
    return false;
  }

  protected describe(t: Token): string {
    switch (t.k) {
      case "eof":
        return t.v === "}" ? "the end of the interpolated `$\u{7b}…}` block" : "the end of the script";
      case "string":
      case "istring":
        return "a string";
      case "char":
        return "a character";
      case "int":
      case "float":
        return `the number ${t.v}`;
      case "ident":
        return `'${t.v}'`;
      default:
        return `'${t.v}'`;
    }
  }

  error(msg: string, at: number, hint?: string): RhaiError {
    return new RhaiError("parse", msg, "", 0, 0, undefined, hint).at(this.src, at);
  }

  protected expectP(v: string, what: string, hint?: string): Token {
    const t = this.peek();
    if (t.k === "punct" && t.v === v) return this.advance();
    throw this.error(`Expecting '${v}' ${what}, found ${this.describe(t)}`, t.start, hint);
  }

  protected ident(what: string): Token {
    const t = this.peek();
    if (t.k === "ident") {
      if (RESERVED.has(t.v))
        throw this.error(`'${t.v}' is a reserved keyword`, t.start, "choose another name");
      return this.advance();
    }
    if (t.k === "kw") throw this.error(`'${t.v}' is a keyword and cannot be used as ${what}`, t.start);
    throw this.error(`Expecting ${what}, found ${this.describe(t)}`, t.start);
  }

  protected enter(at: number): void {
    if (++this.depth > this.opts.maxExprDepth)
      throw this.error(
        `Expression nested too deeply (limit ${this.opts.maxExprDepth})`,
        at,
        "split the expression into smaller statements",
      );
  }
}
