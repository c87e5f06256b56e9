import { describeBytes } from "../../steps/size.js";
import type { Decision, DropEntry } from "../../tools/decision.js";
import { KEPT_REPLY_LEAD } from "../keptReply.js";
import { bareListItem, factNames } from "../safety/commaList.js";
import { describeContent } from "../safety/dataDisk.js";
import { withSetKeeps } from "../safety/keepAllBut.js";
import { severalKept } from "../safety/keptSeveral.js";
import { continuesList, describeProtection, readProtections } from "../safety/read.js";
import { refusedPlannedInstalls } from "../safety/refusedInstall.js";
import { MIN_FREE_BYTES, refusalOf } from "../safety/screen.js";
import { type Protection, sameProtection } from "../safety/types.js";
import type { PlanCall } from "../types.js";
import { systemsOn } from "./alongside.js";
import type { Ctx } from "./context.js";
import { hasRoom } from "./diskRoom.js";
import { describeDisk, listDisks } from "./disks.js";
import { installMeant } from "./keptBesideInstall.js";
import { type Token, tokenize } from "./text.js";
import { isNegated, words } from "./tokens.js";
import { INSTALL_VERBS, REMOVE_VERBS } from "./vocab.js";

/**
 * The rules backend's side of the safety screen (agent/safety): a clause that only says what to
 * keep ("keep the samsung", "don't touch git", "not the wd") asks for no call, and a turn of only
 * such clauses is answered by saying what is kept, or by dropping the pending steps it forbids.
 */

/** Words that ask for something to be done; negated ("don't wipe") they ask for nothing. */
const REQUEST_WORDS = new Set([
  ...INSTALL_VERBS,
  ...REMOVE_VERBS,
  "wipe",
  "erase",
  "format",
  "use",
  "nuke",
  "create",
  "make",
  "set",
  "choose",
  "pick",
  "select",
  "go",
]);

const CHOICE_NOUNS = new Set([
  "disk",
  "drive",
  "one",
  "ssd",
  "hdd",
  "nvme",
  "device",
  "anything",
  "whatever",
]);

function clauseText(text: string, clause: readonly Token[]): string {
  return text.slice(clause[0]!.start, clause.at(-1)!.end);
}

/** True when the clause only keeps something: its protections, and no request outside a negation. */
export function isKeepClause(clause: readonly Token[], text: string, ctx: Ctx): boolean {
  if (!clause.length) return false;
  const reading = readProtections(clauseText(text, clause), ctx.facts, ctx.conv);
  // a refused privilege belongs to the user clause it is in ("user mom no sudo")
  if (!reading.protect.some((p) => p.kind !== "sudo") || reading.alongside) return false;
  // "any disk except the seagate", "the one that isn't the samsung": a choice by exclusion
  const cue = clause.findIndex((t) =>
    ["except", "not", "isnt", "but", "other", "excluding"].includes(t.norm),
  );
  if (cue > 0 && clause.slice(0, cue).some((t) => CHOICE_NOUNS.has(t.norm))) return false;
  return !clause.some(
    (t, i) =>
      REQUEST_WORDS.has(t.norm) &&
      !isNegated(clause, i) &&
      // "leave/keep X": the keep verb itself is no request
      !(t.norm === "get" && clause[i + 1]?.norm === "rid" && isNegated(clause, i)),
  );
}

/**
 * "leave sda alone. sdb too.", "keep sda and sdb": a clause after a keep clause that asks for
 * nothing and names only what the whole turn keeps is part of the same keep (the reader carries the
 * cue over the list; this is the parser agreeing with it).
 */
export function continuesKeep(clause: readonly Token[], text: string, ctx: Ctx): boolean {
  if (!clause.length || clause.some((t, i) => REQUEST_WORDS.has(t.norm) && !isNegated(clause, i)))
    return false;
  if (!continuesList(words(clause), "and")) return false;
  const named = readProtections(`keep ${clauseText(text, clause)}`, ctx.facts, {
    pending: ctx.conv.pending,
    entities: ctx.conv.entities,
  }).protect;
  if (!named.length) return false;
  const all = readProtections(text, ctx.facts, ctx.conv).protect;
  return named.every((p) => all.some((q) => sameProtection(p, q)));
}

/**
 * "the seagate, toshiba and samsung stay": the items before a keep said after its list are kept
 * when the turn's reader keeps them (agent/safety/listKeeps.ts); the parser agrees with it, so no
 * item is read as the place to install. Changes `intents`.
 */
