/**
 * The rules backend's cost grows faster than the length of what it reads (a pasted log or a stuck
 * key at `you>` froze the installer for minutes). No spoken request comes near this length, so a
 * longer one is answered at once instead of parsed.
 */
export const MAX_REQUEST_CHARS = 2000;

/** The reply for a request over the limit, or undefined when it may be read. */
export function requestTooLong(text: string): string | undefined {
  if (text.length <= MAX_REQUEST_CHARS) return undefined;
  return `That request is ${text.length.toLocaleString("en-US")} characters long; one request can be at most ${MAX_REQUEST_CHARS.toLocaleString("en-US")}. Say it in shorter parts, one thing or a few at a time.`;
}
