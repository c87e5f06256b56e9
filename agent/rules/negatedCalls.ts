import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { foundIn, foundPerWord } from "../safety/partitionRefs.js";
import type { PlanCall } from "../types.js";
import { restatePolarity, verbBase } from "./negation.js";
import { refusedAccount } from "./refusedAccounts.js";

/**
 * The last check before a destructive call joins the plan: whatever read the words (the parser, a
 * model, an offer taken with "yes"), a call that erases a disk, removes a program or grants sudo
 * is never added when a clause of the same words refuses exactly that ("do not wipe sda",
 * "i wouldnt remove curl", "giving lena sudo would be bad", "wipe sda? no way"). The clauses are
 * read by the one polarity reader (agent/rules/negation.ts) first, so every way of refusing it
 * knows is said plainly here.
 */

/** A refused action: its verb's base and the words after it in the clause. */
interface Refused {
  readonly verb: string;
  readonly object: readonly string[];
  readonly said: string;
}

const ERASE = new Set([
  "wipe",
  "erase",
  "format",
  "reformat",
  "nuke",
  "destroy",
  "overwrite",
  "touch",
  "lose",
  "delete",
  "clear",
  "kill",
  "trash",
]);
const REMOVE = new Set(["remove", "uninstall", "purge", "delete", "nuke", "lose", "kill", "trash", "touch"]);
const GRANT = new Set(["give", "grant"]);
const PRONOUNS = new Set(["her", "him", "them", "they", "she", "he"]);
const SUDO = /\b(?:sudo|admin|administrator|root|wheel|superuser)\b/;

/** Every clause of the words that refuses an action, after the polarity reader said it plainly. */
function refusedActions(text: string): Refused[] {
  const out: Refused[] = [];
  for (const clause of restatePolarity(text)
    .toLowerCase()
    .split(/[.;!?,\n]|\bbut\b|\bthen\b/)) {
    const m =
      /\b(?:do not|dont|don't|not|never|no)\s+(?:(?:ever|want to|wanna|you dare|be|go|need to|even|really)\s+)*([a-z]+)\b(.*)$/.exec(
        clause,
      );
    const verb = m ? verbBase(m[1]!) : undefined;
    if (!m || !verb) continue;
    // "don't wipe sda and install on the nvme": the refusal ends where a request starts
    const object = m[2]!.split(/\b(?:and|&|install|use|put|add|create|set|make)\b/)[0]!;
    out.push({ verb, object: object.split(/[^a-z0-9/_.-]+/).filter(Boolean), said: clause.trim() });
  }
  return out;
}

