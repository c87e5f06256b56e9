import type { Disk, Facts } from "../../facts/schema.js";
import { clauses } from "../rules/clauses.js";
import { type DiskContext, describeDisk, exclusionAt, resolveDisk } from "../rules/disks.js";
import { inEnglish } from "../rules/otherLanguages.js";
import { findSizes, sizeBytes, type Token, tokenize } from "../rules/text.js";
import type { ConversationView, PlanCall } from "../types.js";
import { contentWords, eraseDescribed, eraseRefused, eraseSaid, type Said } from "./directRequest.js";
import { contentOf, describeContent } from "./diskContent.js";
import { eraseAim } from "./eraseAim.js";
import { DESTROY_VERBS } from "./lexicon.js";
import { LOSS_WORDS } from "./lossWords.js";
import { MIN_FREE_BYTES } from "./screen.js";

/**
 * A whole-disk erase whose disk the turn never names (destructiveGate.ts calls this once the
 * words that do name disks have been read). A person names a disk by its device name, its model
 * or brand, a label or the system on it, its size, its place in the list, or a kind of disk only
 * it is ("the nvme" with one NVMe); anything else (a comparison, a condition, "you pick", no words
 * at all) leaves the choice to me, and my choice must lose nothing:
 * - an empty disk that is the only one the install can use, or the one disk a comparison or
 *   condition settles on, is planned;
 * - otherwise (the disk holds data, several disks could be meant, the words count disks that are
 *   not there) nothing is planned: the reply names the disk I would pick, why, and what it holds,
 *   and offers exactly that erase, so a "yes" takes what the reply said.
 * A condition the facts settle ("if the nvme is bigger use it, otherwise sda") is evaluated here;
 * when it picks another empty disk than the reader did, the erase moves there.
 */

export type Verdict =
  | { kind: "keep" }
  | { kind: "move"; call: PlanCall }
  | { kind: "ask"; ask: string; offer?: PlanCall };

