import type { Disk } from "../../facts/schema.js";
import { describeBytes } from "../../steps/size.js";
import type { Decision } from "../../tools/decision.js";
import { MIN_FREE_BYTES } from "../safety/screen.js";
import { disksWithSystem, systemWord } from "../safety/systemDisks.js";
import type { PlanCall } from "../types.js";
import { systemsOn } from "./alongside.js";
import { answerWhereData } from "./consequences.js";
import { type Ctx, capabilities, listOr } from "./context.js";
import { diskAdvice } from "./diskAdvice.js";
import { DISK_ACTIONS, diskContext, NOT_ACTIONS } from "./diskCalls.js";
import { describeDisk, listDisks, resolveDisk } from "./disks.js";
import { mindFrame } from "./grammar.js";
import { answerPlanQuestion } from "./planQuestions.js";
import { suggestRecipe } from "./recipeSuggestions.js";
import { findRecipes } from "./recipes.js";
import { stillAsking } from "./stillAsking.js";
import type { Token } from "./text.js";
import { words } from "./tokens.js";
import { isVerdict } from "./verdict.js";
import {
  CORRECTION_WORDS,
  DISK_WORDS,
  FILESYSTEMS,
  INSTALL_VERBS,
  MACHINE_WORDS,
  REMOVE_VERBS,
} from "./vocab.js";

export const GREETINGS = new Set([
  "hi",
  "hello",
  "hey",
  "howdy",
  "yo",
  "hiya",
  "greetings",
  "morning",
  "evening",
]);
export const THANKS = new Set(["thanks", "thank", "thx", "cheers", "ty"]);

export const QUESTION_START = new Set([
  "what",
  "which",
  "how",
  "why",
  "who",
  "when",
  "where",
  "is",
  "are",
  "does",
  "do",
  "did",
  "should",
  "whats",
  "was",
  "has",
  "have",
  // typed in a hurry: "wich one has my photos", "wat is on it", "wheres my backup"
  "wich",
  "wat",
  "wut",
  "wheres",
  "hows",
  "whos",
]);

/** Who a question's verb is about: "do I", "does the nvme", "is ripgrep". */
export const SUBJECTS = new Set([
  "i",
  "you",
  "we",
  "they",
  "he",
  "she",
  "my",
  "your",
  "our",
  "these",
  "those",
  "any",
  "anyone",
  "users",
  "levitate",
  "levitateos",
  "this",
  "the",
]);

/** Words that ask what happens to something ("will bitlocker break", "would sda survive"). */
const CONSEQUENCE_WORDS = new Set([
  "break",
  "survive",
  "lose",
  "lost",
  "gone",
  "safe",
  "ok",
  "okay",
  "fine",
  "boot",
  "work",
  "happen",
  "erased",
  "wiped",
  "deleted",
  "affected",
  "touched",
]);

export function isQuestion(tokens: readonly Token[], text: string): boolean {
  return isOneQuestion(tokens, text) || topicThenQuestion(tokens, text) || yesButAsks(tokens, text);
}

const YES_LEAD = new Set(["yes", "yeah", "yea", "yep", "ok", "okay", "sure", "alright", "fine", "k"]);

/**
 * "yes, but what about my games", "ok but is sda safe?": a yes held back by a question. The
 * question is answered; the yes waits for it (a question is never a confirmation).
 */
function yesButAsks(tokens: readonly Token[], text: string): boolean {
  let i = 0;
  while (i < tokens.length && (tokens[i]!.kind === "punct" || YES_LEAD.has(tokens[i]!.norm))) i++;
  if (i === 0 || tokens[i]?.norm !== "but") return false;
  const rest = tokens.slice(i + 1);
  return isOneQuestion(rest, `${words(rest).join(" ")}${/\?\s*$/.test(text) ? "?" : ""}`);
}

/**
 * "the samsung, whats on it", "nvme: how big is it", "the crucial. is it empty?": a topic with no
 * verb, then a question about it. It asks; it never picks the disk it names.
 */
