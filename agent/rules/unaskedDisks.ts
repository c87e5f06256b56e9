import type { Disk, Facts } from "../../facts/schema.js";
import { diskNames } from "../safety/evidence.js";
import { requestForm } from "../safety/requestForm.js";
import type { PlanCall } from "../types.js";
import { isActionVerb } from "./actionVerbs.js";
import { listTargets } from "./alongside.js";
import { clauses } from "./clauses.js";
import { describeDisk } from "./disks.js";

/**
 * "wouldn't want the samsungs disturbed", "stand down on all samsungs", "ne chipai samsung": every
 * disk reader resolves a disk named anywhere in a turn as the disk asked for, so a protection said
 * with a verb no reader knows became "Which disk (samsung): <the two Samsungs>?", a question that
 * lists only the disks the words protected, and "the big one" + "sure" erased one (tester 15 D3).
 *
 * A which-disk question must never list only disks the words named under a verb that cannot be
 * read as a request to use them. When no clause of the turn has the form of a request (the shared
 * reader, agent/safety/requestForm.ts: an imperative, a want, or a bare pick such as "the
 * samsung"), the turn is not read as a choice among those disks: the question says that it cannot
 * tell keep from use, names those disks by model only (no device name a follow-up "the big one"
 * could resolve among), and lists the other disks as the candidates.
 */

/** How the question opens: a later turn finds it by this (agent/safety/keepOrUseAnswer.ts). */
export const KEEP_OR_USE_HEAD = "I can't tell whether you want the ";
const KEPT_OR = " kept or the install on one of them";

/**
 * The disks my last reply asked keep-or-use about (named by model in its first sentence), or none
 * when it was no such question.
 */
export function unaskedBefore(
  turns: readonly { readonly decision?: unknown }[] | undefined,
  disks: readonly Disk[],
): Disk[] {
  const d = turns?.at(-1)?.decision as { reply?: unknown } | undefined;
  const reply = typeof d?.reply === "string" ? d.reply : "";
  if (!reply.startsWith(KEEP_OR_USE_HEAD)) return [];
  const asked = reply.slice(KEEP_OR_USE_HEAD.length, reply.indexOf(KEPT_OR));
  return disks.filter((x) => x.model && asked.includes(x.model));
}

/** The disks, each named by a word of the text; a plural ("samsungs") names as the singular does. */
export function allNamed(text: string, disks: readonly Disk[], facts: Facts): boolean {
  const said = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .flatMap((x) => (x.length > 3 && x.endsWith("s") ? [x, x.slice(0, -1)] : [x]));
  return disks.every((d) => {
    const names = diskNames(d.path, facts);
    return said.some((x) => x.length >= 2 && names(x) && !GENERIC.has(x));
  });
}

/**
 * The text names the disks only together ("all samsungs", "the samsung"): no word of it names some
 * of them and not the others ("870 … 860" tells them apart, so it is a choice, not a keep).
 */
export function namedTogether(text: string, disks: readonly Disk[], facts: Facts): boolean {
  const names = disks.map((d) => diskNames(d.path, facts));
  const said = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((x) => x.length >= 2 && !GENERIC.has(x));
  return said.every((x) => {
    const forms = x.length > 3 && x.endsWith("s") ? [x, x.slice(0, -1)] : [x];
    const hits = names.filter((n) => forms.some((f) => n(f))).length;
    return hits === 0 || hits === names.length;
  });
}

/** Words every disk of a kind shares: they tell no disk apart, so they name none here. */
const GENERIC = new Set(["nvme", "sata", "usb", "external", "internal"]);

/** The turn named `disks` and asked for none of them: no clause has the form of a request. */
export function namedUnasked(text: string, disks: readonly Disk[], facts: Facts): boolean {
  if (!disks.length || !allNamed(text, disks, facts)) return false;
  const cs = clauses(text);
  if (!cs.length) return false;
  const names = (x: string) =>
    disks.some((d) => diskNames(d.path, facts)(x.replace(/s$/, "")) || diskNames(d.path, facts)(x));
  const asking = cs.filter((c) => !c.question && requestForm(c, names));
  // "samsungs: do not disturb": a bare pick ("samsungs") beside a clause that negates is a heading
  // of what is refused, no request; only a clause with an action verb asks then
  if (asking.length && cs.some((c) => c.w.some((x) => NEGATING.test(x))))
    return !asking.some(
      (c) =>
        c.w.some((x) => isActionVerb(x) || /^(?:install\w*|want|need)$/.test(x)) &&
        !c.w.some((x) => NEGATING.test(x)),
    );
  return !asking.length;
}

