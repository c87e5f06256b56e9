import type { Disk, Facts } from "../../facts/schema.js";
import { contentOf, describeContent } from "../safety/diskContent.js";
import { disksNamedIn } from "../safety/eraseAim.js";
import type { PlanCall } from "../types.js";
import { describeTarget } from "./alongside.js";

/**
 * "pa touche samsung lan, pa touche crucial la, mete l sou kingston", "mos e prek samsung, mos e
 * prek crucial, instalo ne kingston", "lass d samsung in rueh, und d crucial au, installier uf d
 * kingston" (tester 18 D7): in words I cannot read, several disks said in the same frame and one
 * said in another. One install has one target, so disks said alike are not all targets; they are
 * what the other words say of them (here: kept), and the one said differently is the one asked
 * about. The which-disk question then never lists the disks said alike (it had offered all three,
 * the two holding games and photos among them).
 *
 * The frame of a disk is the words before it in its clause. A clause that only continues the one
 * before ("und d crucial au": a conjunction, at most one short word, the disk, "too") takes that
 * clause's frame. Read only when the words name several disks apart and nothing else chose one.
 */

/** Conjunctions that open a clause continuing the one before. */
const AND = /^(?:and|und|et|y|e|i|en|og|och|a|ve|és|es|dhe|ak|epi|an|plus|also|too)$/;
/** "too", "also": what ends a clause that continues the one before. */
const TOO =
  /^(?:too|also|au|ou|auch|aussi|tambien|también|tambem|também|anche|ook|ogsa|også|ocksa|också|tez|też|tiez|taky|tashme|gjithashtu|tou|osi)$/;

interface Said {
  disk: string;
  frame: string;
}

function clauseWords(clause: string): string[] {
  return clause
    .toLowerCase()
    .split(/[^\p{L}\p{N}/]+/u)
    .filter(Boolean);
}

/** Each clause that names exactly one disk, with the words before that disk's name. */
function framesOf(text: string, facts: Facts): Said[] {
  const out: Said[] = [];
  for (const clause of text.split(/[,;:.!?\n]+/)) {
    const named = disksNamedIn(clause, facts);
    if (named.length !== 1) continue;
    const w = clauseWords(clause);
    // where the disk's name starts: the first word that names it on its own
    const at = w.findIndex((x) => disksNamedIn(x, facts).includes(named[0]!));
    if (at < 0) continue;
    const before = w.slice(0, at);
    const after = w.slice(at + 1);
    const continues =
      before.length >= 1 &&
      AND.test(before[0]!) &&
      before.length <= 2 &&
      after.length <= 2 &&
      after.some((x) => TOO.test(x));
    const frame = continues && out.length ? out.at(-1)!.frame : before.join(" ");
    out.push({ disk: named[0]!, frame });
  }
  return out;
}

/** The one disk said in a frame of its own beside others said alike, and those others. */
export function oddOneOut(
  text: string,
  candidates: readonly Disk[],
  facts: Facts,
): { odd: Disk; alike: Disk[] } | undefined {
  const said = framesOf(text, facts).filter((s) => candidates.some((d) => d.path === s.disk));
  if (said.length < 3 || new Set(said.map((s) => s.disk)).size !== said.length) return undefined;
  const count = new Map<string, number>();
  for (const s of said) count.set(s.frame, (count.get(s.frame) ?? 0) + 1);
  const odd = said.filter((s) => count.get(s.frame) === 1);
  // one frame shared by all the others, one disk apart; an empty frame ("the samsung, …") is no frame
  if (odd.length !== 1 || count.size !== 2 || said.some((s) => !s.frame)) return undefined;
  const disk = (p: string) => candidates.find((d) => d.path === p)!;
  return { odd: disk(odd[0]!.disk), alike: said.filter((s) => s !== odd[0]).map((s) => disk(s.disk)) };
}

/**
 * The question for the disk said apart: offered where nothing is lost (an empty disk), named with
 * what it holds where something is; the disks said alike are named as left out, never as choices.
 */
export function oddOneOutQuestion(found: { odd: Disk; alike: Disk[] }): { reply: string; offer?: PlanCall } {
  const { odd, alike } = found;
  const left = `I read ${alike.map((d) => d.path).join(" and ")} said alike, not as where to install, and left ${alike.length > 1 ? "them" : "it"} out.`;
  if (contentOf(odd).length)
    return {
      reply: `${left} ${describeTarget(odd)} holds ${describeContent(odd)}: installing there erases it for good. To do that, say "erase ${odd.path.replace(/^\/dev\//, "")} and install there".`,
    };
  return {
    reply: `${left} Install onto ${describeTarget(odd)}? Everything on it is erased. (yes / no)`,
    offer: { tool: "partitionDisk", args: { disk: odd.path } } as PlanCall,
  };
}
