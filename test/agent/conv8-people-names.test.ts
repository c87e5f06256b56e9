import { describe, expect, it } from "vitest";
import { namesPerson } from "../../agent/rules/userNames.js";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, class 1 (destructive): an ordinary word is never a user, and never given sudo. A name
 * comes only from a naming construct (agent/rules/userNames.ts): "user X", "called X", a list
 * after them, a subject ("X gets sudo"), "make X admin", "my son X", "me (X)". Sentences of our
 * own, not from any data set: a common word sits where a name could.
 */
const TWO_DISKS = fixtureFacts("findings3-a");

const users = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "createUser" ? [`${c.args.username}${c.args.sudo ? "+sudo" : ""}`] : []));

describe("a common word where a name could be is no user", () => {
  for (const [line, expected] of [
    // round 28 (attacker 28 M11, fixK28): a grant ending in a hedge is no grant; the login check asks
    ["user tom, and make me admin i think", ["tom"]],
    ["add user kim, im using it for work so give her sudo", ["kim+sudo"]],
    // round 15 (attacker 10 H8): a doubted grant is not given
    ["create user ana. maybe give her sudo", ["ana"]],
    ["user ben, please make him admin", ["ben+sudo"]],
    ["make an account for lisa, admin i guess", ["lisa+sudo"]],
    ["user rob sudo, thinking about adding more later", ["rob+sudo"]],
    ["user ivy, root access would be nice i suppose", ["ivy+sudo"]],
    ["user mia with sudo, think thats all", ["mia+sudo"]],
    ["new account called zed, thats it really", ["zed"]],
    ["user ola, honestly she should be admin", ["ola+sudo"]],
    ["user una, admin please", ["una+sudo"]],
    [
      "can i have an account called fin? ill mostly be using it for coding so make me the admin",
      ["fin+sudo"],
    ],
    ["user lou with sudo, also root", ["lou+sudo"]],
    ["user cy, hes the admin", ["cy+sudo"]],
    ["user ted, sudo obviously", ["ted+sudo"]],
    ["add user vic, she needs admin for real", ["vic+sudo"]],
    ["user flo, sudo pls thanks", ["flo+sudo"]],
    ["user bo sudo, everything else default", ["bo+sudo"]],
    ["my name is rae so make me a user rae, and make me admin i believe", ["rae+sudo"]],
    ["user kit please, admin too maybe", ["kit+sudo"]],
    ["usr wes, wanna give him sudo, thx", ["wes+sudo"]],
    ["user nat. pretty sure she needs admin", ["nat+sudo"]],
    ["account called eli, seems right to make him admin", ["eli+sudo"]],
    ["add a user pam and honestly whatever, sudo", ["pam+sudo"]],
    ["user hal, admin, as we said", ["hal+sudo"]],
    ["user dee, she is using it the most so admin", ["dee+sudo"]],
  ] as const) {
    it(`"${line}" → ${JSON.stringify(expected)}`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["nvme", line]);
      expect(users(conv.pending)).toEqual(expected);
    });
  }
});

describe("no sudo for a word that names no one", () => {
  for (const line of [
    "user max, nobody else gets sudo",
    "user sam, the kids dont need admin",
    "user gus, no admin stuff for now",
    "account for nell, trying to keep it simple, no sudo",
    "set up user wes and dont worry about sudo",
    "user jan, and no admin for everyone please",
  ]) {
    it(`"${line}" gives no one sudo and creates one user`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["nvme", line]);
      const u = users(conv.pending);
      expect(u.length).toBeLessThanOrEqual(1);
      expect(u.join()).not.toMatch(/\+sudo/);
    });
  }
});

describe("the shared reader: namesPerson", () => {
  for (const [text, name, yes] of [
    ["make me admin i think thats what the video said", "think", false],
    ["ill be the only one using it so i should be the admin", "using", false],
    ["maybe give her sudo", "maybe", false],
    ["please make him admin", "please", false],
    ["the kids dont need admin", "kids", false],
    ["everyone gets sudo", "everyone", true],
    ["users anna, ben and cara", "cara", true],
    ["only anna gets sudo", "anna", true],
    ["add a user for my son max", "max", true],
    ["admin for me (alex), not for sam", "alex", true],
    ["name: olga", "olga", true],
    ["make it mio instead", "mio", true],
    ["im leo, make me a user", "leo", true],
    ["create vince with sudo and anna without", "anna", true],
  ] as const) {
    it(`"${text}": ${name} ${yes ? "is" : "is not"} named`, () => {
      expect(namesPerson(text, name, TWO_DISKS)).toBe(yes);
    });
  }
});

describe("a dropped word is said, never silently left out", () => {
  it("'user ana and hyprland' names hyprland and offers the rest", async () => {
    const { last, conv } = await dialogue(TWO_DISKS, ["nvme", "add user ana with sudo and user hyprland"]);
    expect("reply" in last && last.reply).toMatch(/"hyprland" is not a name/);
    expect(conv.pending.some((c) => c.tool === "createUser")).toBe(false);
    const { conv: after } = await dialogue(TWO_DISKS, [
      "nvme",
      "add user ana with sudo and user hyprland",
      "yes",
    ]);
    expect(users(after.pending)).toEqual(["ana+sudo"]);
  });
  it("a system account named as a user is refused by name", async () => {
    const { last } = await dialogue(TWO_DISKS, ["nvme", "user daemon with sudo"]);
    expect("reply" in last && last.reply).toMatch(/"daemon"/);
  });
});

describe("'called admin' is the name, never a grant by itself (tester3 WRONG 12)", () => {
  for (const [line, expected] of [
    ["make me a user called admin", ["admin"]],
    ["create a user called admin with sudo", ["admin+sudo"]],
    ["account named admin, no sudo", ["admin"]],
    ["new user, username admin", ["admin"]],
    ["a user called admin please, admin rights too", ["admin+sudo"]],
    ["add user bob, make the user admin", ["bob+sudo"]],
  ] as const) {
    it(`"${line}" → ${JSON.stringify(expected)}`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["nvme", line]);
      expect(users(conv.pending)).toEqual(expected);
    });
  }
});
