import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { readGoStop } from "../goStop.js";
import { describeDisk, resolveDisk } from "../rules/disks.js";
import { tokenize } from "../rules/text.js";
import type { ConversationView, PlanCall } from "../types.js";
import { yesNo } from "../yesno.js";
import { endsWithClearYes } from "./confirmGate.js";
import { openQuestion } from "./openQuestion.js";

/**
 * A disk install that is already the plan, arg for arg, changes nothing: "put ripgrep on it" read
 * as the install onto "it", "thank you, also please do not make a swap" with no swap planned, "use
 * that one" about the disk already chosen. It is never added again (and never reported as
 * "Changed:"): the call leaves the decision, and a decision left with nothing says the install is
 * already planned. Words that describe the planned disk themselves ("just pick the biggest one",
 * "the nvme, yes that one") restate the choice, and the call stays. Every backend's decision passes
 * here (agent/turn.ts).
 */

type Install = Extract<PlanCall, { tool: "partitionDisk" }>;

function canonical(c: Install): string {
  const a = c.args as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(a)
      // encrypt:false and separateHome:false are what leaving them out means
      .filter((k) => a[k] !== undefined && a[k] !== false)
      .sort()
      .map((k) => [k, a[k]]),
  );
}

export function screenUnchanged(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return decision;
  const planned = conv.pending.find((c): c is Install => c.tool === "partitionDisk");
  if (!planned) return decision;
  const same = (c: PlanCall) => c.tool === "partitionDisk" && canonical(c) === canonical(planned);
  if (!decision.calls.some(same)) return decision;
  const described = resolveDisk(tokenize(conv.user), facts.disks, { mentioned: [], offered: [] });
  if (described.kind === "one" && described.disk.path === planned.args.disk) {
    // "Just the empty nvme. Good. Hit it.": the disk said again, then a go to the plan. The same
    // install added twice is no answer; the go is (it had been scored as a fresh erase).
    const answer = decision.calls.every(same) ? restatedThenGo(conv, facts, planned.args.disk) : undefined;
    if (answer === true || (answer === undefined && decision.calls.every(same) && yesThenRestated(conv)))
      return { confirm: true };
    // "Fine, just the 970 then. Cut it." (dev h22-027#3): the disk said again beside a word that
    // reads as a stop ("Cut!") is neither a new install nor a go: the plan is said back and asked
    if (answer === false) return alreadyPlanned(planned, facts);
    return decision;
  }
  const rest = decision.calls.filter((c) => !same(c));
  if (rest.length) return { calls: rest };
  // "fine, keep it encrypted. start": the plan said back as it is, then a clear go in a clause of
  // its own. The restatement changes nothing, so the go is to the plan the person just saw
  // described; a soft ending ("…, ok") is no such go, and a hedged one is held (unsureYes.ts).
  if (restatedThenGoVerb(conv.user) || yesThenRestated(conv)) return { confirm: true };
  return otherIsKept(planned, conv, facts) ?? alreadyPlanned(planned, facts);
}

