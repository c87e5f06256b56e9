import { type Decision, type DropEntry, MAX_CALLS } from "../../tools/decision.js";
import { refusesSudo } from "../safety/sudoReader.js";
import type { PlanCall } from "../types.js";
import type { Ctx } from "./context.js";
import { finishedWith } from "./grammar.js";
import { hostSignal } from "./hostname.js";
import { localeSignal, placeAt } from "./places.js";
import { recipeOf } from "./recipes.js";
import { refusedAccount } from "./refusedAccounts.js";
import type { Token } from "./text.js";
import { splitClauses, words } from "./tokens.js";
import { HOST_WORDS, KEYBOARD_WORDS, LOCALE_WORDS, SUDO_WORDS, TIME_WORDS } from "./vocab.js";

/**
 * Edits of the pending plan in words (CONTRACTS §2 `drop`): "forget about fd", "don't create
 * vince after all", "scratch the hostname", "drop eza and btop", "take bat out", "remove it" about
 * a program that is only planned. Only pending steps are dropped; a turn that also asks for
 * something else is left to the parser.
 */

/** Verbs that take something out of the plan (not off the machine). */
const DROP_VERBS = new Set([
  "forget",
  "scratch",
  "scrap",
  "drop",
  "cancel",
  "skip",
  "nix",
  "ditch",
  "undo",
  "omit",
  // "ignore what i said about starship"
  "ignore",
  "disregard",
  // taken back in the words of offices, courts, launches and crafts: "visa for lin revoked",
  // "strike yq from the order", "scrub yuri", "unpick the hostname", "frog the helix row"
  "revoke",
  "revoked",
  "rescind",
  "rescinded",
  "withdraw",
  "withdrawn",
  "withdrew",
  "retract",
  "retracted",
  "strike",
  "struck",
  "scrub",
  "scrubbed",
  "void",
  "voided",
  "annul",
  "annulled",
  "quash",
  "quashed",
  "overturn",
  "overturned",
  "countermand",
  "countermanded",
  "unpick",
  "frog",
  "reverse",
  "reversed",
  "cancelled",
  "canceled",
  "scratched",
  "scrapped",
  "dropped",
  "skipped",
  "ditched",
  "nixed",
  "omitted",
  // the same verbs in their other forms: "The council strikes starship", "tony was scratched"; a
  // subject before the verb says it of the plan as well as an imperative does ("Ditching this." is
  // the whole plan refused, read by the answer readers: no -ing form here)
  ...[
    "forgets forgot forgotten",
    "scratches",
    "scraps",
    "drops",
    "cancels",
    "skips",
    "nixes",
    "ditches",
    "undoes undid",
    "omits",
    "ignores ignored",
    "disregards disregarded",
    "revokes",
    "rescinds",
    "withdraws",
    "retracts",
    "strikes stricken",
    "scrubs",
    "voids",
    "annuls",
    "quashes",
    "overturns",
    "countermands",
    "unpicks unpicked",
    "reverses",
  ].flatMap((forms) => forms.split(" ")),
]);
/** Verbs that remove from the machine; about a step that is only planned they drop it. */
const REMOVE_LIKE = new Set(["remove", "delete", "uninstall", "rid", "lose", "trash", "dump", "axe", "zap"]);
/** Verbs whose negation drops a planned step of their own kind ("don't create vince after all"). */
const NEGATABLE: Record<string, PlanCall["tool"][]> = {
  install: ["installRecipe"],
  add: ["installRecipe", "createUser"],
  create: ["createUser"],
  make: ["createUser"],
  set: ["setHostname", "setLocale"],
  remove: ["removeRecipe"],
  uninstall: ["removeRecipe"],
  delete: ["removeRecipe"],
  wipe: ["partitionDisk"],
  erase: ["partitionDisk"],
  format: ["partitionDisk"],
  partition: ["partitionDisk"],
};
const NEGATORS = new Set(["not", "dont", "never", "no"]);
/** Words that say again what was asked ("i said just tmux"), asking for nothing new. */
const RESTATE = new Set(["i", "said", "just", "only", "meant", "mean", "want", "wanted", "so", "like"]);