/** A fallback after a condition: "..., otherwise sda", "else vda", "if not, the samsung". */
const FALLBACK = /\b(?:otherwise|else|if not|failing that|or if not)\b/i;
const CONDITION = /\b(?:if|when|provided|assuming|as long as|only if)\b/i;
const BIGGER = /\b(?:bigger|larger|biggest|largest|more space|more room|roomier)\b/i;
const SMALLER = /\b(?:smaller|smallest|less space)\b/i;
const EMPTY = /\b(?:empty|blank|unused|clean|has nothing|nothing on it)\b/i;
const NOT_EMPTY = /\b(?:not empty|isn'?t empty|has (?:data|stuff|files)|in use|full)\b/i;
const AT_LEAST = /\b(?:at least|more than|over|above|bigger than|larger than|>=?)\b/i;
/** Words that choose among several disks by comparing or counting them. */
const CHOOSING =
  /\b(?:big|large|small|first|second|third|last|other|either|whichever|bigger|larger|biggest|largest|smaller|smallest|faster|fastest|slower|newer|older|better|best|of the (?:two|three)|both)\b/i;

/** Words that refuse every erase: "wipe nothing", "don't erase anything", "nothing gets formatted". */
const REFUSES_EVERY =
  /\b(?:(?:wipe|erase|format|nuke|delete|touch)\s+nothing|(?:don'?t|do not|never|not)\s+(?:\w+\s+){0,2}?(?:wipe|erase|format|nuke|delete|touch)\s+any(?:thing|\s+(?:disks?|drives?))?(?!\s+else)|nothing\s+(?:gets|is|should be|must be|will be)\s+(?:wiped|erased|formatted|deleted))\b/i;

/** A destroying verb on the disk as a whole: "erase the whole drive", "wipe the disk", "nuke everything". */
const WHOLE_ERASE =
  /\b(?:erase|wipe|format|reformat|nuke|clear)\b(?:\s+\w+)?\s+(?:the\s+)?(?:(?:whole|entire)\s+)?(?:drive|disk|ssd|hdd|thing|everything|it all)\b/;

/** The disk as a whole: "the whole disk", "the entire drive", "all of it". */
const WHOLE = /\b(?:whole|entire)\s+(?:disk|drive|ssd|hdd|thing)\b|\ball of it\b/i;

/** The disk an ordinal counts to among every disk, the live medium counted ("first one"). */
function countedTo(text: string, facts: Facts): string | undefined {
  if (!/\b(?:first|second|third|1st|2nd|3rd|last|top|bottom)\b/i.test(text)) return undefined;
  const seen = facts.disks.map((x) => ({ ...x, liveMedium: false }));
  const r = resolveDisk(tokenize(text), seen, { mentioned: [], offered: [], order: seen });
  return r.kind === "one" ? r.disk.path : undefined;
}

function isEmpty(d: Disk): boolean {
  return contentOf(d).length === 0;
}

/** Disks the install may take: never the live medium, never one too small to hold a system. */
function candidates(facts: Facts): Disk[] {
  return facts.disks.filter((d) => !d.liveMedium && d.sizeBytes >= MIN_FREE_BYTES);
}

/** The disk a piece of words describes by itself, or undefined when not exactly one. */
function describes(words: string, facts: Facts): Disk | undefined {
  const r = resolveDisk(tokenize(words), facts.disks, { mentioned: [], offered: [] });
  if (r.kind === "one") return r.disk;
  if (r.kind !== "absent") return undefined;
  // what it holds or a short model name ("the T7"), when only one disk has it
  const ws = words.toLowerCase().split(/[^a-z0-9]+/);
  const by = facts.disks.filter((d) => ws.some((w) => contentWords(d).has(w)));
  return by.length === 1 ? by[0] : undefined;
}

/**
 * Words that name the disk as only it can be named: its device name, model, label or system
 * (eraseSaid), or a word only it fits among all the disks, live medium counted (eraseDescribed:
 * "the crucial", "the nvme"; "the usb stick" beside a USB live stick names neither).
 */
function named(text: string, d: Disk, facts: Facts, conv?: ConversationView): boolean {
  const opened = (s: Said) => s === "request" || s === "named";
  // a description fits the disk alone once the disks the person keeps are set aside: "leave the
  // backup drive alone and install on the 1tb" with two 1 TB disks
  const without = conv ? setAside(text, d, conv, facts) : [];
  const described = opened(eraseDescribed(text, d.path, facts, isEmpty(d), without));
  // a model word two disks share ("the kingston" beside a Kingston live stick) says both, so it
  // names the disk only where a description fits it alone
  const said = new Set(text.toLowerCase().split(/[^a-z0-9]+/));
  const words = (x: Disk) =>
    x.model
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3 && said.has(w));
  const mine = words(d);
  const shared = facts.disks.some(
    (x) => x.path !== d.path && !without.includes(x.path) && words(x).some((w) => mine.includes(w)),
  );
  const open = (opened(eraseSaid(text, d.path, facts, isEmpty(d))) && !shared) || described;
  return (open || excludedToOne(text, d, facts)) && !saidOnlyAsFallback(text, d, facts);
}

/** The words that open "any disk but …", "anything except …", "whatever drive other than …". */
const ANY = new Set(["any", "anything", "anywhere", "whatever", "every", "everything"]);

/**
 * An exclusion that leaves one disk names it: "put it on any disk but the wd" where the WD and
 * the live stick are the only others (conv-classes: the empty Samsung had been offered, not planned).
 * The exclusion is read by the disk reader's own grammar (rules/disks.ts exclusionAt).
 */
function excludedToOne(text: string, d: Disk, facts: Facts): boolean {
  const tokens = tokenize(text);
  const ex = exclusionAt(tokens);
  if (!ex || !tokens.slice(0, ex.from).some((t) => ANY.has(t.norm))) return false;
  const r = resolveDisk(tokens.slice(ex.to), facts.disks, { mentioned: [], offered: [] });
  const out = r.kind === "one" ? [r.disk.path] : r.kind === "many" ? r.disks.map((x) => x.path) : [];
  if (out.length === 0 || out.includes(d.path)) return false;
  return candidates(facts).every((x) => x.path === d.path || out.includes(x.path));
}

/** The disks the conversation keeps or this turn refuses, other than `d`. */
function setAside(text: string, d: Disk, conv: ConversationView, facts: Facts): string[] {
  const kept = new Set(
    (conv.protections ?? []).flatMap((p) => (p.kind === "disk" || p.kind === "partitions" ? [p.disk] : [])),
  );
  return facts.disks
    .filter((x) => x.path !== d.path && (kept.has(x.path) || eraseRefused(text, x.path, facts)))
    .map((x) => x.path);
}

/**
 * The words say the disk only where they keep or refuse it ("I no want make you touch the nvme o");
 * a question about it ("it has a 256 gig ssd i think?") refuses nothing.
 */
function refused(text: string, d: Disk, facts: Facts): boolean {
  return eraseRefused(text, d.path, facts) && eraseSaid(text, d.path, facts) !== "request";
}

/**
 * A clause that picks the disk by comparing or counting ("install on whichever ssd is bigger",
 * "erase the smaller"): the facts settle it when that clause alone resolves to this disk.
 */
function settledBy(text: string, d: Disk, facts: Facts, ctx: DiskContext): boolean {
  // "the sata one" after my question listed the two SSDs: counted among the disks I listed
  const listed = facts.disks.filter((x) => ctx.offered.includes(x.path));
  const seen = facts.disks.map((x) => ({ ...x, liveMedium: false }));
  return (
    clauses(text).some((c) => {
      if (c.question) return false;
      const tokens = tokenize(c.said);
      // "format the kingston" beside a Kingston live stick: people format sticks, so a destroying
      // verb on words the stick shows too (its brand, "usb", "stick") may mean the stick; as an
      // answer ("the kingston") it places the install, and only the internal one can take it
      if (c.w.some((x) => DESTROY_VERBS.has(x)) && showsLive(c.w, facts)) {
        const all = resolveDisk(tokens, seen, { mentioned: [], offered: [] });
        if (
          all.kind === "many" &&
          all.disks.some((x) => facts.disks.find((y) => y.path === x.path)?.liveMedium)
        )
          return false;
      }
      const among = listed.length > 1 ? resolveDisk(tokens, listed, { ...ctx, offered: [] }) : undefined;
      if (among?.kind === "one") return among.disk.path === d.path;
      const r = resolveDisk(tokens, facts.disks, ctx);
      return r.kind === "one" && r.disk.path === d.path;
    }) || settledWithExclusion(text, d, facts, ctx)
  );
}

/**
 * "put it on the big one. not the one with the movies obviously": a comparison in one sentence and
 * the disk it must not be in the next, read together, land on this disk (called only for an empty
 * disk, so the pick loses nothing).
 */
function settledWithExclusion(text: string, d: Disk, facts: Facts, ctx: DiskContext): boolean {
  const r = resolveDisk(tokenize(text), facts.disks, ctx);
  return r.kind === "one" && r.disk.path === d.path && /(?:^|, )not /.test(r.by);
}

/** What a size sizes when it is no disk: "200 gigs root", "root of 200G", "a 16G swap". */
const LAYOUT = /^(?:root|\/|home|\/home|swap|boot|\/boot|efi|esp|partition|partitions|var|\/var)$/;

/** The words with the sizes that size a partition taken out: those never name a disk. */
function withoutLayoutSizes(tokens: readonly Token[]): Token[] {
  const drop = new Set<number>();
  for (const z of findSizes(tokens)) {
    const near = [tokens[z.to], tokens[z.from - 1], tokens[z.from - 2]].map((t) => t?.norm ?? "");
    if (near.some((w) => LAYOUT.test(w))) for (let i = z.from; i < z.to; i++) drop.add(i);
  }
  return tokens.filter((_, i) => !drop.has(i));
}

/**
 * The words point at no disk but `d`: they describe none ("ok 200 gigs root then", "install on
 * it"), or every disk they describe is one they keep ("install on it, windows stays on the nvme").
 */
function pointsAtNoOther(text: string, d: Disk, facts: Facts): boolean {
  const r = resolveDisk(withoutLayoutSizes(tokenize(text)), facts.disks, { mentioned: [], offered: [] });
  if (r.kind === "absent") return true;
  // (a description that fits `d` was read by named(); here it would be the reader's own reading)
  const others = r.kind === "one" ? [r.disk] : r.kind === "many" ? r.disks : [];
  return others.length > 0 && others.every((x) => x.path !== d.path && eraseRefused(text, x.path, facts));
}

/** Words a person sees on the live medium: its brand and model words, and what kind of thing it is. */
function showsLive(words: readonly string[], facts: Facts): boolean {
  const seen = new Set(["usb", "stick", "thumb", "flash", "removable", "external", "pendrive"]);
  for (const d of facts.disks.filter((x) => x.liveMedium))
    for (const w of d.model.toLowerCase().split(/[^a-z0-9]+/)) if (w.length >= 3) seen.add(w);
  return words.some((w) => seen.has(w));
}

const DEVICE = /\/dev\/[A-Za-z0-9/_.-]*[A-Za-z0-9]/g;

/**
 * What the conversation had said of disks before this turn, the way the readers count it: the
 * disks my last reply listed ("the other one", "the small one" among them) and those mentioned.
 */
function contextOf(conv: ConversationView, facts: Facts): DiskContext {
  const last = conv.turns.at(-1);
  const offered =
    last && "reply" in last.decision
      ? [...new Set([...last.decision.reply.matchAll(DEVICE)].map((m) => m[0]))].filter((p) =>
          facts.disks.some((d) => d.path === p),
        )
      : [];
  const mentioned = [
    ...conv.entities.filter((e) => e.kind === "disk").map((e) => e.value),
    ...conv.pending.flatMap((c) => (c.tool === "partitionDisk" ? [c.args.disk] : [])),
    ...(offered.length === 1 ? offered : []),
  ];
  return { mentioned, offered };
}

/**
 * The disk was named before this turn: my last reply spoke of it alone, the previous turn named
 * it, or the plan already installs on it (into its free space: "nope, wipe it all").
 */
function namedBefore(d: Disk, conv: ConversationView, facts: Facts): boolean {
  if (conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === d.path)) return true;
  const last = conv.turns.at(-1);
  if (!last) return false;
  const ctx = contextOf(conv, facts);
  if (ctx.offered.length === 1 && ctx.offered[0] === d.path) return true;
  return named(last.user, d, facts);
}

/** The disks the install may still take once what the person keeps is set aside. */
function notKept(conv: ConversationView, facts: Facts): Disk[] {
  const kept = new Set(
    (conv.protections ?? []).flatMap((p) => (p.kind === "disk" || p.kind === "partitions" ? [p.disk] : [])),
  );
  return candidates(facts).filter((d) => !kept.has(d.path));
}

/** "if the nvme is bigger use it, otherwise sda": sda is said only as what the condition falls back to. */
function saidOnlyAsFallback(text: string, d: Disk, facts: Facts): boolean {
  const m = FALLBACK.exec(text);
  if (!m || !CONDITION.test(text.slice(0, m.index))) return false;
  const head = text.slice(0, m.index);
  return eraseSaid(head, d.path, facts, isEmpty(d)) === "unsaid";
}

/**
 * The disk a condition the facts settle picks: "if vdb has at least 80 gigs use that, else vda",
 * "if the nvme is bigger use it, otherwise sda", "wipe the T7 if it's empty". Undefined when the
 * words hold no such condition or the facts do not settle it; null when it picks no disk.
 */
export function conditionPick(text: string, facts: Facts): Disk | null | undefined {
  const cond = /\b(?:if|when|only if|provided)\b/i.exec(text);
  if (!cond) return undefined;
  const fb = FALLBACK.exec(text);
  const head = fb && fb.index > cond.index ? text.slice(0, fb.index) : text;
  const fallback = fb && fb.index > cond.index ? text.slice(fb.index + fb[0].length) : "";
  // the condition is the clause after "if", up to its comma; the disk it is about may stand
  // before the "if" ("wipe the T7 if it's empty") or inside it ("if the nvme is bigger")
  const inside = head.slice(cond.index + cond[0].length).split(/,|\bthen\b/)[0] ?? "";
  // what the condition says of the disk is no part of its name ("has at least 1.5 tb")
  const said = [NOT_EMPTY, EMPTY, AT_LEAST, BIGGER, SMALLER]
    .map((re) => re.exec(inside)?.index)
    .filter((i): i is number => i !== undefined);
  const named = said.length ? inside.slice(0, Math.min(...said)) : inside;
  const subject = describes(named, facts) ?? describes(head.slice(0, cond.index), facts);
  if (!subject) return undefined;
  const pool = candidates(facts);
  let holds: boolean | undefined;
  if (NOT_EMPTY.test(inside)) holds = !isEmpty(subject);
  else if (EMPTY.test(inside)) holds = isEmpty(subject);
  else if (AT_LEAST.test(inside)) {
    const size = findSizes(tokenize(inside))[0];
    if (!size) return undefined;
    const ways = [sizeBytes(size, "decimal"), sizeBytes(size, "binary")].map((b) => subject.sizeBytes >= b);
    if (ways[0] !== ways[1]) return undefined;
    holds = ways[0];
  } else if (BIGGER.test(inside) || SMALLER.test(inside)) {
    const others = pool.filter((x) => x.path !== subject.path);
    if (!others.length || others.some((x) => x.sizeBytes === subject.sizeBytes)) return undefined;
    const big = others.every((x) => subject.sizeBytes > x.sizeBytes);
    holds = BIGGER.test(inside) ? big : others.every((x) => subject.sizeBytes < x.sizeBytes);
  } else return undefined;
  if (holds) return subject;
  if (!fallback.trim()) return null;
  return describes(fallback, facts) ?? undefined;
}

/** Why I would pick the disk, in words the facts back. */
function whyPick(d: Disk, pool: readonly Disk[]): string {
  if (pool.length === 1) return "it is the only disk I can install onto";
  const empty = pool.filter(isEmpty);
  if (isEmpty(d) && empty.length === 1) return "it is the only empty disk";
  if (isEmpty(d) && empty.every((x) => x === d || x.sizeBytes < d.sizeBytes))
    return "it is the largest of the empty disks";
  if (isEmpty(d)) return "it is empty";
  return "it is the disk the words point at";
}

/** The safest disk to offer when the words chose none: empty, never the live medium, the largest. */
function safest(d: Disk, facts: Facts): Disk | undefined {
  if (isEmpty(d) && !d.liveMedium) return d;
  const pool = candidates(facts);
  const empty = pool.filter(isEmpty);
  // one disk in all: offered with what it holds said, so the "yes" knows what it erases
  if (!empty.length && pool.length === 1 && pool[0] === d) return d;
  return empty.sort((a, b) => b.sizeBytes - a.sizeBytes)[0];
}

function offerOf(call: PlanCall, d: Disk, facts: Facts, lead: string): Verdict {
  const pick = safest(d, facts);
  const pool = candidates(facts);
  if (!pick) {
    const list = pool.map(
      (x) => `${describeDisk(x)}${isEmpty(x) ? ", empty" : `, holds ${describeContent(x)}`}`,
    );
    return {
      kind: "ask",
      ask: `${lead} Every disk I could install onto holds data: ${list.join("; ")}. I haven't planned an erase; name the disk to erase ("erase ${d.path.replace(/^\/dev\//, "")}") or say "use the free space".`,
    };
  }
  const held = describeContent(pick);
  const ask = `${lead} I would install onto ${describeDisk(pick)}: ${whyPick(pick, pool)}${held ? `; it holds ${held}, erased for good` : ", nothing on it is lost"}. "yes" erases ${pick.path} and installs there; or name another disk.`;
  return {
    kind: "ask",
    ask,
    offer: { ...call, args: { ...call.args, disk: pick.path } } as PlanCall,
  };
}

/** What the gate does with a whole-disk erase of `call.args.disk` that no earlier gate stopped. */
export function judgeUnnamedErase(call: PlanCall, conv: ConversationView, facts: Facts): Verdict {
  if (call.tool !== "partitionDisk") return { kind: "keep" };
  const d = facts.disks.find((x) => x.path === call.args.disk);
  if (!d) return { kind: "keep" };
  const text = conv.user;
  const pool = candidates(facts);
  const picked = conditionPick(text, facts);
  if (picked === null) {
    const subject = pool.find((x) => !isEmpty(x) && eraseDescribed(text, x.path, facts) !== "unsaid");
    const lead = subject
      ? `${describeDisk(subject)} is not empty: it holds ${describeContent(subject)}.`
      : "Your condition picks no disk here.";
    return offerOf(call, d, facts, lead);
  }
  if (picked) {
    if (picked.path !== d.path) {
      if (isEmpty(picked) && !picked.liveMedium)
        return { kind: "move", call: { ...call, args: { ...call.args, disk: picked.path } } as PlanCall };
      return offerOf(call, picked, facts, `Your condition picks ${picked.path}.`);
    }
    if (isEmpty(d)) return { kind: "keep" };
    return offerOf(call, d, facts, `Your condition picks ${d.path}.`);
  }
  if (refused(text, d, facts))
    return {
      kind: "ask",
      ask: `You said not to touch ${describeDisk(d)}; I haven't planned erasing it. To erase it, say "erase ${d.path.replace(/^\/dev\//, "")}".`,
    };
  if (named(text, d, facts, conv)) return { kind: "keep" };
  // "wipe nothing. sda stays": every erase refused, and this disk never named as the exception
  if (REFUSES_EVERY.test(text.replace(/[’]/g, "'")))
    return offerOf(call, d, facts, "You said to wipe nothing.");
  // no disk described now: the disk the conversation is about (the pending install's, the one my
  // last reply spoke of, the one the previous turn named) was named then
  if (pointsAtNoOther(text, d, facts) && !CHOOSING.test(text)) {
    if (pool.length > 1 && eraseAim(d.path, conv, facts) === "aimed") return { kind: "keep" };
    if (namedBefore(d, conv, facts)) return { kind: "keep" };
  }
  // "erase the whole drive, i have a backup": with one disk to install onto, "the drive" is that
  // disk, and a destroying verb on it chooses the loss
  if (
    pool.length === 1 &&
    pool[0] === d &&
    clauses(text).some((c) => !c.question && !c.conditional && WHOLE_ERASE.test(c.said))
  )
    return { kind: "keep" };
  // "just use the whole disk, I don't care": the one disk, taken whole, its loss chosen in words
  if (pool.length === 1 && pool[0] === d && WHOLE.test(text) && LOSS_WORDS.test(text.replace(/[’]/g, "'")))
    return { kind: "keep" };
  // "first one. xfs." under a pasted listing: the words count the live medium too, as a person
  // looking at the listing does; where the count lands on the one disk I can use, it is named
  if (pool.length === 1 && pool[0] === d && countedTo(text, facts) === d.path) return { kind: "keep" };
  const left = notKept(conv, facts);
  // "leave windows alone, the other one is junk, wipe it": the one disk the keeps leave, pointed at
  if (left.length === 1 && left[0]!.path === d.path && pool.length > 1 && /\b(?:other|another)\b/i.test(text))
    return { kind: "keep" };
  if (isEmpty(d)) {
    // the only disk the install can use, or the only one the person's keeps leave ("windows 7
    // stays. put it on the other drive"); words that count disks ("the second of the two") on a
    // machine with one usable disk count the live medium, and are asked about
    if (left.length === 1 && left[0]!.path === d.path && !(pool.length === 1 && CHOOSING.test(text)))
      return { kind: "keep" };
    // a comparison the facts settle on this empty disk, or an answer among the disks I listed
    // (said in another language, "no SSD pequeno": read in English too, as the rules read it;
    // the disk is empty, so this reading loses nothing either way)
    if (
      pool.length > 1 &&
      [text, inEnglish(text)].some((t) => settledBy(t, d, facts, contextOf(conv, facts)))
    )
      return { kind: "keep" };
  }
  const lead = isEmpty(d)
    ? pool.length > 1
      ? "You didn't name a disk, and more than one could be meant."
      : `The only disk I can install onto is ${d.path}; ${
          facts.disks
            .filter((x) => x.liveMedium)
            .map((x) => x.path)
            .join(", ") || "the other"
        } is the live medium I run from.`
    : `You didn't name the disk, and ${d.path} holds ${describeContent(d)}.`;
  return offerOf(call, d, facts, lead);
}
