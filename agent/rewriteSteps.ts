import type { Facts } from "../facts/schema.js";
import type { Decision, Offer } from "../tools/decision.js";
import { sayCompoundNames } from "./rules/compoundNames.js";
import { sayDiffLines } from "./rules/diffLines.js";
import { sayDiskCompounds } from "./rules/diskCompounds.js";
import { sayDiskListKeeps } from "./rules/diskListKeeps.js";
import { sayDiskReplacements } from "./rules/diskReplacements.js";
import { sayDiskSetStatements } from "./rules/diskSetStatements.js";
import { sayEmojiMarks } from "./rules/emojiMarks.js";
import { sayExceptedKeepAll } from "./rules/exceptedKeepAll.js";
import { sayKeepNoteReasons } from "./rules/keepNoteReasons.js";
import { withoutLetterFrame } from "./rules/letterFrame.js";
import { foldLookAlikes } from "./rules/lookAlikes.js";
import { sayNegatingValues } from "./rules/negatingValues.js";
import { reachNegatedVerbs } from "./rules/negationReach.js";
import { sayNoThenKeep, sayOfferCorrection } from "./rules/offerAnswers.js";
import { sayOnlyExcept } from "./rules/onlyExcept.js";
import { inEnglish } from "./rules/otherLanguages.js";
import { sayOtherOfKind } from "./rules/otherOfKind.js";
import { sayPastedJson } from "./rules/pastedJson.js";
import { sayPeopleTables } from "./rules/peopleTables.js";
import { plainWords } from "./rules/plainWords.js";
import { sayRatherThan } from "./rules/ratherThan.js";
import { sayRecipeVerbs } from "./rules/recipeVerbs.js";
import { sayRefusingHeadings } from "./rules/refusingHeadings.js";
import { sayRenameArrows } from "./rules/renameShapes.js";
import { sayRetractions } from "./rules/retractions.js";
import { hidePasswordAnswer } from "./rules/secrets.js";
import { saySedEdits } from "./rules/sedEdits.js";
import { diskCorrections } from "./rules/selfCorrections.js";
import { spaceAfterStops } from "./rules/sentenceStops.js";
import { saySignedPrivileges } from "./rules/signedPrivileges.js";
import { joinSplitNegations } from "./rules/splitNegations.js";
import { saySpokenForms } from "./rules/spokenForms.js";
import { withoutStraySudo } from "./rules/straySudo.js";
import { withdrawStruckText } from "./rules/struckText.js";
import { sayStructuredLines } from "./rules/structuredLines.js";
import { saySudoAnswer } from "./rules/sudoAnswers.js";
import { saySudoNotGranted } from "./rules/sudoNotGranted.js";
import { saySudoReferents } from "./rules/sudoReferents.js";
import { saySudoRefusalsAbroad } from "./rules/sudoRefusalsAbroad.js";
import { sayJokeRetractions } from "./rules/textingJokes.js";
import { sayThingsObjection } from "./rules/thingsObjection.js";
import { sayUnknownReplacements } from "./rules/unknownReplacements.js";
import { sayWithdrawalMarks } from "./rules/withdrawalMarks.js";
import { sayDriveLetters } from "./safety/driveLetters.js";
import { sayKeptNamedAfter } from "./safety/keptNamedAfter.js";
import { sayMenuPick } from "./safety/menuPicks.js";
import { diskInPlay, sayNoIsThe } from "./safety/noIsThe.js";
import { sayQuestionProtections } from "./safety/questionProtections.js";
import { scrubSecrets } from "./scrubSecrets.js";
import type { PlanCall } from "./types.js";

/**
 * The user's words said plainly before any reader, backend or model sees them: one ordered list of
 * small rewrites, each a pure function of the words so far and of what the conversation knew
 * before this turn. The order is a decision: each step says why it stands where it does. A new
 * rewrite is a new entry here, placed with its reason, never a call nested inside another.
 */

/** What a step may read besides the words: fixed for the whole turn. */
export interface RewriteContext {
  readonly facts: Facts;
  /** My decision in the turn before (the question I asked, the offer I made), if any. */
  readonly last: Decision | undefined;
  readonly pending: readonly PlanCall[];
  readonly offer: Offer | undefined;
  /** What the person said in the turn before, as typed (a sed edit is applied to it). */
  readonly lastUser?: string;
}

/** A step's words, and the disks a self-correction replaced ("sda, sorry, sdb"). */
export interface Rewritten {
  readonly text: string;
  readonly corrected: readonly string[];
}

export interface RewriteStep {
  readonly name: string;
  readonly apply: (text: string, ctx: RewriteContext) => string | Rewritten;
}

