import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { essentialReason } from "../../tools/essential.js";

/**
 * `levitate ask` answers from the facts what the facts can answer, where the reply said it could
 * not or answered something else (tester 27 R2: F11, F13, F14, F38; F28 "what do u have").
 * Each reading here only rewrites a reply that plans nothing into a better reply that plans
 * nothing: no call is added or taken away, so no reading here can change the machine.
 */

const W = "[a-z][a-z0-9._+-]*";

/** Damerau-Levenshtein distance (adjacent transpositions count one: "pyhton" is one from "python"). */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/**
 * The recipe names nearest a misspelt one: within a third of its length (at least one edit), or
 * the word plus a version digit ("python" → python3). Short words (under 3 letters) get none.
 */
export function nearestNames(word: string, pool: readonly string[]): string[] {
  const w = word.toLowerCase();
  if (w.length < 3) return [];
  const budget = Math.max(1, Math.floor(w.length / 3));
  const scored = pool
    .map((n) => ({ n, d: Math.min(typoDistance(w, n), typoDistance(w, n.replace(/[0-9]+$/, "")) + 0.5) }))
    .filter((x) => x.d <= budget)
    .sort((a, b) => a.d - b.d);
  if (!scored.length) return [];
  const best = scored[0]!.d;
  return scored.filter((x) => x.d === best).map((x) => x.n);
}

const REMOVE = /\b(?:remove|uninstall|delete|purge|drop|ditch|get\s+rid\s+of|rid\s+of)\b/i;

function listed(names: readonly string[]): string {
  return names.length ? names.join(", ") : "nothing";
}

/** "There is no recipe named pyhton." → the nearest names, and for a removal what is installed. */
function noRecipe(reply: string, text: string, facts: Facts): string | undefined {
  const m = /There is no recipe named (\S+?)( \(did you mean [^)]*\))?\./.exec(reply);
  if (!m) return undefined;
  const removing = REMOVE.test(text);
  const extra: string[] = [];
  if (!m[2]) {
    const near = nearestNames(m[1]!, removing ? facts.installed : facts.recipes);
    if (near.length)
      extra.push(
        `The nearest name${near.length > 1 ? "s" : ""}: ${near.map((n) => `${n}${facts.installed.includes(n) ? " (installed)" : ""}`).join(", ")}.`,
      );
  }
  if (removing && facts.mode === "installed")
    extra.push(
      `Installed here: ${listed(facts.installed)}. Name the ones to remove (e.g. levitate ask "remove ${facts.installed.find((n) => !essentialReason(n, facts)) ?? "fd"}").`,
    );
  if (!extra.length) return undefined;
  return reply.replace(m[0], `${m[0]} ${extra.join(" ")}`);
}

/** "who has sudo here?", "who is admin": the facts list accounts, not their groups. */
function whoHasSudo(text: string, facts: Facts): string | undefined {
  if (facts.mode !== "installed") return undefined;
  if (
    !/\bwho\b[^.!]*\b(?:sudo|sudoers?|admins?|administrators?|wheel|root\s+(?:rights|access))\b/i.test(text)
  )
    return undefined;
  const accounts = facts.users.filter((u) => u !== "root");
  return `I can't see group membership from here (accounts on this system: ${listed(accounts)}). To see who has sudo, run: getent group wheel`;
}

/** "what do you have?", "what programs can i get?", "what's available". */
function whatIsAvailable(text: string, reply: string, facts: Facts): string | undefined {
  if (!/^I can't answer that from here\b|^I didn't find anything to do\b/.test(reply)) return undefined;
  const t = text.toLowerCase();
  const asks =
    /\bwhat\b[^.!]*\b(?:do\s+(?:you|u|ya)\s+(?:have|got|offer)|have\s+(?:you|u)\s+got|(?:you|u)\s+got|is\s+available|s\s+available|are\s+available|can\s+(?:i|you|u)\s+(?:install|get|add)|programs?|apps?|software|recipes?|packages?)\b/.test(
      t,
    ) || /\b(?:list|show)\b[^.!]*\b(?:programs?|apps?|software|recipes?|packages?)\b/.test(t);
  if (!asks) return undefined;
  const notInstalled = facts.recipes.filter((r) => !facts.installed.includes(r));
  return `${facts.mode === "installed" ? `Installed: ${listed(facts.installed)}. ` : ""}Available to install: ${listed(notInstalled)}. To add one: levitate ask "install ${notInstalled[0] ?? "fd"}".`;
}

/** "can i remove git safely?", "is it ok to uninstall vlc": answered, and the command given. */
function canIRemove(text: string, facts: Facts): string | undefined {
  if (facts.mode !== "installed") return undefined;
  const m = new RegExp(
    `^\\s*(?:can|could|may|should|shall)\\s+(?:i|we|you|u)\\s+(?:safely\\s+)?(?:remove|uninstall|delete|get\\s+rid\\s+of)\\s+(?:the\\s+)?(${W})\\b[^?]*\\?\\s*$|^\\s*is\\s+it\\s+(?:ok|okay|safe|fine)\\s+to\\s+(?:remove|uninstall|delete)\\s+(?:the\\s+)?(${W})\\b[^?]*\\?\\s*$`,
    "i",
  ).exec(text);
  const name = (m?.[1] ?? m?.[2])?.toLowerCase();
  if (!name || !facts.installed.includes(name)) return undefined;
  const why = essentialReason(name, facts);
  if (why) return `No: ${why}. I refuse to remove it.`;
  return `Yes, as far as I can tell: ${name} is not one of the programs this system needs to boot (those I refuse to remove), though anything you use that calls ${name} stops working. To remove it, run: levitate ask "remove ${name}"`;
}

/** A better reply from the facts for a decision that plans nothing, or the decision as it was. */
export function answerFromFacts(d: Decision, text: string, facts: Facts): Decision {
  if (!("reply" in d)) return d;
  const question =
    canIRemove(text, facts) ?? whoHasSudo(text, facts) ?? whatIsAvailable(text, d.reply, facts);
  if (question) return { reply: question };
  if (d.offer) return d;
  const better = noRecipe(d.reply, text, facts);
  return better ? { reply: better } : d;
}
