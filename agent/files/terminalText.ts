/**
 * Text from an untrusted source (a model file's metadata, a file name a server chose, a backend's
 * reply that quotes the user's words) made safe to print on a terminal: every control character
 * (C0, DEL, C1: ESC starts a sequence that can clear the screen or set the title, BEL rings) is
 * written as a visible escape (`\x1b`, `\x07`, `\n`), everything else is kept as it is. Escaped,
 * not removed, so that a person can still see the text was odd.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (ch) => {
    if (ch === "\n") return "\\n";
    if (ch === "\r") return "\\r";
    if (ch === "\t") return "\\t";
    const c = ch.charCodeAt(0);
    return c > 0xff ? `\\u${c.toString(16).padStart(4, "0")}` : `\\x${c.toString(16).padStart(2, "0")}`;
  });
}