/** Words a signature line must not be: what the facts name (programs, users, disks, systems). */
function knownWords(facts: Facts): ReadonlySet<string> {
  const out = new Set<string>([...facts.recipes, ...facts.installed, ...facts.users]);
  for (const d of facts.disks) {
    for (const w of `${d.model ?? ""} ${d.path}`.toLowerCase().split(/[\s/_-]+/)) if (w) out.add(w);
    for (const p of d.partitions ?? [])
      for (const w of `${p.label ?? ""} ${p.os ?? ""}`.toLowerCase().split(/\s+/)) if (w) out.add(w);
  }
  return out;
}

const programsOf = (ctx: RewriteContext): ReadonlySet<string> => new Set(ctx.facts.recipes);

export const REWRITE_STEPS: readonly RewriteStep[] = [
  // First, on the words as typed: a password typed where I asked for a name never reaches a step.
  { name: "hidePasswordAnswer", apply: (t, c) => hidePasswordAnswer(t, c.last) },
  // Before every step that matches ASCII: "ｄｏｎ'ｔ", "𝐧𝐞𝐯𝐞𝐫", "do\u200dn't" are the plain words.
  { name: "foldLookAlikes", apply: (t) => foldLookAlikes(t) },
  // A turn that is JSON read by its values, never its keys (rules/pastedJson.ts), before any step
  // takes a key ("tool", "passwordHash", "__proto__") for a word of the request.
  { name: "sayPastedJson", apply: (t) => sayPastedJson(t) },
  // "mike -> mikey" with mike planned: a rename, before any step reads ">" as a quote or a diff
  // line (rules/renameShapes.ts)
  {
    name: "sayRenameArrows",
    apply: (t, c) =>
      sayRenameArrows(
        t,
        c.pending.flatMap((p) => (p.tool === "createUser" ? [p.args.username] : [])),
      ),
  },
  // "xfs.Leave the Fedora": a full stop with no space after it is a stop, before every step that
  // cuts sentences at ". " and before the tokenizer keeps "xfs.Leave" as one word (rules/sentenceStops.ts).
  { name: "spaceAfterStops", apply: (t) => spaceAfterStops(t) },
  // "erase sda = false", "[ ] remove fd", "sudo: -", "remove fd when pigs fly": a request answered
  // no in its own clause, said "don't …" (rules/negatingValues.ts) before the tables, the form lines
  // and the diff lines read the value or the box alone.
  { name: "sayNegatingValues", apply: (t) => sayNegatingValues(t) },
  // "Dear Installer, … Regards, | Helen": the letter's greeting and sign-off ask for nothing; off
  // before the tables read a line alone (a signature as an answer or a name) and before the
  // language tables read "Installer" as the French verb (agent/rules/letterFrame.ts).
  { name: "withoutLetterFrame", apply: (t, c) => withoutLetterFrame(t, knownWords(c.facts)) },
  // "name | admin / omar | no": a table of people said as one sentence per row, before every step
  // that reads a line alone (a row's "no" as an answer, a comma row as a password) and before the
  // people readers take the header's "admin" as a grant (agent/rules/peopleTables.ts).
  { name: "sayPeopleTables", apply: (t) => sayPeopleTables(t) },
  // "s d a", "p-a-v-e-l", "sudo apt install fd", typing noise: after the fold (it matches ASCII
  // letters), before the language tables, which would read the letters of a spelled name as words.
  { name: "saySpokenForms", apply: (t, c) => saySpokenForms(t, c.facts) },
  // "bukan admin", "sudo nashi", "sudo: not needed": the privilege refused as "without sudo" before
  // the language tables, whose short words ("ne", "nu") would read those negations as their own.
  { name: "saySudoRefusalsAbroad", apply: (t) => saySudoRefusalsAbroad(t) },
  // "replace tmux with zellij", zellij no recipe: only the request for zellij, so tmux is kept.
  { name: "sayUnknownReplacements", apply: (t, c) => sayUnknownReplacements(t, c.facts) },
  // "switch sdc to sdb", "swap sdb for sdc": a disk traded for a disk is a move ("use sdc instead of
  // sdb"), said beside the programs' replacements and before any reader takes "swap" for swap space.
  { name: "sayDiskReplacements", apply: (t, c) => sayDiskReplacements(t, c.facts) },
  // "entferne htop", "Nie ruszaj dysku WD": before every step that knows only English words
  // (split negations, keeps, refusals, retractions).
  { name: "inEnglish", apply: (t) => inEnglish(t) },
  // "Forigu wget kaj curl", "htop ro pak kon": the program verbs of the languages the tables above
  // lack, read only beside a program (rules/recipeVerbs.ts); after them, so their languages keep
  // their own readings, and before every step that knows only English words.
  { name: "sayRecipeVerbs", apply: (t, c) => sayRecipeVerbs(t, [...c.facts.recipes, ...c.facts.installed]) },
  // "~~wipe sda~~", "remove fd <s>git</s>": struck text is no request, so no step after reads it
  // (a mark or a heading inside it); "erase sda (jk) install on sdb" said for the joke steps.
  { name: "withdrawStruckText", apply: (t) => withdrawStruckText(t) },
  // "s/with sudo/without sudo/": the turn before, edited and read again (rules/sedEdits.ts), before
  // the diff lines and every reader that takes the slashes for paths.
  { name: "saySedEdits", apply: (t, c) => saySedEdits(t, c.lastUser) },
  // "-bat", "minus bat", "- sudo for nell", "+jq / -bat": edits typed as a diff said as words, before
  // the form lines read "- X" as a bullet (a bare name, a request) (rules/diffLines.ts).
  {
    name: "sayDiffLines",
    apply: (t, c) => sayDiffLines(t, { recipes: c.facts.recipes, pending: c.pending }),
  },
  // "user karpov -sudo", "sudo: -": the privilege refused by a sign, said as "without sudo"
  // (rules/signedPrivileges.ts); after the diff lines, which read a line that starts with the sign
  // ("-sudo for nell", "+jq / -bat") whole, and before the form lines and every reader, whose
  // tokens drop the sign and keep the grant.
  { name: "saySignedPrivileges", apply: (t) => saySignedPrivileges(t) },
  // "erase sda. NOT.", "git tbd", "(scratch git)", "sudo: undecided": the take-backs said as "don't",
  // "not" and "maybe" (rules/withdrawalMarks.ts), before every reader that cuts clauses at a full
  // stop or a colon and would read the sentence taken back, or the name, alone.
  { name: "sayWithdrawalMarks", apply: (t) => sayWithdrawalMarks(t) },
  // "🚫 wipe sda", "remove fd, git ❌": marks said as "do not …"/"keep …" before the headings step,
  // so "forbidden: ❌ sda" is read once, and before the comma joins below.
  { name: "sayEmojiMarks", apply: (t) => sayEmojiMarks(t) },
  // "forbidden: erase sda. allowed: install on sdb": one refusal per item before the form lines
  // (which would take a value alone) and before the split negations (the items' commas are ends).
  { name: "sayRefusingHeadings", apply: (t) => sayRefusingHeadings(t) },
  // "do not, under any circumstances, erase sda": after the translation (a translated "do not,"
  // splits the same way), before every step and reader that cuts clauses at a comma or a dash.
  { name: "joinSplitNegations", apply: (t) => joinSplitNegations(t) },
  // "don't for any reason remove git": the same join inside one clause, after the comma join (it
  // stops at commas, so "do not, ever again, erase sda" must be one clause first).
  { name: "reachNegatedVerbs", apply: (t) => reachNegatedVerbs(t) },
  // "no keep fedora": the comma back after the no, before the offer correction reads "no, X".
  { name: "sayNoThenKeep", apply: (t, c) => sayNoThenKeep(t, c.last) },
  // "Do you mean steam?" "yes, just not git": a whole-turn answer to my guess, read before the
  // steps below rewrite its words.
  { name: "sayOfferCorrection", apply: (t, c) => sayOfferCorrection(t, c.last, c.facts.recipes) },
  // "ben only, not ana" to my sudo question: a whole-turn answer, read as typed like the one above.
  // "create bob and his wife alice with sudo", "and alice who gets sudo": the grant said of the name
  // the words attach it to (rules/sudoReferents.ts), before any people reader.
  // "should he get sudo", "sudo when he turns 18", "(sudo: ask my wife)", "the sudo can go": a
  // sudo word in a question, a condition, a quote or a release is no grant, said "without sudo"
  // before the people readers take the word alone (rules/sudoNotGranted.ts)
  { name: "saySudoNotGranted", apply: (t) => saySudoNotGranted(t) },
  { name: "saySudoReferents", apply: (t) => saySudoReferents(t) },
  { name: "saySudoAnswer", apply: (t, c) => saySudoAnswer(t, c.last, c.pending) },
  // After the fold ("ｐａｓｓｗｏｒｄ tom123" is a password too); before the form lines, which
  // would say a "password=x" pair as prose.
  { name: "scrubSecrets", apply: (t) => scrubSecrets(t) },
  // "seagate = keep, wd = keep", "samsung+nvme stay": disk names and keep marks only, every disk
  // named kept (rules/diskListKeeps.ts)
  { name: "sayDiskListKeeps", apply: (t, c) => sayDiskListKeeps(t, c.facts) },
  // "sdb: keep (backups)", "sdb: skip", "sdb: backup disk, leave": the reason off the keep note
  // (rules/keepNoteReasons.ts), before the form lines, which read only a bare "sdb: keep".
  { name: "sayKeepNoteReasons", apply: (t) => sayKeepNoteReasons(t) },
  // "- keep: seagate", "sudo=no": before the readers of clauses, which would take the value alone.
  { name: "sayStructuredLines", apply: (t) => sayStructuredLines(t) },
  // "git hub desktop", "neo vim": one name before the retractions and every reader take "git" alone.
  { name: "sayCompoundNames", apply: (t, c) => sayCompoundNames(t, programsOf(c)) },
  // "a disk usage tool", "disk space": a noun about disks in general, beside the program names
  // said whole above, before any reader takes its disk word for a disk of this machine.
  { name: "sayDiskCompounds", apply: (t) => sayDiskCompounds(t) },
  // "remove git (kidding) and htop", "with sudo jk": the parenthesised and sudo jokes, before the
  // texting jokes, which leave those to this step.
  { name: "sayRetractions", apply: (t, c) => sayRetractions(t, programsOf(c)) },
  // "remove git lol jk", "jk about git": texting take-backs (rules/textingJokes.ts).
  { name: "sayJokeRetractions", apply: (t) => sayJokeRetractions(t) },
  // "is it ok if lena has no admin?": the frame off before the keep-naming and rather-than steps
  // read the wish inside it.
  { name: "sayQuestionProtections", apply: (t) => sayQuestionProtections(t) },
  // "dont erase anything except the wd": a refusal of every disk but one is a choice of that one,
  // said as "leave every disk alone but the wd"; after the joined negations, before the keep steps
  // read "don't touch" as a keep of the disk excepted (agent/rules/onlyExcept.ts).
  // "everything but the nvme has data", "just the nvme, nothing else": statements about a set of
  // disks said as the keeps they mean (rules/diskSetStatements.ts), before the set readers below.
  // "it's got my backups", "my files!" while the plan erases a disk: an objection, said as a keep
  // of that disk (rules/thingsObjection.ts)
  // "except for the nvme, hands off", "everything stays except the nvme": a keep of everything with
  // one disk excepted, in any order, said as "leave every disk alone but X" (rules/exceptedKeepAll.ts)
  { name: "sayExceptedKeepAll", apply: (t, c) => sayExceptedKeepAll(t, c.facts) },
  { name: "sayThingsObjection", apply: (t, c) => sayThingsObjection(t, c.facts, c.pending) },
  { name: "sayDiskSetStatements", apply: (t, c) => sayDiskSetStatements(t, c.facts) },
  { name: "sayOnlyExcept", apply: (t, c) => sayOnlyExcept(t, c.facts) },
  // "don't touch my drive, its the seagate": the naming clause said as a keep, after the joined
  // negations (its keep test reads "don't touch").
  { name: "sayKeptNamedAfter", apply: (t) => sayKeptNamedAfter(t) },
  // "remove the other git thing": the program of git's kind that is not git (rules/otherOfKind.ts),
  // after the compound names ("git hub desktop" is one name), before the readers take "git" alone.
  { name: "sayOtherOfKind", apply: (t, c) => sayOtherOfKind(t, c.facts.recipes, c.facts.installed) },
  // "the crucial rather than the seagate": said as "A, not B".
  { name: "sayRatherThan", apply: (t, c) => sayRatherThan(t, programsOf(c)) },
  // "sudo make me a sandwich", "i always type sudo lol": after the sudo answers and retractions,
  // which read their own sudo words; before the people readers.
  { name: "withoutStraySudo", apply: (t) => withoutStraySudo(t) },
  // "format C:", "dont touch D: (Games)": the partition a Windows letter names.
  { name: "sayDriveLetters", apply: (t, c) => sayDriveLetters(t, c.facts) },
  // "2", "the second" right after my question listed disks: that disk.
  { name: "sayMenuPick", apply: (t, c) => sayMenuPick(t, c.last) },
  // "no is the samsung": the "no" and the disk meant (agent/safety/noIsThe.ts).
  {
    name: "sayNoIsThe",
    apply: (t, c) => sayNoIsThe(t, c.facts, diskInPlay(c.pending, c.offer)),
  },
  // "put it on sda, sorry, sdb": after every step that names disks (drive letters, menu picks, "no
  // is the"), so the correction sees the disks meant; it records the disk replaced.
  { name: "diskCorrections", apply: (t, c) => diskCorrections(t, c.facts) },
  // Last: the words every reader shares (kickstart lines, family names); reads the finished turn.
  { name: "plainWords", apply: (t, c) => plainWords(t, c.facts) },
];

/** The words after every step, in order, and the disks a self-correction replaced. */
export function rewrite(
  raw: string,
  ctx: RewriteContext,
  steps: readonly RewriteStep[] = REWRITE_STEPS,
): { text: string; corrected: string[] } {
  let text = raw;
  const corrected: string[] = [];
  for (const step of steps) {
    const out = step.apply(text, ctx);
    if (typeof out === "string") text = out;
    else {
      text = out.text;
      corrected.push(...out.corrected);
    }
  }
  return { text, corrected };
}
