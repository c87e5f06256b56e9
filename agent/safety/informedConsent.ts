import type { Facts } from "../../facts/schema.js";
import { type Clause, clauses } from "../rules/clauses.js";
import { DISUSE } from "./disuseWords.js";
import { foundIn } from "./partitionRefs.js";

/**
 * INFORMED CONSENT to lose what is on a disk. "wipe the nvme" alone, on a disk that holds Windows the
 * person may not know about, is a question (eraseAsked.ts). Words that show the person KNOWS what is
 * there and lets it go are consent: they name what is on the disk (its system, its label), or point
 * at it ("it", "what's on it"), and in the same clause let it go ("windows can go", "i never use it",
 * "i don't care about windows 7", "it's ancient", "they're backed up", "forget windows", "fedora can
 * die", "windows hata do", "ya no necesito fedora", "j'ai pus besoin de ce qu'il y a dessus") or aim
 * an erase at it ("wipe windows", "replace fedora", "install over the old debian disk").
 *
 * Safety: a let-go is read only in a clause said plainly: never under a negation of its own words
 * ("windows can't go", "i still need windows": no form below matches them), never in a question
 * ("should I wipe windows?", "can windows go?"), a condition ("if I wipe windows can I..."), a hedge
 * ("maybe windows can go") or beside a keep word in the same clause ("windows is old but keep it").
 * Consent names the disk through what the person named on it, so a disk they did not speak of is
 * never consented to; what the consent allows is still only a plan, and the plan shown at
 * confirmation says what is lost: nothing runs without a yes.
 */

/** Let-go forms that carry their own polarity: a negation before them turns them (checked). */
const POSITIVE = [
  // "windows can go", "fedora can die", "it may be wiped", "mint has to go", "it can go away"
  /\b(?:can|could|may|might|should|will|must|gotta|has to|have to|needs to|need to|is free to|is allowed to)\s+(?:just\s+|all\s+|totally\s+|safely\s+)?(?:go|go away|leave|die|disappear|vanish|be\s+(?:erased|wiped|deleted|removed|replaced|overwritten|nuked|formatted|killed|lost|gone|sacrificed|dropped))\b/,
  // "it's ancient", "windows is old", "that's junk", "they are useless" (JUDGED: weak, see below)
  /\b(?:is|are|its|it s|thats|that s|s|was|were|theyre|they re)\s+(?:just\s+|all\s+|so\s+|really\s+|pretty\s+|very\s+|super\s+|too\s+|way\s+too\s+|totally\s+|kinda\s+|basically\s+)?(?:an?\s+(?:\w+\s+)?)?(?:old|ancient|dead|junk|garbage|trash|rubbish|crap|useless|obsolete|outdated|worthless|expendable|disposable|history|toast|gone|done for)\b/,
  // "old junk on there", "nothing important on it", "nothing i need"
  /\b(?:old junk|just junk|only junk|nothing (?:important|on it|i need|i want|of value|worth keeping)|all backed up|backed up|have a backup|got a backup|in the cloud|on the nas|copied (?:it|them|everything|all|the \w+) (?:to|onto|over)|moved (?:it|them|everything|all|the \w+) (?:to|onto|over)|saved (?:it|them|everything|all|the \w+) (?:to|onto|elsewhere))\b/,
  // "we're done", "i'm moving on", "after all", "let it go", "good riddance", "bye windows"
  /\b(?:were done|we re done|im done with|i m done with|done with|moving on|after all|let (?:it|them|\w+) go|good riddance|goodbye|bye bye|farewell|rip)\b/,
  // "forget windows", "forget about fedora", "ditch ubuntu", "get rid of windows", "replace fedora"
  // "install over the old debian disk"
  /\b(?:forget|ditch|dump|scrap|replace|replacing|get rid of|getting rid of|switch(?:ing)? from|instead of|(?:install|installing|put|putting|write|go|goes|going)\s+(?:\w+\s+)?over)\b/,
  // other languages: Hindi/Urdu (hata do, mita do, nahi chahiye), Spanish, French, German,
  // Portuguese, Italian, Tagalog: the removal verbs and "no longer need" in each
  /\b(?:hata do|hatao|hata de|hata dena|nikal do|nikalo|mita do|mitao|uda do|udao|saaf kar|delete kar|format kar|nahi chahiye|nahin chahiye|zarurat nahi|zaroorat nahi|kaam ka nahi|se reemplaza|reemplaza|reemplazar|reempl[aá]zalo|borra|borrar|b[oó]rralo|elimina|eliminar|ya no (?:lo |la )?(?:uso|necesito|quiero)|no me sirve|sobra|remplace|remplacer|efface|effacer|supprime|supprimer|[eé]crase|[eé]craser|peut partir|peut d[eé]gager|(?:j ?ai|j a|ai) (?:plus|pus) besoin|n ai plus besoin|kann weg|darf weg|brauch(?:e)? (?:ich )?(?:\w+ )?(?:nicht|nie) mehr|l[oö]sch|loesch|ersetz|platt ?machen|pode apagar|pode ir|apaga|apagar|substitui|n[aã]o (?:uso|preciso)|non (?:mi )?serve pi[uù]|non uso pi[uù]|cancella|sostituisci|pu[oò] andare|burahin|tanggalin|(?:di|hindi) ko na kailangan)\b/,
];

