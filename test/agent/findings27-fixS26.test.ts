import { describe, expect, it } from "vitest";
import type { Conversation } from "../../agent/conversation.js";
import { readProtections } from "../../agent/safety/read.js";
import type { Protection } from "../../agent/safety/types.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 26 (fixS26): the safety screen's protections say what they keep.
 * - "keep my backup", "don't touch my games": the disk whose label or model carries the word is
 *   kept, not every disk (tester 25 WRONG-16, n04); where none carries it each disk that may hold
 *   it is kept and the reply says it could not tell which;
 * - "don't touch the ssd" where two disks are SSDs keeps both and says so; "do not touch the SSD,
 *   install on the other one" refuses the SSD only, the other one is asked as any data disk is;
 * - after "keep sda", "use sda" is refused with the other disk to say, not the erase of sda;
 * - dev26-keep: "keep the samsung 870" keeps the 870, not both Samsungs; "don't go near the WD",
 *   "don't auction the WD" (a negated verb after "don't" typed with its apostrophe) and "careful
 *   with sdb" keep what they name.
 * Safety: each narrowing follows the facts or the person's own description; a disk left out is
 * still asked about before anything on it is erased. Nothing here releases a keep.
 */
const live = (name: string) => inferLiveMedium(fixtureFacts(`findings27-fixS26-${name}`));
const BIOS3 = live("bios-three"); // sda Windows 10, sdb ntfs "Backup", sdd Kingston (no partitions listed)
const SAMSUNGS = live("two-samsung"); // nvme 980 PRO blank, sda 870 EVO ntfs "Games", sdb WD blank
const PHOTOS = live("desktop-photos"); // nvme Samsung SSD blank, sda WD ext4 "photos"
const TWO_SSD = live("two-blank"); // sda Samsung 870 EVO SSD, nvme Crucial P3: both SSDs
const HUGE = live("huge"); // sda, sdb 20 TB Seagates, nvme Samsung 990 PRO
const K001 = live("h25k-001"); // nvme Samsung 980 PRO blank, sda Samsung 870 EVO with Windows
const K048 = live("h25k-048"); // sda Kingston blank, sdb Seagate ntfs "NAS"
const K106 = live("h25k-106"); // nvme Samsung blank, sda WD ntfs "Footy vids"

const kept = (conv: Conversation) =>
  conv.protections.flatMap((p: Protection) => ("disk" in p ? [p.disk] : [])).sort();
const reply = (d: Decision) => ("reply" in d ? d.reply : "");
const erases = (d: Decision, disk: string) =>
  "calls" in d && d.calls.some((c) => c.tool === "partitionDisk" && c.args.disk === disk);
const offers = (d: Decision, disk: string) =>
  "reply" in d && !!d.offer?.calls.some((c) => c.tool === "partitionDisk" && c.args.disk === disk);
const keepsOf = (text: string, f: typeof BIOS3) =>
  readProtections(text, f, { pending: [], entities: [] })
    .protect.flatMap((p) => ("disk" in p ? [p.disk] : []))
    .filter((d, i, all) => all.indexOf(d) === i)
    .sort();

describe("WRONG-16: a keep of one kind of content keeps the disk that holds it", () => {
  for (const t of [
    "keep my backup",
    "keep my backups",
    "don't touch my backup please",
    "leave my backup alone",
  ])
    it(`"${t}" keeps only sdb ("Backup"); the empty Kingston and the Windows disk are not kept`, async () => {
      const { conv, last } = await dialogue(BIOS3, [t]);
      expect(kept(conv)).toEqual(["/dev/sdb"]);
      expect(reply(last)).toMatch(/your backups? \("Backup"\) on \/dev\/sdb/);
    });

  for (const t of ["dont touch my games", "keep my game files", "my games stay, keep them"])
    it(`"${t}" keeps only the disk labelled "Games"`, async () => {
      const { conv } = await dialogue(SAMSUNGS, [t]);
      expect(kept(conv)).toEqual(["/dev/sda"]);
    });

  it('"keep my photos" with the photos label on the WD keeps the WD (the label fits the word)', async () => {
    const { conv } = await dialogue(PHOTOS, ["keep my photos"]);
    expect(kept(conv)).toEqual(["/dev/sda"]);
  });

  it("the disk left out is still asked about before its data is erased", async () => {
    const { conv, last } = await dialogue(BIOS3, ["keep my backup", "install on the 500gb"]);
    expect(kept(conv)).toEqual(["/dev/sdb"]);
    expect(erases(last, "/dev/sda")).toBe(false);
  });

  it('near miss: no label fits ("keep my backup" on the Samsungs): every disk that may hold it is kept, and the reply says why', async () => {
    const { conv, last } = await dialogue(SAMSUNGS, ["keep my backup"]);
    expect(kept(conv)).toEqual(["/dev/nvme0n1", "/dev/sda", "/dev/sdb"]);
    expect(reply(last)).toMatch(
      /can't tell which disk holds what you named, so each that may hold it is kept/,
    );
  });

  for (const t of ["keep my files", "keep my data", "don't lose my stuff"])
    it(`near miss: "${t}" names no kind, so every disk that may hold it stays kept`, async () => {
      const { conv } = await dialogue(BIOS3, [t]);
      expect(kept(conv)).toEqual(["/dev/sda", "/dev/sdb", "/dev/sdd"]);
    });
});

