/**
 * The closed classes (articles, prepositions, conjunctions, pronouns, possessives, the verbs "is",
 * "has", "should") of the languages the rules translate (agent/rules/languageTables.ts: German,
 * French, Spanish, Italian, Portuguese, Dutch, Polish, Swedish), as words no person is called.
 * "Utilizador joana, com sudo" (Portuguese "with") gave sudo to an account "com"; the readers put
 * the word before "sudo" in a subject's place ("sam sudo"). A closed class is listed whole, every
 * form, so the next sentence in other words ("Usuario juan, para él sudo", "Benutzer jonas, mit
 * sudo", "utente ed, anche lui sudo") is read the same way.
 *
 * Safety: a word here is only ever kept from becoming an account; the grant it stood beside then
 * reaches the person the sentence names, or nobody (a question). Words that are names too, in
 * English or in the language itself ("al", "del", "ed", "les", "dan", "van", "elle", "mia",
 * "ella"), are read as function words only in a turn that holds an unmistakable word of the same
 * language; names the language itself gives people ("per", "jan", "bo", "jo") are in no list.
 */

export interface FunctionWords {
  /** Words of this language no person is called: read in any turn. */
  readonly always: ReadonlySet<string>;
  /** Words of this language that are names too elsewhere: read only in a turn in this language. */
  readonly inTurn: ReadonlySet<string>;
  /** Words of `always` that English uses too ("pour", "con", "med"): no sign of the language. */
  readonly notMarks?: ReadonlySet<string>;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

const GERMAN: FunctionWords = {
  always: words(`
    und oder aber mit ohne für fuer vom zum zur einem einer einen eines nicht auch noch bitte
    ich mich mir wir uns euch ihm ihn ihnen sein seine seiner seinem seinen ihre ihrer ihrem ihren
    mein meine meiner meinem meinen dein deine unser unsere soll sollen sollte bekommt bekommen
    kriegt kriegen braucht brauchen haben hätte hatte ist sind wird werden darf dürfen duerfen
    beim nach über ueber unter durch gegen benutzer nutzer benutzerin nutzerin konto
  `),
  inTurn: words("der die das dem den des ein eine er es sie ihr am im an in zu so also bei vor man hat nur"),
  notMarks: words("mit"),
};

const FRENCH: FunctionWords = {
  always: words(`
    avec pour sans chez mais aussi très tres moi toi eux nous vous leur leurs mes tes ses notre
    votre nos vos une aux sont doit doivent avoir aura qui que quoi oui cette cet ces lequel
    laquelle utilisateur utilisatrice compte
  `),
  inTurn: words(
    "le la les l' l des du de un ce ta sa son ma mon elle lui tu il ils elles et en au dans est je",
  ),
  notMarks: words("pour chez sans moi nous oui que"),
};

const SPANISH: FunctionWords = {
  always: words(`
    con para pero también tambien los las unos unas él ellos ellas nosotros nosotras usted
    ustedes mío míos mías tuyo tuya suyo suya nuestro nuestra sus qué quien quién esto eso
    aquel aquella tiene tener tenga debe deben usuario usuaria cuenta
  `),
  inTurn: words("el la lo un una y e o del al en de por su tu mi mio mia mía ella este esta ese esa que sin"),
  notMarks: words("con para los las eso sus"),
};

const ITALIAN: FunctionWords = {
  always: words(`
    con anche gli della delle dello degli dei nella nello nei sul sulla allo agli alle dalla suo
    sua suoi sue tuo tua nostro nostra lui loro questo questa quello quella deve devono avere
    abbia utente
  `),
  inTurn: words("il lo la le un uno una e ed o di del da dal al alla nel su ma mio mia che non per lei"),
  notMarks: words("con lui"),
};

const PORTUGUESE: FunctionWords = {
  always: words(`
    com para pelo pelos pelas umas uns dos num numa eles elas nós você vocês voce voces meu minha
    meus minhas seu sua seus suas dele também tambem não nao tem ter tenha deve utilizador
    utilizadora utilizadores usuário usuária conta
  `),
  inTurn: words("o os a as e ou do da de no na em um uma ao à ele ela nas das mas dela pela"),
  notMarks: words("com para dos ter"),
};

const DUTCH: FunctionWords = {
  always: words(`
    zonder voor maar ook niet geen het een wij jullie zij hij haar zijn mijn jouw onze moet moeten
    krijgt krijgen heeft hebben gebruiker gebruikers
  `),
  inTurn: words("de en van om op in ik je jij we ze u dan die dat met hun"),
  notMarks: words("het"),
};

const POLISH: FunctionWords = {
  always: words(`
    dla bez oraz też tez także takze nie jest mieć miec jego jej ich niego niej mój moj moja moje
    twój twoj twoja nasz nasza który ktory która ktora użytkownik uzytkownik konto
  `),
  inTurn: words("z i w na do ze od po we go mu ma ale"),
  notMarks: words("bez nie ich"),
};

const SWEDISH: FunctionWords = {
  always: words(`
    och med utan för från inte ingen inget honom henne hennes deras ditt sitt ska skall får
    också ocksa användare anvandare konto
  `),
  inTurn: words("en ett den det de av på pa han som men i om till hon hen min mitt mina din sin har ha"),
  notMarks: words("med"),
};

export const EUROPEAN_FUNCTION_WORDS: readonly FunctionWords[] = [
  GERMAN,
  FRENCH,
  SPANISH,
  ITALIAN,
  PORTUGUESE,
  DUTCH,
  POLISH,
  SWEDISH,
];

/** Whether the turn's words (lowercase) hold a word only `lang` uses, so its shorter words are its own too. */
export function turnInLanguage(lang: FunctionWords, turnWords: readonly string[]): boolean {
  return turnWords.some((w) => lang.always.has(w) && !lang.notMarks?.has(w));
}