function topicThenQuestion(tokens: readonly Token[], text: string): boolean {
  const segs: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === "punct" && t.norm !== "?") {
      if (segs.at(-1)!.length) segs.push([]);
    } else segs.at(-1)!.push(t);
  }
  const parts = segs.filter((x) => words(x).length > 0);
  if (parts.length < 2) return false;
  const topic = words(parts[0]!);
  const acts = (x: string) =>
    (DISK_ACTIONS.has(x) && !NOT_ACTIONS.has(x)) || INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x);
  if (topic.length > 5 || topic.some(acts)) return false;
  const rest = parts.slice(1);
  const asked = /\?\s*$/.test(text) ? "?" : "";
  return (
    rest.every((x) => !words(x).some(acts)) && isOneQuestion(rest[0]!, `${words(rest[0]!).join(" ")}${asked}`)
  );
}

/** Question words typed in a hurry that the typo reader takes for others ("wich" → "with"). */
const HURRIED_WH = new Set(["wich", "whic", "wat", "wut", "whaat"]);

/** Hesitations before a question ("so umm what happens to sdb", "uhh is it safe"). */
const HESITATION = new Set([
  "um",
  "umm",
  "ummm",
  "uh",
  "uhh",
  "uhm",
  "er",
  "erm",
  "hmm",
  "hm",
  "hmmm",
  "well",
  "like",
  "and",
  "but",
  "also",
  "oh",
  "btw",
  "quick",
  "question",
]);

function isOneQuestion(tokens: readonly Token[], text: string): boolean {
  const all = words(tokens).filter((x) => !CORRECTION_WORDS.has(x) && x !== "ok" && x !== "so");
  let lead = 0;
  while (lead < all.length - 1 && HESITATION.has(all[lead]!)) lead++;
  const w = all.slice(lead);
  const first = w[0];
  if (!first) return false;
  const typed = tokens.find((t) => t.kind === "word" && t.norm === first)?.raw.toLowerCase();
  if (typed && HURRIED_WH.has(typed) && !w.some((x) => INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x)))
    return true;
  // "can you install X?" is a request; "can I install X?" too.
  // "will it change my keyboard?", "will that erase windows?": asking about what a plan does
  if (first === "will" && ["it", "that", "this", "the", "my", "anything", "everything"].includes(w[1] ?? ""))
    return true;
  // "can i still start windows?", "will i still be able to boot fedora": asking what stays possible
  if (
    ["can", "could", "would", "will"].includes(first) &&
    ["i", "we"].includes(w[1] ?? "") &&
    (w.includes("still") || w.includes("able")) &&
    !w.some((x) => INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x))
  )
    return true;
  // "WILL BITLOCKER BREAK", "would my photos survive": what the plan does to something
  if (
    (first === "will" || first === "would") &&
    !["you", "u", "ya"].includes(w[1] ?? "") &&
    w.some((x) => CONSEQUENCE_WORDS.has(x)) &&
    !w.some((x) => INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x))
  )
    return true;
  if (["can", "could", "would", "will"].includes(first)) return false;
  // "do you mind adding jq?": a request said politely (grammar.ts: mindFrame)
  if (first === "do" && mindFrame(w)) return false;
  // "do I need swap?" asks; "do the same for ines", "do it", "don't" ask for something.
  if ((first === "do" || first === "does" || first === "did") && !SUBJECTS.has(w[1] ?? "")) return false;
  if (first === "do" && (w[1] === "the" || w[1] === "this") && !/\?\s*$/.test(text)) return false;
  if (isVerdict(w, text)) return false;
  if (QUESTION_START.has(first)) return true;
  // "tell me about the crucial", "show me the disks", "explain btrfs": asking, in the imperative
  if (["tell", "show", "describe", "explain", "list"].includes(first)) return true;
  // "read that back to me", "repeat the plan", "recap please", "say that again": the plan, read back
  if (
    ["read", "reread", "repeat", "recap", "summarize", "summarise"].includes(first) ||
    (first === "say" && w.includes("again"))
  )
    return !w.some((x) => INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x));
  return /\?\s*$/.test(text) && !w.some((x) => INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x));
}

