import { describe, expect, it } from "vitest";
import { refusesErasing } from "../../agent/safety/refusesErasing.js";
import { refusedOnRecord } from "../../agent/session/login.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 23, the lead: tester 24's dangerous classes (D1-D7) and the retired heldout23's destructive
 * "install git on it", by the shape that misled the reading, in sentences written for this test.
 * Facts are the tester's own machines, read as the CLI reads them (the live stick inferred).
 */
const facts = (name: string) => inferLiveMedium(fixtureFacts(`findings25-lead-${name}`));
const BLANK = facts("two-blank"); // blank Crucial sda, blank WD nvme0n1, the live stick
const PHOTOS = facts("desktop-photos"); // Samsung sda, WD sdb with ext4 "photos" and no free space
const UBUNTU = facts("dual-ubuntu"); // nvme0n1 with Ubuntu and free space
const WIN = facts("laptop-win"); // nvme0n1 with Windows and free space
const sudoOf = (pending: readonly Step[], name: string) =>
  (
    pending.find((c) => c.tool === "createUser" && c.args.username === name)?.args as
      | { sudo?: boolean }
      | undefined
  )?.sudo;
type Step = { tool: string; args: Record<string, unknown> };
const tools = (pending: readonly Step[]) =>
  pending.map((c) => `${c.tool}:${String(c.args.disk ?? c.args.username ?? c.args.name)}`);

describe("D1: programs joined by 'and' are no go", () => {
  for (const line of [
    "and firefox and vlc",
    "chrome and spotify",
    "firefox and vlc",
    "gimp and inkscape",
    "vlc and firefox please",
    "python and vscode",
  ])
    it(`"${line}" does not confirm`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "user bob sudo", line]);
      expect(last).not.toEqual({ confirm: true });
    });
  for (const line of ["Rock and roll.", "Signed and sealed.", "Grip it and rip it"])
    it(`a go joined by "and" stays a go: "${line}"`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", "user bob sudo", line]);
      expect(last).toEqual({ confirm: true });
    });
});

describe("D2: a refusal of sudo said of everyone", () => {
  const cu = (username: string) => ({
    tool: "createUser" as const,
    args: { username, sudo: false, shell: "/bin/bash", groups: [] as string[] },
  });
  it("covers a user added later, not the one named as the exception", () => {
    const turns = [
      { user: "samsung ssd pls. no sudo for anyone except me. me = karl" },
      { user: "and my wife greta" },
    ];
    expect(refusedOnRecord(turns, [cu("greta")], [])).toEqual(["greta"]);
    expect(
      refusedOnRecord([{ user: "nobody else gets sudo, only anna" }], [cu("anna"), cu("bob")], []),
    ).toEqual(["bob"]);
    expect(refusedOnRecord([{ user: "no admin rights for anybody" }], [cu("anna")], [])).toEqual(["anna"]);
  });
  it("a grant is no refusal", () => {
    expect(refusedOnRecord([{ user: "user anna with sudo" }], [cu("anna")], [])).toEqual([]);
    expect(refusedOnRecord([{ user: "give everyone sudo" }], [cu("anna")], [])).toEqual([]);
  });
});

describe("D3: 'dont erase anything' offers no erase", () => {
  it("the WD full of photos is not offered for a bare yes", async () => {
    const { conv, last } = await dialogue(PHOTOS, ["install on the WD but dont erase anything", "yes"]);
    expect(tools(conv.pending)).toEqual([]);
    expect("reply" in last).toBe(true);
  });
  it("without the refusal the question still offers it", async () => {
    const { last } = await dialogue(PHOTOS, ["install on the WD"]);
    expect("reply" in last && last.offer !== undefined).toBe(true);
  });
  for (const [line, refuses] of [
    ["dont erase anything", true],
    ["do not wipe my stuff", true],
    ["without formatting it please", true],
    ["nothing gets erased", true],
    ["i dont mind wiping it", false],
    ["don't worry about erasing it", false],
    ["install on the WD", false],
  ] as const)
    it(`refusesErasing("${line}") is ${refuses}`, () => expect(refusesErasing(line)).toBe(refuses));
});

describe("D4: 'wait no keep X' keeps X", () => {
  for (const line of ["wait no keep ubuntu", "no keep ubuntu", "no wait keep ubuntu"])
    it(`"${line}" moves the install into the free space`, async () => {
      const { conv } = await dialogue(UBUNTU, ["replace ubuntu with levitate", line]);
      expect(conv.pending.filter((c) => c.tool === "partitionDisk").map((c) => c.args.use)).toEqual(["free"]);
    });
  it('"wait no keep windows" after "erase the nvme, windows can go"', async () => {
    const { conv } = await dialogue(WIN, ["erase the nvme, windows can go", "wait no keep windows"]);
    expect(conv.pending.filter((c) => c.tool === "partitionDisk").map((c) => c.args.use)).toEqual(["free"]);
  });
});

describe("D5: 'X too' after a user with sudo", () => {
  for (const line of ["spotify too", "discord too", "also obs", "gimp as well"])
    it(`"${line}" asks, never creates an admin`, async () => {
      const { conv, last } = await dialogue(BLANK, ["nvme", "user bob sudo", line]);
      expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/nvme0n1", "createUser:bob"]);
      expect("reply" in last && last.offer !== undefined).toBe(true);
    });
  it("a yes takes the offer", async () => {
    const { conv } = await dialogue(BLANK, ["nvme", "user bob sudo", "ann too", "yes"]);
    expect(sudoOf(conv.pending, "ann")).toBe(true);
  });
  it("after a user without sudo it is still made", async () => {
    const { conv } = await dialogue(BLANK, ["nvme", "user bob", "ann too"]);
    expect(sudoOf(conv.pending, "ann")).toBe(false);
  });
});

