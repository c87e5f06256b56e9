/**
 * "create mom and dad, both admins", "add mum & dad": family words said right after a creating
 * verb are the accounts' names, as given. The name readers take a family word as a name only right
 * after "user" ("user mom"), so a list of them after "create" read as no name at all and asked
 * what the user should be called. Said as "create user mom and user dad", each is one account and
 * what the list shares ("both admins") stays with both. "add my mom" is left as it is: with a
 * possessive the word says who the person is, not what the account is called.
 */

const FAMILY = "(?:mom|mum|dad|grandma|grandpa|granny|grandad|nana|papa|mama|guest)";
const LIST = new RegExp(
  `\\b(create|add|make|set up)\\s+(?:(?:new\\s+)?(?:users?|accounts?)\\s+(?:for\\s+)?)?(${FAMILY}(?:\\s*(?:,\\s*and\\b|,|\\band\\b|&|\\+)\\s*${FAMILY})*)\\b(?!\\s*(?:'s|s\\b))`,
  "gi",
);

/** The text with family words after a creating verb said as "user X"; unchanged when there are none. */
export function familyAsUsers(text: string): string {
  return text.replace(LIST, (_all, verb: string, list: string) => {
    // "and" as a word: "grandpa" and "grandad" hold its letters and are one name (tester 26 W2)
    const names = list.split(/\s*(?:,\s*and\b|,|\band\b|&|\+)\s*/).filter(Boolean);
    return `${verb} ${names.map((n) => `user ${n.toLowerCase()}`).join(" and ")}`;
  });
}