/** A last clause that is a go verb and nothing else ("start", "go ahead", "ok do it now"). */
const GO_CLAUSE =
  /^\s*(?:(?:ok(?:ay)?|yes|yeah|then|now|so|and|just)\s+)*(?:start|go|go ahead|proceed|do it|run it|confirm|continue|begin|let'?s go|install it|apply it)(?:\s+(?:now|then|please|pls))*\s*$/i;

/** Words that add to the plan ("the seagate too", "also", "another"): never a restatement. */
const ADDS = /\b(?:too|also|as well|another|more|plus|second|extra|besides)\b/i;

/**
 * "fine, keep it encrypted. start": the plan said back, then a go verb in a clause of its own; no
 * word adds, moves away or asks ("the Seagate too, wipe it, why not" is no restatement).
 */
function restatedThenGoVerb(text: string): boolean {
  if (text.includes("?") || ADDS.test(text) || OTHER.test(text) || !endsWithClearYes(text)) return false;
  const last = text
    .split(/[,;.!]+/)
    .map((c) => c.trim())
    .filter(Boolean)
    .at(-1);
  return last !== undefined && GO_CLAUSE.test(last);
}

/** Words that keep, refuse, wait or doubt: beside a restatement they change or hold the plan. */
const HOLDS =
  /\b(?:not|no|never|don'?t|dont|doesn'?t|won'?t|keep|keeping|kept|leave|leaving|stay|stays|spare|save|protect\w*|preserve|wait|hold|stop|cancel|but|instead|rather|except|only|just|unless|if|later|first)\b|n't\b/i;

/**
 * "yes, fedora can go", "yes, windows can go", "yep, wipe the whole samsung": a yes first, in a
 * clause of its own, and after it words that read as the very install the plan holds, arg for arg
 * (the caller found nothing else in them). The person says yes and says back what it does, as
 * "yes, erase /dev/nvme0n1" (restatedErase.ts) says it by the disk's name: that is the yes (it was
 * answered "That is already the plan"). Safe because nothing the words ask differs from the plan
 * they confirm, a yes opens the turn, and any word that asks, adds, moves to another disk, keeps,
 * refuses, waits or sets a condition leaves the turn as it was; a hedge is still held after this
 * (unsureYes.ts).
 */
function yesThenRestated(conv: ConversationView): boolean {
  // an open offer or question of mine is what a yes answers, never the plan
  if (conv.offer || openQuestion(conv) !== undefined) return false;
  const text = conv.user;
  if (/[?？]/.test(text) || ADDS.test(text) || OTHER.test(text)) return false;
  const clauses = text
    .split(/[,;.!:\n]+|\s[-–—]+\s/)
    .map((c) => c.trim())
    .filter(Boolean);
  if (clauses.length < 2 || yesNo(clauses[0]!) !== true) return false;
  return !HOLDS.test(clauses.slice(1).join(" ").replace(/[’]/g, "'"));
}

/** "other", "another", "different", "second", "switch": the words move away from a disk. */
const OTHER = /\b(?:other|another|different|second|switch|swap (?:to|them|disks))\b/i;

/**
 * "actually the other disk" when the only other disk is one the person asked me to keep (tester 24
 * W10): "That is already the plan" answered words that asked for a change. The other disk is named
 * with the keep it is under, and how to lift it; nothing is planned or offered (the keep stands
 * until words take it back, agent/safety/screen.ts).
 */
function otherIsKept(planned: Install, conv: ConversationView, facts: Facts): Decision | undefined {
  if (!OTHER.test(conv.user)) return undefined;
  const others = facts.disks.filter((d) => !d.liveMedium && d.path !== planned.args.disk);
  const other = others.length === 1 ? others[0] : undefined;
  if (!other) return undefined;
  const keep = (conv.protections ?? []).find((p) => p.kind === "disk" && p.disk === other.path);
  if (!keep) return undefined;
  const here = facts.disks.find((d) => d.path === planned.args.disk);
  return {
    reply: `The other disk is ${describeDisk(other)}, which you asked me to keep${keep.said.trim() ? ` ("${keep.said.trim().slice(0, 80)}")` : ""}; the plan installs onto ${here ? describeDisk(here) : planned.args.disk}. To erase ${other.path} instead, say "erase ${other.path}, I don't need what's on it"; or "yes" to go ahead as planned.`,
  };
}

function alreadyPlanned(planned: Install, facts: Facts): Decision {
  const d = facts.disks.find((x) => x.path === planned.args.disk);
  const where = d ? describeDisk(d) : planned.args.disk;
  const a = planned.args;
  const layout = [
    a.filesystem,
    a.swapSize ? `${a.swapSize} swap` : "no swap",
    a.encrypt ? "encrypted" : "",
    a.separateHome ? "separate /home" : "",
  ]
    .filter(Boolean)
    .join(", ");
  return {
    reply: `That is already the plan, nothing changed: ${a.use === "free" ? "install into the free space of" : "erase and install onto"} ${where} (${layout}). Say what to change (e.g. "use btrfs", "8G swap", "the other disk"), or "yes" to go ahead.`,
  };
}

/**
 * What the sentences that do not name the planned disk say to the plan: go (true), stop (false),
 * or nothing an answer reader knows (undefined, also when every sentence names a disk).
 */
function restatedThenGo(conv: ConversationView, facts: Facts, disk: string): boolean | undefined {
  const said = conv.user
    .split(/(?<=[.!;\n])\s*/)
    .filter((x) => x.trim())
    .map((x) => ({ x, d: resolveDisk(tokenize(x), facts.disks, { mentioned: [], offered: [] }) }));
  const rest = said.filter((s) => s.d.kind === "absent" || s.d.kind === "none").map((s) => s.x);
  if (!rest.length || rest.length === said.length) return undefined;
  if (said.some((s) => s.d.kind === "one" && s.d.disk.path !== disk)) return undefined;
  return readGoStop({ ...conv, user: rest.join(" ") }, facts);
}