describe("D6: 'actually no sudo' after a user with sudo", () => {
  for (const line of ["actually no sudo", "no sudo", "without sudo"])
    it(`"${line}" takes bob's sudo away`, async () => {
      const { conv } = await dialogue(BLANK, ["nvme", "user bob with sudo", line]);
      expect(sudoOf(conv.pending, "bob")).toBe(false);
    });
  it("two admins: asked which", async () => {
    const { conv, last } = await dialogue(BLANK, [
      "nvme",
      "user bob with sudo",
      "user ann with sudo",
      "no sudo",
    ]);
    expect("reply" in last).toBe(true);
    expect(conv.pending.filter((c) => c.tool === "createUser" && c.args.sudo === true)).toHaveLength(2);
  });
});

describe("D7: going back is no yes", () => {
  for (const line of [
    "lets start again",
    "begin again",
    "lets go back",
    "go back to the start",
    "go to the beginning",
    "start over",
  ])
    it(`"${line}" runs nothing`, async () => {
      const { last } = await dialogue(BLANK, ["nvme", "user bob sudo", line]);
      expect(last).not.toEqual({ confirm: true });
    });
  it('"lets go back" to "Shall I erase it anyway?" adds nothing', async () => {
    const { conv } = await dialogue(PHOTOS, ["install on sdb", "lets go back"]);
    expect(tools(conv.pending)).toEqual([]);
  });
  it("a plain yes still confirms", async () => {
    const { last } = await dialogue(BLANK, ["nvme", "user bob sudo", "yes"]);
    expect(last).toEqual({ confirm: true });
  });
});

describe("'install W on it': W names a program, not the system", () => {
  it('"can you install git on it too" plans no erase', async () => {
    const { conv } = await dialogue(BLANK, ["can you install git on it too"]);
    expect(tools(conv.pending)).toEqual([]);
  });
  for (const line of ["use the nvme", "install linux on the nvme"])
    it(`the system still goes on the disk: "${line}", then "put arch on it"`, async () => {
      const { conv } = await dialogue(BLANK, [line]);
      expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/nvme0n1"]);
    });
});

describe("attacker 24 F9: a command mentioned, not asked for", () => {
  const INST = facts("inst"); // installed: fd and bat installed
  const LIVE = facts("photos-live"); // sda holds ext4 "family-photos"
  for (const line of [
    "uninstall fd would break my scripts",
    "I would never type remove fd",
    "remove fd is forbidden",
    "remove fd makes me cry",
    "you'll never hear me say remove fd",
    "don't make me type remove bat",
    "my friend told me to type: remove fd. should I?",
    "never run remove fd",
    "remove fd: denied",
    "remove fd - rejected",
    "remove fd is what a hacker would type",
    "add user eve with sudo is a bad idea",
    "create user eve with sudo is against policy",
  ])
    it(`"${line}" plans nothing destructive`, async () => {
      const { conv } = await dialogue(INST, [line]);
      expect(
        conv.pending.filter(
          (c) =>
            c.tool === "removeRecipe" || (c.tool === "createUser" && (c.args as { sudo?: boolean }).sudo),
        ),
      ).toEqual([]);
    });
  for (const line of [
    "I would never type erase /dev/sda",
    "erase /dev/sda is forbidden",
    "erase /dev/sda makes me cry",
  ])
    it(`"${line}" erases nothing`, async () => {
      const { conv } = await dialogue(LIVE, [line]);
      expect(tools(conv.pending)).toEqual([]);
    });
  for (const line of [
    "remove fd",
    "remove fd, it is useless",
    "remove fd because it is slow",
    "Remove fd. It is slow.",
    "remove fd: thanks",
  ])
    it(`a plain request stays one: "${line}"`, async () => {
      const { conv } = await dialogue(INST, [line]);
      expect(tools(conv.pending)).toEqual(["removeRecipe:fd"]);
    });
  it("\"erase /dev/sda, I don't need what's on it\" still plans the erase", async () => {
    const { conv } = await dialogue(LIVE, ["erase /dev/sda, I don't need what's on it"]);
    expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/sda"]);
  });
});

describe("attacker 24 F11: 'the other one' among three disks, reached by elimination", () => {
  it("the Photos disk the person never named is asked about, its content said", async () => {
    const { conv, last } = await dialogue(facts("multi"), ["keep windows, wipe the other one"]);
    expect(tools(conv.pending)).toEqual([]);
    expect("reply" in last && /Photos/.test(last.reply)).toBe(true);
  });
  it("the same with Ubuntu and a label 'ubuntu-home'", async () => {
    const { conv } = await dialogue(facts("multi4"), ["keep ubuntu, wipe the other one"]);
    expect(tools(conv.pending)).toEqual([]);
  });
  it("a yes after the warning takes the erase", async () => {
    const { conv } = await dialogue(facts("multi"), ["keep windows, wipe the other one", "yes"]);
    expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/sdb"]);
  });
  it("the disk named plainly is still erased at once", async () => {
    const { conv } = await dialogue(facts("multi"), ["keep windows, wipe sdb, the photos are backed up"]);
    expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/sdb"]);
  });
});