/** A verb said with a narrowing: "just remove micro", "only install bat". */
const SAME_VERB = new Set(["remove", "uninstall", "delete", "install", "add", "do", "the", "one"]);
/** "just jq for now": when, said beside a narrowing. */
const FOR_NOW = new Set(["for", "now", "the", "moment", "today", "then"]);
/** Words beside the names that continue a narrowing: "just micro and vim too". */
const ALSO = new Set(["and", "too", "also", "plus", "or", "the", "one", "ones"]);
/** "only micro, nothing else", "just bat, that's it": the narrowing said again. */
const NOTHING_ELSE =
  /^(?:and )?(?:nothing (?:else|more)|no(?:thing)? other(?:s| ones?)?|none of the others?|thats (?:it|all)|that is (?:it|all)|that (?:is )?(?:it|all)|no more|the rest stays?|leave the rest|keep the rest|(?:the )?(?:others?|rest) (?:no|not|nope)|not the (?:others?|rest)|no (?:to )?the (?:others?|rest)|skip the (?:others?|rest)|for now|for the moment)$/;
/** "yq later", "fd another time": a planned program put off, which leaves the plan. */
const LATER =
  /^(?:(?:and|but|maybe) )?(.+?) (?:later|another time|some other time|next time|not now|not yet|another day|later on)$/;
/** "ls is enough", "btop is fine": a reason beside a drop, asking for nothing. */
const ENOUGH =
  /^\S+ (?:is|are|does|will do) (?:enough|fine|ok|okay|plenty|good enough|all i need)(?: for me)?$/;
/** Words after a program's name that keep it: "vim stays", "git remains". */
const STAYS = new Set([
  "stays",
  "stay",
  "remains",
  "remain",
  "alone",
  "untouched",
  "intact",
  // "curl continues", "neovim lives", and the same in other languages ("bat restu", "bat ostaje")
  "continues",
  "lives",
  "survives",
  "persists",
  "restu",
  "restas",
  "ostaje",
  "ostaju",
  "bleibt",
  "reste",
  "resta",
  "queda",
  "fica",
  "zostaje",
  "blijft",
  "tetap",
  "kalsin",
  "stannar",
  "forblir",
  "bliver",
  "marad",
  "zustane",
  "ramane",
]);
/** "remove the others", "the rest can go", "do the other two": the other planned removals. */
const OTHERS_GO =
  /^(?:(?:but |so |then )?(?:remove|uninstall|delete|drop|bin|ditch|lose|nuke|do|go ahead with|proceed with|continue with|get rid of)\s+)?(?:(?:the|all the|all)\s+)?(?:others?|rest|other (?:ones?|two|three|programs?|stuff)|remaining(?: ones?)?)(?:\s+(?:can go|go|goes|are fine|is fine|ok|as planned|still|too))*$/;

/** A yes beside an edit ("yes, except dont install tmux") asks for nothing by itself. */
const YES_WORDS = new Set([
  "yes",
  "yeah",
  "yep",
  "ya",
  "ok",
  "okay",
  "sure",
  "fine",
  "alright",
  "but",
  "except",
]);
/** Words that open a take-back and ask for nothing: "nah just jq", "no no no not zoxide". */
const OPENERS = new Set(["nah", "no", "nope", "eh", "hmm", "hm", "so", "but", "except", "well"]);
/**
 * "i'll do it later", "i use zellij": a reason beside an edit, with a subject of its own. "it's in
 * the team dotfiles" (dev h22m-046#2) is tokenized "it is": "it", "that", "this" open one too.
 */
const SUBJECTS = new Set([
  "i",
  "we",
  "its",
  "it's",
  "it",
  "that",
  "this",
  "thats",
  "because",
  "cause",
  "cuz",
  "since",
]);

