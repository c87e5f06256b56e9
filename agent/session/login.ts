/**
 * The login check: a new system that nobody can log in to as an administrator is almost always a
 * mistake (the user planned a disk and programs and forgot the user). Root gets no password from
 * the installer, so someone must be a user with sudo, or root must be given a password (a plan
 * file's createUser root with a passwordHash). Before confirmation the chat asks; `levitate ask`
 * and `levitate install --plan` warn.
 *
 * The question is worded so that its natural "yes" never starts the install: "Should anna get
 * sudo?" offers exactly that (a "yes" gives anna sudo, screened like any request), and with no
 * user to offer it asks who. Going on without one takes words that say so ("no", "nobody",
 * "install anyway"), then a yes to the plan.
 */

import { ROOT_GRANTING_GROUPS } from "../../tools/createUser.js";
import { leavesItToMe } from "../leftToMe.js";
import { readSudo } from "../safety/sudoReader.js";
import type { PlanCall } from "../types.js";
import { yesNo } from "../yesno.js";

type Call = { tool: string; args: Record<string, unknown> };

/** Why nobody could log in to what a live plan installs, or undefined when someone can. */
export function loginProblem(mode: "live" | "installed", calls: readonly Call[]): string | undefined {
  if (mode !== "live") return undefined;
  const users = calls.filter((c) => c.tool === "createUser");
  if (users.some((u) => u.args.sudo === true || u.args.username === "root")) return undefined;
  const names = users.map((u) => String(u.args.username));
  if (names.length === 0)
    return "Nobody will be able to log in to the new system: the plan creates no user, and root gets no password.";
  const noSudo = `${names.join(", ")} ${names.length === 1 ? "gets" : "get"} no sudo, and root gets no password`;
  // a docker/lxd/incus-admin/libvirt member reaches root through the group's daemon (the plan labels
  // it "as good as sudo"): "nobody can administer" would tell the reviewer that member is harmless
  // (attacker 13 M2)
  const viaGroup = users.flatMap((u) => {
    const groups = Array.isArray(u.args.groups)
      ? u.args.groups.filter((g) => ROOT_GRANTING_GROUPS.has(String(g)))
      : [];
    return groups.length ? [`${String(u.args.username)} (${groups.join(", ")})`] : [];
  });
  if (viaGroup.length)
    return `No one will have sudo on the new system: ${noSudo}. Only ${viaGroup.join(", ")} can reach root, through a group that is as good as sudo.`;
  return `Nobody will be able to administer the new system: ${noSudo}.`;
}

/** What the chat asks: a yes/no offer about the one user who could get sudo, or "who?". */
export interface LoginAsk {
  text: string;
  /** The call a "yes" adds: the planned user, with sudo. */
  offer?: PlanCall;
}

/**
 * The question about a login problem. `refused`: the users the person said should not have sudo
 * (never offered it: the screen would refuse the yes).
 */
export function loginQuestion(
  problem: string,
  calls: readonly PlanCall[],
  refused: readonly string[] = [],
): LoginAsk {
  const candidates = calls.flatMap((c) =>
    c.tool === "createUser" && !refused.includes(c.args.username) ? [c] : [],
  );
  if (candidates.length === 1) {
    const u = candidates[0]!;
    const name = u.args.username;
    return {
      text: `${problem} Should ${name} get sudo? "yes" gives ${name} sudo; "no" leaves the plan as it is.`,
      offer: { tool: "createUser", args: { ...u.args, sudo: true } },
    };
  }
  const taken = new Set([
    ...refused,
    ...calls.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
  ]);
  const example = candidates.length
    ? `"give ${candidates[0]!.args.username} sudo"`
    : `"create user ${["anna", "sam", "alex"].find((n) => !taken.has(n)) ?? "admin"} with sudo"`;
  return { text: `${problem} ${WHO} Say e.g. ${example}, or "nobody" to go on without an administrator.` };
}

/**
 * The planned users whose sudo refusal is on record: a sudo protection, or any earlier turn that
 * names them and whose words refuse them the privilege. The login question never offers a yes/no
 * grant to them (tester 15 D2: "user max, sudo is a hard no" was not kept as a protection, and a
 * hurried second "yes" to "Should max get sudo?" gave it). When unsure, no sudo and a question.
 */
