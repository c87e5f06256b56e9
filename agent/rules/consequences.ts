import type { Disk, Partition } from "../../facts/schema.js";
import { describeBytes } from "../../steps/size.js";
import { freeSpaceLayout } from "../../tools/partitionFree.js";
import { describeProtection } from "../safety/read.js";
import { erasesWholeDisk } from "../safety/wholeErase.js";
import type { PlanCall } from "../types.js";
import { disksNamedBySystem, SYSTEM_WORDS, systemsOn } from "./alongside.js";
import type { Ctx } from "./context.js";
import { describeDisk, resolveDisk } from "./disks.js";
import type { Token } from "./text.js";
import { words } from "./tokens.js";

/**
 * Questions about what the plan does to one thing on the machine, answered from the pending plan,
 * the open offer and the protections (issue 14 item 4; findings5 WRONG 3): "whats happening to
 * windows 7", "is s d a safe", "do i lose my photos", "is my c drive safe", "is bitlocker ok with
 * this", "is the first one you listed safe", "what disk are you erasing". The answer names the
 * disk or partition, what happens to it (erased by step N, stays beside the install, not touched)
 * and the protection that applies. It never changes the plan.
 */

/** What a question fears: a yes means the thing is lost. */
const FEARS = new Set([
  "lose",
  "losing",
  "lost",
  "gone",
  "erase",
  "erased",
  "erases",
  "wipe",
  "wiped",
  "wipes",
  "delete",
  "deleted",
  "deletes",
  "destroy",
  "destroyed",
  "nuke",
  "nuked",
  "format",
  "formatted",
  "overwrite",
  "overwritten",
  "break",
  "breaks",
  "broken",
  "kill",
  "killed",
  "touch",
  "touched",
  "affect",
  "affected",
  "damage",
  "damaged",
]);
/** What a question hopes for: a yes means the thing stays. */
const HOPES = new Set([
  "safe",
  "ok",
  "okay",
  "fine",
  "alright",
  "intact",
  "survive",
  "survives",
  "kept",
  "stay",
  "stays",
  "untouched",
  "boot",
  "boots",
  "work",
  "works",
]);
/** Neither: "what happens to", "whats going on with". */
const WHAT_HAPPENS = new Set(["happen", "happens", "happening", "happened", "become", "becomes", "about"]);

/** "what disk are you erasing", "which drive gets wiped", "what r u formatting". */
const ERASING = new Set([
  "erase",
  "erasing",
  "erased",
  "erases",
  "wipe",
  "wiping",
  "wiped",
  "wipes",
  "format",
  "formatting",
  "formatted",
  "delete",
  "deleting",
  "deleted",
  "nuke",
  "nuking",
  "nuked",
  "destroy",
  "destroying",
  "overwrite",
  "overwriting",
]);
const WH = new Set(["what", "whats", "which", "wich", "wat", "wut"]);
const GENERIC = new Set(["disk", "disks", "drive", "drives", "one", "ssd", "hdd", "thing", "partition"]);

/** Letters said one by one ("s d a", "n v m e"): the disk name they spell. */
export function joinSpelled(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let j = i;
    while (j < tokens.length && tokens[j]!.kind === "word" && /^[a-z]$/.test(tokens[j]!.norm)) j++;
    const spelled = tokens
      .slice(i, j)
      .map((t) => t.norm)
      .join("");
    if (j - i >= 2 && /^(?:sd[a-z]|vd[a-z]|hd[a-z]|nvme)$/.test(spelled)) {
      out.push({
        kind: "word",
        raw: spelled,
        norm: spelled,
        start: tokens[i]!.start,
        end: tokens[j - 1]!.end,
      });
      i = j - 1;
    } else out.push(tokens[i]!);
  }
  return out;
}

/** One thing a question is about: a whole disk, a partition on it, or the systems on it. */
type Subject = { disk: Disk; name: string; partition?: Partition; system?: string };

