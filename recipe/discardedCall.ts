import type { NativeCallContext } from "./rhai/index.js";

/**
 * Whether a helper call's value is thrown away: the call is a statement of its own,
 * `install_to_dir("themes/*.theme", "/usr/share/x");`, nothing before it in its statement and a
 * `;` right after its closing parenthesis. A dry run guesses what glob(), exists() and
 * install_to_dir() answer; a guessed answer nobody reads decides nothing, so it is no reason to
 * warn that the listing may be incomplete (btop, helix, zoxide in recipes/ drew the warning for a
 * plain install_to_dir). Anything else (`if glob(..)`, `let n = ..`, `for f in ..`, a method
 * call, an interpolation, text that does not read as this call) counts as used: the warning
 * stays wherever the answer could reach a branch, a loop bound or a run() argument.
 */
export function isDiscardedCall(text: string, offset: number, name: string): boolean {
  if (text.slice(offset, offset + name.length) !== name) return false;
  // Before: only blanks and comments back to the end of the previous statement or block edge.
  let i = offset - 1;
  for (;;) {
    while (i >= 0 && /\s/.test(text[i] as string)) i--;
    if (i < 0) break;
    // A line comment ending here: step over it (its `//` is on this line).
    const lineStart = text.lastIndexOf("\n", i) + 1;
    const line = text.slice(lineStart, i + 1);
    const cut = commentStart(line);
    if (cut !== undefined) {
      i = lineStart + cut - 1;
      continue;
    }
    break;
  }
  if (i >= 0 && !";{}".includes(text[i] as string)) return false;
  // `${` opens an interpolation: its value is the string's.
  if (i >= 1 && text[i] === "{" && text[i - 1] === "$") return false;
  let j = offset + name.length;
  while (j < text.length && /\s/.test(text[j] as string)) j++;
  if (text[j] !== "(") return false;
  const close = matchingParen(text, j);
  if (close === undefined) return false;
  let k = close + 1;
  while (k < text.length && /[ \t]/.test(text[k] as string)) k++;
  return text[k] === ";";
}

/** Where a `//` comment starts in one line, outside strings; undefined when none. */
function commentStart(line: string): number | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "`" || c === "'") quote = c;
    else if (c === "/" && line[i + 1] === "/") return i;
  }
  return undefined;
}

/** The offset of the `)` closing the `(` at `open`, skipping strings and comments. */
function matchingParen(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "`" || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === "\\") i++;
      if (i >= text.length) return undefined;
    } else if (c === "/" && text[i + 1] === "/") {
      const nl = text.indexOf("\n", i);
      if (nl < 0) return undefined;
      i = nl;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return undefined;
}

/** isDiscardedCall for the call a native is running in (its name, position and source). */
export function valueDiscarded(ctx: NativeCallContext): boolean {
  const text = ctx.rt.prog.src.text;
  const { line, column } = ctx.position;
  let start = 0;
  for (let n = 1; n < line && start >= 0; n++) start = text.indexOf("\n", start) + 1;
  return isDiscardedCall(text, start + column - 1, ctx.fnName);
}
