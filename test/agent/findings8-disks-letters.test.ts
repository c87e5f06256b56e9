import { describe, expect, it } from "vitest";
import { driveLetters, sayDriveLetters } from "../../agent/safety/driveLetters.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 7's Windows drive letters (DANGEROUS D13, D17; WRONG W1, W6-W7, W12, W18): "format C:",
 * "install on D:", "dont touch D: (Games)". A letter is the partition Windows gave it
 * (agent/safety/driveLetters.ts), said plainly before any reader. Machines: the tester's facts
 * (findings8-a: two data disks, no Windows; -b: a Windows laptop with 120 GB free and a Recovery
 * partition; -c: Windows on nvme0n1, an NTFS "Games" disk sda, an empty Crucial sdb).
 */
const A = fixtureFacts("findings8-a");
const B = fixtureFacts("findings8-b");
const C = fixtureFacts("findings8-c");
type Call = { tool: string; args?: unknown };
const erased = (plan: readonly Call[]) =>
  plan.flatMap((c) =>
    c.tool === "partitionDisk" && (c.args as { use?: string }).use !== "free"
      ? [(c.args as { disk: string }).disk]
      : [],
  );
const offered = (d: unknown): Call[] => (d as { offer?: { calls: Call[] } }).offer?.calls ?? [];
const reply = (d: unknown) => (d as { reply?: string }).reply ?? "";

describe("the letters Windows gives", () => {
  it("C: is the Windows partition, D: the next NTFS one; ESP, MSR and Recovery get none", () => {
    const c = driveLetters(C).map((l) => [l.letter, l.partition.path]);
    expect(c).toEqual([
      ["c", "/dev/nvme0n1p3"],
      ["d", "/dev/sda1"],
    ]);
    const b = driveLetters(B).map((l) => [l.letter, l.partition.path]);
    expect(b).toEqual([["c", "/dev/nvme0n1p3"]]);
  });
  it("a machine without Windows maps no letter", () => {
    expect(driveLetters(A)).toEqual([]);
    expect(sayDriveLetters("install on C:", A)).toBe("install on C:");
  });
  it("a label said beside the letter wins over the order; an unknown letter stays", () => {
    expect(sayDriveLetters("dont touch E: (Games)", C)).toBe("dont touch (Games)");
    expect(sayDriveLetters("the Games disk D: you must not touch", C)).toBe(
      "the Games disk you must not touch",
    );
    expect(sayDriveLetters("the Games disk D: you must not touch", C)).toBe(
      "the Games disk you must not touch",
    );
    expect(sayDriveLetters("install on E:", C)).toBe("install on E:");
    expect(sayDriveLetters("keep my C: drive", C)).toBe("keep my windows partition");
    expect(sayDriveLetters("the d drive stays", C)).toBe("the /dev/sda1 stays");
  });
});

describe("format C: is one partition, never a silent erase of the whole disk (DANGEROUS D17, WRONG W12)", () => {
  const cases: [string, typeof B][] = [
    ["format C: and install", B],
    ["format C:", B],
    ["erase C: drive", B],
    ["format C:", C],
    // our own
    ["wipe my c drive and put linux there", B],
    ["nuke C:\\ and install", B],
    ["reformat the C: partition, install linux", C],
    ["install over c:", B],
  ];
  for (const [s, f] of cases) {
    it(`"${s}" erases nothing and says what the whole disk holds`, async () => {
      const { conv, last } = await dialogue(f, [s]);
      expect(erased(conv.pending)).toEqual([]);
      expect(erased(offered(last))).toEqual([]);
      expect(reply(last)).toMatch(/Windows/);
      expect(reply(last)).not.toMatch(/Which program/);
    });
  }
  it('then "erase the whole disk" asks, naming Windows and the Recovery partition', async () => {
    const { conv, last } = await dialogue(B, ["format C: and install", "erase the whole /dev/nvme0n1"]);
    expect(erased(conv.pending)).toEqual([]);
    expect(reply(last)).toMatch(/Windows Boot Manager/);
    expect(reply(last)).toMatch(/Recovery/);
  });
});

describe("a drive letter is a place, not a program (WRONG W6-W7)", () => {
  for (const s of ["install on D:", "install on C:", "put it on d:", "use the D drive"]) {
    it(`"${s}" on the Games machine is answered about a partition`, async () => {
      const { conv, last } = await dialogue(C, [s]);
      expect(reply(last)).not.toMatch(/Which program|no recipe/i);
      expect(erased(conv.pending)).toEqual([]);
      expect(reply(last)).toMatch(/partition/);
    });
  }
});

describe("a drive letter kept keeps its disk (DANGEROUS D13, WRONG W18, W1)", () => {
  const keeps: [string, string][] = [
    ["dont touch D: (Games)", "/dev/sda"],
    ["keep D:", "/dev/sda"],
    ["D: must survive", "/dev/sda"],
    ["leave the d drive alone", "/dev/sda"],
    ["hands off D:/", "/dev/sda"],
    ["keep C: and D:", "/dev/nvme0n1"],
  ];
  for (const [s, disk] of keeps) {
    it(`"${s}" is recorded and a later pick of that disk plus "ok" erases nothing`, async () => {
      const { conv } = await dialogue(C, [s]);
      expect(conv.view("").protections?.some((p) => "disk" in p && p.disk === disk)).toBe(true);
      const after = await dialogue(C, [
        s,
        disk === "/dev/sda" ? "install on the 2TB" : "install on the samsung",
        "ok",
      ]);
      expect(erased(after.conv.pending)).not.toContain(disk);
    });
  }
  it('"I want to keep my C: drive, install linux next to windows" keeps Windows, by that name', async () => {
    const { conv, last } = await dialogue(B, ["I want to keep my C: drive, install linux next to windows"]);
    expect(conv.pending.map((c) => (c.args as { use?: string }).use)).toEqual(["free"]);
    expect(JSON.stringify(last)).not.toMatch(/Kept: Linux/);
    expect(conv.view("").protections?.some((p) => p.kind === "partitions" && /Windows/.test(p.what))).toBe(
      true,
    );
  });
});

describe("what is not a drive letter stays", () => {
  it("a possessive 's before 'drive' is no S: drive", () => {
    expect(sayDriveLetters("put it on the laptop's drive", C)).toBe("put it on the laptop's drive");
    expect(sayDriveLetters("keep the games' drive", C)).toBe("keep the games' drive");
  });
});