export function answerConsequence(typed: readonly Token[], ctx: Ctx): string | undefined {
  const tokens = joinSpelled(typed);
  const w = words(tokens);
  const erasing = w.some((x) => ERASING.has(x));
  const wh = w.some((x) => WH.has(x));
  const fears = w.some((x) => FEARS.has(x));
  // "is the wd ok for gaming", "is it fine to use btrfs": asking what suits, not what happens
  const suits = w.some((x, i) => HOPES.has(x) && ["for", "to"].includes(w[i + 1] ?? ""));
  const hopes = !suits && (w.some((x) => HOPES.has(x)) || w.includes("still") || w.includes("able"));
  const happens = w.some((x) => WHAT_HAPPENS.has(x));
  const key = w.includes("key") && w.includes("recovery");
  if (
    !(erasing || fears || hopes || happens || key || w.includes("bitlocker")) ||
    (suits && !fears && !happens)
  )
    return undefined;
  const subjects = subjectsOf(tokens, ctx);
  // "what are you erasing", "which drive gets wiped": the target, not one thing's fate
  if (wh && erasing && !subjects.length) return eraseTarget(ctx);
  if (subjects.length !== 1) return undefined;
  const s = subjects[0]!;
  // "is it ok with this" with only "happens"/"about" and no question word is no question about it
  const lead = wh && !w.includes("will") ? "" : fears ? "fear" : hopes || key ? "hope" : "";
  return fateOf(s, lead, ctx, key || s.partition?.fstype === "BitLocker");
}

/** "what disk are you erasing": the plan's erase, the erase my open question proposes, or nothing. */
function eraseTarget(ctx: Ctx): string {
  const { conv, facts } = ctx;
  const i = conv.pending.findIndex((c) => c.tool === "partitionDisk");
  const part = conv.pending[i];
  const offered = conv.offer?.calls.find((c) => erasesWholeDisk(c));
  const offerNote =
    offered?.tool === "partitionDisk" &&
    offered.args.disk !== (part?.tool === "partitionDisk" && part.args.disk)
      ? ` My question proposes erasing ${describeOf(offered.args.disk, ctx)} instead; nothing changes unless you say yes.`
      : "";
  const kept = (conv.protections ?? []).filter((p) => p.kind === "disk" || p.kind === "partitions");
  const keptLine = kept.length ? ` Kept: ${kept.map((p) => describeProtection(p, facts)).join("; ")}.` : "";
  if (part?.tool !== "partitionDisk") {
    const offerOnly =
      offered?.tool === "partitionDisk"
        ? ` My question proposes erasing ${describeOf(offered.args.disk, ctx)}; nothing changes unless you say yes.`
        : "";
    return `Nothing: no disk is erased yet (nothing is planned on any disk).${offerOnly}${keptLine}`;
  }
  const d = facts.disks.find((x) => x.path === part.args.disk);
  if (part.args.use === "free")
    return `Nothing: step ${i + 1} installs into the free space of ${describeOf(part.args.disk, ctx)} and keeps every partition; no disk is erased.${offerNote}${keptLine}`;
  return `Step ${i + 1} erases ${describeOf(part.args.disk, ctx)}${d ? lostOn(d) : ""}. No other disk is touched.${offerNote}${keptLine}`;
}

function describeOf(path: string, ctx: Ctx): string {
  const d = ctx.facts.disks.find((x) => x.path === path);
  return d ? describeDisk(d) : path;
}

/** "; /dev/sda1 ("backup") is lost for good": what an erase of the disk takes with it. */
function lostOn(d: Disk): string {
  const parts = (d.partitions ?? []).map(describePart);
  if (!parts.length) return "";
  return `, and ${parts.join(", ")} ${parts.length > 1 ? "are" : "is"} lost for good`;
}

function describePart(p: Partition): string {
  const what = [p.os, p.label && p.label !== p.os ? `"${p.label}"` : undefined, p.fstype]
    .filter(Boolean)
    .join(", ");
  return `${p.path}${what ? ` (${what})` : ""}`;
}

/**
 * The answer for one thing: its fate under the plan, said as the question was put ("is it safe?"
 * → yes when it stays; "do i lose it?" → yes when it is erased; "what happens to it?" → no yes or no).
 */