export function refusedOnRecord(
  turns: readonly { user: string }[],
  pending: readonly PlanCall[],
  protections: readonly { kind: string; username?: string }[],
): string[] {
  const names = pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
  const out = new Set(protections.flatMap((p) => (p.kind === "sudo" && p.username ? [p.username] : [])));
  for (const t of turns)
    for (const u of names)
      if (!out.has(u) && new RegExp(`\\b${u}\\b`, "i").test(t.user) && readSudo(t.user, names).refused.has(u))
        out.add(u);
  // "no sudo for anyone except me. me = karl" (tester 24 D2): a refusal said of everyone covers
  // every planned user the same turn does not name as the exception, also one added later ("and
  // my wife greta"), so no yes/no grant is offered to them
  for (const t of turns) {
    const all = refusedToAll(t.user);
    if (!all) continue;
    for (const u of names) if (!all.except.test(u) || !new RegExp(`\\b${u}\\b`, "i").test(t.user)) out.add(u);
  }
  // "no sudo for my kid!!" kept as a refusal of someone the plan does not name ("my", "kid"), and
  // the kid named later ("kid name is mia"): who was refused is unknown, so nobody is offered a
  // yes/no grant; the question asks who (tester 28 F8: two hurried yeses gave mia sudo)
  if (protections.some((p) => p.kind === "sudo" && p.username && !names.includes(p.username)))
    for (const u of names) out.add(u);
  return [...out];
}

/** Words for everyone (or everyone else). */
const EVERYONE =
  "(?:any ?one|any ?body|every ?one|every ?body|all|others|the others|the rest|any ?one else|no ?one else|nobody else)";
const PRIVILEGE = "(?:sudo|admin|administrator|root|superuser|wheel)";
const REFUSED_TO_ALL = [
  // "no sudo for anyone", "don't give admin to anybody else"
  new RegExp(
    String.raw`\b(?:no|not|never|without|dont give|do not give)\b[^.!?;]{0,12}\b${PRIVILEGE}\b[^.!?;]{0,12}\b(?:for|to)\s+${EVERYONE}\b`,
  ),
  // "nobody gets admin", "no one else should have sudo"
  new RegExp(
    String.raw`\b(?:no ?one|no-one|nobody|none of them)\b(?:\s+else)?\s+(?:gets|get|has|have|should (?:get|have)|needs|is|becomes)\b[^.!?;]{0,10}\b${PRIVILEGE}\b`,
  ),
  // "sudo for nobody but me"
  new RegExp(String.raw`\b${PRIVILEGE}\b[^.!?;]{0,10}\b(?:for|to)\s+(?:nobody|no ?one|none)\b`),
];

/**
 * A refusal of sudo said of everyone: "no sudo for anyone", "nobody gets admin", "no one else
 * has sudo", "sudo for nobody but me". `except` matches the names after "except / but / other
 * than / apart from / besides / only" in those words, and the speaker's own name ("me = karl").
 */
