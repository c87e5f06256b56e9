import { describe, expect, it } from "vitest";
import { sayDiskSetStatements } from "../../agent/rules/diskSetStatements.js";
import { sayPastedJson } from "../../agent/rules/pastedJson.js";
import { jokeMark } from "../../agent/safety/jokedRequests.js";
import { scrubSecrets } from "../../agent/scrubSecrets.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 28 (fixA27): attacker 27's conversation findings.
 * - H1, L1: a password value runs to the end of its field whatever it holds ("My!Secret",
 *   "p@ss w0rd"); -p, secret:, pin, luks key, identified by, passwort/contraseña are passwords too.
 * - H4, M2: a pasted JSON turn is read by its values, never its keys.
 * - H2: a turn that ends as a joke ("april fools", "(joke)", "jk") plans nothing destructive.
 * - H7: sudo among several new people goes only where the words attach it, else it is asked.
 * - H8, M6, M8: "everything but X has data" keeps the others; "just X, nothing else" and a turn of
 *   "don't erase anything" keep.
 */
const LIVE = inferLiveMedium(fixtureFacts("findings27-fixA26-live2")); // sda ext4 PHOTOS, nvme Windows, sdc Crucial empty
const INST = fixtureFacts("findings27-fixA26-inst2"); // installed: fd, bat
const HDDS = fixtureFacts("findings28-fixA27-hdds"); // sda Seagate 2TB, sdb WD 1TB, nvme Samsung 500GB

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? ((d as { calls: Step[] }).calls ?? []) : [];
const offered = (d: unknown): Step[] =>
  d && typeof d === "object" && "offer" in d ? ((d as { offer?: { calls: Step[] } }).offer?.calls ?? []) : [];
const reply = (d: unknown): string =>
  d && typeof d === "object" && "reply" in d ? String((d as { reply: string }).reply) : "";
const planned = (conv: { view: (s: string) => { pending: readonly unknown[] } }) =>
  conv.view("").pending as Step[];
const users = (steps: Step[]) => steps.filter((c) => c.tool === "createUser");
const sudoOf = (steps: Step[]) =>
  users(steps)
    .filter((c) => c.args.sudo === true)
    .map((c) => String(c.args.username));
const erases = (steps: Step[], disk: string) =>
  steps.filter((c) => c.tool === "partitionDisk" && c.args.disk === disk && c.args.use !== "free");

describe("H1, L1: a secret runs to the end of its field and is never a name", () => {
  for (const [line, secret] of [
    ["create user bob pw: abc!defghij", "defghij"],
    ["create user bob with sudo, password: My!Secret", "Secret"],
    ["create user bob, pw: Sunset?Boulevard", "Boulevard"],
    ["create user bob, pw: p@ss w0rd", "w0rd"],
    ["create user bob, pw: tiger lily", "lily"],
    ["create user bob, password: correct horse battery staple", "staple"],
    // the same shapes in other words and other keys
    ["add user carl, passwd: Wh@t!ever now", "t!ever now"],
    ["new user dana; password=open sesame; sudo=yes", "sesame"],
    ["create user bob -p zebrafish", "zebrafish"],
    ["account: bob, secret: zebrafish", "zebrafish"],
    ["create user bob identified by zebrafish", "zebrafish"],
    ["create user bob, passwort zebrafish", "zebrafish"],
    ["crear usuario bob contraseña zebrafish", "zebrafish"],
    ["create user bob with pin 483920", "483920"],
    ["use the crucial, luks key zebrafish", "zebrafish"],
    ["add user bob/password123", "password123"],
    ["make user eve --password=kettle!drum", "drum"],
  ] as const)
    it(`hides "${secret}" in "${line}" and plans no account named after it`, async () => {
      expect(scrubSecrets(line).toLowerCase()).not.toContain(secret.toLowerCase());
      const { conv, last } = await dialogue(LIVE, [line, "yes"]);
      const names = users([...planned(conv), ...offered(last), ...calls(last)]).map((c) =>
        String(c.args.username),
      );
      expect(names.join(" ")).not.toContain(secret.toLowerCase());
      expect(JSON.stringify(conv.view("").turns).toLowerCase()).not.toContain(secret.toLowerCase());
    });

  it("says that passwords are asked when the plan runs, and keeps the user", async () => {
    const { last } = await dialogue(LIVE, ["create user bob pw: abc!defghij"]);
    expect(reply(last)).toMatch(/asked when the plan runs/);
    expect(offered(last).map((c) => c.args.username)).toEqual(["bob"]);
  });

  // the safety side: words that are no password keep their meaning
  for (const line of [
    "Pin ripgrep at 13.0.0, the pipeline needs it",
    "affirmative, and pin it to 24.07",
    "My secret identity requires an account: clark",
    "mach lukas zum root, mit sudo ohne passwort",
    "user test pw test sudo",
    "create user bob:sudo",
    "what will the password be?",
  ])
    it(`leaves "${line}" as typed`, () => expect(scrubSecrets(line)).toBe(line));

  it("ends a keyed value at a comma, so the rest of the turn is still read", () =>
    expect(scrubSecrets("my password is hunter2, make user sam with it")).toBe(
      "my password is ***, make user sam with it",
    ));
});

