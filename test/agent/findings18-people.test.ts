import { describe, expect, it } from "vitest";
import { functionWord } from "../../agent/rules/functionWords.js";
import { sayOtherOfKind } from "../../agent/rules/otherOfKind.js";
import { sayPeopleTables } from "../../agent/rules/peopleTables.js";
import { callsOf, removes } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * People, sudo and removals read by grammar (dev17 h16-038, dev17-mixed h16m-007, dev17-keep
 * h16k-045 and h16k-062, tester 13 W6): a word is a username only where the sentence makes it one
 * and it is not a function word, negator or dialect word; a table's privilege column says yes or no
 * per row; "the other X" excludes X; a pronoun under a negation protects what it refers to; a
 * doubted grant is asked.
 */
const DESK = fixtureFacts("findings16-desk");
const INST = fixtureFacts("findings18-people-inst"); // installed: git vim htop tmux fzf bat
const INST2 = fixtureFacts("findings18-people-inst2"); // installed: git lazygit delta neovim ...
const LIVE = fixtureFacts("findings18-people-live"); // live: the samsung is /dev/sda

async function users(lines: string[], f = DESK) {
  const { last } = await dialogue(f, lines);
  const calls = callsOf(last);
  return calls.filter((c) => c.tool === "createUser").map((c) => [c.args.username, c.args.sudo === true]);
}

describe("a table of people: the privilege column per row", () => {
  for (const [table, want] of [
    [
      "name | admin\nomar | no\npriya | yes",
      [
        ["omar", false],
        ["priya", true],
      ],
    ],
    [
      "name,sudo\nvince,yes\nlena,no",
      [
        ["vince", true],
        ["lena", false],
      ],
    ],
    [
      "| user | sudo |\n|---|---|\n| vince | ✓ |\n| lena | |",
      [
        ["vince", true],
        ["lena", false],
      ],
    ],
    [
      "username\tadmin\nana\tfalse\nbob\ttrue",
      [
        ["ana", false],
        ["bob", true],
      ],
    ],
    [
      "name | admin\nomar | nope\npriya | nein",
      [
        ["omar", false],
        ["priya", false],
      ],
    ],
    [
      "user;root\ncarl;x\ndana;-",
      [
        ["carl", true],
        ["dana", false],
      ],
    ],
    [
      "login | role\nmia | admin\nleo | user",
      [
        ["mia", true],
        ["leo", false],
      ],
    ],
    [
      "name | shell | sudo\nzed | /bin/zsh | no\nkai | /bin/bash | yes",
      [
        ["zed", false],
        ["kai", true],
      ],
    ],
    [
      "name | sudo\nomar | no\npriya | y",
      [
        ["omar", false],
        ["priya", true],
      ],
    ],
  ] as const)
    it(JSON.stringify(table), async () => {
      const got = await users([table], INST);
      expect(new Map(got as [string, boolean][])).toEqual(new Map(want as unknown as [string, boolean][]));
    });

  it("a cell that says neither yes nor no is said as a doubt, never a grant", () => {
    expect(sayPeopleTables("name | sudo\nkid | maybe")).toBe("add user kid maybe with sudo.");
  });
  it("a table with no name column, or text with no table, is left as typed", () => {
    for (const t of ["disk | keep\nsda | yes", "add user omar | no", "remove htop, fzf | jq"])
      expect(sayPeopleTables(t)).toBe(t);
  });
});