export function refusedToAll(text: string): { except: RegExp } | undefined {
  const t = text.toLowerCase().replace(/[’']/g, "");
  const hit = REFUSED_TO_ALL.map((r) => r.exec(t)).find((m) => m);
  if (!hit) return undefined;
  const after = t.slice(hit.index);
  const named = [
    ...after.matchAll(
      /\b(?:except|but|other than|apart from|besides|only)\s+(?:for\s+)?(?:me\s*[,=:]?\s*)?(?:my\s+\w+\s+)?([a-z_][a-z0-9_-]*)/g,
    ),
  ].map((m) => m[1]!);
  // "except me. me = karl", "only me (karl)": the speaker's own name, said after "me"
  const self = [...after.matchAll(/\bme\s*(?:=|:|is|,|\()?\s*(?:i am\s+|im\s+)?([a-z_][a-z0-9_-]*)/g)].map(
    (m) => m[1]!,
  );
  const except = [...named, ...self].filter((n) => !/^(?:me|the|a|an|for|i|im|is|am|to|and|so)$/.test(n));
  return { except: except.length ? new RegExp(`^(?:${except.join("|")})$`) : /^$/ };
}

const WHO = "Who should have sudo?";
const NEEDS_NAME =
  'A yes names nobody: I need the name of the person who gets sudo (e.g. "give anna sudo"), or "nobody" to go on without an administrator. Who should have sudo?';
const CHOOSE_YOURSELF =
  'I won\'t pick who gets administrator rights on your system: name the person (e.g. "give anna sudo"), or say "nobody" to go on without an administrator.';

/** Words that answer "who should have sudo?" with nobody, or that ask to go on regardless. */
const NOBODY =
  /^\s*(?:no(?:pe)?|nobody|no ?one|none|neither|no one needs it|install anyway|anyway|go on anyway|(?:install |go on |continue )?without (?:sudo|one|an? (?:admin|administrator|user))|skip it|not needed)\s*[.!]*\s*$/i;

/**
 * The chat's state around the login question, per plan: a plan that changed is asked about again.
 * `onConfirm` is called for a "yes" to the plan; `answer` for each line while "who?" is open.
 */
export class LoginGate {
  /** The plan (as JSON) whose going-on without an administrator was accepted. */
  private accepted: string | undefined;
  /** The plan (as JSON) for which "who should have sudo?" is open. */
  private askedWho: string | undefined;
  /** The plan (as JSON) for which "should anna get sudo?" was asked. */
  private askedOffer: string | undefined;
  /** The open "who?" question, asked again after a bare "yes". */
  private who = WHO;
  /** The planned people (see `people`) who were refused sudo in answer to the question. */
  private declined: string | undefined;

  /**
   * A "yes" to the plan: undefined lets it go on; else what to ask (and offer) instead. Going on
   * without an administrator takes a "no" to "should anna get sudo?" or "nobody" to "who?".
   */
  onConfirm(
    mode: "live" | "installed",
    pending: readonly PlanCall[],
    refused: readonly string[],
  ): LoginAsk | undefined {
    const problem = loginProblem(mode, pending);
    if (!problem) return undefined;
    const key = JSON.stringify(pending);
    if (this.accepted === key || this.declined === people(pending)) return undefined;
    const ask = loginQuestion(problem, pending, refused);
    if (ask.offer) this.askedOffer = key;
    else {
      this.askedWho = key;
      this.who = ask.text.slice(ask.text.indexOf(WHO));
      this.lastSay = undefined;
    }
    return ask;
  }

  /**
   * Each line before the backend reads it. While "who should have sudo?" is open for this plan,
   * "nobody" accepts going on (the reply to say) and a bare "yes" answers no "who" and asks again;
   * a name or a request ("give lena sudo") is left to the backend. A "no" to "should anna get
   * sudo?" accepts going on and is left to the offer it answers ("OK, I won't add that").
   */
  answer(line: string, pending: readonly PlanCall[]): { say: string } | undefined {
    const key = JSON.stringify(pending);
    // "yeah kim, but no admin rights", "nobody. ana is not admin": sudo refused to everyone the
    // question was about answers it; the backend still reads the words (the refusal is kept)
    if ((this.askedOffer === key || this.askedWho === key) && declinesAll(line, pending)) {
      this.declined = people(pending);
      this.askedOffer = undefined;
      this.askedWho = undefined;
      return undefined;
    }
    if (this.askedOffer === key && (yesNo(line) === false || NOBODY.test(line))) {
      this.accepted = key;
      this.askedOffer = undefined;
      return undefined;
    }
    if (this.askedWho !== key) return undefined;
    if (NOBODY.test(line)) {
      this.accepted = key;
      this.askedWho = undefined;
      return {
        say: 'OK, nobody gets sudo: the new system will have no administrator. Say "yes" to review and run the plan as it is.',
      };
    }
    // "whatever you think": who gets root is no choice I make for the person (agent/leftToMe.ts)
    if (leavesItToMe(line)) return this.say(CHOOSE_YOURSELF);
    // "yes", "sure", "k" names nobody: never the install, and never the same question twice in a
    // row (tester 15 W9: a hurried "yes" got the question again, forever): once in one line what it
    // needs, then the question again
    if (yesNo(line) === true) return this.say(this.lastSay === NEEDS_NAME ? this.who : NEEDS_NAME);
    this.lastSay = undefined;
    return undefined;
  }

  /** What the gate said last, so that a second yes in a row is answered differently. */
  private lastSay: string | undefined;

  private say(text: string): { say: string } {
    this.lastSay = text;
    return { say: text };
  }
}

/** The planned accounts and their sudo, the people the login question is about. */
function people(pending: readonly PlanCall[]): string {
  return JSON.stringify(
    pending.flatMap((c) => (c.tool === "createUser" ? [[c.args.username, c.args.sudo === true]] : [])).sort(),
  );
}

/** The words refuse sudo to every planned account, or open with a "nobody" ("nobody. ana is not admin"). */
function declinesAll(line: string, pending: readonly PlanCall[]): boolean {
  const names = pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
  if (!names.length) return false;
  const first = line.split(/[.;!]\s|,\s*/)[0] ?? "";
  if (first !== line && /^\s*(?:nobody|no ?one|none|neither)\s*$/i.test(first)) return true;
  const { refused, granted, groupGrant } = readSudo(line, names);
  return granted.size === 0 && !groupGrant && names.every((n) => refused.has(n));
}
