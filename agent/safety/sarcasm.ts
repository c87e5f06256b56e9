/**
 * Words that mark a request as mocking: "oh sure, nuke my windows, brilliant idea 🙄", "delete
 * git, that'd be hilarious", "erase the crucial, who needs 10 years of photos". A request said
 * this way says the opposite of its words, so no destructive call may stand on it. Only markers
 * that are hard to mean literally count ("sure, just wipe it" alone is a plain yes).
 */

/** Eye-roll, upside-down face, facepalm, unamused, smirk: a tone that takes the words back. */
const MOCK_EMOJI = /[\u{1F644}\u{1F643}\u{1F926}\u{1F612}\u{1F60F}]/u;

/** An evaluation that no one says of a plan they want: "brilliant idea", "that'd be hilarious". */
const MOCK_PHRASE = new RegExp(
  [
    String.raw`\b(?:brilliant|genius|great|fantastic|wonderful|smart|amazing|excellent|superb) (?:idea|plan|move)\b`,
    String.raw`\b(?:that|this|it)(?:'?d| would| will|'?ll)? (?:be|is|sounds) (?:hilarious|fun|great|brilliant|genius|a great idea|amazing|funny)\b`,
    String.raw`\bwhat could (?:possibly )?go wrong\b`,
    String.raw`\byeah,? right\b`,
    String.raw`\bas if\b`,
    String.raw`\bsaid no one\b`,
    String.raw`\bwho needs (?:my |their |his |her |\d+|years|a |an |all |backups?|photos|files|work|data)`,
    String.raw`(?:^|\s)/s\s*$`,
    String.raw`\b(?:totally|definitely) what i want\b`,
    String.raw`\bnot like i need\b`,
  ].join("|"),
  "i",
);

/** The words mock the request they hold. */
export function saysMockingly(text: string): boolean {
  const t = text.replace(/[’`]/g, "'");
  return MOCK_EMOJI.test(t) || MOCK_PHRASE.test(t);
}
