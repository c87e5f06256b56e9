import { closest } from "./text.js";

/**
 * Languages, countries and cities → locale, console keymap and IANA time zone.
 *
 * Time zones come from the runtime (`Intl.supportedValuesOf("timeZone")`), so every zone the
 * system knows is reachable by its city. Locales and keymaps are a table written here; the tests
 * check every entry against /usr/share/i18n/SUPPORTED and the console keymap directory when the
 * machine has them.
 */

export interface Place {
  locale?: string;
  keymap?: string;
  timezone?: string;
}

/** Language names and adjectives → locale (and the keymap people of that language usually use). */
export const LANGUAGES: Record<string, { locale: string; keymap?: string }> = {
  english: { locale: "en_US.UTF-8", keymap: "us" },
  american: { locale: "en_US.UTF-8", keymap: "us" },
  british: { locale: "en_GB.UTF-8", keymap: "uk" },
  german: { locale: "de_DE.UTF-8", keymap: "de" },
  deutsch: { locale: "de_DE.UTF-8", keymap: "de" },
  austrian: { locale: "de_AT.UTF-8", keymap: "de" },
  swiss: { locale: "de_CH.UTF-8", keymap: "sg" },
  french: { locale: "fr_FR.UTF-8", keymap: "fr" },
  francais: { locale: "fr_FR.UTF-8", keymap: "fr" },
  belgian: { locale: "nl_BE.UTF-8", keymap: "be-latin1" },
  canadian: { locale: "en_CA.UTF-8", keymap: "us" },
  spanish: { locale: "es_ES.UTF-8", keymap: "es" },
  espanol: { locale: "es_ES.UTF-8", keymap: "es" },
  mexican: { locale: "es_MX.UTF-8", keymap: "la-latin1" },
  italian: { locale: "it_IT.UTF-8", keymap: "it" },
  portuguese: { locale: "pt_PT.UTF-8", keymap: "pt-latin1" },
  brazilian: { locale: "pt_BR.UTF-8", keymap: "br-abnt2" },
  // "dutch keyboard" is the Dutch layout (kbd's nl); the Netherlands itself types mostly on us
  dutch: { locale: "nl_NL.UTF-8", keymap: "nl" },
  danish: { locale: "da_DK.UTF-8", keymap: "dk" },
  swedish: { locale: "sv_SE.UTF-8", keymap: "se-latin1" },
  norwegian: { locale: "nb_NO.UTF-8", keymap: "no" },
  finnish: { locale: "fi_FI.UTF-8", keymap: "fi" },
  icelandic: { locale: "is_IS.UTF-8", keymap: "is-latin1" },
  polish: { locale: "pl_PL.UTF-8", keymap: "pl" },
  czech: { locale: "cs_CZ.UTF-8", keymap: "cz-lat2" },
  slovak: { locale: "sk_SK.UTF-8", keymap: "sk-qwertz" },
  hungarian: { locale: "hu_HU.UTF-8", keymap: "hu" },
  romanian: { locale: "ro_RO.UTF-8", keymap: "ro" },
  greek: { locale: "el_GR.UTF-8", keymap: "gr" },
  turkish: { locale: "tr_TR.UTF-8", keymap: "trq" },
  russian: { locale: "ru_RU.UTF-8", keymap: "ru" },
  ukrainian: { locale: "uk_UA.UTF-8", keymap: "ua" },
  japanese: { locale: "ja_JP.UTF-8", keymap: "jp106" },
  korean: { locale: "ko_KR.UTF-8", keymap: "us" },
  chinese: { locale: "zh_CN.UTF-8", keymap: "us" },
  hebrew: { locale: "he_IL.UTF-8", keymap: "us" },
  arabic: { locale: "ar_EG.UTF-8", keymap: "us" },
  hindi: { locale: "hi_IN.UTF-8", keymap: "us" },
  estonian: { locale: "et_EE.UTF-8", keymap: "et" },
  latvian: { locale: "lv_LV.UTF-8", keymap: "us" },
  lithuanian: { locale: "lt_LT.UTF-8", keymap: "lt" },
  slovenian: { locale: "sl_SI.UTF-8", keymap: "slovene" },
  croatian: { locale: "hr_HR.UTF-8", keymap: "croat" },
  serbian: { locale: "sr_RS.UTF-8", keymap: "sr-cy" },
  bulgarian: { locale: "bg_BG.UTF-8", keymap: "bg-cp1251" },
  // Several words: a language as spoken in a country (looked up before the single words).
  "swiss german": { locale: "de_CH.UTF-8", keymap: "sg" },
  // The console's Swiss French map is "fr_CH", which a keymap arg (lowercase) cannot name.
  "swiss french": { locale: "fr_CH.UTF-8" },
  "canadian french": { locale: "fr_CA.UTF-8", keymap: "cf" },
  // the same said in French word order or in French: "clavier canadien français", "français canadien"
  "french canadian": { locale: "fr_CA.UTF-8", keymap: "cf" },
  "canadien francais": { locale: "fr_CA.UTF-8", keymap: "cf" },
  "francais canadien": { locale: "fr_CA.UTF-8", keymap: "cf" },
  // "canadien" as the typo reader folds it onto "canadian"
  "canadian francais": { locale: "fr_CA.UTF-8", keymap: "cf" },
  "francais canadian": { locale: "fr_CA.UTF-8", keymap: "cf" },
  "francais du canada": { locale: "fr_CA.UTF-8", keymap: "cf" },
  quebecois: { locale: "fr_CA.UTF-8", keymap: "cf" },
  "belgian french": { locale: "fr_BE.UTF-8", keymap: "be-latin1" },
  "brazilian portuguese": { locale: "pt_BR.UTF-8", keymap: "br-abnt2" },
  "mexican spanish": { locale: "es_MX.UTF-8", keymap: "la-latin1" },
  "austrian german": { locale: "de_AT.UTF-8", keymap: "de" },
  "british english": { locale: "en_GB.UTF-8", keymap: "uk" },
  "american english": { locale: "en_US.UTF-8", keymap: "us" },
  "canadian english": { locale: "en_CA.UTF-8", keymap: "us" },
  "australian english": { locale: "en_AU.UTF-8", keymap: "us" },
  // The language and its country in the language's own words: "Português do Brasil", "español
  // latino", "deutsche Tastatur"
  "portugues do brasil": { locale: "pt_BR.UTF-8", keymap: "br-abnt2" },
  "portugues brasileiro": { locale: "pt_BR.UTF-8", keymap: "br-abnt2" },
  brasileiro: { locale: "pt_BR.UTF-8", keymap: "br-abnt2" },
  "espanol latino": { locale: "es_MX.UTF-8", keymap: "la-latin1" },
  "espanol de mexico": { locale: "es_MX.UTF-8", keymap: "la-latin1" },
  "latin american": { locale: "es_MX.UTF-8", keymap: "la-latin1" },
  "latin american spanish": { locale: "es_MX.UTF-8", keymap: "la-latin1" },
  latinoamericano: { locale: "es_MX.UTF-8", keymap: "la-latin1" },
  deutsche: { locale: "de_DE.UTF-8", keymap: "de" },
  deutschen: { locale: "de_DE.UTF-8", keymap: "de" },
  francaise: { locale: "fr_FR.UTF-8", keymap: "fr" },
  // The languages' own names.
  nederlands: { locale: "nl_NL.UTF-8", keymap: "us" },
  italiano: { locale: "it_IT.UTF-8", keymap: "it" },
  portugues: { locale: "pt_PT.UTF-8", keymap: "pt-latin1" },
  polski: { locale: "pl_PL.UTF-8", keymap: "pl" },
  svenska: { locale: "sv_SE.UTF-8", keymap: "se-latin1" },
  norsk: { locale: "nb_NO.UTF-8", keymap: "no" },
  dansk: { locale: "da_DK.UTF-8", keymap: "dk" },
  suomi: { locale: "fi_FI.UTF-8", keymap: "fi" },
  cestina: { locale: "cs_CZ.UTF-8", keymap: "cz-lat2" },
  magyar: { locale: "hu_HU.UTF-8", keymap: "hu" },
  turkce: { locale: "tr_TR.UTF-8", keymap: "trq" },
  russkiy: { locale: "ru_RU.UTF-8", keymap: "ru" },
  nihongo: { locale: "ja_JP.UTF-8", keymap: "jp106" },
  hangul: { locale: "ko_KR.UTF-8", keymap: "us" },
  hanguk: { locale: "ko_KR.UTF-8", keymap: "us" },
  // Languages not yet listed.
  catalan: { locale: "ca_ES.UTF-8", keymap: "es" },
  basque: { locale: "eu_ES.UTF-8", keymap: "es" },
  galician: { locale: "gl_ES.UTF-8", keymap: "es" },
  irish: { locale: "ga_IE.UTF-8", keymap: "uk" },
  welsh: { locale: "cy_GB.UTF-8", keymap: "uk" },
  vietnamese: { locale: "vi_VN.UTF-8", keymap: "us" },
  thai: { locale: "th_TH.UTF-8", keymap: "us" },
  indonesian: { locale: "id_ID.UTF-8", keymap: "us" },
  malay: { locale: "ms_MY.UTF-8", keymap: "us" },
  filipino: { locale: "fil_PH.UTF-8", keymap: "us" },
  persian: { locale: "fa_IR.UTF-8", keymap: "us" },
  farsi: { locale: "fa_IR.UTF-8", keymap: "us" },
  bengali: { locale: "bn_IN.UTF-8", keymap: "us" },
  tamil: { locale: "ta_IN.UTF-8", keymap: "us" },
  urdu: { locale: "ur_PK.UTF-8", keymap: "us" },
  afrikaans: { locale: "af_ZA.UTF-8", keymap: "us" },
  swahili: { locale: "sw_KE.UTF-8", keymap: "us" },
  macedonian: { locale: "mk_MK.UTF-8", keymap: "mk" },
  belarusian: { locale: "be_BY.UTF-8", keymap: "by" },
  kazakh: { locale: "kk_KZ.UTF-8", keymap: "kk" },
  georgian: { locale: "ka_GE.UTF-8", keymap: "us" },
  armenian: { locale: "hy_AM.UTF-8", keymap: "us" },
  albanian: { locale: "sq_AL.UTF-8", keymap: "us" },
  mandarin: { locale: "zh_CN.UTF-8", keymap: "us" },
  cantonese: { locale: "zh_HK.UTF-8", keymap: "us" },
  taiwanese: { locale: "zh_TW.UTF-8", keymap: "us" },
};

