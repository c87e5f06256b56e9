/**
 * A GBNF grammar under construction: named rules in the order they were added, so the text reads
 * top-down (root first). Rule names are kebab-case as llama.cpp's parser wants (letters, digits, -).
 */
export class GbnfBuilder {
  private readonly rules = new Map<string, string>();

  /** Adds `name ::= body`; the same body under the same name is shared, a different one gets a suffix. */
  rule(nameHint: string, body: string): string {
    const base = toRuleName(nameHint);
    let name = base;
    for (let i = 2; this.rules.has(name); i++) {
      if (this.rules.get(name) === body) return name;
      name = `${base}-${i}`;
    }
    this.rules.set(name, body);
    return name;
  }

  /** Reserves a name now (so rules read top-down, parents first) and fills its body later. */
  reserve(nameHint: string): string {
    const base = toRuleName(nameHint);
    let name = base;
    for (let i = 2; this.rules.has(name); i++) name = `${base}-${i}`;
    this.rules.set(name, "");
    return name;
  }

  define(name: string, body: string): void {
    this.rules.set(name, body);
  }

  render(header?: string): string {
    const lines: string[] = [];
    if (header) for (const l of header.split("\n")) lines.push(`# ${l}`.trimEnd());
    for (const [name, body] of this.rules) {
      if (!body) throw new Error(`GBNF rule ${name} was reserved but never defined`);
      lines.push(`${name} ::= ${mergeLiterals(body)}`);
    }
    return lines.join("\n") + "\n";
  }
}

export function toRuleName(hint: string): string {
  const n = hint
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
  return n || "rule";
}

/** A GBNF string literal for the exact text `s`. */
export function literal(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/** A GBNF literal for `value` written as compact JSON: the exact bytes the model must produce. */
export function jsonLiteral(value: unknown): string {
  return literal(JSON.stringify(value));
}

/** One character (or range end) inside a GBNF character class. */
export function classChar(code: number): string {
  const ch = String.fromCodePoint(code);
  if (ch === "]" || ch === "[" || ch === "\\") return `\\${ch}`;
  if (ch === "\n") return "\\n";
  if (ch === "\t") return "\\t";
  if (ch === "^" || ch === "-" || code < 0x20 || code === 0x7f)
    return `\\x${code.toString(16).padStart(2, "0")}`;
  return ch;
}

/** `a | b | c`, parenthesised when it is one of several parts of a sequence. */
export function alt(options: readonly string[]): string {
  if (options.length === 0) throw new Error("an alternation needs at least one option");
  return options.length === 1 ? (options[0] as string) : `( ${options.join(" | ")} )`;
}

const TOKEN = /"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]|\{\d+(?:,\d*)?\}|[?*+()|]|[A-Za-z0-9-]+|\s+/gy;

/** `"{" "\"disk\"" ":"` reads better as `"{\"disk\":"`: joins adjacent literals not under a quantifier. */
export function mergeLiterals(body: string): string {
  const tokens: string[] = [];
  let covered = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(body); m; m = TOKEN.exec(body)) {
    covered += m[0].length;
    if (!/^\s+$/.test(m[0])) tokens.push(m[0]);
  }
  if (covered !== body.length) return body; // not ours: leave it
  const isLit = (t: string | undefined) => t?.startsWith('"') ?? false;
  const isQuant = (t: string | undefined) => t !== undefined && /^[?*+{]/.test(t);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const prev = out[out.length - 1];
    if (isLit(t) && isLit(prev) && !isQuant(tokens[i + 1])) {
      out[out.length - 1] = `${(prev as string).slice(0, -1)}${t.slice(1)}`;
    } else out.push(t);
  }
  return out.reduce((text, t) => (isQuant(t) ? text + t : text ? `${text} ${t}` : t), "");
}