/** A negation right before a positive form turns it ("windows isn't old", "not junk", "never forget"). */
const NEGATOR =
  /\b(?:not|never|no|dont|do not|doesnt|isnt|arent|wasnt|cant|cannot|wont|shouldnt|mustnt|neither|nor)\s+(?:\w+\s+){0,1}$/;

/** A keep in the same clause vetoes the let-go ("old photos, keep them", "windows is old but stays"). */
const KEEPS =
  /\b(?:keep|keeps|kept|keeping|stay|stays|leave|alone|safe|spare|protect|untouched|intact|precious|still need|still use|bleibt|behalten|garder|gard[eé]|reste|mantener|mant[eé]n|no se tocan?|rakh|rakho|rakhna|mat chhuna|mat chedo)\b/;

/** "i need it", "we need windows for work": a need said without a negation keeps. */
const NEEDS = /\b(?:need|needs|require|requires)\s+(?:it|them|that|this|those|\w+\s+for)\b/;
const keeps = (t: string) => KEEPS.test(t) || (NEEDS.test(t) && !DISUSE.test(t));

/** A clause said as a question, a condition or a hedge, or put in another's mouth, consents to nothing. */
const NOT_SAID_PLAINLY =
  /\b(?:should i|shall i|can i|could i|would it|will it|do i|does it|what if|whether|said|says|told|suggested|hypothetically|imagine|suppose|pretend|kidding|joking)\b/;

function plain(c: Clause): boolean {
  return !c.question && !c.conditional && !c.hedged && !NOT_SAID_PLAINLY.test(norm(c.said));
}

const norm = (s: string) => ` ${s.toLowerCase().replace(/[’']/g, "").replace(/\s+/g, " ").trim()} `;

/**
 * A judgement of what is on the disk ("it's ancient", "windows is old") is a reason, said beside a
 * request; alone it withdraws no keep and places no install (`strong`).
 */
const JUDGED = POSITIVE[1]!;

/** The clause's words let go of what they speak of; `strong`: by more than a judgement of it. */
export function letsGo(said: string, strong = false): boolean {
  const t = norm(said);
  if (keeps(t)) return false;
  if (DISUSE.test(t)) return true;
  for (const re of POSITIVE) {
    if (strong && re === JUDGED) continue;
    const g = new RegExp(re.source, "g");
    for (let m = g.exec(t); m; m = g.exec(t)) if (!NEGATOR.test(t.slice(0, m.index))) return true;
  }
  return false;
}

/** Words that aim an erase at what the clause names ("wipe windows", "nuke fedora"). */
const ERASE_AIM =
  /\b(?:wipe|wiping|erase|erasing|nuke|nuking|format|formatting|reformat|overwrite|overwriting|delete|deleting|remove|removing|kill|destroy|trash|uninstall)\b/;

/**
 * The disks whose content the turn lets go knowingly: a clause said plainly that names what is on
 * the disk (a system, a label; `foundIn`) or, naming nothing, speaks of what the clause before it
 * named ("I don't care about windows 7, it's ancient"), and lets it go or aims an erase at it.
 * Each disk once; the live medium never.
 */
