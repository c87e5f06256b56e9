import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ToolName } from "../../tools/types.js";
import { functionWord, NEVER_NAMES } from "../rules/functionWords.js";
import { userOfLastTurn } from "../rules/renameShapes.js";
import { diskWord, NO_ONE_WORDS, namesPerson, reservedUsername } from "../rules/userNames.js";
import { renameOf } from "../rules/userRename.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * Words are not user names (findings3 DANGEROUS 2 and 5, WRONG 4): "let lena run sudo for
 * installing stuff" names a purpose, never an account "installing"; after a sudo refusal, "add fd"
 * installs fd; "add user ana with sudo and hyprland", "pat needs sudo, thats the whole point",
 * "remove user thats, typo" create no account "hyprland", "thats" or "typo". Read for every backend
 * (agent/turn.ts): before it decides, a purpose after sudo is taken out of the words when the
 * sentence names a person who is already known; after, a createUser of a word that is a program
 * here, a system account or a word no one is called is dropped (a program the words ask to add is
 * installed instead). A createUser that would fail validation never leaves here as a call.
 */

/** Words after "user" that name no one ("the user thing", "the users too"). */
const GENERIC = new Set([
  "thing",
  "things",
  "stuff",
  "account",
  "accounts",
  "one",
  "part",
  "step",
  "bit",
  "idea",
  "too",
  "also",
  "and",
  "please",
  "pls",
  "i",
  "we",
  "with",
  "without",
  "for",
  "is",
  "are",
  "was",
]);

/** Whether a word that became a username is no one's name here. */
export function notAName(name: string, facts: Facts): boolean {
  const n = name.toLowerCase();
  return NO_ONE_WORDS.has(n) || reservedUsername(n) || diskWord(n, facts) || facts.recipes.includes(n);
}

/**
 * Whether the user called `name` may be created from these words: a person the conversation
 * knows, a name the words put where a name goes (agent/rules/userNames.ts), or the answer to my
 * question asking for one. "make me admin i think thats …" never creates "think".
 */