/** Countries (and their usual short names) → locale, keymap, and the zone when there is one zone. */
export const COUNTRIES: Record<string, Place> = {
  germany: { locale: "de_DE.UTF-8", keymap: "de", timezone: "Europe/Berlin" },
  austria: { locale: "de_AT.UTF-8", keymap: "de", timezone: "Europe/Vienna" },
  switzerland: { locale: "de_CH.UTF-8", keymap: "sg", timezone: "Europe/Zurich" },
  france: { locale: "fr_FR.UTF-8", keymap: "fr", timezone: "Europe/Paris" },
  belgium: { locale: "nl_BE.UTF-8", keymap: "be-latin1", timezone: "Europe/Brussels" },
  netherlands: { locale: "nl_NL.UTF-8", keymap: "us", timezone: "Europe/Amsterdam" },
  holland: { locale: "nl_NL.UTF-8", keymap: "us", timezone: "Europe/Amsterdam" },
  luxembourg: { locale: "fr_LU.UTF-8", keymap: "fr", timezone: "Europe/Luxembourg" },
  spain: { locale: "es_ES.UTF-8", keymap: "es", timezone: "Europe/Madrid" },
  portugal: { locale: "pt_PT.UTF-8", keymap: "pt-latin1", timezone: "Europe/Lisbon" },
  italy: { locale: "it_IT.UTF-8", keymap: "it", timezone: "Europe/Rome" },
  uk: { locale: "en_GB.UTF-8", keymap: "uk", timezone: "Europe/London" },
  britain: { locale: "en_GB.UTF-8", keymap: "uk", timezone: "Europe/London" },
  england: { locale: "en_GB.UTF-8", keymap: "uk", timezone: "Europe/London" },
  scotland: { locale: "en_GB.UTF-8", keymap: "uk", timezone: "Europe/London" },
  ireland: { locale: "en_IE.UTF-8", keymap: "uk", timezone: "Europe/Dublin" },
  denmark: { locale: "da_DK.UTF-8", keymap: "dk", timezone: "Europe/Copenhagen" },
  sweden: { locale: "sv_SE.UTF-8", keymap: "se-latin1", timezone: "Europe/Stockholm" },
  norway: { locale: "nb_NO.UTF-8", keymap: "no", timezone: "Europe/Oslo" },
  finland: { locale: "fi_FI.UTF-8", keymap: "fi", timezone: "Europe/Helsinki" },
  iceland: { locale: "is_IS.UTF-8", keymap: "is-latin1", timezone: "Atlantic/Reykjavik" },
  poland: { locale: "pl_PL.UTF-8", keymap: "pl", timezone: "Europe/Warsaw" },
  czechia: { locale: "cs_CZ.UTF-8", keymap: "cz-lat2", timezone: "Europe/Prague" },
  slovakia: { locale: "sk_SK.UTF-8", keymap: "sk-qwertz", timezone: "Europe/Bratislava" },
  hungary: { locale: "hu_HU.UTF-8", keymap: "hu", timezone: "Europe/Budapest" },
  romania: { locale: "ro_RO.UTF-8", keymap: "ro", timezone: "Europe/Bucharest" },
  greece: { locale: "el_GR.UTF-8", keymap: "gr", timezone: "Europe/Athens" },
  turkey: { locale: "tr_TR.UTF-8", keymap: "trq", timezone: "Europe/Istanbul" },
  ukraine: { locale: "uk_UA.UTF-8", keymap: "ua", timezone: "Europe/Kyiv" },
  japan: { locale: "ja_JP.UTF-8", keymap: "jp106", timezone: "Asia/Tokyo" },
  korea: { locale: "ko_KR.UTF-8", keymap: "us", timezone: "Asia/Seoul" },
  china: { locale: "zh_CN.UTF-8", keymap: "us", timezone: "Asia/Shanghai" },
  taiwan: { locale: "zh_TW.UTF-8", keymap: "us", timezone: "Asia/Taipei" },
  india: { locale: "en_IN.UTF-8", keymap: "us", timezone: "Asia/Kolkata" },
  israel: { locale: "he_IL.UTF-8", keymap: "us", timezone: "Asia/Jerusalem" },
  egypt: { locale: "ar_EG.UTF-8", keymap: "us", timezone: "Africa/Cairo" },
  "south africa": { locale: "en_ZA.UTF-8", keymap: "us", timezone: "Africa/Johannesburg" },
  "new zealand": { locale: "en_NZ.UTF-8", keymap: "us", timezone: "Pacific/Auckland" },
  singapore: { locale: "en_SG.UTF-8", keymap: "us", timezone: "Asia/Singapore" },
  argentina: { locale: "es_AR.UTF-8", keymap: "la-latin1", timezone: "America/Argentina/Buenos_Aires" },
  estonia: { locale: "et_EE.UTF-8", keymap: "et", timezone: "Europe/Tallinn" },
  lithuania: { locale: "lt_LT.UTF-8", keymap: "lt", timezone: "Europe/Vilnius" },
  latvia: { locale: "lv_LV.UTF-8", keymap: "us", timezone: "Europe/Riga" },
  "czech republic": { locale: "cs_CZ.UTF-8", keymap: "cz-lat2", timezone: "Europe/Prague" },
  "the netherlands": { locale: "nl_NL.UTF-8", keymap: "us", timezone: "Europe/Amsterdam" },
  "south korea": { locale: "ko_KR.UTF-8", keymap: "us", timezone: "Asia/Seoul" },
  "hong kong": { locale: "zh_HK.UTF-8", keymap: "us", timezone: "Asia/Hong_Kong" },
  vietnam: { locale: "vi_VN.UTF-8", keymap: "us", timezone: "Asia/Ho_Chi_Minh" },
  thailand: { locale: "th_TH.UTF-8", keymap: "us", timezone: "Asia/Bangkok" },
  philippines: { locale: "fil_PH.UTF-8", keymap: "us", timezone: "Asia/Manila" },
  malaysia: { locale: "ms_MY.UTF-8", keymap: "us", timezone: "Asia/Kuala_Lumpur" },
  iran: { locale: "fa_IR.UTF-8", keymap: "us", timezone: "Asia/Tehran" },
  pakistan: { locale: "ur_PK.UTF-8", keymap: "us", timezone: "Asia/Karachi" },
  kenya: { locale: "sw_KE.UTF-8", keymap: "us", timezone: "Africa/Nairobi" },
  nigeria: { locale: "en_NG.UTF-8", keymap: "us", timezone: "Africa/Lagos" },
  colombia: { locale: "es_CO.UTF-8", keymap: "la-latin1", timezone: "America/Bogota" },
  peru: { locale: "es_PE.UTF-8", keymap: "la-latin1", timezone: "America/Lima" },
  chile: { locale: "es_CL.UTF-8", keymap: "la-latin1", timezone: "America/Santiago" },
  croatia: { locale: "hr_HR.UTF-8", keymap: "croat", timezone: "Europe/Zagreb" },
  serbia: { locale: "sr_RS.UTF-8", keymap: "sr-cy", timezone: "Europe/Belgrade" },
  slovenia: { locale: "sl_SI.UTF-8", keymap: "slovene", timezone: "Europe/Ljubljana" },
  bulgaria: { locale: "bg_BG.UTF-8", keymap: "bg-cp1251", timezone: "Europe/Sofia" },
  // Several zones: the locale and keymap are clear, the zone is not.
  usa: { locale: "en_US.UTF-8", keymap: "us" },
  us: { locale: "en_US.UTF-8", keymap: "us" },
  america: { locale: "en_US.UTF-8", keymap: "us" },
  "united states": { locale: "en_US.UTF-8", keymap: "us" },
  canada: { locale: "en_CA.UTF-8", keymap: "us" },
  mexico: { locale: "es_MX.UTF-8", keymap: "la-latin1" },
  brazil: { locale: "pt_BR.UTF-8", keymap: "br-abnt2" },
  brasil: { locale: "pt_BR.UTF-8", keymap: "br-abnt2" },
  russia: { locale: "ru_RU.UTF-8", keymap: "ru" },
  australia: { locale: "en_AU.UTF-8", keymap: "us" },
};

