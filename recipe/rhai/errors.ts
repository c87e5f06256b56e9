import type { Value } from "./values.js";

export type RhaiErrorKind = "parse" | "runtime" | "limit" | "throw";

/** A source region: offsets into the source text plus the 1-based line and column of `start`. */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

/** A source text with a line table, so positions are computed only when an error needs them. */
export class SourceFile {
  private lineStarts: number[] | null = null;
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }

  lineText(line: number): string {
    const starts = this.starts();
    const s = starts[line - 1];
    if (s === undefined) return "";
    const next = starts[line];
    // No regex: this runs while reporting stack overflows, where compiling one aborts V8.
    const text = this.text.slice(s, next === undefined ? this.text.length : next - 1);
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  }

  span(start: number, end: number): Span {
    const { line, column } = this.position(start);
    return { start, end, line, column };
  }
}

export interface CallFrameNote {
  fn: string;
  file: string;
  line: number;
  column: number;
}

/** The one error type the engine lets escape: parse errors, runtime errors, limits and script `throw`s. */
export class RhaiError extends Error {
  override name = "RhaiError";
  /** Offset into the source, -1 when unknown. */
  offset: number;
  /** Source line the error points at ("" when unknown). */
  sourceLine: string;
  /** Call chain from the innermost script function outwards (filled as the error unwinds). */
  readonly callStack: CallFrameNote[] = [];
  /** True once a file position has been attached. */
  positioned: boolean;

  constructor(
    readonly kind: RhaiErrorKind,
    /** The message without position. */
    readonly detail: string,
    public file = "",
    public line = 0,
    public column = 0,
    /** The thrown value for `throw`. */
    readonly value?: Value,
    /** What the parser expected, for parse errors. */
    readonly hint?: string,
  ) {
    super(detail);
    this.offset = -1;
    this.sourceLine = "";
    this.positioned = line > 0;
    this.refreshMessage();
  }

  /** Attach a position if none is attached yet. */
  at(src: SourceFile, offset: number): this {
    if (this.positioned) return this;
    const { line, column } = src.position(offset);
    this.file = src.name;
    this.line = line;
    this.column = column;
    this.offset = offset;
    this.sourceLine = src.lineText(line);
    this.positioned = true;
    this.refreshMessage();
    return this;
  }

  private refreshMessage(): void {
    this.message = this.positioned
      ? `${this.detail} (${this.file}:${this.line}:${this.column})`
      : this.detail;
  }

  /**
   * The full report: message, file:line:col, the source line with a caret, the call chain.
   * `show` makes script text printable (a terminal's escape sequences in a comment, a string or a
   * thrown message must not reach the terminal raw: attacker 25 L3, attacker 24 F8); the caret is
   * placed under the shown text, so it still points at the column reported.
   */
  format(show: (text: string) => string = (t) => t): string {
    const label =
      this.kind === "parse"
        ? "syntax error"
        : this.kind === "limit"
          ? "limit exceeded"
          : this.kind === "throw"
            ? "script threw an exception"
            : "runtime error";
    const lines = [`error: ${label}: ${show(this.detail)}`];
    if (this.positioned) {
      lines.push(` --> ${show(this.file)}:${this.line}:${this.column}`);
      const num = String(this.line);
      const pad = " ".repeat(num.length);
      const { text, caret } = snippet(this.sourceLine, this.column, show);
      lines.push(`${pad} |`);
      lines.push(`${num} | ${text}`);
      lines.push(`${pad} | ${" ".repeat(caret)}^`);
    }
    if (this.hint) lines.push(`help: ${show(this.hint)}`);
    for (const f of this.callStack)
      lines.push(`note: in call to function '${show(f.fn)}' at ${show(f.file)}:${f.line}:${f.column}`);
    return lines.join("\n");
  }
}

export function runtimeError(detail: string, hint?: string): RhaiError {
  return new RhaiError("runtime", detail, "", 0, 0, undefined, hint);
}

export function limitError(detail: string, hint?: string): RhaiError {
  return new RhaiError("limit", detail, "", 0, 0, undefined, hint);
}

/** Characters of the source line shown on each side of the error's column (attacker 27 L4). */
export const SNIPPET_SIDE = 60;

/**
 * The source line as an error shows it: at most {@link SNIPPET_SIDE} characters each side of the
 * column, "…" where it was cut (a 1 MB line printed 2 MB of stderr, the line and a caret line as
 * long), made printable by `show`, and the caret's indent: the terminal width of the shown text
 * before the column, so a wide character (CJK: two cells) or an escape made visible (`\x1b`:
 * four) before it keeps the caret under the character the column names.
 */
export function snippet(
  line: string,
  column: number,
  show: (text: string) => string,
): { text: string; caret: number } {
  const raw = line.replace(/\t/g, " ");
  const at = Math.min(Math.max(0, column - 1), raw.length);
  let from = Math.max(0, at - SNIPPET_SIDE);
  let to = Math.min(raw.length, at + SNIPPET_SIDE);
  // never cut a surrogate pair in two
  if (from > 0 && isLowSurrogate(raw.charCodeAt(from))) from--;
  if (to < raw.length && isLowSurrogate(raw.charCodeAt(to))) to++;
  const head = from > 0 ? "…" : "";
  const before = head + show(raw.slice(from, at));
  const text = before + show(raw.slice(at, to)) + (to < raw.length ? "…" : "");
  return { text, caret: displayWidth(before) };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

// East Asian wide and fullwidth ranges, and the pictographs a terminal draws in two cells.
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{1FA70}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\uFEFF]/u;

/** Terminal cells `text` takes: combining marks none, wide characters two, everything else one. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return w;
}
