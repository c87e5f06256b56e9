/**
 * "stick it on the nvme", "just stick linux in the empty bit": "stick" is the verb of placing, not
 * the USB stick (dev h25m-052, h25k-107 were read as the live medium). A noun "stick" comes after a
 * determiner or a word of its kind ("the stick", "usb stick", "memory stick"); the verb takes an
 * object or a place right after it. Read as the verb, the word names no disk, so nothing is
 * chosen by it: the disk then comes from the other words, or is asked. normalizeTokens
 * (tokens.ts) reads it as "put", the placing verb it is. "stick to the command line", "stick with
 * the nvme" are idioms of going on with something, not a placing: left as they were read before.
 */
const STICK_NOUN_BEFORE =
  /^(?:the|a|an|my|this|that|these|those|usb|memory|thumb|flash|live|installer|install|boot|pen|your|our|his|her|its|same|other|one|little|small|big|old|new|sandisk|kingston)$/;
const STICK_VERB_AFTER =
  /^(?:it|this|that|them|linux|levitate|levitateos|everything|os|system|on|onto|in|into|there|here)$/;
export function stickIsVerb(words: readonly string[], i: number): boolean {
  return !STICK_NOUN_BEFORE.test(words[i - 1] ?? "") && STICK_VERB_AFTER.test(words[i + 1] ?? "");
}
