import type { Disk, Facts } from "../../facts/schema.js";
import { type Decision, MAX_CALLS } from "../../tools/decision.js";
import { describeDisk } from "../rules/disks.js";
import type { ConversationView, PlanCall } from "../types.js";
import { yesNo } from "../yesno.js";
import { describeContent } from "./dataDisk.js";
import { eraseDescribed, eraseRefused, eraseSaid, joinSlowWords, removalSaid } from "./directRequest.js";
import { LOSS_WORDS } from "./lossWords.js";
import { foundIn } from "./partitionRefs.js";
import { relayObjection } from "./relayObjection.js";
import { saysMockingly } from "./sarcasm.js";
import { secondDiskRequest } from "./secondDisk.js";
import { systemWord } from "./systemDisks.js";
import { judgeUnnamedErase, type Verdict } from "./unnamedErase.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * The last gate for destructive calls, after every reader and screen (agent/turn.ts): whatever
 * read the words, a removal or a whole-disk erase is added only when the turn's own words ask for
 * it directly (agent/safety/directRequest.ts), or the turn takes my offer of it, or it is already
 * in the plan. It does not know sentences; it stops a call when
 * - the words mock the request ("nuke my windows, brilliant idea 🙄": agent/safety/sarcasm.ts);
 * - the target is said only where it is kept, refused, asked about or set under a condition;
 * - a removal already in the plan is only named again ("no. just btop."): nothing to add;
 * - the erase takes a system the words never named: the disk holds several systems and the words
 *   name only some ("get rid of mint" with Windows beside it), or the words only place the install
 *   ("use the whole samsung") on a disk with a system nobody has named yet.
 * A stopped call becomes a question that says what to say to do it, and is not offered: a "yes"
 * to a misread would take exactly what the gate stopped.
 */

interface Stop {
  call: PlanCall;
  ask: string;
  /** The erase the reply proposes instead (agent/safety/unnamedErase.ts): what "yes" takes. */
  offer?: PlanCall;
}

/** My reply said what the erase loses ("holds /dev/sda2 (Windows…)", "is lost", "for good"). */
const LOSS_TOLD = /\bholds\b|for good|\bis lost\b|\berases?\b/;

function sameTarget(a: PlanCall, b: PlanCall): boolean {
  if (a.tool === "removeRecipe" && b.tool === "removeRecipe") return a.args.name === b.args.name;
  return erasesWholeDisk(a) && erasesWholeDisk(b, a.args.disk);
}

/** The systems on a disk, by the words that name them ("windows", "mint"). */
function systemsOn(d: Disk): Set<string> {
  const out = new Set<string>();
  for (const p of d.partitions ?? [])
    for (const x of (p.os ?? "").toLowerCase().split(/[^a-z0-9]+/)) {
      const s = x.length >= 3 ? systemWord(x) : undefined;
      if (s && s !== "linux") out.add(s);
    }
  return out;
}

/** The systems of the disk that the words name, and whether they name the disk itself. */
function namedOf(text: string, d: Disk, facts: Facts): { systems: Set<string>; disk: boolean } {
  const w = joinSlowWords(text)
    .toLowerCase()
    .split(/[^a-z0-9/]+/)
    .filter(Boolean);
  const systems = new Set<string>();
  let disk = false;
  for (const x of w) {
    const s = systemWord(x);
    if (s) systems.add(s);
    if (foundIn([x], facts).some((f) => f.disk.path === d.path && f.what === undefined)) disk = true;
  }
  return { systems, disk };
}

/** Why an erase takes a system the words did not name; undefined when they named all it takes. */
function unnamedLoss(disk: string, conv: ConversationView, facts: Facts): string | undefined {
  const d = facts.disks.find((x) => x.path === disk);
  if (!d) return undefined;
  const systems = systemsOn(d);
  if (!systems.size) return undefined;
  const named = namedOf(conv.user, d, facts);
  const whole = /\b(?:whole|entire|entirely|everything|all of it|the disk|the drive|completely)\b/i.test(
    conv.user,
  );
  const some = [...systems].filter((s) => named.systems.has(s));
  // "get rid of mint and install there" with Windows on the same disk: mint goes, Windows was never said
  if (some.length && some.length < systems.size && !named.disk && !whole)
    return [...systems].filter((s) => !named.systems.has(s)).join(" and ");
  // "use the whole samsung": the words place the install by a description, and no one has said
  // what is on the disk
  const last = conv.turns.at(-1)?.decision;
  const told =
    last !== undefined && "reply" in last && last.reply.includes(disk) && LOSS_TOLD.test(last.reply);
  // ("install on sda whole": the device name is read off the listing, the disk is known)
  const device = new RegExp(`(?:^|[^a-z0-9])${disk.replace(/^\/dev\//, "")}(?![a-z0-9])`, "i").test(
    conv.user,
  );
  if (!some.length && !told && !device && !LOSS_WORDS.test(conv.user.replace(/[’]/g, "'")))
    return [...systems].join(" and ");
  return undefined;
}

/**
 * The one other disk the words ask to install onto, with a verb, when they refuse the disk the
 * call erases: the erase goes there, and is judged there like any other.
 */
