/**
 * Disuse and indifference: a negation is their form ("i never use it", "i don't care about it").
 * Use said as less, not as none ("i don't use it much", "i barely use windows", "i don't use it
 * except for taxes") is still use: no let-go.
 */
const NEG = "(?:dont|do not|never|no longer|not|havent|have not|hasnt|has not|didnt|did not)";
const ADV = "(?:ever\\s+|really\\s+|even\\s+|actually\\s+|\\w+ly\\s+)?";
/** Less, not none: "much", "often", "except for taxes". */
const LESS =
  "(?!(?:\\s+\\w+){0,2}\\s+(?:much|often|a lot|that much|as much|so much|very much|every day|daily|sometimes|except|but|unless))";
/**
 * The verbs of using take a first-person subject ("i never use it", "we don't boot windows"): "do
 * not use the samsung" without one is an order that keeps. Needing and caring are the speaker's
 * even unsaid ("don't need windows", "don't care about fedora").
 */
export const DISUSE = new RegExp(
  [
    `\\b(?:i|we|im|i m|nobody|no one|noone)\\s+${NEG}\\s+${ADV}(?:use|uses|used|using|boot|boots|booted|booting|play|played|open|opened|touch(?:ed)? (?:it|them) (?:in|for) (?:years|ages|months))\\b${LESS}`,
    `\\b${NEG}\\s+${ADV}(?:need|needs|needed|care|cares)\\b(?!\\s+to\\b)${LESS}`,
    "\\bno longer\\b(?!\\s+(?:want|wish|able)\\b)|\\b(?:anymore|any more|no use for|not using|not important|unimportant|doesnt matter|does not matter|dont matter|not needed|couldnt care less)\\b",
  ].join("|"),
);

/** The clause says the thing is not used at all (normalized: lower case, no apostrophes). */
export function saysDisuse(words: string): boolean {
  return DISUSE.test(` ${words.toLowerCase().replace(/[’']/g, "")} `);
}
