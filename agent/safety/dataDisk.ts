import type { Disk, Facts } from "../../facts/schema.js";
import { describeBytes } from "../../steps/size.js";
import type { Decision } from "../../tools/decision.js";
import { describeDisk, resolveDisk } from "../rules/disks.js";
import { tokenize } from "../rules/text.js";
import type { ConversationView, PlanCall } from "../types.js";
import { blindErase } from "./blindErase.js";
import { contentOf, describeContent } from "./diskContent.js";
import { eraseAim } from "./eraseAim.js";
import { eraseForm } from "./evidence.js";
import { consentedDisks } from "./informedConsent.js";
import { keepWithdrawn } from "./keepWithdrawn.js";
import { NEGATORS, RELEASE_PHRASES } from "./lexicon.js";
import { refusalAboutOthers } from "./refusalObject.js";
import { refusesErasing } from "./refusesErasing.js";
import { MIN_FREE_BYTES } from "./screen.js";
import { systemWord } from "./systemDisks.js";
import { erasesWholeDisk } from "./wholeErase.js";

export { describeContent };

/**
 * An erase of a disk that holds something (a filesystem with data, another system) needs words that
 * choose the erase: an erase or whole-disk word ("wipe", "format", "the whole disk", "from
 * scratch", "over fedora") or a word that lets what is on it go ("the games can go", "i don't need
 * it", "i have a backup"). A device name ("use sda", "install on /dev/nvme0n1") names the disk
 * and chooses no erase, as a model name does not (tester 6 DANGEROUS 5), unless the same turn
 * keeps something that is not on that disk ("install on sda and keep windows"). A description that
 * happens to fit ("the drive with my photos", "the external drive", "the 500gb one", "it") is no
 * consent to lose what is on it: the decision becomes a question that names what would be lost,
 * offering the install into the free space when there is room, else the erase itself, so only an
 * explicit "yes" to that question takes it. Every backend's decision passes here (agent/turn.ts).
 *
 * An erase already in the plan (a change of filesystem or layout on it) asks nothing again, and a
 * short answer to my own question is read with the request that raised it ("wipe everything" …
 * "no no I mean the games drive").
 */

type Erase = Extract<PlanCall, { tool: "partitionDisk" }>;

/** Erase and whole-disk words: the person chose to lose what is on the disk. */
const ERASE_WORDS =
  /\b(?:erase[sd]?|erasing|wipe[sd]?|wiping|format(?:ted|ting)?|reformat(?:ted)?|nuke[sd]?|overwrite|overwriting|replace|replacing|whole|entire|entirely|completely|all of it|from scratch|start over|fresh|clean install|clean slate|over (?:it|that|the|windows|ubuntu|fedora|debian|arch|mint|manjaro|linux|my|\w+ linux)|get rid of|trash|scrap|delete|destroy|kill)\b/;
