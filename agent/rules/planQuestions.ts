import { describeProtection } from "../safety/read.js";
import { describeCall } from "../session/describe.js";
import type { PlanCall } from "../types.js";
import { disksNamedBySystem, systemsOn } from "./alongside.js";
import { answerConsequence } from "./consequences.js";
import type { Ctx } from "./context.js";
import { describeDisk, resolveDisk } from "./disks.js";
import type { Token } from "./text.js";
import { words } from "./tokens.js";
import { KEYBOARD_WORDS, LOCALE_WORDS, SUDO_WORDS, TIME_WORDS } from "./vocab.js";

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
  const back = readBack(w, ctx);
  if (back) return back;
  const about =
    answerAboutLayout(w, ctx) ??
    answerAboutUser(w, ctx) ??
    answerAboutSystem(tokens, ctx) ??
    answerAboutDisk(tokens, ctx) ??
    answerConsequence(tokens, ctx);
  if (about) return about;
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

/** "read that back to me", "recap", "say that again", "what did you add": the plan as it stands. */
const READ_BACK = new Set([
  "read",
  "reread",
  "repeat",
  "recap",
  "summarize",
  "summarise",
  "summary",
  "again",
  "back",
]);
const ADDED = new Set(["add", "added", "change", "changed", "put", "do", "did"]);

function readBack(w: readonly string[], ctx: Ctx): string | undefined {
  const { conv, facts } = ctx;
  const reads = w.some((x) => READ_BACK.has(x)) && !w.some((x) => x === "sudo" || x === "disk");
  const lastAdded =
    w.some((x) => x === "add" || x === "added") ||
    (w.includes("did") && w.some((x) => ADDED.has(x)) && w.includes("just"));
  if (!reads && !lastAdded) return undefined;
  const kept = conv.protections ?? [];
  const keptLine = kept.length ? ` Kept: ${kept.map((p) => describeProtection(p, facts)).join("; ")}.` : "";
  const recital = conv.pending.length
    ? `The plan so far: ${conv.pending.map((c, i) => `${i + 1}. ${describeCall(c, facts)}`).join("; ")}.${keptLine} Nothing runs before you say yes.`
    : `The plan is empty.${keptLine}`;
  if (!lastAdded) return recital;
  const last = [...conv.turns].reverse().find((t) => "calls" in t.decision);
  if (!last || !("calls" in last.decision)) return recital;
  return `Last added: ${last.decision.calls.map((c) => describeCall(c as PlanCall, facts)).join("; ")}. ${recital}`;
}

/** "does vince have sudo?", "is lena an admin?", "is max": about one user, from the plan and the machine. */
function answerAboutUser(w: readonly string[], ctx: Ctx): string | undefined {
  const { conv, facts } = ctx;
  const planned = conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args] : []));
  // "is max" (cut short): a question that only names a planned user is about that user
  const bare = w.length <= 3 && ["is", "does", "and", "what", "whats"].includes(w[0] ?? "");
  if (!w.some((x) => SUDO_WORDS.has(x)) && !bare) return undefined;
  const refusedNames = (conv.protections ?? []).flatMap((p) => (p.kind === "sudo" ? [p.username] : []));
  const named = w.find(
    (x) =>
      planned.some((u) => u.username === x) ||
      (x !== "root" && facts.users.includes(x)) ||
      refusedNames.includes(x),
  );
  if (!named) return whoHasSudo(w, planned, facts.users) ?? unplannedUser(w, planned);
  const u = planned.find((p) => p.username === named);
  const refused = refusedNames.includes(named);
  if (!u && refused && !facts.users.includes(named))
    return `${named} is not in the plan; you said ${named} should not have sudo, and I keep that. Say "create user ${named}" to add the account.`;
  if (u)
    return u.sudo
      ? `Yes: the plan creates ${named} with sudo.`
      : `No: the plan creates ${named} without sudo${refused ? ", as you asked" : ""}. Say "give ${named} sudo" to change that.`;
  return `${named} already exists on this system; I don't change existing users' sudo (that is \`usermod -aG wheel ${named}\`).`;
}

