import type { PlanCall } from "../types.js";

/**
 * Edits typed as a diff: "-bat", "minus bat", "- sudo for nell", "−sda", or "+jq" and "-bat" lines
 * together. A minus takes a thing out; read as prose the mark vanished and the bare name was a
 * request: "minus bat" asked "Go ahead with the plan?" and a yes ran it with bat, "- sudo for nell"
 * kept the sudo, "- sda" picked the disk (tester 18). A single "- X" with a space is also how a
 * one-item bullet list is typed, so it is read as a minus only where X is already in play (a
 * pending install, sudo) or names a disk (the safe direction: not that disk).
 */
const MINUS = /^\s*(?:[-−–]\s*|minus\s+)(.+?)\s*[.!]?\s*$/i;
const PLUS = /^\s*(?:\+\s*|plus\s+)(.+?)\s*[.!]?\s*$/i;
const SUDO = /^(?:sudo|admin|wheel)(?:\s+(?:for|from)?\s*([a-z_][a-z0-9_-]{0,31}))?$/i;
const DISK = /^(?:\/dev\/)?(?:sd[a-z]|nvme\d+n\d+|vd[a-z]|hd[a-z]|mmcblk\d+)$/i;
const NAME = /^[a-z0-9][a-z0-9+._-]*$/i;
// "user: tom", "account tom (sudo)": the line form people type for a person
const USER = /^(?:user|account|login|acct)\s*[:=]?\s*([a-z_][a-z0-9_-]{0,31})(?:\s*\([^)]*\))?$/i;

interface DiffContext {
  readonly recipes: readonly string[];
  readonly pending: readonly PlanCall[];
}

export function sayDiffLines(text: string, ctx: DiffContext): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (!lines.length || lines.length > 12) return text;
  const spaced = (l: string) => /^\s*[-−–]\s/.test(l);
  // A diff has a plus and a minus line, or is one line whose minus is no bullet ("-bat", "minus bat").
  const hasPlus = lines.some((l) => PLUS.test(l) && !/^\s*\+\d/.test(l));
  const hasMinus = lines.some((l) => MINUS.test(l));
  const diff =
    (hasPlus && hasMinus && lines.every((l) => PLUS.test(l) || MINUS.test(l))) || lines.length === 1;
  if (!diff) return text;
  const said: string[] = [];
  for (const line of lines) {
    const minus = MINUS.exec(line);
    const plus = minus ? undefined : PLUS.exec(line);
    const what = (minus ?? plus)?.[1]?.trim();
    if (!what) return text;
    const s = saidAs(what, Boolean(minus), spaced(line) && lines.length === 1, ctx);
    if (s === undefined) return text;
    said.push(s);
  }
  return `${said.join(". ")}.`;
}

/** One diff line as words; undefined when its object is nothing this reads. */
function saidAs(what: string, minus: boolean, bullet: boolean, ctx: DiffContext): string | undefined {
  const sudo = SUDO.exec(what);
  if (sudo) {
    const who = sudo[1]?.toLowerCase();
    return minus
      ? `no sudo${who ? ` for ${who}` : ""}`
      : bullet
        ? undefined
        : `sudo${who ? ` for ${who}` : ""}`;
  }
  if (DISK.test(what)) return minus ? `not ${what}` : undefined;
  // A minus on a person takes out the pending account; read as prose, "- user: tom" had planned tom
  // again with his sudo.
  const user = USER.exec(what)?.[1]?.toLowerCase() ?? what.toLowerCase();
  const pendingUser = ctx.pending.some((c) => c.tool === "createUser" && c.args.username === user);
  if (minus && (pendingUser || USER.test(what))) return `drop user ${user}`;
  if (USER.test(what)) return undefined;
  const name = what.toLowerCase();
  if (!NAME.test(name)) return undefined;
  const planned = ctx.pending.some((c) => c.tool === "installRecipe" && c.args.name === name);
  if (minus) return planned ? `drop ${name}` : undefined;
  return ctx.recipes.includes(name) ? `add ${name}` : undefined;
}