/** Cities people name that are not the city of their IANA zone. */
export const CITIES: Record<string, string> = {
  // cities as their own people write them ("fuso orario di Roma", "strefa czasowa Warszawa")
  roma: "Europe/Rome",
  milano: "Europe/Rome",
  napoli: "Europe/Rome",
  firenze: "Europe/Rome",
  venezia: "Europe/Rome",
  torino: "Europe/Rome",
  wien: "Europe/Vienna",
  warszawa: "Europe/Warsaw",
  wroclaw: "Europe/Warsaw",
  gdansk: "Europe/Warsaw",
  praha: "Europe/Prague",
  lisboa: "Europe/Lisbon",
  bruxelles: "Europe/Brussels",
  brussel: "Europe/Brussels",
  antwerpen: "Europe/Brussels",
  kobenhavn: "Europe/Copenhagen",
  goteborg: "Europe/Stockholm",
  malmo: "Europe/Stockholm",
  uppsala: "Europe/Stockholm",
  sevilla: "Europe/Madrid",
  "den haag": "Europe/Amsterdam",
  munich: "Europe/Berlin",
  munchen: "Europe/Berlin",
  hamburg: "Europe/Berlin",
  frankfurt: "Europe/Berlin",
  cologne: "Europe/Berlin",
  koln: "Europe/Berlin",
  stuttgart: "Europe/Berlin",
  dresden: "Europe/Berlin",
  leipzig: "Europe/Berlin",
  lyon: "Europe/Paris",
  marseille: "Europe/Paris",
  toulouse: "Europe/Paris",
  geneva: "Europe/Zurich",
  bern: "Europe/Zurich",
  basel: "Europe/Zurich",
  barcelona: "Europe/Madrid",
  valencia: "Europe/Madrid",
  seville: "Europe/Madrid",
  milan: "Europe/Rome",
  naples: "Europe/Rome",
  florence: "Europe/Rome",
  venice: "Europe/Rome",
  turin: "Europe/Rome",
  porto: "Europe/Lisbon",
  manchester: "Europe/London",
  edinburgh: "Europe/London",
  glasgow: "Europe/London",
  birmingham: "Europe/London",
  liverpool: "Europe/London",
  cambridge: "Europe/London",
  oxford: "Europe/London",
  rotterdam: "Europe/Amsterdam",
  "the hague": "Europe/Amsterdam",
  utrecht: "Europe/Amsterdam",
  antwerp: "Europe/Brussels",
  krakow: "Europe/Warsaw",
  gothenburg: "Europe/Stockholm",
  "st petersburg": "Europe/Moscow",
  "saint petersburg": "Europe/Moscow",
  kiev: "Europe/Kyiv",
  osaka: "Asia/Tokyo",
  kyoto: "Asia/Tokyo",
  beijing: "Asia/Shanghai",
  "hong kong": "Asia/Hong_Kong",
  mumbai: "Asia/Kolkata",
  bombay: "Asia/Kolkata",
  delhi: "Asia/Kolkata",
  "new delhi": "Asia/Kolkata",
  bangalore: "Asia/Kolkata",
  bengaluru: "Asia/Kolkata",
  "tel aviv": "Asia/Jerusalem",
  "san francisco": "America/Los_Angeles",
  seattle: "America/Los_Angeles",
  portland: "America/Los_Angeles",
  "san diego": "America/Los_Angeles",
  "san jose": "America/Los_Angeles",
  "las vegas": "America/Los_Angeles",
  "silicon valley": "America/Los_Angeles",
  boston: "America/New_York",
  washington: "America/New_York",
  philadelphia: "America/New_York",
  atlanta: "America/New_York",
  miami: "America/New_York",
  nyc: "America/New_York",
  pittsburgh: "America/New_York",
  austin: "America/Chicago",
  dallas: "America/Chicago",
  houston: "America/Chicago",
  minneapolis: "America/Chicago",
  "salt lake city": "America/Denver",
  montreal: "America/Toronto",
  ottawa: "America/Toronto",
  calgary: "America/Edmonton",
  rio: "America/Sao_Paulo",
  "rio de janeiro": "America/Sao_Paulo",
  canberra: "Australia/Sydney",
  wellington: "Pacific/Auckland",
  "cape town": "Africa/Johannesburg",
};