/** Words that let the data go, beyond the shared release phrases. */
const LET_GO =
  /\b(?:backed (?:it )?up|have a backup|got a backup|backup of (?:it|everything)|dont care|don't care|do not care|dont need|don't need|do not need|no longer need|useless|junk|garbage|empty anyway|nothing (?:important|on it|i need)|not important|is old|old stuff|doesnt matter|doesn't matter|does not matter)\b/;
const NEGATED = /\b(?:dont|don't|do not|never|not|no|without|wont|won't)\s+(?:\w+\s+){0,2}$/;

/** The words choose the erase outright (not under a negation: "don't wipe my photos"). */
export function choosesErase(text: string): boolean {
  const t = text.toLowerCase().replace(/[’]/g, "'");
  const erase = new RegExp(ERASE_WORDS.source, "g");
  for (let m = erase.exec(t); m; m = erase.exec(t)) {
    // "erase nothing", "wipe none of it": the verb's object is nothing, so nothing is chosen
    if (
      !NEGATED.test(t.slice(0, m.index)) &&
      !/^\s+(?:nothing|none|naught|nada|neither)\b(?!\s+(?:but|except|other|besides|apart|save|else))/.test(
        t.slice(m.index + m[0].length),
      )
    )
      return true;
  }
  if (LET_GO.test(t)) return true;
  // "install levitate instead of debian", "switching from ubuntu", "moving off debian", "done with
  // windows": the system goes
  const from =
    /\b(?:instead of|switching from|switch from|(?:moving|move|migrating|migrate)\s+(?:from|off|away from)|getting off|done with|ditch|ditching)\s+(?:my\s+|the\s+)?([a-z0-9]+)/g;
  for (let m = from.exec(t); m; m = from.exec(t)) if (systemWord(m[1]!)) return true;
  return RELEASE_PHRASES.some((p) => t.includes(p) && !["anyway", "anyways", "after all"].includes(p));
}

/** The words name the disk by its device name ("sda", "/dev/nvme0n1"), not by a partition's. */
function namesDevice(text: string, disk: string): boolean {
  const short = disk.replace(/^\/dev\//, "");
  return new RegExp(`(?:^|[^a-z0-9/])(?:/dev/)?${short}(?![a-z0-9])`, "i").test(text);
}

const KEEP_WORDS = /\b(?:keep|keeping|stay|stays|survive|survives|untouched|leave|dont touch|don't touch)\b/;

/** The words keep something, and name nothing that is on this disk (its labels, its systems). */
function keepsOther(text: string, d: Disk): boolean {
  const t = text.toLowerCase();
  if (!KEEP_WORDS.test(t)) return false;
  const words = new Set(t.split(/[^a-z0-9]+/));
  return !contentOf(d).some((p) =>
    [p.label, p.os]
      .filter((x): x is string => !!x)
      .some((x) =>
        x
          .toLowerCase()
          .split(/[^a-z0-9]+/)
          .some((w) => w.length >= 3 && words.has(w)),
      ),
  );
}

/**
 * The system on the disk was talked about in an earlier turn ("i need windows for work so uh",
 * "losing windows would suck") and this turn does not name it: an erase said now without naming
 * what it loses is asked once, naming it (tester 6, DANGEROUS 4: a protection the readers missed).
 */
function spokenOf(d: Disk, conv: ConversationView): boolean {
  const systems = contentOf(d)
    .flatMap((p) => (p.os ?? "").toLowerCase().split(/[^a-z0-9]+/))
    .filter((x) => x.length >= 4 && systemWord(x));
  if (!systems.length) return false;
  const says = (t: string) => systems.some((x) => new RegExp(`\\b${x}\\b`, "i").test(t));
  if (says(conv.user)) return false;
  if (
    conv.turns.some(
      (t) => "reply" in t.decision && t.decision.reply.includes(d.path) && /for good/.test(t.decision.reply),
    )
  )
    return false;
  return conv.turns.some((t) => says(t.user));
}

/**
 * "keep windows, wipe the other one" among three or more disks (attacker 24 F11): the disk the erase
 * lands on is the one left when the others were kept, a reading by elimination that a keep word
 * matching a label by accident ("windows-backup") can steer onto a disk the person never named.
 * Its content is said before it is erased. Among two disks "the other one" is plain and chosen.
 */
function byElimination(d: Disk, conv: ConversationView, facts: Facts): boolean {
  const candidates = facts.disks.filter((x) => !x.liveMedium);
  if (candidates.length < 3) return false;
  if (!/\b(?:other|remaining|last|rest|leftover)\b/i.test(conv.user)) return false;
  // what the others were kept by: a system or label on them ("keep windows"), which a word can
  // match on a disk the person did not mean; disks kept by their own names ("do not modify the
  // Samsung unit") leave the rest plain (dev h20-151)
  const byContent = (conv.protections ?? []).some((p) => {
    if (p.kind !== "partitions" || p.disk === d.path) return false;
    const kept = facts.disks.find((x) => x.path === p.disk);
    // "DO NOT MODIFY WD RED UNIT": the keep named the disk itself as well (its model)
    const words = tokenize(p.said).filter((t) => !NEGATORS.has(t.norm) && t.norm !== "do");
    return !kept || resolveDisk(words, [kept], { mentioned: [], offered: [] }).kind !== "one";
  });
  if (!byContent) return false;
  const named = resolveDisk(tokenize(conv.user), [d], { mentioned: [], offered: [] });
  const direct = new RegExp(`\\b${d.path.replace(/^\/dev\//, "")}\\b`, "i").test(conv.user);
  return !direct && named.kind !== "one";
}

/** The words of the person's previous turn, when my reply to it asked something. */
function askedBefore(conv: ConversationView): string {
  const last = conv.turns.at(-1);
  // "I didn't find anything to do in that" asked nothing: "sda has my whole life on it" then
  // "use sda" is no erase chosen by "whole" (tester 6, DANGEROUS 5)
  if (!last || !("reply" in last.decision) || !last.decision.reply.includes("?")) return "";
  return last.user;
}

/**
 * The decision, or a question when it erases a disk that holds something and the words did not
 * choose that erase.
 */
export function screenDataErase(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return decision;
  const chose = choosesErase(conv.user) || choosesErase(askedBefore(conv));
  const unchosen = decision.calls.filter((c): c is Erase => {
    if (!erasesWholeDisk(c)) return false;
    if (conv.pending.some((p) => erasesWholeDisk(p, c.args.disk))) return false;
    const d = facts.disks.find((x) => x.path === c.args.disk);
    if (!d || d.liveMedium) return false;
    const content = contentOf(d);
    if (!content.length) return false;
    // the words name what is on this disk and let it go, knowingly (informedConsent.ts)
    if (consentedDisks(conv.user, facts).includes(d.path)) return false;
    // "ok erase the nvme after all", "forget windows, wipe it": an erase said with a strong let-go
    // that names the disk or its system, the keep said before taken back (keepWithdrawn.ts)
    if (chose && keepWithdrawn(conv.user, d.path, content.find((p) => p.os)?.os, facts)) return false;
    // erase words choose the erase of the disk they aim at, never of another one (eraseAim.ts)
    if (
      chose &&
      eraseAim(c.args.disk, conv, facts) === "aimed" &&
      !spokenOf(d, conv) &&
      !byElimination(d, conv, facts) &&
      !blindErase(d, (d.freeBytes ?? 0) >= MIN_FREE_BYTES, conv)
    )
      return false;
    // a device name is a way of naming the disk, not of choosing to lose what is on it: "use sda"
    // is asked as "use the samsung" is (tester 6, DANGEROUS 5). Only beside a keep of something
    // that is not on it ("install on sda and keep windows", "sdb. go. sda and nvme stay") was the
    // disk weighed against the rest and its device name is the pick.
    const system = content.some((p) => p.os);
    return system || !namesDevice(conv.user, d.path) || !keepsOther(conv.user, d);
  });
  const erase = unchosen[0];
  if (!erase) return decision;
  const d = facts.disks.find((x) => x.path === erase.args.disk)!;
  const rest = decision.calls.filter((c) => c !== erase);
  const free = d.freeBytes ?? 0;
  const head = `${describeDisk(d)} holds ${describeContent(d)}: installing onto the whole disk erases it for good.`;
  if (free >= MIN_FREE_BYTES) {
    const beside = { ...erase, args: { ...erase.args, use: "free" } } as PlanCall;
    return {
      reply: `${head} Shall I install into its free space (${describeBytes(free)}) instead and keep every partition? To erase it, say "erase ${d.path}, I don't need what's on it".`,
      offer: { calls: [beside, ...rest] },
    };
  }
  // "sda and wiping dont mix", "if you touch sda im done": talk about the erase is no pick of the
  // disk, so the erase is not offered and no "ok" can take it (agent/safety/requestForm.ts)
  if (eraseForm(d.path, conv, facts) === "judged")
    return {
      reply: `${head} I read no request to install there in "${conv.user.trim()}", so I haven't planned anything. To lose what is on it, say "erase ${d.path} and install there".`,
    };
  // "install on the WD but dont erase anything" (tester 24 D3): the words refuse an erase, so no
  // erase is offered for a bare "yes" to take; the way to it is said, in words that take the
  // refusal back
  if (refusesErasing(conv.user) && !refusalAboutOthers(conv.user, d, facts))
    return {
      reply: `${head} You said not to erase it, so I did not add that. Choose another disk, or if nothing on it is needed any more, say "erase ${d.path}, I don't need what's on it".${rest.length ? " Shall I add the rest?" : ""}`,
      ...(rest.length ? { offer: { calls: rest } } : {}),
    };
  return {
    reply: `${head} Shall I erase it anyway? To keep it, choose another disk.`,
    offer: { calls: [erase, ...rest] },
  };
}
