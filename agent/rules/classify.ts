import type { ToolName } from "../../tools/types.js";
import type { ConversationView } from "../types.js";
import { asksBeside, asksFreeSpace, asksReplaceSystem, SYSTEM_WORDS } from "./alongside.js";
import { type Ctx, lastCallOf } from "./context.js";
import { describesOnly, diskContext } from "./diskCalls.js";
import { diskInStatement, speakerDeliberates } from "./diskStatement.js";
import { resolveDisk } from "./disks.js";
import { readVerbs } from "./grammar.js";
import { namedAfterGroupWord, putsPersonInGroups } from "./groupMembership.js";
import { CHANGE_VERBS, hostSignal } from "./hostname.js";
import type { Intent } from "./intent.js";
import { trailingCourtesy } from "./leftoverRemark.js";
import { localeSignal } from "./places.js";
import { namesProgramOnto } from "./programOnDisk.js";
import { findRecipes, recipeOf } from "./recipes.js";
import { sudoAsPrivilege } from "./sudoPrivilege.js";
import type { Token } from "./text.js";
import { hasAny, words } from "./tokens.js";
import { SHELLS } from "./users.js";
import {
  DISK_WORDS,
  FILESYSTEMS,
  INSTALL_VERBS,
  OTHER_FILESYSTEMS,
  PERSON_PRONOUNS,
  REMOVE_VERBS,
  SUDO_WORDS,
  USER_WORDS,
} from "./vocab.js";

export const KEEP_VERBS = new Set(["keep", "leave", "retain", "spare"]);

/** Words that may stand beside a bare program name in a request ("fd please", "bat too"). */
export const BARE_OK = new Set([
  "please",
  "too",
  "also",
  "as",
  "well",
  "and",
  "the",
  "a",
  "then",
  "now",
  "ok",
  "okay",
  "pls",
  "one",
  "thanks",
  "only",
  "just",
  "instead",
  "both",
]);

