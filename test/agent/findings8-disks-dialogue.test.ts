import { describe, expect, it } from "vitest";
import { sayMenuPick } from "../../agent/safety/menuPicks.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 7's dialogue findings (WRONG W41-W46, W65): a menu number or ordinal after my
 * which-disk question ("2", "option 2", "the second") is the disk listed there
 * (agent/safety/menuPicks.ts); a word that steers the talk is no one's name in a kept note
 * (agent/safety/keptNotes.ts). Machines: the tester's c.json (Windows nvme0n1,
 * "Games" sda, empty Crucial sdb) and b.json (Windows laptop with free space).
 */
const B = fixtureFacts("findings8-b");
const C = fixtureFacts("findings8-c");
type Call = { tool: string; args?: unknown };
const disksOf = (calls: readonly Call[]) =>
  calls.flatMap((c) => (c.tool === "partitionDisk" ? [(c.args as { disk: string }).disk] : []));
const offered = (d: unknown): Call[] => (d as { offer?: { calls: Call[] } }).offer?.calls ?? [];
const reply = (d: unknown) => (d as { reply?: string }).reply ?? "";

describe("a menu pick after my which-disk question (WRONG W41-W46)", () => {
  const cases: [string, string][] = [
    // the tester's
    ["2", "/dev/sda"],
    ["option 2", "/dev/sda"],
    ["the second", "/dev/sda"],
    ["1", "/dev/nvme0n1"],
    ["the first", "/dev/nvme0n1"],
    // our own
    ["#3", "/dev/sdb"],
    ["3.", "/dev/sdb"],
    ["number three", "/dev/sdb"],
    ["ok the third one please", "/dev/sdb"],
    ["the last one", "/dev/sdb"],
    ["i take 3", "/dev/sdb"],
  ];
  for (const [s, disk] of cases) {
    it(`"${s}" picks ${disk}, and a disk with data is still asked about`, async () => {
      const { conv, last } = await dialogue(C, ["install linux", s]);
      const picked = [...disksOf(conv.pending), ...disksOf(offered(last))];
      if (disk === "/dev/sdb") expect(disksOf(conv.pending)).toEqual(["/dev/sdb"]);
      else {
        // never erased without the question that names what is there
        expect(disksOf(conv.pending)).toEqual([]);
        expect(reply(last)).toContain(disk);
        expect(picked.every((d) => d === disk)).toBe(true);
      }
    });
  }
  it("a number past the list, or a number with no list before it, picks nothing", async () => {
    const past = await dialogue(C, ["install linux", "4"]);
    expect(disksOf(past.conv.pending)).toEqual([]);
    const none = await dialogue(C, ["2"]);
    expect(disksOf(none.conv.pending)).toEqual([]);
  });
  it("reads only a whole-turn pick, only after a question that lists disks", () => {
    const q = {
      reply:
        'Which disk should I install onto: /dev/nvme0n1 (x), /dev/sda (y) or /dev/sdb (z)? "yes" takes /dev/sdb.',
    };
    expect(sayMenuPick("2", q)).toBe("use /dev/sda");
    expect(sayMenuPick("add 2 users", q)).toBe("add 2 users");
    expect(sayMenuPick("one please", q)).toBe("one please");
    expect(sayMenuPick("2", { reply: "How big should swap be? (in GB)" })).toBe("2");
  });
});

describe("kept notes name no one who is not there (WRONG W65, W1)", () => {
  const A = fixtureFacts("findings8-a");
  const sudoKeeps = (conv: { view(s: string): { protections?: readonly unknown[] } }) =>
    (conv.view("").protections ?? []).flatMap((p) =>
      (p as { kind: string }).kind === "sudo" ? [(p as { username: string }).username] : [],
    );
  for (const s of ["sorry i meant without sudo", "oops, actually without sudo", "no wait, without sudo"]) {
    it(`"add user tom with sudo" / "${s}": tom loses sudo, no note about "${s.split(/\W/)[0]}"`, async () => {
      const { conv } = await dialogue(A, ["add user tom with sudo", s]);
      expect(conv.pending.find((c) => c.tool === "createUser")?.args).toMatchObject({
        username: "tom",
        sudo: false,
      });
      expect(sudoKeeps(conv).filter((u) => u !== "tom")).toEqual([]);
    });
  }
  it("keeping C: on the Windows laptop is noted as Windows, never as Linux", async () => {
    const { last } = await dialogue(B, ["I want to keep my C: drive, install linux next to windows"]);
    expect(reply(last) + JSON.stringify(last)).not.toMatch(/Linux on \/dev/);
  });
});
