import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ConversationView } from "../../agent/backend.js";
import { decideRules } from "../../agent/rules/decide.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { canonicalZone, knownKeymaps, knownLocales } from "../../agent/rules/locales.js";
import { editDistance, findSizes, tokenize } from "../../agent/rules/text.js";
import { loadDataset } from "../../eval/dataset.js";
import { runDialogues } from "../../eval/runner.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { isKnownTimezone } from "../../tools/planFile.js";
import { toolsForMode } from "../../tools/registry.js";

const RECIPES = ["ripgrep", "fd", "bat", "jq", "lazygit", "neovim", "zoxide"];

const live = (
  disks: Facts["disks"] extends (infer D)[] ? Partial<D>[] : never,
  more: Record<string, unknown> = {},
) => FactsSchema.parse({ mode: "live", disks, users: ["root"], recipes: RECIPES, installed: [], ...more });

const usb = {
  path: "/dev/sdc",
  sizeBytes: 30752000000,
  model: "SanDisk Ultra USB 3.0",
  transport: "usb",
  removable: true,
  mounted: true,
  liveMedium: true,
};
/** Two SSDs of different sizes, a hard disk, and the live stick. */
const FACTS = live([
  { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "Samsung SSD 980 PRO 1TB", transport: "nvme" },
  { path: "/dev/sda", sizeBytes: 500107862016, model: "CT500MX500SSD1", transport: "sata" },
  { path: "/dev/sdb", sizeBytes: 2000398934016, model: "ST2000DM008-2FR102", transport: "sata" },
  usb,
]);
const INSTALLED = FactsSchema.parse({
  mode: "installed",
  users: ["root", "vince"],
  recipes: RECIPES,
  installed: ["bat", "jq"],
});

function view(user: string, more: Partial<ConversationView> = {}): ConversationView {
  return { turns: [], pending: [], entities: [], user, ...more };
}
function decide(text: string, facts: Facts = FACTS, more: Partial<ConversationView> = {}): Decision {
  return decideRules(view(text, more), facts, toolsForMode(facts.mode));
}
function calls(d: Decision) {
  if (!("calls" in d)) throw new Error(`expected calls, got ${JSON.stringify(d)}`);
  return d.calls.map((c) => ({ tool: c.tool, args: c.args as Record<string, unknown> }));
}
function replyOf(d: Decision): string {
  if (!("reply" in d)) throw new Error(`expected a reply, got ${JSON.stringify(d)}`);
  return d.reply;
}

