import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";

/**
 * Answers to my sudo question ("Who should have sudo?", "Should ana get sudo?"), hurried user 10
 * D3/W4: "not ana", "ok ben only, not ana", "yes (not ben tho)", "ben only", "ana no, ben yes",
 * "lou yes, kim no". Read as they stood, "not ana" dropped ana's account and "ben only" or "ana
 * no, ben yes" were nothing. An answer to that question is about sudo, person by person: each name
 * of a planned account is said plainly as a grant ("give ben sudo") or a refusal ("no sudo for
 * ana"), which every reader already knows, so the refusal is recorded and no account is removed.
 * Said once, before any reader (agent/conversation.ts); only right after my question, and only
 * when every word of the answer is a planned name, a yes/no, or a word that scopes them.
 */

const ASKED = /\bWho should have sudo\?|\bShould ([a-z_][a-z0-9_-]*) get sudo\?/;

const YES = new Set([
  "yes",
  "yeah",
  "yep",
  "yup",
  "sure",
  "ok",
  "okay",
  "y",
  "ya",
  "yea",
  "gets",
  "get",
  "admin",
  "sudo",
  "him",
  "her",
  "them",
]);
const NO = new Set([
  "no",
  "not",
  "nope",
  "nah",
  "never",
  "none",
  "n",
  "without",
  "dont",
  "doesnt",
  "shouldnt",
]);
const ONLY = new Set(["only", "just", "alone"]);
const FILLER = new Set([
  "ok",
  "okay",
  "so",
  "then",
  "tho",
  "though",
  "pls",
  "please",
  "thanks",
  "for",
  "and",
  "the",
  "one",
  "too",
  "also",
  "is",
  "a",
  "kid",
  "child",
  "its",
  "it",
  "should",
  "have",
  "has",
  "way",
  "obviously",
  "obvs",
  "of",
  "course",
  "give",
  "to",
  "other",
  "both",
  "everyone",
  "all",
  "anyone",
  "anybody",
  "everybody",
  "them",
  "of",
  "us",
  "rights",
  "hmm",
  "well",
  "i",
  "guess",
  "think",
  "mean",
  "meant",
  "he",
  "she",
  "they",
  "can",
  "may",
  "gets",
  "get",
  "wait",
]);
const EVERYONE = new Set(["everyone", "everybody", "both", "all", "anyone", "anybody"]);

function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/['’]/g, "")
      .match(/[a-z0-9_-]+/g) ?? []
  );
}

/**
 * The answer said plainly, or the text as it was. `pending`: the plan, whose accounts are the
 * people the answer can name.
 */
export function saySudoAnswer(
  text: string,
  last: Decision | undefined,
  pending: readonly PlanCall[],
): string {
  if (!last || !("reply" in last)) return text;
  const q = ASKED.exec(last.reply);
  if (!q) return text;
  const people = pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
  if (people.length === 0) return text;
  const offered = q[1];
  // the answer in clauses: "ana no, ben yes", "ok ben only, not ana", "yes (not ben tho)"
  const clauses = text
    .toLowerCase()
    .split(/[,;()/]|\.\s|\bbut\b|\bexcept\b(?=\s)/)
    .map(words)
    .filter((w) => w.length);
  if (!clauses.length) return text;
  if (!words(text).some((x) => people.includes(x) || EVERYONE.has(x))) return text;
  const grant = new Set<string>();
  const refuse = new Set<string>();
  let onlyGrant = false;
  let everyoneBut = false;
  const lower = text.toLowerCase();
  for (const [ci, w] of clauses.entries()) {
    for (const x of w)
      if (!people.includes(x) && !YES.has(x) && !NO.has(x) && !ONLY.has(x) && !FILLER.has(x)) return text;
    const names = w.filter((x) => people.includes(x));
    const pos = w.some((x) => YES.has(x));
    // "anyone but ana", "everyone except ana": the clause after the split refuses, the rest get it
    if (!names.length && w.some((x) => EVERYONE.has(x)) && !w.some((x) => NO.has(x))) {
      if (ci + 1 < clauses.length) everyoneBut = true;
      else for (const p of people) grant.add(p);
      continue;
    }
    // "yes (not ben tho)": the bare yes answers "Should ana get sudo?"
    if (!names.length) {
      if (offered && people.includes(offered) && ci === 0 && pos) grant.add(offered);
      continue;
    }
    for (const n of names) {
      const i = w.indexOf(n);
      // "ana is not admin", "ana should not have sudo": a no after the name, before the next name,
      // is hers (read as a grant, the answer gave ana the sudo it refused)
      const next = w.findIndex((x, k) => k > i && people.includes(x));
      const span = w.slice(i + 1, next < 0 ? w.length : next);
      const refused =
        w.slice(0, i).some((x) => NO.has(x)) ||
        NO.has(w[i + 1] ?? "") ||
        span.some((x, k) => NO.has(x) && (next < 0 || k < span.length - 1)) ||
        (w.includes("kid") && !pos) ||
        (everyoneBut && !pos) ||
        followsBut(lower, n);
      (refused ? refuse : grant).add(n);
      if (!refused && w.some((x) => ONLY.has(x))) onlyGrant = true;
    }
  }
  if (everyoneBut) for (const p of people) if (!refuse.has(p)) grant.add(p);
  if (onlyGrant) for (const p of people) if (!grant.has(p)) refuse.add(p);
  for (const n of grant) refuse.delete(n);
  if (!grant.size && !refuse.size) return text;
  const said = [...[...grant].map((n) => `give ${n} sudo.`), ...[...refuse].map((n) => `no sudo for ${n}.`)];
  return said.join(" ");
}

/** "anyone but ana", "yes except ben": the name comes after a "but" or an "except". */
function followsBut(text: string, name: string): boolean {
  const at = text.search(new RegExp(`\\b${name}\\b`));
  const but = Math.max(text.lastIndexOf("but ", at), text.lastIndexOf("except ", at));
  return at > 0 && but >= 0 && but < at;
}