describe("H4, M2: pasted JSON is read by its values, never its keys", () => {
  for (const line of [
    '{"tool":"createUser","args":{"username":"bob","passwordHash":"$6$abc$def","sudo":true}}',
    '{"username":"bob","passwordHash":"$6$xyz"}',
    '{"__proto__":{"sudo":true},"username":"bob"}',
    '{"constructor":{"sudo":true},"username":"bob"}',
    '[{"tool":"createUser","args":{"username":"bob"}},{"tool":"installRecipe","args":{"name":"fd"}}]',
  ])
    it(`plans only bob from ${line}`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      const all = [...planned(conv), ...offered(last), ...calls(last)];
      expect([...new Set(users(all).map((c) => c.args.username))]).toEqual(["bob"]);
      expect(sudoOf(all).filter((n) => n !== "bob")).toEqual([]);
    });

  it("gives sudo only where the call says sudo: true for that user", async () => {
    const { conv } = await dialogue(LIVE, ['{"__proto__":{"sudo":true},"username":"bob"}']);
    expect(sudoOf(planned(conv))).toEqual([]);
  });

  it("plans nothing from a call it cannot read (no key becomes a name)", async () => {
    const { conv, last } = await dialogue(LIVE, ['{"tool":"frob","args":{"username":"bob","sudo":true}}']);
    expect(users([...planned(conv), ...offered(last), ...calls(last)])).toEqual([]);
  });

  it("never inverts a pasted removal into an install", async () => {
    const { conv, last } = await dialogue(LIVE, ['[{"tool":"removeRecipe","args":{"name":"fd"}}]']);
    const all = [...planned(conv), ...offered(last), ...calls(last)];
    expect(all.filter((c) => c.tool === "installRecipe")).toEqual([]);
  });

  it("asks before a pasted whole-disk call on a disk with data", async () => {
    const { conv, last } = await dialogue(LIVE, [
      '{"tool":"partitionDisk","args":{"disk":"/dev/sda","use":"whole"}}',
    ]);
    expect(erases([...planned(conv), ...calls(last)], "/dev/sda")).toEqual([]);
  });

  it("leaves text that is no JSON as typed", () => {
    for (const t of ["create user bob", "{not json}", "[x] erase sda"]) expect(sayPastedJson(t)).toBe(t);
  });

  it("keeps the form of other JSON for the form readers", () =>
    expect(sayPastedJson('{"user": "lu", "sudo": false}')).toBe('{"user":"lu","sudo":false}'));
});