export function keptBeforeKeep(
  clauses: readonly Token[][],
  intents: (string | undefined)[],
  text: string,
  ctx: Ctx,
): void {
  let all: Protection[] | undefined;
  for (let i = clauses.length - 2; i >= 0; i--) {
    const c = clauses[i]!;
    if (intents[i + 1] !== "keep" || intents[i] === "keep" || !c.length) continue;
    if (
      c.some((t, k) => REQUEST_WORDS.has(t.norm) && !isNegated(c, k)) ||
      !bareListItem(words(c), factNames(ctx.facts))
    )
      continue;
    const named = readProtections(`keep ${clauseText(text, c)}`, ctx.facts, {
      pending: ctx.conv.pending,
      entities: ctx.conv.entities,
    }).protect;
    all ??= readProtections(text, ctx.facts, ctx.conv).protect;
    if (named.length && named.every((p) => all!.some((q) => sameProtection(p, q)))) intents[i] = "keep";
  }
}

/** "and fzf", "sdb too" after "keep jq": a turn that only adds to the last turn's keep. */
export function continuesLastKeep(text: string, ctx: Ctx): boolean {
  const previous = ctx.conv.turns.at(-1)?.user;
  if (!previous || !continuesList(words(tokenize(text)), "")) return false;
  const before = readProtections(previous, ctx.facts, {
    pending: ctx.conv.pending,
    entities: ctx.conv.entities,
  });
  return (
    before.protect.some((p) => p.kind !== "sudo") && turnProtections(text, ctx).some((p) => p.kind !== "sudo")
  );
}

/** The protections this turn's words add (for the answer that says what is kept). */
export function turnProtections(text: string, ctx: Ctx): Protection[] {
  // with the keeps of a set minus exceptions, as the conversation records them: "touch nothing except
  // the crucial" keeps the others, never the crucial (tester 18 W2: kept and offered at once)
  return withSetKeeps(readProtections(text, ctx.facts, ctx.conv), text, ctx.facts, ctx.conv.pending).protect;
}

/**
 * A turn that only keeps things: drop the pending steps the protections forbid ("wait, keep
 * htop" with its removal pending), or say what is kept and what comes next.
 */
