import type { Disk } from "../../facts/schema.js";
import type { Decision, DropEntry } from "../../tools/decision.js";
import { contentOf } from "../safety/diskContent.js";
import { DESTROY_WORDS, isKeepWord, isNegator } from "../safety/protectLexicon.js";
import type { ConversationView, PlanCall } from "../types.js";
import { type Ctx, finish } from "./context.js";
import { diskInStatement } from "./diskStatement.js";
import { describeDisk, resolveDisk } from "./disks.js";
import { FAMILY, usernameCandidate } from "./nameCandidates.js";
import { versionOf } from "./recipes.js";
import { slipOf } from "./recipeTypos.js";
import type { Token } from "./text.js";
import { ALIASES, normalizeTokens } from "./tokens.js";
import { REMOVE_VERBS } from "./vocab.js";
import { isWordName } from "./wordNames.js";

/**
 * The last reader, for a turn no other reader found anything to do in (issue 14, round 19).
 *
 * Voices ask with verbs no reader knows ("bench", "evict", "christen", "make it so"), and a new
 * set of voices brings new verbs: adding verbs never carried to the next unseen set. What a turn
 * names is steadier than how it says it. So this reads only the OBJECTS the turn names without
 * doubt (an exact recipe name, one disk, a person introduced by a word for a person) and decides
 * by what is harmless:
 * - installing a recipe is harmless and reversible: done, unless a word stands against it;
 * - a blank disk loses nothing: the install goes on it; a disk that holds something is asked
 *   about, naming what it holds (never an erase, never an erase offered);
 * - a removal, a drop or a confirmation from an unread verb could be the opposite of what was
 *   meant: asked, never done.
 * A word against the object (a negator, a keep word, a condition, a destroying verb, a question)
 * turns every action into nothing here: the turn stays "I didn't find anything to do".
 */

/** Conditions and hedges: "if", "unless", "maybe" ask for nothing yet (several languages). */
const CONDITIONS = new Set([
  "if",
  "unless",
  "when",
  "whether",
  "maybe",
  "perhaps",
  "might",
  "later",
  "someday",
  "eventually",
  "wenn",
  "falls",
  "ob",
  "si",
  "se",
  "als",
  "jos",
  "om",
  "hvis",
  "kalau",
  "jika",
  "agar",
  "eğer",
  "eger",
  "jeśli",
  "jesli",
  "pokud",
  "ha",
  "dacă",
  "daca",
]);

/**
 * Talk about a program, not a request for it: "I love the new zoxide release", "my favourite
 * editor is helix". Opinions and news name a program without asking for anything.
 */
const TALK = new Set([
  "love",
  "loves",
  "loved",
  "favourite",
  "favorite",
  "fan",
  "enjoy",
  "enjoys",
  "hate",
  "hates",
  "heard",
  "news",
  "release",
  "released",
  "review",
  "article",
  "opinion",
  "think",
  "thought",
  "wonder",
]);

/**
 * Negators of languages the shared lexicon (protectLexicon.ts) does not have yet: Welsh ("dim",
 * "ddim", "nid", "peidiwch", "heb" = without), Icelandic and Faroese ("ekki", "ikki", "aldrei",
 * "án" = without), Irish and Scottish Gaelic ("ní", "níl", "chan").
 */
const MORE_NEGATORS = new Set([
  "dim",
  "ddim",
  "nid",
  "peidiwch",
  "paid",
  "heb",
  "ekki",
  "ikki",
  "aldrei",
  "engin",
  "ekkert",
  "án",
  "nei",
  "ní",
  "níl",
  "chan",
]);

/** Words that stand against acting on what the turn names. */
function against(w: string): boolean {
  return (
    isNegator(w) ||
    MORE_NEGATORS.has(w) ||
    isKeepWord(w) ||
    CONDITIONS.has(w) ||
    TALK.has(w) ||
    DESTROY_WORDS.has(w) ||
    REMOVE_VERBS.has(w)
  );
}

/**
 * A question, with or without its mark: a wh-word anywhere ("the wd one — how big is it", "my wife
 * asks what's on the samsung"), or a clause that opens with an auxiliary verb.
 */
