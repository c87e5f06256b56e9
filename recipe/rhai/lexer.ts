import { RhaiError, type SourceFile } from "./errors.js";

export type TokKind = "int" | "float" | "string" | "istring" | "char" | "ident" | "kw" | "punct" | "eof";

/** One part of an interpolated string: literal text, or the tokens of a `${ … }` block. */
export type InterpPart = string | Token[];

export interface Token {
  k: TokKind;
  /** Identifier / keyword / punctuation text, or the decoded string / char value. */
  v: string;
  num: number;
  start: number;
  end: number;
  parts?: InterpPart[];
  /** True when a newline separates this token from the previous one. */
  nl: boolean;
}

export const KEYWORDS = new Set([
  "true",
  "false",
  "let",
  "const",
  "if",
  "else",
  "switch",
  "do",
  "while",
  "until",
  "loop",
  "for",
  "in",
  "continue",
  "break",
  "return",
  "throw",
  "try",
  "catch",
  "fn",
  "private",
  "import",
  "export",
  "as",
  "global",
  "this",
]);

/** Words Rhai reserves for the future: using them as names is a syntax error. */
export const RESERVED = new Set([
  "var",
  "static",
  "shared",
  "goto",
  "exit",
  "match",
  "case",
  "public",
  "protected",
  "new",
  "use",
  "with",
  "module",
  "package",
  "super",
  "thread",
  "spawn",
  "go",
  "await",
  "async",
  "sync",
  "yield",
  "default",
  "void",
  "null",
  "nil",
]);

