/**
 * Words that hold a sentence together (articles, linkers, pronouns, prepositions, negations,
 * adverbs of time) are never a person's name, in English or in the languages people mix into it.
 * "gawa ka ng user na jun, walang sudo" gave sudo to accounts "na" and "walang" (a Tagalog linker
 * and "without"); "add user carl. no sudo, ever" made an account "ever"; "bhai ke liye account,
 * usko sudo nahi" one called "usko" (Hindi "him"). The name readers (agent/rules/users.ts) pass
 * over such a word to the one after it, and the screen every backend's createUser passes
 * (agent/safety/userNameGate.ts) drops an account of one.
 *
 * Each language has words no name shares (never a name, whatever the turn), and short words that
 * are names elsewhere ("rin", "ale", "ona"): those only in a turn the language's own words mark.
 */

import { EUROPEAN_FUNCTION_WORDS, type FunctionWords, turnInLanguage } from "./functionWordsEurope.js";

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/**
 * English closed classes that stand alone after a sentence break ("no sudo, ever", "under no
 * circumstances", "but leave sudo out"): prepositions, adverbs of time and degree, imperatives of
 * the privilege talk. Words that are also common names (will, may, mark, grant, bill, rob, pat,
 * drew, art, ray, don, june, max, sky, hope) are left out.
 */
const ENGLISH = words(`
  ever whatsoever period forever always often sometimes once twice already yet soon today tonight
  tomorrow yesterday here there anyway anyways anyhow otherwise instead rather quite very really
  under over above below beneath underneath beside besides between beyond among amongst around
  about against along across through throughout toward towards upon onto into within without
  via per except excluding including unless until till since whether while whereas although
  minus plus zero nil nada leave leaving left keep kept hold skip skipping omit omitting out off
  circumstances circumstance condition conditions case cases way ways ok okay apart
  shall should would could must might ought shant shouldnt wouldnt couldnt mustnt who whom whose
  further furthermore moreover additionally finally lastly firstly secondly thirdly meanwhile
  afterwards subsequently likewise similarly
  mrs miss sir madam madame mister missus
  stop repeat copy end done
`);

/**
 * Negators and the fillers of speech: no one is called "not" or "well", whatever the sentence
 * ("add users vince lena kid with sudo, well not kid" made accounts "well" and "not", tester 13
 * W6). An account of one is dropped without a word (agent/safety/userNameGate.ts): saying that
 * "not" is no name would only puzzle the person, who never meant one.
 */
export const NEVER_NAMES = words(`
  not no nope nah naw never none nobody noone neither nor nothing dont don't doesnt isnt aint
  well um umm uh uhh erm er hmm hm ah oh eh like so but and or yes yeah yep yup sure also too
  then actually basically maybe perhaps please pls plz thanks thx
  either each every anyone anybody everyone everybody
`);

const TAGALOG: FunctionWords = {
  always: words(`
    na ng mga sa ay nang walang wala hindi huwag wag lamang naman nga ba yung iyong iyon iyan
    yan dito diyan doon para kasi pero tapos kung ano sino pati meron mayroon merong siya niya
    nila natin namin ninyo akin kanya ikaw ako kami tayo gawa gawin gumawa bigyan bigay ibigay
    gusto kailangan pakibura pakigawa galawin
  `),
  inTurn: words("ang kay lang po ito sila mo ko ka din rin pa"),
};

const HINDI: FunctionWords = {
  always: words(`
    ke ki ka se ne hai hain tha thi bhi aur liye wala wali wale usko unko isko inko usse unse
    isse inse uska uski unka unki meri mere mujhe humko tumko aapko nahi nahin karo karna dedo
    chahiye bhai yaar yeh woh naam
  `),
  inTurn: words("ko mera mat bina dena kar hum tum aap vo"),
};

/**
 * Turkish, with its personal pronouns and their cases whole: "Bir de benim için mert, o sudo
 * olsun" ("and one for me, mert, he gets sudo") gave sudo to an account "o" (dev25-keep h24k-063).
 */
const TURKISH: FunctionWords = {
  always: words(`
    ve ile için icin bir bu şu değil degil yok olsun olmasın olmasin verme lütfen lutfen benim
    bana onun onu adında adinda adlı adli isimli kullanıcı kullanici hesap hesabı hesabi yetki
    yetkisi beni bende benden sana seni senin sende senden bize bizi bizim siz size sizi sizin
    onlar onlara onları onlari onların onlarin onda ondan kendisi kendisine kendi
  `),
  inTurn: words("su ama var ver ona ben sen biz o"),
};

const CZECH: FunctionWords = {
  always: words(`
    bez je ať má mít nemá nema nedávej nedavej dej žádné zadne žádný zadny prosím prosim jeho
    účet ucet jménem jmenem uživatele uzivatele
  `),
  inTurn: words("ale pro ma mit mi mu ji"),
};

/**
 * Scots, as typed by people who write the way they speak: "make us a user cawed fraser, nae sudo,
 * mind" made accounts "cawed" (called) and "nae" (no) with sudo (dev17-mixed h16m-007).
 */
const SCOTS: FunctionWords = {
  always: words(`
    nae cawed caed ca'd cried dinnae dinna didnae cannae canna wouldnae couldnae shouldnae isnae
    wisnae willnae wullnae havnae hasnae gie gies oot wi yersel masel hissel hersel
  `),
  inTurn: words("aye ken wee mind an"),
};

const LANGUAGES: readonly FunctionWords[] = [
  TAGALOG,
  HINDI,
  TURKISH,
  CZECH,
  SCOTS,
  ...EUROPEAN_FUNCTION_WORDS,
];

/** Whether the turn holds a word only `lang` uses, so its shorter words are its own too. */
function turnIn(lang: FunctionWords, text: string): boolean {
  return turnInLanguage(lang, text.toLowerCase().match(/[\p{L}]+/gu) ?? []);
}

/**
 * Whether `word` holds the sentence together in these words rather than naming anyone: an English
 * closed-class word, or a function word of a language the turn is in. `text` is the whole turn.
 */
export function functionWord(word: string, text = ""): boolean {
  const w = word.toLowerCase();
  if (ENGLISH.has(w) || NEVER_NAMES.has(w)) return true;
  return LANGUAGES.some((lang) => lang.always.has(w) || (lang.inTurn.has(w) && turnIn(lang, text)));
}