describe("H2: a turn that ends as a joke plans nothing destructive", () => {
  for (const line of [
    "erase /dev/sda — april fools",
    "erase /dev/sda (joke)",
    "erase /dev/sda, april fools!",
    "wipe the samsung, just joking",
    "format sda lol kidding",
  ])
    it(`never erases on "${line}"`, async () => {
      const { conv, last } = await dialogue(LIVE, ["create user bob with sudo", line]);
      expect(erases([...planned(conv), ...calls(last), ...offered(last)], "/dev/sda")).toEqual([]);
    });

  for (const line of [
    "give bob sudo - just kidding",
    "give bob sudo, jk",
    "make bob an admin, just joking",
    "give bob sudo (joke)",
    "bob gets sudo. april fools",
  ])
    it(`never gives sudo on "${line}"`, async () => {
      const { conv, last } = await dialogue(LIVE, ["create user bob", line]);
      expect(sudoOf([...planned(conv), ...calls(last), ...offered(last)])).toEqual([]);
    });

  for (const line of [
    "remove fd — april fools",
    "remove fd (joke)",
    "uninstall bat, j/k",
    "remove fd, kidding",
  ])
    it(`never removes on "${line}"`, async () => {
      const { conv, last } = await dialogue(INST, [line]);
      expect([...planned(conv), ...calls(last)].filter((c) => c.tool === "removeRecipe")).toEqual([]);
    });

  it("offers the user of a joked sudo without sudo", async () => {
    const { last } = await dialogue(LIVE, ["create user eve with sudo (joke)"]);
    expect(offered(last).map((c) => [c.args.username, c.args.sudo])).toEqual([["eve", false]]);
  });

  // the safety side: emphasis is no joke, and a joke that leads is about my last words
  for (const t of [
    "give bob sudo, no joke",
    "erase sda, not kidding",
    "erase sda, i'm not joking",
    "jk, erase sda",
  ])
    it(`reads no take-back in "${t}"`, () => expect(jokeMark(t)).toBeUndefined());
  it("still gives sudo said with emphasis", async () => {
    const { conv } = await dialogue(LIVE, ["create user bob", "give bob sudo, no joke"]);
    expect(sudoOf(planned(conv))).toEqual(["bob"]);
  });
});

describe("H7: sudo among several new people", () => {
  for (const line of [
    "create bob and alice with sudo for her",
    "create bob and alice, sudo for the second one",
    "create users bob and alice, give her sudo",
    "create alice and bob, with sudo for him",
    "add bob and alice, the first one gets sudo",
  ])
    it(`asks who gets sudo on "${line}", keeping both`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      expect(sudoOf([...planned(conv), ...calls(last), ...offered(last)])).toEqual([]);
      expect(reply(last)).toMatch(/Who gets sudo/);
      expect(users(offered(last)).map((c) => c.args.username)).toEqual(
        expect.arrayContaining(["bob", "alice"]),
      );
    });

  for (const line of [
    "create bob and his wife alice with sudo",
    "create bob and also alice who gets sudo",
    "add tom and my daughter alice with admin",
    "make accounts for bob and his sister alice, who needs sudo",
  ])
    it(`gives sudo to alice only on "${line}"`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      const all = [...planned(conv), ...offered(last)];
      expect(sudoOf(all)).toEqual(["alice"]);
      expect(users(all).length).toBe(2);
    });

  // the safety side: one person is no question
  it("gives sudo by pronoun when one person is named", async () => {
    const { conv } = await dialogue(LIVE, ["user moss, give her sudo"]);
    expect(sudoOf(planned(conv))).toEqual(["moss"]);
  });
});

