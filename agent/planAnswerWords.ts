/**
 * The word classes of the structural reading of an answer to a pending plan (agent/planAnswerShape.ts).
 *
 * The go side is open: the verb of "Pour it.", "Demo away." or "let's dance" is whatever the
 * register says, and is read by its place in the sentence, not looked up. So the stop side must be
 * closed and wide: any word of it anywhere in the turn means the turn is no go (asked again). It is
 * drawn by field from general English, not from any data set's sentences: the ways to stop, wait,
 * put off, keep back, throw away, undo, doubt, think it over, leave, rest, or hand the matter to
 * someone else, and the times that are not now. A word missing from it is a go only where its
 * sentence has the exact shape of a go; a word wrongly in it only costs a question.
 *
 * Spelling: lower case, accents folded (agent/yesno.ts folded()); each word is also tried with its
 * English endings taken off (stopWord()).
 */

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Stop, wait, put off, keep back, throw away, undo, doubt, leave, rest: never a go, in any form. */
const STOP_FIELDS = words(`
  stop halt cease quit end abort cancel scrub scrap kill nix axe can ditch drop dump bin trash junk
  toss chuck pitch shred burn sink scuttle tank torpedo spike quash squash squelch smother strangle
  veto void nullify null annul revoke rescind retract recall withdraw repeal reject refuse deny
  decline rebuff spurn overrule disallow forbid ban bar block blocked prevent prohibit stall stymie
  wait await hold hang pause freeze idle stay sit sleep nap snooze doze breathe relax chill calm
  easy slow slower brake brakes whoa woah woh steady halt standstill
  defer delay postpone suspend shelve table park bench mothball shelf ice queue schedule pencil
  reschedule later latest sometime someday eventually soon sooner tomorrow tonight morning noon
  evening afternoon night midnight weekend week weeks month months year monday tuesday wednesday
  thursday friday saturday sunday today next after afterwards afterward before first until till
  meantime meanwhile minute minutes min mins sec secs second seconds moment moments mo tick jiffy
  hour hours hr hrs day days while bit
  breakfast brunch lunch dinner supper coffee tea break bed bedtime holiday vacation
  if unless whether provided providing assuming depending depends pending when whenever once
  maybe perhaps possibly probably likely unlikely might may could should would shall unsure doubt
  doubts doubtful wonder hesitate hesitant nervous worried worry scared afraid wary careful risky
  hmm hm hmmm um umm uh er erm eh meh dunno idk whatever guess suppose reckon
  think rethink ponder mull consider reconsider revisit review recheck reevaluate reassess debate
  discuss talk chat meet sync ask check verify inspect audit test preview simulate rehearse draft
  sketch mock stage prep prepare research investigate read reread watch
  call ring phone text email mail message ping dm contact consult confer boss owner manager wife
  husband partner client customer
  regroup reset rewind revert reverse undo redo rollback restore return retreat recede
  leave exit depart bail bounce split scram skedaddle vamoose flee escape
  hide bury lock guard protect secure shield save keep spare stash stow store file
  archive bookmark pocket box pack
  forget ignore skip pass miss lose lost
  bye goodbye ciao cya ttyl brb afk bbl gtg g2g later laters night nite
  damn darn dang drat blast hell heck crap shit fuck frick screw sod bugger hang stuff shove
  hush shush quiet silence zip mute
  abandon forsake surrender yield concede fold forfeit resign relinquish renounce waive retire sunset
  deprecate terminate cut discontinue desert disband dissolve dismiss dismantle demolish destroy
  delete erase wipe unplug disconnect detach disable deactivate shut close cap curb restrain rein
  throttle choke gag muzzle leash cage jail bottle bag sack ground dock moor berth quarantine isolate
  contain derail divert reroute sidetrack punt bump slip icebox backlog descope deprioritize nuke
  bomb flunk rework revise edit amend tweak adjust fix modify alter rewrite redraft refine polish
  tune trim shorten shrink sort doublecheck eyeball scan skim proofread study examine analyze
  analyse evaluate assess gauge measure weigh report escalate flag forward refer delegate hand
  query question challenge contest dispute appeal protest object oppose resist fight digest strike
  cross redline refund torch incinerate obliterate annihilate raze wreck smash crush expunge
  eradicate exterminate purge zap
  jk kidding joking joke psych sike
  almost nearly hardly barely scarcely rather instead except but only still yet again
  i me my mine myself im i'm i'll i'd i've ive lemme gotta gonna wanna must need needs we'll we'd
  you'll they'll he'll she'll what why how who where which whose
  problem problems issue issues concern concerns worry catch snag hitch trouble wrong broken
  error fail failed failure oops uhoh yikes ugh argh sorry
  not no never none nothing nobody nowhere neither nor without non nope nah nay naw
  nein nie ne nej nee nei nao niet nem ei hayir tidak nahi nahin iie khong ochi nolo nada nunca
  jamais pas kein keine nicht
`);

/** Object pronouns that point at the plan: "Pour it.", "Smoke 'em.", "Ship that." */
export const PLAN_PRONOUNS = words("it this that them em everything all");

/** Determiners before the plan's noun in the register's words: "the pour", "our trade", "this quest". */
export const DETERMINERS = words("the this that our my your its these those whole entire full");

/**
 * Participles of assent: a step said done or passed ("Inspector signed off.", "Sighting
 * confirmed.", "Reviewed."), and those of a ruling said made ("So proclaimed!", "So witnessed.",
 * "Motion carried."). The form is past: the check or the ruling they name has happened.
 */