describe("text", () => {
  it("tokenizes paths, sizes, locales and contractions", () => {
    const t = tokenize("I'm on /dev/nvme0n1, 500gb, de_DE.UTF-8 and Europe/Berlin");
    expect(t.map((x) => x.norm)).toEqual([
      "i",
      "am",
      "on",
      "/dev/nvme0n1",
      ",",
      "500",
      "gb",
      ",",
      "de_de.utf-8",
      "and",
      "europe/berlin",
    ]);
  });
  it("counts a swapped pair of letters as one typo", () => {
    expect(editDistance("intsall", "install")).toBe(1);
    expect(editDistance("ripgrpe", "ripgrep")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
  it("reads sizes in digits and words", () => {
    const s = (text: string) => findSizes(tokenize(text)).map((x) => [x.value, x.power, x.base]);
    expect(s("500gb")).toEqual([[500, 3, "decimal"]]);
    expect(s("1 tb")).toEqual([[1, 4, "decimal"]]);
    expect(s("half a terabyte")).toEqual([[0.5, 4, "either"]]);
    expect(s("two terabytes")).toEqual([[2, 4, "either"]]);
    expect(s("465 GiB")).toEqual([[465, 3, "binary"]]);
    expect(s("one and a half tb")).toEqual([[1.5, 4, "decimal"]]);
  });
});

describe("disks", () => {
  const disk = (text: string) => (calls(decide(text))[0]!.args as { disk: string }).disk;
  it("resolves by marketing size and by binary size", () => {
    expect(disk("use the 500gb drive")).toBe("/dev/sda");
    expect(disk("install on the 465 GiB disk")).toBe("/dev/sda");
    expect(disk("use the 2 tb one")).toBe("/dev/sdb");
    expect(disk("half a terabyte disk please")).toBe("/dev/sda");
    expect(disk("put it on the one terabyte drive")).toBe("/dev/nvme0n1");
  });
  it("resolves by transport, kind, brand and model", () => {
    expect(disk("install on the nvme")).toBe("/dev/nvme0n1");
    expect(disk("the samsung, btrfs")).toBe("/dev/nvme0n1");
    // "the hard drive" alone is asked about, the hard disk offered (conv8-disks); "hdd" picks it
    expect(disk("use the hdd")).toBe("/dev/sdb");
    expect(disk("use the seagate")).toBe("/dev/sdb");
    expect(disk("install to sda")).toBe("/dev/sda");
  });
  it("asks, naming the candidates, when two disks fit", () => {
    const r = replyOf(decide("use the ssd"));
    expect(r).toContain("/dev/nvme0n1");
    expect(r).toContain("/dev/sda");
    expect(r).not.toContain("/dev/sdb (");
  });
  it("never picks a disk for a bare install request with several disks", () => {
    expect(replyOf(decide("install it on the disk"))).toMatch(/Which disk/);
  });
  it("refuses the live medium and unknown disks", () => {
    expect(replyOf(decide("install on the usb stick"))).toMatch(/live system runs from/);
    expect(replyOf(decide("install on /dev/sdz"))).toMatch(/No disk here matches \/dev\/sdz/);
    expect(replyOf(decide("wipe all disks"))).toMatch(/one disk/);
  });
  it("reads filesystem, swap, encryption and /home in the same request", () => {
    expect(calls(decide("nvme with btrfs, 16 gigs of swap, encrypted and a separate home"))).toEqual([
      {
        tool: "partitionDisk",
        args: {
          disk: "/dev/nvme0n1",
          filesystem: "btrfs",
          swapSize: "16G",
          encrypt: true,
          separateHome: true,
        },
      },
    ]);
    expect(calls(decide("use sda without encryption"))[0]!.args.encrypt).toBe(false);
  });
  it("partitioning is refused in installed mode", () => {
    expect(
      replyOf(
        decide(
          "wipe /dev/sda",
          FactsSchema.parse({ ...INSTALLED, disks: [{ path: "/dev/sda", sizeBytes: 1e11 }] }),
        ),
      ),
    ).toMatch(/live installer/);
  });
});

describe("users, recipes, locale, hostname", () => {
  it("several requests in one sentence", () => {
    expect(calls(decide("create anna with sudo and set Tokyo time"))).toMatchObject([
      { tool: "createUser", args: { username: "anna", sudo: true } },
      { tool: "setLocale", args: { timezone: "Asia/Tokyo" } },
    ]);
    expect(calls(decide("add ripgrep and fd")).map((c) => c.args.name)).toEqual(["ripgrep", "fd"]);
  });
  it("tolerates typos in verbs and names", () => {
    // a misspelled program name of one close recipe is installed (round 24; round ten offered it)
    expect(decide("instal ripgrpe")).toMatchObject({
      calls: [{ tool: "installRecipe", args: { name: "ripgrep" } }],
    });
    expect(calls(decide("creat user vince wiht sudo"))[0]!.args).toMatchObject({
      username: "vince",
      sudo: true,
    });
    expect(decide("add lazygti")).toMatchObject({
      calls: [{ tool: "installRecipe", args: { name: "lazygit" } }],
    });
  });
  it("says honestly when there is no recipe", () => {
    expect(replyOf(decide("install firefox"))).toMatch(/no recipe named firefox/);
  });
  it("resolves languages, countries, cities and layouts", () => {
    const loc = (t: string) => calls(decide(t))[0]!.args;
    expect(loc("German keyboard, Berlin time")).toEqual({ keymap: "de", timezone: "Europe/Berlin" });
    expect(loc("set the language to French")).toEqual({ locale: "fr_FR.UTF-8" });
    expect(loc("I'm in Paris")).toEqual({ timezone: "Europe/Paris" });
    expect(loc("I live in Japan")).toEqual({ timezone: "Asia/Tokyo" });
    expect(loc("New York time")).toEqual({ timezone: "America/New_York" });
    expect(loc("timezone asia/kolkata")).toEqual({ timezone: "Asia/Kolkata" });
    expect(loc("British English and a UK keyboard")).toEqual({ locale: "en_GB.UTF-8", keymap: "uk" });
    expect(loc("dvorak layout")).toEqual({ keymap: "dvorak" });
    expect(loc("Czech keyboard")).toEqual({ keymap: "cz-lat2" });
  });
  it("asks which city when a country has several zones", () => {
    expect(replyOf(decide("I'm in the USA, set the timezone"))).toMatch(/several time zones/);
  });
  it("hostnames", () => {
    expect(calls(decide("call this machine workstation"))).toEqual([
      { tool: "setHostname", args: { hostname: "workstation" } },
    ]);
    expect(calls(decide("the computer should be called kitchen-pc"))[0]!.args.hostname).toBe("kitchen-pc");
  });
  it("removal only of what is installed, and only after install", () => {
    expect(calls(decide("remove bat and jq", INSTALLED)).map((c) => c.tool)).toEqual([
      "removeRecipe",
      "removeRecipe",
    ]);
    expect(replyOf(decide("remove fd", INSTALLED))).toMatch(/fd is not installed/);
  });
  it("answers questions and small talk without calls", () => {
    for (const t of [
      "what disks do I have?",
      "hello",
      "thanks!",
      "what's the weather like?",
      "what is btrfs?",
      "tell me a joke",
    ])
      expect("reply" in decide(t), t).toBe(true);
  });
  it("refuses passwords in chat and shell commands", () => {
    expect(replyOf(decide("create bob with password hunter2"))).toMatch(
      /Passwords never go through the chat/,
    );
    expect(replyOf(decide("run rm -rf / please"))).toMatch(/won't run shell commands/);
  });
  it("an existing user is not created again", () => {
    expect(replyOf(decide("create user vince", INSTALLED))).toMatch(/already exists/);
  });
});

describe("locale tables against the system", () => {
  const supported = "/usr/share/i18n/SUPPORTED";
  it.skipIf(!existsSync(supported))("every locale the rules produce is in /usr/share/i18n/SUPPORTED", () => {
    const text = readFileSync(supported, "utf8");
    // "de_DE.UTF-8 UTF-8", and UTF-8-only locales as "en_IN UTF-8"
    const have = new Set(
      text.split("\n").map((l) => {
        const [name = "", charset = ""] = l.split(/\s+/);
        return charset === "UTF-8" ? `${name.replace(/\.utf-?8$/i, "")}.UTF-8` : name;
      }),
    );
    const missing = knownLocales().filter((l) => !have.has(l));
    expect(missing).toEqual([]);
  });
  const keymapDirs = ["/usr/share/keymaps", "/usr/lib/kbd/keymaps", "/usr/share/kbd/keymaps"].filter(
    existsSync,
  );
  it.skipIf(keymapDirs.length === 0)(
    "every keymap the rules produce exists in the console keymap directory",
    () => {
      const names = new Set<string>();
      const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(d, e.name));
          else names.add(e.name.replace(/\.(k?map)(\.gz)?$/, ""));
        }
      };
      keymapDirs.forEach(walk);
      expect(knownKeymaps().filter((k) => !names.has(k))).toEqual([]);
    },
  );
  it("every zone the city table names is known to the runtime", () => {
    for (const z of ["Europe/Berlin", "Asia/Kolkata", "Europe/Kyiv", "America/Los_Angeles"])
      expect(isKnownTimezone(z), z).toBe(true);
    expect(canonicalZone("europe/berlin")).toBe("Europe/Berlin");
  });
});

describe("the eval dev set (CONTRACTS §5), scored by the eval harness", () => {
  const file = join(import.meta.dirname, "../../eval/data/dev.jsonl");
  it.skipIf(!existsSync(file))("rules gets at least 90% of the dev turns right", async () => {
    const r = await runDialogues(loadDataset(file), createRulesBackend());
    const acc = r.results.filter((x) => x.correct).length / r.results.length;
    expect(r.results.length).toBeGreaterThanOrEqual(250);
    expect(acc).toBeGreaterThanOrEqual(0.9);
  });
});