/** A clause about another person: "she has her own laptop", "he can use anna's". */
const OTHERS = new Set(["he", "she", "they", "hes", "shes", "theyre", "his", "her", "their"]);
/** Verbs that ask for something even in a clause about another person ("she needs vim"). */
const ASKS =
  /^(?:install|add|create|make|give|grant|set|remove|uninstall|delete|erase|wipe|format|put|needs?|wants?)$/;

/** The clause names no program and asks for nothing: a reason, not a request. */
function reasonOnly(w: readonly string[], names: readonly string[]): boolean {
  if (w.some((x) => ASKS.test(x) || SUDO_WORDS.has(x))) return false;
  return !w.some((x) => recipeOf({ kind: "word", raw: x, norm: x, start: 0, end: 0 }, names));
}

function entryOf(c: PlanCall): DropEntry {
  switch (c.tool) {
    case "partitionDisk":
      return { tool: "partitionDisk", args: { disk: c.args.disk } };
    case "createUser":
      return { tool: "createUser", args: { username: c.args.username } };
    case "installRecipe":
    case "removeRecipe":
      return { tool: c.tool, args: { name: c.args.name } };
    case "setHostname":
      return { tool: "setHostname", args: {} };
    case "setLocale":
      return { tool: "setLocale", args: {} };
  }
}

/** The pending steps a clause names: programs, users, "the hostname", "the disk", a pronoun. */
function targets(
  clause: readonly Token[],
  ctx: Ctx,
  names: readonly string[],
  tools?: PlanCall["tool"][],
): PlanCall[] {
  const pending = ctx.conv.pending.filter((c) => !tools || tools.includes(c.tool));
  const out: PlanCall[] = [];
  const add = (c: PlanCall | undefined) => {
    if (c && !out.includes(c)) out.push(c);
  };
  const w = words(clause);
  for (const t of clause) {
    if (t.kind !== "word") continue;
    const r = recipeOf(t, names);
    if (r)
      add(
        pending.find((c) => (c.tool === "installRecipe" || c.tool === "removeRecipe") && c.args.name === r),
      );
    add(pending.find((c) => c.tool === "createUser" && c.args.username === t.norm));
  }
  if (w.some((x) => HOST_WORDS.has(x)) || (w.includes("host") && w.includes("name")))
    add(pending.find((c) => c.tool === "setHostname"));
  if (w.some((x) => LOCALE_WORDS.has(x) || KEYBOARD_WORDS.has(x) || TIME_WORDS.has(x)))
    add(pending.find((c) => c.tool === "setLocale"));
  if (w.some((x) => ["disk", "drive", "partitioning", "partitions", "install", "installation"].includes(x)))
    add(pending.find((c) => c.tool === "partitionDisk"));
  if (w.some((x) => x === "user" || x === "account") && !out.some((c) => c.tool === "createUser")) {
    const users = pending.filter((c) => c.tool === "createUser");
    if (users.length === 1) add(users[0]);
  }
  if (!out.length && w.some((x) => ["it", "that", "this", "them", "those"].includes(x))) {
    // "remove it", "forget that": the last step added
    const last = ctx.conv.turns.at(-1)?.decision;
    if (last && "calls" in last)
      for (const c of last.calls)
        add(
          pending.find(
            (p) =>
              p.tool === c.tool &&
              JSON.stringify(entryOf(p).args) === JSON.stringify(entryOf(c as PlanCall).args),
          ),
        );
    else add(pending.at(-1));
  }
  return out;
}

/**
 * "just jq", "only ana": the steps of the last turn that the words do not keep, of the tools the
 * kept ones are (the user narrows what they just asked for).
 */
function narrowed(kept: readonly PlanCall[], ctx: Ctx): PlanCall[] {
  const last = ctx.conv.turns.at(-1)?.decision;
  if (!last || !("calls" in last) || !kept.length) return [];
  const tools = new Set(kept.map((k) => k.tool));
  const key = (c: PlanCall) => JSON.stringify(entryOf(c));
  const keep = new Set(kept.map(key));
  const asked = new Set(last.calls.map((c) => key(c as PlanCall)));
  return ctx.conv.pending.filter((p) => tools.has(p.tool) && asked.has(key(p)) && !keep.has(key(p)));
}

