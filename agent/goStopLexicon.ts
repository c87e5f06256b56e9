/**
 * Go and stop said in the words of a trade or a language, for the go/stop reading of a turn that
 * answers a pending plan (agent/goStop.ts). Drawn systematically, domain by domain (signals,
 * aviation, sailing, military, film and stage, music, sports, racing, cooking, courts, religion,
 * business, space launches, games, software, farming, crafts, offices and shops) and language by
 * language (the most-typed languages, in Latin letters), from general knowledge of how each says
 * "go", "do it", "stop", "don't" and "wait" - not from the sentences of any data set.
 *
 * Spelling as agent/yesno.ts folds it: lower case, accents gone ("daŭrigu" is "daurigu", "još" is
 * "jos"), hyphens between letters as spaces, apostrophes kept inside words.
 */

/** Phrases written as a list parted by commas (a template keeps the long lists compact). */
function phrases(list: string): string[] {
  return list
    .split(",")
    .map((p) => p.trim().replace(/\s+/g, " "))
    .filter(Boolean);
}

/**
 * Verbs that say "go" by themselves; read with their endings ("executing", "execution",
 * "approval", "launched"). Their object, if any, must be the plan (agent/goStop.ts PLAN_NOUNS).
 */
export const GO_VERBS: readonly string[] = phrases(`
  proceed, execute, confirm, approve, authorize, authorise, sanction, ratify, endorse, consent,
  accept, commence, begin, start, continue, resume, finish, complete, finalize, finalise,
  implement, perform, enact, action, actuate, activate, apply, run, do, go, make, build, install,
  launch, depart, dispatch, engage, advance, charge, ignite, fire,
  sail, embark,
  roll, play, spin, broadcast, air, cue, premiere, open,
  kick, tee, serve, start,
  bake, cook, plate, fry, grill, roast, simmer, boil,
  grant, issue, stamp, sign, seal, process, post, publish, submit, register, catalogue, catalog,
  certify, validate, release, pay, deliver, ship, deploy, merge, commit, push,
  administer, dispense, prescribe, harvest, plant, sow, knit,
`);

/**
 * Whole phrases that say go in a register: "cleared for takeoff", "weigh anchor", "all systems go".
 * A phrase is consumed whole, so its words need not be plan nouns.
 */
