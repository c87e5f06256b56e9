import { describe, expect, it } from "vitest";
import { readSudo, sudoVerdict } from "../../agent/safety/sudoReader.js";
import type { PlanCall } from "../../agent/types.js";
import { callsOf } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * One sudo reader (agent/safety/sudoReader.ts) for the two screens that read whether a person gets
 * sudo: the evidence gate (agent/safety/evidence.ts, sudo only on words that give it) and the
 * refusal screen (agent/rules/sudoRefusals.ts, sudo refused in any word order or earlier). The
 * table holds the sentences each module documents as its own (the refusal reader's word orders,
 * values and exclusivity; the evidence gate's talk about sudo that grants nothing), each run
 * through the whole decideTurn and the conversation: every account the turn plans or offers, and
 * every account in the plan after it, has sudo only where the words give it. Machine: the tester's
 * live machine (findings8-c).
 */
const LIVE = fixtureFacts("findings8-c");
const START = "install on the empty disk";

type Create = Extract<PlanCall, { tool: "createUser" }>;
const creates = (cs: readonly PlanCall[]) => cs.filter((c): c is Create => c.tool === "createUser");

/** [turns after START, the users the words refuse or never give sudo, the users they give it]. */
type Row = [lines: string[], none: string[], given: string[]];

const refusalReader: Row[] = [
  [["make user olga. administrator she is not"], ["olga"], []],
  [["make user ivan, sudo not for him"], ["ivan"], []],
  [["create kim, the sudo she must not have"], ["kim"], []],
  [["user ana sudo=false"], ["ana"], []],
  [["create ana (sudo: off)"], ["ana"], []],
  [["create ana, admin=0"], ["ana"], []],
  [["create ana with sudo disabled"], ["ana"], []],
  [["create kim; wheel group is for me only"], ["kim"], []],
  [["create kim. I'm the only admin"], ["kim"], []],
  [["users: me (dad), mia, leo. me admin, the kids not"], ["mia", "leo"], []],
  [["useradd -G users tina"], ["tina"], []],
  [["create ola and per. sudo for ola and not for per"], ["per"], ["ola"]],
  [["create vic and tess, tess with sudo, vic without"], ["vic"], ["tess"]],
  [["create sven. nobody but me is admin"], ["sven"], []],
  [["create users anna, tom and raj. tom: no sudo. others: sudo"], ["tom", "others"], []],
  [["create nora and ida, both admins except ida"], ["ida"], []],
  // refused earlier: a later "same", "yes", or another change never gives it back
  [["create kim, no sudo", "yes"], ["kim"], []],
  [["create kim, no sudo", "same for lu"], ["kim", "lu"], []],
  [["create kim, no sudo", "kim's shell should be zsh"], ["kim"], []],
  [["user tom, no admin", "create users tom and raj. others: sudo"], ["tom"], []],
];

const evidenceGate: Row[] = [
  [["user mo, sudo is overkill tbh"], ["mo"], []],
  [["user lia, sudo would be nice? nah"], ["lia"], []],
  [["create user hal. hal and sudo dont mix"], ["hal"], []],
  [["create lu, is sudo overkill for lu?"], ["lu"], []],
  [["add user pia, she asked about sudo but i said no"], ["pia"], []],
  [["create user dan, i always type sudo lol"], ["dan"], []],
  [["users mom and dad, both admin except dad"], ["dad"], []],
  // grants the gate lets through: the table can fail both ways
  [["use the nvme. user tim, absolutely with sudo"], [], ["tim"]],
  [["user ivy, root access would be nice i suppose"], [], ["ivy"]],
  [["users tomas and ulla with sudo"], [], ["tomas", "ulla"]],
  [["create user bo and add him to the wheel group"], [], ["bo"]],
];

describe("the sudo reader's sentences, through decideTurn: no sudo against the words", () => {
  for (const [name, rows] of [
    ["refusal reader", refusalReader],
    ["evidence gate", evidenceGate],
  ] as const)
    for (const [lines, none, given] of rows)
      it(`${name}: ${lines.join(" / ")}`, async () => {
        const { conv, decisions } = await dialogue(LIVE, [START, ...lines]);
        const seen = [...creates(conv.pending), ...decisions.flatMap((d) => creates(callsOf(d)))];
        for (const u of none)
          expect(
            seen.filter((c) => c.args.username === u && c.args.sudo),
            `${u} must not get sudo`,
          ).toEqual([]);
        // a grant the words make is planned or offered with sudo
        for (const u of given)
          expect(
            seen.some((c) => c.args.username === u && c.args.sudo),
            `${u} gets sudo`,
          ).toBe(true);
      });
});

describe("the verdict: a refusal wins over any grant, now or earlier", () => {
  const view = (user: string, turns: string[] = [], pending: PlanCall[] = []) => ({
    user,
    pending,
    entities: [],
    turns: turns.map((t) => ({ user: t, decision: { reply: "ok" } })),
  });
  const kim: PlanCall = {
    tool: "createUser",
    args: { username: "kim", sudo: true, shell: "/bin/bash", groups: [] },
  };
  it("a plan that gives sudo yields to a refusal said now", () => {
    const v = sudoVerdict("kim", view("kim without sudo after all", [], [kim]), { calls: [kim] }, ["kim"]);
    expect(v.kind).toBe("refused");
  });
  it("a refusal said earlier holds until words give it by name", () => {
    const calls = { calls: [kim] };
    expect(sudoVerdict("kim", view("yes", ["create kim, no sudo"]), calls, ["kim"]).kind).toBe("refused");
    expect(
      sudoVerdict("kim", view("give kim sudo after all", ["create kim, no sudo"]), calls, ["kim"]).kind,
    ).toBe("granted");
    // a later turn that gave it by name ends the search back (the plan holds kim with sudo)
    expect(
      sudoVerdict(
        "kim",
        view("kim's shell zsh", ["create kim, no sudo", "give kim sudo after all"], [kim]),
        calls,
        ["kim"],
      ).kind,
    ).toBe("granted");
  });
  it("words that never speak of sudo leave it unsaid", () => {
    expect(sudoVerdict("kim", view("create kim"), { calls: [kim] }, ["kim"]).kind).toBe("unsaid");
    expect(readSudo("create kim", ["kim"]).refused.size).toBe(0);
  });
});
