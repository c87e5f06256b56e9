/**
 * Texting words that take a request back (tester 10 D4): "remove git lol jk dont", "remove git jk",
 * "remove git haha kidding", "remove git nvm" removed git, and "remove tmux and git, jk about git"
 * removed both. The take-back reader (agent/safety/takeback.ts) needs a clause boundary or a
 * phrase it knows; people texting give neither. Said here as the take-back they mean, before any
 * reader: a joke word after a request becomes ". no, not that" (a never mind would cancel earlier turns too) (what follows it, if anything, is
 * the request that stands), and "jk about git" / "git was a joke" becomes ". not git" (only that
 * item goes). "no kidding", "i'm not joking" are emphasis, never a take-back, and stay as typed.
 * Parenthesised jokes ("git (jk)") and jokes about sudo are read earlier (rules/retractions.ts).
 * A joke about a person or a grant ("(ben kidding)", "ben jk", "kidding about ben", "sudo lol jk")
 * is left as typed: the people readers take that person or that grant back, and a never mind here
 * would take the whole request back with it.
 */

const LAUGH = String.raw`(?:lol+|lmao+|lmfao|rofl|ha(?:ha)+h?|he(?:he)+|hah|xd+|:p|:\)|;\))`;
const JOKE =
  "(?:jk(?:jk)*|j/k|jking|just kidding|kidding|just joking|joking|(?:i'?m|im|i am) (?:just )?(?:kidding|joking)|nvm|nevermind|psych|sike|syke|only joking)";
const TRAIL = String.raw`(?:lol+|lmao+|haha+|dont|don'?t|do not|no|nope|nah|pls|please|:p|:\))`;
/** Words before a joke word that make it emphasis: "no kidding", "i'm not joking", "not even kidding". */
export const EMPHASIS = /\b(?:not|no|never|wasn'?t|isn'?t|ain'?t|aint)\s+(?:even\s+|just\s+)?$/i;
/** A request said before the joke: a word that is no laugh or filler ("ok nvm keep it" has none). */
const FILLER =
  /^(?:ok|okay|k|oh|ah|hmm+|hm|well|so|um+|uh+|yes|yeah|yep|no|nope|nah|lol+|haha+|wait|sorry|oops|right|alright|fine|sure|actually)$/i;
const CONTENT = {
  test: (before: string): boolean => before.split(/[^a-z0-9'/]+/i).some((w) => w !== "" && !FILLER.test(w)),
};
const ITEM = String.raw`[a-z0-9][\w.+-]*`;
const ITEMS = String.raw`${ITEM}(?:\s*(?:,|\band\b|&|\+)\s*${ITEM})*`;

const PRIV = "(?:sudo|admin|administrator|root|wheel)";
const NAME = String.raw`[a-z][\w-]*`;
const NAMES = String.raw`${NAME}(?:\s*(?:,|\band\b|&|\+)\s*${NAME})*`;
/** Where the words name people: "user(s) ana and ben", "ana and ben get/with sudo", "give ana sudo". */
const PEOPLE = [
  new RegExp(String.raw`\busers?\s+(${NAMES})`, "gi"),
  new RegExp(
    String.raw`(${NAMES})\s+(?:gets?|has|have|(?:should|can|could|may|will)\s+(?:have|get)|with|w/)\s+(?:no\s+|full\s+)?${PRIV}`,
    "gi",
  ),
  new RegExp(String.raw`\bgive\s+(${NAMES})\s+(?:no\s+|full\s+)?${PRIV}`, "gi"),
];
const JOINER = /^(?:and|users?|give|with)$/i;

function peopleNamed(text: string): Set<string> {
  const names = new Set<string>();
  for (const re of PEOPLE)
    for (const m of text.matchAll(re))
      for (const w of (m[1] ?? "").split(/\s*(?:,|&|\+|\s)\s*/))
        if (w && !JOINER.test(w)) names.add(w.toLowerCase());
  return names;
}

/** The word a joke directly follows is a person or a grant: that joke is the people readers'. */
function aboutPeople(words: string[], people: Set<string>): boolean {
  return words.some((w) => people.has(w.toLowerCase()) || new RegExp(`^${PRIV}$`, "i").test(w));
}

/** "jk about git", "kidding about git and fzf", "lol jk re git": only those items are taken back. */
const ABOUT = new RegExp(
  String.raw`[\s,;.!-]*\(?\s*(?:${LAUGH}\s+)*${JOKE}\s+(?:about|on|re|regarding|with|for)\s+(?:the\s+)?(${ITEMS})\s*\)?`,
  "gi",
);
/** "git was a joke", "the git one was a joke lol": that item taken back. */
const WAS_A_JOKE = new RegExp(
  String.raw`[,;.!-]\s*(?:(?:but|and|oh|ok)\s+)?(?:the\s+)?(${ITEM}(?:\s+(?:and|&)\s+${ITEM})?)(?:\s+one|\s+bit)?\s+(?:was|is)\s+(?:a\s+|just\s+a\s+)?joke(?:\s+${LAUGH})*`,
  "gi",
);
/** A joke word with the laughs and "dont" around it: the request before it taken back. */
const JOKE_RUN = new RegExp(
  String.raw`(^|[\s,;.!-]+)((?:${LAUGH}[\s,.!]+)*${JOKE}\b(?:[\s,.!]+${TRAIL}\b)*)[\s.,;!]*`,
  "gi",
);

export function sayJokeRetractions(raw: string): string {
  let text = raw;
  const people = peopleNamed(raw);
  const itemsOf = (items: string) => items.split(/\s*(?:,|\band\b|&|\+)\s*/i).filter(Boolean);
  text = text.replace(ABOUT, (m, items: string, at: number, whole: string) =>
    CONTENT.test(whole.slice(0, at)) &&
    !aboutPeople(itemsOf(items), people) &&
    !EMPHASIS.test(whole.slice(0, at) + m.slice(0, m.search(/\S/)))
      ? `. not ${items}.`
      : m,
  );
  text = text.replace(WAS_A_JOKE, (m, items: string, at: number, whole: string) =>
    CONTENT.test(whole.slice(0, at)) && !aboutPeople(itemsOf(items), people) ? `. not ${items}.` : m,
  );
  text = text.replace(JOKE_RUN, (m, lead: string, _run: string, at: number, whole: string) => {
    const before = whole.slice(0, at + lead.length);
    if (!CONTENT.test(before) || EMPHASIS.test(before)) return m;
    const said = /([a-z0-9][\w.+-]*)[\s,(-]*$/i.exec(whole.slice(0, at + lead.length))?.[1];
    if (said && aboutPeople([said], people)) return m;
    const rest = whole.slice(at + m.length);
    // scoped to a person ("kidding about ben"): left by ABOUT above for the people readers
    if (/^(?:about|re|regarding)\b/i.test(rest)) return m;
    return rest.trim() ? ". no, not that. " : ". no, not that";
  });
  return text === raw
    ? raw
    : text
        .replace(/\s*\.\s*\.\s*/g, ". ")
        .replace(/\s{2,}/g, " ")
        .trim();
}