export const GO_PHRASES: readonly string[] = phrases(`
  do it, do the thing, do your thing, make it so, make it happen, let's go, lets go, let's roll,
  lets roll, go ahead, go for it, go on, carry on, crack on, onward, onwards, forward,
  full speed ahead, full steam ahead, all systems go, we're good to go, good to go, green light,
  green lit, greenlit, greenlight, thumbs up, you have my blessing, with my blessing,
  my blessing, godspeed, so be it, let it be so, let it be done, it is so ordered, so ordered,
  amen, hallelujah, let there be light,
  signal green, green signal, signal clear, clear signal, line clear, lights green,
  light is green, signal is green, right away, all aboard, doors closing, doors open, green flag,
  flag off, proceed on signal,
  cleared for takeoff, cleared to go, cleared for departure, cleared to launch,
  clear for takeoff, cleared for launch, takeoff, wheels up, go for launch, go for jettison,
  go for landing, go flight, we are go, we're go, liftoff, lift off, we have liftoff, ignition,
  main engine start, light this candle, light it up, blast off, engines on, start your engines,
  weigh anchor, anchors aweigh, anchor aweigh, cast off, hoist sail, hoist the sails, make sail,
  set sail, let go fore and aft, underway, under way, steady as she goes, make way,
  bombs away, fire at will, open fire, weapons free, move out, moving out, execute execute,
  forward march, go go go, green on, cleared hot, send it,
  action, roll camera, roll tape, rolling, curtain up, lights up, places please, showtime,
  it's showtime, that's the show, on air, we're live, and we're live, we are live, go live,
  break a leg, on with the show, the show must go on, doors open, open the doors, house open,
  raise the curtain,
  drop the needle, drop the beat, hit play, press play, cue it up, spin it, let it play, hit it,
  from the top, a one a two,
  checkmate, check mate, play ball, game on, kick off, kickoff, tip off, tee off, face off,
  batter up, let's play, ready set go, on your marks, your move, serve it up,
  lights out and away we go, drop the flag, floor it, pedal to the metal, press start,
  start game, game start, ready up, gg go,
  order up, into the oven, in the oven, plate it up, plate up, bon appetit, service, fire it,
  fire the order, yes chef, heard chef, oui chef, serve it, dinner is served,
  motion granted, granted, so moved, motion carried, carried, approved, ratified, sanctioned,
  case closed, execute the judgment, execute the judgement, signed and sealed,
  signed sealed delivered, rubber stamp, stamp it, stamp it through, card issued,
  register signed, sign off, signed off, closed won, deal, done deal, it's a deal, sold,
  approved for display, open to the public, the exhibit may open, ship it, push to prod,
  roll it out, roll out, merge it, lgtm,
  bring it in, bring in the harvest, harvest time, cast on, bind off, pattern complete,
  finished object,
  jes, ek, daurigu, faru, faru gin, komencu, plenumu, bone,
  ie, ydw, ydy, ewch, ewch ymlaen, bwrw ymlaen, ymlaen, gwnewch,
  ja, afram, gerdu thad, gerdu tad, haltu afram,
  samo naprijed, naprijed, napred, samo napred, kreni, idemo, moze, uradi,
  jatka, tee ara, jah, edasi,
  boro jelo, anjam bede, anjamesh bede, bale, chashm, bashe, boro,
  vpered, vperyod, vypolnyay, poekhali, davay,
  vpered, roby, dyvysya,
  sige, tuloy, ituloy, gawin mo, go na,
  gaan, gaan voort, doen dit, doe het, toe maar, gaan maar,
  ga voort, kom ons gaan, ja gaan voort,
  endelea, fanya, twende,
  jalo, chalo, kar do, karo, aage badho, shuru karo, haan karo,
  koro, egiye jao, cholo,
  pannu, chey, cheyyi, avunu, aamam,
  chala,
  dewam, devam et, basla, yap, yap bunu, hadi,
  yalla, infaz, tafaddal, naam, nafez, istamir,
  kadima, tatchil, bo nelech, sababa,
  proshchorei, embros, kane to, endaxi, nai,
  hajra, csinald, indulj, mehet, rajta,
  do toho, pokracuj, udelej to, jedeme, spust,
  naprzod, rob to, jedziemy, wykonaj, startuj,
  hai sa mergem, fa o, executa, haide,
  tien len, lam di, bat dau, thuc hien,
  luei, tham loei, chai, ok khrap, ok kha,
  kaishi, zhixing, qu ba, zou, zou ba, haode, hao de, xing, dui, keyi,
  yatte, yatte kudasai, susume, hajime, ikuzo, ikimashou, ii yo, ii desu, douzo,
  haseyo, gaja, jinhaeng, sijak, joayo, geurae,
  jalan, jalankan, lakukan, ayo, mulai, lanjut, boleh,
  vamos, dale, hazlo, adelante, arranca, ejecuta, procede, sigue,
  vai, faz, faca, faz isso, executa, manda, bora, avanca, segue,
  vas y, allez y, fais le, faites le, lance, execute, en avant, c'est parti,
  vai, fallo, avanti, procedi, esegui, forza, andiamo,
  los, mach, mach es, mach das, leg los, ausfuhren, fuhr aus, weiter, auf geht's,
  kor, kjor, kor pa, gor det, gjor det, gjor, sat igang, satt igang, ga videre,
  tehda, aloita, jatka vain, anna menna,
  taip, vykdyk, pirmyn, pradek,
  endavant, som-hi, som hi, fes ho, vinga,
`);

