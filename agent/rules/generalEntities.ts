import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";
import { type Ctx, finish } from "./context.js";
import { notAName, usernameCandidate } from "./nameCandidates.js";
import { shapedDrop } from "./pendingDropShape.js";
import { shapedRemovals } from "./removalShape.js";
import type { Token } from "./text.js";
import { normalizeTokens, STOP } from "./tokens.js";
import { KEYBOARD_WORDS, MACHINE_WORDS } from "./vocab.js";
import { isWordName } from "./wordNames.js";

/**
 * A general reading of the known things a turn names (issue 14, twenty-first round), for a turn the
 * word-list readers read nothing in, or only "nothing to do", "not a recipe", "Go ahead with the
 * plan?", "What should the new user be called?", or a keep of other programs.
 *
 * Every round's fresh voices act with verbs no reader knows ("sell wget", "flush out curl", "btop
 * may deplane"), and a verb added from one set never carried to the next. What is steadier is the
 * SHAPE of the turn: one known thing (an installed program), the place it takes in its clause (the
 * object of an imperative, the subject of a going-away word), and the other things the same turn
 * keeps. So this reads the shape, not the verb:
 * - an installed program, not kept, in a clause of its own whose object or subject it is, is removed
 *   where the clause says it goes ("tear out yq", "htop goes", "take wget out": a particle of going
 *   away), or where the same turn keeps other installed programs and the clause acts on this one with
 *   a verb of its own ("Keep git and curl. Sell wget.": the contrast says which way the verb points);
 * - anything else stays as the readers left it: a removal whose direction the words do not show is a
 *   question (objectFallback.ts asks "Remove X, or keep it?"), never made.
 * Removal is destructive: a kept program is never taken (and the safety screen refuses it again),
 * nor one of the base system; a negated, kept, conditional or questioned clause gives nothing.
 * The same holds for the machine and for people: a name after "name ...:" names the machine
 * (namedHost), a name beside a grant or refusal of sudo is a person (sudoPeople), read again as
 * "user NAME" so that sudo comes only from the readers that grant it, never from here.
 */

/** The replies of readers that read nothing they could act on. */
const READ_NOTHING = /^I didn't find anything to do in that\./;
const KEPT_ONLY = /^OK, kept: /;
/** The user reader's question for an account it found no name for (users.ts askName). */
const ASKED_NAME = /^What should the new user be called\?/;
/** My plan question for an unread turn while a plan is pending (objectFallback.ts). */
const GO_AHEAD = /^Go ahead with the plan\? \(yes\/no\)$/;
const NOT_A_RECIPE = /is not a recipe here\.|^No recipe named \S+; available|^There is no recipe named /;
const ASKED_REMOVAL = /^(?:Remove [a-z0-9._+-]+, or keep it\?\s*)+/;

/**
 * The word "name" in the languages the readers know, and "hostname" typed without its vowels
 * ("hstnm"): what a turn that names the machine says before the name.
 */
const NAME_WORDS = new Set([
  "name",
  "named",
  "hostname",
  "hstnm",
  "nome",
  "nom",
  "nombre",
  "ime",
  "imię",
  "imie",
  "jméno",
  "jmeno",
  "meno",
  "navn",
  "namn",
  "nimi",
  "naam",
  "név",
  "nev",
  "nama",
  "nafn",
]);

/** Words that make a name a person's ("username anna", "my name is ana", "the guest's name"). */
const PERSON_SIDE =
  /\b(?:user|users|username|account|accounts|login|person|people|guest|guests|me|my|i|i'm|im|he|she|his|her|him|dog|cat|pet|wife|husband|son|daughter|kid|child|baby)\b/i;

/** A word as RFC 1123 allows a hostname (§1), two characters or more. */
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$/;

/**
 * The one name a turn gives by the shape "NAME-WORD ...: X" or "NAME-WORD (up to three words) X" at
 * the end of its sentence ("Name on the sign: mels-diner", "hstnm: forest", "please name the property
 * seaview", "Ime računalnika naj bo kuhinja"). Never in a turn about a person, never a known word,
 * program, user or disk.
 */
export function namedHost(text: string, ctx: Ctx): string | undefined {
  const { facts, conv } = ctx;
  if (text.includes("?") || PERSON_SIDE.test(text)) return undefined;
  const tokens = normalizeTokens(text, facts);
  const sentences: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === "punct" && /^[.;!?]$/.test(t.norm)) sentences.push([]);
    else sentences.at(-1)!.push(t);
  }
  const known = new Set([
    ...facts.recipes,
    ...facts.installed,
    ...facts.users,
    ...conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
  ]);
  const found: string[] = [];
  for (const s of sentences) {
    const named = s.findIndex((t) => t.kind === "word" && NAME_WORDS.has(t.raw.toLowerCase()));
    // "Ticker for the box: alpha-desk-2": a word for the machine labels the one word after a colon
    const machine = s.findIndex((t) => t.kind === "word" && MACHINE_WORDS.has(t.norm));
    const at = named >= 0 ? named : machine;
    const last = s.at(-1);
    if (at < 0 || !last || last.kind !== "word" || s.indexOf(last) <= at) continue;
    const colon = s.findIndex((t, i) => i > at && t.norm === ":");
    const between = s.slice(at + 1, -1).filter((t) => t.kind === "word").length;
    // "name on the sign: X": one word after the colon; "name the property X": close to the word
    const shaped = colon >= 0 ? colon === s.length - 2 : named >= 0 && between <= 3;
    if (!shaped) continue;
    const name = last.raw.toLowerCase();
    if (
      !HOST_LABEL.test(name) ||
      STOP.has(name) ||
      STOP.has(last.norm) ||
      NAME_WORDS.has(name) ||
      known.has(name) ||
      known.has(last.norm) ||
      /^(?:sd[a-z]+\d*|nvme\d+n\d+(?:p\d+)?|vd[a-z]+\d*|\d+[kmgt]?b?)$/.test(name)
    )
      continue;
    if (!found.includes(name)) found.push(name);
  }
  return found.length === 1 ? found[0] : undefined;
}