export function consentedDisks(
  text: string,
  facts: Facts,
  { pointers = true, strong = false }: { pointers?: boolean; strong?: boolean } = {},
): string[] {
  const out: string[] = [];
  const covered = new Set<string>();
  // "fedora is old, but keep it", "windows can go. no wait, don't wipe it": a keep or a refused
  // erase anywhere in the turn, of the same disk or pointing back at it, outweighs the let-go
  const vetoed = new Set<string>();
  let before: string[] = [];
  let beforeContent: string[] = [];
  for (const c of clauses(text)) {
    const found = foundIn(c.w, facts).filter((f) => !f.disk.liveMedium);
    const named = found.filter((f) => f.what !== undefined);
    const t = norm(c.said);
    // a pointer consents to what the clause before NAMED as content ("windows 7, it's ancient"),
    // never to a disk named only by its make ("the samsung, erase it" after "don't erase
    // anything" erased Windows unnamed: attack4 C1)
    const disks = named.length
      ? [...new Set(named.map((f) => f.disk.path))]
      : pointers && POINTER.test(t) && !found.length
        ? beforeContent
        : [];
    const aimed = ERASE_AIM.test(t) && !NEGATOR.test(t.slice(0, t.search(ERASE_AIM)));
    const refuses = keeps(t) || (ERASE_AIM.test(t) && !aimed) || BARE_REFUSAL.test(t);
    // what the refusal is about: what it names, else what it points back at ("don't wipe it"),
    // else, said bare ("no", "wait, no"), the last thing named
    const back = POINTER.test(t) || BARE_REFUSAL.test(t);
    if (refuses)
      for (const d of found.length ? found.map((f) => f.disk.path) : back ? before : []) vetoed.add(d);
    // "wipe only the windows partition", "format nvme0n1p3": one partition is aimed at, never the
    // disk; what that asks is answered elsewhere (alongside.ts), and it consents to no erase
    if (PARTITION.test(t)) continue;
    if (plain(c) && !keeps(t) && (letsGo(c.said, strong) || aimed)) {
      for (const d of disks) if (!out.includes(d)) out.push(d);
      for (const f of named) covered.add(`${f.disk.path} ${f.what}`);
      if (ALL.test(t) || !named.length) for (const d of disks) covered.add(`${d} *`);
      if (ALL.test(t)) for (const d of disks) covered.add(`${d} ALL`);
    }
    if (found.length) {
      before = [...new Set(found.map((f) => f.disk.path))];
      beforeContent = [...new Set(named.map((f) => f.disk.path))];
    }
  }
  // "windows can go" on a disk that also holds a "Games" partition lets the games go only if the
  // words said so: a data partition nobody named keeps the disk out of the consent
  const keptSomewhere = keeps(norm(text)) || RETAIN.test(norm(text));
  return out.filter((path) => {
    if (vetoed.has(path)) return false;
    const d = facts.disks.find((x) => x.path === path);
    // Two systems on one disk: erasing it loses both, so each must be let go by name (or
    // "everything"), and no keep may stand anywhere in the turn: a form's "Systems to retain:
    // Windows / Systems to remove: Ubuntu" (dev h18a-077) asks for Ubuntu's partition, never the disk
    const systems = (d?.partitions ?? []).filter((p) => p.os !== undefined && !p.esp);
    if (
      systems.length > 1 &&
      !covered.has(`${path} ALL`) &&
      (keptSomewhere || !systems.every((p) => covered.has(`${path} ${p.os}`)))
    )
      return false;
    if (covered.has(`${path} *`)) return true;
    return (d?.partitions ?? []).every(
      (p) =>
        p.os !== undefined ||
        p.esp ||
        p.fstype === "swap" ||
        !p.label ||
        SYSTEM_PART.test(p.label) ||
        [...covered].some((k) => k.startsWith(`${path} `) && k.includes(p.label!)),
    );
  });
}

/** Words of one partition: "the windows partition", "nvme0n1p3", "sda2", "in its place". */
const PARTITION =
  /\b(?:partition|partitions|partiton|volume|(?:sd[a-z]|vd[a-z]|nvme\d+n\d+p|mmcblk\d+p)\d+|its place)\b/;

/** A clause that only refuses: "no", "wait no", "nah, actually no". */
const BARE_REFUSAL = /^\s*(?:(?:no|nope|nah|wait|actually|hmm|hold on|stop|ugh|oh)\s*)+$/;

/** Keep words of forms and lists that the clause readers do not read as a keep of a disk. */
const RETAIN = /\b(?:retain|retained|to keep|keep:|remain|remains)\b/;

/** Whatever is on the disk: "everything", "all of it", "the whole thing". */
const ALL = /\b(?:everything|all of it|all that|whole|entire|the lot|whatever)\b/;
/** Partitions that belong to a system's boot or recovery, never someone's data. */
const SYSTEM_PART =
  /^(?:recovery|recuperaci|wiederherstellung|msr|system|boot|efi|esp|swap|winre|microsoft|windows|win)|reserv/i;

/** A clause that speaks of something said before: "it's ancient", "they're backed up", "what's on it". */
const POINTER =
  /\b(?:it|its|it s|they|theyre|they re|them|that|thats|that s|those|what s on|whats on|everything on)\b/;

/** A plain clause that asks to erase or install, not negated ("wipe it", "erase the 870 after all"). */
const REQUEST = /\b(?:wipe|erase|nuke|format|reformat|overwrite|replace|install|put|use)\b/;

/** A plain clause asks to erase or install, not negated ("wipe it", "put linux on the fast one"). */
export function asksErase(text: string): boolean {
  return clauses(text).some((c) => {
    const t = norm(c.said);
    const at = t.search(REQUEST);
    return plain(c) && at >= 0 && !NEGATOR.test(t.slice(0, at)) && !keeps(t);
  });
}