/** A drop decision when every clause of the turn drops planned steps; undefined otherwise. */
export function readDrop(tokens: readonly Token[], ctx: Ctx, names: readonly string[]): Decision | undefined {
  const { conv, facts } = ctx;
  if (!conv.pending.length) return undefined;
  const clauses = splitClauses(tokens);
  const dropped: PlanCall[] = [];
  /** "nah just jq": the steps the words keep; the rest of the last turn's go. */
  const only: PlanCall[] = [];
  let dropping = false;
  let reasons = 0;
  for (const whole of clauses) {
    // "undo the sudo bit — drop lou for now", "i'd rather she didn't have sudo, drop her": the
    // privilege refused is why the person goes; the drop said after it is read
    const c = afterSudoReason(whole);
    if (!c) {
      reasons++;
      continue;
    }
    const w = words(c).filter(
      (x) =>
        ![
          "please",
          "pls",
          "actually",
          "oh",
          "hmm",
          "wait",
          "ok",
          "okay",
          "also",
          "and",
          "then",
          "sorry",
          "thanks",
          "thx",
          "lol",
        ].includes(x),
    );
    if (!w.length) continue;
    // "remove sudo from vince", "drop his admin rights": a privilege changes, the user stays
    if (w.some((x) => SUDO_WORDS.has(x))) return undefined;
    // "yes, except dont install tmux": the yes asks for nothing beside the edit
    if (w.every((x) => YES_WORDS.has(x) || OPENERS.has(x))) continue;
    // "nah just jq", "only ana", "forget eza and fzf, just bat": the user narrows the last request
    if ((w.includes("just") || w.includes("only")) && !w.some((x) => DROP_VERBS.has(x) || NEGATORS.has(x))) {
      const named = targets(c, ctx, names, ["installRecipe", "removeRecipe", "createUser"]);
      if (
        named.length &&
        w.every(
          (x) => OPENERS.has(x) || RESTATE.has(x) || SAME_VERB.has(x) || FOR_NOW.has(x) || isNamed(x, named),
        )
      ) {
        only.push(...named);
        continue;
      }
    }
    // "just micro and vim", "only bat, nothing else": the names and words after a narrowing
    // belong to it (read alone, the second name was a restatement and only the first stayed)
    if (only.length) {
      const named = targets(c, ctx, names, ["installRecipe", "removeRecipe", "createUser"]);
      if (named.length && w.every((x) => ALSO.has(x) || isNamed(x, named))) {
        only.push(...named);
        continue;
      }
      if (NOTHING_ELSE.test(w.join(" "))) continue;
    }
    // "yq later, just jq for now": the program put off leaves the plan
    const later = LATER.exec(w.join(" "));
    if (later && !w.some((x) => NEGATORS.has(x) && x !== "not")) {
      const put = targets(c, ctx, names, ["installRecipe", "createUser"]);
      if (
        put.length &&
        words(c)
          .filter((x) => !isNamed(x, put))
          .join(" ")
          .match(
            /^(?:(?:and|but|maybe) )?(?:later|another time|some other time|next time|not now|not yet|another day|later on)$/,
          )
      ) {
        dropping = true;
        for (const f of put) if (!dropped.includes(f)) dropped.push(f);
        continue;
      }
    }
    // "take eza out again, ls is enough": the reason beside a drop
    if (dropped.length && ENOUGH.test(w.join(" "))) continue;
    // "keep jq, remove the others", "remove the rest but keep jq": the others are the removals
    // planned, which stay planned; never every other program installed
    if (OTHERS_GO.test(w.join(" ")) && otherRemovalsKept(clauses, c, ctx, names)) continue;
    // "never mind kim, she has her own laptop", "don't create ben after all, he can use anna's":
    // a reason about the person dropped, said beside the drop, asks for nothing
    if (OTHERS.has(w[0]!) && reasonOnly(w, names)) {
      reasons++;
      continue;
    }
    // "i'll do it later", "i use zellij": a reason given beside an edit
    if (SUBJECTS.has(w[0]!) && !namedSteps(c, ctx, names).length && !w.some((x) => DROP_VERBS.has(x))) {
      if (dropped.length) continue;
      return undefined;
    }
    const dropAt = w.findIndex((x) => DROP_VERBS.has(x) || (x === "never" && w.includes("mind")));
    // "take bat out", "take him off the list", "take back the btop move"
    const leaveOut =
      (w.includes("leave") && w.includes("out")) ||
      (w.includes("take") && (w.includes("out") || w.includes("off") || w.includes("back")));
    const removeAt = w.findIndex((x) => REMOVE_LIKE.has(x));
    const negAt = w.findIndex((x, i) => NEGATORS.has(x) && NEGATABLE[w[i + 1] ?? ""] !== undefined);
    const afterAll = w.join(" ").includes("after all") || w.includes("anymore");
    const planned = (x: string | undefined) => {
      const name = x && recipeOf({ kind: "word", raw: x, norm: x, start: 0, end: 0 }, names);
      return !!name && conv.pending.some((p) => p.tool === "installRecipe" && p.args.name === name);
    };
    // "no btop", "without btop", "not zoxide" (its removal planned), "not the hostname part", "no
    // keep tmux": a planned step the words after the negation name
    const noTok = c.findIndex((t) => ["no", "not", "without"].includes(t.norm));
    const refused = noTok >= 0 ? namedSteps(c.slice(noTok + 1), ctx, names) : [];
    const noAt = refused.length
      ? noTok
      : w.findIndex((x, i) => ["no", "not", "without"].includes(x) && planned(w[i + 1]));
    const exists =
      w.includes("exist") &&
      w.some((x) => NEGATORS.has(x) || ["shouldnt", "doesnt", "wont", "cant"].includes(x));
    let found: PlanCall[] = [];
    // "not berlin time, i'm in vienna", "not zeus, hermes": a setting refused beside a new value is
    // corrected, not dropped
    const corrected =
      refused.some((p) => p.tool === "setLocale" || p.tool === "setHostname") &&
      clauses.some((o) => o !== c && (localeSignal(o) || hostSignal(o) || o.some((_, k) => placeAt(o, k))));
    if (corrected) return undefined;
    if (noAt >= 0 && dropAt < 0 && removeAt < 0 && negAt < 0) {
      found = refused.length
        ? refused
        : targets(c, ctx, names, ["installRecipe"]).filter(
            (p) => p.tool === "installRecipe" && w.slice(noAt + 1).includes(p.args.name),
          );
    } else if (exists) {
      // "bob should not exist actually": the planned user or program goes
      found = namedSteps(c, ctx, names);
    } else if (!dropping && w.every((x) => RESTATE.has(x) || planned(x)) && w.some((x) => planned(x))) {
      // "i said just tmux": what is planned already, said again
      continue;
    } else if (dropAt >= 0 || leaveOut) {
      found = targets(c, ctx, names);
    } else if (negAt >= 0 && (afterAll || w.includes("actually") || conv.pending.length)) {
      const tools = NEGATABLE[w[negAt + 1]!];
      found = targets(c, ctx, names, tools);
      // "i meant dont remove anything": every planned step of that kind
      if (!found.length && w.some((x) => ["anything", "everything", "any"].includes(x)))
        found = conv.pending.filter((p) => tools?.includes(p.tool));
      // "don't remove git" with no removal planned is a protection, not an edit
      if (!found.length) return undefined;
    } else if (removeAt >= 0 || finishedWith(w)) {
      // "i dont need fd anymore" with fd only planned: the planned install goes
      // "remove delta" when delta is only planned (not installed): drop the planned install
      found = targets(c, ctx, names, ["installRecipe", "createUser", "setHostname", "setLocale"]).filter(
        (p) => !(p.tool === "installRecipe" && facts.installed.includes(p.args.name)),
      );
      if (!found.length) return undefined;
    } else if (
      dropping &&
      w.every((x) => recipeOf({ kind: "word", raw: x, norm: x, start: 0, end: 0 }, names) || x === "too")
    ) {
      // "drop eza and btop": the names after the first continue the drop
      found = targets(c, ctx, names);
    } else if (w.some((x) => x === "keep" || x === "leave" || STAYS.has(x))) {
      // "keep tmux" with its removal planned: the removal goes
      const kept = targets(c, ctx, names, ["removeRecipe"]).filter((p) =>
        w.includes((p as { args: { name: string } }).args.name),
      );
      if (kept.length) found = kept;
      // "drop eza, keep bat": keeping asks for nothing here
      else continue;
    } else if (accountsRefused(c, ctx).length) {
      // "omar doesn't need an account", "no login for omar": the planned account goes
      found = accountsRefused(c, ctx);
    } else {
      return undefined;
    }
    if (!found.length) return undefined;
    dropping = true;
    for (const f of found) if (!dropped.includes(f)) dropped.push(f);
  }
  for (const n of narrowed(only, ctx)) if (!dropped.includes(n)) dropped.push(n);
  if (!dropped.length) return undefined;
  // a reason about someone else is a reason only beside a drop of a person
  if (reasons && !dropped.some((d) => d.tool === "createUser")) return undefined;
  // one decision carries at most MAX_CALLS entries: cut silently, the rest stayed planned unseen
  if (dropped.length > MAX_CALLS)
    return {
      reply: `That takes ${dropped.length} steps out of the plan, and I can take out at most ${MAX_CALLS} at once, so I changed nothing. Say "cancel" to drop the whole plan, or name fewer steps.`,
    };
  return { drop: dropped.map(entryOf) };
}