/** What stands between a person's name and "sudo": "anna with sudo", "tess (sudo)", "ash, no sudo". */
const SUDO_LEAD = new Set(["with", "without", "no", "full", "neither", "both", "(", ",", ":", "-", "="]);
/** What follows a later name of the same list: "anna with sudo, ben without". */
const LIST_TAIL = new Set(["with", "without", "("]);

/** A word that can be a person's name here: a username, no known word, program or disk. */
export function personAt(t: Token | undefined, ctx: Ctx): string | undefined {
  if (t?.kind !== "word" || !/^[A-Za-z][a-z]+$/.test(t.raw)) return undefined;
  const n = usernameCandidate(t, ctx.facts);
  if (!n || n !== t.raw.toLowerCase() || notAName(n) || isWordName(n)) return undefined;
  const { facts } = ctx;
  if (facts.recipes.includes(n) || facts.installed.includes(n) || facts.users.includes(n)) return undefined;
  if (MACHINE_WORDS.has(n) || NAME_WORDS.has(n)) return undefined;
  return n;
}

/**
 * The people a turn names by the shape of a grant or refusal of sudo beside a name ("Guests tonight:
 * anna with sudo, ben without", "Party: tess (sudo), joss (no sudo)", "the surveyors: kim and lee,
 * neither with sudo"). "sudo" says the talk is of accounts; the word before its lead is the name, and
 * a list joined to it by "and" or a comma. Whether each gets sudo is the grant readers' business.
 */
export function sudoPeople(text: string, ctx: Ctx): string[] {
  const tokens = normalizeTokens(text, ctx.facts);
  const out: string[] = [];
  const add = (n: string | undefined) => {
    if (n && !out.includes(n)) out.push(n);
  };
  const stop = (t: Token | undefined) => !t || (t.kind === "punct" && /^[.;!?]$/.test(t.norm));
  tokens.forEach((t, j) => {
    if (t.norm !== "sudo" || t.raw.toLowerCase() !== "sudo") return;
    let k = j - 1;
    let leads = 0;
    while (k >= 0 && leads < 3 && SUDO_LEAD.has(tokens[k]!.norm)) {
      k--;
      leads++;
    }
    const name = leads ? personAt(tokens[k], ctx) : undefined;
    if (!name) return;
    add(name);
    // "kim and lee, neither with sudo": the list before it
    for (let i = k - 2; i >= 0; i -= 2) {
      const join = tokens[i + 1]!;
      if (!(join.norm === "and" || join.norm === "," || join.norm === "&")) break;
      const more = personAt(tokens[i], ctx);
      if (!more) break;
      add(more);
    }
    // "anna with sudo, ben without": the list after it
    for (let i = j + 1; i < tokens.length && !stop(tokens[i]); i++) {
      if (tokens[i]!.norm !== ",") continue;
      const more = personAt(tokens[i + 1], ctx);
      const tail = tokens[i + 2];
      if (more && (stop(tail) || LIST_TAIL.has(tail!.norm))) add(more);
    }
  });
  return out;
}

/** The locale reader's question for a keyboard word with no layout (localeCall.ts). */
const ASKED_LAYOUT = /^Which keyboard layout\? e\.g\. "German keyboard", "us", "fr"\./;

/**
 * "user tommy, NO keys to the office for him", "he gets the keys to the cellar": where "keys" is
 * the only keyboard word and no layout is named, in a turn about an account, the keys are the
 * account's access, never a keyboard to ask about. The turn is read again with "access" for them,
 * and taken only where that reads accounts and no setting.
 */
