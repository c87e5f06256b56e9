/**
 * "just install it", "install pls", "go ahead and install", "start the installation" in the live
 * installer with nothing planned and nothing offered (tester 24 W4, W11): the install of the system
 * itself, never a program ("Install what? Available: bash, …") and never a yes to a plan that does
 * not exist ("There is nothing to confirm yet"). Read as "install levitate", which offers the one
 * disk a yes may take (the disk is erased only on that yes) or asks which disk.
 *
 * Only an install verb whose object is nothing, a pronoun or the system: "install fd" and "install
 * it on the nvme" are the readers' as before. Safety: the reading plans nothing; it asks.
 */
const LEAD = String.raw`(?:(?:ok(?:ay)?|so|just|pls|please|plz|now|then|well|alright|right|hi|hello|hey|yes|yeah|go\s+ahead\s+and|lets|let'?s|can\s+you|could\s+you|would\s+you|will\s+you|you\s+can|i\s+want\s+to|i\s+wanna|i\s+just\s+want\s+to|i'?d\s+like\s+to)[\s,!.]+)*`;
const VERB = String.raw`(?:install|instal|isntall|intsall|instll|do\s+(?:the|an|my)\s+install(?:ation)?|start\s+(?:the\s+)?install(?:ation|er)?|begin\s+(?:the\s+)?install(?:ation)?|run\s+the\s+install(?:ation|er)?|go\s+on\s+with\s+the\s+install(?:ation)?)`;
const OBJECT = String.raw`(?:\s+(?:it|this|that|this\s+thing|the\s+thing|the\s+system|the\s+os|everything|already|now|then|pls|please|plz|for\s+me|on\s+my\s+(?:computer|pc|laptop|machine)|on\s+here|here))*`;
const BARE = new RegExp(
  String.raw`^\s*${LEAD}${VERB}${OBJECT}\s*(?:please|pls|plz|thanks|thx)?\s*[.!?]*\s*$`,
  "i",
);

export function bareInstall(text: string): boolean {
  return BARE.test(text);
}
