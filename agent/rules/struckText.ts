/**
 * "~~wipe sda~~", "remove fd ~~and git~~", "remove fd <s>git</s>" (attacker 10 H4): struck-through
 * text is what the writer took back, but the markup was dropped as noise and the words under it
 * read as a request: the Windows disk erased, git removed. Struck text is withdrawn before any
 * reader sees it. "erase sda (jk) install on sdb": a joke marker in brackets with more words after
 * it was read as an aside, and the clause it takes back stood; said as the texting take-back the
 * joke readers know ("erase sda jk. install on sdb", rules/textingJokes.ts). A bracketed joke at
 * the end ("git (jk)") is rules/retractions.ts' and stays as typed.
 */

const STRUCK = [
  /~~[^~\n]*?~~/g,
  /<(s|del|strike)\b[^>]*>[\s\S]*?<\/\1\s*>/gi,
  /\[(s|del|strike)\][\s\S]*?\[\/\1\]/gi,
];

const JOKE = "(?:jk|j/k|just kidding|kidding|just joking|joking|/s|sarcasm)";
/** A bracketed joke marker or a trailing "/s" with words after it. */
const MID_JOKE = new RegExp(String.raw`\s*(?:[([]\s*${JOKE}\s*[)\]]|\s/s\b)[\s,.;!]*(?=\S)`, "gi");

export function withdrawStruckText(text: string): string {
  let out = text;
  for (const re of STRUCK) out = out.replace(re, " ");
  if (out !== text) out = out.replace(/[ \t]{2,}/g, " ").replace(/^[ \t]+|[ \t]+$/gm, "");
  return out.replace(MID_JOKE, " jk. ");
}