const PUNCT3 = ["..=", "**=", "<<=", ">>=", "??="];
const PUNCT2 = [
  "::",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
  "..",
  "?.",
  "?[",
  "??",
  "#{",
  "->",
];
const PUNCT1 = new Set("+-*/%=<>!&|^()[]{},;:.?@#$~");

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export class Lexer {
  private i: number;
  private readonly text: string;
  private sawNewline = false;

  constructor(
    private readonly src: SourceFile,
    start = 0,
  ) {
    this.text = src.text;
    this.i = start;
  }

  private error(msg: string, at: number, hint?: string): RhaiError {
    return new RhaiError("parse", msg, "", 0, 0, undefined, hint).at(this.src, at);
  }

  /** Lex the whole source (or, with `untilBrace`, up to the `}` closing an interpolation). */
  tokenize(untilBrace = false): Token[] {
    const out: Token[] = [];
    let depth = 0;
    if (!untilBrace && this.text.startsWith("#!")) {
      while (this.i < this.text.length && this.text.charCodeAt(this.i) !== 10) this.i++;
    }
    for (;;) {
      const t = this.next();
      if (t.k === "eof") {
        if (untilBrace)
          throw this.error("Unterminated `${` interpolation in string", t.start, "close it with `}`");
        out.push(t);
        return out;
      }
      if (untilBrace && t.k === "punct") {
        if (t.v === "{" || t.v === "#{") depth++;
        else if (t.v === "}") {
          if (depth === 0) {
            out.push({ k: "eof", v: "}", num: 0, start: t.start, end: t.start, nl: false });
            return out;
          }
          depth--;
        }
      }
      out.push(t);
    }
  }

  private skipTrivia(): void {
    const s = this.text;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 10) {
        this.sawNewline = true;
        this.i++;
      } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff || c === 12 || c === 11) this.i++;
      else if (c === 47 && s.charCodeAt(this.i + 1) === 47) {
        while (this.i < s.length && s.charCodeAt(this.i) !== 10) this.i++;
      } else if (c === 47 && s.charCodeAt(this.i + 1) === 42) {
        const start = this.i;
        this.i += 2;
        let depth = 1;
        while (depth > 0) {
          if (this.i >= s.length) throw this.error("Unterminated block comment", start, "close it with `*/`");
          const d = s.charCodeAt(this.i);
          if (d === 47 && s.charCodeAt(this.i + 1) === 42) {
            depth++;
            this.i += 2;
          } else if (d === 42 && s.charCodeAt(this.i + 1) === 47) {
            depth--;
            this.i += 2;
          } else {
            if (d === 10) this.sawNewline = true;
            this.i++;
          }
        }
      } else return;
    }
  }

  next(): Token {
    this.sawNewline = false;
    this.skipTrivia();
    const nl = this.sawNewline;
    const s = this.text;
    const start = this.i;
    if (start >= s.length) return { k: "eof", v: "", num: 0, start, end: start, nl };
    const c = s.charCodeAt(start);
    if (isIdentStart(c)) {
      let j = start + 1;
      while (j < s.length && isIdentChar(s.charCodeAt(j))) j++;
      this.i = j;
      const word = s.slice(start, j);
      return { k: KEYWORDS.has(word) ? "kw" : "ident", v: word, num: 0, start, end: j, nl };
    }
    if (isDigit(c)) return this.number(start, nl);
    if (c === 34) return this.string(start, nl);
    if (c === 96) return this.backtick(start, nl);
    if (c === 39) return this.charLit(start, nl);
    for (const p of PUNCT3) {
      if (s.startsWith(p, start)) {
        this.i = start + 3;
        return { k: "punct", v: p, num: 0, start, end: this.i, nl };
      }
    }
    const two = s.slice(start, start + 2);
    if (PUNCT2.includes(two)) {
      this.i = start + 2;
      return { k: "punct", v: two, num: 0, start, end: this.i, nl };
    }
    const one = s[start] as string;
    if (PUNCT1.has(one)) {
      this.i = start + 1;
      return { k: "punct", v: one, num: 0, start, end: this.i, nl };
    }
    const cp = s.codePointAt(start) ?? c;
    throw this.error(
      `Unexpected character '${String.fromCodePoint(cp)}'`,
      start,
      'identifiers use ASCII letters, digits and `_`; text belongs in a "string"',
    );
  }

  private number(start: number, nl: boolean): Token {
    const s = this.text;
    let j = start;
    const c1 = s[start + 1];
    if (
      s[start] === "0" &&
      (c1 === "x" || c1 === "o" || c1 === "b" || c1 === "X" || c1 === "O" || c1 === "B")
    ) {
      const radix = c1 === "x" || c1 === "X" ? 16 : c1 === "o" || c1 === "O" ? 8 : 2;
      j = start + 2;
      const digitsStart = j;
      while (j < s.length && /[0-9a-zA-Z_]/.test(s[j] as string)) j++;
      const digits = s.slice(digitsStart, j).replace(/_/g, "");
      this.i = j;
      const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[01]+$/;
      if (!valid.test(digits)) throw this.error(`Invalid number literal '${s.slice(start, j)}'`, start);
      const big = BigInt((radix === 16 ? "0x" : radix === 8 ? "0o" : "0b") + digits);
      // Hex/binary literals denote i64 bit patterns: 0xFFFFFFFFFFFFFFFF is -1.
      const n = BigInt.asIntN(64, big);
      if (big >= 1n << 64n || n > BigInt(MAX_SAFE) || n < -BigInt(MAX_SAFE))
        throw this.error(
          `Integer literal '${s.slice(start, j)}' is too large`,
          start,
          `integers in this engine are exact up to ±${MAX_SAFE}`,
        );
      return { k: "int", v: s.slice(start, j), num: Number(n), start, end: j, nl };
    }
    while (j < s.length && (isDigit(s.charCodeAt(j)) || s[j] === "_")) j++;
    let isFloat = false;
    if (s[j] === "." && isDigit(s.charCodeAt(j + 1))) {
      isFloat = true;
      j++;
      while (j < s.length && (isDigit(s.charCodeAt(j)) || s[j] === "_")) j++;
    }
    if (s[j] === "e" || s[j] === "E") {
      let k = j + 1;
      if (s[k] === "+" || s[k] === "-") k++;
      if (isDigit(s.charCodeAt(k))) {
        isFloat = true;
        j = k;
        while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      }
    }
    if (j < s.length && isIdentStart(s.charCodeAt(j)) && s[j] !== "e" && s[j] !== "E") {
      // `123abc` is not a number and not a name.
      let k = j;
      while (k < s.length && isIdentChar(s.charCodeAt(k))) k++;
      this.i = k;
      throw this.error(`Invalid number literal '${s.slice(start, k)}'`, start);
    }
    this.i = j;
    const raw = s.slice(start, j);
    const text = raw.replace(/_/g, "");
    if (isFloat) return { k: "float", v: raw, num: Number(text), start, end: j, nl };
    const n = Number(text);
    if (n > MAX_SAFE)
      throw this.error(
        `Integer literal '${raw}' is too large`,
        start,
        `integers in this engine are exact up to ±${MAX_SAFE}; use a float literal like ${text}.0`,
      );
    return { k: "int", v: raw, num: n, start, end: j, nl };
  }

  private escape(quote: string): string {
    const s = this.text;
    const at = this.i;
    const e = s[this.i + 1];
    this.i += 2;
    switch (e) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "\\":
        return "\\";
      case '"':
        return '"';
      case "'":
        return "'";
      case "0":
        return "\0";
      case "x":
      case "u":
      case "U": {
        const len = e === "x" ? 2 : e === "u" ? 4 : 8;
        const hex = s.slice(this.i, this.i + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex))
          throw this.error(
            `Invalid escape sequence '\\${e}${hex}'`,
            at,
            `\\${e} takes exactly ${len} hex digits`,
          );
        this.i += len;
        const cp = Number.parseInt(hex, 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
          throw this.error(`Invalid Unicode code point in '\\${e}${hex}'`, at);
        return String.fromCodePoint(cp);
      }
      default:
        if (e === quote) return quote;
        throw this.error(
          `Invalid escape sequence '\\${e ?? ""}'`,
          at,
          "valid escapes: \\n \\t \\r \\\\ \\\" \\' \\xHH \\uHHHH \\UHHHHHHHH",
        );
    }
  }

  private string(start: number, nl: boolean): Token {
    const s = this.text;
    this.i = start + 1;
    let out = "";
    for (;;) {
      if (this.i >= s.length)
        throw this.error("Unterminated string literal", start, 'close the string with `"`');
      const c = s[this.i] as string;
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === "\n")
        throw this.error(
          'Unterminated string literal (a line break inside a "string")',
          start,
          "end the line with `\\` to continue the string, or use a `backtick` string for multi-line text",
        );
      if (c === "\\") {
        const n = s[this.i + 1];
        if (n === "\n" || (n === "\r" && s[this.i + 2] === "\n")) {
          // Line continuation: skip the break and the next line's indentation.
          this.i += n === "\n" ? 2 : 3;
          while (s[this.i] === " " || s[this.i] === "\t") this.i++;
          continue;
        }
        out += this.escape('"');
        continue;
      }
      out += c;
      this.i++;
    }
    return { k: "string", v: out, num: 0, start, end: this.i, nl };
  }

  private backtick(start: number, nl: boolean): Token {
    const s = this.text;
    this.i = start + 1;
    if (s[this.i] === "\n") this.i++;
    else if (s[this.i] === "\r" && s[this.i + 1] === "\n") this.i += 2;
    const parts: InterpPart[] = [];
    let text = "";
    for (;;) {
      if (this.i >= s.length)
        throw this.error("Unterminated string literal", start, "close the string with a backtick");
      const c = s[this.i] as string;
      if (c === "`") {
        // Two back-ticks stand for one (the book's string-interp.md); one alone ends the string.
        if (s[this.i + 1] === "`") {
          text += "`";
          this.i += 2;
          continue;
        }
        this.i++;
        break;
      }
      if (c === "$" && s[this.i + 1] === "{") {
        if (text) parts.push(text);
        text = "";
        const sub = new Lexer(this.src, this.i + 2);
        const toks = sub.tokenize(true);
        parts.push(toks);
        this.i = (toks[toks.length - 1] as Token).start + 1;
        continue;
      }
      text += c;
      this.i++;
    }
    if (text || parts.length === 0) parts.push(text);
    if (parts.length === 1 && typeof parts[0] === "string")
      return { k: "string", v: parts[0], num: 0, start, end: this.i, nl };
    return { k: "istring", v: "", num: 0, start, end: this.i, parts, nl };
  }

  private charLit(start: number, nl: boolean): Token {
    const s = this.text;
    this.i = start + 1;
    let out = "";
    for (;;) {
      if (this.i >= s.length || s[this.i] === "\n")
        throw this.error("Unterminated character literal", start, "close it with `'`");
      const c = s[this.i] as string;
      if (c === "'") {
        this.i++;
        break;
      }
      if (c === "\\") {
        out += this.escape("'");
        continue;
      }
      const cp = s.codePointAt(this.i) ?? 0;
      const ch = String.fromCodePoint(cp);
      out += ch;
      this.i += ch.length;
    }
    if (Array.from(out).length !== 1)
      throw this.error(
        out.length === 0
          ? "Empty character literal"
          : `Character literal '${out}' holds more than one character`,
        start,
        'a char holds exactly one character; use "double quotes" for strings',
      );
    return { k: "char", v: out, num: 0, start, end: this.i, nl };
  }
}
