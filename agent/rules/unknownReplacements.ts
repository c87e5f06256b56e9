import type { Facts } from "../../facts/schema.js";

/**
 * "replace tmux with zellij", "ditch firefox for chromium", "swap htop for glances": the removal is
 * asked only to make room for the replacement. When the replacement is no recipe here, the
 * removal read alone left the person with neither program and nothing said about the one
 * missing. Said as the request for the replacement only ("install zellij"), so the readers answer
 * that it is not available (with the closest recipe, if any) and the installed program is kept.
 * A replacement that is a recipe stays as typed: both halves are done.
 */
const NAME = String.raw`[a-z0-9][a-z0-9._+-]*`;
const REPLACING = new RegExp(
  String.raw`\b(?:replace|swap|switch|trade|exchange|ditch|drop|dump|remove|uninstall)\s+(?:the\s+|my\s+)?(${NAME})\s+(?:with|for|to|by|in\s+favou?r\s+of)\s+(?:the\s+|a\s+)?(${NAME})\b`,
  "gi",
);

export function sayUnknownReplacements(text: string, facts: Facts): string {
  if (!facts.installed?.length) return text;
  const installed = new Set(facts.installed.map((x) => x.toLowerCase()));
  const recipes = new Set(facts.recipes.map((x) => x.toLowerCase()));
  return text.replace(REPLACING, (all, old: string, wanted: string) => {
    const o = old.toLowerCase();
    const w = wanted.toLowerCase();
    if (!installed.has(o) || recipes.has(w) || installed.has(w)) return all;
    return `install ${wanted}`;
  });
}