/** Stop said in a register or a language: "red signal", "stand down", "scrub", "haltu". */
export const STOP_PHRASES: readonly string[] = phrases(`
  stop, stop it, halt, abort, cancel, cancel it, call it off, call off, kill it, pull the plug,
  call it a day, call it a night, calling it a day, calling it a night, turn back, turning back, head back, heading back, we turn back,
  cease, desist, cease and desist, freeze, quit, no go, nogo, no dice, nothing moves,
  nobody moves, nothing happens, not happening, forget it, drop it, never mind, scrap it,
  scrap that, disinclined, i decline, decline, declined, refuse, refused, i refuse,
  red light, red signal, signal red, signal at danger, at danger, danger, lights red,
  light is red, signal is red, red flag, black flag, stop signal, emergency stop, e stop,
  all stop, full stop,
  hold short, hold position, abort takeoff, reject takeoff, rejected takeoff, go around, scrub,
  scrub it, scrub the launch, scrubbed, no go for launch, launch scrubbed, abort abort abort,
  mission abort, recycle,
  avast, belay, belay that, heave to, drop anchor, stand down, standing down, as you were,
  cease fire, ceasefire, hold fire, fall back, retreat, negative, stand fast,
  cut, cut cut, kill the lights, curtain down, bring down the curtain, stop the music,
  kill the track, needle off, stop tape,
  time out, timeout, red card, foul, offside, game over, 86 it, eighty six, take it off the heat,
  send it back,
  denied, motion denied, overruled, dismissed, case dismissed, rejected, vetoed, veto,
  not approved, disapproved, refused, void, null and void, stay of execution, request changes,
  changes requested, nack, god forbid, heaven forbid, forbidden, thou shalt not, nay,
  haltu, ne faru, nuligu, cesu,
  stopiwch, stop, peidiwch,
  stoppa, haettu, haetta, haettu vid,
  stani, stoj, stanite, odustani, prekini, nemoj, ne radi,
  peatu, tuhista, ara tee, lopeta, keskeyta,
  negah dar, nakon, bas kon, laghv kon,
  stoi, stoy, ostanovis, otmeni, ne nado, zupynys, skasuvaty,
  tigil, itigil, huwag, wag na,
  hou op, moenie, stop dit, kanselleer,
  simama, usifanye, ghairi,
  band karo, ruk jao, mat karo, rehne do, roko, thamo, koro na,
  dur, durdur, yapma, vazgec,
  qif, tawaqaf, alghi,
  atzor, al taase, tevatel, bitul,
  stamata, stamatise, akyrose, min to kaneis, ochi, oxi,
  allj, alljon, ne csinald, megse,
  zastav, prestan, nedelej to, zrus, zrusit,
  stoj, przestan, nie rob tego, anuluj, wstrzymaj,
  opreste, nu face, anuleaza,
  dung lai, dung lam,
  mai ao, yok loek,
  tingzhi, bie, bie zuo, quxiao, suanle,
  tomete, tomare, yamete, yamero, chuushi, dame, kyanseru,
  meomchwo, geumanhae, chwiso, haji ma, andwae,
  berhenti, stop dulu, jangan, batalkan, batal,
  detente, alto, no lo hagas, cancelalo,
  pare, nao faca, cancela,
  arrete, arretez, stop, ne fais pas, annule, annulez,
  fermati, ferma, basta, non farlo, annulla,
  halt, stopp, hor auf, lass das, lass es, abbrechen, nicht,
  stopp, sluta, avbryt, lat bli, la vaere,
  sustok, nutrauk, atsaukti,
  atura't, atura, cancel·la, no ho facis,
`);

/** Wait, hold, later, an objection (it asks for a change): never a go, and a stop only beside a stop word. */
export const HOLD_WORDS: readonly string[] = phrases(`
  objection, i object,
  wait, hold, hold on, hold up, hold it, hang on, pause, paused, standby, stand by, later,
  tomorrow, tonight, next week, not yet, not now, yet, soon, first, before, until, till, after,
  afterwards, eventually, someday, maybe, perhaps, possibly, if, unless, whether, once, when,
  postpone, postponed, delay, delayed, defer, deferred, on hold, jos ne, jos, atendu, arhoswch,
  biddu, oota, sabr kon, podozhdi, sandali, wacht, subiri, ruko, bekle, intazir, perimene, varj,
  pockej, czekaj, asteapta, dengxia, jamkkan, tunggu, espera, aguarda, attends, aspetta, warte,
  vanta, odota, palauk, espera't,
`);

/**
 * Negation: said in a piece with a go word it refuses the go ("do not proceed", "execute nothing",
 * "don't go ahead"); said alone it is no go, and a stop only where it plainly refuses.
 */
export const NEGATIONS: readonly string[] = phrases(`
  not, no, never, nothing, none, nobody, no one, neither, nor, don't, dont, do not, doesn't,
  doesnt, won't, wont, can't, cant, cannot, shouldn't, shouldnt, mustn't, mustnt, shan't, shant,
  isn't, isnt, aren't, arent, ain't, aint, wouldn't, wouldnt, didn't, didnt, without, nein, non,
  nao, nie, ne, nej, nei, nee, niet, nem, ei, hayir, tidak, nahi, nahin, iie, aniyo, bu, khong,
  ochi,
`);