/** Zone words that are not cities. */
export const ZONE_WORDS: Record<string, string> = {
  utc: "UTC",
  gmt: "UTC",
  zulu: "UTC",
  "universal time": "UTC",
  pacific: "America/Los_Angeles",
  pst: "America/Los_Angeles",
  pdt: "America/Los_Angeles",
  mountain: "America/Denver",
  mst: "America/Denver",
  central: "America/Chicago",
  cst: "America/Chicago",
  eastern: "America/New_York",
  est: "America/New_York",
  edt: "America/New_York",
  cet: "Europe/Berlin",
  cest: "Europe/Berlin",
  "central european": "Europe/Berlin",
  jst: "Asia/Tokyo",
  ist: "Asia/Kolkata",
};

/** Layout names and console keymap names people type. */
export const KEYMAP_WORDS: Record<string, string> = {
  qwerty: "us",
  qwertz: "de",
  azerty: "fr",
  dvorak: "dvorak",
  "de-latin1": "de-latin1",
  "de-latin1-nodeadkeys": "de-latin1-nodeadkeys",
  "fr-latin1": "fr-latin1",
  "fr-latin9": "fr-latin9",
  "es-latin1": "es",
  uk: "uk",
  // "the keyboard is latam": the Latin American layout by its usual short name
  latam: "la-latin1",
  // "keyboard abnt2": the Brazilian layout by its standard's name
  abnt2: "br-abnt2",
  abnt: "br-abnt2",
  // Country codes people give for a layout ("keyboard to jp"); read only beside a keyboard word.
  // Codes that are also English words ("it", "no", "be") are left out.
  jp: "jp106",
  de: "de",
  fr: "fr",
  es: "es",
  pl: "pl",
  se: "se-latin1",
  dk: "dk",
  fi: "fi",
  ru: "ru",
  pt: "pt-latin1",
  br: "br-abnt2",
  cz: "cz-lat2",
  hu: "hu",
  gr: "gr",
  tr: "trq",
  nl: "nl",
  ch: "sg",
  sk: "sk-qwertz",
  ro: "ro",
  ua: "ua",
  lt: "lt",
  gb: "uk",
};

