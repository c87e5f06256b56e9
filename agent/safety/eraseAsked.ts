import type { Disk, Facts } from "../../facts/schema.js";
import { type Decision, MAX_CALLS } from "../../tools/decision.js";
import { type Clause, clauses } from "../rules/clauses.js";
import { describeDisk } from "../rules/disks.js";
import type { ConversationView, PlanCall } from "../types.js";
import { yesNo } from "../yesno.js";
import { choosesErase } from "./dataDisk.js";
import { ACT_VERBS, DESTROYS, describedAt, diskAt, joinSlowWords, stateAt } from "./directRequest.js";
import { whatIsOn } from "./diskContent.js";
import { diskNames } from "./evidence.js";
import { consentedDisks, letsGo } from "./informedConsent.js";
import { foundIn } from "./partitionRefs.js";
import { refusedLater, requestForm } from "./requestForm.js";
import { MIN_FREE_BYTES } from "./screen.js";
import { lossUnseen, unseenLossQuestion } from "./unseenLoss.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * The erase of a whole disk that HOLDS something (any partition: a system, a label, a filesystem)
 * stands only on positive evidence, whatever read the words (every backend's decision passes here,
 * agent/turn.ts). Screens that look for a protecting word cannot keep up with the ways people
 * protect a disk ("the samsung is a tenant, no evictions", "hold fire on the WD, friendly", "the
 * Data disk lies fallow", "sda ∉ targets", "-1 on touching sda"), so this reads the other way round:
 * (a) this turn asks for the disk: every clause that names it (by path, model word, size, brand or
 *     what is on it) has the form of a request (agent/safety/requestForm.ts), names it where no
 *     negation, keep, condition or question turns it (stateAt), and is neither reported ("he said
 *     wipe sda") nor hypothetical. One clause that talks about the disk any other way makes the
 *     request uncertain: a second mention we cannot read as the same request is not consent.
 * (b) my question just before named exactly that disk and this turn takes it (a yes, or a request
 *     that names no disk: "do it", "wipe it");
 * (c) an earlier turn asked for it by (a), and no turn since, this one included, spoke of it
 *     otherwise; or it is already in the plan (a change to it said only under an "if" is not made).
 * Beside a request, a clause may only let what is on the disk go ("ubuntu is dead anyway, nuke it",
 * read by positive let-go words); a destroy verb with no disk named stands for the one disk the
 * turn can mean (the only disk, the one whose content it lets go, the one left when it names all
 * the others: "protect the windows drive. erase the other one").
 * Otherwise the erase becomes a question that names the disk and what is on it, offering no erase:
 * a reflexive "yes" must never take a disk the words protected. Blank disks and `use: "free"`
 * installs are not touched.
 */

/** Words that put the request in someone else's mouth or in an imagined world. */
const NOT_ASKED =
  /^(?:said|says|say|told|tells|suggested|suggests|suggest|recommended|recommends|advised|advises|reckons|reckoned|claims|claimed|according|hypothetically|hypothetical|imagine|imagining|suppose|supposing|pretend|theoretically|theory|someday|joking|kidding)$/;

/**
 * A disk that holds something: partitions seen. A disk whose content the facts do not show (version-1
 * facts) is not gated here: asking before every such erase cost 330 dev turns where the authors
 * expected the erase (round 20, fixE19: dev 10773 -> 10443 with it).
 */
const holds = (d: Disk | undefined): d is Disk => d !== undefined && (d.partitions ?? []).length > 0;

/** Where a clause says the disk: by its device or partition names, or a description only it fits. */
function placesOf(c: Clause, disk: string, facts: Facts): number[] {
  // "btrfs too" on a disk whose Manjaro is btrfs: a filesystem the install can make is the layout
  // asked for, not a description of the disk (dev-alongside2 hoa-013)
  const described = describedAt(c, disk, facts).filter((k) => !LAYOUT_FILESYSTEMS.has(c.w[k] ?? ""));
  return [...new Set([...diskAt(c, disk, facts), ...described])];
}
/** "the seagate, whole disk": a disk picked with the words that say all of it goes. */
const WHOLE_DISK = /\b(?:whole|entire|full)\s+(?:disk|drive|ssd|hdd|device)\b/i;
const LAYOUT_FILESYSTEMS = new Set(["ext4", "btrfs", "xfs", "vfat", "fat32"]);

/** The clause asks, in so many words, to install onto (erase) the disk it names at `ks`. */
function asks(
  c: Clause,
  ks: readonly number[],
  names: (x: string) => boolean,
  refused: Set<Clause>,
): boolean {
  if (refused.has(c) || c.conditional || c.hedged) return false;
  if (c.w.some((x) => NOT_ASKED.test(x))) return false;
  if (!requestForm(c, names)) return false;
  return ks.every((k) => stateAt(c, k) === "request");
}

/**
 * What a turn's words say of the disk: "asked" (a request with a verb), "picked" (nothing but the
 * disk, an answer: "the seagate, whole disk"), "letgo" (only what is on it let go: "ubuntu is dead
 * anyway", "mint can go", "old junk"), "other" (any other talk of it) or "unsaid". Letting go is
 * read by its own words (dataDisk.ts `choosesErase`), so a voice no list knows is "other".
 */
type Said = "asked" | "picked" | "letgo" | "queried" | "other" | "unsaid";
function readTurn(text: string, disk: string, facts: Facts): Said {
  const cs = clauses(joinSlowWords(text));
  const refused = refusedLater(cs);
  const names = diskNames(disk, facts);
  if (refusesEvery(cs) && !ALL_BUT.test(text)) return "other";
  const seen = new Set<Said>();
  let before: string[] = [];
  for (const c of cs) {
    const named = facts.disks.filter((d) => placesOf(c, d.path, facts).length).map((d) => d.path);
    // "erase the WD. it has the only copy of my thesis": a clause whose subject is a pronoun speaks
    // of the one disk the clause before it named
    const ks = named.length ? placesOf(c, disk, facts) : subjectPronoun(c, before, disk);
    if (named.length) before = named;
    if (!ks.length) continue;
    // a literal call of the tool ("partitionDisk(disk='/dev/sda')") asks in so many words
    if (c.w.includes("partitiondisk") && !c.question && !c.conditional) seen.add("asked");
    else if (asks(c, ks, names, refused) && (c.w.some((x) => ACT_VERBS.has(x)) || choosesErase(c.said)))
      seen.add("asked");
    else if (asks(c, ks, names, refused) && onlyPicks(c, ks)) seen.add("picked");
    // "no no I mean the games drive": a correction that names the disk meant
    else if (MEANT.test(c.w.join(" ")) && plain(c, refused) && ks.every((k) => stateAt(c, k) === "request"))
      seen.add("picked");
    else if (plain(c, refused) && (lets(c) || informed(c, disk, named, facts))) seen.add("letgo");
    else if (queries(c, refused)) seen.add("queried");
    else return "other";
  }
  // a question about the disk beside a request for it still leaves the request uncertain
  if (seen.has("queried")) return seen.size === 1 ? "queried" : "other";
  if (seen.has("picked") && !seen.has("asked") && asksAnother(cs, disk, facts, refused)) return "other";
  return seen.has("asked") ? "asked" : seen.has("picked") ? "picked" : seen.has("letgo") ? "letgo" : "unsaid";
}

/**
 * "Erase nothing. Where would Levitate go?": a destroy verb whose object is nothing destroys nothing;
 * read as a verb with its disk unsaid it stood for the only disk there is and erased Windows
 * (dev h20a-046#1).
 */
const NO_OBJECT = /^(?:nothing|none|naught|nought|nada|zero|neither)$/;
/** "erase nothing but the nvme" erases the nvme (agent/safety/keepAllBut.ts): only a bare "nothing". */
const BUT = /^(?:but|except|other|besides|apart|save|beyond|else)$/;
const destroysNothing = (w: readonly string[], k: number) =>
  NO_OBJECT.test(w[k + 1] ?? "") && !BUT.test(w[k + 2] ?? "");
/**
 * A turn that refuses every erase ("Wipe nothing, please.") says of each disk that it stays, named
 * or not: no erase is offered to the yes that follows, whatever the words left open.
 */
const ALL_BUT = /\b(?:nothing|none|naught|nada|neither)\s+(?:but|except|other|besides|apart|save|else)\b/i;
const refusesEvery = (cs: readonly Clause[]) =>
  cs.some((c) => c.w.some((x, k) => DESTROYS.has(x) && destroysNothing(c.w, k) && !c.conditional));

/**
 * "Layer one, the Samsung photos; layer two, Windows. Both remain sealed. Open the trench on the
 * Seagate, whole.": a turn that asks for ANOTHER disk with a verb is no bare answer naming this one;
 * the bare mention lists or describes it (here: what stays), and a "whole" said of the other disk
 * erased the photos (dev h20k-116#1).
 */
function asksAnother(cs: readonly Clause[], disk: string, facts: Facts, refused: Set<Clause>): boolean {
  return facts.disks.some(
    (d) =>
      d.path !== disk &&
      !d.liveMedium &&
      cs.some((c) => {
        const ks = placesOf(c, d.path, facts);
        return (
          ks.length > 0 &&
          placesOf(c, disk, facts).length === 0 &&
          plain(c, refused) &&
          ks.every((k) => stateAt(c, k) === "request") &&
          (c.w.some((x) => ACT_VERBS.has(x)) || ks.some((k) => placedAt(c.w, k)))
        );
      }),
  );
}

/** "on the Seagate", "onto sdb", "to my WD": the disk named as the place the install goes. */
function placedAt(w: readonly string[], k: number): boolean {
  const j = /^(?:the|my|that|this|a)$/.test(w[k - 1] ?? "") ? k - 2 : k - 1;
  return /^(?:on|onto|to|into)$/.test(w[j] ?? "");
}

/** Where a clause that names no disk starts with a pronoun for `disk`, the one disk named just before. */
function subjectPronoun(c: Clause, before: readonly string[], disk: string): number[] {
  if (before.length !== 1 || before[0] !== disk) return [];
  const k = c.w.slice(0, 2).findIndex((x) => SUBJECT.test(x));
  return k >= 0 && c.w.length > k + 1 ? [k] : [];
}
const SUBJECT = /^(?:it|its|it's|that|thats|that's|this|she|shes|she's|he|hes|he's)$/;

/**
 * A pick says nothing but the disk ("sdb.", "the seagate, whole disk", "ok the 2tb one then"); a
 * clause that says more of it without a verb that acts ("the WD is warded by old runes", "the WD has
 * tenure") describes the disk, and a description is no request.
 */
function onlyPicks(c: Clause, ks: readonly number[]): boolean {
  return c.w.every((x, k) => ks.includes(k) || PICK_WORDS.test(x));
}
const PICK_WORDS =
  /^(?:the|my|a|that|this|one|ones|disk|drive|ssd|hdd|nvme|device|whole|entire|full|all|of|it|please|pls|plz|ok|okay|k|yes|yeah|yep|sure|then|so|i|guess|think|say|said|go|with|on|onto|to|for|there|lets|let's|just|only|now|fine|alright|right|thanks|thx|ty|gb|tb|gig|gigs|g|t|\d+(?:\.\d+)?(?:gb|tb|g|t)?)$/;

/** A clause said plainly: not refused later, asked, conditioned, hedged or put in another's mouth. */
function plain(c: Clause, refused: Set<Clause>): boolean {
  return !refused.has(c) && !c.question && !c.conditional && !c.hedged && !c.w.some((x) => NOT_ASKED.test(x));
}

/**
 * A clause that only asks about the disk ("what's on the seagate?", "is that the backup one?", "what
 * happens to my backup?"): it neither asks for the erase nor keeps the disk, so it changes nothing
 * that was said of the disk before; my answer to it names the disk, and the turn after may take it
 * (b). A question that carries a negation or a keep ("you won't wipe the WD, will you?") protects.
 */
function queries(c: Clause, refused: Set<Clause>): boolean {
  const first = c.w.findIndex((x) => !FILLER.test(x));
  return (
    (c.question || INFO.test(c.w[first] ?? "")) &&
    !refused.has(c) &&
    !c.w.some((x) => NOT_ASKED.test(x)) &&
    !QUESTION_PROTECTS.test(c.w.join(" "))
  );
}
/** Words a request for information starts with, marked or not ("what is on the samsung", "info on sda"). */
const INFO =
  /^(?:what|whats|what's|which|how|hows|how's|where|who|whose|why|tell|show|info|information|details|describe|explain|list|is|does|do|will|would|did)$/;
const FILLER =
  /^(?:ok|okay|k|so|and|but|hmm|um|uh|wait|hey|yes|yeah|yep|sure|alright|hold|on|hang|pls|please|can|could|you|u|me)$/;
const QUESTION_PROTECTS =
  /\b(?:not|no|never|dont|don't|won't|wont|isn't|isnt|without|keep|keeps|stay|stays|leave|alone|safe|spare|protect|untouched|intact|precious|need|needs|only copy)\b|n't\b/;

const MEANT = /^(?:(?:no|nah|nope|wait|sorry|actually|oh|oops|ok|okay)\s+)*i\s+(?:mean|meant)\b/;
/** Words that let what is on a disk go, beyond the erase screen's (dataDisk.ts `choosesErase`). */
const LETS_GO =
  /\b(?:anymore|any more|no longer|nothing important|nothing i need|nothing i want|nothing on it|empty|blank|unused|in the cloud|backed up|barely|screw|junk|dead|goes|is gone|can go|must go|has to go|(?:is|are|its|it's|thats|that's)\s+(?:(?:so|really|pretty|just|very|super|an|a|some)\s+)*(?:old|ancient|dead)|useless|obsolete|(?:never|dont|don't|do not|rarely|hardly)\s+(?:ever\s+)?(?:use|used|boot|boots|need|play|open|run|launch|start|touch(?:ed)? it anymore))\b/;
/** A word that keeps: it vetoes a let-go read in the same clause ("old photos, keep them"). */
const KEEPS =
  /\b(?:keep|keeps|kept|stay|stays|leave|alone|safe|spare|protect|untouched|intact|precious|need|needs|nowhere)\b/;

/** The clause lets what is on the disk go ("ubuntu is dead anyway", "mint can go", "old junk"). */
function lets(c: Clause): boolean {
  const t = c.w.join(" ");
  return (
    (choosesErase(c.said) || LETS_GO.test(t)) &&
    !(KEEPS.test(t) && !/\b(?:dont|don't|no longer|not|never|nothing i)\s+need/.test(t))
  );
}

/**
 * "I don't care about windows 7", "fedora can die", "i copied the backup to the nas": the clause
 * names what is on this disk (or, naming no disk, speaks of the one named before it) and lets it go
 * in words of informedConsent.ts. A clause that names the disk only by its device or model is read
 * by `lets` alone: "forget the samsung" leaves a disk out, it lets nothing on it go.
 */
function informed(c: Clause, disk: string, named: readonly string[], facts: Facts): boolean {
  if (!letsGo(c.said)) return false;
  return !named.length || foundIn(c.w, facts).some((f) => f.what !== undefined && f.disk.path === disk);
}

/** A clause that acts without naming a disk, said plainly: "wipe it", "nuke the other one", "do it". */
function actsUnnamed(c: Clause, facts: Facts, refused: Set<Clause>, verbs: Set<string>): boolean {
  return (
    !refused.has(c) &&
    !c.question &&
    !c.conditional &&
    !c.hedged &&
    !c.w.some((x) => NOT_ASKED.test(x)) &&
    requestForm(c) &&
    c.w.some(
      (x, k) =>
        verbs.has(x) &&
        !c.w.slice(Math.max(0, k - 3), k).some((b) => /^(?:dont|not|never|no)$/.test(b)) &&
        !destroysNothing(c.w, k),
    ) &&
    facts.disks.every((d) => placesOf(c, d.path, facts).length === 0)
  );
}

/**
 * A turn that takes the disk my reply named: a yes, or a plain request that names no disk ("do
 * it", "wipe it", "install on it"), with no other disk asked for and no word that chooses another
 * ("the other one", "the remaining one" mean NOT the disk I named).
 */
function takes(text: string, disk: string, facts: Facts): boolean {
  if (yesNo(text) === true) return true;
  const cs = clauses(joinSlowWords(text));
  const refused = refusedLater(cs);
  if (cs.some((c) => c.w.some((x) => /^(?:other|another|remaining|rest|else|different)$/.test(x))))
    return false;
  const others = facts.disks.filter((d) => d.path !== disk && !d.liveMedium);
  return (
    cs.some((c) => actsUnnamed(c, facts, refused, ACT_VERBS)) &&
    others.every((d) => !["asked", "picked"].includes(readTurn(text, d.path, facts)))
  );
}

/** My last reply named this disk and no other that could be installed onto. */
function askedAbout(conv: ConversationView, disk: string, facts: Facts): boolean {
  const last = conv.turns.at(-1)?.decision;
  if (!last || !("reply" in last)) return false;
  const said = (p: string) => new RegExp(`${p.replace(/^\/dev\//, "")}(?![a-z0-9])`).test(last.reply);
  return (
    said(disk) &&
    facts.disks.every((d) => d.path === disk || d.liveMedium || d.sizeBytes < MIN_FREE_BYTES || !said(d.path))
  );
}

const usable = (facts: Facts) => facts.disks.filter((d) => !d.liveMedium && d.sizeBytes >= MIN_FREE_BYTES);

/**
 * This turn destroys something it does not name ("wipe it", "erase the other one", "nuke the linux
 * one"), and the disk is the one it can mean: the only disk there is, the one whose content the
 * same words let go, or the only one this turn does not name among disks it names.
 */
function destroysThis(text: string, disk: string, said: Said, facts: Facts): boolean {
  const cs = clauses(joinSlowWords(text));
  const refused = refusedLater(cs);
  if (!cs.some((c) => actsUnnamed(c, facts, refused, DESTROYS))) return false;
  const disks = usable(facts);
  if (disks.length === 1 && disks[0]!.path === disk) return true;
  if (said === "letgo") return true;
  const named = disks.filter((d) => cs.some((c) => placesOf(c, d.path, facts).length > 0));
  return said === "unsaid" && named.length > 0 && named.length === disks.length - 1;
}

/** Every clause that says more than a yes is under an "if" or a question ("good. only encrypt it if …"). */
function conditionalOnly(text: string): boolean {
  const said = clauses(text).filter((c) => c.w.length > 1 && yesNo(c.said) === undefined);
  return said.length > 0 && said.every((c) => c.conditional || c.question);
}

/** Whether the conversation asked for the erase of `disk` (a), (b) or (c). */
export function eraseAsked(disk: string, conv: ConversationView, facts: Facts): boolean {
  const now = readTurn(conv.user, disk, facts);
  if (now === "other" || now === "queried") return false;
  if (now === "asked") return true;
  // informed consent (informedConsent.ts): the words name what is on this disk and let it go (and
  // may pick the disk: "then the kingston. fedora can die"), and no clause spoke of it any other
  // way; the plan shown at the yes says what is lost
  if ((now === "letgo" || now === "picked") && consentedDisks(conv.user, facts).includes(disk)) return true;
  // a change to the erase already planned, unless every word of it is under an "if" or a question
  if (conv.pending.some((p) => erasesWholeDisk(p, disk))) return !conditionalOnly(conv.user);
  // an answer that is nothing but the disk: to my question about it, or beside an erase said now or
  // in the turn it answers ("wipe it" … "the steam one, the seagate")
  const prev = conv.turns.at(-1)?.user ?? "";
  if (
    now === "picked" &&
    (askedAbout(conv, disk, facts) ||
      choosesErase(conv.user) ||
      choosesErase(prev) ||
      WHOLE_DISK.test(conv.user))
  )
    return true;
  // (b) my question named it, and this turn takes it
  const offered = conv.offer?.calls.some((c) => erasesWholeDisk(c as PlanCall, disk)) ?? false;
  if ((offered || askedAbout(conv, disk, facts)) && takes(conv.user, disk, facts)) return true;
  // the one disk there is, and the words choose to lose what is on it ("just use the whole disk")
  const disks = usable(facts);
  if (disks.length === 1 && disks[0]!.path === disk && choosesErase(conv.user)) return true;
  if (destroysThis(conv.user, disk, now, facts)) return true;
  // (c) an earlier turn asked for it, and none since spoke of it otherwise
  for (let i = conv.turns.length - 1; i >= 0; i--) {
    const said = readTurn(conv.turns[i]!.user, disk, facts);
    if (said === "asked") return true;
    if (said === "other") return false;
  }
  return false;
}

/** The question that replaces an erase nobody asked for: the disk, what it holds, no offer. */
function question(d: Disk): string {
  const on = (d.partitions ?? []).map((p) => `${p.path} (${whatIsOn(p) || "a partition"})`).join(", ");
  const short = d.path.replace(/^\/dev\//, "");
  return `${describeDisk(d)} holds ${on}: erase it, or install on another disk? I haven't planned anything for it. To lose what is on it, say "erase ${short} and install there".`;
}

/**
 * What the person said of the disk last: this turn, else the latest earlier turn that spoke of it.
 * An offer of an erase is a question a reflexive "yes" answers, so it is never made for a disk whose
 * last mention was not a request ("the WD is a tenant"), whatever gate made the offer.
 */
function lastSaid(disk: string, conv: ConversationView, facts: Facts): Said {
  for (const text of [conv.user, ...conv.turns.map((t) => t.user).reverse()]) {
    const said = readTurn(text, disk, facts);
    // a question about the disk keeps nothing: what was said of it before still holds
    if (said !== "unsaid" && said !== "queried") return said;
  }
  return "unsaid";
}

type DiskCall = Extract<PlanCall, { tool: "partitionDisk" }>;
const dataErase = (c: PlanCall, facts: Facts): c is DiskCall =>
  erasesWholeDisk(c) && holds(facts.disks.find((x) => x.path === c.args.disk));

/** The decision with each erase of a disk that holds something, and that no words asked for, asked. */
export function gateEraseAsked(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if ("reply" in decision && decision.offer) {
    const offered = decision.offer.calls as PlanCall[];
    const stopped = offered.filter(
      (c): c is DiskCall =>
        dataErase(c, facts) &&
        !conv.pending.some((p) => erasesWholeDisk(p, c.args.disk)) &&
        lastSaid(c.args.disk, conv, facts) === "other",
    );
    return stopped.length ? asked(stopped, offered, facts) : decision;
  }
  if (!("calls" in decision)) return decision;
  const calls = decision.calls as PlanCall[];
  const stopped = calls.filter(
    (c): c is DiskCall => dataErase(c, facts) && !eraseAsked(c.args.disk, conv, facts),
  );
  // asked for, but in words that show nothing of what is lost: the question that names it, with the
  // erase offered (unseenLoss.ts); beside an erase nobody asked for, it is not offered either.
  // On by default; LEVITATE_UNSEEN_LOSS=0 turns it off to measure it (dev: 2 won, 18 lost)
  const unseen = calls.filter(
    (c): c is DiskCall =>
      dataErase(c, facts) &&
      !stopped.includes(c) &&
      lossUnseen(facts.disks.find((d) => d.path === c.args.disk)!, conv, facts),
  );
  if (unseen.length && !stopped.length && process.env.LEVITATE_UNSEEN_LOSS !== "0")
    return unseenLossQuestion(
      unseen.map((c) => facts.disks.find((d) => d.path === c.args.disk)!),
      calls,
    );
  // a change to a planned erase said only under an "if": the plan stays, and no question is left open
  if (stopped.length && stopped.every((c) => conv.pending.some((p) => erasesWholeDisk(p, c.args.disk))))
    return {
      reply: `You said that under an "if", so I haven't changed the plan (it still installs onto ${stopped
        .map((c) => c.args.disk)
        .join(", ")}). Say the change plainly to make it.`,
    };
  return stopped.length ? asked(stopped, calls, facts) : decision;
}

/** The question for the stopped erases, offering only the rest of the calls. */
function asked(stopped: readonly DiskCall[], calls: readonly PlanCall[], facts: Facts): Decision {
  const asks = [
    ...new Set(stopped.map((c) => question(facts.disks.find((d) => d.path === c.args.disk)!))),
  ].join(" ");
  const rest = calls.filter((c) => !stopped.includes(c as DiskCall));
  if (!rest.length) return { reply: asks };
  return {
    reply: `${asks} Shall I do the rest (${rest.length} change${rest.length > 1 ? "s" : ""})?`,
    offer: { calls: rest.slice(0, MAX_CALLS) },
  } as Decision;
}
