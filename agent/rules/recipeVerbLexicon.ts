/**
 * The verbs that remove, keep and install a program, and the words that negate them, in the
 * languages people most often type in that the sentence tables (agent/rules/languageTables.ts:
 * German, French, Spanish, Italian, Portuguese, Dutch, Polish, Swedish) do not cover. Written from
 * the grammar of each language (infinitive, imperative singular and plural or polite, the common
 * stems), not from any data set's sentences; languages written in another script appear as their
 * users type them in Latin letters.
 *
 * Each row: the forms, "|"-separated, folded the way agent/rules/recipeVerbs.ts folds what is typed
 * (lowercase, accents off), and what they say in English. A form may be two or three words ("pak
 * kon", "setja upp"). "do not remove" is a negative imperative said in one word ("neodstraňuj",
 * "silme"). Negations ("ne", "ekki", "ära") are read only beside one of these verbs; "and", "but",
 * "only" and "please" only in a clause that holds one, or between two program names.
 */

export type Meaning =
  | "remove"
  | "keep"
  | "install"
  | "do not remove"
  | "stays"
  | "(not)"
  | "and"
  | "but"
  | "only"
  | "please"
  | "";

/** One language: its rows, and whether its negation may also follow the verb ("fjern ikke"). */
export interface VerbLanguage {
  name: string;
  rows: readonly (readonly [string, Meaning])[];
  negAfter?: boolean;
  /** Forms matched as typed (lowercase), accents and all: a folded form would be an English word. */
  exact?: boolean;
}