function askedInstead(call: PlanCall, conv: ConversationView, facts: Facts): PlanCall | undefined {
  if (call.tool !== "partitionDisk") return undefined;
  const open = (s: string) => s === "request" || s === "named";
  const asked = facts.disks.filter(
    (d) =>
      !d.liveMedium &&
      d.path !== call.args.disk &&
      (open(eraseSaid(conv.user, d.path, facts)) || open(eraseDescribed(conv.user, d.path, facts))),
  );
  if (asked.length !== 1) return undefined;
  const moved = { ...call, args: { ...call.args, disk: asked[0]!.path } } as PlanCall;
  // judged where it lands, but never moved on from there: "keep sdb, sda" read each disk as the
  // one asked instead of the other, and the two moves called each other until the stack ran out
  // (attacker 12 #2)
  return stopOf(moved, conv, facts, false, false) === undefined ? moved : undefined;
}

/** What a destructive call does, in the words a reply says it with. */
function destructiveWords(call: PlanCall, facts: Facts): string {
  if (call.tool === "removeRecipe") return `removing ${call.args.name}`;
  const d = call.tool === "partitionDisk" ? facts.disks.find((x) => x.path === call.args.disk) : undefined;
  return `erasing ${d ? describeDisk(d) : call.tool === "partitionDisk" ? call.args.disk : "it"}`;
}