export function classify(
  tokens: readonly Token[],
  ctx: Ctx,
  recipeNames: readonly string[],
): Intent | undefined {
  const w = words(tokens);
  const ws = new Set(w);
  const recipes = findRecipes(tokens, ctx.facts, recipeNames).found;
  const verbs = readVerbs(tokens);
  const removeWord = verbs.remove;
  // "I want a user account. Name it walter.": "it" is the account the words asked for before, not
  // the machine (h25-011 set the hostname "walter"); only where nothing in the turn names the machine
  if (namesTheAccount(tokens, ctx.conv.user)) return "user";
  if (hostSignal(tokens, ctx.facts.hostname)) return "host";
  if (speakerDeliberates(w)) return undefined;
  // "install next to windows", "dual boot", "use the free space": an install beside what is there
  if ((asksBeside(w) || asksFreeSpace(w)) && ctx.allowed.includes("partitionDisk")) return "partition";
  // "replace ubuntu", "over manjaro", "get rid of windows": the system's disk, not a program
  if (!recipes.length && asksReplaceSystem(tokens) && ctx.allowed.includes("partitionDisk"))
    return "partition";
  // "windows included", "ubuntu is dead anyway": about another system, which no tool installs
  if (
    !recipes.length &&
    w.some((x) => SYSTEM_WORDS.has(x)) &&
    !w.some((x) => REMOVE_VERBS.has(x) && x !== "erase") &&
    !w.some((x) => x === "install" || x === "put" || x === "add") &&
    !hasAny(tokens, DISK_WORDS) &&
    !hasAny(tokens, FILESYSTEMS) &&
    resolveDisk(tokens, ctx.facts.disks, diskContext(ctx)).kind === "absent"
  )
    return w.some((x) => ["wipe", "erase", "nuke", "format"].includes(x)) ? "partition" : undefined;
  if (recipes.length && w.some((x) => KEEP_VERBS.has(x)) && !removeWord) return "keep";
  if (hasAny(tokens, USER_WORDS) && !(removeWord && recipes.length)) return "user";
  // "put dev in the docker and video groups"
  if ((ws.has("group") || ws.has("groups")) && !recipes.length) return "user";
  // "put him in audio and video", "group podman": a person's groups, never programs (groupMembership.ts)
  if (putsPersonInGroups(tokens)) return "user";
  if (recipes.length && recipes.every((r) => namedAfterGroupWord(tokens).includes(r))) return "user";
  // "user tom, sudo", "so Gary gets sudo": where a recipe is named sudo too, the word is the
  // account's privilege unless it is said as a program (sudoPrivilege.ts)
  if (hasAny(tokens, SUDO_WORDS) && (!recipes.includes("sudo") || sudoAsPrivilege(tokens, ctx, recipeNames)))
    return "user";
  if (w.some((x) => PERSON_PRONOUNS.has(x)) && (ws.has("call") || ws.has("name"))) return "user";
  // "his shell should be fish", "put her in the video group": a person's attribute
  if (
    w.some((x) => ["him", "her", "he", "she", "his"].includes(x)) &&
    w.some((x) => ["shell", "group", "groups"].includes(x) || SHELLS.has(x))
  )
    return "user";
  // "vince's shell is bash": the same attribute said of a person the plan creates, by name (the
  // way out of a shell the new system lacks that my note suggests: tools/loginShells.ts)
  const planned = ctx.conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
  if (w.includes("shell") && w.some((x) => planned.includes(x.replace(/'s$/, "")))) return "user";
  // "user dev, shell fish", "user ops with sudo, shell /bin/zsh": a shell said as a key and its value
  // beside an account of this turn (or the plan) is that account's login shell, not a program to
  // install; an install or removal verb keeps the clause a program's ("install zsh, shell stuff")
  if (
    ws.has("shell") &&
    !verbs.install &&
    !removeWord &&
    w.some((x, i) => SHELLS.has(x) || (tokens[i]?.kind === "path" && /^\/(?:usr\/)?bin\/[a-z]+$/.test(x))) &&
    (planned.length > 0 || /\b(?:users?|accounts?|usr|login)\b/i.test(ctx.conv.user))
  )
    return "user";
  if (removeWord && recipes.length) return "remove";
  if (ws.has("replace") && recipes.length) return "remove";
  const diskish =
    hasAny(tokens, DISK_WORDS) ||
    hasAny(tokens, FILESYSTEMS) ||
    hasAny(tokens, OTHER_FILESYSTEMS) ||
    tokens.some((t) => t.kind === "path" && t.norm.startsWith("/dev/")) ||
    (ws.has("separate") && ws.has("home")) ||
    (ws.has("erase") && !recipes.length);
  const aboutDisk = !recipes.length && !describesOnly(tokens);
  if (diskish && aboutDisk) return "partition";
  if (localeSignal(tokens) && !recipes.length) return "locale";
  const installWord = verbs.install;
  if (recipes.length && installWord) return "install";
  // A bare name ("fd please", "and bat too") continues the clause before it, or is a request
  // when nothing else is said; a sentence about a program ("I love the new zoxide") is not.
  // "ripgrep if you can", "python 3.12 if possible": a courtesy after the names asks for nothing else
  const courtesy = trailingCourtesy(w);
  if (recipes.length)
    return (courtesy > 0 ? w.slice(0, courtesy) : w).every(
      (x, i) =>
        BARE_OK.has(x) ||
        // "python 3.12 if you can": a version right after a name, before the courtesy (a bare
        // "jq 1.7.1" is read with the turn's other names by the bare follow-up, as before)
        (courtesy > 0 && /^v?\d+(?:\.\d+)+$/.test(x) && recipes.includes(w[i - 1] ?? "")) ||
        recipes.includes(x) ||
        recipeOf({ kind: "word", raw: x, norm: x, start: 0, end: 0 }, recipeNames),
    )
      ? "bare"
      : undefined;
  if (removeWord) return "remove";
  if (installWord && (ws.has("there") || ((ws.has("on") || ws.has("onto")) && ws.has("it"))))
    return namesProgramOnto(w) ? "install" : "partition";
  const named = aboutDisk ? resolveDisk(tokens, ctx.facts.disks, diskContext(ctx)) : undefined;
  if (named && named.kind !== "absent") {
    // "I like the WD", "we bought the WD last year": said about the disk, not asked of it (diskStatement.ts)
    const statement =
      named.kind === "one" &&
      !w.some((x) => INSTALL_VERBS.has(x) && x !== "like") &&
      diskInStatement(tokens, named.disk, ctx.conv.user);
    return statement ? undefined : "partition";
  }
  // "install it there", "use that one" right after a disk was the subject
  if (
    (ws.has("there") || ws.has("use")) &&
    (ws.has("it") || ws.has("there") || ws.has("one")) &&
    diskContext(ctx).mentioned.length
  )
    return "partition";
  // "create anna": people are created, programs installed
  if (ws.has("create") && !recipes.length) return "user";
  if (w.some((x) => INSTALL_VERBS.has(x))) return "install";
  return undefined;
}

export const INTENT_OF_TOOL: Partial<Record<ToolName, Intent>> = {
  setHostname: "host",
  setLocale: "locale",
  partitionDisk: "partition",
  createUser: "user",
};

/**
 * "change that to stratus", "make it Paris instead": a change verb and a pronoun with no subject of
 * their own mean the call the conversation last made.
 */
export function referredIntent(tokens: readonly Token[], conv: ConversationView): Intent | undefined {
  const ws = new Set(words(tokens));
  if (![...ws].some((x) => CHANGE_VERBS.has(x))) return undefined;
  if (!(ws.has("that") || ws.has("it") || ws.has("this"))) return undefined;
  const last =
    conv.pending.at(-1) ?? lastCallOf(conv, ["setHostname", "setLocale", "partitionDisk", "createUser"]);
  return last ? INTENT_OF_TOOL[last.tool] : undefined;
}

export const OBJECT_PRONOUNS = new Set(["it", "that", "them", "this", "those", "these"]);

/**
 * "delta, remove it please", "bat and fd - install them": programs named first, then a clause whose
 * pronoun stands for them. The two become one clause with the names in the pronoun's place.
 */
export function frontedTopics(clauses: Token[][], ctx: Ctx, recipeNames: readonly string[]): Token[][] {
  const out: Token[][] = [];
  for (let i = 0; i < clauses.length; i++) {
    // a run of bare names ("helix", "jq"), then the clause that may refer to them
    let j = i;
    while (j < clauses.length && classify(clauses[j]!, ctx, recipeNames) === "bare") j++;
    const next = clauses[j];
    if (
      j > i &&
      next &&
      !findRecipes(next, ctx.facts, recipeNames).found.length &&
      next.some((t) => OBJECT_PRONOUNS.has(t.norm))
    ) {
      const verbs = readVerbs(next);
      if (verbs.install || verbs.remove) {
        const names = clauses.slice(i, j).flatMap((c) => c.filter((t) => recipeOf(t, recipeNames)));
        out.push(next.flatMap((t) => (OBJECT_PRONOUNS.has(t.norm) ? names : [t])));
        i = j;
        continue;
      }
    }
    out.push(clauses[i]!);
  }
  return out;
}

/**
 * "name it walter", "call it ana" in a turn that asked for an account before this clause and names
 * no machine, hostname or other thing "it" could be: the account is named.
 */
function namesTheAccount(tokens: readonly Token[], text: string): boolean {
  const w = words(tokens);
  const at = w.findIndex((x, i) => (x === "name" || x === "call") && w[i + 1] === "it");
  if (at < 0 || w.length > at + 4 || !tokens.length) return false;
  const before = text.slice(0, tokens[0]!.start).toLowerCase();
  // an account asked for without its name ("a user account", "another login"), named nowhere before
  const unnamed =
    /\b(?:a|an|one|another|new|second|my)\s+(?:new\s+|user\s+|second\s+)*(?:user|account|login)\b/.test(
      before,
    ) && !/\b(?:called|named|username|user\s*name)\b/.test(before);
  const other =
    /\b(?:host|hostname|machine|computer|laptop|pc|box|server|system|desktop|workstation|device|disk|drive|partition|program|app)\b/i;
  return unnamed && !other.test(text);
}