/** Every keymap this file can produce, for validation against the system's keymap directory. */
export function knownKeymaps(): string[] {
  const all = new Set<string>();
  for (const v of Object.values(LANGUAGES)) if (v.keymap) all.add(v.keymap);
  for (const v of Object.values(COUNTRIES)) if (v.keymap) all.add(v.keymap);
  for (const v of Object.values(KEYMAP_WORDS)) all.add(v);
  return [...all].sort();
}

export function knownLocales(): string[] {
  const all = new Set<string>();
  for (const v of Object.values(LANGUAGES)) all.add(v.locale);
  for (const v of Object.values(COUNTRIES)) if (v.locale) all.add(v.locale);
  return [...all].sort();
}

/** ICU (Node 20) still lists these under their old names; systems and people use the new ones. */
const RENAMED: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Europe/Kiev": "Europe/Kyiv",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "America/Godthab": "America/Nuuk",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Ponape": "Pacific/Pohnpei",
};

let zonesByCity: Map<string, string> | undefined;
let zonesLower: Map<string, string> | undefined;

function zoneIndex(): { byCity: Map<string, string>; lower: Map<string, string> } {
  if (!zonesByCity || !zonesLower) {
    zonesByCity = new Map();
    zonesLower = new Map([
      ["utc", "UTC"],
      ["etc/utc", "Etc/UTC"],
    ]);
    for (const listed of Intl.supportedValuesOf("timeZone")) {
      const zone = RENAMED[listed] ?? listed;
      zonesLower.set(zone.toLowerCase(), zone);
      const city = zone.split("/").at(-1)!.replace(/_/g, " ").toLowerCase();
      // The first zone for a city wins (America/Indiana/Indianapolis vs America/Indianapolis is fine).
      if (zone.includes("/") && !zonesByCity.has(city)) zonesByCity.set(city, zone);
    }
    for (const [city, zone] of Object.entries(CITIES))
      if (!zonesByCity.has(city)) zonesByCity.set(city, zone);
  }
  return { byCity: zonesByCity, lower: zonesLower };
}

