import type { Disk, Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { type Clause, clauses } from "../rules/clauses.js";
import { describeDisk } from "../rules/disks.js";
import { pluralKindMembers } from "../rules/kindRemovals.js";
import { shapedRemovals } from "../rules/removalShape.js";
import { editDistance } from "../rules/text.js";
import { REMOVE_VERBS, REPLACE_VERBS } from "../rules/vocab.js";
import type { ConversationView, PlanCall } from "../types.js";
import { holdsData } from "./diskContent.js";
import { asksErase, consentedDisks } from "./informedConsent.js";
import { foundIn } from "./partitionRefs.js";
import { namedOnlyAsKind, programsOfKind } from "./recipeCategories.js";
import { refusedLater, replacedHead, requestForm } from "./requestForm.js";
import { readSudoMove } from "./sudoMoves.js";
import { sudoUsers, sudoVerdict } from "./sudoReader.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * Evidence gates: a destructive call stands only on words that choose it. Whatever a backend read
 * in a sentence, the words are read again clause by clause (agent/rules/clauses.ts) for the one
 * thing each destructive kind needs:
 * - a removal (removeRecipe) needs a removal verb aimed at that program: its own name (not a typo
 *   of it, an alias or a kind), a pronoun for the program said just before, or "everything" with it
 *   not excepted; never negated, in a question, under a condition or a hedge, or taken back later
 *   in the turn ("remove tmux, no actually remove htop instead"). "I don't use tmux anymore" is a
 *   fact, not a request: the removal is offered, never done.
 * - sudo (createUser sudo: true) needs the one sudo reader (agent/safety/sudoReader.ts) to say
 *   "granted": a sudo/admin/wheel word aimed at that user, and no refusal now or earlier.
 * - the erase of a disk that holds something is in agent/safety/dataDisk.ts (`eraseChosen`).
 * A removal without evidence becomes a question that offers it; a removal of a program the turn
 * keeps or excepts is refused; sudo without evidence is left out (the account is made without it,
 * and the reply of the next turn can add it).
 */

/** A removal verb, or a replacement verb (its first program goes): one list for the parser and the gate. */
const REMOVES = new Set([...REMOVE_VERBS, ...REPLACE_VERBS]);
/** Removal said in more words: "get rid of", "take off", "can go", "switch from A to B", "B instead of A". */
// "i want it gone": a wish whose object is to be gone (rules/grammar.ts finishedWith reads it too);
// said by the speaker: "Gary would like it gone" is talk of someone else's wish (offered)
const REMOVE_PHRASES =
  /\b(?:get rid|rid of|take (?:\S+ )?(?:off|out)|get (?:\S+ )?(?:off|out)|(?:can|has to|must|should|needs to|gotta|have to) go|switch from|instead of|not needed|no longer needed|dont need (?:\S+ )?anymore|done with|dont want (?:\S+ ){0,3}(?:anymore|any more)|no longer want|(?:i|we|id|wed|i'd|we'd) (?:would |really |just )*(?:want|like|need) (?:\S+ ){1,3}gone)\b/;
const NEGATOR = /^(?:dont|not|never|no|without|shouldnt|wont|cant|nor|neither)$/;
const PRONOUN = new Set(["it", "that", "this", "them", "those", "both", "these", "em"]);
const EVERYTHING =
  /\b(?:everything|all (?:of )?(?:them|it|the rest|the others|others)|the rest|every(?:thing| one| program| package)|the others|all the others|all|the (?:whole )?lot)\b/;
/** Words that except a program from a removal said of everything ("besides git", "but not git"). */
const EXCEPT = /\b(?:besides|except|excluding|apart from|other than|but not|not|keep|leave|spare|save)\b/;
const TAKE_BACK = /^(?:no|nah|nope|actually|wait|sorry|oops|scratch that|i mean|rather|or rather)\b/;

/** A yes said inside a clause: "yes if there's nothing important", "ok as long as it's empty". */
const CONSENT_WORD = /^(?:yes|yeah|yep|yup|ok|okay|sure|fine|alright)$/;

const ERASE_WORD =
  /^(?:erase|wipe|format|reformat|nuke|overwrite|replace|whole|entire|install|use|put|go|take|pick|choose)$/;

/**
 * The erase of a disk that holds something is chosen by a clause said plainly: the clauses that
 * name the disk or carry an erase or install word are read, and when every one of them is a
 * question, a condition ("if sdb is empty use it") or a hedge ("i guess the nvme", "maybe sda"),
 * nothing chose it. (Which words choose an erase at all is agent/safety/dataDisk.ts.)
 */
export function eraseEvidence(disk: string, conv: ConversationView, facts: Facts): boolean {
  return eraseForm(disk, conv, facts) === "request";
}

/** The words that name a disk: its device name, model and vendor words, sizes, labels, systems. */
export function diskNames(disk: string, facts: Facts): (x: string) => boolean {
  const d = facts.disks.find((y) => y.path === disk);
  const words = new Set<string>([
    disk.replace(/^\/dev\//, ""),
    "nvme",
    "sata",
    "usb",
    "external",
    "internal",
  ]);
  const add = (s: string | null | undefined) => {
    for (const x of (s ?? "").toLowerCase().split(/[^a-z0-9]+/)) if (x) words.add(x);
  };
  add(d?.model);
  for (const p of d?.partitions ?? []) {
    add(p.label);
    add(p.os);
    add(p.path.replace(/^\/dev\//, ""));
  }
  for (const x of [
    "windows",
    "linux",
    "ubuntu",
    "fedora",
    "debian",
    "arch",
    "mint",
    "samsung",
    "wd",
    "sandisk",
  ])
    if (words.has(x) || (d?.model ?? "").toLowerCase().includes(x)) words.add(x);
  return (x) => words.has(x);
}

/**
 * How the words chose the erase of `disk`: "request" (a clause with the form of a request, said
 * plainly), "unsure" (a request under "if", "maybe" or a question: asked, with the erase offered),
 * or "judged" (no clause has the form of a request: "wiping sda is the last thing i want",
 * "that would suck if the samsung got wiped"; asked, with nothing offered, so no "ok" takes it).
 */
/** Words of an install: a let-go beside them is the reason for it. */
const INSTALL_TALK = /\b(?:install|installing|linux|levitate|dual ?boot|wipe|erase|format)\b/i;

export function eraseForm(
  disk: string,
  conv: ConversationView,
  facts: Facts,
): "request" | "unsure" | "judged" {
  const d = facts.disks.find((x) => x.path === disk);
  if (!d || !(d.partitions ?? []).some(holdsData)) return "request";
  if (conv.pending.some((p) => erasesWholeDisk(p, disk))) return "request";
  // "windows hata do", "fedora can die": what is on it named and let go knowingly (informedConsent.ts)
  // ... in a talk that asks for an install or an erase (now or before): "i'm switching from
  // debian" alone lets Debian go but asks for nothing (conv10: leaving a system erases nothing)
  if (
    consentedDisks(conv.user, facts).includes(disk) &&
    [conv.user, ...conv.turns.map((t) => t.user)].some((t) => asksErase(t) || INSTALL_TALK.test(t))
  )
    return "request";
  const last = conv.turns.at(-1);
  const now = clauses(conv.user);
  const all = [...now, ...(last && "reply" in last.decision ? clauses(last.user) : [])];
  // "wipe sda, are you kidding": a request the same words refuse chooses nothing
  const refused = refusedLater(now);
  // the clauses that name the disk decide ("the samsung i guess, wipe it"); with none, the erase words
  const naming = all.filter((c) => foundIn(c.w, facts).some((f) => f.disk.path === disk));
  const relevant = naming.length ? naming : all.filter((c) => c.w.some((x) => ERASE_WORD.test(x)));
  if (!relevant.length) return "request";
  const names = diskNames(disk, facts);
  // the clauses that name it or carry the erase words: one said as a request chooses it
  // ("nah wipe it, dont need windows anymore"), beside talk of what is on it
  const carrying = [...new Set([...relevant, ...all.filter((c) => c.w.some((x) => ERASE_WORD.test(x)))])];
  const formed = carrying.filter(
    (c) => !refused.has(c) && requestForm(c, names) && foundIn(c.w, facts).every((f) => f.disk.path === disk),
  );
  // "put it on the ssd" → my question → "erase it if nothing important is there": this turn's
  // own erase (or consent) is said under a condition, so the turn before, which I already asked
  // about, chooses nothing (tester 11 D1)
  const saidNow = now.filter((c) => c.w.some((x) => ERASE_WORD.test(x) || CONSENT_WORD.test(x)));
  if (saidNow.length && !saidNow.some(usable)) return formed.length ? "unsure" : "judged";
  if (relevant.some(usable) && formed.some(usable)) return "request";
  // "erase sda? id rather not": a question the person answered with talk of their own
  return formed.length && !selfAnswered(conv.user) ? "unsure" : "judged";
}

/** A question followed, in the same turn, by words that are no request: the person answered it. */
export function selfAnswered(text: string): boolean {
  const cs = clauses(text);
  const q = cs.findIndex((c) => c.question);
  return q >= 0 && cs.slice(q + 1).some((c) => c.sentence !== cs[q]!.sentence && !requestForm(c));
}

const IT_CHANGE =
  /\b(?:make|resize|grow|shrink|change|turn|set) (?:it|that|this)\b|\b(?:it|that) (?:should|must|needs to|has to) be\b/;
const DISK_WORD =
  /\b(?:install|use|put|erase|wipe|format|disk|drive|ssd|hdd|nvme\w*|sd[a-z]|vd[a-z]|usb|stick|card|emmc|mmcblk\w*)\b/;

/** A change said of "it" when no disk is planned or was talked about: it points at nothing. */
function pointsAtNothing(conv: ConversationView, facts: Facts): boolean {
  if (conv.pending.some((p) => p.tool === "partitionDisk")) return false;
  if (conv.entities.some((e) => e.kind === "disk")) return false;
  const cs = clauses(conv.user);
  if (cs.some((c) => foundIn(c.w, facts).length > 0 || DISK_WORD.test(c.said))) return false;
  return cs.some((c) => IT_CHANGE.test(c.said));
}

const LAYOUT_PART = /^(?:swap|home|\/home|root|boot|\/boot|efi|esp)$/;

/** A layout change in a clause that names only another disk than the planned one it changes. */
function layoutElsewhere(disk: string, conv: ConversationView, facts: Facts): string | undefined {
  if (!conv.pending.some((p) => p.tool === "partitionDisk" && p.args.disk === disk)) return undefined;
  for (const c of clauses(conv.user)) {
    if (!c.w.some((x) => LAYOUT_PART.test(x))) continue;
    // the disk said right after "on"/"onto": "put the swap on the steam drive", "home on sda"
    const named = new Set<string>();
    c.w.forEach((x, k) => {
      if (x === "on" || x === "onto")
        for (const f of foundIn(c.w.slice(k + 1, k + 4), facts)) named.add(f.disk.path);
    });
    const [only] = [...named];
    if (named.size === 1 && only !== disk) return only;
  }
  return undefined;
}

const POINTER =
  /\b(?:(?:that|this|the same) (?:one|disk|drive|ssd|hdd)|(?:on|onto|use|to|in) (?:it|that)|there)\b/;
/** Words that describe a disk of their own: the pointer is not all the turn says. */
const OWN_DESCRIPTION =
  /\b(?:other|another|empty|free|new|not|nvme\w*|ssd|hdd|usb|sd[a-z]\d*|\d+\s*(?:gb|tb|g|t|gig|gigs)|big\w*|small\w*|large\w*|first|second|last|internal|external)\b/;

/**
 * A pointer ("that one", "it", "there") in a turn that names no disk, after a turn that named one
 * disk the person keeps: the pointer is that disk, never the other one a reader fell back to.
 */
function pointsAtKept(disk: string, conv: ConversationView, facts: Facts): string | undefined {
  const now = clauses(conv.user);
  if (now.some((c) => foundIn(c.w, facts).length > 0)) return undefined;
  if (!now.some((c) => POINTER.test(c.said)) || now.some((c) => OWN_DESCRIPTION.test(c.said)))
    return undefined;
  const last = conv.turns.at(-1);
  if (!last) return undefined;
  const before = [...new Set(clauses(last.user).flatMap((c) => foundIn(c.w, facts).map((f) => f.disk.path)))];
  if (before.length !== 1 || before[0] === disk) return undefined;
  const kept = (conv.protections ?? []).some(
    (p) => (p.kind === "disk" || p.kind === "partitions") && p.disk === before[0],
  );
  return kept ? before[0] : undefined;
}

/** The words of a clause hold a removal verb that no negation governs. */
function removes(w: readonly string[]): boolean {
  const said = w.join(" ");
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    const verb =
      REMOVES.has(x) ||
      (x.length >= 6 && ["uninstall", "remove", "delete"].some((v) => editDistance(x, v, 1) <= 1));
    if (!verb) continue;
    // "no" negates only right before the verb ("no removing"): "no actually remove htop" asks
    if (w[i - 1] === "no" || w.slice(Math.max(0, i - 3), i).some((b) => b !== "no" && NEGATOR.test(b)))
      continue;
    return true;
  }
  const m = REMOVE_PHRASES.exec(said);
  if (!m) return false;
  const before = said.slice(0, m.index).trim().split(" ").slice(-3);
  return !before.some((b, k) => NEGATOR.test(b) && (b !== "no" || k === before.length - 1));
}

function usable(c: Clause): boolean {
  return !c.question && !c.conditional && !c.hedged;
}

/** The installed programs a clause names by their own name. */
function programsNamed(w: readonly string[], facts: Facts): string[] {
  return facts.installed.filter((n) => w.includes(n.toLowerCase()));
}

/** "withdrawn": a later removal in the same turn took this one back ("remove tmux, no actually remove htop"). */
export type Removal = "chosen" | "unsaid" | "kept" | "judged" | "refused" | "withdrawn";

/** Whether the words of this turn (and, for a pronoun, the turns before) choose removing `name`. */
export function removalEvidence(name: string, conv: ConversationView, facts: Facts): Removal {
  const cs = clauses(conv.user);
  const refused = refusedLater(cs);
  // a removal already planned was chosen when it was planned
  if (conv.pending.some((p) => p.tool === "removeRecipe" && p.args.name === name)) return "chosen";
  // "remove it" → "Which one?" → "bat"; "remove lazygit" → "also starship pls": the turn before
  // asked for a removal, and this one names what it is of
  const carried = removalCarried(conv);
  if (excepted(name, cs)) return "kept";
  let verbOn = false;
  let lastNamed: string[] = earlierNamed(conv, facts);
  let verdict: Removal = "unsaid";
  let sentence = -1;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const named = programsNamed(c.w, facts);
    const own = removes(c.w);
    // "remove htop, tmux and git": a clause with no verb of its own continues the one before it
    const continues: boolean =
      !own &&
      named.length > 0 &&
      !keepsWords(c.w) &&
      ((c.sentence === sentence && verbOn) ||
        // "Right, my charting error. Just htop.": what opens the turn before the names names nothing
        (carried && cs.slice(0, i).every((d) => !programsNamed(d.w, facts).length && !removes(d.w))));
    verbOn = own || continues;
    sentence = c.sentence;
    if (named.includes(name) && keepsWords(c.w) && !own) return "kept";
    // "bat has my themes, don't lose it", "so don't touch it": a pronoun inside a negated or
    // keeping clause refers to the program named before it, and protects it; it is never the
    // target of a removal, nor of an offer a reflexive "yes" would take (dev17-keep h16k-062)
    if (
      !named.length &&
      !own &&
      lastNamed.includes(name) &&
      c.w.some((x) => PRONOUN.has(x)) &&
      (keepsWords(c.w) || negatedVerb(c.w))
    )
      return "kept";
    // "the last thing i want is to lose git", "if you remove jq im done", "remove fd? over my dead
    // body": talk about a removal, or a question the person answered at once
    if (own && named.includes(name)) {
      const isProgram = (x: string) => programsNamed([x], facts).length > 0;
      const next = cs[i + 1];
      const form =
        requestForm(c, isProgram) ||
        (replacedHead(c, isProgram) && next?.sentence === c.sentence && requestForm(next, isProgram));
      // "remove fd? over my dead body", "delete htop, are you kidding": answered with a no
      if ((c.question && selfAnswered(conv.user)) || refused.has(c)) return "refused";
      if (!form) return "judged";
    }
    if (verbOn && usable(c)) {
      const pronoun = !named.length && c.w.some((x) => PRONOUN.has(x));
      const all = EVERYTHING.test(c.said) && !excepted(name, cs);
      // "remove the system monitors but leave htop": a plural kind reaches the installed programs
      // of that closed class (rules/kindRemovals.ts), never one the turn keeps
      const ofKind = (pluralKindMembers(c.w)?.includes(name) ?? false) && !excepted(name, cs);
      const aimed = named.includes(name) || (pronoun && lastNamed.includes(name)) || all || ofKind;
      if (aimed) {
        // "remove tmux, no actually remove htop instead": a later removal takes this one back
        // ("remove jq, no sorry, remove curl": the marker may be a clause of its own)
        const k = cs.findIndex((d, j) => j > i && (TAKE_BACK.test(d.said) || d.w.includes("instead")));
        const later = k < 0 ? undefined : [cs[k]!, cs[k + 1]].find((d) => d !== undefined && removes(d.w));
        const takenBack =
          later !== undefined &&
          !programsNamed(later.w, facts).includes(name) &&
          programsNamed(later.w, facts).length > 0 &&
          !/\b(?:too|also|as well)\b/.test(later.said);
        verdict = takenBack ? "withdrawn" : "chosen";
      }
    }
    if (named.length) lastNamed = named;
  }
  if (verdict === "unsaid" && excepted(name, cs)) return "kept";
  // "Keep git and curl. Sell wget.": the turn's shape removes it (rules/generalEntities.ts)
  if (verdict === "unsaid" && shapedRemovals(conv.user, facts, conv).includes(name)) return "chosen";
  return verdict;
}

/** The turn before asked for a removal: my question about it, or a removal now in the plan. */
function removalCarried(conv: ConversationView): boolean {
  const last = conv.turns.at(-1);
  if (!last || !removes(clauses(last.user).flatMap((c) => c.w))) return false;
  return "reply" in last.decision || conv.pending.some((p) => p.tool === "removeRecipe");
}

/** "besides git remove the rest", "remove everything except git": the program is excepted. */
function excepted(name: string, cs: readonly Clause[]): boolean {
  const n = name.toLowerCase();
  // every place it is named: "user cat and user dan both admin except dan"
  return cs.some((c) =>
    c.w.some((x, at) => x === n && EXCEPT.test(c.w.slice(Math.max(0, at - 3), at).join(" "))),
  );
}

/** A clause that keeps what it names ("keep git", "leave bat", "not vim", "git stays"). */
/** A verb said under a negation: "do not lose it", "don't touch them", "never delete that". */
function negatedVerb(w: readonly string[]): boolean {
  return w.some(
    (x, i) =>
      (REMOVES.has(x) || x === "touch") && w.slice(Math.max(0, i - 3), i).some((b) => NEGATOR.test(b)),
  );
}

function keepsWords(w: readonly string[]): boolean {
  const s = ` ${w.join(" ")} `;
  if (/ (dont|not|never|no) (\S+ )?(keep|leave) /.test(s)) return false;
  return (
    / (keep|keeping|leave|spare|stays|stay|untouched|intact|alone|besides|except|excluding) /.test(s) ||
    w[0] === "not"
  );
}

/** Programs the turns before named (most recent turn first), for a pronoun said now. */
function earlierNamed(conv: ConversationView, facts: Facts): string[] {
  for (let i = conv.turns.length - 1; i >= Math.max(0, conv.turns.length - 2); i--) {
    const named = programsNamed(
      clauses(conv.turns[i]!.user).flatMap((c) => c.w),
      facts,
    );
    if (named.length) return named;
  }
  return conv.pending.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
}

function describeCall(c: PlanCall): string {
  switch (c.tool) {
    case "removeRecipe":
      return `remove ${c.args.name}`;
    case "installRecipe":
      return `install ${c.args.name}`;
    case "createUser":
      return `add user ${c.args.username}${c.args.sudo ? " with sudo" : ""}`;
    case "partitionDisk":
      return `install onto ${c.args.disk}`;
    case "setHostname":
      return `set the hostname to ${c.args.hostname}`;
    default:
      return "change the locale settings";
  }
}

/**
 * The gate: removals without evidence become a question that offers them (with the rest of the
 * decision), removals of what the turn keeps are refused, sudo without evidence is left out.
 */
export function screenEvidence(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if ("reply" in decision && decision.offer) return screenOffer(decision, conv, facts);
  if (!("calls" in decision)) return decision;
  let calls = decision.calls as PlanCall[];
  // "make it bigger" with nothing planned: "it" is no disk, and a comparative is no choice of one
  if (calls.some((c) => c.tool === "partitionDisk") && pointsAtNothing(conv, facts)) {
    const disks = facts.disks.filter((d) => !d.liveMedium && !d.mounted).map(describeDisk);
    return {
      reply: `Nothing is planned yet, so I can't tell what "it" is. Which disk should I install onto${disks.length ? `: ${disks.join(" or ")}` : ""}?`,
    };
  }
  // "use the wd" … "and put the swap on the samsung": a part of the layout on another disk
  for (const c of calls) {
    if (c.tool !== "partitionDisk") continue;
    const other = layoutElsewhere(c.args.disk, conv, facts);
    if (other)
      return {
        reply: `Root, home and swap all go on the disk the system is installed on (${c.args.disk}); I can't put part of the install on ${other}, and I haven't changed the plan. To install onto ${other} instead, say "install on ${other}".`,
      };
  }
  // "I need the samsung intact" … "ok use that one": the pointer is the disk just kept
  for (const c of calls) {
    if (c.tool !== "partitionDisk") continue;
    const kept = pointsAtKept(c.args.disk, conv, facts);
    if (kept)
      return {
        reply: `"${conv.user.trim()}" reads as ${kept}, which you asked me to keep, so I won't install there. Shall I install onto ${c.args.disk} instead?`,
        offer: { calls },
      } as Decision;
  }
  // an erase said under a condition or a hedge is asked, with the same calls offered
  const unsure = calls.find((c) => erasesWholeDisk(c) && !eraseEvidence(c.args.disk, conv, facts));
  if (unsure && unsure.tool === "partitionDisk") {
    const d = facts.disks.find((x) => x.path === unsure.args.disk)!;
    if (eraseForm(unsure.args.disk, conv, facts) === "judged")
      return {
        reply: `${describeDisk(d)} holds ${d
          .partitions!.filter(holdsData)
          .map((p) => p.os ?? p.label ?? p.path)
          .join(
            ", ",
          )}. I read no request to erase it in "${conv.user.trim()}", so I haven't planned anything. To install there and lose what is on it, say "erase ${d.path} and install there".`,
      };
    return {
      reply: `${describeDisk(d)} holds ${d
        .partitions!.filter(holdsData)
        .map((p) => p.os ?? p.label ?? p.path)
        .join(
          ", ",
        )}, and you said it with an "if" or a "maybe": installing onto the whole disk erases it for good. Shall I erase it and install there?`,
      offer: { calls },
    } as Decision;
  }
  // sudo: the account stays, the privilege the words did not give goes. The one sudo reader
  // (agent/safety/sudoReader.ts) answers; a privilege it reads as refused goes too, in the refusal
  // screen that runs after this one and says why (agent/rules/sudoRefusals.ts)
  const users = sudoUsers(conv, calls);
  calls = calls.map((c) =>
    c.tool === "createUser" &&
    c.args.sudo &&
    sudoVerdict(c.args.username, conv, decision, users).kind === "unsaid" &&
    // "ben instead of ana gets sudo": the move names ben as the one who gets it (sudoMoves.ts)
    !readSudoMove(conv.user, users)?.gain.includes(c.args.username)
      ? ({ ...c, args: { ...c.args, sudo: false } } as PlanCall)
      : c,
  );
  const kept: string[] = [];
  const unsaid: PlanCall[] = [];
  // "remove tmux, no actually remove htop instead": the removal taken back is not planned at all
  calls = calls.filter(
    (c) => c.tool !== "removeRecipe" || removalEvidence(c.args.name, conv, facts) !== "withdrawn",
  );
  if (!calls.length) return { reply: `OK, I won't do that ("${conv.user.trim()}" took it back).` };
  const kinds = kindAsked(calls, conv, facts);
  if (kinds) return kinds;
  for (const c of calls) {
    if (c.tool !== "removeRecipe") continue;
    const v = removalEvidence(c.args.name, conv, facts);
    if (v === "kept" || v === "judged" || v === "refused") kept.push(c.args.name);
    else if (v === "unsaid") unsaid.push(c);
  }
  if (!kept.length && !unsaid.length) return { calls } as Decision;
  const rest = calls.filter((c) => !(c.tool === "removeRecipe" && kept.includes(c.args.name)));
  const parts: string[] = [];
  if (kept.length)
    parts.push(
      `You said to keep ${kept.join(" and ")}, so I won't remove ${kept.length > 1 ? "them" : "it"}.`,
    );
  if (unsaid.length)
    parts.push(
      `I read no request to remove ${unsaid.map((c) => (c as { args: { name: string } }).args.name).join(" or ")} in that. Shall I ${rest.map(describeCall).join(", ")}?`,
    );
  else if (rest.length) parts.push(`Shall I ${rest.map(describeCall).join(", ")}?`);
  return rest.length
    ? ({ reply: parts.join(" "), offer: { calls: rest } } as Decision)
    : { reply: parts.join(" ") };
}

/**
 * "remove the git stuff", "uninstall anything vim": a program's name said only as a kind of thing
 * chooses no removal (agent/safety/recipeCategories.ts); which programs is asked, with nothing
 * offered (a "yes" would take one program for the many meant), and the rest of the decision offered.
 */
function kindAsked(calls: readonly PlanCall[], conv: ConversationView, facts: Facts): Decision | undefined {
  const vague = calls.filter(
    (c) =>
      c.tool === "removeRecipe" &&
      !conv.pending.some((p) => p.tool === "removeRecipe" && p.args.name === c.args.name) &&
      namedOnlyAsKind(c.args.name, conv.user),
  );
  if (!vague.length) return undefined;
  const names = vague.map((c) => (c as { args: { name: string } }).args.name);
  const candidates = [...new Set(names.flatMap((n) => programsOfKind(n, facts)))];
  const rest = calls.filter((c) => !vague.includes(c));
  const ask = `"${conv.user.trim()}" names ${names.map((n) => `${n} as a kind of thing`).join(" and ")}, not which programs to remove. Which should go${candidates.length ? ` (installed: ${candidates.join(", ")})` : ""}? Say them by name, e.g. "remove ${candidates[0] ?? names[0]}".`;
  return rest.length
    ? ({
        reply: `${ask} Shall I ${rest.map(describeCall).join(", ")} meanwhile?`,
        offer: { calls: rest },
      } as Decision)
    : { reply: ask };
}

/**
 * An offer passes the same evidence as a call: "remove fd? over my dead body", "delete htop, are
 * you kidding", "the samsung is sacred" refuse what a reader offered, so the offer goes and the
 * reply says what was read as a no (a "yes" after it then takes nothing). A removal the words only
 * did not say ("unistall htpo", "i dont use tmux anymore") stays offered: that is what offers are for.
 */
function screenOffer(
  decision: Decision & { reply: string; offer?: { calls: readonly unknown[] } },
  conv: ConversationView,
  facts: Facts,
): Decision {
  const offered = (decision.offer?.calls ?? []) as PlanCall[];
  const kinds = kindAsked(offered, conv, facts);
  if (kinds)
    return "offer" in kinds ? kinds : { reply: `${decision.reply} ${(kinds as { reply: string }).reply}` };
  const refused = offered.filter(
    (c) =>
      (c.tool === "removeRecipe" &&
        ["refused", "kept", "withdrawn"].includes(removalEvidence(c.args.name, conv, facts))) ||
      (erasesWholeDisk(c) &&
        eraseForm(c.args.disk, conv, facts) === "judged" &&
        clauses(conv.user).some((x) => foundIn(x.w, facts).some((f) => f.disk.path === c.args.disk))),
  );
  if (!refused.length) return decision;
  const rest = offered.filter((c) => !refused.includes(c));
  const said = `I read "${conv.user.trim()}" as a no to ${refused.map(describeCall).join(" and ")}, so I won't do ${refused.length > 1 ? "them" : "it"}.`;
  return rest.length
    ? ({ reply: `${said} Shall I ${rest.map(describeCall).join(", ")}?`, offer: { calls: rest } } as Decision)
    : { reply: `${said}${conv.pending.length ? " The plan is as it was." : " Nothing is planned."}` };
}
