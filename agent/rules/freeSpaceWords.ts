/**
 * The free region and "beside" said in words no fixed phrase lists (issue 14, dev21 alongside):
 * "Levitate goes in the empty bit", "build on the vacant lot", "the spare room", "do voľného
 * miesta", "laisvoje vietoje", "fel masa7a el fadya", "vedľa Windows", "tupad sa Windows". By
 * grammar, not by sentence: a word for emptiness joined to a word for a place is the disk's free
 * space, in either order (adjective first as in English and Slavic, noun first as in Romance and
 * Arabic, with at most one article between). A disk noun after the adjective ("the empty ssd",
 * "the spare drive") is a disk, never this: only place nouns count, so an empty disk is still read
 * as before.
 */

import { diskishWord, emptyPlaceAt, saysBeside, saysEmptyPlace, saysRemainder } from "./emptyPlace.js";
import { withoutElision } from "./emptyRoom.js";

/** Emptiness: English and the languages users wrote in (ASCII, as the tokenizer folds them). */
const EMPTY = new Set([
  "free",
  "empty",
  "spare",
  "vacant",
  "unused",
  "unallocated",
  "unpartitioned",
  "leftover",
  "remaining",
  "unclaimed",
  "unoccupied",
  "idle",
  // Slovak, Czech, Polish, Croatian, Russian in Latin letters
  "volne",
  "volneho",
  "volnom",
  "volny",
  "volnem",
  "volna",
  "wolne",
  "wolnym",
  "wolnej",
  "wolnego",
  "slobodni",
  "slobodnom",
  "slobodnog",
  "slobodno",
  "prazno",
  "praznom",
  "prazni",
  "svobodnoe",
  "svobodnom",
  // Lithuanian, Latvian, Estonian, Finnish
  "laisva",
  "laisvoje",
  "laisvos",
  "laisvoji",
  "briva",
  "brivaja",
  "brivo",
  "brivas",
  "vaba",
  "vabas",
  "vabasse",
  "vapaa",
  "vapaata",
  "vapaaseen",
  "vapaalle",
  "tyhja",
  "tyhjaa",
  "tyhjaan",
  // German, Dutch, Scandinavian
  "frei",
  "freie",
  "freien",
  "freiem",
  "freier",
  "leer",
  "leere",
  "leeren",
  "vrij",
  "vrije",
  "lege",
  "ledig",
  "ledige",
  "ledigt",
  "tomme",
  "tomt",
  // Romance
  "libre",
  "libres",
  "libero",
  "libera",
  "liberi",
  "livre",
  "vide",
  "vacio",
  "vacia",
  "vuoto",
  "vuota",
  "vazio",
  // Cebuano/Tagalog, Arabizi, Hindi/Urdu, Turkish, Malay/Indonesian, Hungarian
  "bakante",
  "bakanteng",
  "fadya",
  "fadia",
  "fadi",
  "fadyah",
  "khali",
  "khaali",
  "bos",
  "kosong",
  "ures",
]);

/** Places: where something can be put, in the user's own picture (a lot, a room, a shelf). */
const PLACE = new Set([
  "space",
  "room",
  "rooms",
  "spot",
  "bit",
  "part",
  "area",
  "region",
  "lot",
  "land",
  "ground",
  "plot",
  "parcel",
  "acre",
  "acreage",
  "house",
  "rack",
  "corner",
  "gap",
  "chunk",
  "portion",
  "section",
  "zone",
  "field",
  "patch",
  "territory",
  "water",
  "waters",
  "comb",
  "shelf",
  "drawer",
  "seat",
  "block",
  "stretch",
  "strip",
  "piece",
  "place",
  "wing",
  "floor",
  "apartment",
  "flat",
  "berth",
  "pasture",
  "paddock",
  "garden",
  "compartment",
  "cupboard",
  "pocket",
  "estate",
  "sector",
  "segment",
  "extent",
  "real",
  "capacity",
  "storage",
  // other languages
  "miesto",
  "miesta",
  "mieste",
  "misto",
  "mista",
  "miste",
  "miejsce",
  "miejscu",
  "mjesto",
  "mjestu",
  "prostor",
  "prostoru",
  "vieta",
  "vietoje",
  "vietos",
  "vieta",
  "ruum",
  "ruumi",
  "tila",
  "tilaa",
  "tilaan",
  "platz",
  "speicherplatz",
  "raum",
  "ruimte",
  "plek",
  "plads",
  "plass",
  "plats",
  "utrymme",
  "espacio",
  "sitio",
  "lugar",
  "espace",
  "spazio",
  "posto",
  "espaco",
  "masa7a",
  "masaha",
  "masa7at",
  "makan",
  "jagah",
  "jaga",
  "yer",
  "alan",
  "ruang",
  "hely",
]);

