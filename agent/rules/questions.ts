import type { Disk } from "../../facts/schema.js";
import { type Ctx, capabilities, listOr } from "./context.js";
import { diskContext } from "./diskCalls.js";
import { describeDisk, listDisks, resolveDisk } from "./disks.js";
import { answerPlanQuestion } from "./planQuestions.js";
import { findRecipes } from "./recipes.js";
import type { Token } from "./text.js";
import { words } from "./tokens.js";
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

export function isQuestion(tokens: readonly Token[], text: string): boolean {
  const w = words(tokens).filter((x) => !CORRECTION_WORDS.has(x) && x !== "ok" && x !== "so");
  const first = w[0];
  if (!first) return false;
  // "can you install X?" is a request; "can I install X?" too.
  // "will it change my keyboard?", "will that erase windows?": asking about what a plan does
  if (first === "will" && ["it", "that", "this", "the", "my", "anything", "everything"].includes(w[1] ?? ""))
    return true;
  if (["can", "could", "would", "will"].includes(first)) return false;
  // "do I need swap?" asks; "do the same for ines", "do it", "don't" ask for something.
  if ((first === "do" || first === "does" || first === "did") && !SUBJECTS.has(w[1] ?? "")) return false;
  if (first === "do" && (w[1] === "the" || w[1] === "this") && !/\?\s*$/.test(text)) return false;
  if (QUESTION_START.has(first)) return true;
  // "tell me about the crucial", "show me the disks", "explain btrfs": asking, in the imperative
  if (["tell", "show", "describe", "explain", "list"].includes(first)) return true;
  return /\?\s*$/.test(text) && !w.some((x) => INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x));
}

export function diskFacts(d: Disk): string {
  const parts = d.partitions ?? [];
  const layout = parts.length
    ? `partitions: ${parts.map((p) => `${p.path} ${p.fstype ?? "?"}${p.mountpoint ? ` on ${p.mountpoint}` : ""}`).join(", ")}`
    : "no partitions listed";
  const notes: string[] = [];
  if (d.liveMedium) notes.push("it is the medium this live system runs from");
  else if (d.mounted) notes.push("it is mounted");
  return `${describeDisk(d)}: ${layout}${notes.length ? `; ${notes.join(", ")}` : ""}.`;
}

export const FS_ANSWERS: Record<string, string> = {
  btrfs:
    "btrfs: copy-on-write filesystem with snapshots, subvolumes and compression; good for a desktop you want to roll back.",
  ext4: "ext4: the long-standing Linux default; simple, fast, very well tested.",
  xfs: "xfs: fast with large files and many parallel writes; cannot be shrunk.",
};

export function answerQuestion(tokens: readonly Token[], ctx: Ctx): string {
  const { facts, conv } = ctx;
  const plan = answerPlanQuestion(tokens, ctx);
  if (plan) return plan;
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
    const pendingDisk = conv.pending.find((c) => c.tool === "partitionDisk");
    if ((ws.has("it") || ws.has("on")) && pendingDisk) {
      const d = facts.disks.find((x) => x.path === pendingDisk.args.disk);
      if (d) return diskFacts(d);
    }
    return facts.disks.length ? `Disks here: ${listDisks(facts.disks)}.` : "This machine reports no disks.";
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
