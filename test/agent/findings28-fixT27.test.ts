import { describe, expect, it } from "vitest";
import type { Conversation } from "../../agent/conversation.js";
import { readProtections } from "../../agent/safety/read.js";
import type { Protection } from "../../agent/safety/types.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 28 (fixT27): tester 27's DANGEROUS classes and the sudo reversal.
 * - D1: a keep verb governs every item of its list, commas included ("keep the crucial, the
 *   seagate"), and a keep said after its list keeps every item ("the seagate, toshiba and samsung
 *   stay"); no item is read as the install target.
 * - D2: "the DATA disk has my stuff", "the seagate ist my fotos", "the two big hdds have all my
 *   work" keep the disk; a later slip naming it is answered with the user's own words.
 * - W3: a refused sudo is withdrawn by a grant to that name said with an insistence ("final
 *   answer") or repeated after the reminder; the first plain grant is still refused.
 * Safety side: a comma clause with a request of its own stays a request; a holding statement
 * beside an erase of the same disk is left to the request readers; a hedged or questioned grant
 * lifts nothing.
 */
const HUGE = inferLiveMedium(fixtureFacts("findings28-fixT27-huge")); // nvme0n1 Samsung, nvme1n1 Crucial (blank), sda Seagate "media", sdb Toshiba "backups"
const DESK = inferLiveMedium(fixtureFacts("findings28-fixT27-desk3")); // nvme0n1 WD_BLACK blank, sda Seagate "photos", sdb WD "Backup"
const BIOS = inferLiveMedium(fixtureFacts("findings28-fixT27-bios2")); // sda SanDisk Windows 7, sdb Hitachi ntfs "DATA"
const LAPTOP = inferLiveMedium(fixtureFacts("findings28-fixT27-laptop2")); // nvme0n1 Windows, sda Crucial blank
const INST = fixtureFacts("findings28-fixT27-inst");

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? ((d as { calls: Step[] }).calls ?? []) : [];
const offered = (d: unknown): Step[] =>
  d && typeof d === "object" && "offer" in d ? ((d as { offer?: { calls: Step[] } }).offer?.calls ?? []) : [];
const kept = (conv: Conversation) =>
  conv.protections.flatMap((p: Protection) => ("disk" in p ? [p.disk] : [])).sort();
const erasesIn = (conv: Conversation, disk: string) =>
  conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === disk);
const keepsOf = (text: string, facts = HUGE) =>
  readProtections(text, facts, { pending: [], entities: [] })
    .protect.flatMap((p) => (p.kind === "disk" ? [p.disk] : p.kind === "recipe" ? [p.name] : []))
    .sort();

describe("D1: a keep verb governs every item of its list", () => {
  const THREE = ["/dev/nvme0n1", "/dev/sda", "/dev/sdb"];
  for (const t of [
    "keep the seagate, the toshiba and the samsung",
    "dont touch the seagate, the toshiba or the samsung",
    "keep the seagate, toshiba, samsung",
    "keep the samsung, the seagate and the toshiba",
    // the same shape in other words
    "leave the ironwolf, the toshiba, the samsung alone",
    "please don't erase sda, sdb or nvme0n1",
    "never touch the seagate / the toshiba / the samsung",
    // the keep said after its list
    "the seagate, toshiba and samsung stay",
    "the hdds and the samsung stay",
    "the seagate and the toshiba stay, and the samsung too",
    "the two big hdds, the samsung stay",
  ])
    it(`"${t}" keeps all three and offers the Crucial`, async () => {
      const { conv, last } = await dialogue(HUGE, [t]);
      expect(kept(conv)).toEqual(THREE);
      expect([...calls(last), ...offered(last)].map((c) => c.args.disk)).toEqual(["/dev/nvme1n1"]);
    });

  it('"keep the crucial, the seagate" then "yes" erases nothing', async () => {
    const { conv, last } = await dialogue(HUGE, ["keep the crucial, the seagate", "yes"]);
    expect(kept(conv)).toEqual(["/dev/nvme1n1", "/dev/sda"]);
    expect(conv.pending).toEqual([]);
    expect("confirm" in last).toBe(false);
  });

  it("a kept disk named as the answer is refused with the user's words", async () => {
    const { conv, last } = await dialogue(HUGE, [
      "keep the seagate, the toshiba and the samsung",
      "the samsung",
    ]);
    expect(erasesIn(conv, "/dev/nvme0n1")).toBe(false);
    expect("reply" in last && last.reply).toMatch(/You asked me to keep \/dev\/nvme0n1/);
  });

  it('"keep the seagate, the wd" keeps the Seagate and each WD it may mean', () => {
    expect(keepsOf("keep the seagate, the wd", DESK)).toEqual(["/dev/nvme0n1", "/dev/sda", "/dev/sdb"]);
  });

  it("programs: a comma list after a keep keeps every program", () => {
    expect(keepsOf("dont remove git, htop or vim", INST)).toEqual(["git", "htop", "vim"]);
    expect(keepsOf("git, htop and vim stay", INST)).toEqual(["git", "htop", "vim"]);
  });

  // the safety side: a comma clause with a request of its own stays a request
  for (const [t, target] of [
    ["keep the seagate, the samsung pls", "/dev/nvme0n1"],
    ["keep the seagate, install on the crucial", "/dev/nvme1n1"],
    ["the hdds and the samsung stay, crucial pls", "/dev/nvme1n1"],
    ["install on the crucial, the seagate and the toshiba stay", "/dev/nvme1n1"],
  ] as const)
    it(`near miss: "${t}" still installs on ${target}`, async () => {
      const { conv } = await dialogue(HUGE, [t]);
      expect(erasesIn(conv, target)).toBe(true);
      expect(kept(conv)).not.toContain(target);
    });

  for (const [t, target] of [
    ["not the samsung, the other nvme", "/dev/nvme1n1"],
    ["no, not the crucial, the samsung", "/dev/nvme0n1"],
  ] as const)
    it(`near miss: the correction "${t}" chooses ${target}`, async () => {
      const { conv } = await dialogue(HUGE, [t]);
      expect(kept(conv)).not.toContain(target);
    });

  it('near miss: "nvme, the seagate stays" (a comma before a singular verb) keeps only the Seagate', () => {
    expect(keepsOf("nvme, the seagate stays")).toEqual(["/dev/sda"]);
  });

  it('near miss: "vim stays, only micro" keeps vim only', () => {
    expect(keepsOf("vim stays, only git", INST)).toEqual(["vim"]);
  });
});

describe("D2: a disk said to hold the user's things is kept", () => {
  for (const [facts, t, disks] of [
    [BIOS, "the DATA disk has my stuff", ["/dev/sdb"]],
    [BIOS, "my stuff is on the DATA disk", ["/dev/sdb"]],
    [BIOS, "the hitachi has my stuff", ["/dev/sdb"]],
    [DESK, "the seagate ist my fotos, dont touch", ["/dev/sda"]],
    [HUGE, "the two big hdds have all my work", ["/dev/sda", "/dev/sdb"]],
    // the same shapes in other words
    [BIOS, "the hitachi is full of my kids pictures", ["/dev/sdb"]],
    [DESK, "the seagate is all my family photos", ["/dev/sda"]],
    [HUGE, "both hdds hold our movies", ["/dev/sda", "/dev/sdb"]],
    [HUGE, "my music and films are on the toshiba", ["/dev/sdb"]],
  ] as const)
    it(`"${t}" keeps ${disks.join(", ")}`, async () => {
      const { conv } = await dialogue(facts, [t]);
      expect(kept(conv)).toEqual([...disks]);
    });

  it("a later slip naming the disk is answered with the user's own words, and ok erases nothing", async () => {
    const { conv, decisions } = await dialogue(BIOS, ["the DATA disk has my stuff", "install on sdb", "ok"]);
    const d = decisions[1]!;
    expect("reply" in d && d.reply).toMatch(/You asked me to keep \/dev\/sdb .*my stuff/);
    expect(erasesIn(conv, "/dev/sdb")).toBe(false);
  });

  it("the holding clause keeps its disk while the same turn installs on another", async () => {
    const { conv, last } = await dialogue(HUGE, [
      "im a photographer, the two big hdds have all my work, the crucial is for games. install on the samsung",
      "hmm no, the ironwolf",
      "yes",
    ]);
    expect(kept(conv)).toEqual(["/dev/sda", "/dev/sdb"]);
    expect(erasesIn(conv, "/dev/sda")).toBe(false);
    expect(JSON.stringify(last)).not.toMatch(/"disk":"\/dev\/sda"/);
  });

  it('"the seagate ist my fotos, dont touch" then "sda" and "yes" erase nothing', async () => {
    const { conv } = await dialogue(DESK, ["the seagate ist my fotos, dont touch", "sda", "yes"]);
    expect(erasesIn(conv, "/dev/sda")).toBe(false);
  });

  // the safety side: the words that choose the erase of that same disk are the request readers'
  for (const t of ["the hitachi has my old stuff, wipe it", "the DATA disk has my stuff, wipe the hitachi"])
    it(`near miss: "${t}" keeps nothing`, async () => {
      const { conv } = await dialogue(BIOS, [t]);
      expect(kept(conv)).toEqual([]);
    });

  it('near miss: "the crucial is for games" keeps nothing', () => {
    expect(keepsOf("the crucial is for games")).toEqual([]);
  });
});

describe("W3: a refused sudo is withdrawn only in clear words", () => {
  const user = (conv: Conversation, name: string) =>
    conv.pending.find((c) => c.tool === "createUser" && c.args.username === name) as
      | { args: { sudo?: boolean } }
      | undefined;

  it('"maria gets sudo. final answer" after "maria no sudo" gives maria sudo', async () => {
    const { conv } = await dialogue(LAPTOP, [
      "linux on crucial pls",
      "user maria",
      "no wait maria no sudo",
      "maria gets sudo. final answer",
    ]);
    expect(user(conv, "maria")?.args.sudo).toBe(true);
  });

  for (const t of [
    "ok i changed my mind, give ben sudo",
    "give ben sudo, im sure",
    "ok i changed my mind, ben gets sudo",
    "ben gets sudo, definitely",
  ])
    it(`"${t}" after "user ben no sudo" gives ben sudo`, async () => {
      const { conv } = await dialogue(LAPTOP, ["the crucial", "user anna sudo, user ben no sudo", t]);
      expect(user(conv, "ben")?.args.sudo).toBe(true);
      expect(user(conv, "anna")?.args.sudo).toBe(true);
    });

  it("a plain grant is refused once with the user's words; said again, it is given", async () => {
    const { conv, decisions } = await dialogue(LAPTOP, [
      "the crucial",
      "user anna sudo, user ben no sudo",
      "give ben sudo too",
      "give ben sudo",
    ]);
    expect("reply" in decisions[2]! && decisions[2].reply).toMatch(/You said ben should not have sudo/);
    expect(user(conv, "ben")?.args.sudo).toBe(true);
  });

  // the safety side
  for (const t of [
    "give ben sudo too",
    "give ben sudo?",
    "maybe ben gets sudo after all",
    "final answer: anna gets sudo",
    "ben no sudo, final answer",
  ])
    it(`near miss: "${t}" leaves ben without sudo`, async () => {
      const { conv } = await dialogue(LAPTOP, ["the crucial", "user anna sudo, user ben no sudo", t]);
      expect(user(conv, "ben")?.args.sudo).toBe(false);
    });

  it("a withdrawal for one name gives nothing to another refused name", async () => {
    const { conv } = await dialogue(LAPTOP, [
      "the crucial",
      "users ben and tim, no sudo for either",
      "ben gets sudo. final answer",
    ]);
    expect(user(conv, "ben")?.args.sudo).toBe(true);
    expect(user(conv, "tim")?.args.sudo).toBe(false);
  });
});
