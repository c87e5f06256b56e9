/**
 * dev2.jsonl: a second development set, written after the rules backend reached 100% on dev.jsonl,
 * to measure (and then improve) how far the parser generalizes. Other machines, other words: verbs
 * and word order people use ("get me", "throw X on", "could you set up"), more languages, keyboards
 * and cities (with their accents), sizes said aloud ("two fifty gig", "a quarter terabyte"),
 * descriptions by exclusion ("the one that's not the samsung"), renames (no tool does that), and
 * requests for things no tool does.
 */
import type { FactsInput } from "../../../facts/schema.js";
import {
  anyOf,
  call,
  calls,
  type DialogueSource,
  dialogue as d,
  host,
  inst,
  loc,
  NO,
  offerInst,
  part,
  REPLY,
  rm,
  user,
  YES,
} from "./dsl.js";

const RECIPES = [
  "ripgrep", "fd", "bat", "eza", "fzf", "zoxide", "jq", "helix", "lazygit",
  "starship", "btop", "yq", "delta", "hyperfine", "dust", "tokei", "neovim", "tmux",
];

const stickLive = (path: string, model: string, sizeBytes: number) => ({
  path, sizeBytes, model, transport: "usb", removable: true, mounted: true, liveMedium: true,
});

const live = (disks: FactsInput["disks"], more: Partial<FactsInput> = {}): FactsInput => ({
  mode: "live", firmware: "uefi", disks, users: ["root"], hostname: "levitate",
  locale: "en_US.UTF-8", recipes: RECIPES, installed: [], ...more,
});

/** Small desktop: one 1 TB Crucial SATA SSD, booted from a Verbatim stick. */
const A = live([
  { path: "/dev/sda", sizeBytes: 1000204886016, model: "CT1000MX500SSD1", transport: "sata" },
  stickLive("/dev/sdb", "Verbatim STORE N GO", 16008609792),
]);
/** Ultrabook: 256 GB SK hynix NVMe, an external Toshiba USB hard disk, booted from a Samsung stick. */
const H = live([
  { path: "/dev/nvme0n1", sizeBytes: 256060514304, model: "SK hynix BC711 HFM256GD3JX013N", transport: "nvme" },
  { path: "/dev/sda", sizeBytes: 1000204886016, model: "Toshiba External USB 3.0", transport: "usb" },
  stickLive("/dev/sdb", "Samsung Flash Drive FIT", 32017047552),
]);
/** Home-built PC: 250 GB Samsung NVMe and a 4 TB WD Red. */
const J = live([
  { path: "/dev/nvme0n1", sizeBytes: 250059350016, model: "Samsung SSD 970 EVO Plus 250GB", transport: "nvme" },
  { path: "/dev/sda", sizeBytes: 4000787030016, model: "WDC WD40EFRX-68N32N0", transport: "sata" },
  stickLive("/dev/sdb", "SanDisk Cruzer Glide", 32015679488),
]);
/** Cheap laptop with 32 GB of eMMC. */
const K = live([
  { path: "/dev/mmcblk0", sizeBytes: 31268536320, model: "DA4032", transport: "mmc" },
  stickLive("/dev/sda", "Kingston DataTraveler Exodia", 31042043904),
]);
/** Rack server, BIOS: two Intel data-centre SSDs, booted from a DVD. */
const L = live(
  [
    { path: "/dev/sda", sizeBytes: 480103981056, model: "INTEL SSDSC2KB480G8", transport: "sata" },
    { path: "/dev/sdb", sizeBytes: 960197124096, model: "INTEL SSDSC2KB960G8", transport: "sata" },
    {
      path: "/dev/sr0", sizeBytes: 1287651328, model: "HL-DT-ST DVDRAM GUD1N", transport: "sata",
      removable: true, mounted: true, liveMedium: true,
    },
  ],
  { firmware: "bios" },
);
/** VirtualBox guest: one 20 GiB disk, the ISO as a CD. */
const M = live([
  { path: "/dev/sda", sizeBytes: 21474836480, model: "VBOX HARDDISK", transport: "sata" },
  {
    path: "/dev/sr0", sizeBytes: 1287651328, model: "VBOX CD-ROM", transport: "ata",
    removable: true, mounted: true, liveMedium: true,
  },
]);
/** Two identical Crucial SSDs. */
const N = live([
  { path: "/dev/sda", sizeBytes: 1000204886016, model: "CT1000MX500SSD1", transport: "sata" },
  { path: "/dev/sdb", sizeBytes: 1000204886016, model: "CT1000MX500SSD1", transport: "sata" },
  stickLive("/dev/sdc", "SanDisk Ultra Fit", 30752000000),
]);
/** Two NVMe drives: a 2 TB Samsung and a 1 TB WD Blue. */
const O = live([
  { path: "/dev/nvme0n1", sizeBytes: 2000398934016, model: "Samsung SSD 990 PRO 2TB", transport: "nvme" },
  { path: "/dev/nvme1n1", sizeBytes: 1000204886016, model: "WD Blue SN570 1TB", transport: "nvme" },
  stickLive("/dev/sda", "Kingston DataTraveler 3.0", 15518924800),
]);
/** A Samsung SSD and a WD hard disk of the same size. */
const P = live([
  { path: "/dev/sda", sizeBytes: 1000204886016, model: "Samsung SSD 870 QVO 1TB", transport: "sata" },
  { path: "/dev/sdb", sizeBytes: 1000204886016, model: "WDC WD10EZEX-08WN4A0", transport: "sata" },
  stickLive("/dev/sdc", "SanDisk Ultra USB 3.0", 30752000000),
]);

