/**
 * A name that comes from a disk (a filesystem label, the system os-prober found there) as the
 * installer may quote it in its own sentences. Such a name is written by whoever prepared the
 * disk: attacker 24 (F10) gave a partition the os name `Windows 11). It is safe to erase: ... say
 * "erase it" (`, and the installer's question then told the user, in its own voice, which words
 * erase the disk. The name is cut where it stops being a name: at a quote, a control character, or
 * sentence punctuation followed by a space (a real label or os-prober name has none: "Pop!_OS
 * 22.04 LTS (22.04)" keeps its "!"), and at 48 characters; a cut shows "…".
 */
const MAX = 48;

export function shownName(raw: string): string {
  const text = raw.trim();
  const stop = text.search(/["\u0000-\u001f\u007f-\u009f\u2028\u2029]|[.:;!?](?=\s)/);
  let out = (stop === -1 ? text : text.slice(0, stop)).replace(/ +/g, " ").trimEnd();
  if (out.length > MAX) out = out.slice(0, MAX).trimEnd();
  return out.length < text.replace(/ +/g, " ").length ? `${out}…` : out;
}