export const VERB_LANGUAGES: readonly VerbLanguage[] = [
  {
    name: "eo",
    rows: [
      [
        "forigi|forigu|forigas|forigos|forigu ĉiujn|malinstali|malinstalu|forviŝi|forviŝu|forigi el",
        "remove",
      ],
      ["konservi|konservu|teni|tenu|gardi|gardu|lasu|lasi", "keep"],
      ["instali|instalu|aldoni|aldonu", "install"],
      ["restas|restu|restos|restu plu", "stays"],
      ["ne", "(not)"],
      ["kaj", "and"],
      ["sed", "but"],
      ["nur", "only"],
      ["bonvolu|bonvole", "please"],
    ],
  },
  {
    name: "is",
    negAfter: true,
    rows: [
      [
        "fjarlægja|fjarlægðu|fjarlægið|fjarlægi|eyða|eyddu|eyðið|henda|hentu|hendið|taka út|taktu út",
        "remove",
      ],
      ["halda|haltu|haldið|geyma|geymdu|geymið|láttu vera|látið vera", "keep"],
      ["setja upp|settu upp|setjið upp|setja inn|settu inn|bæta við|bættu við|bætið við", "install"],
      ["verður áfram|verða áfram|helst", "stays"],
      ["ekki", "(not)"],
      ["og", "and"],
      ["en", "but"],
      ["bara|aðeins", "only"],
      ["vinsamlegast", "please"],
      ["takk|takk fyrir|takk takk", ""],
    ],
  },
  {
    name: "da-no",
    negAfter: true,
    rows: [
      ["fjern|fjerne|fjernes|slet|slette|avinstaller|afinstaller|avinstallere|afinstallere", "remove"],
      ["behold|beholde|bevar|bevare|lad være|la være", "keep"],
      ["installer|installere|tilføj|tilføje|legg til|læg til", "install"],
      ["bliver|blir|forbliver|blir igjen|bliver tilbage", "stays"],
      ["ikke|ikkje", "(not)"],
      ["og", "and"],
      ["men", "but"],
      ["kun|bare", "only"],
      ["vær så snill|vær venlig", "please"],
      ["tak|takk|tusen takk|mange tak", ""],
    ],
  },
  {
    name: "et",
    rows: [
      ["eemalda|eemaldage|eemaldada|kustuta|kustutage|kustutada|desinstalli|desinstallige", "remove"],
      ["jäta|jätke|hoia|hoidke|säilita|säilitage|jätta alles|jäta alles", "keep"],
      ["paigalda|paigaldage|paigaldada|installi|installige|lisa|lisage", "install"],
      ["jääb|jääb alles|jäävad|jäävad alles", "stays"],
      ["ära|ärge", "(not)"],
      ["ja", "and"],
      ["aga|kuid", "but"],
      ["ka", ""],
      ["ainult", "only"],
      ["palun", "please"],
    ],
  },
  {
    name: "fi",
    rows: [
      ["poista|poistakaa|poistaa|poistetaan|poista asennus", "remove"],
      ["pidä|pitäkää|säilytä|säilyttäkää|jätä|jättäkää", "keep"],
      ["asenna|asentakaa|asentaa|lisää|lisätkää", "install"],
      ["jää|jäävät|pysyy|pysyvät", "stays"],
      ["älä|älkää", "(not)"],
      ["ja", "and"],
      ["mutta", "but"],
      ["vain|ainoastaan", "only"],
      ["ole hyvä|olkaa hyvä", "please"],
    ],
  },
  {
    name: "hr-sr-bs",
    rows: [
      [
        "ukloni|uklonite|ukloniti|obriši|obrišite|obrisati|izbriši|izbrišite|izbrisati|deinstaliraj|deinstalirajte|makni|maknite|skloni|uklanjaj",
        "remove",
      ],
      ["zadrži|zadržite|zadržati|ostavi|ostavite|sačuvaj|sačuvajte|čuvaj", "keep"],
      ["instaliraj|instalirajte|instalirati|dodaj|dodajte", "install"],
      ["ostaje|ostaju|neka ostane", "stays"],
      ["ne|nemoj|nemojte", "(not)"],
      ["i", "and"],
      ["ali", "but"],
      ["samo", "only"],
      ["molim|molim te|molim vas", "please"],
    ],
  },
  {
    name: "sl",
    rows: [
      ["odstrani|odstranite|odstraniti|izbriši|izbrišite", "remove"],
      ["obdrži|obdržite|pusti|pustite", "keep"],
      ["namesti|namestite|namestiti", "install"],
      ["ostane|ostanejo", "stays"],
      ["ne", "(not)"],
      ["ampak|toda", "but"],
      ["prosim", "please"],
    ],
  },
  {
    name: "cs-sk",
    rows: [
      [
        "odstraň|odstraňte|odstranit|odinstaluj|odinstalujte|odinstalovat|smaž|smažte|smazat|odeber|odeberte|odstráň|odstráňte|odstrániť|odinštaluj|odinštalujte|vymaž|vymažte|zmaž|zmažte",
        "remove",
      ],
      [
        "neodstraňuj|neodstraňujte|nemaž|nemažte|neodinstaluj|neodstraňuj|nemaž|nevymaž|nevymazávaj",
        "do not remove",
      ],
      [
        "ponech|ponechte|ponechat|nech|nechte|zachovej|zachovejte|ponechaj|ponechajte|nechaj|nechajte|zachovaj|zachovajte",
        "keep",
      ],
      [
        "nainstaluj|nainstalujte|nainstalovat|přidej|přidejte|nainštaluj|nainštalujte|pridaj|pridajte",
        "install",
      ],
      ["zůstane|zůstává|zůstanou|zostane|zostáva|zostanú", "stays"],
      ["ale", "but"],
      ["jen|jenom|pouze|iba|len", "only"],
      ["prosím", "please"],
    ],
  },
  {
    name: "ro",
    rows: [
      [
        "elimină|eliminați|șterge|ștergeți|dezinstalează|dezinstalați|înlătură|înlăturați|scoate|scoateți",
        "remove",
      ],
      ["păstrează|păstrați|lasă|lăsați", "keep"],
      ["instalează|instalați|adaugă|adăugați", "install"],
      ["rămâne|rămân", "stays"],
      ["nu", "(not)"],
      ["și", "and"],
      ["dar|însă", "but"],
      ["doar|numai", "only"],
      ["te rog|vă rog", "please"],
    ],
  },
  {
    name: "hu",
    rows: [
      [
        "távolítsd el|távolítsa el|távolítsátok el|töröld|törölje|töröljétek|eltávolítani|távolítsd|töröld le",
        "remove",
      ],
      ["tartsd meg|tartsa meg|tartsátok meg|hagyd meg|hagyd|hagyja|hagyja meg|megtartani", "keep"],
      ["telepítsd|telepítse|telepíteni|telepítsétek|add hozzá|adja hozzá", "install"],
      ["marad|maradjon|maradnak", "stays"],
      ["és", "and"],
      ["csak", "only"],
      ["kérlek|kérem", "please"],
    ],
  },
  {
    name: "tr-az",
    rows: [
      ["kaldır|kaldırın|kaldırmak|sil|silin|silmek|kaldır gitsin", "remove"],
      ["kaldırma|kaldırmayın|silme|silmeyin|silmə", "do not remove"],
      ["tut|tutun|koru|koruyun|bırak|bırakın|saxla|saxlayın", "keep"],
      ["kur|kurun|yükle|yükleyin|quraşdır|quraşdırın", "install"],
      ["kalsın|kalır|kalacak|qalsın|qalır", "stays"],
      ["ve", "and"],
      ["ama|fakat|ancak", "but"],
      ["sadece|yalnızca", "only"],
      ["lütfen|lutfen|zəhmət olmasa", "please"],
    ],
  },
  {
    name: "id-ms",
    rows: [
      ["hapus|hapuskan|buang|buangkan|copot|padam|padamkan|nyahpasang|uninstal", "remove"],
      ["simpan|pertahankan|biarkan|kekalkan|tetap simpan", "keep"],
      ["pasang|pasangkan|instal|instalkan|tambah|tambahkan", "install"],
      ["tetap|tetap ada", "stays"],
      ["jangan", "(not)"],
      ["dan", "and"],
      ["tapi|tetapi|namun", "but"],
      ["hanya|saja|sahaja", "only"],
      ["tolong|mohon|sila", "please"],
    ],
  },
  {
    name: "tl",
    rows: [
      ["tanggalin|alisin|burahin|i-uninstall|tanggalin mo|alisin mo|burahin mo", "remove"],
      ["panatilihin|itira|itabi|huwag galawin|wag galawin", "keep"],
      ["i-install|ikabit|idagdag|i-install mo|idagdag mo", "install"],
      ["huwag|wag", "(not)"],
      ["pero", "but"],
      ["lamang", "only"],
      ["pakiusap|paki", "please"],
      ["ang|ng|yung|si", ""],
    ],
  },
  {
    name: "sw",
    rows: [
      ["ondoa|ondoeni|futa|futeni", "remove"],
      ["usiondoe|usifute|msiondoe|msifute", "do not remove"],
      ["hifadhi|bakiza", "keep"],
      ["sakinisha|sakinisheni|weka|ongeza", "install"],
      ["ibaki|zibaki|inabaki", "stays"],
      ["lakini", "but"],
      ["tafadhali", "please"],
    ],
  },
  {
    // matched with its accents: folded, "thêm" is English "them" and "đừng" "dung"
    name: "vi",
    exact: true,
    rows: [
      ["xóa|xoá|xoa|xóa bỏ|xoá bỏ|xoa bo|gỡ|gỡ bỏ|gỡ cài đặt|go cai dat", "remove"],
      ["giữ|giữ lại|giu lai|để lại", "keep"],
      ["cài|cài đặt|cai dat|thêm|thêm vào|them vao", "install"],
      ["đừng|không", "(not)"],
      ["và", "and"],
      ["nhưng|nhung", "but"],
      ["chỉ", "only"],
      ["làm ơn|lam on|vui lòng|vui long", "please"],
    ],
  },
  {
    name: "zh-pinyin",
    rows: [
      [
        "shanchu|shān chú|shan chu|xiezai|xiè zài|xie zai|yichu|yí chú|yi chu|qudiao|qu diao|shandiao",
        "remove",
      ],
      ["baoliu|bǎo liú|bao liu|liuzhe|liu zhe", "keep"],
      ["anzhuang|ān zhuāng|an zhuang|zhuangshang", "install"],
      ["bie|bié|buyao|bu yao|búyào", "(not)"],
      ["danshi|dan shi|dànshì", "but"],
      ["zhi|zhǐ", "only"],
      ["qing|qǐng", "please"],
    ],
  },
  {
    name: "ja-romaji",
    rows: [
      [
        "sakujo shite|sakujo|keshite|kesu|aninsutoru|aninsutoru shite|hazushite|sakujo shite kudasai|keshite kudasai",
        "remove",
      ],
      ["kesanaide|sakujo shinaide|kesanai de", "do not remove"],
      ["nokoshite|nokosu|nokoshite oite|hoji shite", "keep"],
      ["insutoru|insutoru shite|irete|insutoru shite kudasai|irete kudasai", "install"],
      ["dake", "only"],
      ["kudasai|onegai|onegaishimasu", "please"],
      ["wo|wa|ga", ""],
    ],
  },
  {
    name: "ko-romanized",
    rows: [
      ["sakje|sakjehae|sakjehaejwo|jiwo|jiwojwo|jiweo|jiweojwo", "remove"],
      ["namgyeo|namgyeojwo|yuji|yujihae", "keep"],
      ["seolchi|seolchihae|seolchihaejwo", "install"],
      ["hajima|malgo", "(not)"],
      ["geunde|hajiman", "but"],
      ["jebal|butakhae", "please"],
    ],
  },
  {
    name: "ru-uk-bg",
    rows: [
      [
        "udali|udalite|udalit|udalyay|udalyayte|udalyaj|udalyajte|stiray|vydalyay|vydalyaj|snesi|snesite|uberi|uberite|vydaly|vydalit|vydalyty|vydaliti|vidali|vydali|iztrii|premahni|premahnete",
        "remove",
      ],
      [
        "ostav|ostavte|ostavi|sokhrani|sohrani|sokhranite|sohranite|zalysh|zalyshy|zalyshte|zberezhy|zapazi",
        "keep",
      ],
      [
        "ustanovi|ustanovite|postav|postavte|dobav|dobavte|vstanovy|vstanovit|vstanovity|instalirai|dobavi",
        "install",
      ],
      ["ostaetsya|ostayotsya|ostanetsya|zalyshaetsya", "stays"],
      ["ne", "(not)"],
      ["ta", "and"],
      ["ale", "but"],
      ["tolko|tilky|samo", "only"],
      ["pozhaluysta|pozhalujsta|pozhalsta|bud laska|molya", "please"],
    ],
  },
  {
    name: "el",
    rows: [
      ["diagrapse|diagrapste|afairese|afaireste|svise|sviste", "remove"],
      ["krata|kratiste|kratise|afise|afiste", "keep"],
      ["egatestise|egkatestise|egatestiste|prosthese|prostheste", "install"],
      ["mi|min", "(not)"],
      ["menei|menoun", "stays"],
      ["kai", "and"],
      ["alla", "but"],
      ["mono", "only"],
      ["parakalo", "please"],
    ],
  },
  {
    name: "he",
    rows: [
      ["tamchak|timchak|mechak|tachik|haser|tasir|tesir", "remove"],
      ["tishaer|tashir|hashaer|tasair|tishmor|shmor", "keep"],
      ["tatkin|hatken|tetaken|tosif", "install"],
      ["al", "(not)"],
      ["aval", "but"],
      ["rak", "only"],
      ["bevakasha|bevakashah", "please"],
    ],
  },
  {
    name: "ar",
    rows: [
      ["ihdhif|ihthif|ehzef|ihzif|ihtheef|shil|sheel|emsah|imsah|imsa7|e7zef|i7thif", "remove"],
      ["khalli|khali|ihtafiz|ehtafez|i7tafiz|khallih", "keep"],
      ["thabbit|sabbet|nazzel|nazzil|thabit", "install"],
      ["la|ma", "(not)"],
      ["bas|faqat", "only"],
      ["lakin", "but"],
      ["min fadlak|min fadlik|law samaht", "please"],
      // the article before the program ("shil el htop") and "and" said as one letter ("w btop")
      ["el|il", ""],
      ["w|we", "and"],
    ],
  },
  {
    name: "hi-ur",
    rows: [
      [
        "hatao|hata do|hatado|mitao|mita do|delete karo|remove karo|uninstall karo|nikalo|nikal do|hataiye|hata dijiye",
        "remove",
      ],
      ["rakho|rakh lo|rehne do|rahne do|rakhiye|rakhna", "keep"],
      ["install karo|daalo|dalo|daal do|laga do|lagao|install kar do|daliye", "install"],
      ["mat|na|nahi|mat karo", "(not)"],
      ["aur", "and"],
      ["lekin|magar", "but"],
      ["sirf|bas", "only"],
      ["kripya|please", "please"],
      ["ko", ""],
    ],
  },
  {
    name: "bn",
    rows: [
      ["muche dao|muchhe dao|mucho|sorao|sorie dao|moche dao", "remove"],
      ["rakho|rekhe dao", "keep"],
      ["install koro|bosao", "install"],
      ["kintu", "but"],
      ["shudhu", "only"],
    ],
  },
  {
    name: "fa",
    rows: [
      ["pak kon|pak kun|pak konid|hazf kon|hazf kun|hazf konid|bardar|bar dar|paak kon", "remove"],
      ["pak nakon|pak nakonid|hazf nakon|hazf nakonid|bar nadar", "do not remove"],
      ["negah dar|negahdar|negah darid|nigah dar|nagah dar|bezar bemoone|bezar bemanad|nega dar", "keep"],
      ["nasb kon|nasb kun|nasb konid|ezafe kon|ezafe kun", "install"],
      ["bemoone|bemanad|bemunad|mimoone|mimanad|mimune", "stays"],
      ["va", "and"],
      ["vali|amma|ama", "but"],
      ["faghat|faqat|fagat", "only"],
      ["lotfan|lotfanbi", "please"],
      ["ro|ra", ""],
    ],
  },
  {
    name: "af",
    negAfter: true,
    rows: [
      ["verwyder|verwyder asseblief|skrap|vee uit", "remove"],
      ["hou|behou|laat staan|los", "keep"],
      ["installeer|voeg by", "install"],
      ["bly", "stays"],
      ["moenie|nie", "(not)"],
      ["maar", "but"],
      ["slegs", "only"],
      ["asseblief", "please"],
    ],
  },
  {
    name: "lt-lv",
    rows: [
      [
        "pašalink|pašalinkite|pašalinti|ištrink|ištrinkite|noņem|noņemiet|izdzēs|izdzēsiet|atinstalē|atinstalējiet",
        "remove",
      ],
      ["nešalink|neištrink|nenoņem|neizdzēs|nepašalink", "do not remove"],
      ["palik|palikite|išsaugok|išsaugokite|patur|paturi|paturiet|atstāj|atstājiet", "keep"],
      ["įdiek|įdiekite|įdiegti|instalē|instalējiet|uzstādi|uzstādiet", "install"],
      ["lieka|paliek", "stays"],
      ["ir|un", "and"],
      ["bet", "but"],
      ["tik|tikai", "only"],
      ["prašau|lūdzu", "please"],
    ],
  },
  {
    name: "ca",
    rows: [
      ["treu|traieu|esborra|esborreu|desinstal·la|desinstal·leu|desinstalla|elimineu", "remove"],
      ["mantén|manté|mantingues|conserva|conserveu|deixa|deixeu", "keep"],
      ["instal·la|instal·leu|installa|afegeix|afegiu", "install"],
      ["es queda|queden", "stays"],
      ["però", "but"],
      ["només", "only"],
      ["si us plau", "please"],
    ],
  },
  {
    name: "cy",
    rows: [
      ["dileu|dilea|dilewch|tynnu|tynna|tynnwch|gwared", "remove"],
      ["cadw|cadwa|cadwch", "keep"],
      ["gosod|gosoda|gosodwch|ychwanegu|ychwanega|ychwanegwch", "install"],
      ["paid|peidiwch|paid â|peidiwch â|paid a|peidiwch a", "(not)"],
      ["aros", "stays"],
      ["ac", "and"],
      ["ond", "but"],
      ["dim ond", "only"],
      ["os gwelwch yn dda|plis", "please"],
    ],
  },
  {
    name: "sq",
    rows: [
      ["hiq|hiqni|fshi|fshij|fshini|çinstalo", "remove"],
      ["mbaj|mbani|ruaj|ruani|lëre|lereni", "keep"],
      ["instalo|instaloni|shto|shtoni", "install"],
      ["mos", "(not)"],
      ["mbetet|mbeten", "stays"],
      ["dhe", "and"],
      ["por", "but"],
      ["vetëm|vetem", "only"],
      ["të lutem|ju lutem", "please"],
    ],
  },
  {
    name: "eu",
    rows: [
      ["ezabatu|kendu|desinstalatu", "remove"],
      ["mantendu|gorde|utzi", "keep"],
      ["instalatu|gehitu", "install"],
      ["ez", "(not)"],
      ["geratzen da", "stays"],
      ["eta", "and"],
      ["baina", "but"],
      ["bakarrik", "only"],
      ["mesedez", "please"],
    ],
  },
  {
    name: "uz",
    rows: [
      ["o'chir|ochir|o'chiring|ochiring|olib tashla|olib tashlang", "remove"],
      ["o'chirma|ochirma|o'chirmang", "do not remove"],
      ["saqla|saqlang|qoldir|qoldiring", "keep"],
      ["o'rnat|ornat|o'rnating|ornating", "install"],
      ["lekin", "but"],
      ["faqat", "only"],
      ["iltimos", "please"],
    ],
  },
];
