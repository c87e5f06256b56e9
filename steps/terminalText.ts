/**
 * Text from recipes, facts, plan files and the model is shown on a terminal: an escape sequence
 * in it could recolour, move the cursor, rewrite what the user is confirming (a "DESTROYS DATA"
 * line overwritten), or set the window title. Every such character is shown as a visible
 * escape instead, so what is printed is exactly what the text holds.
 */

/** C0 controls, DEL, C1 controls, and the Unicode direction overrides that reorder a line. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x09) return "\\t";
  if (c === 0x0a) return "\\n";
  if (c === 0x0d) return "\\r";
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
}

/** One line of untrusted text, safe to print: every control character (newlines too) made visible. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Untrusted text of several lines: newlines kept, every other control character made visible. */
export function safeLines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, visible);
}

/**
 * Whether text holds a character {@link safeText} would escape. A path given on the command line
 * with one (a newline, an ESC) would be quoted raw by the many messages naming it: refused instead.
 */
export function hasControlCharacter(text: string): boolean {
  return new RegExp(UNSAFE.source).test(text);
}

/**
 * For a reply of several lines that quotes `data` (facts: disk models, labels, other systems'
 * names, all supplied by the disks): every string of `data` holding a control character is shown
 * wherever it appears with ALL its control characters made visible, its newlines too, so a model
 * name ending in "\nFAKE LINE" cannot start a line of its own; the reply's own newlines are kept.
 */
export function quotingSafeLines(data: unknown): (reply: string) => string {
  const unsafe = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (typeof v === "string") {
      if (hasControlCharacter(v)) unsafe.add(v);
    } else if (v && typeof v === "object" && depth < 16)
      for (const x of Object.values(v as Record<string, unknown>)) walk(x, depth + 1);
  };
  walk(data, 0);
  // Longest first: a string that holds another is replaced whole.
  const quoted = [...unsafe].sort((a, b) => b.length - a.length);
  return (reply) => {
    let text = reply;
    for (const q of quoted) if (text.includes(q)) text = text.split(q).join(safeText(q));
    return safeLines(text);
  };
}
