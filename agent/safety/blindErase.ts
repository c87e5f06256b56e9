import type { Disk } from "../../facts/schema.js";
import { BRANDS } from "../rules/diskBrands.js";
import type { ConversationView } from "../types.js";
import { contentOf } from "./diskContent.js";
import { RELEASE_PHRASES } from "./lexicon.js";

/**
 * "wipe the disk" as the first word about a disk that holds files (a "Movies" NTFS volume, no system)
 * and has room beside it (dev h24a-043: the turn erased 1.3 TB of films the person then asked to
 * keep). An erase verb whose object is a bare disk noun or a pronoun, in a turn that names nothing
 * of that disk (its device, brand, model, size, what is on it) nor lets anything go nor asks for
 * the whole disk, says "clear a place for the system", not "I know what is on it and it can go":
 * with free space beside the content both readings can be done, and only one is undoable.
 *
 * Safety: the answer becomes the data-disk question (dataDisk.ts), which offers the install into
 * the free space and says how to erase; nothing is planned that the words did not choose. A disk
 * with no room beside its content is left to the erase words as before (there is no other way to
 * install there), and so is a disk my replies already talked about (the words then answer that).
 */

/** An erase verb with a bare disk noun or pronoun as its object: "wipe the disk", "format it". */
const BLIND_OBJECT =
  /\b(?:erase|wipe|format|reformat|nuke|clear|blank|delete|overwrite)\s+(?:(?:the|this|that|my|that|ur|your)\s+)?(?:disk|disc|drive|hard\s*drive|harddrive|hard\s*disk|storage|it|this|that)\b/;

/** Words that reach past "a place for the system": the whole disk, everything on it. */
const WHOLE_WORDS =
  /\b(?:whole|entire|entirely|everything|all|completely|complete|full|fully|clean|fresh|scratch|totally|every)\b/;

/** Words that let what is on it go ("i don't need it", "backed up"). */
const LET_GO =
  /\b(?:backed|backup|don'?t need|do not need|dont care|don'?t care|no longer|useless|junk|garbage|nothing (?:important|on it)|not important|doesn'?t matter|old)\b/;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’]/g, "'")
    .split(/[^a-z0-9']+/)
    .filter(Boolean);
}

/** The turn names this disk or something on it. */
function namesDiskOrContent(text: string, d: Disk): boolean {
  const ws = new Set(words(text));
  const short = d.path.replace(/^\/dev\//, "").toLowerCase();
  if (ws.has(short) || text.toLowerCase().includes(d.path)) return true;
  const model = (d.model ?? "").toLowerCase();
  for (const w of ws) {
    if (w.length >= 3 && model.split(/[^a-z0-9]+/).includes(w)) return true;
    if (BRANDS[w]?.test(d.model ?? "")) return true;
    // a size: "3tb", "500gb", "the 2 tb one"
    if (/^\d+(?:[.,]\d+)?(?:t|tb|g|gb|gig|gigs|tera|terabyte|gigabyte)s?$/.test(w)) return true;
    if (/^(?:tb|gb|terabyte|terabytes|gigabyte|gigabytes|gig|gigs|tera)$/.test(w)) return true;
  }
  for (const p of contentOf(d))
    for (const name of [p.label, p.os, p.fstype])
      for (const w of words(name ?? "")) if (w.length >= 3 && ws.has(w)) return true;
  return false;
}

/** An erase said blind: the words choose losing a place, not what the disk holds beside free space. */
export function blindErase(d: Disk, freeRoom: boolean, conv: ConversationView): boolean {
  // a system on it is one the person runs and knows of; files beside free space may not be
  const content = contentOf(d);
  if (!freeRoom || !content.length || content.some((p) => p.os)) return false;
  const t = conv.user.toLowerCase().replace(/[’]/g, "'");
  if (!BLIND_OBJECT.test(t) || WHOLE_WORDS.test(t) || LET_GO.test(t)) return false;
  if (RELEASE_PHRASES.some((p) => t.includes(p))) return false;
  if (namesDiskOrContent(conv.user, d)) return false;
  // a disk my replies already talked about: the words answer that
  return !conv.turns.some((x) => "reply" in x.decision && x.decision.reply.includes(d.path));
}
