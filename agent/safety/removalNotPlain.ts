import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * A removal said with words that make it no plain request now (attacker 29 H3): `ask` planned
 * `Remove fd` from "remove fd when I say so", "remove fd... wait", "remove fd — or so I thought",
 * `remove(fd)`, `remove fd; echo hi`, `recipe remove fd`, `sudo recipe remove fd`. Read by shape:
 * - deferred: a condition on the person's own later act ("when I say so", "once I've backed up",
 *   "if we decide", "after my backup is done"): not consent now;
 * - withdrawn: a take-back after the program's name with no request after it ("... wait",
 *   "— or so I thought", "- hmm, no", "never mind", "scratch that", "on second thought");
 * - code: the removal written as code or a shell line: a method call (`fd.remove()`), a shell
 *   chain (`;` before a shell command, `&&`, `||`, `|`, `$(`, backticks), or a command line led by
 *   a package tool or sudo (`recipe remove fd`, `sudo recipe remove fd`, `apt remove fd`, `rm fd`).
 *   A command line may well be meant, but it is the form a text copied from a guide, a chat or a
 *   script takes, not the person's own words, so the careful answer is one question.
 *   `remove(fd)` is left a request: the dev sets' people write "install(bat); remove(jq)" as one
 *   (h15m-069), a function notation of their own, not a line copied to run.
 *
 * Safety: this only ever takes a removal out of what runs now and offers the turn's steps as one
 * question (default no; with no terminal `ask` exits asking); a plain "yes" still removes. A
 * wrong reading costs one "yes"; a wrong removal deletes a program and its files.
 */

const SELF = String.raw`(?:i|we|i'm|im|i've|ive|i'll|we're|we've|we'll|my|our|me)`;
const DEFERRED = new RegExp(
  String.raw`\b(?:when|whenever|once|if|unless|until|till|after|as\s+soon\s+as|in\s+case)\s+${SELF}\b`,
);

const TAKE_BACK = new RegExp(
  [
    String.raw`(?:\.{2,}|…|[—–]|\s-+\s|\(|,)\s*(?:wait|hold\s+on|hang\s+on|hm+|no|nope|nah|never\s*mind|nvm|scratch\s+that|actually(?:\s+no)?|or\s+not|or\s+maybe\s+not)\b`,
    String.raw`\bor\s+so\s+(?:i|we)\s+(?:thought|figured|believed|hoped)\b`,
    String.raw`\b(?:never\s*mind|scratch\s+that|on\s+second\s+thoughts?|forget\s+(?:it|that|i\s+said\s+that)|ignore\s+that)\b`,
    String.raw`\b(?:wait|hold\s+on|hang\s+on)\W*$`,
  ].join("|"),
);
const FILLERS = new Set([
  "please",
  "pls",
  "plz",
  "now",
  "then",
  "too",
  "also",
  "ok",
  "okay",
  "actually",
  "for",
  "me",
]);
// what follows a take-back and makes it a correction of the list, not of the whole removal:
// "remove git and htop, no wait not htop", "remove htop. ripgrep - no", "..., wait, just git"
const REQUEST_AFTER =
  /\b(?:remove|uninstall|delete|drop|purge|install|add|keep|yes|do\s+it|go\s+ahead|not|just|only|except|but)\b/;

// Shell commands that are no program name of a recipe list (git, python, vim are both, and
// "; git is spared" is a clause of a list, not a command).
const SHELL_WORD = String.raw`(?:echo|rm|ls|cd|sudo|doas|curl|wget|sh|bash|zsh|reboot|shutdown|poweroff|dd|mkfs\S*|chmod|chown|mv|cp|touch|kill|killall|exit|printf|export|eval|exec|systemctl)`;
// ("remove htop; curl is fine though": a program said of with a verb of its own is no command)
const SHELL_CHAIN = new RegExp(
  String.raw`;\s*${SHELL_WORD}\s+(?!(?:is|are|was|s|stays?|remains?|can|will|should|does|do|has|have|too|also|as|and|works?|goes|isnt|doesnt)\b)\S|&&|\|\||\$\(|\x60`,
);
function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export type NotPlain = "deferred" | "withdrawn" | "code";

/** How the words make removing `name` no plain request now, or undefined when they are plain. */
export function removalNotPlainShape(name: string, text: string): NotPlain | undefined {
  const t = text.toLowerCase().replace(/[’`]/g, (c) => (c === "’" ? "'" : c));
  const n = esc(name.toLowerCase());
  if (!new RegExp(String.raw`(?<![\w-])${n}(?![\w-])`).test(t)) return undefined;
  if (
    new RegExp(String.raw`(?<![\w-])${n}\s*\.\s*\w+\s*\(`).test(t) ||
    // a command line typed as the request ("sudo recipe remove fd", "apt remove vim") is plain:
    // the dev sets' people write removals that way (h14m-013, h14m-051, h26m-018)
    SHELL_CHAIN.test(t)
  )
    return "code";
  if (DEFERRED.test(t)) return "deferred";
  const last = t.search(new RegExp(String.raw`(?<![\w-])${n}(?![\w-])(?!.*(?<![\w-])${n}(?![\w-]))`));
  const tail = t.slice(last + name.length);
  const back = TAKE_BACK.exec(tail);
  // the take-back right after the name (fillers aside); after another item it is that item's
  // verdict ("remove htop. ripgrep - no")
  const between = tail.slice(0, back?.index ?? 0).match(/[a-z][\w'-]*/g) ?? [];
  if (
    back &&
    between.every((x) => FILLERS.has(x)) &&
    !REQUEST_AFTER.test(tail.slice(back.index + back[0].length))
  )
    return "withdrawn";
  return undefined;
}

/** Whether any removal among `calls` is said deferred, withdrawn or as code in `text`. */
export function anyRemovalNotPlain(calls: readonly PlanCall[], text: string): boolean {
  return calls.some(
    (c) =>
      c.tool === "removeRecipe" &&
      removalNotPlainShape(String((c.args as { name?: unknown }).name ?? ""), text) !== undefined,
  );
}

const WHY: Record<NotPlain, string> = {
  deferred: "ties it to something you will do later",
  withdrawn: "takes it back",
  code: "is written as a command or code, not asked in your own words",
};

/**
 * A decision whose new removals are said deferred, withdrawn or as code: its steps offered as one
 * question (default no); undefined when every removal is plain.
 */
export function removalNotPlain(
  decision: Decision,
  conv: ConversationView,
  facts: Facts,
): Decision | undefined {
  if (!("calls" in decision)) return undefined;
  const calls: PlanCall[] = [...decision.calls];
  const typed = conv.typed ?? conv.user;
  const hits: Array<[string, NotPlain]> = [];
  for (const c of calls) {
    if (c.tool !== "removeRecipe") continue;
    const name = String((c.args as { name?: unknown }).name ?? "");
    if (!name || conv.pending.some((p) => p.tool === "removeRecipe" && p.args.name === name)) continue;
    const why = removalNotPlainShape(name, typed);
    if (why) hits.push([name, why]);
  }
  if (!hits.length) return undefined;
  const names = hits.map(([n]) => n).join(" and ");
  const why = WHY[hits[0]![1]];
  return {
    reply: `"${typed.trim()}" ${why}, so I did not plan removing ${names}: I only remove what you plainly ask for. Shall I ${calls.map((c) => describeCall(c, facts)).join("; ")}?`,
    offer: { calls },
  } as Decision;
}