export const ASSENT_PARTICIPLES = words(`
  approved confirmed cleared authorized authorised sanctioned ratified accepted agreed granted
  greenlit greenlighted okayed okd blessed endorsed certified verified checked reviewed inspected
  vetted validated signed countersigned stamped initialled initialed notarized notarised
  proclaimed decreed declared ordained enacted resolved adopted carried witnessed sealed sworn
  ordered
`);

/** Adjectives and words of assent that stand beside a go ("Good.", "Clean.", "The rest is good."). */
export const ASSENT_WORDS = words(`
  good great fine perfect clean clear nice excellent lovely sweet solid sound right alright
  correct cool awesome brilliant splendid superb super dandy peachy ready set done fair enough
  ok okay okey yes yeah yep yup sure cheers thanks thank ty thx ta grand gorgeous beautiful neat
`);

/** Words of grammar that may stand in an assent remark ("the rest is good", "looks good to me"). */
export const REMARK_GRAMMAR = words(`
  the a an rest all everything it it's its that that's thats this is are was looks look seems
  seem to me us we we're were you your now then so very really quite pretty totally all's
  and plan list lot one
`);

/** Verbs that never take the plan as their go: what they do to "it" is a report or a feeling. */
export const NOT_GO_VERBS = words(`
  got get gets gotten did done made make take took see saw seen hear heard know knew known
  understand understood love like hate dislike loathe want need mean meant feel felt believe
  found find kept left held sent said say tell told ask asked give gave given have has had be
  been is are was were am let lets go do does say nail love wish hope cool plan look see rest pick
  choose select grab update upgrade refresh reload patch
  note file print pin copy log record write jot bookmark save store stash archive list show read
  print photograph screenshot frame memorize memorise remember
`);

/** "run away", "go away", "put it away": going away from the plan, never "do it freely". */
export const AWAY_VERBS = words(`
  go get run walk back stay turn move keep fly fade shy pull slip sneak steal step drift tuck put
  throw give file stow hide pack sail blow wash wither waste melt fall break die pass
`);

/**
 * The verbs of the "start X" shape: said with any object that names nothing here, they run the
 * thing the register calls the plan ("Execute the trade.", "Begin quest.", "Publish the map.").
 */
export const START_VERBS = words(`
  start begin commence launch run execute commit initiate trigger confirm approve authorize
  authorise finalize finalise publish open submit process deploy ship release enact implement
  perform greenlight proceed action kickoff
`);

/** Nouns of what a "start X" could ask for that is no plan: another program or a check first. */
export const OTHER_TASKS = words(`
  browser editor terminal shell console server app application program script command test tests
  check checks scan scans diagnostic diagnostics benchmark benchmarks update updates upgrade
  upgrades game games music song video movie backup backups report reports query search simulation
  dry trial preview review inspection audit survey analysis numbers math
`);

/** The English endings a stop word may carry ("waiting", "parked", "postpones", "holding"). */
const ENDINGS: readonly [string, string][] = [
  ["ing", ""],
  ["ing", "e"],
  ["ed", ""],
  ["ed", "e"],
  ["d", ""],
  ["es", ""],
  ["s", ""],
  ["er", ""],
  ["ly", ""],
];

/** The word, or its stem under an English ending, is a word of the stop fields. */
export function stopWord(word: string): boolean {
  if (STOP_FIELDS.has(word)) return true;
  for (const [end, add] of ENDINGS) {
    if (!word.endsWith(end) || word.length - end.length < 2) continue;
    const stem = word.slice(0, -end.length) + add;
    if (STOP_FIELDS.has(stem)) return true;
    // doubled consonants: "stopped", "scrapped", "shelving" is caught above
    if (/(.)\1$/.test(stem) && STOP_FIELDS.has(stem.slice(0, -1))) return true;
  }
  // n't in any spelling: "can't", "won't", "shouldnt", "aint"
  return /n't$|^(?:dont|doesnt|didnt|wont|cant|cannot|shouldnt|wouldnt|couldnt|isnt|arent|aint|wasnt|werent|havent|hasnt|hadnt|mustnt|neednt|shant)$/.test(
    word,
  );
}

/**
 * What "let it X" says when the plan is left to itself: it rests, waits, cooks slowly, goes. Never
 * a go; "Let it rip.", "let it grow", "Let it be done." are (a word of the stop fields counts too).
 */
const LET_IT_REST = words(`
  simmer marinate sit rest breathe settle steep cool slide go be lie stand wait live stay stew soak
  dry cure percolate ferment age mellow mature ripen linger hang pass float drift sleep chill idle
  lapse brew
`);

/**
 * "Let it simmer.", "Let it go.", "let it be", "Go away.", "Run away!": the plan left alone, or a
 * going away from it, said with a word that is a go elsewhere ("simmer" in a kitchen, "go"). Never
 * a go, whatever reader found the go word in it. "Let it be done.", "let it be so" are.
 */
export function leavesAlone(text: string): boolean {
  const t = text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^a-z' ]+/g, " ");
  for (const m of t.matchAll(/\blet (?:it|that|this|them|things|everything) ([a-z]+)(?: ([a-z]+))?/g)) {
    const [, verb, next] = m;
    if (
      verb === "be" &&
      next &&
      /^(?:done|so|written|known|said|built|made|finished|executed|carried)$/.test(next)
    )
      continue;
    if (LET_IT_REST.has(verb!) || stopWord(verb!)) return true;
  }
  for (const m of t.matchAll(/\b([a-z]+) away\b/g)) if (AWAY_VERBS.has(m[1]!)) return true;
  return false;
}