function keysOfAccess(
  d: Decision & { reply: string },
  text: string,
  ctx: Ctx,
  reread: (text: string, ctx: Ctx) => Decision,
): Decision | undefined {
  if (!ASKED_LAYOUT.test(d.reply) || !ctx.allowed.includes("createUser")) return undefined;
  const keyboardWords = normalizeTokens(text, ctx.facts).filter((t) => KEYBOARD_WORDS.has(t.norm));
  if (!keyboardWords.length || keyboardWords.some((t) => !/^keys?$/i.test(t.raw))) return undefined;
  const again = reread(text.replace(/\bkeys\b/gi, "access"), ctx);
  if (!("calls" in again)) return undefined;
  if (!again.calls.some((c) => c.tool === "createUser") || again.calls.some((c) => c.tool === "setLocale"))
    return undefined;
  return again;
}

/**
 * The general reading, applied only to a decision that read nothing to act on. Returns the
 * decision it replaces, or the same one.
 */
export function generalEntities(
  d: Decision,
  text: string,
  ctx: Ctx,
  reread: (text: string, ctx: Ctx) => Decision,
): Decision {
  // "Mulligan on tmux, it stays", "Throw the btop back": a pending step said the other way is dropped
  const dropped = shapedDrop(d, text, ctx);
  if (dropped) return dropped;
  if (!("reply" in d)) return d;
  const keys = keysOfAccess(d, text, ctx, reread);
  if (keys) return keys;
  if (d.offer) return namedBesideOffer(d, text, ctx, reread) ?? d;
  const r = d.reply;
  // "Realm name: ashenvale" while a plan is pending: a name for the machine, no answer to the plan
  if ((READ_NOTHING.test(r) || GO_AHEAD.test(r)) && ctx.allowed.includes("setHostname")) {
    const host = namedHost(text, ctx);
    if (host) {
      const f = finish([{ tool: "setHostname", args: { hostname: host } } as PlanCall], ctx);
      if ("calls" in f) return f;
    }
  }
  // "Guests tonight: anna with sudo, ben without": each name read again as "user NAME", so the
  // readers that know sudo decide it (and the safety screen checks it) as for any account
  if (
    (READ_NOTHING.test(r) || GO_AHEAD.test(r) || ASKED_NAME.test(r)) &&
    ctx.allowed.includes("createUser")
  ) {
    const people = sudoPeople(text, ctx);
    if (people.length) {
      let said = text;
      for (const p of people) said = said.replace(new RegExp(`\\b${p}\\b`, "i"), (m) => `user ${m}`);
      const again = reread(said, ctx);
      const users = "calls" in again ? again.calls.filter((c) => c.tool === "createUser") : [];
      if (
        "calls" in again &&
        users.length === again.calls.length &&
        people.every((p) => users.some((u) => u.tool === "createUser" && u.args.username === p)) &&
        users.length === people.length
      )
        return again;
    }
  }
  if (!(READ_NOTHING.test(r) || KEPT_ONLY.test(r) || NOT_A_RECIPE.test(r) || ASKED_REMOVAL.test(r))) return d;
  // a destroying word of disks ("wipe", "erase") belongs to the disk readers, never here
  if (/\b(?:wipe|erase|format|partition)\b/i.test(text)) return d;
  const removed = ctx.allowed.includes("removeRecipe") ? shapedRemovals(text, ctx.facts, ctx.conv) : [];
  if (removed.length) {
    const f = finish(
      removed.map((name) => ({ tool: "removeRecipe", args: { name } }) as PlanCall),
      ctx,
    );
    if ("calls" in f) return f;
  }
  return d;
}

/**
 * "Lead passenger omar, sudo. Timezone Africa/Cairo.": the user reader found no name, asked for one
 * and offered the rest of the turn. The name beside the grant or refusal (sudoPeople) is read again
 * as "user NAME", as for a turn with nothing else in it; taken only where the reading gives exactly
 * those people and, besides them, exactly the calls that were offered, none of which erases a disk
 * or removes a program (those stay a question: this only settles who the account is for).
 */
function namedBesideOffer(
  d: Extract<Decision, { reply: string }>,
  text: string,
  ctx: Ctx,
  reread: (text: string, ctx: Ctx) => Decision,
): Decision | undefined {
  if (!ASKED_NAME.test(d.reply) || !d.offer || !ctx.allowed.includes("createUser")) return undefined;
  const offered = d.offer.calls;
  if (offered.some((c) => c.tool === "partitionDisk" || c.tool === "removeRecipe" || c.tool === "createUser"))
    return undefined;
  const people = sudoPeople(text, ctx);
  if (!people.length) return undefined;
  let said = text;
  for (const p of people) said = said.replace(new RegExp(`\\b${p}\\b`, "i"), (m) => `user ${m}`);
  const again = reread(said, ctx);
  if (!("calls" in again)) return undefined;
  const users = again.calls.filter((c) => c.tool === "createUser");
  const rest = again.calls.filter((c) => c.tool !== "createUser");
  const key = (c: PlanCall) => JSON.stringify([c.tool, c.args]);
  const sameRest =
    rest.length === offered.length && rest.every((c) => offered.some((o) => key(o) === key(c as PlanCall)));
  if (
    !sameRest ||
    users.length !== people.length ||
    !people.every((p) => users.some((u) => u.tool === "createUser" && u.args.username === p))
  )
    return undefined;
  return again;
}
