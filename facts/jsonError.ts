/**
 * JSON syntax errors reported by place and kind only. Node's JSON.parse quotes the text around
 * the error (`Unexpected token 'r', "…"root-secret…" is not valid JSON`), and the files read here
 * may hold password hashes or clear-text passwords: no character of the input reaches a message.
 */

export class JsonSyntaxError extends Error {
  override name = "JsonSyntaxError";
  constructor(
    /** What was being read, e.g. the file's path. */
    readonly source: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based, in characters. */
    readonly column: number,
    /** What went wrong, in words that quote nothing from the input. */
    readonly kind: string,
  ) {
    super(`${source} is not valid JSON: ${kind} at line ${line}, column ${column}`);
  }
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** V8's message with everything that could quote the input removed. */
function kindOf(message: string): string {
  if (/^Unexpected end of JSON input/.test(message)) return "unexpected end of input";
  if (/^Unexpected token/.test(message)) return "unexpected character";
  const head = message.replace(/\s+(?:in JSON\s+)?at position \d+.*$/s, "").replace(/\s+in JSON$/, "");
  // The fixed V8 messages ("Expected ',' or '}' after property value", "Bad control character in
  // string literal", "Unterminated string") quote only JSON punctuation; anything else is dropped.
  if (/^[A-Za-z][A-Za-z -]*(?:'[,:{}[\]]'[A-Za-z -]*)*$/.test(head))
    return head.charAt(0).toLowerCase() + head.slice(1);
  return "invalid JSON";
}

class Stop {}

/**
 * The offset of the first character that makes `text` invalid JSON (its length when the input
 * ends too early). Node 20 gives no position for an unexpected token, only a quote of the text.
 */
export function jsonErrorOffset(t: string): number {
  let i = 0;
  const fail = (): never => {
    throw new Stop();
  };
  const ws = () => {
    while (i < t.length && " \t\n\r".includes(t[i] as string)) i++;
  };
  const str = () => {
    i++;
    for (;;) {
      const c = t[i];
      if (c === undefined) fail();
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        const n = t[i + 1];
        if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else if (n === "u" && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) i += 6;
        else {
          i++;
          fail();
        }
        continue;
      }
      if ((c as string).charCodeAt(0) < 0x20) fail();
      i++;
    }
  };
  const value = (): void => {
    ws();
    const c = t[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (t[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === "{") {
          ws();
          if (t[i] !== '"') fail();
          str();
          ws();
          if (t[i] !== ":") fail();
          i++;
        }
        value();
        ws();
        if (t[i] === ",") i++;
        else if (t[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') {
      str();
      return;
    }
    for (const w of ["true", "false", "null"]) {
      if (t.startsWith(w, i)) {
        i += w.length;
        return;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(t.slice(i));
    if (m && m[0] !== "" && m[0] !== "-") {
      i += m[0].length;
      return;
    }
    fail();
  };
  try {
    value();
    ws();
    return Math.min(i, t.length);
  } catch (e) {
    if (e instanceof Stop) return i;
    throw e;
  }
}

/** Parses `text`; a syntax error becomes a {@link JsonSyntaxError} naming `source`, line and column. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const at = /at position (\d+)/.exec(e.message)?.[1];
    const position = at !== undefined ? Number(at) : jsonErrorOffset(text);
    const { line, column } = lineColumnAt(text, position);
    throw new JsonSyntaxError(source, line, column, kindOf(e.message));
  }
}
