import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";

/**
 * Programs already on the system, in `levitate ask` (tester 27 F12, F37).
 *
 * "install htop" with htop installed planned an install that the recipe manager then skips (same
 * version): a plan to confirm that does nothing. It is now said to be installed (with its version
 * where this machine's recipe store knows it) and left out of the plan. A request that asks for it
 * again ("install htop again", "reinstall htop"), pins a version, or finds a newer recipe keeps it.
 *
 * "uninstall firefox and install it again" is a reinstall said in two clauses; the removal alone
 * was offered ("Shall I add the rest (remove firefox)?"), so the suggested command lost firefox.
 * It now gets the reinstall answer (agent/safety/reinstall.ts): nothing removed, and the two
 * steps. Why this is safe: it plans nothing; a removal is never planned from a reinstall.
 */

const AGAIN = /\b(?:again|re-?\s?install\w*|fresh|anew|over\s+again|once\s+more)\b/i;

export interface VersionInfo {
  installed: string | null;
  recipe: string;
}

export function dropInstalled(
  calls: readonly PlanCall[],
  text: string,
  facts: Facts,
  versionOf?: (name: string) => VersionInfo | undefined,
): { calls: PlanCall[]; notes: string[] } {
  if (facts.mode !== "installed" || AGAIN.test(text)) return { calls: [...calls], notes: [] };
  const kept: PlanCall[] = [];
  const notes: string[] = [];
  for (const c of calls) {
    const a = c.args as { name?: unknown; version?: unknown };
    const name = String(a.name);
    if (c.tool !== "installRecipe" || a.version !== undefined || !facts.installed.includes(name)) {
      kept.push(c);
      continue;
    }
    const v = versionOf?.(name);
    if (v?.installed && v.recipe && v.installed !== v.recipe) {
      kept.push(c);
      notes.push(`${name} ${v.installed} is installed; the recipe has ${v.recipe}: the plan updates it.`);
      continue;
    }
    notes.push(
      `${name}${v?.installed ? ` ${v.installed}` : ""} is already installed: nothing to do for it (to install it again, say "reinstall ${name}").`,
    );
  }
  return { calls: kept, notes };
}

const REMOVE = "(?:uninstall|remove|delete|purge|get\\s+rid\\s+of|rm)";
const ADD = "(?:re-?install|install|put|add|get|bring)";

/** The installed program a two-clause reinstall names, or undefined. */
export function reinstalled(text: string, facts: Facts): string | undefined {
  const t = text.toLowerCase();
  const m = new RegExp(
    `\\b${REMOVE}\\s+(?:the\\s+)?([a-z][a-z0-9._+-]*)\\b[^.!?]*?\\b(?:and|then|,)\\s*(?:then\\s+)?${ADD}\\s+(it|that|them|the\\s+same|[a-z][a-z0-9._+-]*)(?:\\s+(back|again|fresh|anew|afterwards))?\\b`,
  ).exec(t);
  if (!m) return undefined;
  const name = m[1]!;
  // "remove the old one and install it" may name two programs: only "again"/"back" or the same
  // name makes the second clause the first one's program
  const pronoun = /^(?:it|that|them|the\s+same)$/.test(m[2]!);
  if (pronoun ? !m[3] : m[2] !== name) return undefined;
  return facts.installed.includes(name) ? name : undefined;
}

export function reinstallAnswer(name: string): Decision {
  return {
    reply: `I don't offer a reinstall, so I removed nothing. To reinstall ${name}: run levitate ask "remove ${name}", then levitate ask "install ${name}".`,
  };
}
