/**
 * "same for her sister mia", "mia, same as before", "same as before for mia", "and mia, same as
 * lena": the last account again for another person, said the one way the parser reads it ("same
 * for mia"). A relation before the name ("her sister", "my son") is who the person is, and a
 * pronoun alone ("same for her") names no one, so it is left as it is and asked about.
 */

const RELATION =
  "(?:(?:his|her|my|their|our|your)\\s+)?(?:little\\s+|big\\s+|older\\s+|younger\\s+)?(?:sister|brother|son|daughter|wife|husband|partner|kid|friend|cousin|roommate|flatmate|mom|mum|dad)";
const NAME = "([a-z_][a-z0-9_-]{1,31})";
const AGAIN = "(?:as\\s+(?:before|last\\s+time|the\\s+last\\s+one|above|[a-z_][a-z0-9_-]*)|again|please|pls)";
/** Words that are never the name of the person: "same for her", "same as before for them". */
const NO_NAME = /^(?:her|him|them|me|us|it|that|this|everyone|all|both|the|a|an)$/i;

const FOR_NAME = new RegExp(
  `\\bsame(?:\\s+${AGAIN})?\\s+(?:for|with)\\s+(?:${RELATION}\\s+)?${NAME}\\b`,
  "i",
);
const NAME_FIRST = new RegExp(
  `^\\s*(?:and\\s+|also\\s+|oh\\s+and\\s+)?(?:${RELATION}\\s+)?${NAME}\\s*[,:-]?\\s+(?:the\\s+)?same\\s+${AGAIN}\\s*[.!]*\\s*$`,
  "i",
);

/** The words as "same for NAME" when they ask for the last account again; else as they are. */
export function sameAsBefore(text: string): string {
  const m = FOR_NAME.exec(text) ?? NAME_FIRST.exec(text);
  const name = m?.[1];
  if (!m || !name || NO_NAME.test(name)) return text;
  return `${text.slice(0, m.index)}same for ${name.toLowerCase()}${text.slice(m.index + m[0].length)}`;
}
