import type { Facts } from "../../facts/schema.js";
import { disksNamedIn } from "../safety/eraseAim.js";

/**
 * Statements about a set of disks, said as the keeps they mean (attacker 27 H8, M8):
 *
 * - "everything but the nvme has data", "all disks except the crucial have data", "every disk but
 *   the crucial holds my files", "all my disks have data except the crucial", "the crucial is the
 *   only one without data": the exception is excepted from the DATA, not from a keep. Read before,
 *   the one disk named was kept (the one empty disk) and the disks with data were offered. Said
 *   here as "keep D1 and D2": every disk of the machine but the exception and the live medium.
 * - "just the nvme, nothing else", "the nvme is the only disk you may use", "use the nvme and
 *   nothing else": said as "only touch the nvme", which keeps every other disk (keepAllBut.ts).
 * - not M6 (a turn of only "don't erase anything" read as a keep of every disk): left out at the
 *   round 26 merge, since attack4 C1's tests hold the other design (a refusal of every erase puts
 *   the question, naming what goes, before any disk with data is erased).
 *
 * Safety: only ever adds keeps (a keep wins in doubt); the exception must name a disk of this
 * machine, so a set of programs or files ("everything but git is junk") is left as typed.
 */

const SET = String.raw`(?:everything|every\s+(?:other\s+)?(?:disk|drive|ssd|hdd|one)|all\s+(?:(?:of\s+)?(?:my|the|these|those)\s+)?(?:other\s+)?(?:disks|drives|ssds|hdds|ones)|all\s+(?:of\s+)?(?:them|the\s+rest)|all\s+the\s+others|the\s+(?:rest|others|other\s+(?:disks|drives|ones)))`;
const EXCEPT = String.raw`(?:but(?:\s+for)?|except(?:\s+for)?|excepting|excluding|apart\s+from|aside\s+from|other\s+than|besides|save\s+for|minus)`;
const HOLDS = String.raw`(?:(?:has|have|holds?|contains?|carr(?:y|ies)|stores?|keeps?)(?:\s+got)?|(?:has|have)\s+got|(?:is|are)\s+(?:full\s+of|used\s+for))`;
const CONTENT = String.raw`(?:(?:my|our|some|important|valuable|precious|real|the|all\s+my|lots\s+of|stuff|personal)\s+)*(?:data|files?|stuff|things|photos?|pictures|pics|backups?|back-ups|documents|docs|music|videos?|movies|games|work|projects?)`;
const STATE = String.raw`(?:is|are)\s+(?:(?:really|very|super|all)\s+)?(?:important|needed|precious|in\s+use|full|valuable|irreplaceable|sacred|off\s+limits)`;
const PRED = String.raw`(?:${HOLDS}\s+${CONTENT}(?:\s+on\s+(?:it|them))?|${STATE})`;
const OBJ = String.raw`((?:the\s+)?[\w/.-]+(?:\s+[\w/.-]+){0,3}?)`;

const SET_EXCEPT_PRED = new RegExp(String.raw`\b${SET}\s*,?\s+${EXCEPT}\s+${OBJ}\s*,?\s+${PRED}\b`, "gi");
const SET_PRED_EXCEPT = new RegExp(
  String.raw`\b${SET}\s+${PRED}\s*,?\s+${EXCEPT}\s+${OBJ}(?=\s*(?:[.,;!?]|$))`,
  "gi",
);
const ONLY_EMPTY = new RegExp(
  String.raw`\b${OBJ}\s+(?:is|'s)\s+the\s+only\s+(?:one|disk|drive|ssd|hdd)\s+(?:without\s+(?:any\s+)?(?:data|files|stuff|anything)|with\s+(?:no\s+(?:data|files|stuff)|nothing(?:\s+on\s+it)?)|that(?:'s|\s+is)\s+empty|(?:that\s+)?(?:i\s+)?(?:don'?t|do\s+not)\s+need)`,
  "gi",
);
const ONLY_USE = [
  new RegExp(String.raw`\b(?:just|only)\s+${OBJ}\s*,?\s+(?:and\s+)?nothing\s+else\b`, "gi"),
  new RegExp(
    String.raw`\b${OBJ}\s+(?:is|'s)\s+the\s+only\s+(?:one|disk|drive|ssd|hdd)\s+(?:(?:that\s+)?(?:you|u)\s+(?:may|can|are\s+allowed\s+to|should|get\s+to)|(?:i\s+)?(?:want\s+you\s+to|allow\s+you\s+to)|to|that\s+(?:may|can)\s+be)\s+(?:use|used|touch|touched|erase|erased|wipe|wiped|format|formatted|install\s+(?:on|to|onto))\b`,
    "gi",
  ),
  new RegExp(
    String.raw`\b(?:use|touch|erase|wipe|format|install\s+(?:on|to|onto))\s+${OBJ}\s*,?\s+and\s+nothing\s+else\b`,
    "gi",
  ),
];
/** The one disk an object names, or undefined. */
function oneDisk(obj: string, facts: Facts): string | undefined {
  const named = disksNamedIn(obj, facts);
  return named.length === 1 ? named[0] : undefined;
}

function keepAllBut(disk: string, facts: Facts): string | undefined {
  const rest = facts.disks.filter((d) => d.path !== disk && !d.liveMedium).map((d) => d.path);
  return rest.length ? `keep ${rest.join(" and ")}` : undefined;
}

export function sayDiskSetStatements(text: string, facts: Facts): string {
  if (facts.mode !== "live") return text;
  let t = text;
  const asKeep = (whole: string, obj: string) => {
    const d = oneDisk(obj, facts);
    return (d && keepAllBut(d, facts)) ?? whole;
  };
  t = t.replace(SET_EXCEPT_PRED, asKeep).replace(SET_PRED_EXCEPT, asKeep).replace(ONLY_EMPTY, asKeep);
  for (const re of ONLY_USE)
    t = t.replace(re, (whole: string, obj: string) =>
      oneDisk(obj, facts) ? `only touch ${obj.trim()}` : whole,
    );
  return t;
}
