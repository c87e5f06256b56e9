import type { Disk, Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { type Clause, clauses } from "../rules/clauses.js";
import type { ConversationView, PlanCall } from "../types.js";
import { yesNo } from "../yesno.js";
import { eraseSaid } from "./directRequest.js";
import { letsGo } from "./informedConsent.js";
import { foundIn } from "./partitionRefs.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * ONE STRICT READING OF CONSENT TO ERASE (attacker 28 H1, H2, H3, H6, H9, H11, M8). The readers
 * before this one let many shapes of "the photos can go" plan an erase: negated ("nothing on it can
 * go", "not a single photo can go"), deferred ("once I back them up", "the wipe can wait"), a move
 * ("can go on the crucial"), part of the content ("some photos can go", "the ESP can go"), content
 * of another disk ("use the samsung, the windows can go"), a question without "?" ("should we wipe
 * it"), a dislike ("I hate wiping it"), an opinion ("windows is dead anyway"), a disk's own label
 * ("use the WIPE-ME disk"), quoted or reported words ("the guide says: erase /dev/sda").
 *
 * So when a turn newly plans the erase of a disk that holds something, and its words speak of
 * letting go or erasing at all, the erase stands only if one clause of them is consent read
 * strictly: a positive let-go or erase verb, in the user's own voice (not inside quotes, a label
 * or a model name, not after "says"/"wrote"/a leading ">"), in a clause with no negation,
 * condition, deferral, question, hedge, dislike or modal of doubt, whose object is that disk
 * itself ("wipe the samsung", "erase it") or what it holds, all of it (a backup said as done, "the
 * photos are backed up", "i have a backup of everything", lets what it names go) (every system and labelled
 * data partition on it named, or "everything").
 *
 * Safety: this only ever turns a planned erase into a question whose offer is that same plan, so
 * a plain "yes" takes it; it never adds a call. An erase that no consent-like word brought (a yes
 * to my question, a pending plan) is left to the gates before it. The cost is some erases the
 * user did mean ("use the nvme, i never use windows") asked once more: a question, not a loss.
 */
export function screenLooseConsent(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return decision;
  const erases = decision.calls.filter(
    (c): c is Extract<PlanCall, { tool: "partitionDisk" }> =>
      erasesWholeDisk(c) && !conv.pending.some((p) => erasesWholeDisk(p, c.args.disk)),
  );
  const held = erases
    .map((c) => facts.disks.find((d) => d.path === c.args.disk))
    .filter((d): d is Disk => !!d && !d.liveMedium && holdings(d).length > 0);
  if (!held.length) return decision;
  const text = conv.user;
  if (!speaksOfLoss(text)) return decision;
  // "yes" to my own question about this erase: the yes is the consent; what follows it is read
  // by the screens of hedged yeses (unsureYes.ts), unless a clause after it defeats it
  if (answersOffer(conv, held, text)) return decision;
  const own = ownWords(text, facts);
  // "i want sda wiped", "could you erase the wd": a plain request to erase the disk, in the
  // request forms the erase readers already hold (directRequest.ts), is no let-go to screen; words
  // in quotes or reported ("the guide says") never count as the person's request
  const asked = (d: Disk) =>
    ERASE_VERB.test(own) &&
    !letsGo(text) &&
    !REPORTED.test(text) &&
    eraseSaid(text, d.path, facts) === "request";
  const loose = held.filter((d) => !consents(own, d, facts) && !asked(d));
  if (!loose.length) return decision;
  const lines = loose.map((d) => {
    const what = holdings(d)
      .map((p) => `${p.path}${p.label ? ` ("${p.label}")` : ""}${p.os ? ` ${p.os}` : ""}`)
      .join(", ");
    return `Installing on ${d.path} (${d.model}) erases everything on it: ${what}.`;
  });
  return {
    reply: `${lines.join(" ")} I didn't read a plain go-ahead to lose all of that in your words. Shall I erase it? (yes / no)`,
    offer: { calls: decision.calls },
  };
}

const ERASE_VERB = /\b(?:wipe|wiped|wiping|erase|erased|erasing|format|formatted|formatting|nuke|nuked)\b/i;
const REPORTED =
  /["“”«»]|(?:^|\n)\s*>|\b(?:says?|said|wrote|writes|told|recommends?|suggests?|according to)\b/i;

/** What a disk holds that someone could lose: a system, or a partition with a name of its own. */
function holdings(d: Disk): NonNullable<Disk["partitions"]> {
  return (d.partitions ?? []).filter(
    (p) => !p.esp && p.fstype !== "swap" && (p.os !== undefined || (!!p.label && !SYSTEM_PART.test(p.label))),
  );
}

/** Partitions of a system's boot or recovery: never what a person keeps. */
const SYSTEM_PART = /^(?:recovery|msr|system|boot|efi|esp|swap|winre|microsoft reserved)|reserv/i;

const norm = (s: string) =>
  ` ${s
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z0-9à-ÿ/>" ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()} `;

/** Any word of losing, erasing or letting go, of doubt about it, or someone else's words. */
const LOSS_WORDS =
  /\b(?:can|may|must|should|could|might|will|has to|have to|gotta|needs? to)\s+(?:\w+\s+){0,2}(?:go|die|leave|disappear|vanish|be \w+)\b|\b(?:wip|eras|format|nuk|torch|yeet|obliterat|annihilat|demolish|raz|bulldoz|purg|shred|incinerat|evict|clobber|flatten|done with|overwrit|delet|destroy|kill|trash|replac|scrap|ditch|dump|rid of|forget|junk|dead|useless|obsolete|ancient|backed up|back up|backup|never use|dont use|dont need|no longer|anymore|any more|borr|elimin|cancell|l[oö]sch|efface|supprim|apag|hata|mita)|[">“”]|\b(?:says|said|wrote|writes|told)\b/i;

function speaksOfLoss(text: string): boolean {
  return LOSS_WORDS.test(text.toLowerCase().replace(/[’']/g, "")) || letsGo(text);
}

/** My last reply offered this erase and the turn opens with a plain yes, nothing after it defeating it. */
function answersOffer(conv: ConversationView, held: readonly Disk[], text: string): boolean {
  if (!held.every((d) => conv.offer?.calls.some((c) => erasesWholeDisk(c as PlanCall, d.path)))) return false;
  const cs = clauses(text);
  if (!cs.length || yesNo(cs[0]!.said) !== true) return false;
  return cs.slice(1).every((c) => !defeated(c, norm(c.said)));
}

/**
 * The user's own words: quoted text, a disk's label or model that reads like a let-go ("WIPE-ME",
 * "can go", "Wipe Me SSD") and all that follows a report ("the guide says:", "my son wrote", a
 * leading ">") are a name or someone else's words, never the user's consent.
 */
function ownWords(text: string, facts: Facts): string {
  let t = text
    .replace(/["“”«»][^"“”«»]*["“”«»]/g, " NAMED ")
    .replace(/(^|\s)'[^']*'(?=\s|[.,;!?]|$)/g, " NAMED ");
  if (/^\s*>/.test(t)) return "";
  const report = REPORT.exec(t);
  if (report) t = t.slice(0, report.index);
  for (const d of facts.disks) {
    for (const name of [d.model, ...(d.partitions ?? []).map((p) => p.label ?? "")]) {
      if (!name || !LOSS_WORDS.test(name.toLowerCase())) continue;
      // every run of the name's words that reads like a let-go, longest first ("wipe me" of
      // "Wipe Me SSD", "can go" of "Samsung can go")
      const words = name
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
      const runs: string[][] = [];
      for (let i = 0; i < words.length; i++)
        for (let j = words.length; j > i; j--) runs.push(words.slice(i, j));
      runs.sort((a, b) => b.length - a.length);
      for (const run of runs)
        if (LOSS_WORDS.test(run.join(" ")))
          t = t.replace(new RegExp(`\\b${run.join("[^a-z0-9]*")}\\b`, "gi"), " NAMED ");
    }
  }
  return t;
}

/** Someone else's words: "the guide says", "my friend wrote", "according to", "the sticker reads". */
const REPORT =
  /\b(?:(?!i\s)\w+\s+(?:says|said|say|wrote|writes|write|told me|tells me|reads|read|suggests|suggested|recommends|recommended)\b|according to)/i;

/** The turn consents to losing everything on `disk`, read strictly (see the module comment). */
function consents(text: string, disk: Disk, facts: Facts): boolean {
  const cs = clauses(text);
  const covered = new Set<string>();
  let whole = false;
  let lastDisk: string | undefined;
  let deferredBefore = false;
  for (const c of cs) {
    const t = norm(c.said);
    const found = foundIn(c.w, facts).filter((f) => !f.disk.liveMedium);
    if (found.length) lastDisk = found.at(-1)!.disk.path;
    // "it's got nothing I need", "the wd has nothing important": all of it let go (the "nothing" is
    // the object of having, not a negation of a let-go)
    if (NOTHING_NEEDED.test(t) && !c.question && !c.conditional && !QUESTION_LEAD.test(t)) {
      if (!found.some((f) => f.disk.path !== disk.path) && (lastDisk === undefined || lastDisk === disk.path))
        whole = true;
      continue;
    }
    // "once windows is backed up, then wipe it": a clause after a condition or deferral is its
    // consequent (the clause reader drops the "then"), no decision of its own (safety: only asks)
    const consequent = deferredBefore;
    if (c.conditional || DEFERRED.test(t)) deferredBefore = true;
    if (consequent || defeated(c, t) || !POSITIVE.test(t) || DESTINATION.test(t)) continue;
    // every thing the clause names is on this disk: consent about another disk's content is
    // none for this one ("use the samsung, the windows can go" with Windows on the nvme)
    if (found.some((f) => f.disk.path !== disk.path)) continue;
    const contents = found.filter((f) => f.what !== undefined);
    if (found.some((f) => f.what === undefined) || ALL.test(t)) whole = true;
    else if (contents.length) for (const f of contents) covered.add(f.what!);
    // "wipe the seagate", "erase it", "it can go": an erase that names no content and no other
    // disk is aimed at the disk the plan is on; a let-go needs a pointer back at it. One
    // partition ("the ESP can go", "erase the boot partition") is never the whole disk
    // ("wipe the linux one" after "keep the windows drive": a description the readers placed)
    else if (
      !PART_WORDS.test(t) &&
      (POINTER.test(t)
        ? lastDisk === undefined || lastDisk === disk.path
        : ERASE.test(t) || /\b(?:whole|entire|full)\s+(?:disk|drive|ssd|hdd|nvme|thing)\b/.test(t))
    )
      whole = true;
  }
  if (whole) return true;
  const need = holdings(disk);
  return (
    need.length > 0 &&
    need.every((p) =>
      [...covered].some(
        (w) =>
          w === p.os ||
          w.includes(p.path) ||
          (!!p.label && w.includes(`"${p.label}"`)) ||
          // "windows" found as the ESP's "Windows Boot Manager" names the Windows partition too
          (!!p.os && firstWord(w) !== "" && firstWord(w) === firstWord(p.os)) ||
          // a Windows partition the facts label "Windows" but give no os (found at the merge:
          // "wipe windows i dont need it anymore" was asked, 40 dev turns)
          (!p.os && !!p.label && firstWord(w) !== "" && firstWord(w) === firstWord(p.label)),
      ),
    )
  );
}

const firstWord = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/)[0] ?? "";

/** An erase verb said as an order or a wish ("wipe it", "go ahead and format the 870"). */
const ERASE =
  /\b(?:torch|torching|yeet|yeeting|obliterate|obliterating|annihilate|annihilating|demolish|demolishing|raze|razing|bulldoze|bulldozing|purge|purging|shred|shredding|incinerate|incinerating|evict|evicting|clobber|clobbering|flatten|flattening|wipe|wiping|erase|erasing|format|formatting|reformat|nuke|nuking|overwrite|overwriting|delete|deleting|destroy|kill|trash|replace|replacing|scrap|ditch|dump|get rid of|getting rid of|forget|blank|zap|(?:rip|tear|throw|kick)\s+(?:\w+\s+){0,2}out|blow\s+(?:\w+\s+)?away|(?:install|put|write)\s+(?:\w+\s+)?over|instead of|in place of|borra|borrar|b[oó]rralo|elimina|eliminar|efface|effacer|supprime|supprimer|l[oö]sch\w*|apaga|apagar|cancella|hata do|mita do|wipe out)\b/;
/** A let-go predicate with a modal of permission or need, never of doubt ("could", "might"). */
const LET_GO =
  /\b(?:(?:is|are|gets|get|is getting|are getting|is being|are being|is going to be|are going to be)\s+(?:erased|wiped|deleted|removed|replaced|overwritten|nuked|formatted|evicted|scrapped|ditched|dumped|trashed|torched|purged|retired|killed|kicked out|thrown out)|(?:i m|im|i am|were|we re|we are)\s+(?:so\s+|totally\s+|completely\s+|fully\s+|all\s+)?done with|goes|is going|gets the boot|(?:can|may|must|should|will|has to|have to|gotta|needs? to|is free to|are free to|is allowed to)\s+(?:just\s+|all\s+|safely\s+|totally\s+|now\s+)?(?:go|die|disappear|vanish|be\s+(?:erased|wiped|deleted|removed|replaced|overwritten|nuked|formatted|lost|gone|dropped)))\b|\blet (?:it|them|\w+) go\b|(?<!\b(?:be|get|gets|getting|been) )\bbacked up\b|\b(?:have|got|made|there is|theres) (?:a |my )?(?:backup|backups|copy|copies)\b|\bgood riddance\b|\b(?:i|we)\s+(?:dont|do not|no longer)\s+need\b(?!\s+(?:you|to)\b)(?![^,.;]*\b(?:wiped|erased|formatted|deleted|removed|gone|touched)\b)|\b(?:i|we)\s+(?:dont|do not)\s+care\b|\b(?:thats|that is|its|it is)\s+(?:just\s+|all\s+|only\s+)?(?:old\s+)?(?:junk|garbage|rubbish)\b|\b(?:kann|darf) weg\b|\bpeut partir\b|\bpu[oò] andare\b|\bpode (?:ir|apagar)\b/;
const NOTHING_NEEDED =
  /\b(?:got|has|have|holds|contains|theres|there is|is|its)\s+nothing\s+(?:(?:i|we)\s+(?:need|want|use|care about|miss)|important|of value|valuable|worth keeping)\b/;
const POSITIVE = new RegExp(`${ERASE.source}|${LET_GO.source}`);

/** "can go on the crucial", "must go to the cloud first", "can go with me": a move, not a loss. */
const DESTINATION =
  /\b(?:go|goes|going)\s+(?:on|onto|to|into|in|with|back|over|elsewhere|somewhere|anywhere|home|nowhere|near|first)\b/;

/** "everything", "all of it", "the whole thing": whatever the disk holds. */
const ALL = /\b(?:everything|all of it|all that|the whole thing|the lot|whatever is on|whats on it)\b/;
/** Words of one partition or a system's boot parts, never a whole disk. */
const PART_WORDS =
  /\b(?:partition|partitions|volume|esp|efi|uefi|boot|bootloader|recovery|msr|swap|(?:sd[a-z]|vd[a-z]|nvme\d+n\d+p|mmcblk\d+p)\d+)\b/;
/** "wipe it", "erase that": the disk spoken of. */
const POINTER =
  /\b(?:it|that|this|thats|that s|its|it s|them|those|theyre|they re|that one|this one|the disk|the drive|the ssd|the hdd)\b/;

/**
 * A clause whose let-go is not a decision said now in the user's voice: a question (with or
 * without "?"), a condition or deferral, a negation (of the verb or of the object: "nothing",
 * "not a single", "nowhere"), a hedge or alternative ("or not"), a dislike, an idiom of refusal,
 * or a part of the content ("some photos", "a few").
 */
function defeated(c: Clause, t: string): boolean {
  // "can you erase it?", "could you please wipe the samsung": a request in its polite form, aimed
  // at me, not a question about whether to ("could it be wiped", "should we wipe it" stay questions)
  const polite = new RegExp(
    `^ (?:(?:ok|okay|so|then|well)\\s+)?(?:can|could|would|will) you (?:please |just |now )?(?:${ERASE.source})`,
  ).test(t);
  return (
    (c.question && !polite) ||
    (c.conditional && !c.courtesy) ||
    c.hedged ||
    (QUESTION_LEAD.test(t) && !polite) ||
    negatedVerb(t) ||
    DEFERRED.test(t) ||
    DOUBT.test(t) ||
    FEELING.test(t) ||
    REFUSAL_IDIOM.test(t) ||
    PARTIAL.test(t)
  );
}

/**
 * A negation that reaches the let-go: before its verb ("nothing on it can go", "i dont want you to
 * wipe it", "los fotos no se pueden borrar") or right after it ("can go nowhere", "wipe it - no").
 * A later predicate of its own ("format everything i dont care") negates something else. (The
 * turn may reach here translated: "los fotos no se pueden borrar" as "erase the fotos not pueden".)
 */
function negatedVerb(said: string): boolean {
  // "erase nothing but the seagate": only the seagate, no negation of the erase
  const t = said.replace(/\bnothing (?:but|except|other than|besides)\b/g, "only");
  const m = POSITIVE.exec(t);
  if (!m) return NEGATED.test(t);
  if (NEGATED.test(t.slice(0, m.index))) return true;
  // after the verb, a negation counts unless a subject of its own starts a new predicate
  // ("wipe it i dont care", "erase all that isnt the usb")
  const after = t
    .slice(m.index + m[0].length)
    .trim()
    .split(" ");
  const k = after.findIndex((x) => NEGATED.test(` ${x} `));
  return k >= 0 && !/^(?:i|we|you|he|she|they|that|which|who|what)$/.test(after[k - 1] ?? "");
}

const QUESTION_LEAD =
  /^ (?:(?:so|and|but|ok|okay|well|hmm|hey|then|um|uh)\s+)*(?:(?:should|shall|could|can|would|will|may|might|must)\s+(?:i|we|you|it|they|he|she|that|this|the|my|those|these)\b|(?:do|does|did|is|are|was|were|am)\s+(?:i|we|you|it|they|that|this|the|my)\b|what|how|why|who|whether|where)|\b(?:do you think|what if|is it ok|is that ok|wonder|wondering)\b/;
const NEGATED =
  /\b(?:not|no|never|nothing|none|nobody|nowhere|neither|nor|zero|hardly|barely|scarcely|little of|very little|without|cannot|cant|dont|doesnt|didnt|wont|wouldnt|shouldnt|mustnt|isnt|arent|aint|nicht|nie|kein\w*|non|nunca|nada|ningun\w*|jamais|pas|nao|não|mat|nahi|nahin)\b/;
const DEFERRED =
  /\b(?:(?:once|after|before|until|till|when|whenever|as soon as)\s+(?!(?:the\s+)?install)\w+\s+(?:\w+\s+)?(?:is|are|has|have|gets|get|was|were|been)\b|(?:once|after|before|until|till|when|whenever|as soon as)\s+(?!(?:the\s+)?install)(?!all\s*$)(?:i|we|you|my|our|the|its|it|they|theyre|everything|that|this|those|these|all)\b|unless|later|tomorrow|tonight|eventually|someday|some day|soon|next (?:week|month|year|time)|in (?:a|one|two|three|few|\d+) (?:days?|weeks?|months?|years?)|(?:can|could|will|must|should) wait|for now|at some point)\b/;
const DOUBT =
  /\b(?:maybe|perhaps|probably|possibly|i guess|i think|i suppose|not sure|dunno|or not|or keep|or leave|or no|either way|your call|up to you|hopefully|i hope|kinda|sort of|could|might|would(?! like| love| prefer| rather))\b/;
const FEELING =
  /\b(?:hate|hating|dread|dreading|afraid|scared|fear|worry|worried|sad|regret|miss|enjoy|love)\b/;
const REFUSAL_IDIOM =
  /\b(?:dead body|hell freezes|pigs fly|in your dreams|no way|yeah right|as if|not a chance|fat chance)\b/;
const PARTIAL =
  /\b(?:some|a few|few|part of|parts of|half|most|several|certain|a couple|one of|duplicates|older ones|old ones|some of)\b/;