describe("dialect and function words are never names", () => {
  it("negators and fillers are function words; names are not", () => {
    for (const w of ["not", "well", "nae", "cawed", "maybe", "nope"]) expect(functionWord(w)).toBe(true);
    for (const w of ["nadia", "fraser", "kid", "lena"]) expect(functionWord(w)).toBe(false);
  });
  it('Scots "a user cawed fraser, nae sudo, mind": fraser, without sudo, and the disk', async () => {
    const { decisions } = await dialogue(LIVE, [
      "Pit it on the wee samsung, an' make us a user cawed fraser, nae sudo, mind",
    ]);
    const calls = decisions.flatMap(callsOf);
    expect(calls.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(true);
    expect(calls.filter((c) => c.tool === "createUser").map((c) => c.args.username)).toEqual(["fraser"]);
    expect(calls.some((c) => c.tool === "createUser" && c.args.sudo === true)).toBe(false);
  });
  for (const line of ["make a user cawed fraser", "user caed fraser", "add user fraser, nae admin"])
    it(`"${line}" creates fraser without sudo`, async () => {
      expect(await users(["erase the nvme", line])).toEqual([["fraser", false]]);
    });
  it('"add users vince lena kid with sudo, well not kid": no "well", no "not", kid without sudo', async () => {
    expect(
      new Map(
        (await users(["erase the nvme", "add users vince lena kid with sudo, well not kid"])) as [
          string,
          boolean,
        ][],
      ),
    ).toEqual(
      new Map([
        ["vince", true],
        ["lena", true],
        ["kid", false],
      ]),
    );
  });
  it('"add users vince and maybe lena": no user "maybe"', async () => {
    const got = await users(["erase the nvme", "add users vince and maybe lena"]);
    expect(got.map(([n]) => n)).not.toContain("maybe");
    expect(got.map(([n]) => n)).toContain("vince");
  });
  it("plain names still become users, with sudo as said", async () => {
    expect(await users(["erase the nvme", "add user nadine with sudo"])).toEqual([["nadine", true]]);
    expect(await users(["erase the nvme", "make a user called wendy"])).toEqual([["wendy", false]]);
  });
});

describe('"the other X" excludes X', () => {
  it('"remove the other git thing" with git and lazygit installed removes lazygit, never git', async () => {
    const { last } = await dialogue(INST2, [
      "delta is what the whole team uses for code review",
      "remove the other git thing though",
    ]);
    expect(callsOf(last).some(removes("git"))).toBe(false);
    expect(callsOf(last).some(removes("lazygit"))).toBe(true);
  });
  it("several or no programs of the kind: the name is taken out, so nothing removes X", async () => {
    const { last } = await dialogue(INST2, ["remove the other vim thing"]);
    expect(callsOf(last).some(removes("vim"))).toBe(false);
    expect(sayOtherOfKind("remove the other fd one", ["fd", "git"], ["fd"])).toBe("remove the other one");
  });
  it("the one program of the kind, installed or (nothing installed) among the recipes", () => {
    expect(sayOtherOfKind("remove the other git thing", ["git", "lazygit"], ["git", "lazygit"])).toBe(
      "remove the lazygit",
    );
    expect(sayOtherOfKind("install the other git tool", ["git", "lazygit"], [])).toBe("install the lazygit");
    // git not installed: "the other" sets nothing apart, so no removal is guessed
    expect(sayOtherOfKind("remove the other git thing", ["git", "lazygit"], ["lazygit", "fd"])).toBe(
      "remove the other thing",
    );
  });
  it("a plain removal of X is untouched", async () => {
    const { last } = await dialogue(INST2, ["remove git"]);
    expect(callsOf(last).some(removes("git"))).toBe(true);
  });
});

describe("a pronoun under a negation protects what it refers to", () => {
  for (const line of [
    "bat has my custom themes set up, I'd be gutted to lose them",
    "bat has my themes, i'd be sad to lose it",
    "bat has my themes, do not lose them",
    "bat is great. don't lose it",
    "bat is my pager, i'd hate to lose it",
  ])
    it(`"${line}": bat neither removed nor offered`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(callsOf(last).some(removes("bat"))).toBe(false);
    });
  it('"so don\'t touch it. fzf can go" after bat: fzf goes, bat stays', async () => {
    const { last } = await dialogue(INST, [
      "bat has my custom themes set up, I'd be gutted to lose them",
      "so don't touch it. fzf can go",
    ]);
    expect(callsOf(last).some(removes("bat"))).toBe(false);
    expect(callsOf(last).some(removes("fzf"))).toBe(true);
  });
  it('"bat is old, remove it" still removes bat', async () => {
    const { last } = await dialogue(INST, ["bat is old, remove it"]);
    expect(callsOf(last).some(removes("bat"))).toBe(true);
  });
});