const NOT_A_NAME = new Set([
  "who",
  "whos",
  "the",
  "it",
  "that",
  "this",
  "there",
  "he",
  "she",
  "they",
  "anyone",
  "anybody",
  "someone",
  "somebody",
  "everyone",
  "everybody",
  "nobody",
  "my",
  "your",
  "root",
  "user",
  "users",
  "i",
  "you",
  "we",
  "sudo",
  "admin",
]);
const ABOUT_SUDO = new Set([
  "a",
  "an",
  "admin",
  "administrator",
  "sudo",
  "sudoer",
  "root",
  "have",
  "has",
  "get",
  "gets",
  "got",
  "with",
  "or",
  "not",
  "too",
  "also",
  "rights",
  "privileges",
  "now",
]);

/**
 * "who has sudo?", "who gets admin", "which users are admins": the planned accounts by their sudo
 * (tester 8 W1: the answer was what sudo is). Existing accounts are named as kept as they are.
 */
function whoHasSudo(
  w: readonly string[],
  planned: readonly { username: string; sudo?: boolean }[],
  users: readonly string[],
): string | undefined {
  if (
    !(
      w.slice(0, 2).some((x) => x === "who" || x === "whos") ||
      (w[0] === "which" && w.some((x) => /^(?:users?|accounts?|people|ones?)$/.test(x)))
    )
  )
    return undefined;
  if (w.length > 6) return undefined;
  const existing = users.filter((u) => u !== "root");
  const here = existing.length ? ` Existing accounts keep their groups: ${existing.join(", ")}.` : "";
  if (!planned.length) return `The plan creates no user yet.${here}`;
  const admins = planned.filter((u) => u.sudo).map((u) => u.username);
  const others = planned.filter((u) => !u.sudo).map((u) => u.username);
  const lead = admins.length ? `${admins.join(" and ")} (sudo)` : "nobody gets sudo";
  return `In the plan: ${lead}${others.length ? `; without sudo: ${others.join(", ")}` : ""}.${here}`;
}

/** "is max an admin?" about nobody in the plan nor on the machine: say so, with who is planned. */
function unplannedUser(w: readonly string[], planned: readonly { username: string; sudo?: boolean }[]) {
  if (!["is", "does", "will", "can", "has"].includes(w[0] ?? "")) return undefined;
  const name = w[1] ?? "";
  if (!/^[a-z][a-z0-9_-]{1,31}$/.test(name) || NOT_A_NAME.has(name)) return undefined;
  if (!w.slice(2).length || !w.slice(2).every((x) => ABOUT_SUDO.has(x))) return undefined;
  const who = planned.length
    ? ` The plan creates ${planned.map((u) => `${u.username}${u.sudo ? " with sudo" : " without sudo"}`).join(", ")}.`
    : " The plan creates no user.";
  return `${name} is not in the plan and has no account here.${who} Say "create user ${name} with sudo" to add one.`;
}

/**
 * "will it wipe the samsung?": about the disk the question names, not whichever disk the plan
 * erases. No for a disk the plan leaves alone, with what the plan does instead.
 */
function answerAboutDisk(tokens: readonly Token[], ctx: Ctx): string | undefined {
  const { conv, facts } = ctx;
  const w = words(tokens);
  if (!w.some((x) => ["wipe", "erase", "touch", "delete", "format", "lose", "affect", "use"].includes(x)))
    return undefined;
  const r = resolveDisk(tokens, facts.disks, { mentioned: [], offered: [] });
  if (r.kind !== "one") return undefined;
  const d = r.disk;
  const part = conv.pending.find((c) => c.tool === "partitionDisk");
  const kept = (conv.protections ?? []).find(
    (p) => (p.kind === "disk" || p.kind === "partitions") && p.disk === d.path,
  );
  const keptLine = kept ? ` You asked me to keep it ("${kept.said}").` : "";
  if (part?.tool === "partitionDisk" && part.args.disk === d.path)
    return part.args.use === "free"
      ? `No: the plan installs into the free space of ${describeDisk(d)} and keeps every partition on it.`
      : `Yes: the plan erases ${describeDisk(d)} and installs there.`;
  const elsewhere = part
    ? ` The plan will ${describeCall(part, facts)}.`
    : " Nothing in the plan touches a disk yet.";
  return `No: nothing in the plan touches ${describeDisk(d)}.${keptLine}${elsewhere}`;
}