const BY_SIZE_OR_PLACE =
  /\b(?:big|bigger|biggest|large|larger|largest|huge|small|smaller|smallest|little|tiny|first|second|third|last|top|bottom|left|right|former|latter)\b/i;
const POINTER = /\b(?:it|that|this|there|them)\b/i;

const NEGATING = /^(?:not|no|never|don't|dont|do not|won't|wont|mustn't|shouldn't|nothing|none)$/;

/**
 * The question for such a turn: keep or use, said by model; the other usable disks listed as the
 * candidates (with their device names). Nothing is planned; the one other disk is offered only when
 * it is blank, so a "yes" loses nothing.
 */
export function keepOrUseQuestion(
  named: readonly Disk[],
  others: readonly Disk[],
): { reply: string; offer?: PlanCall } {
  const models = [...new Set(named.map((d) => d.model ?? describeDisk(d)))];
  const which =
    models.length <= 2 ? models.join(" and ") : `${models.slice(0, -1).join(", ")} and ${models.at(-1)}`;
  const head = `${KEEP_OR_USE_HEAD}${which}${KEPT_OR}, so I haven't planned anything.`;
  const onOne = `To install on one of them instead, say "install on" and its name.`;
  if (!others.length) return { reply: `${head} To keep them, say "keep them". ${onOne}` };
  const only = others.length === 1 ? others[0]! : undefined;
  if (only && !(only.partitions?.length ?? 0))
    return {
      reply: `${head} If they stay, shall I install onto ${listTargets([only])}, the disk left? ${onOne}`,
      offer: { tool: "partitionDisk", args: { disk: only.path } } as PlanCall,
    };
  return {
    reply: `${head} If they stay, the disk${only ? "" : "s"} left: ${listTargets(others)}. Which should I use? ${onOne}`,
  };
}

/**
 * The disks the person's previous turn named under no request ("the samsungs are sacred ground"),
 * whatever I answered to it.
 */
export function unaskedLastTurn(
  turns: readonly { readonly user?: string }[] | undefined,
  facts: Facts,
): Disk[] {
  const user = turns?.at(-1)?.user ?? "";
  // "what's on the samsungs?" asked: "wipe it", "the big one" after my answer choose as usual
  if (clauses(user).some((c) => c.question)) return [];
  const named = facts.disks.filter((d) => !d.liveMedium && allNamed(user, [d], facts));
  return named.length && namedUnasked(user, named, facts) ? named : [];
}

/**
 * "the big one", "the first", "sure the samsung" right after that question: a disk it asked about
 * is chosen only by a request that names it by its own name ("install on the 990 pro"); a size or
 * a position ("the big one") may mean the disks I listed, so it is asked, nothing offered.
 */
export function unaskedPick(
  disk: Disk,
  text: string,
  turns: readonly { readonly decision?: unknown }[] | undefined,
  facts: Facts,
  eligible: readonly Disk[],
): string | undefined {
  const before = unaskedBefore(turns, facts.disks);
  const asked = [...before, ...unaskedLastTurn(turns as { user?: string }[], facts)];
  if (!asked.includes(disk)) return undefined;
  // the disks left if the ones my keep-or-use question asked about stay
  const left = eligible.filter((d) => !before.includes(d));
  // only a pick by size or position; "it", "that one" point at what was said, read as before
  if (!BY_SIZE_OR_PLACE.test(text) || POINTER.test(text)) return undefined;
  if (allNamed(text, [disk], facts) && !namedUnasked(text, [disk], facts)) return undefined;
  return `${describeDisk(disk)} is one of the disks you named without asking me to use them, so I haven't planned anything on it. To install there, say "install on" and its name${left.length ? `; if they stay, the disk${left.length > 1 ? "s" : ""} left: ${listTargets(left)}` : ""}.`;
}
