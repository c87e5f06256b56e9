import { describeProtection } from "../safety/read.js";
import { describeCall } from "../session/describe.js";
import type { PlanCall } from "../types.js";
import type { Ctx } from "./context.js";
import type { Token } from "./text.js";
import { words } from "./tokens.js";
import { KEYBOARD_WORDS, LOCALE_WORDS, TIME_WORDS } from "./vocab.js";

/**
 * Questions about the plan, answered from the pending plan and what the user keeps, never from
 * the live machine: "what's in the plan so far?", "is that going to change my keyboard?", "what
 * happens to my disk?", "will it touch windows?".
 */

const ABOUT_PLAN = new Set([
  "plan",
  "planned",
  "going",
  "gonna",
  "will",
  "happen",
  "happens",
  "change",
  "changes",
  "affect",
  "touch",
  "erase",
  "wipe",
  "delete",
  "lose",
  "far",
  "queued",
  "pending",
]);

const KEPT_WORDS = new Set([
  "windows",
  "fedora",
  "ubuntu",
  "data",
  "files",
  "partition",
  "partitions",
  "system",
  "stuff",
  "photos",
]);

type Topic = { test: (c: PlanCall) => boolean; name: string; none: string };

const TOPICS: { words: (w: string) => boolean; topic: Topic }[] = [
  {
    words: (w) => KEYBOARD_WORDS.has(w),
    topic: {
      test: (c) => c.tool === "setLocale" && !!c.args.keymap,
      name: "keyboard",
      none: "Nothing in the plan changes the keyboard layout.",
    },
  },
  {
    words: (w) => LOCALE_WORDS.has(w),
    topic: {
      test: (c) => c.tool === "setLocale" && !!c.args.locale,
      name: "language",
      none: "Nothing in the plan changes the language.",
    },
  },
  {
    words: (w) => TIME_WORDS.has(w),
    topic: {
      test: (c) => c.tool === "setLocale" && !!c.args.timezone,
      name: "time zone",
      none: "Nothing in the plan changes the time zone.",
    },
  },
  {
    words: (w) => w === "hostname" || w === "name",
    topic: { test: (c) => c.tool === "setHostname", name: "hostname", none: "The plan keeps the hostname." },
  },
  {
    words: (w) => ["user", "users", "account", "accounts", "sudo", "admin"].includes(w),
    topic: { test: (c) => c.tool === "createUser", name: "users", none: "The plan creates no user." },
  },
  {
    words: (w) =>
      [
        "disk",
        "disks",
        "drive",
        "drives",
        "ssd",
        "nvme",
        "windows",
        "data",
        "files",
        "partition",
        "partitions",
        "erase",
        "wipe",
      ].includes(w),
    topic: {
      test: (c) => c.tool === "partitionDisk",
      name: "disks",
      none: "Nothing in the plan touches a disk yet.",
    },
  },
  {
    words: (w) => ["program", "programs", "packages", "recipes", "apps", "software"].includes(w),
    topic: {
      test: (c) => c.tool === "installRecipe" || c.tool === "removeRecipe",
      name: "programs",
      none: "The plan installs and removes no program.",
    },
  },
];

/** The answer, or undefined when the question is not about the plan. */
export function answerPlanQuestion(tokens: readonly Token[], ctx: Ctx): string | undefined {
  const { conv, facts } = ctx;
  const w = words(tokens);
  const kept = conv.protections ?? [];
  if (!w.some((x) => ABOUT_PLAN.has(x))) return undefined;
  if (!conv.pending.length && !kept.length && !w.includes("plan")) return undefined;
  const keptLine = kept.length ? ` Kept: ${kept.map((p) => describeProtection(p, facts)).join("; ")}.` : "";
  const topics = TOPICS.filter((t) => w.some(t.words)).map((t) => t.topic);
  if (!topics.length) {
    if (!conv.pending.length) return `The plan is empty.${keptLine}`;
    return `The plan so far: ${conv.pending.map((c, i) => `${i + 1}. ${describeCall(c, facts)}`).join("; ")}.${keptLine} Nothing runs before you say yes.`;
  }
  const parts: string[] = [];
  for (const t of topics) {
    const hits = conv.pending.filter(t.test);
    // "will it touch windows?" with an install into the free space: no, it stays
    const keeps =
      hits.some((c) => c.tool === "partitionDisk" && c.args.use === "free") &&
      w.some((x) => KEPT_WORDS.has(x));
    const lead = keeps
      ? "No, that stays: the plan will"
      : ["what", "how", "which", "whats"].includes(w[0] ?? "")
        ? "The plan will"
        : "Yes, the plan will";
    parts.push(hits.length ? `${lead} ${hits.map((c) => describeCall(c, facts)).join("; ")}.` : t.none);
  }
  const disks = topics.some((t) => t.name === "disks");
  return `${parts.join(" ")}${disks || kept.length ? keptLine : ""}`;
}