/** The words a disk is named by: its path, device name, model words, and what its partitions hold. */
function diskWords(facts: Facts, path: string): Set<string> {
  const out = new Set<string>([path.toLowerCase(), path.replace(/^\/dev\//, "").toLowerCase()]);
  const d = facts.disks.find((x) => x.path === path);
  if (!d) return out;
  for (const w of (d.model ?? "").toLowerCase().split(/[^a-z0-9]+/)) if (w.length >= 3) out.add(w);
  for (const p of d.partitions ?? []) {
    for (const w of `${p.os ?? ""} ${p.label ?? ""}`.toLowerCase().split(/[^a-z0-9]+/))
      if (w.length >= 3) out.add(w);
  }
  return out;
}

const INSTALL_VERBS = new Set([
  "install",
  "add",
  "get",
  "grab",
  "want",
  "need",
  "put",
  "setup",
  "set",
  "give",
  "include",
]);
const REMOVAL_VERBS = new Set([
  "remove",
  "uninstall",
  "purge",
  "delete",
  "rid",
  "nuke",
  "yeet",
  "kill",
  "ditch",
  "drop",
  "trash",
  "lose",
  "erase",
  "wipe",
  "delete",
]);

/**
 * "nuke htop and tmux": the verb nearest before a program's name says which way it goes; an
 * install of a program whose nearest verb removes it (or the other way round) is the opposite of
 * what was said (tester5 WRONG 1), never added.
 */
function inverted(call: PlanCall, text: string): string | undefined {
  if (call.tool !== "installRecipe" && call.tool !== "removeRecipe") return undefined;
  const name = call.args.name.toLowerCase();
  for (const clause of text.toLowerCase().split(/[.;!?,\n]|\bbut\b|\bthen\b/)) {
    const words = clause.split(/[^a-z0-9+._-]+/).filter(Boolean);
    const at = words.indexOf(name);
    if (at < 0) continue;
    for (let i = at - 1; i >= 0; i--) {
      const w = words[i]!;
      const removes = REMOVAL_VERBS.has(w) || verbBase(w) === "remove" || verbBase(w) === "uninstall";
      if (!removes && !INSTALL_VERBS.has(w)) continue;
      if (removes && call.tool === "installRecipe")
        return `You asked me to take ${name} away ("${clause.trim()}"), so I did not plan to install it.`;
      if (!removes && call.tool === "removeRecipe" && w !== "get" && w !== "want" && w !== "need")
        return `You asked me to install ${name} ("${clause.trim()}"), so I did not plan to remove it.`;
      break;
    }
  }
  return undefined;
}

/** Why this call is refused by the words themselves, or undefined when no clause refuses it. */
export function refusedByWords(call: PlanCall, text: string, facts: Facts): string | undefined {
  const opposite = inverted(call, text);
  if (opposite) return opposite;
  // "don't create ben after all": no account for a name the words refuse one
  const account = call.tool === "createUser" ? refusedAccount(call.args.username, text) : undefined;
  if (account && call.tool === "createUser")
    return `You said "${account}", so I did not add ${call.args.username}.`;
  const refused = refusedActions(text);
  if (!refused.length) return undefined;
  const hit = (verbs: ReadonlySet<string>, named: (w: readonly string[]) => boolean) =>
    refused.find((r) => verbs.has(r.verb) && named(r.object));
  let r: Refused | undefined;
  switch (call.tool) {
    case "partitionDisk": {
      if (call.args.use === "free") return undefined;
      const words = diskWords(facts, call.args.disk);
      // "the wd", "my games drive", "windows": named the way the protection readers name a disk
      const disk = call.args.disk;
      // (a model word read with the words beside it: "the samsung evo" refuses the 870 EVO, not
      // the other Samsung; partitionRefs.ts narrows a description to the disks it all fits)
      r = hit(ERASE, (o) => {
        const each = foundPerWord(o, facts);
        const away = (i: number) =>
          each[i]!.length > 0 &&
          each[i]!.every((f) => f.what === undefined) &&
          !each[i]!.some((f) => f.disk.path === disk);
        return (
          o.some((w, i) => words.has(w) && !away(i)) || foundIn(o, facts).some((f) => f.disk.path === disk)
        );
      });
      break;
    }
    case "removeRecipe":
      r = hit(REMOVE, (o) => o.includes(call.args.name.toLowerCase()));
      break;
    case "createUser":
      if (!call.args.sudo) return undefined;
      r = hit(
        GRANT,
        (o) =>
          SUDO.test(o.join(" ")) &&
          (o.includes(call.args.username.toLowerCase()) || o.some((w) => PRONOUNS.has(w))),
      );
      break;
    default:
      return undefined;
  }
  return r ? `You said "${r.said}", so I did not add that.` : undefined;
}

/**
 * The words' last check on a decision, whichever backend made it and whichever front end shows it
 * (agent/turn.ts runs it at the end of every turn): a call the words refuse leaves the decision and
 * its offer, and the reply says why; the rest is offered.
 */
export function screenRefusedCalls(decision: Decision, text: string, facts: Facts): Decision {
  const reasons: string[] = [];
  const keep = (cs: readonly PlanCall[]) =>
    cs.filter((c) => {
      const why = refusedByWords(c, text, facts);
      if (why) reasons.push(why);
      return !why;
    });
  if ("reply" in decision && decision.offer) {
    // "remove fd? over my dead body": an offer never holds what the same words refuse
    const calls = keep(decision.offer.calls as PlanCall[]);
    if (!reasons.length) return decision;
    const why = [...new Set(reasons)].join(" ");
    if (calls.length) return { reply: `${why} Shall I do the rest?`, offer: { calls } };
    const rest = decision.reply.replace(/\s*(?:Shall|Should|Do you want) I\b[^?]*\?\s*$/, "");
    return { reply: `${why} ${rest}`.trim() };
  }
  if (!("calls" in decision)) return decision;
  const calls = keep(decision.calls as PlanCall[]);
  if (!reasons.length) return decision;
  const why = [...new Set(reasons)].join(" ");
  return calls.length ? { reply: `${why} Shall I do the rest?`, offer: { calls } } : { reply: why };
}
