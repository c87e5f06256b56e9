import type { Facts } from "../../facts/schema.js";
import type { PlanCall } from "../types.js";

/**
 * Issue 14 point 3 for `levitate ask`: every clause is acted on or named as not done. The tools
 * cannot change an existing account (its shell, its groups, its sudo) and an install does not
 * remove what it replaces; said in one request beside something the plan does, that half was
 * dropped without a word ("install neovim instead of vim", "pls add zsh and make it my shell",
 * "install docker and give anna docker rights", "take sudo from tom but dont delete him"; tester
 * 27 F9, F10, F23). Each such clause now gets one line: what was not done and the command that does
 * it, as "give tom sudo" already did.
 *
 * Why this is safe: it adds words only, never a call. The replaced program is not removed on the
 * strength of "instead of" (a one-shot never removes on a guess: the person may want both); the
 * line names the command that would remove it.
 */

const W = "[a-z][a-z0-9._+-]*";

/** A shell's program name, as a recipe or a word. */
const SHELLS = new Set([
  "zsh",
  "fish",
  "bash",
  "nushell",
  "nu",
  "dash",
  "ksh",
  "tcsh",
  "csh",
  "xonsh",
  "elvish",
]);

/** Words for the person asking: their account is the one the command runs for. */
const SELF = new Set(["me", "my", "myself", "mine", "i"]);

const SUDO_GROUP = /^(?:sudo|sudoer|sudoers|admin|administrator|wheel|root|superuser)$/;

/** Words that are not the name of a group: "give anna full rights", "give her more access". */
const NOT_A_GROUP = new Set([
  "full",
  "more",
  "all",
  "the",
  "some",
  "extra",
  "her",
  "his",
  "their",
  "admin",
  "user",
  "my",
]);

function who(word: string, facts: Facts): string | undefined {
  const w = word.toLowerCase();
  if (SELF.has(w)) return "";
  return facts.users.includes(w) && w !== "root" ? w : undefined;
}

function usersCreated(calls: readonly PlanCall[]): Set<string> {
  return new Set(
    calls.flatMap((c) =>
      c.tool === "createUser" ? [String((c.args as { username?: unknown }).username)] : [],
    ),
  );
}

function names(calls: readonly PlanCall[], tool: string): Set<string> {
  return new Set(
    calls.flatMap((c) => (c.tool === tool ? [String((c.args as { name?: unknown }).name)] : [])),
  );
}

/** "install neovim instead of vim", "replace vim with neovim", "swap vim for neovim", "switch from vim to neovim". */
/** The installed programs the words replace with one the plan installs, and that the plan keeps. */
export function replacedPrograms(text: string, calls: readonly PlanCall[], facts: Facts): string[] {
  const t = text.toLowerCase();
  const installs = names(calls, "installRecipe");
  const removes = names(calls, "removeRecipe");
  const pairs: [string, string][] = [];
  // "neovim instead of vim", "get neovim pls instead of vim", "neovim rather than vim": the new one
  // is a program the plan installs, named before the phrase in the same sentence
  for (const m of t.matchAll(
    new RegExp(
      `\\b(?:instead\\s+of|rather\\s+than|in\\s+place\\s+of)\\s+(?:the\\s+|my\\s+|that\\s+)?(${W})`,
      "g",
    ),
  )) {
    const before =
      t
        .slice(0, m.index)
        .split(/[.!?;]/)
        .pop() ?? "";
    const said = [...installs].filter((n) =>
      new RegExp(`(?<![\\w.+-])${n.replace(/[.+]/g, "\\$&")}(?![\\w+-])`).test(before),
    );
    const neu = said.length === 1 ? said[0] : installs.size === 1 ? [...installs][0] : undefined;
    if (neu) pairs.push([neu, m[1]!]);
  }
  for (const m of t.matchAll(
    new RegExp(
      `\\b(?:replace|swap|switch|change)\\s+(?:out\\s+)?(?:the\\s+|my\\s+)?(${W})\\s+(?:with|for|by|to)\\s+(${W})`,
      "g",
    ),
  ))
    pairs.push([m[2]!, m[1]!]);
  for (const m of t.matchAll(new RegExp(`\\bswitch\\s+from\\s+(${W})\\s+to\\s+(${W})`, "g")))
    pairs.push([m[2]!, m[1]!]);
  const out = new Set<string>();
  for (const [neu, old] of pairs)
    if (installs.has(neu) && !removes.has(old) && facts.installed.includes(old) && neu !== old) out.add(old);
  return [...out];
}

function replaced(text: string, calls: readonly PlanCall[], facts: Facts): string[] {
  return replacedPrograms(text, calls, facts).map(
    (old) =>
      `${old} stays installed: I don't remove a program on a guess. To remove it too, run: levitate ask "remove ${old}"`,
  );
}