/**
 * "Europe/Berlin" in any case → "Europe/Berlin"; undefined when the runtime does not know it. The
 * tokenizer keeps a sentence's closing mark on a path ("timezone Europe/Oslo."): no zone name ends
 * in one, so it is taken off.
 */
export function canonicalZone(text: string): string | undefined {
  return zoneIndex().lower.get(text.toLowerCase().replace(/[.,;:!?)]+$/, ""));
}

/**
 * "europe/berln", "Amercia/Chicgao" → the one zone each of whose parts is within its typo budget
 * (closest, text.ts: a tie is a guess, so none). Asked only where the words say it is a time zone
 * ("timezone europe/berln"): the zone is a setting, shown in the plan, changed by saying another.
 */
export function nearZone(text: string): string | undefined {
  const parts = text
    .toLowerCase()
    .replace(/[.,;:!?)]+$/, "")
    .split("/");
  if (parts.length < 2 || parts.some((p) => p.length < 3)) return undefined;
  const zones = [...zoneIndex().lower.keys()].filter((z) => z.split("/").length === parts.length);
  let candidates = zones;
  for (let k = 0; k < parts.length; k++) {
    const pick = closest(parts[k]!, new Set(candidates.map((z) => z.split("/")[k]!)));
    if (!pick) return undefined;
    candidates = candidates.filter((z) => z.split("/")[k] === pick);
  }
  return candidates.length === 1 ? zoneIndex().lower.get(candidates[0]!) : undefined;
}

/** A city (one to three words, lowercase, spaces) → its zone. */
export function zoneOfCity(words: string): string | undefined {
  return zoneIndex().byCity.get(words);
}

/** "de_de.utf8", "de_DE", "de_DE.UTF-8" → "de_DE.UTF-8". */
export function canonicalLocale(text: string): string | undefined {
  const m = /^([a-z]{2,3})_([a-z]{2})(?:\.(utf-?8))?(@[a-z]+)?$/i.exec(text);
  if (!m) return undefined;
  return `${m[1]!.toLowerCase()}_${m[2]!.toUpperCase()}.UTF-8${m[4] ? m[4].toLowerCase() : ""}`;
}

/** Country names of several words, for n-gram lookup. */
export const MULTIWORD_COUNTRIES = Object.keys(COUNTRIES).filter((k) => k.includes(" "));
