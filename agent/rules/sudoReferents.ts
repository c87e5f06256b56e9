/**
 * Two people in one request, and sudo said of one of them by a relative clause or beside a
 * relation word (attacker 27 H7): "create bob and his wife alice with sudo" gave bob sudo and
 * dropped alice; "create bob and also alice who gets sudo" dropped alice. The relation word
 * ("his wife", "my son") and the relative clause ("who gets sudo") make the second name a noun
 * phrase of its own, so the grant belongs to that name: said here as "bob and alice, alice gets
 * sudo", which the people readers already read as one grant to alice.
 *
 * Safety: the grant moves only to the name the words attach it to; a name is never dropped; an
 * attachment this cannot place is left for the pronoun screen (safety/sudoPronoun.ts), which asks.
 */

const RELATION =
  "(?:wife|husband|partner|spouse|girlfriend|boyfriend|fianc[eé]e?|son|daughter|kid|child|boy|girl|brother|sister|mom|mum|mother|dad|father|friend|roommate|flatmate|colleague|coworker|co-worker|boss|intern|grandson|granddaughter|grandma|grandpa|niece|nephew|cousin|aunt|uncle)";
const OWNER = "(?:his|her|my|their|our)";
const PRIV = "(?:sudo|admin(?:\\s+rights)?|root(?:\\s+access)?)";
const NAME = "([a-z][a-z0-9_-]{1,31})";

const RELATED_WITH_SUDO = new RegExp(
  String.raw`\b(and|&|plus)\s+(?:also\s+)?${OWNER}\s+${RELATION}\s*,?\s+${NAME}\s*,?\s+(?:with|w/|who\s+(?:gets?|has|should\s+(?:get|have)|needs?|will\s+(?:get|have)))\s+${PRIV}\b`,
  "gi",
);
const RELATED = new RegExp(
  String.raw`\b(and|&|plus)\s+(?:also\s+)?${OWNER}\s+${RELATION}\s*,?\s+${NAME}\b`,
  "gi",
);
const WHO_GETS = new RegExp(
  String.raw`\b(and|&|plus)\s+(?:also\s+)?${NAME}\s*,?\s+who\s+(?:gets?|has|should\s+(?:get|have)|needs?|will\s+(?:get|have))\s+${PRIV}\b`,
  "gi",
);

// "bob and alice with sudo for her": the grant's "for her" is its own phrase, not a part of the
// list; said apart so both names stay people and the pronoun screen asks who "her" is
const WITH_FOR_REF = new RegExp(
  String.raw`\s+(?:with|w/)\s+${PRIV}\s+((?:for|to)\s+(?:her|him|them|the\s+(?:first|second|third|last|other|latter|former)(?:\s+one)?))\b`,
  "gi",
);

export function saySudoReferents(text: string): string {
  return text
    .replace(WITH_FOR_REF, (_m, ref: string) => `, sudo ${ref}`)
    .replace(RELATED_WITH_SUDO, (_m, and: string, name: string) => `${and} ${name}, ${name} gets sudo`)
    .replace(RELATED, (_m, and: string, name: string) => `${and} ${name}`)
    .replace(WHO_GETS, (_m, and: string, name: string) => `${and} ${name}, ${name} gets sudo`);
}
