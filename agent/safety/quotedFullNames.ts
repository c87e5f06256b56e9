/**
 * The words of a turn with each quoted full name blanked, for the sudo verdict only (attacker 26
 * F13: `full name "Admin Bob"`, `"Sudo Sam"`, `"Kim (administrator)"` granted sudo, the role word
 * inside the person's name read as a request).
 *
 * A quoted span after a word that introduces a person's name ("full name", "real name", "display
 * name", "called", "named", "aka", "known as", "comment", "gecos") is that name and nothing else.
 * Safety: blanking can only take a sudo word away from the verdict, so a grant said only inside a
 * name becomes a question ("Should bob have sudo?"), never the other way; a grant said outside the
 * quotes ("with sudo, full name "Bob"") is read as before.
 */
const INTRODUCED =
  /(\b(?:full|real|display|given|proper|whole|legal)\s*name\b(?:\s+(?:is|=|:|of|as|to|be|should\s+be|will\s+be))?|\bname\s*[:=]|\b(?:called|named|aka|a\.k\.a\.|known\s+as|comment|gecos)\b)(\s*[:=]?\s*)("[^"\n]*"|“[^”\n]*”|«[^»\n]*»|„[^“”\n]*[“”])/gi;

export function withoutQuotedFullNames(text: string): string {
  // a neutral word in the name's place, so the sentence keeps its shape ("full name "name"")
  return text.replace(INTRODUCED, (_m, lead: string, gap: string) => `${lead}${gap}"name"`);
}
