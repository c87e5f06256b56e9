/**
 * "keep the crucial, the seagate", "dont touch the seagate, the toshiba or the samsung", "dont
 * remove git, htop, vim": a list after a keep verb is joined by commas as often as by "and". The
 * verb governs every item of its list, whatever joins them (tester 27 D1: the item after a comma
 * was read as the place to install, and one "yes" erased a disk the same sentence kept).
 *
 * Safety argument: an item after a comma that asks for nothing of its own (no verb, no purpose,
 * no request word) is read as one more thing kept. Reading it as kept can only withhold an erase or
 * a removal the user then asks for in words; reading it as a target put a kept disk one "yes" from
 * being erased. A comma clause that does say what to do with its thing ("the nvme for the system",
 * "the samsung pls", "btrfs on the wd") stays what it was.
 */

/** Words that make a comma clause its own request: a purpose, a place, a politeness, a choice. */
const OWN_REQUEST = new Set([
  "for",
  "on",
  "onto",
  "into",
  "to",
  "in",
  "with",
  "as",
  "instead",
  "then",
  "rather",
  "pls",
  "plz",
  "please",
  "pleas",
  "thanks",
  "thx",
  "ok",
  "okay",
  "yes",
  "yeah",
  "sure",
  "fine",
  "is",
  "are",
  "was",
  "be",
  "gets",
  "get",
  "has",
  "have",
  "holds",
  "use",
  "using",
  "ext4",
  "btrfs",
  "xfs",
  "swap",
  "encrypted",
  "encrypt",
  "sudo",
  "admin",
  "user",
  "users",
  "hostname",
  "keyboard",
  "timezone",
  "?",
]);

/** A clause of at most four words that only names things: the next item of a comma list. */
export function bareListItem(w: readonly string[]): boolean {
  return w.length > 0 && w.length <= 4 && !w.some((x) => OWN_REQUEST.has(x));
}