function nameSaid(name: string, conv: ConversationView, facts: Facts): boolean {
  const n = name.toLowerCase();
  if (knownPeople(conv, facts).has(n)) return true;
  if (conv.entities.some((e) => e.kind === "user" && String(e.value).toLowerCase() === n)) return true;
  if (namesPerson(conv.user, n, facts)) return true;
  // "rename bob to robert", "robert not bob": the new name of a user the conversation knows
  const lastUser = [...conv.entities].reverse().find((e) => e.kind === "user")?.value;
  const said = conv.user.toLowerCase().match(/[a-z0-9_'-]+/g) ?? [];
  const shape = { text: conv.user, thatUser: userOfLastTurn(conv.turns) };
  if (renameOf(said, knownPeople(conv, facts), lastUser, [], shape)?.to === n) return true;
  const last = conv.turns.at(-1)?.decision;
  return last !== undefined && "reply" in last && /\bcalled\?|\buser ?name\b/i.test(last.reply);
}

/** The people the conversation knows: accounts on the machine and users planned. */
function knownPeople(conv: ConversationView, facts: Facts): Set<string> {
  const out = new Set(facts.users.filter((u) => u !== "root").map((u) => u.toLowerCase()));
  for (const c of conv.pending) if (c.tool === "createUser") out.add(c.args.username.toLowerCase());
  return out;
}

const PURPOSE =
  /\b(sudo|admin|root|wheel|admin\s+rights|root\s+access)\b([^.,;!?]*?)\s+for\s+((?:the\s+|my\s+|our\s+|some\s+|his\s+|her\s+)?[a-z][\w-]*(?:\s+(?:stuff|things|and\s+stuff|etc))?)/gi;

/**
 * What follows "sudo for" / "admin rights for" when it counts people rather than naming a purpose:
 * "for none of them", "for nobody", "for no one", "for anyone", "for neither", "for all of them".
 * It is the privilege said of every user named (a refusal, or a grant), never a purpose and never
 * a user name, so it stays in the words.
 */
const QUANTIFIER =
  /^\s*(?:none|nobody|noone|no[\s-]+one|no[\s-]+body|anyone|anybody|any|either|neither|everyone|everybody|every|all|both|each)\b/i;

/**
 * "lena wants sudo for docker" → "lena wants sudo": the purpose is taken out when the words name a
 * known person and the purpose is not one of them. Undefined when there is nothing to take out.
 */
export function withoutPurpose(conv: ConversationView, facts: Facts): string | undefined {
  const people = knownPeople(conv, facts);
  const said = new Set(conv.user.toLowerCase().match(/[a-z][\w-]*/g) ?? []);
  const named = [...people].some((p) => said.has(p));
  let changed = false;
  const out = conv.user.replace(PURPOSE, (all, word: string, mid: string, what: string, at: number) => {
    // "sudo for nobody", "admin rights for none of them": who gets it, not what for
    if (QUANTIFIER.test(conv.user.slice(at + all.length - what.length))) return all;
    const head = what
      .toLowerCase()
      .replace(/^(?:the|my|our|some|his|her)\s+/, "")
      .split(/\s+/)[0]!;
    // "admin for me (alex)", "sudo for him": who gets it, never a purpose
    // "no sudo for the user lena": "the user" names who, it is no purpose
    if (people.has(head) || ["me", "myself", "him", "her", "them", "us", "user", "account"].includes(head))
      return all;
    if (!named && !notAName(head, facts)) return all;
    changed = true;
    return `${word}${mid}`;
  });
  return changed ? out : undefined;
}

/**
 * The decision without createUser calls for words that are no one's name: a program the words ask
 * to add becomes its install; the rest is dropped. `removed` lists the words dropped.
 */
export function screenUserNames<D extends Decision | unknown>(
  decision: D,
  conv: ConversationView,
  facts: Facts,
  allowed: readonly ToolName[],
): { decision: D | Decision; removed: string[] } {
  if (typeof decision !== "object" || decision === null) return { decision, removed: [] };
  if ("drop" in decision && Array.isArray(decision.drop)) return screenUserDrops(decision as Decision, conv);
  if (!("calls" in decision) || !Array.isArray(decision.calls)) return { decision, removed: [] };
  const removed: string[] = [];
  const calls: PlanCall[] = [];
  const text = conv.user.toLowerCase();
  for (const call of decision.calls as PlanCall[]) {
    // "create user neovim": a program's name said as the user's name is that user's
    const explicit =
      call.tool === "createUser" &&
      typeof call.args?.username === "string" &&
      facts.recipes.includes(call.args.username) &&
      new RegExp(`\\b(?:user|account|called|named)\\s+${call.args.username}\\b`).test(text);
    if (
      call.tool !== "createUser" ||
      typeof call.args?.username !== "string" ||
      // "user na jun", "no sudo, ever": a word that holds the sentence together is no one's name
      ((!notAName(call.args.username, facts) || explicit) &&
        !functionWord(call.args.username, conv.user) &&
        nameSaid(call.args.username, conv, facts))
    ) {
      calls.push(call);
      continue;
    }
    const name = call.args.username.toLowerCase();
    removed.push(name);
    const asked = new RegExp(`\\b(?:add|install|get|put|want|need)\\b[^.;!?]*\\b${name}\\b`).test(text);
    if (
      facts.recipes.includes(name) &&
      asked &&
      allowed.includes("installRecipe") &&
      !calls.some((c) => c.tool === "installRecipe" && c.args.name === name)
    )
      calls.push({ tool: "installRecipe", args: { name } });
  }
  if (!removed.length) return { decision, removed };
  // a word dropped as a user is said, never left out in silence ("hyprland" installed instead is no drop)
  // "well", "not": a negator or a filler was never meant as a name, so it goes without a word
  const unsaid = removed.filter(
    (r) => !calls.some((c) => c.tool === "installRecipe" && c.args.name === r) && !NEVER_NAMES.has(r),
  );
  if (calls.length && !unsaid.length) return { decision: { calls }, removed };
  if (calls.length)
    return {
      decision: {
        reply: `${unsaid.map((r) => `"${r}"`).join(", ")} ${unsaid.length > 1 ? "are" : "is"} not a name I would create an account for, so I added no user for ${unsaid.length > 1 ? "them" : "it"} (to add one, say "add user NAME"). Shall I add the rest (${calls.map(restText).join(", ")})?`,
        offer: { calls },
      },
      removed,
    };
  return {
    decision: {
      reply: `${removed.map((r) => `"${r}"`).join(", ")} ${removed.length > 1 ? "are" : "is"} ${removed.every((r) => reservedUsername(r)) ? "an account the system already has or keeps for itself" : "not a name I would create an account for"}, so I added no user. To add a user, say "add user NAME" (NAME: lowercase letters, digits, - or _).`,
    },
    removed,
  };
}

/**
 * "remove user thats, typo" while thats is not planned: a drop of a user the words do not name is
 * never made (it would take out the one user who has sudo).
 */
function screenUserDrops(
  decision: Decision,
  conv: ConversationView,
): { decision: Decision; removed: string[] } {
  if (!("drop" in decision)) return { decision, removed: [] };
  const said = new Set(conv.user.toLowerCase().match(/[a-z_][\w-]*/g) ?? []);
  // "remove user thats" names someone; "forget the whole user thing" does not
  const named = [
    ...conv.user.toLowerCase().matchAll(/\busers?\s+(?:called\s+|named\s+)?([a-z_][\w-]*)/g),
  ].some((m) => !GENERIC.has(m[1]!));
  const keep = decision.drop.filter(
    (d) => !(d.tool === "createUser" && named && d.args.username && !said.has(d.args.username.toLowerCase())),
  );
  if (keep.length === decision.drop.length) return { decision, removed: [] };
  if (keep.length) return { decision: { drop: keep }, removed: [] };
  const planned = conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
  return {
    decision: {
      reply: `That user is not in the plan, so I dropped nothing.${planned.length ? ` Users planned: ${planned.join(", ")}.` : ""}`,
    },
    removed: [],
  };
}

/** A call in the words of "Shall I add the rest (…)?". */
function restText(c: PlanCall): string {
  if (c.tool === "partitionDisk") return `install on ${c.args.disk}`;
  if (c.tool === "createUser") return `user ${c.args.username}`;
  if (c.tool === "installRecipe") return `install ${c.args.name}`;
  if (c.tool === "removeRecipe") return `remove ${c.args.name}`;
  if (c.tool === "setHostname") return `hostname ${c.args.hostname}`;
  return "language, keyboard and time zone";
}