/** Articles and linking words that may stand between a place noun and its adjective ("masa7a el fadya"). */
const LINK = new Set(["el", "il", "al", "la", "de", "di", "da", "ka", "ki", "na", "ng", "nga", "sa"]);

/** "empty", "vacant", "voľného": a word for emptiness (beside a size, it sizes the free region). */
export function isEmptinessWord(w: string): boolean {
  return EMPTY.has(w);
}

/** "the empty rack", "the vacant lot": a place, never a disk ("the empty ssd" is a disk). */
export function isPlaceWord(w: string): boolean {
  return PLACE.has(w);
}

/** Words for the free region of a disk, said as an emptiness word joined to a place word. */
export function saysFreeRegion(said: readonly string[], blankDiskHere = false): boolean {
  // "l'espace libre", "nell'area vuota": the noun without its elided article
  const w = said.map(withoutElision);
  // "the blank skin next to it", "an empty bay": emptiness on any noun that names no disk
  // (emptyPlace.ts); with a blank disk here and nothing said beside, "the empty nest box" may be
  // that disk, so this reading is left to the disk reader (disks.ts)
  if (saysEmptyPlace(w) && (!blankDiskHere || saysBeside(w))) return true;
  // "levitate goes in the gap", "use whatever is left": a remainder put in (emptyPlace.ts)
  if (saysRemainder(w) && (!blankDiskHere || saysBeside(w))) return true;
  for (let i = 0; i < w.length; i++) {
    if (!EMPTY.has(w[i]!)) continue;
    // "the empty bit", "the vacant lot", "voľného miesta": adjective first, one more adjective allowed
    // ("bakante nga space": with a linking particle)
    const next = w[i + 1] ?? "";
    if (PLACE.has(next) || ((EMPTY.has(next) || LINK.has(next)) && PLACE.has(w[i + 2] ?? ""))) return true;
    // "space libre", "masa7a el fadya", "room that is spare": the place first
    if (PLACE.has(w[i - 1] ?? "") || (LINK.has(w[i - 1] ?? "") && PLACE.has(w[i - 2] ?? ""))) return true;
  }
  return false;
}

/**
 * "empty ground", "a blank spot", "unused space": an emptiness word said of a place, which a blank
 * disk fits as well as the free space beside a system (dev h20k-046).
 */
export function emptyPlaceSaid(w: readonly string[]): boolean {
  return w.some(
    (x, i) =>
      ["empty", "blank", "unused"].includes(x) &&
      (PLACE.has(w[i + 1] ?? "") || emptyPlaceAt(w, i, diskishWord)),
  );
}

/** "Beside" in the languages users wrote in: "vedľa Windows", "šalia jo", "tupad sa Windows". */
const BESIDE_ABROAD = new Set([
  "vedla",
  "vedle",
  "salia",
  "blakus",
  "obok",
  "neben",
  "daneben",
  "junto",
  "accanto",
  "naast",
  "bredvid",
  "rinnalle",
  "rinnalla",
  "viereen",
  "korval",
  "korvale",
  "pored",
  "tupad",
  "katabi",
  "pakkathula",
  "pakkathil",
  "pakkathile",
  "pakkathla",
  "gamb",
  "ganb",
  "yaninda",
  "sebelah",
  "samping",
  "ryadom",
]);

/** "al lado", "à côté", "ao lado": two-word forms. */
const BESIDE_PAIRS = [
  ["al", "lado"],
  ["ao", "lado"],
  ["a", "cote"],
  ["side", "by"],
];

export function saysBesideAbroad(w: readonly string[]): boolean {
  if (w.some((x) => BESIDE_ABROAD.has(x))) return true;
  return w.some((x, i) => BESIDE_PAIRS.some(([a, b]) => x === a && w[i + 1] === b));
}