export function diskFacts(d: Disk): string {
  const parts = d.partitions ?? [];
  const partLine = (p: NonNullable<Disk["partitions"]>[number]) => {
    const what = [
      p.os,
      p.label && p.label !== p.os ? `"${p.label}"` : undefined,
      p.fstype,
      p.esp ? "EFI system partition" : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    return `${p.path} ${describeBytes(p.sizeBytes)}${what ? ` (${what})` : ""}${p.mountpoint ? ` on ${p.mountpoint}` : ""}`;
  };
  const layout = parts.length ? `partitions: ${parts.map(partLine).join("; ")}` : "no partitions listed";
  const notes: string[] = [];
  if (d.freeBytes !== undefined)
    notes.push(`free space: ${d.freeBytes > 0 ? describeBytes(d.freeBytes) : "none"}`);
  if (d.liveMedium) notes.push("it is the medium this live system runs from");
  else if (d.mounted) notes.push("it is mounted");
  return `${describeDisk(d)}: ${layout}${notes.length ? `; ${notes.join("; ")}` : ""}.`;
}

/** "what's on p4", "what is nvme0n1p3", "partition 2": one partition, with its label and system. */
function partitionAnswer(tokens: readonly Token[], ctx: Ctx): string | undefined {
  const w = words(tokens);
  const refs = w.flatMap((x, i) => {
    const bare = x.replace(/^\/dev\//, "");
    if (/^p\d+$/.test(bare)) return [bare];
    if (/^\d+$/.test(bare) && ["partition", "part"].includes(w[i - 1] ?? "")) return [bare];
    if (/^[a-z]+\d*[a-z]*\d*p?\d+$/.test(bare) && /\d$/.test(bare) && /(nvme|mmcblk|sd|vd|hd)/.test(bare))
      return [bare];
    return [];
  });
  if (!refs.length) return undefined;
  const hits = ctx.facts.disks.flatMap((d) =>
    (d.partitions ?? []).flatMap((p) => {
      const name = p.path.replace(/^\/dev\//, "");
      const ok = refs.some((r) =>
        /^\d+$/.test(r) || /^p\d+$/.test(r)
          ? name.endsWith(r.replace(/^(\d)/, "p$1")) || name.endsWith(r)
          : name === r,
      );
      return ok ? [{ d, p }] : [];
    }),
  );
  if (hits.length !== 1) return undefined;
  const { d, p } = hits[0]!;
  const what = [
    p.os,
    p.label && p.label !== p.os ? `labelled "${p.label}"` : undefined,
    p.fstype,
    p.esp ? "EFI system partition" : undefined,
  ]
    .filter(Boolean)
    .join(", ");
  return `${p.path} is a ${describeBytes(p.sizeBytes)} partition on ${describeDisk(d)}${what ? `: ${what}` : ""}.`;
}

const SPACE_WORDS = new Set(["space", "room", "unallocated"]);

/** "how much free space is there", "is there room left next to windows": from facts v2 freeBytes. */
function freeSpaceAnswer(tokens: readonly Token[], ctx: Ctx): string | undefined {
  const w = words(tokens);
  const ws = new Set(w);
  if (
    !(
      ws.has("free") ||
      ws.has("unallocated") ||
      (w.some((x) => SPACE_WORDS.has(x)) && (ws.has("left") || ws.has("much")))
    )
  )
    return undefined;
  if (!w.some((x) => SPACE_WORDS.has(x)) && !ws.has("free")) return undefined;
  const known = freeSpaceDisks(tokens, ctx);
  if (!known.length) return undefined;
  return known
    .map((d) => {
      const sys = systemsOn(d);
      const beside = sys.length ? ` beside ${sys.join(", ")}` : "";
      if (!(d.partitions?.length ?? 0) && d.freeBytes === undefined)
        return `${describeDisk(d)} has no partitions listed: all of it is free.`;
      return d.freeBytes && d.freeBytes > 0
        ? `${describeDisk(d)} has ${describeBytes(d.freeBytes)} of free space${beside} (its largest unallocated region).`
        : `${describeDisk(d)} has no free space${beside} (I don't shrink partitions).`;
    })
    .join(" ");
}

/**
 * The disks a question about free space is about: the one it names, else those holding the system
 * it names ("next to windows": not the empty disk beside it), else every disk.
 */
function freeSpaceDisks(tokens: readonly Token[], ctx: Ctx): Disk[] {
  const usable = ctx.facts.disks.filter((d) => !d.liveMedium);
  const res = resolveDisk(tokens, usable, { mentioned: [], offered: [] });
  const systems = words(tokens).flatMap((x) => {
    const s = systemWord(x);
    return s ? disksWithSystem(s, ctx.facts).map((h) => h.disk.path) : [];
  });
  const named =
    res.kind === "one"
      ? [res.disk]
      : res.kind === "many"
        ? res.disks
        : systems.length
          ? usable.filter((d) => systems.includes(d.path))
          : usable;
  return named.filter((d) => d.freeBytes !== undefined || !(d.partitions?.length ?? 0));
}

/**
 * "how much free space is there next to windows?" … "use it": when the answer names one disk with
 * room beside what is on it, the install into that free space is offered, so "use it", "that" or
 * "yes" take it (and never the whole disk, nor another disk the answer happened to name).
 */
function freeSpaceOffer(tokens: readonly Token[], ctx: Ctx): PlanCall | undefined {
  if (!freeSpaceAnswer(tokens, ctx)) return undefined;
  // one disk answered about, with room beside what is on it
  const withRoom = freeSpaceDisks(tokens, ctx);
  if (
    withRoom.length !== 1 ||
    !withRoom[0]!.partitions?.length ||
    (withRoom[0]!.freeBytes ?? 0) < MIN_FREE_BYTES
  )
    return undefined;
  // with an install planned, the question is about that plan ("how much space will it get?")
  if (ctx.conv.pending.some((c) => c.tool === "partitionDisk")) return undefined;
  const disk = withRoom[0]!.path;
  const base = { filesystem: "ext4", encrypt: false, separateHome: false };
  return { tool: "partitionDisk", args: { ...base, disk, use: "free" } } as PlanCall;
}

/**
 * A question's answer, with the install into the free space it names offered (freeSpaceOffer).
 * A question asked while one of mine is open ("Shall I erase it anyway?" "whats on it?") is
 * answered and my question asked again, its offer kept: a question never loses the question.
 */
export function answerWithOffer(tokens: readonly Token[], ctx: Ctx): Decision {
  // "is there a better grep?": the recipe for it, offered (recipeSuggestions.ts)
  const suggested = suggestRecipe(tokens, ctx);
  if (suggested) return suggested;
  // "what do you recommend?" about the disk: one disk, why, offered (diskAdvice.ts)
  const advice = diskAdvice(tokens, ctx);
  if (advice) return advice;
  const answer = answerQuestion(tokens, ctx);
  const free = freeSpaceOffer(tokens, ctx);
  if (!free) return stillAsking({ reply: answer }, ctx.conv, ctx.facts);
  return {
    reply: `${answer} Shall I install into that free space (every partition stays)?`,
    offer: { calls: [free] },
  };
}

export const FS_ANSWERS: Record<string, string> = {
  btrfs:
    "btrfs: copy-on-write filesystem with snapshots, subvolumes and compression; good for a desktop you want to roll back.",
  ext4: "ext4: the long-standing Linux default; simple, fast, very well tested.",
  xfs: "xfs: fast with large files and many parallel writes; cannot be shrunk.",
};

export function answerQuestion(tokens: readonly Token[], ctx: Ctx): string {
  const { facts, conv } = ctx;
  const plan = answerPlanQuestion(tokens, ctx) ?? answerWhereData(tokens, ctx);
  if (plan) return plan;
  const free = freeSpaceAnswer(tokens, ctx);
  if (free) return free;
  const part = partitionAnswer(tokens, ctx);
  if (part) return part;
  const w = words(tokens);
  const ws = new Set(w);
  const fs = w.filter((x) => FILESYSTEMS.has(x));
  if (fs.length)
    return [...new Set(fs)].map((f) => FS_ANSWERS[f]).join(" ") + ' Say e.g. "use btrfs" to choose.';
  const recipe = findRecipes(tokens, facts, [...facts.recipes, ...facts.installed]).found[0];
  if (recipe) {
    const inst = facts.installed.includes(recipe);
    const avail = facts.recipes.includes(recipe);
    return `${recipe} is ${inst ? "installed" : "not installed"}${avail && !inst ? `; there is a recipe for it (say "install ${recipe}")` : ""}${inst ? ` (say "remove ${recipe}" to remove it)` : ""}.`;
  }
  if (ws.has("sudo") || ws.has("admin")) {
    return 'sudo lets a user run commands as root; I add users with sudo to the wheel group. Say "create user NAME with sudo".';
  }
  const mentionsDisk = w.some(
    (x) => DISK_WORDS.has(x) || x === "bigger" || x === "biggest" || x === "smaller" || x === "on",
  );
  const res = resolveDisk(tokens, facts.disks, diskContext(ctx));
  if (res.kind === "one") return diskFacts(res.disk);
  if (res.kind === "many") return `Those are ${listDisks(res.disks)}.`;
  if (mentionsDisk) {
    if (ws.has("bigger") || ws.has("biggest") || ws.has("larger") || ws.has("largest")) {
      const usable = facts.disks.filter((d) => !d.liveMedium);
      const big = [...usable].sort((a, b) => b.sizeBytes - a.sizeBytes)[0];
      if (big) return `The biggest disk is ${describeDisk(big)}.`;
    }
    // "whats on it?" at "Shall I erase it anyway?": the disk my question is about, else the plan's
    const offered = conv.offer?.calls.find((c) => c.tool === "partitionDisk");
    const pendingDisk = offered ?? conv.pending.find((c) => c.tool === "partitionDisk");
    if ((ws.has("it") || ws.has("on") || ws.has("that")) && pendingDisk?.tool === "partitionDisk") {
      const d = facts.disks.find((x) => x.path === pendingDisk.args.disk);
      if (d) return diskFacts(d);
    }
    // the live medium is no choice (tester 24 W8): named apart, never in the list to pick from
    const live = facts.disks.filter((d) => d.liveMedium);
    const targets = facts.disks.filter((d) => !d.liveMedium);
    return targets.length
      ? `Disks here: ${listDisks(targets)}.${live.length ? ` (${live.map((d) => d.path).join(", ")}: the live medium I run from, not a target.)` : ""}`
      : "This machine reports no disks I can install onto.";
  }
  if (ws.has("installed")) return `Installed from recipes: ${listOr(facts.installed)}.`;
  if (ws.has("recipes") || ws.has("available") || ws.has("packages") || (ws.has("install") && ws.has("can")))
    return `Recipes available: ${listOr(facts.recipes, 30)}.`;
  if (ws.has("users") || ws.has("user") || ws.has("accounts")) return `Users: ${facts.users.join(", ")}.`;
  if (ws.has("hostname") || (ws.has("name") && w.some((x) => MACHINE_WORDS.has(x))))
    return `The hostname is ${facts.hostname}.`;
  if (ws.has("plan"))
    return conv.pending.length
      ? `The plan has ${conv.pending.length} step(s); type /plan to see it.`
      : "The plan is empty.";
  if (ws.has("locale") || ws.has("language")) return `The locale is ${facts.locale}.`;
  if (ws.has("firmware") || ws.has("uefi") || ws.has("bios"))
    return `This machine boots with ${facts.firmware.toUpperCase()}.`;
  return `I can't answer that from here. ${capabilities(facts, ctx.allowed)}`;
}