/** What a question fears for a system: "will windows be deleted?", "does this wipe fedora?". */
const LOSS = new Set([
  "delete",
  "deleted",
  "deletes",
  "erase",
  "erased",
  "erases",
  "wipe",
  "wiped",
  "wipes",
  "lose",
  "lost",
  "gone",
  "destroy",
  "destroyed",
  "overwrite",
  "overwritten",
  "touch",
  "touched",
  "affect",
  "affected",
  "break",
  "broken",
  "remove",
  "removed",
  "format",
  "formatted",
  "nuke",
  "nuked",
  "kill",
  "killed",
]);
/** What a question hopes for it: "will windows still boot?", "is fedora safe?". */
const KEEP = new Set([
  "boot",
  "boots",
  "bootable",
  "start",
  "starts",
  "startable",
  "safe",
  "still",
  "keep",
  "kept",
  "work",
  "works",
  "working",
  "survive",
  "survives",
  "stay",
  "stays",
  "ok",
  "okay",
  "fine",
  "intact",
  "usable",
  "available",
  "able",
]);

/**
 * "will windows still boot?", "is fedora safe?", "will windows be deleted?": about a system the
 * facts show on a disk, answered yes or no as the question is put, from what the plan does to
 * that disk: an install into its free space keeps it and adds it to the boot menu; an erase loses it.
 */
function answerAboutSystem(tokens: readonly Token[], ctx: Ctx): string | undefined {
  const { conv, facts } = ctx;
  const w = words(tokens);
  const fears = w.some((x) => LOSS.has(x));
  if (!fears && !w.some((x) => KEEP.has(x))) return undefined;
  const disks = disksNamedBySystem(tokens, facts).filter((d) => !d.liveMedium && systemsOn(d).length);
  if (disks.length !== 1) return undefined;
  const d = disks[0]!;
  const sys = systemsOn(d).join(" and ");
  const part = conv.pending.find((c) => c.tool === "partitionDisk");
  const yes = (kept: boolean) => (kept !== fears ? "Yes" : "No");
  if (part?.tool === "partitionDisk" && part.args.disk === d.path) {
    if (part.args.use === "free")
      return `${yes(true)}: the plan keeps ${sys} on ${d.path} (every partition stays as it is), installs into the free space beside it and adds ${sys} to the boot menu, so you pick it at startup.`;
    return `${yes(false)}: the plan erases ${describeDisk(d)}, and ${sys} on it is lost. Say "install next to ${sys.split(" ")[0]}" to keep it.`;
  }
  const elsewhere = part
    ? ` The plan will ${describeCall(part, facts)}.`
    : " Nothing in the plan touches a disk yet.";
  return `${yes(true)}: nothing in the plan touches ${sys} on ${d.path}.${elsewhere}`;
}

/** "is the disk encrypted?", "what filesystem will it use?", "is there swap?": the install's settings. */
const LAYOUT = /^(?:encrypt\w*|luks|swap|filesystem|fs|btrfs|ext4|xfs)$/;

function answerAboutLayout(w: readonly string[], ctx: Ctx): string | undefined {
  if (!w.some((x) => LAYOUT.test(x))) return undefined;
  const installs = ctx.conv.pending.flatMap((c) => (c.tool === "partitionDisk" ? [c] : []));
  if (!installs.length) return undefined;
  return installs
    .map((c) => {
      const a = c.args;
      const parts = [
        `filesystem ${a.filesystem ?? "ext4"}`,
        a.encrypt ? "encrypted" : "not encrypted",
        a.swapSize ? `${a.swapSize} swap` : "no swap",
      ];
      return `The plan installs on ${a.disk} with ${parts.join(", ")}. Say "encrypt it", "use btrfs" or "8G swap" to change that.`;
    })
    .join(" ");
}