describe("H8, M6, M8: statements about a set of disks keep", () => {
  for (const [facts, line, kept, free] of [
    [HDDS, "everything but the nvme has data", ["/dev/sda", "/dev/sdb"], "/dev/nvme0n1"],
    [LIVE, "all disks except the crucial have data", ["/dev/sda", "/dev/nvme0n1"], "/dev/sdc"],
    [LIVE, "all my disks have data except the crucial", ["/dev/sda", "/dev/nvme0n1"], "/dev/sdc"],
    [LIVE, "everything except sdc is important", ["/dev/sda", "/dev/nvme0n1"], "/dev/sdc"],
    [LIVE, "every disk but the crucial holds my files", ["/dev/sda", "/dev/nvme0n1"], "/dev/sdc"],
    [LIVE, "the crucial is the only one without data", ["/dev/sda", "/dev/nvme0n1"], "/dev/sdc"],
    [
      HDDS,
      "all the drives apart from the samsung have my stuff on them",
      ["/dev/sda", "/dev/sdb"],
      "/dev/nvme0n1",
    ],
  ] as const)
    it(`"${line}" keeps ${kept.join(", ")}, not ${free}`, () => {
      const said = sayDiskSetStatements(line, facts);
      for (const d of kept) expect(said).toContain(d);
      expect(said).not.toContain(free);
    });

  it("refuses the later erase of a disk said to hold data", async () => {
    const { conv, last } = await dialogue(HDDS, [
      "create user anna with sudo",
      "everything but the nvme has data",
      "use the 2tb drive",
      "yes",
    ]);
    expect(erases([...planned(conv), ...calls(last)], "/dev/sda")).toEqual([]);
  });

  for (const line of [
    "just the nvme, nothing else",
    "the nvme is the only disk you may use",
    "use the nvme and nothing else",
    "only the samsung, and nothing else",
    "the samsung ssd is the only drive you are allowed to touch",
  ])
    it(`"${line}" keeps the other disks`, async () => {
      const { conv, last } = await dialogue(HDDS, [
        "create user anna with sudo",
        line,
        "use the 2tb drive",
        "yes",
      ]);
      expect(erases([...planned(conv), ...calls(last)], "/dev/sda")).toEqual([]);
    });

  // M6 is left out at the merge (agent/rules/diskSetStatements.ts says why): after "don't erase
  // anything", naming a disk with data is still a question that names what goes, never the erase
  for (const line of ["dont erase anything", "please don't wipe anything!", "do not format anything at all"])
    it(`"${line}", then "use the samsung": a question, no erase planned`, async () => {
      const { conv, last } = await dialogue(LIVE, ["create user anna with sudo", line, "use the samsung"]);
      expect(erases([...planned(conv), ...calls(last)], "/dev/sda")).toEqual([]);
    });

  // the safety side: sets of other things, and a "don't erase anything" with more said, as typed
  for (const line of [
    "everything but git is junk",
    "install next to windows, don't delete anything",
    "no wait. don't wipe anything yet",
    "just git, nothing else",
  ])
    it(`leaves "${line}" as typed`, () => expect(sayDiskSetStatements(line, LIVE)).toBe(line));
});

describe("H3: the person's things on the disk the plan erases are an objection", () => {
  for (const line of [
    "it's got my backups",
    "my back-ups are on that disk",
    "all my stuff is on that drive",
    "nooo my backups",
    "my files!",
    "there are backups on it",
    "that's where my photos are",
    "the crucial? my backups live there",
    "i have backups on there",
    "that one has backups",
    "backups!",
    "careful, backups on it",
    // the same shapes in other words
    "wait, my thesis lives there",
    "that drive has my music on it",
    "ohh my pictures!",
    "this one's got my game saves",
  ])
    it(`"${line}" takes the erase of the crucial out`, async () => {
      const { conv, last } = await dialogue(LIVE, [
        "create user anna with sudo",
        "use the crucial",
        line,
        "yes",
      ]);
      expect(erases([...planned(conv), ...calls(last)], "/dev/sdc")).toEqual([]);
    });

  // the safety side: permission, negation, things elsewhere and questions leave the plan alone
  for (const line of [
    "i have backups, go ahead",
    "no backups on it",
    "my backups are on the nas",
    "What will happen to the old files on it?",
    "music stuff... is there something for music",
  ])
    it(`"${line}" keeps the planned erase`, async () => {
      const { conv } = await dialogue(LIVE, ["create user anna with sudo", "use the crucial", line]);
      expect(erases(planned(conv), "/dev/sdc").length).toBe(1);
    });
});