/** "make it my shell", "set zsh as my default shell", "change anna's shell to fish". */
function shellChange(text: string, calls: readonly PlanCall[], facts: Facts): string[] {
  const t = text.toLowerCase();
  if (!/\bshell\b/.test(t)) return [];
  const asks =
    /\b(?:make|set|use|have|want|as|change|switch)\b[^.!?]*\bshell\b/.test(t) ||
    /\bshell\b[^.!?]*\b(?:to|into|=)\s+\w/.test(t);
  if (!asks) return [];
  // Which shell: one named in the words, else the one the plan installs.
  const said = [...t.matchAll(new RegExp(`\\b(${W})\\b`, "g"))]
    .map((m) => m[1]!)
    .filter((w) => SHELLS.has(w));
  const planned = names(calls, "installRecipe");
  const shell = said[0] ?? [...planned].find((n) => SHELLS.has(n));
  // a shell that will not be here after the plan is no shell to change to ("make fish my shell")
  if (!shell || !(planned.has(shell) || facts.installed.includes(shell) || shell === "bash")) return [];
  const created = usersCreated(calls);
  // whose: "anna's shell", "for anna", else the person asking
  const owner =
    new RegExp(`\\b(${W})'?s\\s+(?:default\\s+|login\\s+)?shell\\b`).exec(t)?.[1] ??
    new RegExp(`\\bshell\\b[^.!?]*\\bfor\\s+(${W})\\b`).exec(t)?.[1];
  const user = owner ? who(owner, facts) : "";
  if (user === undefined || (user && created.has(user))) return [];
  if (created.size && !user && !/\b(?:my|me|mine)\b/.test(t)) return [];
  const cmd = user
    ? `as root: chsh -s "$(command -v ${shell})" ${user}`
    : `as yourself: chsh -s "$(command -v ${shell})"`;
  return [
    `I didn't change ${user ? `${user}'s` : "your"} login shell: I can't change an existing account (I only create new ones). Once ${shell} is installed, run ${cmd}`,
  ];
}

/** "give anna docker rights", "add tom to the docker group", "put me in the video group". */
function groupGrant(text: string, calls: readonly PlanCall[], facts: Facts): string[] {
  const t = text.toLowerCase();
  const created = usersCreated(calls);
  const found: [string, string][] = [];
  for (const m of t.matchAll(
    new RegExp(
      `\\b(?:give|grant|let)\\s+(${W})\\s+(?:the\\s+)?(${W})\\s+(?:rights?|access|permissions?|privileges?|group|membership)\\b`,
      "g",
    ),
  ))
    found.push([m[1]!, m[2]!]);
  for (const m of t.matchAll(
    new RegExp(`\\b(?:add|put)\\s+(${W})\\s+(?:to|in|into)\\s+(?:the\\s+)?(${W})\\s+group\\b`, "g"),
  ))
    found.push([m[1]!, m[2]!]);
  const out: string[] = [];
  for (const [person, group] of found) {
    if (NOT_A_GROUP.has(group) || SUDO_GROUP.test(group)) continue;
    const user = who(person, facts);
    if (user === undefined || created.has(user)) continue;
    const name = user || '"$USER"';
    out.push(
      `I didn't add ${user || "you"} to the ${group} group: I can't change an existing account (I only create new ones). To do it, run as root: usermod -aG ${group} ${name}`,
    );
  }
  return out;
}

/** "take sudo from tom", "remove tom from sudo", "tom shouldn't have sudo any more". */
function sudoTaken(text: string, calls: readonly PlanCall[], facts: Facts): string[] {
  const t = text.toLowerCase();
  const created = usersCreated(calls);
  const people: string[] = [];
  const SUDO =
    "(?:sudo|admin|administrator|wheel|root|superuser)(?:\\s+(?:rights?|access|permissions?|privileges?|powers?))?";
  for (const m of t.matchAll(
    new RegExp(
      `\\b(?:take|remove|revoke|strip|drop|pull)\\s+(?:away\\s+)?(?:the\\s+|his\\s+|her\\s+|their\\s+)?${SUDO}\\s+(?:away\\s+)?(?:from|of|off)\\s+(${W})`,
      "g",
    ),
  ))
    people.push(m[1]!);
  for (const m of t.matchAll(
    new RegExp(
      `\\b(?:take|remove|kick|drop)\\s+(${W})\\s+(?:out\\s+of|from|off)\\s+(?:the\\s+)?(?:sudo|sudoers|wheel|admin)\\b`,
      "g",
    ),
  ))
    people.push(m[1]!);
  for (const m of t.matchAll(
    new RegExp(
      `\\b(${W})\\s+(?:should\\s*n'?t|shouldnt|should\\s+not|must\\s*n'?t|doesn'?t|does\\s+not)\\s+(?:have|get|need)\\s+${SUDO}`,
      "g",
    ),
  ))
    people.push(m[1]!);
  // "take away anna's admin rights", "revoke tom's sudo"
  for (const m of t.matchAll(
    new RegExp(`\\b(?:take|remove|revoke|strip|drop|pull)\\s+(?:away\\s+)?(${W})'s\\s+${SUDO}`, "g"),
  ))
    people.push(m[1]!);
  // "tom isnt admin anymore", "anna is no longer a sudoer", "tom shouldn't be admin"
  for (const m of t.matchAll(
    new RegExp(
      `\\b(${W})\\s+(?:is\\s*n'?t|isnt|is\\s+not|is\\s+no\\s+longer|should\\s*n'?t\\s+be|shouldnt\\s+be|should\\s+not\\s+be|must\\s*n'?t\\s+be)\\s+(?:an?\\s+)?(?:admin|administrator|sudoer|root)\\b`,
      "g",
    ),
  ))
    people.push(m[1]!);
  const out: string[] = [];
  for (const p of new Set(people)) {
    const user = who(p, facts);
    if (!user || created.has(user)) continue;
    out.push(
      `I didn't take sudo from ${user}: I can't change an existing account (I only create new ones). To do it, run as root: gpasswd -d ${user} wheel (${user}'s account and files stay).`,
    );
  }
  return out;
}

/** One line for each clause of `text` that `calls` leave undone and no tool can do. */
export function unplannedClauses(text: string, calls: readonly PlanCall[], facts: Facts): string[] {
  if (facts.mode !== "installed") return [];
  return [
    ...replaced(text, calls, facts),
    ...shellChange(text, calls, facts),
    ...groupGrant(text, calls, facts),
    ...sudoTaken(text, calls, facts),
  ];
}