function fateOf(s: Subject, lead: "" | "fear" | "hope", ctx: Ctx, bitlocker: boolean): string {
  const { conv, facts } = ctx;
  const i = conv.pending.findIndex((c) => c.tool === "partitionDisk");
  const part = conv.pending[i] as PlanCall | undefined;
  const onIt = part?.tool === "partitionDisk" && part.args.disk === s.disk.path;
  const erased = onIt && erasesWholeDisk(part);
  const yn = (stays: boolean) => (lead === "" ? "" : stays !== (lead === "fear") ? "Yes: " : "No: ");
  const kept = (conv.protections ?? []).find(
    (p) => (p.kind === "disk" || p.kind === "partitions") && p.disk === s.disk.path,
  );
  const keptNote = kept ? ` You asked me to keep it ("${kept.said}").` : "";
  const offered = conv.offer?.calls.find((c) => erasesWholeDisk(c, s.disk.path));
  const offerNote = offered
    ? ` My open question proposes erasing ${s.disk.path}; nothing changes unless you say yes.`
    : "";
  const subject = lead === "" ? s.name.charAt(0).toUpperCase() + s.name.slice(1) : s.name;
  const isDisk = !s.partition && !s.system;
  if (erased && part?.tool === "partitionDisk")
    return `${yn(false)}${subject} is erased: step ${i + 1} erases ${isDisk ? "it" : describeDisk(s.disk)} and installs there${lostOn(s.disk)}. To keep it, say "keep ${s.disk.path}" or choose another disk.`;
  if (onIt && part?.tool === "partitionDisk") {
    const boot = s.system ? ` and adds ${s.system} to the boot menu, so you pick it at startup` : "";
    const note = bitlocker ? bitlockerNote(part, ctx, s.disk) : "";
    return `${yn(true)}${subject} stays as it is: step ${i + 1} installs into the free space of ${s.disk.path}, keeps every partition${boot}.${note}${keptNote}`;
  }
  const where =
    part?.tool === "partitionDisk"
      ? `the plan installs on ${describeOf(part.args.disk, ctx)} (step ${i + 1})`
      : "nothing is planned on any disk yet";
  const hint = bitlocker
    ? " Installed beside it in the free space, BitLocker stays untouched, but Windows may ask for its recovery key once after the boot menu changes; have the key at hand."
    : "";
  void facts;
  return `${yn(true)}${subject} is not touched: ${where}.${offerNote}${keptNote}${hint}`;
}

/** The plan's own note on a BitLocker partition beside a free-space install. */
function bitlockerNote(part: PlanCall, ctx: Ctx, disk: Disk): string {
  if (part.tool !== "partitionDisk") return "";
  try {
    const a = part.args;
    const layout = freeSpaceLayout(
      {
        disk: a.disk,
        filesystem: a.filesystem,
        encrypt: a.encrypt,
        separateHome: a.separateHome,
        ...(a.rootSize ? { rootSize: a.rootSize } : {}),
        ...(a.swapSize ? { swapSize: a.swapSize } : {}),
      },
      ctx.facts,
      disk,
    );
    const note = layout.notes.find((n) => /BitLocker/.test(n));
    return note ? ` The plan notes: ${note}.` : "";
  } catch {
    return "";
  }
}

/** The things a question names: an ordinal of a list I gave, a partition, a system, a disk. */
function subjectsOf(tokens: readonly Token[], ctx: Ctx): Subject[] {
  const { facts } = ctx;
  const usable = facts.disks.filter((d) => !d.liveMedium);
  const w = words(tokens);
  const listed = ordinalDisk(w, ctx);
  if (listed) return [{ disk: listed, name: describeDisk(listed) }];
  const parts = partitionsNamed(w, usable);
  if (parts.length) return parts;
  const systems = w.some((x) => SYSTEM_WORDS.has(x))
    ? disksNamedBySystem(tokens, facts).filter((d) => !d.liveMedium && systemsOn(d).length)
    : [];
  if (systems.length)
    return systems.map((d) => {
      const sys = systemsOn(d).join(" and ");
      return { disk: d, name: `${sys} on ${d.path}`, system: sys };
    });
  if (!w.some((x) => !GENERIC.has(x) && x.length > 1)) return [];
  const r = resolveDisk(tokens, usable, { mentioned: [], offered: [] });
  if (r.kind === "one") return [{ disk: r.disk, name: describeDisk(r.disk) }];
  // "is it safe?", "whats on that disk": the disk my open question is about
  if (w.some((x) => x === "it" || x === "that" || x === "this")) {
    const offered = ctx.conv.offer?.calls.find((c) => c.tool === "partitionDisk");
    const d =
      offered?.tool === "partitionDisk" ? usable.find((x) => x.path === offered.args.disk) : undefined;
    if (d && !w.includes("with")) return [{ disk: d, name: describeDisk(d) }];
  }
  return [];
}

const ORDINALS: Record<string, number> = {
  first: 0,
  "1st": 0,
  top: 0,
  second: 1,
  "2nd": 1,
  third: 2,
  "3rd": 2,
  last: -1,
  bottom: -1,
};
const LISTED = new Set([
  "listed",
  "list",
  "said",
  "mentioned",
  "named",
  "offered",
  "showed",
  "shown",
  "gave",
]);