export function keepAnswer(text: string, ctx: Ctx): Decision {
  const { conv, facts } = ctx;
  const all = conv.protections ?? [];
  const forbidden = conv.pending.filter((c) => refusalOf(c, all, facts) !== undefined);
  const mine = turnProtections(text, ctx);
  // "keep htop" while its removal is pending; "keep bat" while its install is pending keeps it.
  const undo = conv.pending.filter(
    (c) => c.tool === "removeRecipe" && mine.some((p) => p.kind === "recipe" && p.name === c.args.name),
  );
  // "no wait, keep windows" with the whole disk planned: the same install, into the free space
  const moved = forbidden.flatMap((c) => {
    if (c.tool !== "partitionDisk") return [];
    const d = facts.disks.find((x) => x.path === c.args.disk);
    const onlyParts = !all.some((p) => p.kind === "disk" && p.disk === c.args.disk);
    return d && onlyParts && (d.freeBytes ?? 0) >= MIN_FREE_BYTES
      ? [{ tool: "partitionDisk", args: { ...c.args, use: "free" } } as PlanCall]
      : [];
  });
  // "ok go, without vlc" with vlc planned: the refusal takes the install out; it keeps nothing
  // (tester 28 F29). A drop runs nothing, and the plan is shown again before any yes.
  const unwanted = refusedPlannedInstalls(text, conv.pending);
  if (moved.length && forbidden.length === 1 && !undo.length && !unwanted.length) return { calls: moved };
  const drops = [...new Set([...forbidden, ...undo, ...unwanted])];
  if (drops.length)
    return {
      drop: drops.map((c) => {
        switch (c.tool) {
          case "partitionDisk":
            return { tool: "partitionDisk", args: { disk: c.args.disk } };
          case "removeRecipe":
            return { tool: "removeRecipe", args: { name: c.args.name } };
          case "installRecipe":
            return { tool: "installRecipe", args: { name: c.args.name } };
          case "createUser":
            return { tool: "createUser", args: { username: c.args.username } };
          default:
            return { tool: c.tool, args: {} } as DropEntry;
        }
      }) as DropEntry[],
    };
  // "fine, keep micro, go": keeping what is planned, and a go-ahead
  if (conv.pending.length && /\b(go|go ahead|do it|yes|proceed|confirm)\s*[.!]*\s*$/i.test(text))
    return { confirm: true };
  const kept = mine.length ? mine : all;
  // a keep whose object matched nothing here keeps nothing: never "OK, kept: ." with no list
  if (!kept.length)
    return {
      reply:
        'I read that as keeping something, but nothing here matches what you named, so nothing is kept. Name it as I list it (e.g. "keep /dev/sda", "keep git").',
    };
  const parts = [
    `${KEPT_REPLY_LEAD}${kept.map((p) => describeProtection(p, facts)).join("; ")}.${severalKept(mine, facts)}`,
  ];
  const partition = conv.pending.find((c) => c.tool === "partitionDisk");
  if (partition) parts.push(`The plan installs on ${partition.args.disk}.`);
  else if (
    facts.mode === "live" &&
    ctx.allowed.includes("partitionDisk") &&
    kept.some((p) => p.kind === "disk" || p.kind === "partitions")
  ) {
    const free = kept.flatMap((p) => {
      if (p.kind !== "partitions") return [];
      const d = facts.disks.find((x) => x.path === p.disk);
      return d && (d.freeBytes ?? 0) >= MIN_FREE_BYTES ? [d] : [];
    });
    const usable = facts.disks.filter(
      (d) =>
        !d.liveMedium &&
        !all.some((p) => (p.kind === "disk" || p.kind === "partitions") && p.disk === d.path),
    );
    // "and spare the seagate too" while my offer of another disk is open: the keep answers no
    // offer, so the same offer is made again (tester 15 W6)
    const offered = (conv.offer?.calls ?? []).find(
      (c) => c.tool === "partitionDisk" && usable.some((d) => d.path === (c.args as { disk?: string }).disk),
    );
    if (offered) {
      const d = usable.find((x) => x.path === (offered.args as { disk: string }).disk)!;
      const held = describeContent(d);
      parts.push(
        `Shall I install onto ${listDisks([d])}, as I asked? ${held ? `It holds ${held}: everything on it is erased for good.` : "Everything on it is erased."}`,
      );
      return { reply: parts.join(" "), offer: { calls: [offered as PlanCall] } };
    }
    if (free.length === 1 && !usable.length) {
      const d = free[0]!;
      // kept beside the one place an install can go, by a person who came to install: planned
      if (installMeant(text, conv))
        return { calls: [{ tool: "partitionDisk", args: { disk: d.path, use: "free" } } as PlanCall] };
      parts.push(
        `I can install into the free space of ${d.path} (${describeBytes(d.freeBytes ?? 0)}) and keep every partition there: shall I?`,
      );
      return {
        reply: parts.join(" "),
        offer: { calls: [{ tool: "partitionDisk", args: { disk: d.path, use: "free" } } as PlanCall] },
      };
    }
    if (free.length === 1)
      parts.push(
        `I can install into the free space of ${free[0]!.path} (${describeBytes(free[0]!.freeBytes ?? 0)}) and keep every partition there, or onto ${listDisks(usable)}: which?`,
      );
    else if (usable.length === 1 && !free.length) {
      // "keep the samsung" with one other disk: the question is an offer, so "yes" takes it. It
      // names what that disk holds, and offers the install beside another system first (attack4
      // M5: "keep the WD" offered to erase the Samsung with Windows as if it were empty)
      const d = usable[0]!;
      const beside = systemsOn(d).length > 0 && hasRoom(d);
      const held = describeContent(d);
      // the one disk left holds data the person never named nor let go: a reflexive "yes"/"sure"
      // to an offer would erase it (tester 16 D1, tester 17 D2), so the erase takes its own words
      if (held && !beside) {
        parts.push(
          `The only other disk is ${describeDisk(d)}, and it holds ${held}: installing there erases it for good. If nothing on it is needed any more, say "erase ${d.path}, I don't need what's on it".`,
        );
        return { reply: parts.join(" ") };
      }
      parts.push(
        beside
          ? `${describeDisk(d)} holds ${held}: shall I install into its free space (${describeBytes(d.freeBytes ?? 0)}) and keep every partition? To erase it instead, say "erase ${d.path}, I don't need what's on it".`
          : `Shall I install onto ${listDisks(usable)}? ${held ? `It holds ${held}: everything on it is erased for good.` : "Everything on it is erased."}`,
      );
      return {
        reply: parts.join(" "),
        offer: {
          calls: [
            { tool: "partitionDisk", args: { disk: d.path, use: beside ? "free" : "whole" } } as PlanCall,
          ],
        },
      };
    } else if (usable.length) parts.push(`Which disk should I install onto: ${listDisks(usable)}?`);
  }
  return { reply: parts.join(" ") };
}