function stopOf(
  call: PlanCall,
  conv: ConversationView,
  facts: Facts,
  mocking: boolean,
  mayMove = true,
): string | Exclude<Verdict, { kind: "keep" }> | undefined {
  const objection = relayObjection(conv.user);
  if (objection)
    return `${objection.who} objected ("${objection.said}"), so I haven't planned ${destructiveWords(call, facts)}. Say what to do once you agree.`;
  if (call.tool === "removeRecipe") {
    const name = call.args.name;
    const ask = `Remove ${name}? I haven't planned it. To remove it, say "remove ${name}".`;
    if (mocking) return ask;
    const said = removalSaid(conv.user, name);
    if (said === "blocked") return ask;
    // "no. just btop." with btop's removal planned: named again, nothing asked of it
    if (conv.pending.some((p) => sameTarget(p, call)) && said !== "request")
      return `Removing ${name} is already in the plan; I added nothing.`;
    return undefined;
  }
  if (!erasesWholeDisk(call)) return undefined;
  const d = facts.disks.find((x) => x.path === call.args.disk);
  const content = d ? describeContent(d) : "";
  const name = d ? describeDisk(d) : call.args.disk;
  const short = call.args.disk.replace(/^\/dev\//, "");
  const ask = `Did you mean to erase ${name}${content ? `, which holds ${content}` : ""}? I haven't planned it. To erase it and install there, say "erase ${short}".`;
  if (mocking) return ask;
  const said = eraseSaid(conv.user, call.args.disk, facts, !content);
  // "sdb has my backups so use sdc": the disk with data is only talked about, and the words ask
  // for one other disk with a verb; the install goes there (tester 13 D6: the backups disk was
  // offered, the one asked for dropped)
  if (said === "named" && content) {
    // a disk a move lands on that the words only talk about is no place they ask for: the move is
    // not made (before the no-second-move guard, the second move's answer said so; without this
    // line a move landed on a "Data" disk the person only described)
    if (!mayMove) return ask;
    const asked = askedInstead(call, conv, facts);
    if (asked) return { kind: "move", call: asked };
  }
  if (said === "blocked") {
    // "sda ko mat chhedo, nvme pe install karo": the refused disk was taken for the one asked for
    const asked = mayMove ? askedInstead(call, conv, facts) : undefined;
    return asked ? { kind: "move", call: asked } : ask;
  }
  // the words asked for an erase but never named its disk: my choice must lose nothing
  const verdict = judgeUnnamedErase(call, conv, facts);
  if (verdict.kind !== "keep") return verdict;
  const lost = unnamedLoss(call.args.disk, conv, facts);
  if (lost)
    return `Installing onto the whole of ${name} erases ${lost} too (it holds ${content}). I haven't planned it. To lose all of it, say "erase ${short}"; to keep it, say "use the free space" or choose another disk.`;
  return undefined;
}

/** The decision with every destructive call the words did not ask for taken out, and asked about. */
export function gateDestructive(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if ("reply" in decision) return gateOffer(decision, conv, facts);
  if (!("calls" in decision)) return decision;
  // "also reformat the seagate" while the install is planned elsewhere: a second disk, never a move
  const second = secondDiskRequest(decision, conv);
  if (second) return second;
  const mocking = saysMockingly(conv.user);
  const offered = conv.offer?.calls ?? [];
  const taking = yesNo(conv.user) === true;
  const stops: Stop[] = [];
  const calls = [...(decision.calls as PlanCall[])];
  for (const [i, call] of calls.entries()) {
    if (call.tool !== "removeRecipe" && !erasesWholeDisk(call)) continue;
    // "yes" to my offer of exactly this: my question named it
    if (!mocking && taking && offered.some((o) => sameTarget(o as PlanCall, call))) continue;
    // a change to an erase already planned (its filesystem, its layout)
    if (erasesWholeDisk(call) && conv.pending.some((p) => sameTarget(p, call))) continue;
    const stop = stopOf(call, conv, facts, mocking);
    if (typeof stop === "string") stops.push({ call, ask: stop });
    else if (stop?.kind === "move") calls[i] = stop.call;
    else if (stop?.kind === "ask") stops.push({ call, ask: stop.ask, offer: stop.offer });
  }
  if (!stops.length) return calls.some((c, i) => c !== decision.calls[i]) ? { calls } : decision;
  const rest = calls.filter((c) => !stops.some((s) => s.call === c));
  const asks = [...new Set(stops.map((s) => s.ask))].join(" ");
  const offers = stops.flatMap((s) => (s.offer ? [s.offer] : []));
  if (offers.length)
    return {
      reply: rest.length
        ? `${asks} It also does the rest (${rest.length} change${rest.length > 1 ? "s" : ""}).`
        : asks,
      offer: { calls: [...offers, ...rest].slice(0, MAX_CALLS) },
    };
  if (!rest.length) return { reply: asks };
  return {
    reply: `${asks} Shall I do the rest (${rest.length} change${rest.length > 1 ? "s" : ""})?`,
    offer: { calls: rest.slice(0, MAX_CALLS) },
  };
}

/**
 * An offer never holds the removal of a program the words keep: "i dont need delta anymore, or
 * bat. fd i still use" offered "remove bat, remove fd" (tester 11 D2), and a "yes" would have
 * taken fd. The kept program leaves the offer and the reply says so.
 */
function gateOffer(
  decision: Extract<Decision, { reply: string }>,
  conv: ConversationView,
  facts: Facts,
): Decision {
  const calls = (decision.offer?.calls ?? []) as PlanCall[];
  // "actually no keep windows" answered "Shall I erase it anyway?": an offer never holds the erase
  // of a disk this turn's words keep, whatever read them (tester 13 D3: the yes erased Windows);
  // refused, not merely asked or conditioned ("the samsung one, if that works" is still asked)
  const guarded = calls.filter((c) => erasesWholeDisk(c) && eraseRefused(conv.user, c.args.disk, facts));
  if (guarded.length) {
    const rest = calls.filter((c) => !guarded.includes(c));
    const disks = guarded.map((c) => (c.tool === "partitionDisk" ? c.args.disk : "")).join(", ");
    const note = `You said to keep ${disks}, so I haven't planned or offered erasing it.`;
    if (!rest.length) return { reply: `${note}${conv.pending.length ? " The plan is as it was." : ""}` };
    return gateOffer(
      {
        ...decision,
        reply: `${note} ${decision.reply}`,
        offer: { ...decision.offer, calls: rest },
      } as Extract<Decision, { reply: string }>,
      conv,
      facts,
    );
  }
  // "sdb has my backups so use sdc" answered "sdb holds ...: shall I erase it anyway?": the disk
  // offered is only talked about, and the words ask for one other disk, which loses nothing
  // (tester 13 D6); the install goes there, as askedInstead moves a call
  const only = calls.length === 1 ? calls[0]! : undefined;
  if (only && erasesWholeDisk(only) && eraseSaid(conv.user, only.args.disk, facts) === "named") {
    const moved = askedInstead(only, conv, facts);
    if (moved) return { calls: [moved] };
  }
  const kept = calls.filter(
    (c) => c.tool === "removeRecipe" && removalSaid(conv.user, c.args.name) === "blocked",
  );
  if (!kept.length) return decision;
  const rest = calls.filter((c) => !kept.includes(c));
  const names = kept.map((c) => (c.tool === "removeRecipe" ? c.args.name : "")).join(", ");
  const it = kept.length > 1 ? "them" : "it";
  // "remove vim if you want" is blocked as a condition, not as a program kept in use: the reply
  // says only what was said (attacker 28 M3: "you said you keep using it" was invented). A reply
  // whose every offered removal was left out asks nothing a "yes" could answer, so it is no
  // question: it says how to ask for the removal plainly.
  const keepsUsing =
    /\b(?:i|we|i'm|im|i've|ive)\b[^.,;!?]*\b(?:use|using|used|need|needs|like|love|want|rely)\b/i.test(
      conv.user,
    );
  if (!rest.length && !keepsUsing) {
    const first = decision.reply.match(/^[^.?!]*[.!]/)?.[0] ?? "";
    return {
      reply: `${first ? `${first} ` : ""}${names} stay${kept.length > 1 ? "" : "s"}. To remove ${it}, say "remove ${names}".`,
    };
  }
  const why = keepsUsing ? `you said you keep using ${it}` : `you asked no plain removal of ${it}`;
  const note = ` (${names} stay${kept.length > 1 ? "" : "s"}: ${why}; I left ${it} out of what "yes" does.)`;
  if (!rest.length) return { reply: `${decision.reply.replace(/\s*"yes".*$/, "")}${note}` };
  return {
    ...decision,
    reply: `${decision.reply}${note}`,
    offer: { ...decision.offer, calls: rest },
  } as Decision;
}