/**
 * "the first one you listed", "the last one you said", "the top disk": the disks the last reply
 * that named several listed, in its order, else the disks as the banner shows them. The live
 * medium is never one of them.
 */
function ordinalDisk(w: readonly string[], ctx: Ctx): Disk | undefined {
  const at = w.findIndex((x) => x in ORDINALS);
  if (at < 0) return undefined;
  if (!w.some((x) => LISTED.has(x)) && !["top", "bottom"].includes(w[at]!)) return undefined;
  const usable = ctx.facts.disks.filter((d) => !d.liveMedium);
  let order: Disk[] = usable;
  for (const t of [...ctx.conv.turns].reverse()) {
    if (!("reply" in t.decision)) continue;
    const named = [...new Set([...t.decision.reply.matchAll(/\/dev\/[a-z0-9]+/g)].map((m) => m[0]))].flatMap(
      (p) => usable.filter((d) => d.path === p),
    );
    if (named.length >= 2) {
      order = named;
      break;
    }
  }
  const n = ORDINALS[w[at]!]!;
  return n < 0 ? order.at(-1) : order[n];
}

/**
 * Partitions named by what is on them: a label ("photos", "games", "backup", "recovery"), the
 * Windows drive letter ("my c drive", "c:"), or BitLocker ("is bitlocker ok", "my recovery key").
 */
function partitionsNamed(w: readonly string[], disks: readonly Disk[]): Subject[] {
  const out: Subject[] = [];
  const all = disks.flatMap((d) => (d.partitions ?? []).map((p) => ({ d, p })));
  const add = (d: Disk, p: Partition) => {
    if (out.some((s) => s.partition === p)) return;
    out.push({ disk: d, partition: p, name: `${describePart(p)} on ${describeDisk(d)}` });
  };
  const key = w.includes("key") && w.includes("recovery");
  if (w.includes("bitlocker") || key) for (const { d, p } of all) if (p.fstype === "BitLocker") add(d, p);
  if (out.length) return out;
  const cDrive = w.some((x, i) => x === "c" && ["drive", "partition", "disk"].includes(w[i + 1] ?? ""));
  if (cDrive || w.includes("c:")) {
    const windows = all
      .filter(({ p }) => /windows/i.test(p.os ?? "") && !p.esp && p.fstype !== "vfat")
      .sort((a, b) => b.p.sizeBytes - a.p.sizeBytes)[0];
    if (windows) {
      out.push({
        disk: windows.d,
        partition: windows.p,
        name: `${describePart(windows.p)}, the Windows C: drive (${describeBytes(windows.p.sizeBytes)}), on ${windows.d.path}`,
      });
      return out;
    }
  }
  for (const { d, p } of all) {
    const label = (p.label ?? "").toLowerCase();
    if (!label || label.length < 3) continue;
    const labelWords = label.split(/[^a-z0-9]+/).filter((x) => x.length >= 3);
    // "windows" is the system on the disk (answered with its boot menu entry), not one partition
    if (labelWords.some((l) => w.includes(l) && !SYSTEM_WORDS.has(l) && !(l === "recovery" && key)))
      add(d, p);
  }
  return out;
}

const WHERE = new Set(["where", "which", "wich", "what", "whats", "wat"]);
const HOLDS = new Set([
  "has",
  "have",
  "holds",
  "hold",
  "got",
  "with",
  "contains",
  "keeps",
  "on",
  "are",
  "is",
  "r",
]);

/**
 * "which one has my photos", "where are my games", "what filesystem is the games partition": the
 * partition whose label the question names, where it is, and what the plan does to it.
 */
export function answerWhereData(typed: readonly Token[], ctx: Ctx): string | undefined {
  const tokens = joinSpelled(typed);
  const w = words(tokens);
  const asTyped = tokens.map((t) => t.raw.toLowerCase());
  if (!asTyped.some((x) => WHERE.has(x)) || !w.some((x) => HOLDS.has(x) || x === "filesystem" || x === "fs"))
    return undefined;
  const usable = ctx.facts.disks.filter((d) => !d.liveMedium);
  const named = partitionsNamed(w, usable).filter((s) => s.partition?.label);
  if (!named.length) return undefined;
  return named
    .map((s) => {
      const p = s.partition!;
      const fate = fateOf({ ...s, name: "it" }, "", ctx, false).replace(/^It /, "it ");
      return `${describePart(p)}, ${describeBytes(p.sizeBytes)}, is on ${describeDisk(s.disk)}; ${fate}`;
    })
    .join(" ");
}