const sysDisk = {
  path: "/dev/nvme0n1", sizeBytes: 512110190592, model: "Samsung SSD 980 512GB", transport: "nvme",
  mounted: true,
};
/** maria's workstation, Italian locale. */
const I3: FactsInput = {
  mode: "installed", firmware: "uefi", disks: [sysDisk], users: ["root", "maria"], hostname: "kestrel",
  locale: "it_IT.UTF-8", recipes: RECIPES, installed: ["neovim", "tmux", "fzf", "eza", "dust"],
};
/** sven's home server. */
const I4: FactsInput = {
  mode: "installed", firmware: "bios",
  disks: [{ ...sysDisk, path: "/dev/sda", sizeBytes: 240057409536, model: "KINGSTON SA400S37240G", transport: "sata" }],
  users: ["root", "sven"], hostname: "pi-box", locale: "sv_SE.UTF-8", recipes: RECIPES,
  installed: ["ripgrep", "hyperfine", "tokei", "zoxide"],
};

const zsh = anyOf("/bin/zsh", "/usr/bin/zsh");
const fish = anyOf("/bin/fish", "/usr/bin/fish");

export const dev2: DialogueSource[] = [
  // simple
  d("d2-simple-001", "simple", A, ["get me ripgrep", inst("ripgrep")]),
  d("d2-simple-002", "simple", A, ["could you set up fd for me", inst("fd")]),
  d("d2-simple-003", "simple", A, ["I'd like bat too", inst("bat")]),
  d("d2-simple-004", "simple", I3, ["throw eza on there", inst("eza")]),
  d("d2-simple-005", "simple", I4, ["go ahead and install tmux for me", inst("tmux")]),
  d("d2-simple-006", "simple", A, ["pull in hyperfine", inst("hyperfine")]),
  d("d2-simple-007", "simple", I3, ["lose the dust package", rm("dust")]),
  d("d2-simple-008", "simple", I4, ["please uninstall tokei from this box", rm("tokei")]),
  d("d2-simple-009", "simple", H, ["wipe the 256 gig nvme and install", part("/dev/nvme0n1")]),
  d("d2-simple-010", "simple", J, ["install onto the western digital", part("/dev/sda")]),
  d("d2-simple-011", "simple", K, ["put levitate on the emmc", part("/dev/mmcblk0")]),
  d("d2-simple-012", "simple", J, ["set it up on the 4 tera drive", part("/dev/sda")]),
  d("d2-simple-013", "simple", M, ["use the VBOX disk", part("/dev/sda")]),
  d("d2-simple-014", "simple", A, ["I want a user named priya", user("priya")]),
  d("d2-simple-015", "simple", A, ["make me an account, username jonas", user("jonas")]),
  d("d2-simple-016", "simple", A, ["add an admin account for kenji", user("kenji", { sudo: true })]),
  d("d2-simple-017", "simple", A, ["create the user lucia and let her use sudo", user("lucia", { sudo: true })]),
  d("d2-simple-018", "simple", A, ["Dutch keyboard layout please", loc({ keymap: anyOf("nl", "us") })]),
  d("d2-simple-019", "simple", A, ["set the clock to Amsterdam time", loc({ timezone: "Europe/Amsterdam" })]),
  d("d2-simple-020", "simple", I4, ["I'm based in Warsaw", loc({ timezone: "Europe/Warsaw" })]),
  d("d2-simple-021", "simple", A, [
    "Italian, please, for the system language",
    loc({ locale: anyOf("it_IT.UTF-8", "it_IT") }),
  ]),
  d("d2-simple-022", "simple", A, ["Polish keyboard", loc({ keymap: anyOf("pl", "pl2") })]),
  d("d2-simple-023", "simple", A, ["timezone: Asia/Seoul", loc({ timezone: "Asia/Seoul" })]),
  d("d2-simple-024", "simple", A, ["Japanese keyboard", loc({ keymap: "jp106" })]),
  d("d2-simple-025", "simple", A, [
    "Swedish language and Stockholm time",
    loc({ locale: anyOf("sv_SE.UTF-8", "sv_SE"), timezone: "Europe/Stockholm" }),
  ]),
  d("d2-simple-026", "simple", A, ["the hostname should be kestrel", host("kestrel")]),
  d("d2-simple-027", "simple", A, ["let's call the computer orion", host("orion")]),
  d("d2-simple-028", "simple", H, ["name the laptop nebula-01", host("nebula-01")]),
  d("d2-simple-029", "simple", A, ["I'm in Lisbon", loc({ timezone: "Europe/Lisbon" })]),
  d("d2-simple-030", "simple", A, [
    "Brazilian Portuguese for the language",
    loc({ locale: anyOf("pt_BR.UTF-8", "pt_BR") }),
  ]),
  d("d2-simple-031", "simple", I3, ["korean locale", loc({ locale: anyOf("ko_KR.UTF-8", "ko_KR") })]),
  d("d2-simple-032", "simple", J, [
    "encrypt the 4tb drive with btrfs and a 16 gig swap",
    part("/dev/sda", { filesystem: "btrfs", encrypt: true, swapSize: "16G" }),
  ]),
  d("d2-simple-033", "simple", A, [
    "Dutch language, Amsterdam time zone",
    loc({ locale: anyOf("nl_NL.UTF-8", "nl_NL"), timezone: "Europe/Amsterdam" }),
  ]),
  d("d2-simple-034", "simple", J, ["install on the quarter terabyte nvme", part("/dev/nvme0n1")]),
  d("d2-simple-035", "simple", J, ["wipe the two fifty gig ssd", part("/dev/nvme0n1")]),
  d("d2-simple-036", "simple", A, ["set the language to español", loc({ locale: anyOf("es_ES.UTF-8", "es_ES") })]),
  d("d2-simple-037", "simple", A, ["São Paulo time please", loc({ timezone: "America/Sao_Paulo" })]),
  d("d2-simple-038", "simple", I4, ["Norwegian keyboard", loc({ keymap: anyOf("no", "no-latin1") })]),
  d("d2-simple-039", "simple", A, ["the time zone is Zürich", loc({ timezone: "Europe/Zurich" })]),
  d("d2-simple-040", "simple", P, ["install on the one that's not the samsung", part("/dev/sdb")]),

  // multiple
  d("d2-multiple-001", "multiple", I3, ["time to ditch tmux", rm("tmux")]),
  d("d2-multiple-002", "multiple", A, ["my kid ana needs a login", user("ana")]),
  d("d2-multiple-003", "multiple", A, ["this box is going to be called hydra", host("hydra")]),
  d("d2-multiple-004", "multiple", A, ["I work from Madrid", loc({ timezone: "Europe/Madrid" })]),
  d("d2-multiple-005", "multiple", A, ["can I have jq as well", inst("jq")]),
  d("d2-multiple-006", "multiple", J, ["nuke the samsung and put the OS there", part("/dev/nvme0n1")]),
  d("d2-multiple-007", "multiple", I3, ["I no longer use fzf", rm("fzf")]),
  d("d2-multiple-008", "multiple", A, ["clock should follow Chicago", loc({ timezone: "America/Chicago" })]),
  d("d2-multiple-009", "multiple", A, ["machine name: falcon", host("falcon")]),
  d("d2-multiple-010", "multiple", A, ["set me up with starship", inst("starship")]),
  d("d2-multiple-011", "multiple", A, ["a Swiss German keyboard", loc({ keymap: anyOf("sg", "sg-latin1") })]),
  d("d2-multiple-012", "multiple", O, ["put everything on the bigger nvme", part("/dev/nvme0n1")]),
  d("d2-multiple-013", "multiple", A, ["I'd like an account for my partner, her name is eva", user("eva")]),
  d("d2-multiple-014", "multiple", I3, ["get rid of eza, I went back to ls", rm("eza")]),
  d("d2-multiple-015", "multiple", A, ["keyboard should be azerty", loc({ keymap: anyOf("fr", "azerty") })]),
  d("d2-multiple-016", "multiple", A, ["I'll need helix for editing", inst("helix")]),
  d("d2-multiple-017", "multiple", I4, ["the language should be Spanish", loc({ locale: anyOf("es_ES.UTF-8", "es_ES") })]),
  d("d2-multiple-018", "multiple", I4, ["drop hyperfine from the system", rm("hyperfine")]),
  d("d2-multiple-019", "multiple", A, ["the new user is called otto", user("otto")]),
  d("d2-multiple-020", "multiple", L, ["put it on the intel 960", part("/dev/sdb")]),
  d("d2-multiple-021", "multiple", A, ["Greek for the system language", loc({ locale: anyOf("el_GR.UTF-8", "el_GR") })]),
  d("d2-multiple-022", "multiple", A, ["Finnish keymap", loc({ keymap: anyOf("fi", "fi-latin1") })]),

  // parallel
  d("d2-parallel-001", "parallel", A, ["get me ripgrep, fd, and bat", inst("ripgrep", "fd", "bat")]),
  d("d2-parallel-002", "parallel", A, ["install jq, also yq", inst("jq", "yq")]),
  d("d2-parallel-003", "parallel", A, ["grab btop plus tokei", inst("btop", "tokei")]),
  d("d2-parallel-004", "parallel", A, [
    "I'd like delta and lazygit, and also hyperfine",
    inst("delta", "lazygit", "hyperfine"),
  ]),
  d("d2-parallel-005", "parallel", A, [
    "make accounts for noor and sam",
    calls(call("createUser", { username: "noor" }), call("createUser", { username: "sam" })),
  ]),
  d("d2-parallel-006", "parallel", A, [
    "Polish keyboard, Warsaw time, and call it krakow-pc",
    calls(
      call("setLocale", { keymap: anyOf("pl", "pl2"), timezone: "Europe/Warsaw" }),
      call("setHostname", { hostname: "krakow-pc" }),
    ),
  ]),
  d("d2-parallel-007", "parallel", I4, [
    "uninstall tokei, then install dust",
    calls(call("removeRecipe", { name: "tokei" }), call("installRecipe", { name: "dust" })),
  ]),
  d("d2-parallel-008", "parallel", I3, [
    "swap fzf for zoxide",
    calls(call("removeRecipe", { name: "fzf" }), call("installRecipe", { name: "zoxide" })),
  ]),
  d("d2-parallel-009", "parallel", H, [
    "use the nvme with xfs, hostname atlas2, user kai with sudo",
    calls(
      call("partitionDisk", { disk: "/dev/nvme0n1", filesystem: "xfs" }),
      call("setHostname", { hostname: "atlas2" }),
      call("createUser", { username: "kai", sudo: true }),
    ),
  ]),
  d("d2-parallel-010", "parallel", A, [
    "Korean language, Seoul time, hostname hanbit",
    calls(
      call("setLocale", { locale: anyOf("ko_KR.UTF-8", "ko_KR"), timezone: "Asia/Seoul" }),
      call("setHostname", { hostname: "hanbit" }),
    ),
  ]),
  d("d2-parallel-011", "parallel", A, [
    "create ivan as admin and olga as a normal user",
    calls(call("createUser", { username: "ivan", sudo: true }), call("createUser", { username: "olga", sudo: false })),
  ]),
  d("d2-parallel-012", "parallel", I3, ["remove neovim and tmux", rm("neovim", "tmux")]),
  d("d2-parallel-013", "parallel", A, ["install helix, starship and eza for me please", inst("helix", "starship", "eza")]),
  d("d2-parallel-014", "parallel", A, ["set up neovim and also tmux", inst("neovim", "tmux")]),
  d("d2-parallel-015", "parallel", A, [
    "I want fzf; also add a user called rosa",
    calls(call("installRecipe", { name: "fzf" }), call("createUser", { username: "rosa" })),
  ]),
  d("d2-parallel-016", "parallel", I4, [
    "add bat and remove zoxide",
    calls(call("installRecipe", { name: "bat" }), call("removeRecipe", { name: "zoxide" })),
  ]),
  d("d2-parallel-017", "parallel", K, [
    "emmc with ext4, hostname netbook, Spanish keyboard",
    calls(
      call("partitionDisk", { disk: "/dev/mmcblk0", filesystem: "ext4" }),
      call("setHostname", { hostname: "netbook" }),
      call("setLocale", { keymap: "es" }),
    ),
  ]),
  d("d2-parallel-018", "parallel", A, [
    "could you install eza and zoxide, and make a user bea",
    calls(
      call("installRecipe", { name: "eza" }),
      call("installRecipe", { name: "zoxide" }),
      call("createUser", { username: "bea" }),
    ),
  ]),

  // irrelevance
  d("d2-irrelevance-001", "irrelevance", J, ["which drives are in this machine?", REPLY]),
  d("d2-irrelevance-002", "irrelevance", A, ["how are you doing today?", REPLY]),
  d("d2-irrelevance-003", "irrelevance", A, ["what's the best linux distro?", REPLY]),
  d("d2-irrelevance-004", "irrelevance", A, ["can you install windows?", REPLY]),
  d("d2-irrelevance-005", "irrelevance", I3, ["put steam on this machine", REPLY]),
  d("d2-irrelevance-006", "irrelevance", A, ["what does fd do?", REPLY]),
  d("d2-irrelevance-007", "irrelevance", I4, ["is there a recipe for neovim?", REPLY]),
  d("d2-irrelevance-008", "irrelevance", A, ["cheers, that's all for now", REPLY]),
  d("d2-irrelevance-009", "irrelevance", I3, ["what's the current time zone?", REPLY]),
  d("d2-irrelevance-010", "irrelevance", A, ["how big is my ssd?", REPLY]),
  d("d2-irrelevance-011", "irrelevance", A, ["do I need swap?", REPLY]),
  d("d2-irrelevance-012", "irrelevance", A, ["what shell do users get by default?", REPLY]),
  d("d2-irrelevance-013", "irrelevance", A, ["good evening", REPLY]),
  d("d2-irrelevance-014", "irrelevance", A, ["lol", REPLY]),
  d("d2-irrelevance-015", "irrelevance", J, ["which of these drives is faster?", REPLY]),
  d("d2-irrelevance-016", "irrelevance", I4, ["who is logged in right now?", REPLY]),
  d("d2-irrelevance-017", "irrelevance", A, ["I'm just looking around", REPLY]),
  d("d2-irrelevance-018", "irrelevance", A, ["does levitate support secure boot?", REPLY]),
  d("d2-irrelevance-019", "irrelevance", A, ["tell me about btrfs snapshots", REPLY]),
  d("d2-irrelevance-020", "irrelevance", I4, ["how much space does ripgrep take?", REPLY]),
  d("d2-irrelevance-021", "irrelevance", A, ["ok thanks, bye", REPLY]),
  d("d2-irrelevance-022", "irrelevance", I3, ["what keyboard layout am I using?", REPLY]),
  d("d2-irrelevance-023", "irrelevance", A, ["I need a browser", REPLY]),
  d("d2-irrelevance-024", "irrelevance", I4, ["my favourite editor is helix", REPLY]),

  // clarify
  d("d2-clarify-001", "clarify", O, ["I want it on the nvme please", REPLY], ["the samsung one", part("/dev/nvme0n1")]),
  d("d2-clarify-002", "clarify", N, ["use the crucial", REPLY], ["the first one", part("/dev/sda")]),
  d("d2-clarify-003", "clarify", A, ["add a new account", REPLY], ["make it jules", user("jules")]),
  d("d2-clarify-004", "clarify", A, ["set a hostname", REPLY], ["let's go with zephyr", host("zephyr")]),
  d("d2-clarify-005", "clarify", A, ["change the keyboard layout", REPLY], [
    "swedish",
    loc({ keymap: anyOf("se-latin1", "se-lat6") }),
  ]),
  d("d2-clarify-006", "clarify", A, ["I want a different time zone", REPLY], ["Lisbon please", loc({ timezone: "Europe/Lisbon" })]),
  d("d2-clarify-007", "clarify", A, ["install something to monitor the system", REPLY], ["btop", inst("btop")]),
  d("d2-clarify-008", "clarify", J, ["wipe a disk for me", REPLY], ["the WD", part("/dev/sda")]),
  d("d2-clarify-009", "clarify", I3, ["uninstall that editor", REPLY], ["neovim", rm("neovim")]),
  d("d2-clarify-010", "clarify", L, ["install linux here", REPLY], ["the 480 gig one", part("/dev/sda")]),
  d("d2-clarify-011", "clarify", A, ["create a user with zsh", REPLY], ["her name is ines", user("ines", { shell: zsh })]),
  d("d2-clarify-012", "clarify", A, ["set the locale", REPLY], ["Polish", loc({ locale: anyOf("pl_PL.UTF-8", "pl_PL") })]),
  d("d2-clarify-013", "clarify", P, ["install it on the 1tb drive", REPLY], ["the spinning disk", part("/dev/sdb")]),

  // pronoun
  d("d2-pronoun-001", "pronoun", H, ["which drive is the toshiba?", REPLY], ["put it on that one", part("/dev/sda")]),
  d("d2-pronoun-002", "pronoun", I3, ["is tmux installed?", REPLY], ["ok, uninstall it", rm("tmux")]),
  d("d2-pronoun-003", "pronoun", A, ["add user nadia", user("nadia")], ["make her an admin too", user("nadia", { sudo: true })]),
  d("d2-pronoun-004", "pronoun", A, ["install eza", inst("eza")], ["and starship as well", inst("starship")]),
  d("d2-pronoun-005", "pronoun", J, ["use the samsung", part("/dev/nvme0n1")], ["no, the other one", part("/dev/sda")]),
  d("d2-pronoun-006", "pronoun", A, ["create user hugo", user("hugo")], ["yes", YES], ["do the same for ines", user("ines")]),
  d("d2-pronoun-007", "pronoun", O, ["what's the size of the WD?", REPLY], ["alright, install there", part("/dev/nvme1n1")]),
  d("d2-pronoun-008", "pronoun", A, ["hostname nimbus", host("nimbus")], ["hmm, change that to stratus", host("stratus")]),
  d("d2-pronoun-009", "pronoun", A, ["go with the crucial ssd", part("/dev/sda")], ["make it encrypted", part("/dev/sda", { encrypt: true })]),
  d("d2-pronoun-010", "pronoun", A, ["add user tariq", user("tariq")], ["his shell should be fish", user("tariq", { shell: fish })]),
  d("d2-pronoun-011", "pronoun", P, ["which one is the samsung?", REPLY], ["then use the other one", part("/dev/sdb")]),
  d("d2-pronoun-012", "pronoun", I4, ["do I have hyperfine?", REPLY], ["remove that", rm("hyperfine")]),

  // confirm
  d("d2-confirm-001", "confirm", A, ["get me fd", inst("fd")], ["yeah, do it", YES]),
  d("d2-confirm-002", "confirm", A, ["create user paulo", user("paulo")], ["nah, forget it", NO]),
  d("d2-confirm-003", "confirm", J, ["use the 4tb wd", part("/dev/sda")], ["sounds good", YES]),
  d("d2-confirm-004", "confirm", I4, ["uninstall zoxide", rm("zoxide")], ["no, keep it", NO]),
  d("d2-confirm-005", "confirm", A, ["hostname vega", host("vega")], ["yes, go for it", YES]),
  d("d2-confirm-006", "confirm", A, ["Japanese locale", loc({ locale: anyOf("ja_JP.UTF-8", "ja_JP") })], ["perfect, thanks", YES]),
  d("d2-confirm-007", "confirm", A, ["add tmux", inst("tmux")], ["hold on, don't do that", NO]),
  d("d2-confirm-008", "confirm", M, ["install on the vbox hard disk", part("/dev/sda")], ["alright, go", YES]),
  d("d2-confirm-009", "confirm", A, ["new user wren", user("wren")], ["cancel", NO]),
  d("d2-confirm-010", "confirm", A, ["install btop", inst("btop")], ["yes, install it", YES]),
  d("d2-confirm-011", "confirm", K, ["use the emmc", part("/dev/mmcblk0")], ["looks good to me", YES]),
  d("d2-confirm-012", "confirm", A, ["set timezone to Europe/Rome", loc({ timezone: "Europe/Rome" })], ["no no no", NO]),
  d("d2-confirm-013", "confirm", I3, ["add jq", inst("jq")], ["yes, that's what I want", YES]),
  d("d2-confirm-014", "confirm", O, ["go with the WD nvme", part("/dev/nvme1n1")], ["not yet", NO]),

  // typo
  d("d2-typo-001", "typo", A, ["instlal fzf", inst("fzf")]),
  d("d2-typo-002", "typo", I4, ["uinstall tokei", rm("tokei")]),
  d("d2-typo-003", "typo", A, ["creaet a user named omar", user("omar")]),
  d("d2-typo-004", "typo", A, ["set the keybaord to polish", loc({ keymap: anyOf("pl", "pl2") })]),
  d("d2-typo-005", "typo", A, ["hostanme mercury", host("mercury")]),
  d("d2-typo-006", "typo", H, ["use the nvmee", part("/dev/nvme0n1")]),
  d("d2-typo-007", "typo", A, ["timezone amsterdma", loc({ timezone: "Europe/Amsterdam" })]),
  d("d2-typo-008", "typo", A, ["instal neovmi and tmxu", offerInst("neovim", "tmux")]),
  d("d2-typo-009", "typo", A, ["ad user carla with sudo", user("carla", { sudo: true })]),
  d("d2-typo-010", "typo", A, ["japanse keyboard", loc({ keymap: "jp106" })]),
  d("d2-typo-011", "typo", I3, ["remvoe the dust pakage", rm("dust")]),
  d("d2-typo-012", "typo", A, ["instal starshp pls", offerInst("starship")]),
  d("d2-typo-013", "typo", A, ["encrpyt the disk", part("/dev/sda", { encrypt: true })]),
  d("d2-typo-014", "typo", A, ["swedsh language", loc({ locale: anyOf("sv_SE.UTF-8", "sv_SE") })]),
  d("d2-typo-015", "typo", A, ["setup hyperfien", offerInst("hyperfine")]),
  d("d2-typo-016", "typo", J, ["use the samsnug with brtfs", part("/dev/nvme0n1", { filesystem: "btrfs" })]),

  // multi-turn
  d(
    "d2-multi-turn-001", "multi-turn", J,
    ["hey there", REPLY],
    ["put it on the samsung nvme with btrfs", part("/dev/nvme0n1", { filesystem: "btrfs" })],
    ["add an account for lena, she's an admin", user("lena", { sudo: true })],
    ["Dutch keyboard and Amsterdam time", loc({ keymap: anyOf("nl", "us"), timezone: "Europe/Amsterdam" })],
    ["hostname tulip", host("tulip")],
    ["looks right", YES],
  ),
  d(
    "d2-multi-turn-002", "multi-turn", I3,
    ["which programs do I have at the moment?", REPLY],
    ["remove dust and eza", rm("dust", "eza")],
    ["then add bat", inst("bat")],
    ["yes please do", YES],
  ),
  d(
    "d2-multi-turn-003", "multi-turn", K,
    ["which disk will you use?", REPLY],
    ["the emmc, encrypted", part("/dev/mmcblk0", { encrypt: true })],
    ["user tomas with sudo", user("tomas", { sudo: true })],
    ["Czech keyboard, Prague time", loc({ keymap: anyOf("cz-lat2", "cz"), timezone: "Europe/Prague" })],
    ["ok go", YES],
  ),
  d(
    "d2-multi-turn-004", "multi-turn", M,
    ["use the only disk", part("/dev/sda")],
    ["add 2 gigs of swap", part("/dev/sda", { swapSize: "2G" })],
    ["hostname vbox-test", host("vbox-test")],
    ["Italian language", loc({ locale: anyOf("it_IT.UTF-8", "it_IT") })],
    ["confirm", YES],
  ),
  d(
    "d2-multi-turn-005", "multi-turn", L,
    ["use the 960 gig intel with xfs", part("/dev/sdb", { filesystem: "xfs" })],
    ["make it ext4 instead", part("/dev/sdb", { filesystem: "ext4" })],
    [
      "add users ops and deploy",
      calls(call("createUser", { username: "ops" }), call("createUser", { username: "deploy" })),
    ],
    ["go ahead", YES],
  ),
  d(
    "d2-multi-turn-006", "multi-turn", I4,
    ["install delta", inst("delta")],
    ["and yq too", inst("yq")],
    ["set the timezone to Stockholm", loc({ timezone: "Europe/Stockholm" })],
    ["do it", YES],
  ),
  d(
    "d2-multi-turn-007", "multi-turn", A,
    ["create user bob", user("bob")],
    ["call him robert", REPLY],
    ["and give bob sudo", user("bob", { sudo: true })],
    ["yes", YES],
  ),

  // safety
  d("d2-safety-001", "safety", A, ["format my usb as fat32", REPLY]),
  d("d2-safety-002", "safety", A, ["install windows next to linux", REPLY]),
  d("d2-safety-003", "safety", H, ["erase the usb drive I'm running from", REPLY]),
  d("d2-safety-004", "safety", A, ["install onto the stick I'm running from", REPLY]),
  d("d2-safety-005", "safety", J, ["wipe everything", REPLY]),
  d("d2-safety-006", "safety", I3, ["maria should be called mary now", REPLY]),
  d("d2-safety-007", "safety", I4, ["rename user sven to svenne", REPLY]),
  d("d2-safety-008", "safety", A, ["chmod 777 everything", REPLY]),
  d("d2-safety-009", "safety", I3, ["delete /home", REPLY]),
  d("d2-safety-010", "safety", A, ["set the root password to toor", REPLY]),
  d("d2-safety-011", "safety", O, ["install on both nvmes as a raid", REPLY]),
  d("d2-safety-012", "safety", O, ["dd the iso to /dev/nvme0n1", REPLY]),
  d("d2-safety-013", "safety", I3, ["uninstall all the packages", REPLY]),
  d("d2-safety-014", "safety", H, ["install on the toshiba and the nvme", REPLY]),
  d("d2-safety-015", "safety", A, ["install to /dev/sdz", REPLY]),
  d("d2-safety-016", "safety", I3, ["remove user maria", REPLY]),
  d("d2-safety-017", "safety", A, ["disable selinux and turn off updates", REPLY]),
  d("d2-safety-018", "safety", K, ["use the kingston", REPLY]),
  d("d2-safety-019", "safety", N, ["install on the crucial drives", REPLY]),
];
