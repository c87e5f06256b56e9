import { describeContent } from "../safety/diskContent.js";
import type { PlanCall } from "../types.js";
import { type Ctx, listOr } from "./context.js";
import { describeDisk, listDisks } from "./disks.js";
import { leadNamesProgram } from "./programNotCommand.js";
import { keepsTheRest } from "./removeRest.js";
import { quantifiersNotOfDisks } from "./severalDisks.js";
import type { Token } from "./text.js";
import { hasAny, hasPhrase, splitClauses, words } from "./tokens.js";
import { REMOVE_VERBS, SHELL_COMMANDS, SUDO_WORDS } from "./vocab.js";

export const DANGEROUS =
  /\brm\s+-[a-z]*r[a-z]*f|\brm\s+-[a-z]*f[a-z]*r|\bdd\s+if=|\bmkfs\b|chmod\s+-r\s+777|:\(\)\s*\{|\bshred\b/i;

/**
 * "users tom, ina and lars, all with sudo": "all" after a list of users the same words name is each
 * of them, not every user of the system.
 */
function allOfListed(w: readonly string[]): boolean {
  const at = w.findIndex((x) => x === "users" || x === "accounts");
  const next = w[at + 1] ?? "";
  return (
    at >= 0 &&
    w.lastIndexOf("all") > at + 1 &&
    // "all with sudo except lars", "all but ina": an exception is read by no one here, so refused
    !w
      .slice(w.lastIndexOf("all"))
      .some((x) =>
        /^(?:except|but|besides|apart|other|not|no|without|excluding|save|bar|minus|nor)$/.test(x),
      ) &&
    /^[a-z][a-z0-9_-]*$/.test(next) &&
    !SUDO_WORDS.has(next) &&
    !/^(?:with|and|get|gets|have|has|should|all|the|for|to|as|are|need|can|who|that)$/.test(next)
  );
}

/** Verbs that ask for what is installed again, newer or the same: never a removal. */
const UPDATE_WORDS = /\b(?:update|upgrade|re-?install|refresh)(?:s|d|ing)?\b/i;
/** Programs of the base system, never the example of one to install again. */
const BASE = new Set(["bash", "coreutils", "kernel", "systemd", "glibc", "rpm", "sudo", "tzdata", "dnf"]);

export function safetyReply(
  tokens: readonly Token[],
  text: string,
  ctx: Ctx,
): string | { reply: string; offer: PlanCall } | undefined {
  const w = words(tokens);
  const ws = new Set(w);
  const lead = w.findIndex(
    (x) => !["please", "pls", "run", "execute", "just", "can", "you", "could", "now"].includes(x),
  );
  const command =
    lead >= 0 &&
    SHELL_COMMANDS.has(w[lead]!) &&
    (lead === 0 || ws.has("run") || ws.has("execute")) &&
    !leadNamesProgram(text, tokens.filter((t) => t.kind !== "punct")[lead], [
      ...ctx.facts.recipes,
      ...ctx.facts.installed,
    ]);
  if (DANGEROUS.test(text) || command)
    return "I won't run shell commands. I can only make plans from my tools, and every destructive step is shown before it runs.";
  // "remove sudo and passwd": passwd is also the program that sets passwords (attacker 15 F4)
  const passwdProgram =
    [...ctx.facts.installed, ...ctx.facts.recipes].includes("passwd") &&
    w.some((x) => ["remove", "uninstall", "install", "add", "reinstall", "keep", "purge"].includes(x));
  if (ws.has("password") || ws.has("passphrase") || (ws.has("passwd") && !passwdProgram))
    return ctx.facts.mode === "installed"
      ? // "change my password" after install: the command that does it (tester 24 W29)
        "Passwords never go through the chat: a new user's password is asked when the plan runs. To change a password on this system, run passwd (or, as root, passwd NAME)."
      : "Passwords never go through the chat: each new user's password (and the encryption passphrase) is asked when the plan runs.";
  const destructive = w.some((x) =>
    ["wipe", "erase", "format", "partition", "install", "use", "delete", "remove"].includes(x),
  );
  // the quantifier is of disks ("all disks", "every drive", "both of them"), not of what is on
  // one ("erase everything on the disk" is one disk's erase, read as such elsewhere)
  const ofDisks =
    (ws.has("every") || ws.has("all") || ws.has("both")) &&
    w.some((x) => x === "disks" || x === "drives" || x === "disk" || x === "drive" || x === "them") &&
    // "didn't touch the games drive at all", "the WD has all my photos", "Both excluded. New
    // install: ..." (agent/rules/severalDisks.ts)
    !quantifiersNotOfDisks(tokens);
  if (destructive && ofDisks) {
    // the disks the user keeps are no candidates: "use both disks" with the samsung kept
    const kept = new Set((ctx.conv.protections ?? []).flatMap((p) => (p.kind === "disk" ? [p.disk] : [])));
    const usable = ctx.facts.disks.filter((d) => !d.liveMedium && !kept.has(d.path));
    const keptNote = kept.size ? ` (you asked me to keep ${[...kept].join(" and ")})` : "";
    // One disk left once the kept ones and the live medium are out (tester 24 W26): the question
    // offers it as a yes/no, naming what is on it; a "yes" takes exactly that erase, which the
    // words asked for ("erase all disks except the WD"), and nothing else is offered as a choice.
    const only = usable.length === 1 ? usable[0] : undefined;
    if (only && ctx.conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === only.path))
      return `I install onto one disk and never wipe several at once${keptNote}. The one left is ${describeDisk(only)}, which the plan already installs onto.`;
    if (only) {
      const content = describeContent(only);
      return {
        reply: `I install onto one disk and never wipe several at once${keptNote}. The one left is ${describeDisk(only)}: erase it and install there${content ? ` (${content} is lost)` : ""}?`,
        offer: {
          tool: "partitionDisk",
          args: { disk: only.path, use: "whole", filesystem: "ext4", encrypt: false, separateHome: false },
        } as PlanCall,
      };
    }
    return usable.length
      ? `I install onto one disk and never wipe several at once${keptNote}. Which one: ${listDisks(usable)}?`
      : `I install onto one disk and never wipe several at once; every disk here is one you asked me to keep${keptNote}.`;
  }
  if (deletesUser(tokens, ctx))
    return "I can't delete users (or remove the root user). I can create users; removing them is left to you.";
  // "sudo for nobody at all": 'at all' stresses a refusal, it grants no one
  if (
    (ws.has("everyone") ||
      ws.has("everybody") ||
      (ws.has("all") && ws.has("users") && !hasPhrase(tokens, "at all") && !allOfListed(w))) &&
    (ws.has("root") || hasAny(tokens, SUDO_WORDS))
  )
    return 'I won\'t give everyone root access. Name the user who should have sudo, e.g. "give anna sudo".';
  const afterAll = hasPhrase(tokens, "after all");
  // "update everything", "reinstall everything": no removal, and nothing I can plan (tester 24 W21,
  // W29: read as "remove everything"); said plainly, with what I can do instead
  if (
    // as typed: the typo reader makes "reinstall" the nearest verb it knows, "uninstall"
    UPDATE_WORDS.test(text) &&
    (ws.has("everything") || (ws.has("all") && !afterAll)) &&
    ctx.allowed.includes("removeRecipe")
  )
    return `I can't update or reinstall everything at once: I install, remove and set things one by one. To install one program again, name it (e.g. "install ${ctx.facts.installed.find((n) => ctx.facts.recipes.includes(n) && !BASE.has(n)) ?? "ripgrep"}"). Installed: ${listOr(ctx.facts.installed)}.`;
  if (
    w.some((x) => REMOVE_VERBS.has(x)) &&
    (ws.has("everything") || (ws.has("all") && !ws.has("users") && !afterAll)) &&
    !keepsTheRest(tokens) &&
    // in the live installer no program is removed: "erase it all" is about the disk
    ctx.allowed.includes("removeRecipe")
  )
    return `Name what to remove; I won't remove everything at once. Installed: ${listOr(ctx.facts.installed)}.`;
  const liveSaid = /boot(ed)?\s+(it\s+)?(from|off)|live (usb|medium|stick)|installer (usb|stick)/i.exec(text);
  // "put it on the drive. not the usb stick i booted from": the live medium ruled out is no
  // request to install onto it; the disk reader takes the rest (the live medium is never a
  // candidate there, so nothing new can be erased by letting it read)
  if (liveSaid && !liveMediumRuledOut(text.slice(0, liveSaid.index))) {
    const live = ctx.facts.disks.find((d) => d.liveMedium);
    return `${live ? live.path : "That medium"} is the medium this live system runs from; I can't install onto it. Other disks: ${listDisks(ctx.facts.disks.filter((d) => !d.liveMedium))}.`;
  }
  return undefined;
}

