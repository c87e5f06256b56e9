import { describe, expect, it } from "vitest";
import { normalizeCall } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { readSudo } from "../../agent/rules/sudoRefusals.js";
import { loginProblem, loginQuestion } from "../../agent/session/login.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 7 (docs/findings/2026-12-05-hurried-user-7.md), DANGEROUS 1-11: sudo the user refused or
 * never granted. The readers knew refusals by shape ("no sudo for X", "X without sudo"), so every
 * other word order with "sudo" in it read as a grant: "administrator she is not", "sudo=false",
 * "wheel group is for me only", "me admin, the kids not"; and a refusal not recorded was offered
 * back by the login question, where a hurried "ok" granted it. The class, structurally: sudo only
 * from a positive grant aimed at that user; a negation, an off value or an exclusivity near the
 * privilege in that user's clause means no sudo (agent/rules/sudoRefusals.ts), recorded as a
 * protection so no question offers it back.
 * Machines: the tester's c.json (Windows disk, 2 TB games disk, empty 1 TB) and d.json (installed).
 */
const LIVE = fixtureFacts("findings8-c");
const LIVE_A = fixtureFacts("findings8-a");
const INSTALLED = fixtureFacts("findings8-d");

type Create = Extract<PlanCall, { tool: "createUser" }>;

/** Every account the plan holds at the end, with its sudo. */
async function accounts(facts: typeof LIVE, lines: string[]) {
  const { conv } = await dialogue(facts, lines);
  return Object.fromEntries(
    conv.pending
      .filter((c): c is Create => c.tool === "createUser")
      .map((c) => [c.args.username, c.args.sudo]),
  );
}

/** What `levitate ask` would plan on the installed system: the calls of one decision. */
async function askCalls(line: string) {
  const { last } = await dialogue(INSTALLED, [line]);
  return "calls" in last ? last.calls : [];
}

describe("tester7 D1-D9: sudo refused in forms no reader knew", () => {
  const tester: [string[], Record<string, boolean>, typeof LIVE?][] = [
    [["on the empty disk install", "make user olga. administrator she is not"], { olga: false }],
    [["on the empty disk install", "make user ivan, sudo not for him"], { ivan: false }],
    [
      ["install on the empty disk", "users: me (dad), mia, leo. me admin, the kids not"],
      { mia: false, leo: false },
    ],
    [
      [
        "erase /dev/nvme0n1 and install there",
        "useradd -m jan",
        "usermod -aG wheel jan",
        "useradd -G users tina",
      ],
      // the commands are the steps they stand for (rules/userCommands.ts): jan in wheel is sudo
      { jan: true, tina: false },
      LIVE_A,
    ],
    [["install on the empty disk", "create kim; wheel group is for me only"], { kim: false }],
    [["install on the empty disk", "create kim. I'm the only admin"], { kim: false }],
  ];
  for (const [lines, want, facts] of tester)
    it(`${lines.at(-1)} → ${JSON.stringify(want)}`, async () => {
      expect(await accounts(facts ?? LIVE, lines)).toEqual(want);
    });

  for (const line of [
    "user ana sudo=false",
    "user ana sudo: false",
    "create ana (sudo: off)",
    "create ana, admin=0",
    "create ana with sudo disabled",
  ])
    it(`levitate ask "${line}" creates ana without sudo`, async () => {
      const calls = await askCalls(line);
      const ana = calls.find((c): c is Create => c.tool === "createUser" && c.args.username === "ana");
      // the account may be planned or asked about, never with sudo
      expect(ana?.args.sudo ?? false).toBe(false);
    });

  it("'tom: no sudo. others: sudo' makes no account called others and gives no sudo without a yes", async () => {
    const { conv, last } = await dialogue(LIVE, [
      "install on the empty disk",
      "create anna tom raj. tom: no sudo. others: sudo",
    ]);
    const users = conv.pending.filter((c): c is Create => c.tool === "createUser");
    expect(users).toEqual([]);
    // "others:" is a heading, never a name (round 23, agent/rules/users.ts), so the reply need not say so
    expect("reply" in last && last.reply).toMatch(/as sudo for anna, not for tom/);
    // what it offers (a "yes" takes it): no account "others", no sudo for tom
    const offered = "reply" in last ? (last.offer?.calls ?? []) : [];
    expect(offered.some((c) => c.tool === "createUser" && c.args.username === "others")).toBe(false);
    expect(offered.some((c) => c.tool === "createUser" && c.args.username === "tom" && c.args.sudo)).toBe(
      false,
    );
  });

  // the class in our own words: word order, key=value and flags, exclusivity, groups
  const ours: [string, Record<string, boolean>][] = [
    ["create user petra, admin she should not be", { petra: false }],
    ["add user omar. root access not for him", { omar: false }],
    ["make an account for nina (wheel: no)", { nina: false }],
    ["user felix admin=false", { felix: false }],
    ["create user rosa with admin turned off", { rosa: false }],
    ["create user hugo, sudo he never gets", { hugo: false }],
    ["add user vera; the admin here is me only", { vera: false }],
    ["create sven. nobody but me is admin", { sven: false }],
    ["create user lina --sudo=no", { lina: false }],
    ["useradd -G video,audio marco", { marco: false }],
    // grants aimed at the user still give it
    ["create user lena with sudo", { lena: true }],
    ["create user bo and add him to the wheel group", { bo: true }],
  ];
  for (const [line, want] of ours)
    it(`${line} → ${JSON.stringify(want)}`, async () => {
      const got = await accounts(LIVE, ["install on the empty disk", line]);
      // a refused account may be planned or asked about, never with sudo; a granted one is planned
      for (const [u, sudo] of Object.entries(want)) expect(sudo ? got[u] : (got[u] ?? false)).toBe(sudo);
      for (const [u, sudo] of Object.entries(got)) if (!(u in want)) expect(sudo).toBe(false);
    });

  it("the reader assigns a refusal to the user of its clause, and a grant beside it stays", () => {
    const r = readSudo("sudo for tom and not for ana", ["tom", "ana"]);
    expect([...r.refused.keys()]).toEqual(["ana"]);
    expect([...r.granted]).toEqual(["tom"]);
    const s = readSudo("anna with sudo, ben without", ["anna", "ben"]);
    expect([...s.refused.keys()]).toEqual(["ben"]);
    expect([...s.granted]).toEqual(["anna"]);
    // a negation that is about something else refuses nothing
    expect(readSudo("make kim an admin she is not a guest", ["kim"]).refused.size).toBe(0);
    expect(readSudo("create bob with sudo, no swap", ["bob"]).refused.size).toBe(0);
    // an exception turns the head round: "no sudo for anyone except anna"
    const e = readSudo("no sudo for anyone except anna", ["anna", "ben"]);
    expect([...e.refused.keys()]).toEqual(["ben"]);
  });
});

