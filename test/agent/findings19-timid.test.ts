import { describe, expect, it } from "vitest";
import { diskOfActionClause } from "../../agent/rules/actionClauseDisk.js";
import { withoutLetterFrame } from "../../agent/rules/letterFrame.js";
import type { Decision } from "../../tools/decision.js";
import { erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 19, issue 14 (timid answers): the retired fresh set's largest failing class was "expected
 * calls, got a question". Two of its general causes, fixed by grammar, not by sentence:
 * - several disks named, only one of them in a clause that asks for the install: that one is the
 *   disk, whatever words keep the others (agent/rules/actionClauseDisk.ts);
 * - a letter's greeting and sign-off ask for nothing: "Dear Installer" is no request to install a
 *   recipe named "dear", "Regards, | Dennis" no user (agent/rules/letterFrame.ts).
 */
const F = fixtureFacts("findings19-timid-desk"); // nvme0n1 980 PRO empty, sda 870 Photos, sdb Seagate backup
const NVME = "/dev/nvme0n1";
const SDA = "/dev/sda";
const SDB = "/dev/sdb";

const planned = (d: Decision) => ("calls" in d ? d.calls : []);
const plansOnly = (d: Decision, disk: string) => {
  const [only, ...rest] = planned(d);
  return !rest.length && only?.tool === "partitionDisk" && only.args.disk === disk;
};

describe("one disk named where the install is asked for, the others kept or talked about", () => {
  for (const t of [
    "Negative on the Seagate, negative on the 870. Affirmative on the 980, full wipe.",
    "The 870 and the Seagate sit on the bench. Starting lineup: the 980 PRO, whole disk.",
    "I'll unplug the Seagate afterwards, but for now install on the 980.",
    "the 870 has the photos, nobody touches it. the 980 is today's patient: wipe it and install there",
    "Install on the 980, whole drive, and do not disturb the 870. The Seagate is excluded as well.",
  ])
    it(`"${t}": the 980 is planned, nothing else`, async () => {
      const { decisions } = await dialogue(F, [t]);
      expect(plansOnly(decisions[0]!, NVME)).toBe(true);
    });

  for (const t of [
    // an alternative is a choice to ask about
    "wipe the 980 or the seagate, install there",
    // two disks asked for in one turn: never one install picked from them
    "install on the 980 and wipe the seagate",
    "the 980, the seagate too, wipe them",
    // the disk of the install named by what it is not: the other readers', not this one's
    "the seagate has my backups. use the other samsung",
  ])
    it(`"${t}": still a question, no erase planned`, async () => {
      const { decisions } = await dialogue(F, [t]);
      const d = decisions[0]!;
      expect(planned(d).some(erases(SDB))).toBe(false);
      expect(planned(d).some(erases(SDA))).toBe(false);
      if (!t.includes("other")) expect("reply" in d).toBe(true);
    });

  it("a disk named in an asking clause and in a refusing one is not picked", () => {
    const at = diskOfActionClause(
      "install on the 980. no, don't touch the 980, the seagate",
      F.disks,
      F.disks,
      { mentioned: [], offered: [] },
    );
    expect(at).toBeUndefined();
  });

  it("the disk picked must be one the install may use (the kept one is never it)", () => {
    const eligible = F.disks.filter((d) => d.path !== NVME);
    const at = diskOfActionClause("the seagate stays. install on the 980", F.disks, eligible, {
      mentioned: [],
      offered: [],
    });
    expect(at).toBeUndefined();
  });
});

describe("a letter's frame asks for nothing", () => {
  it("'Dear Installer, … Kind regards, Helen': the erase asked for, no recipe 'dear'", async () => {
    const { decisions } = await dialogue(F, [
      "Dear Installer,\n\nPlease install Linux on the 980, erasing it.\n\nKind regards,\nHelen",
    ]);
    expect(plansOnly(decisions[0]!, NVME)).toBe(true);
  });

  it("'Regards, | Dennis' under a request creates no user 'regards'", async () => {
    const { decisions } = await dialogue(F, [
      "Dear Installer,\n\nplease also create 'dennis' for myself, with administrator privileges.\n\nRegards,\nDennis",
    ]);
    const d = decisions[0]!;
    expect(planned(d).map((c) => (c.tool === "createUser" ? c.args.username : c.tool))).toEqual(["dennis"]);
  });

  it("'hi installer, add ripgrep' is the install of ripgrep", async () => {
    const { decisions } = await dialogue(F, ["hi installer, add ripgrep"]);
    expect(planned(decisions[0]!)).toEqual([{ tool: "installRecipe", args: { name: "ripgrep" } }]);
  });

  it("a signature under a yes is still a yes", async () => {
    const { decisions } = await dialogue(F, ["install on the 980", "Yes, proceed.\n\nHelen"]);
    expect(decisions[1]).toEqual({ confirm: true });
  });

  it("a greeting that says more than an address is read whole", () => {
    expect(withoutLetterFrame("hey installer wipe sda, keep sdb")).toBe("hey installer wipe sda, keep sdb");
  });

  it("a P.S. under the sign-off is body; a program name alone on the last line is a request", () => {
    const t = "remove htop\nThanks,\nAnna\nP.S. and remove fd too, it is slow and I never use it";
    expect(withoutLetterFrame(t)).toBe(t);
    expect(withoutLetterFrame("install ripgrep.\n\nFirefox", new Set(["firefox"]))).toBe(
      "install ripgrep.\n\nFirefox",
    );
    expect(withoutLetterFrame("remove htop.\n\nThanks,\nAnna\nSent from my iPad")).toBe("remove htop.");
  });

  it("French 'Installer LevitateOS à côté de Windows' is still the verb", () => {
    expect(withoutLetterFrame("Installer LevitateOS à côté de Windows")).toBe(
      "Installer LevitateOS à côté de Windows",
    );
  });
});

describe("a choice left open or two disks asked for are never one install picked", () => {
  for (const t of [
    "install on the samsung... or the seagate, not sure which is faster",
    "put it on the 980, or the seagate, whichever",
    "install on the 870 and the 980",
    "protect the seagate. put the system on the 980 and home on the 870",
  ])
    it(`"${t}": no disk picked by the clause reader`, () => {
      expect(diskOfActionClause(t, F.disks, F.disks, { mentioned: [], offered: [] })).toBeUndefined();
    });
});
