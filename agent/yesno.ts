/**
 * Whether a text is only a yes or only a no. Shared by agent/turn.ts (which answers the plan and
 * an open offer before any backend is asked) and the rules backend; it imports nothing of either.
 */

const YES = new Set([
  "y",
  "yes",
  "yeah",
  "ya",
  "yah",
  "yea",
  "yep",
  "yup",
  "sure",
  "ok",
  "okay",
  "k",
  "go",
  "go ahead",
  "go for it",
  "do it",
  "just do it",
  "proceed",
  "confirm",
  "confirmed",
  "correct",
  "right",
  "that's right",
  "thats right",
  "sounds good",
  "looks good",
  "looks right",
  "lgtm",
  "perfect",
  "great",
  "fine",
  "yes please",
  "yes do it",
  "yes go ahead",
  "please do",
  "please proceed",
  "let's go",
  "lets go",
  "start",
  "apply",
  "apply it",
  "run it",
  "execute",
  "install",
  "install it all",
  "make it so",
  "absolutely",
  "definitely",
  "affirmative",
  "ja",
  "oui",
  "si",
]);

const NO = new Set([
  "n",
  "no",
  "nope",
  "nah",
  "no thanks",
  "no thank you",
  "cancel",
  "cancel it",
  "cancel that",
  "stop",
  "abort",
  "don't",
  "dont",
  "do not",
  "don't do it",
  "dont do it",
  "never mind",
  "nevermind",
  "forget it",
  "forget that",
  "scrap that",
  "no wait",
  "wait",
  "wait no",
  "hold on",
  "not now",
  "negative",
  "nein",
  "non",
]);

const FILLER = new Set([
  "please",
  "thanks",
  "thank",
  "you",
  "then",
  "ok",
  "okay",
  "well",
  "so",
  "hmm",
  "um",
  "uh",
  "oh",
  "actually",
  "now",
  "all",
  "just",
  "fine",
]);

/**
 * The whole text is a yes or a no (polite fillers and punctuation aside); undefined otherwise.
 * The text is covered left to right by the longest yes/no phrases and fillers; anything else
 * ("ok use it", "no wait, make it btrfs") is a request, not an answer.
 */
export function yesNo(text: string): boolean | undefined {
  const t = text
    .toLowerCase()
    .replace(/[’]/g, "'")
    // a thumbs-up or a tick is how many people say yes in a chat; a thumbs-down or a cross, no
    .replace(/(?:👍|👌|✅|✔️?|🆗)[\u{1F3FB}-\u{1F3FF}]?/gu, " yes ")
    .replace(/(?:👎|❌|🙅)[\u{1F3FB}-\u{1F3FF}]?/gu, " no ")
    .replace(/[.!?,;:()]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!t) return undefined;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  const words = t.split(" ");
  // Every word must belong to a yes, a no or a filler phrase. Phrases overlap ("yes please",
  // "please do"), so segment with backtracking instead of taking the longest match greedily.
  const memo = new Map<number, { yes: number; no: number } | null>();
  const segment = (i: number): { yes: number; no: number } | null => {
    if (i === words.length) return { yes: 0, no: 0 };
    const known = memo.get(i);
    if (known !== undefined) return known;
    let found: { yes: number; no: number } | null = null;
    for (let len = Math.min(4, words.length - i); len >= 1 && !found; len--) {
      const phrase = words.slice(i, i + len).join(" ");
      const kind = YES.has(phrase)
        ? "yes"
        : NO.has(phrase)
          ? "no"
          : len === 1 && FILLER.has(phrase)
            ? "filler"
            : null;
      if (!kind) continue;
      const rest = segment(i + len);
      if (rest) found = { yes: rest.yes + (kind === "yes" ? 1 : 0), no: rest.no + (kind === "no" ? 1 : 0) };
    }
    memo.set(i, found);
    return found;
  };
  const counts = segment(0);
  if (!counts) return undefined;
  const { yes, no } = counts;
  if (yes && !no) return true;
  // "no, stop", "hmm, actually don't"; "ok, cancel" is a no too
  if (no) return false;
  // only fillers: "ok", "fine" alone are a yes
  return words.some((w) => w === "ok" || w === "okay" || w === "fine") ? true : undefined;
}
