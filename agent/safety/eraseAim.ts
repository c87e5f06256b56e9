import type { Facts } from "../../facts/schema.js";
import { disksNamedBySystem } from "../rules/alongside.js";
import { type Clause, clauses, REQUEST_VERB } from "../rules/clauses.js";
import { resolveDisk } from "../rules/disks.js";
import { normalizeTokens } from "../rules/tokens.js";
import type { ConversationView } from "../types.js";

/**
 * Erase words choose the erase of the disk they are aimed at, not of every disk a decision
 * happens to erase. "don't erase anything" … "install on the WD, erase it" chose to erase the WD:
 * an erase of the Samsung beside it (a pronoun read as the disk my question proposed, a clause
 * glued to an earlier refusal, a model's slip) was never chosen, so the question that names what
 * is lost must still be put (agent/safety/dataDisk.ts).
 *
 * - "aimed": a request clause of this turn names the disk (device name, brand, model, size, the
 *   system on it), or the turn names no disk and the disk is the one the conversation is about:
 *   the pending install's, the one disk my last reply spoke of, or one the person's previous turn
 *   named;
 * - "elsewhere": the turn's request clauses name disks and this is none of them (a pronoun never
 *   overrides a disk named in the same sentence);
 * - "default": the turn names no disk and nothing points at this one but a default I proposed
 *   ("Which disk: sda or nvme0n1? "yes" takes sda" … "erase it"): a proposal is no choice to erase;
 * - "refused": aimed, but an earlier turn refused every erase ("don't erase anything", "nothing
 *   gets wiped") and I have not asked about this disk since: the words now contradict that, so the
 *   question is put once.
 */
export type EraseAim = "aimed" | "elsewhere" | "default" | "refused";

const NEGATOR = /^(?:dont|not|never|no|nor|neither|without|shouldnt|mustnt|wont|cant|wouldnt|couldnt)$/;
const ERASE_VERB = /^(?:erase|wipe|format|reformat|nuke|overwrite|replace|clear|destroy|delete)$/;

/** A clause that asks for something to be done (a request verb no negation governs). */
function requests(c: Clause): boolean {
  return c.w.some(
    (x, i) =>
      (REQUEST_VERB.test(x) || ERASE_VERB.test(x)) &&
      !c.w.slice(Math.max(0, i - 3), i).some((b) => NEGATOR.test(b)),
  );
}

/** The disks a piece of text names by itself, with no conversation to lean on. */
export function disksNamedIn(text: string, facts: Facts): string[] {
  const tokens = normalizeTokens(text, facts);
  const out = new Set<string>();
  const res = resolveDisk(tokens, facts.disks, { mentioned: [], offered: [] });
  if (res.kind === "one") out.add(res.disk.path);
  else if (res.kind === "many") for (const d of res.disks) out.add(d.path);
  for (const d of disksNamedBySystem(tokens, facts)) out.add(d.path);
  // the live medium is never a target ("put levitate there" names its "LEVITATE" label, no disk)
  return [...out].filter((p) => !facts.disks.some((d) => d.path === p && d.liveMedium));
}

const KEEPS = /^(?:keep|keeping|leave|spare|protect|avoid|alone|stays?|untouched|intact|safe)$/;

/**
 * The disks the request clauses of a text name; with none, the disks its other clauses name that
 * neither negate nor keep ("Which disk?" "the samsung": the answer names its disk).
 */
function requestedDisks(text: string, facts: Facts): string[] {
  const cs = clauses(text);
  const from = (pick: (c: Clause) => boolean) => [
    ...new Set(cs.filter(pick).flatMap((c) => disksNamedIn(c.said, facts))),
  ];
  const asked = from(requests);
  if (asked.length) return asked;
  return from((c) => !unopened(c.w).some((x) => NEGATOR.test(x) || KEEPS.test(x)));
}

const OPENERS = /^(?:no|nah|nope|wait|actually|sorry|oops|i|mean|meant|ok|okay|so|um|uh|oh|hmm)$/;

/** A clause's words after a correction's opener ("no no I mean the games drive"). */
function unopened(w: readonly string[]): readonly string[] {
  let i = 0;
  while (i < w.length && OPENERS.test(w[i]!)) i++;
  return w.slice(i);
}

/** "the other one", "another disk": a contrast with what the turn names, never my proposal. */
function saysOther(text: string): boolean {
  return clauses(text).some((c) => requests(c) && c.w.some((x) => x === "other" || x === "another"));
}

const DEVICE = /\/dev\/[A-Za-z0-9/_.-]*[A-Za-z0-9]/g;

/** "don't erase anything", "do not wipe any disk", "nothing gets erased", "no erasing": every erase refused. */
const REFUSES_ALL =
  /\b(?:(?:dont|don't|do not|never|no|not)\s+(?:\w+\s+){0,2}?(?:erase|wipe|format|delete|nuke|erasing|wiping|formatting)\s+(?:anything|any(?:\s+\w+)?|a thing|nothing|stuff)|nothing\s+(?:\w+\s+){0,2}?(?:erased|wiped|formatted|deleted)|no\s+(?:erasing|wiping|formatting))\b/i;

/** An earlier turn refused every erase and no reply of mine since asked about erasing this disk. */
function refusedAll(disk: string, conv: ConversationView): boolean {
  let refused = false;
  for (const t of conv.turns) {
    if (REFUSES_ALL.test(t.user.replace(/[’]/g, "'"))) refused = true;
    if ("reply" in t.decision && t.decision.reply.includes(disk) && /for good/.test(t.decision.reply))
      refused = false;
  }
  return refused;
}

export function eraseAim(disk: string, conv: ConversationView, facts: Facts): EraseAim {
  const aim = aimOf(disk, conv, facts);
  return aim === "aimed" && refusedAll(disk, conv) ? "refused" : aim;
}

function aimOf(disk: string, conv: ConversationView, facts: Facts): EraseAim {
  const named = requestedDisks(conv.user, facts);
  if (named.length) return named.includes(disk) ? "aimed" : "elsewhere";
  // "put it on the other disk and leave windows alone": the disk the turn does not name
  if (saysOther(conv.user))
    return clauses(conv.user).some((c) => disksNamedIn(c.said, facts).includes(disk)) ? "elsewhere" : "aimed";
  // no disk said now: what the conversation is about
  if (conv.pending.some((p) => p.tool === "partitionDisk" && p.args.disk === disk)) return "aimed";
  const usable = facts.disks.filter((d) => !d.liveMedium);
  if (usable.length === 1 && usable[0]!.path === disk) return "aimed";
  const last = conv.turns.at(-1);
  if (last) {
    if ("reply" in last.decision) {
      const spoken = new Set([...last.decision.reply.matchAll(DEVICE)].map((m) => m[0]));
      const disks = [...spoken].filter((p) => facts.disks.some((d) => d.path === p));
      if (disks.length === 1 && disks[0] === disk) return "aimed";
    }
    // what the previous turn asked for, never what it kept ("don't touch the WD" names no target)
    const before = requestedDisks(last.user, facts);
    if (before.length === 1 && before[0] === disk) return "aimed";
  }
  return "default";
}