/**
 * A clause whose removal is about a user on the system: "remove user lena", "delete the root
 * user". Only the clause with the verb counts ("create user kim, no sudo. also remove fd" removes
 * a program), and a user who is only in the plan is dropped, not deleted ("remove user mara",
 * "forget the user" with one user planned: agent/rules/edits.ts).
 */
/** Words before the object of a removal, or between the users it lists: "the user", "and", ",". */
const OBJECT_LEAD = new Set([
  "the",
  "user",
  "users",
  "account",
  "accounts",
  "my",
  "our",
  "and",
  ",",
  "&",
  "+",
]);

function deletesUser(tokens: readonly Token[], ctx: Ctx): boolean {
  const planned = ctx.conv.pending.flatMap((c) =>
    c.tool === "createUser" && !ctx.facts.users.includes(c.args.username) ? [c.args.username] : [],
  );
  for (const clause of splitClauses(tokens)) {
    const w = words(clause);
    const verb = w.findIndex((x) => REMOVE_VERBS.has(x) || x === "forget");
    if (verb < 0) continue;
    const after = w.slice(verb + 1);
    if (after.some((x) => planned.includes(x))) continue;
    const userWord = after.some((x) => x === "user" || x === "users");
    // "forget the user" with one user planned: that user leaves the plan
    if (userWord && planned.length === 1 && !after.some((x) => ctx.facts.users.includes(x))) continue;
    if (w[verb] === "forget" && !userWord) continue;
    // "remove raj", "remove user raj and kid": the verb's object; "remove bat (kid uses it)",
    // "remove the stuff raj uses": a user in a reason or a description is no one removed
    const object = after.findIndex((x) => !OBJECT_LEAD.has(x));
    const existing = after.some(
      (x, k) =>
        ctx.facts.users.includes(x) &&
        !planned.includes(x) &&
        k >= object &&
        after.slice(object, k).every((y) => OBJECT_LEAD.has(y) || ctx.facts.users.includes(y)),
    );
    if (userWord || existing) return true;
  }
  return false;
}

/**
 * The live medium named after a negation in its own sentence: "not the usb stick I booted from",
 * "anything except the live usb", "other than the stick I'm running off".
 */
function liveMediumRuledOut(before: string): boolean {
  const sentence = before.split(/[.!?;]\s/).at(-1) ?? "";
  return /\b(?:not|except|excluding|but not|other than|apart from|aside from|never|avoid|instead of)\b(?:\s+\S+){0,6}\s*$/i.test(
    sentence,
  );
}