describe('"the ssd": kept where it fits, and said so when it fits both', () => {
  for (const t of ["don't touch the ssd", "dont touch the SSD", "leave the ssd alone"])
    it(`"${t}" with two SSDs keeps both and says both fit`, async () => {
      const { conv, last } = await dialogue(TWO_SSD, [t]);
      expect(kept(conv)).toEqual(["/dev/nvme0n1", "/dev/sda"]);
      expect(reply(last)).toMatch(/Both \/dev\/sda and \/dev\/nvme0n1 fit ".*" \(SSD\), so each is kept/);
    });

  it('near miss: with one SSD, "dont touch the ssd" keeps it alone and says nothing of both', async () => {
    const { conv, last } = await dialogue(HUGE, ["dont touch the ssd"]);
    expect(kept(conv)).toEqual(["/dev/nvme0n1"]);
    expect(reply(last)).not.toMatch(/Both/);
  });

  it('near miss: "keep sda and nvme" names both: nothing to explain', async () => {
    const { last } = await dialogue(TWO_SSD, ["keep sda and nvme0n1"]);
    expect(reply(last)).not.toMatch(/fit "/);
  });

  for (const t of [
    "do not touch the SSD, install on the other one",
    "dont erase the ssd. put it on the hdd",
    "don't wipe the samsung, use the WD",
  ])
    it(`"${t}": the SSD is kept; the photos disk is asked about, never refused as if its erase were refused`, async () => {
      const { conv, last } = await dialogue(PHOTOS, [t]);
      expect(kept(conv)).toEqual(["/dev/nvme0n1"]);
      expect(erases(last, "/dev/sda")).toBe(false);
      expect(reply(last)).not.toMatch(/You said not to erase it/);
      expect(reply(last)).toMatch(/erases it for good/);
    });

  for (const t of ["dont wipe anything, install on the hdd", "don't touch sda and install on the hdd"])
    it(`near miss: "${t}" refuses the erase of the disk it installs on: no offer of it`, async () => {
      const { last } = await dialogue(PHOTOS, [t]);
      expect(erases(last, "/dev/sda")).toBe(false);
      expect(offers(last, "/dev/sda")).toBe(false);
    });
});

describe('after "keep sda", the refusal says what to say for another disk', () => {
  it("one other disk: its name and the words that choose it, not the erase of the kept one", async () => {
    const { last } = await dialogue(TWO_SSD, ["keep sda", "use sda"]);
    expect(erases(last, "/dev/sda")).toBe(false);
    expect(reply(last)).toMatch(/You asked me to keep \/dev\/sda/);
    expect(reply(last)).toMatch(/To install on \/dev\/nvme0n1 .* instead, say "use nvme0n1"/);
    expect(reply(last)).not.toMatch(/erase \/dev\/sda/);
  });

  it('two other disks: both are named with "use"', async () => {
    const { last } = await dialogue(HUGE, ["keep sda", "use sda"]);
    expect(reply(last)).toMatch(/say "use sdb" or "use nvme0n1"/);
    expect(reply(last)).not.toMatch(/erase \/dev\/sda/);
  });

  it("near miss: every other disk kept too: the words that let it go are the one way on", async () => {
    const { last } = await dialogue(TWO_SSD, ["keep sda and nvme0n1", "use sda"]);
    expect(erases(last, "/dev/sda")).toBe(false);
    expect(reply(last)).toMatch(/erase \/dev\/sda, I don't need what's on it/);
  });
});

describe("dev26-keep: a keep names the disk it describes", () => {
  for (const t of [
    "install on the nvme but keep the samsung 870 exactly as it is, windows lives there",
    "put it on the nvme, the samsung 870 stays",
    "install on nvme, dont touch the samsung evo",
  ])
    it(`"${t}" keeps the 870 and installs on the 980`, async () => {
      const { conv, last } = await dialogue(K001, [t]);
      expect(kept(conv)).toEqual(["/dev/sda"]);
      expect(erases(last, "/dev/nvme0n1")).toBe(true);
    });

  for (const [t, want] of [
    ["keep the samsung 870", ["/dev/sda"]],
    ["keep samsung 980 pro", ["/dev/nvme0n1"]],
    // near misses: a brand alone, or a list, keeps each disk it fits
    ["keep the samsung", ["/dev/nvme0n1", "/dev/sda"]],
    ["keep the samsung and the 870", ["/dev/nvme0n1", "/dev/sda"]],
  ] as const)
    it(`"${t}" keeps ${want.join(", ")}`, () => {
      expect(keepsOf(t, K001)).toEqual([...want]);
    });

  for (const t of [
    "righto, chuck it on the nvme mate, and don't go near the big WD, got all me footy on it",
    "install on the nvme and never come anywhere near the WD",
    "use the nvme. dont get close to the wd",
  ])
    it(`"${t}" keeps the WD and installs on the nvme`, async () => {
      const { conv, last } = await dialogue(K106, [t]);
      expect(kept(conv)).toEqual(["/dev/sda"]);
      expect(erases(last, "/dev/nvme0n1")).toBe(true);
    });

  for (const t of ["don't auction the WD", "don't sell the wd", "don't go near the WD"])
    it(`"${t}" (don't typed with its apostrophe) keeps the WD`, () => {
      expect(keepsOf(t, K106)).toEqual(["/dev/sda"]);
    });

  for (const t of ["don't go yet", "dont go ahead yet", "don't get me wrong, use the nvme"])
    it(`near miss: "${t}" keeps nothing`, () => {
      expect(keepsOf(t, K106)).toEqual([]);
    });

  for (const t of [
    "careful with sdb, that's my nas mirror. put the os on sda",
    "be careful about sdb, install on sda",
    "sda please, and careful with the seagate",
  ])
    it(`"${t}" keeps the NAS disk and installs on the Kingston`, async () => {
      const { conv, last } = await dialogue(K048, [t]);
      expect(kept(conv)).toEqual(["/dev/sdb"]);
      expect(erases(last, "/dev/sda")).toBe(true);
    });
});