/**
 * A clause that refuses the privilege: the words after it when they drop something, undefined when
 * it is only the reason; any other clause as it is.
 */
function afterSudoReason(c: Token[]): Token[] | undefined {
  const w = words(c);
  if (!w.some((x) => SUDO_WORDS.has(x)) || !refusesSudo(w)) return c;
  const last = c.findLastIndex((t) => SUDO_WORDS.has(t.norm));
  const rest = c.slice(last + 1);
  return words(rest).some((x) => DROP_VERBS.has(x) || REMOVE_LIKE.has(x)) ? rest : undefined;
}

/** The planned accounts a clause refuses (agent/rules/refusedAccounts.ts). */
function accountsRefused(clause: readonly Token[], ctx: Ctx): PlanCall[] {
  const said = clause.map((t) => t.raw).join(" ");
  return ctx.conv.pending.filter(
    (p) => p.tool === "createUser" && refusedAccount(p.args.username, said) !== undefined,
  );
}

/** The planned steps the words name outright (no pronoun): programs, users, "the hostname". */
function namedSteps(clause: readonly Token[], ctx: Ctx, names: readonly string[]): PlanCall[] {
  if (clause.some((t) => ["it", "that", "this", "them", "those"].includes(t.norm))) return [];
  return targets(clause, ctx, names);
}

/** Another clause of the turn keeps a program whose removal is planned. */
function otherRemovalsKept(
  clauses: readonly Token[][],
  self: readonly Token[],
  ctx: Ctx,
  names: readonly string[],
): boolean {
  return clauses.some((o) => {
    if (o === self) return false;
    const w = words(o);
    if (!w.some((x) => x === "keep" || x === "leave" || x === "spare" || x === "not" || STAYS.has(x)))
      return false;
    return targets(o, ctx, names, ["removeRecipe"]).some(
      (p) => p.tool === "removeRecipe" && w.includes(p.args.name),
    );
  });
}

/** The word names one of these steps: a program's name, a username. */
function isNamed(x: string, steps: readonly PlanCall[]): boolean {
  return steps.some(
    (s) =>
      ((s.tool === "installRecipe" || s.tool === "removeRecipe") && s.args.name === x) ||
      (s.tool === "createUser" && s.args.username === x),
  );
}
