import type { Facts } from "../../facts/schema.js";
import { type Clause, clauses } from "../rules/clauses.js";
import { describedAt } from "./directRequest.js";
import { letsGo } from "./informedConsent.js";
import { foundIn } from "./partitionRefs.js";

/**
 * D12's middle way: a keep said earlier in this conversation ("keep windows", "don't touch the
 * samsung") is withdrawn in the same turn that erases, without my question, only by a STRONG
 * let-go that NAMES what was kept: "windows can go", "forget windows, wipe it", "i never use
 * windows anyway, wipe it", "ok erase the samsung after all". The person says which keep they
 * take back and that it may go, so the question "although you said keep windows, erase it?" only
 * repeats their words.
 *
 * Safety: a judgement alone ("windows is trash", "it's old") withdraws nothing (letsGo strong), nor
 * an erase verb alone ("wipe the samsung" after "keep the samsung" is a contradiction: asked), nor a
 * let-go that names something else or nothing ("wipe it, i don't care" names no kept thing), nor a
 * clause said as a question, condition or hedge, nor a turn that keeps anything again. What runs is
 * still only a plan shown with its loss and confirmed with a yes.
 */
const NOT_PLAIN =
  /\b(?:should i|shall i|can i|could i|would it|will it|what if|whether|if|maybe|perhaps|probably|might|said|says|told|kidding|joking|jk|lol)\b/i;
const KEEP_AGAIN =
  /\b(?:keep|keeps|kept|keeping|stay|stays|leave|alone|spare|protect|untouched|intact|dont touch|don't touch|do not touch)\b/i;

/**
 * This turn lets go, by name, of what was kept on `disk` (`what`: the kept system, if any).
 * `systemKept`: the keep was of the system, not the disk ("keep windows"); then only the system's
 * name withdraws it. "erase /dev/nvme0n1, I don't need what's on it" after "keep windows" names the
 * disk and a pointer, never Windows: the person may not know Windows is what goes, so it is asked
 * (found at the merge: user-findings WRONG 1).
 */
export function keepWithdrawn(
  text: string,
  disk: string,
  what: string | undefined,
  facts: Facts,
  systemKept = false,
): boolean {
  // on by default; LEVITATE_KEEP_WITHDRAWN=0 restores D12 as it was, to measure it
  if (process.env.LEVITATE_KEEP_WITHDRAWN === "0") return false;
  const cs = clauses(text);
  if (cs.some((c) => c.question || c.conditional || c.hedged || NOT_PLAIN.test(c.said))) return false;
  if (cs.some((c) => KEEP_AGAIN.test(c.said) && !/\bforget\b/i.test(c.said))) return false;
  const head = what?.toLowerCase().split(/[^a-z0-9]+/)[0];
  const names = (c: Clause) =>
    (head !== undefined && head.length >= 3 && new RegExp(`\\b${head}`, "i").test(c.said)) ||
    (!systemKept &&
      (foundIn(c.w, facts).some((f) => f.disk.path === disk) || describedAt(c, disk, facts).length > 0));
  // the let-go and the name in one clause ("windows can go", "erase the samsung after all"), or the
  // let-go in a clause that points back at the clause before it, which named the kept thing
  let before = false;
  for (const c of cs) {
    const named = names(c);
    // "replace windows", "install over fedora": an erase aimed at the kept thing is the same
    // contradiction as "wipe windows", asked; only the words that let it go withdraw the keep
    const said = c.said.replace(AIM_ONLY, " ");
    if (letsGo(said, true) && (named || (before && POINTER.test(c.said)))) return true;
    before = named;
  }
  return false;
}

const AIM_ONLY =
  /\b(?:replace|replacing|instead of|(?:install|installing|put|putting|write|go|goes|going)\s+(?:\w+\s+)?over)\b/gi;
const POINTER = /\b(?:it|its|it's|that|them|they|those)\b/i;
