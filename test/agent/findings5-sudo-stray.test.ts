import { describe, expect, it } from "vitest";
import { withoutStraySudo } from "../../agent/rules/straySudo.js";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 5, DANGEROUS 6: the word "sudo" said as something other than a grant gave a user sudo
 * ("im used to typing sudo apt install, create user bo without sudo" changed lena to sudo; "sudo
 * make me a sandwich" after "create user lena" did too; "create user bo. i always type sudo lol"
 * made bo an admin). Sudo comes only from words that aim it at a user; "sudo" as a command's first
 * word or in a sentence about habits grants nothing, and "without sudo" in the same sentence wins.
 * Machines: the tester's two-disk live machine (findings2-a) and an installed system (findings2-d).
 */
const LIVE = fixtureFacts("findings2-a-twodisks");
const INSTALLED = fixtureFacts("findings2-d-installed");

/** Every account the turns planned, with its sudo, as the plan holds it at the end. */
async function accounts(facts: typeof LIVE, lines: string[]) {
  const { conv } = await dialogue(facts, lines);
  return Object.fromEntries(
    conv
      .view("")
      .pending.filter((c): c is Extract<PlanCall, { tool: "createUser" }> => c.tool === "createUser")
      .map((c) => [c.args.username, c.args.sudo]),
  );
}

describe("tester5 D6: a stray sudo grants nothing", () => {
  // the tester's turns
  it("a habit said before 'without sudo' changes no one (lena stays without, bo is without)", async () => {
    const got = await accounts(LIVE, [
      "create user lena",
      "im used to typing sudo apt install, create user bo without sudo",
    ]);
    expect(got).toEqual({ lena: false, bo: false });
  });
  it("'sudo make me a sandwich' after a user is made gives that user nothing", async () => {
    expect(await accounts(LIVE, ["create user lena", "sudo make me a sandwich"])).toEqual({ lena: false });
  });
  for (const facts of [LIVE, INSTALLED])
    it(`'create user bo. i always type sudo lol' (${facts.mode}) is bo without sudo`, async () => {
      expect(await accounts(facts, ["create user bo. i always type sudo lol"])).toEqual({ bo: false });
    });

  // the same class in our own words
  const ours: [string[], Record<string, boolean>][] = [
    [["create user max", "sudo reboot"], { max: false }],
    // a turn with a shell command in it is refused whole ("I won't run shell commands"): no one gets sudo
    [["create user max, sudo rm -rf / lol"], {}],
    [["add user kim. she uses sudo for everything on her mac"], { kim: false }],
    [["create user bo", "my hands type sudo systemctl all day, anyway"], { bo: false }],
    [["make user ana, we always typed sudo su at work"], { ana: false }],
    [["create user bo, he uses sudo apt a lot on ubuntu but no sudo here"], { bo: false }],
    [["create user lena", "then sudo nano /etc/fstab"], { lena: false }],
    // words that aim sudo at a person still give it
    [["create user lena with sudo"], { lena: true }],
    [["create user lena", "give lena sudo"], { lena: true }],
    [["create user ana. i use sudo a lot so give ana sudo too"], { ana: true }],
    [["create user bo and add him to the wheel group"], { bo: true }],
  ];
  for (const [lines, want] of ours)
    it(`${lines.join(" / ")} → ${JSON.stringify(want)}`, async () => {
      expect(await accounts(LIVE, lines)).toEqual(want);
    });

  it("the reader keeps a grant's words and takes out only the stray ones", () => {
    expect(withoutStraySudo("create user lena with sudo")).toBe("create user lena with sudo");
    expect(withoutStraySudo("give bo sudo")).toBe("give bo sudo");
    expect(withoutStraySudo("sudo for lena")).toBe("sudo for lena");
    expect(withoutStraySudo("sudo make me a sandwich")).toBe("make me a sandwich");
    expect(withoutStraySudo("create user bo. i always type sudo lol")).toBe("create user bo.");
    expect(withoutStraySudo("add bo, no sudo make him a normal user")).toContain("no sudo");
  });
});