describe("tester7 D3, D9: lists with exceptions; group words are never accounts", () => {
  // after the list, "yes" takes what the installer read, said by name in its question
  const lists: [string, Record<string, boolean>][] = [
    ["create users anna, tom and raj. tom: no sudo. the rest: sudo", { anna: true, tom: false, raj: true }],
    [
      "create anna, ben, carl and tom. all of them with sudo except tom",
      { anna: true, ben: true, carl: true, tom: false },
    ],
    ["create eva and raj. the others get admin, eva not", { eva: false, raj: true }],
    ["create nora and ida, both admins except ida", { nora: true, ida: false }],
    ["create users kim and lee. nobody but me is admin", { kim: false, lee: false }],
    ["add users sam and zoe, the kids get no sudo", { sam: false, zoe: false }],
    ["create ola and per. sudo for ola and not for per", { ola: true, per: false }],
    ["create vic and tess, tess with sudo, vic without", { vic: false, tess: true }],
  ];
  for (const [line, want] of lists)
    it(`${line} → ${JSON.stringify(want)}`, async () => {
      // a question that offers my reading is answered "yes"; a plan is taken as it is
      const { last } = await dialogue(LIVE, ["install on the empty disk", line]);
      const lines = ["install on the empty disk", line, ...("reply" in last && last.offer ? ["yes"] : [])];
      const got = await accounts(LIVE, lines);
      for (const [u, sudo] of Object.entries(want)) expect(sudo ? got[u] : (got[u] ?? false)).toBe(sudo);
      for (const [u, sudo] of Object.entries(got)) if (!(u in want)) expect(sudo).toBe(false);
    });

  it("a grant to 'others' is asked by name before anything is added", async () => {
    const { last } = await dialogue(LIVE, [
      "install on the empty disk",
      "create users anna, tom and raj. tom: no sudo. the rest: sudo",
    ]);
    expect("reply" in last && last.reply).toMatch(/as sudo for anna and raj, not for tom/);
  });
});

describe("tester7 D10-D11: a refusal is never asked back, and 'ok' never reverses it", () => {
  const refusals = [
    "create kim, no sudo",
    "create kim, the sudo she must not have",
    "add user kim. root access not for her",
    "user kim admin=false",
    "create kim with sudo disabled",
    "make user kim, administrator she is not",
    "create kim; wheel group is for me only",
    "create kim. I'm the only admin",
    "create kim (sudo: off)",
  ];
  for (const refusal of refusals) {
    it(`after "${refusal}" the login question offers kim nothing`, async () => {
      const { conv } = await dialogue(LIVE, ["install on the empty disk", refusal]);
      const refused = conv.protections.flatMap((p) => (p.kind === "sudo" ? [p.username] : []));
      expect(refused).toContain("kim");
      const problem = loginProblem("live", conv.pending);
      expect(problem).toBeDefined();
      const ask = loginQuestion(problem!, conv.pending, refused);
      expect(ask.offer).toBeUndefined();
      expect(ask.text).toMatch(/Who should have sudo\?/);
    });
  }

  for (const yes of ["ok", "yes", "sure", "fine", "yep go ahead"])
    it(`an old-style offer of sudo for kim, answered "${yes}", is asked again quoting the refusal`, async () => {
      const { conv } = await dialogue(LIVE, ["install on the empty disk", "create kim, no sudo"]);
      // the question the login gate used to ask: an offer of kim with sudo
      conv.record("yes", {
        reply: 'Should kim get sudo? "yes" gives kim sudo',
        offer: {
          calls: [normalizeCall({ tool: "createUser", args: { username: "kim", sudo: true } }) as never],
        },
      });
      const d = await decideTurn(createRulesBackend(), conv.view(yes), LIVE);
      conv.record(yes, d);
      const kim = conv.pending.find((c): c is Create => c.tool === "createUser" && c.args.username === "kim");
      expect(kim?.args.sudo).toBe(false);
      expect("reply" in d && d.reply).toMatch(/You said .*no sudo.* earlier|without sudo/);
    });

  it("words that give it after all still do", async () => {
    expect(
      await accounts(LIVE, ["install on the empty disk", "create kim, no sudo", "give kim sudo after all"]),
    ).toEqual({
      kim: true,
    });
  });
});
