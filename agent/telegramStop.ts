/**
 * A telegram's "STOP" is its full stop: "PROCEED STOP", "GO STOP", "DO NOT WIPE STOP SAMSUNG STAYS
 * STOP". Read as a word, it turned every telegram's go into a refusal ("GO STOP" was confirm:false)
 * and cut a sentence's end into the next one. Written in capitals right after a word of the same
 * sentence, it ends that sentence, and is written here as ".".
 *
 * A "STOP" that is the turn's request stays a word: one that opens a sentence ("STOP. WAIT"), one
 * after another "STOP" ("STOP STOP"), and a last one after a word that asks for the stop itself
 * ("PLEASE STOP", "JUST STOP", "ALL STOP"). Only the capitals of a telegram: "go, stop" and
 * "please stop" are words.
 */

/** Words after which a lone closing "STOP" is the stop asked for, not a telegram's full stop. */
const ASKS_STOP = new Set([
  "please",
  "pls",
  "plz",
  "just",
  "all",
  "full",
  "now",
  "emergency",
  "dead",
  "hard",
  "must",
  "to",
  "will",
  "you",
  "must",
  "everything",
  "it",
  "then",
  "and",
  "or",
  "not",
  "dont",
  "don't",
  "never",
]);

export function telegramStops(text: string): string {
  const parts = text.split(/(\s+)/);
  // the word before each "STOP" of the text, as written
  const at: number[] = [];
  for (let i = 2; i < parts.length; i += 2) if (/^STOP\b/.test(parts[i]!) && parts[i - 2]) at.push(i);
  if (!at.length) return text;
  // one closing STOP: a telegram only where the words before it are capitals and ask for nothing
  // about stopping
  if (at.length === 1) {
    const before = parts.slice(0, at[0]! - 1).join("");
    const last = (parts[at[0]! - 2] ?? "").toLowerCase().replace(/[^a-z']/g, "");
    if (/[a-z]/.test(before) || ASKS_STOP.has(last)) return text;
  }
  for (const i of at) {
    const prev = parts[i - 2]!;
    // "STOP. WAIT", "STOP STOP": a stop that opens a sentence, or repeats one, ends nothing
    if (/[.!?;:,]$/.test(prev) || /^STOP\b/.test(prev)) continue;
    parts[i - 2] = `${prev}.`;
    parts[i - 1] = "";
    parts[i] = parts[i]!.slice(4).replace(/^[.!?;:,]+/, "");
  }
  return parts.join("");
}