const ASKS =
  /(?:^|[,;:.!—–-]\s*)(?:is|are|does|can|could|would|should)\b|\b(?:how|what|whats|what's|which|where|why|who|whose)\b/i;

/** Words for the account side: "create maya with sudo" names no program called sudo. */
const ACCOUNT_WORDS = new Set(["sudo", "admin", "user", "users", "account", "accounts", "root", "wheel"]);

/** A person's role before a name: "my bro kai", "our intern priya" introduces kai as a person. */
const PERSON_WORDS = new Set([
  ...FAMILY,
  "brother",
  "bro",
  "sister",
  "sis",
  "friend",
  "buddy",
  "pal",
  "mate",
  "roommate",
  "flatmate",
  "colleague",
  "coworker",
  "intern",
  "boss",
  "student",
  "girlfriend",
  "boyfriend",
  "gf",
  "bf",
  "nephew",
  "niece",
  "cousin",
  "uncle",
  "aunt",
  "grandma",
  "grandpa",
  "grandson",
  "granddaughter",
  "child",
  "teammate",
]);

/** The plan question this reader asks; a yes to it confirms the plan (agent/safety/openQuestion.ts). */
export const GO_AHEAD_QUESTION = "Go ahead with the plan? (yes/no)";

/** "Take install jq out of the plan?": a yes to it drops that step (agent/safety/openQuestion.ts). */
const TAKE_OUT = /^Take (install (\S+)|user (\S+)) out of the plan\?/;

/** The pending step the question asked to take out, for a yes to it. */
export function dropAsked(
  question: string,
  conv: Pick<ConversationView, "pending">,
): DropEntry[] | undefined {
  const m = TAKE_OUT.exec(question.trim());
  if (!m) return undefined;
  const step = conv.pending.find((c) =>
    m[2]
      ? c.tool === "installRecipe" && c.args.name === m[2]
      : c.tool === "createUser" && c.args.username === m[3],
  );
  if (!step) return undefined;
  return [
    step.tool === "installRecipe"
      ? { tool: "installRecipe", args: { name: step.args.name } }
      : { tool: "createUser", args: { username: (step.args as { username: string }).username } },
  ] as DropEntry[];
}

/**
 * A recipe named exactly (or by its alias): no guess from a near word ever acts here, and a name
 * that is also an English word ("just", "delta", "dust") is the word where the verb is unread.
 */
function exactRecipe(t: Token, names: readonly string[]): string | undefined {
  if (t.kind !== "word" && t.kind !== "number") return undefined;
  for (const n of [t.norm, t.raw.toLowerCase()]) {
    const name = names.includes(n) ? n : ALIASES[n];
    if (name && names.includes(name) && !isWordName(name)) return name;
  }
  return undefined;
}

/** No partitions at all, as the facts say; a disk whose layout the facts do not give (v1) is not blank. */
function blank(d: Disk): boolean {
  return d.partitions !== undefined && !d.partitions.length && !contentOf(d).length;
}

export function objectFallback(text: string, ctx: Ctx): Decision | undefined {
  const { conv, facts, allowed } = ctx;
  const tokens = normalizeTokens(text, facts);
  const ws = tokens.filter((t) => t.kind === "word").map((t) => t.norm);
  const raws = text.toLowerCase().split(/[^\p{L}\p{N}'’]+/u);
  const opposed = text.includes("?") || ASKS.test(text) || ws.some(against) || raws.some(against);

  // --- recipes named exactly
  const names = [...new Set([...facts.recipes, ...facts.installed])];
  const recipes = ws.some((w) => ACCOUNT_WORDS.has(w))
    ? []
    : [...new Set(tokens.map((t) => exactRecipe(t, names)).filter((n) => n !== undefined))];
  // "- ripgrep 14.1.1 / - bat (any version)": a line of a list of programs (bulleted, or one name
  // a line) names a program, even one whose name is a word; only where another line opens on a
  // program named exactly, so the lines are a list of programs and "bat" is no animal there
  const heads = text
    .split("\n")
    .map((l) => /^[\s\-*•]*([a-z][a-z0-9._+-]*)\b/i.exec(l)?.[1]?.toLowerCase())
    .filter((n): n is string => n !== undefined && names.includes(n));
  if (heads.length >= 2 && heads.some((n) => recipes.includes(n)))
    for (const n of heads) if (!recipes.includes(n)) recipes.push(n);
  // "Queue hyperfine and yqq": beside a program named exactly, a slip of one short name is that
  // name (recipeTypos.ts); an installed one is only asked about below, never removed
  if (recipes.length)
    for (const t of tokens) {
      const slip = t.kind === "word" && !names.includes(t.norm) ? slipOf(t.norm, facts.recipes) : undefined;
      if (slip && !recipes.includes(slip)) recipes.push(slip);
    }
  if (recipes.length) {
    // "scrap the jq bit": the pending step it names is asked about, a yes takes it out
    const pendingNamed = recipes.filter((r) =>
      conv.pending.some((c) => c.tool === "installRecipe" && c.args.name === r),
    );
    if (pendingNamed.length === 1 && recipes.length === 1)
      return { reply: `Take install ${pendingNamed[0]} out of the plan? (yes/no)` };
    if (pendingNamed.length) return undefined;
    // "bench htop" on an installed system: a removal from an unread verb is asked, never made
    const installed = facts.mode === "installed" ? recipes.filter((r) => facts.installed.includes(r)) : [];
    if (installed.length)
      return {
        reply: `${installed.map((r) => `Remove ${r}, or keep it?`).join(" ")}${installed.length < recipes.length ? ` (${recipes.filter((r) => !installed.includes(r)).join(", ")}: not installed yet; say "install" to add it.)` : ""}`,
      };
    if (opposed || !allowed.includes("installRecipe")) return undefined;
    const installable = recipes.filter((r) => facts.recipes.includes(r));
    if (!installable.length) return undefined;
    // "Book helix 24.07": the version written after a name goes with it, as after any install verb
    // (a version the recipe cannot provide is an error that names the ones it can: never ignored)
    const d = finish(
      installable.map((name) => {
        const version = versionOf(tokens, tokens, name, names, text);
        return { tool: "installRecipe", args: version ? { name, version } : { name } } as PlanCall;
      }),
      ctx,
    );
    return "calls" in d ? d : undefined;
  }

  // --- one disk named
  if (facts.mode === "live" && allowed.includes("partitionDisk")) {
    const r = resolveDisk(tokens, facts.disks, { mentioned: [], offered: [] });
    if (r.kind === "one" && !r.disk.liveMedium && !r.disk.mounted) {
      if (conv.pending.some((c) => c.tool === "partitionDisk")) return undefined;
      const disk = r.disk;
      if (blank(disk)) {
        if (opposed) return undefined;
        // "the WD is a keeper", "I like the Crucial": said about the disk, not asked of it
        if (diskInStatement(tokens, disk, text))
          return {
            reply: `Should I install onto ${describeDisk(disk)}? It is blank; nothing on it is lost. (yes/no)`,
            offer: { calls: [{ tool: "partitionDisk", args: { disk: disk.path } } as PlanCall] },
          };
        const d = finish([{ tool: "partitionDisk", args: { disk: disk.path } } as PlanCall], ctx);
        return "calls" in d ? d : undefined;
      }
      // A disk that holds something (or whose content the facts do not give) is left to the
      // reply that found nothing: the erase screens read that reply as "a statement about a disk
      // asked nothing" (safety/dataDisk.ts: "sda has my whole life on it" then "use sda" asks).
      return undefined;
    }
    if (r.kind !== "absent") return undefined;
  }

  // --- a name for the machine: "'lab-01' actually", "bobs-pc is fine" after my hostname question
  const host = hostnameNamed(text, tokens, ctx, names);
  if (host && !opposed && allowed.includes("setHostname")) {
    const d = finish([{ tool: "setHostname", args: { hostname: host } } as PlanCall], ctx);
    if ("calls" in d) return d;
  }

  // --- a person introduced by a word for a person: "my bro kai"
  if (allowed.includes("createUser")) {
    const people: string[] = [];
    tokens.forEach((t, i) => {
      if (!PERSON_WORDS.has(t.norm)) return;
      // "my bro kai", "his wife, ana"
      const next = tokens[i + 1]?.norm === "," ? tokens[i + 2] : tokens[i + 1];
      const name = usernameCandidate(next, facts);
      if (name && !PERSON_WORDS.has(name) && !facts.users.includes(name)) people.push(name);
    });
    const pendingUsers = people.filter((p) =>
      conv.pending.some((c) => c.tool === "createUser" && c.args.username === p),
    );
    if (pendingUsers.length === 1 && people.length === 1)
      return { reply: `Take user ${pendingUsers[0]} out of the plan? (yes/no)` };
    if (people.length === 1 && !pendingUsers.length) {
      if (opposed) return undefined;
      const d = finish([{ tool: "createUser", args: { username: people[0]! } } as PlanCall], ctx);
      return "calls" in d ? d : undefined;
    }
    if (people.length) return undefined;
  }

  // --- nothing named, a plan pending: an unread word may be a yes or a no, so asked
  if (conv.pending.length && !opposed && !conv.offer) {
    // "abort bat", "cut bat from the show too" (tester 20 D1): a planned program named by a name
    // that is also a word is still that program; asking "Go ahead with the plan?" about it made a
    // hurried yes run the plan with bat in it. The question is about the step the words name.
    const step = pendingWordNamed(ws, conv);
    return { reply: step ? `Take install ${step} out of the plan? (yes/no)` : GO_AHEAD_QUESTION };
  }
  return undefined;
}

/** The one planned install a word of the turn names exactly (word names too: "bat", "delta"). */
function pendingWordNamed(ws: readonly string[], conv: ConversationView): string | undefined {
  const named = conv.pending.flatMap((c) =>
    c.tool === "installRecipe" && ws.includes(c.args.name) ? [c.args.name] : [],
  );
  return named.length === 1 ? named[0] : undefined;
}

/** A yes or a choice restating the plan ("ok just go with git", "yes, git") stays the reader's. */
const RESTATES =
  /\b(?:yes|yep|yeah|ok|okay|sure|go|do|confirm|proceed|with|keep|want|need|add|install|get)\b/i;

/**
 * "scrap the jq bit" with jq already planned: adding it again would do nothing, so the unread verb
 * is about the planned step, and asked. Not after a removal (the recipe named again is its
 * follow-up), nor in words that restate the plan.
 */
export function plannedAgain(
  text: string,
  ctx: Ctx,
  recipes: readonly string[],
  afterRemoval: boolean,
): Decision | undefined {
  const planned = (r: string) =>
    ctx.conv.pending.some((c) => c.tool === "installRecipe" && c.args.name === r);
  if (!recipes.length || !recipes.every(planned) || afterRemoval || RESTATES.test(text)) return undefined;
  return objectFallback(text, ctx);
}

/** Words for the machine itself, in the languages the readers know: what a name in quotes is for. */
const MACHINE = new Set([
  "machine",
  "computer",
  "pc",
  "box",
  "host",
  "hostname",
  "server",
  "laptop",
  "desktop",
  "rig",
  "workstation",
  "rechner",
  "ordinateur",
  "computador",
  "ordenador",
  "maskin",
  "maskinen",
  "datamaskin",
  "tietokone",
  "komputer",
  "komputera",
  "počítač",
  "gép",
  "gep",
  "bilgisayar",
  "calculator",
  "calculatorul",
]);

const QUOTED = /['"‘’“”`]([A-Za-z0-9][A-Za-z0-9-]{0,62})['"‘’“”`]/g;
/** A hostname as §1 allows (RFC 1123), that looks made up: a hyphen or a digit beside letters. */
const MADE_UP = /(?<![\w/.@-])([a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]+[0-9][a-z0-9]*)(?![\w/.@-])/gi;
const NOT_HOST =
  /^(?:sd[a-z]+\d*|nvme\d+n\d+(?:p\d+)?|vd[a-z]+\d*|mmcblk\d+|\d+(?:[.,]\d+)?\s*[kmgt]i?b?|utf-?8|x86[-_]64|ext[234])$/i;

/**
 * The one name a turn gives the machine: in quotes, or a made-up word ("vm-builder-07"), said
 * where the machine is talked about (a word for it, my question for a hostname, or a hostname set
 * the turn before). Never a recipe, disk, size or person already known.
 */
function hostnameNamed(
  text: string,
  tokens: readonly Token[],
  ctx: Ctx,
  recipes: readonly string[],
): string | undefined {
  const { conv, facts } = ctx;
  const last = conv.turns.at(-1)?.decision;
  const about =
    tokens.some((t) => MACHINE.has(t.norm)) ||
    /\b(?:hostname|host name|machine|computer)\b/i.test(text) ||
    (last !== undefined && "reply" in last && /hostname/i.test(last.reply)) ||
    (last !== undefined && "calls" in last && last.calls.some((c) => c.tool === "setHostname"));
  if (!about) return undefined;
  const quoted = [...text.matchAll(QUOTED)].map((m) => m[1]!.toLowerCase());
  const made = [...text.matchAll(MADE_UP)].map((m) => m[1]!.toLowerCase());
  const users = new Set([
    ...facts.users,
    ...conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
  ]);
  // "hostnamectl set-hostname a b": the command's own words are no name
  const ok = (n: string) =>
    !/host|name/.test(n) &&
    /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(n) &&
    !NOT_HOST.test(n) &&
    !recipes.includes(n) &&
    !users.has(n);
  const pool = [...new Set((quoted.length ? quoted : made).filter(ok))];
  return pool.length === 1 ? pool[0] : undefined;
}
