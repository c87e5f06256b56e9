import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { describeDisk } from "../rules/disks.js";
import type { ConversationView } from "../types.js";
import { type Found, foundIn } from "./partitionRefs.js";

/**
 * "is sda safe?", "is my steam library safe?", "will my old home survive?", "does this touch the
 * seagate?": answered from the pending plan, yes or no first (findings4 WRONG 1: the reply listed
 * partitions, or spoke of the steam recipe, and never said whether the plan touches the disk).
 * What the words name is found the way protections are (partitions, labels, models, systems).
 */

const ASKS_SAFE =
  /^\s*(?:(?:ok|so|and|but|wait|hmm|um)[\s,]+)*(?:(?:is|are)\s+(?<a>.+?)\s+(?:safe|ok|okay|fine|untouched|kept|gonna be (?:ok|okay|fine|safe))|(?:will|would)\s+(?<b>.+?)\s+(?:survive|stay|be (?:safe|ok|okay|fine|kept|untouched)))\s*(?:then|now|right)?\s*[?]*\s*$/i;

export function answerSafety(conv: ConversationView, facts: Facts): Decision | undefined {
  if (facts.mode !== "live") return undefined;
  const m = ASKS_SAFE.exec(conv.user);
  if (!m?.groups) return undefined;
  const said = (m.groups.a ?? m.groups.b ?? m.groups.c ?? "").trim();
  // a system ("is windows safe?") is answered by the plan questions, with its boot menu entry
  if (/\b(?:windows|win\d*|linux|fedora|ubuntu|debian|arch|mint|macos|os)\b/i.test(said)) return undefined;
  const words = said
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .split(/[^a-z0-9/'_-]+/)
    .filter(Boolean);
  const found = foundIn(words, facts);
  const disks = [...new Map(found.map((f) => [f.disk.path, f])).values()];
  if (!disks.length) return dataAnswer(words, conv, facts);
  return { reply: disks.map((f) => answerFor(f, conv)).join(" ") };
}

function answerFor(f: Found, conv: ConversationView): string {
  const name = describeDisk(f.disk);
  const what = f.what ?? `everything on ${f.disk.path}`;
  const kept = (conv.protections ?? []).some(
    (p) => (p.kind === "disk" || p.kind === "partitions") && p.disk === f.disk.path,
  );
  const keptNote = kept ? " You asked me to keep it, so I won't erase it." : "";
  const install = conv.pending.find((c) => c.tool === "partitionDisk" && c.args.disk === f.disk.path);
  const subject = f.what ? `${f.what} on ${name}` : name;
  if (!install) {
    const where = conv.pending.some((c) => c.tool === "partitionDisk")
      ? "the plan installs on another disk"
      : "nothing is planned on any disk yet";
    return `Yes: ${where}, so ${subject} is not touched.${keptNote}`;
  }
  if (install.tool === "partitionDisk" && install.args.use === "free")
    return `Yes: the plan installs into the free space of ${name}; every partition on it (${what} included) stays as it is.`;
  return `No: the plan erases ${name}, and ${what} is lost for good. To keep it, say "keep ${f.disk.path}" or choose another disk.`;
}

const DATA = new Set([
  "data",
  "files",
  "stuff",
  "photos",
  "pictures",
  "documents",
  "docs",
  "music",
  "videos",
  "games",
]);

/** "is my data safe?": the disk the plan erases, when it holds anything; every other disk is kept. */
function dataAnswer(words: readonly string[], conv: ConversationView, facts: Facts): Decision | undefined {
  if (!words.some((w) => DATA.has(w))) return undefined;
  const install = conv.pending.find((c) => c.tool === "partitionDisk");
  if (install?.tool !== "partitionDisk")
    return { reply: "Yes: nothing is planned on any disk yet, so nothing is erased." };
  const d = facts.disks.find((x) => x.path === install.args.disk);
  if (!d) return undefined;
  if (install.args.use === "free")
    return {
      reply: `Yes: the plan installs into the free space of ${describeDisk(d)} and keeps every partition; no other disk is touched.`,
    };
  const parts = (d.partitions ?? []).map((p) => `${p.path}${p.label ? ` ("${p.label}")` : ""}`);
  return parts.length
    ? {
        reply: `No, not what is on ${describeDisk(d)}: the plan erases it, and ${parts.join(", ")} ${parts.length > 1 ? "are" : "is"} lost for good. No other disk is touched. To keep it, choose another disk.`,
      }
    : {
        reply: `Yes: the plan erases only ${describeDisk(d)}, which holds no partitions; no other disk is touched.`,
      };
}
