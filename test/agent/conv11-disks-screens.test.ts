import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Every disk screen's own sentences (the ones its module's comment gives as the words it reads),
 * run through the whole of decideTurn (agent/turn.ts) with the rules backend, turn after turn as
 * the chat records them: no turn adds, and no plan ends with, an erase of a disk those words
 * protect. A screen proved alone can still be undone by a reader before or after it; this table
 * is the check that the whole chain keeps what each screen keeps. An offer (a question the person
 * must answer "yes" to, naming what is lost) is allowed: the screens are built to ask.
 */

type Row = [screen: string, fixture: string, lines: string[], kept: string[]];

const ROWS: Row[] = [
  // partitionKeep.ts: one partition kept on a disk erased whole
  ["partitionKeep", "findings8-b", ["wipe the disk but keep the recovery partition"], ["/dev/nvme0n1"]],
  ["partitionKeep", "findings8-b", ["erase everything except the EFI partition"], ["/dev/nvme0n1"]],
  [
    "partitionKeep",
    "findings8-b",
    ["install on the sk hynix", "can i keep nvme0n1p4 at least"],
    ["/dev/nvme0n1"],
  ],
  // dataDisk.ts: a disk that holds something, chosen by words that chose no erase
  ["dataDisk", "findings6-a", ["use sda"], ["/dev/sda"]],
  ["dataDisk", "findings6-a", ["install on /dev/nvme0n1"], ["/dev/nvme0n1"]],
  ["dataDisk", "findings6-a", ["the drive with my backup"], ["/dev/sda"]],
  ["dataDisk", "findings6-a", ["the 500gb one"], ["/dev/sda"]],
  // oneDisk.ts: a part of the system placed on another disk moves no install
  ["oneDisk", "findings4-a", ["install on the nvme", "put home on the other ssd"], ["/dev/sda"]],
  ["oneDisk", "findings4-a", ["install on the nvme", "swap on the samsung"], ["/dev/sda"]],
  ["oneDisk", "findings4-a", ["install on the nvme", "/var on sda"], ["/dev/sda"]],
  // driveLetters.ts: Windows letters as the partitions they stand for
  ["driveLetters", "findings8-c", ["dont touch D: (Games)", "install on the seagate"], ["/dev/sda"]],
  [
    "driveLetters",
    "findings8-c",
    ["my documents are on C: dont touch them", "install on the samsung"],
    ["/dev/nvme0n1"],
  ],
  ["driveLetters", "findings8-c", ["format C:"], ["/dev/nvme0n1"]],
  // menuPicks.ts: a number picked from my list gets the answer any pick gets
  ["menuPicks", "findings6-a", ["install levitate", "2"], ["/dev/sda", "/dev/nvme0n1"]],
  ["menuPicks", "findings6-a", ["install levitate", "option 1"], ["/dev/sda", "/dev/nvme0n1"]],
  ["menuPicks", "findings6-a", ["install levitate", "the second"], ["/dev/sda", "/dev/nvme0n1"]],
  // noIsThe.ts: "no is the samsung" rejects the WD and its open question
  ["noIsThe", "findings6-a", ["install on the nvme", "no is the samsung", "yes"], ["/dev/nvme0n1"]],
  ["noIsThe", "findings6-a", ["install on the nvme", "nope, is the other one", "yes"], ["/dev/nvme0n1"]],
  // pastedListing.ts: a note written on a pasted row is still a keep
  [
    "pastedListing",
    "findings6-a",
    ["NAME SIZE TYPE\nsda 465.8G disk <- my backups, keep\nnvme0n1 931.5G disk\nthe 931G one", "yes"],
    ["/dev/sda"],
  ],
  // eraseAim.ts: an erase aimed at one disk chooses no erase of another
  ["eraseAim", "findings6-a", ["don't erase anything", "install on the WD, erase it"], ["/dev/sda"]],
  ["eraseAim", "findings6-a", ["nothing gets wiped", "install on the samsung"], ["/dev/sda"]],
  // erasing.ts: a keep in a turn that asks for the disk's free space keeps what is on it
  ["erasing", "findings2-b-win-free", ["install next to windows, keep windows"], ["/dev/nvme0n1"]],
  // partitionRefs.ts: partitions, labels, lists, systems, judgements
  [
    "partitionRefs",
    "findings6-a",
    ["dont touch nvme0n1 or sda", "install on the nvme"],
    ["/dev/sda", "/dev/nvme0n1"],
  ],
  ["partitionRefs", "findings6-a", ["keep sda1", "install on the samsung"], ["/dev/sda"]],
  ["partitionRefs", "findings6-a", ["my games drive stays", "install on the wd"], ["/dev/nvme0n1"]],
  ["partitionRefs", "findings6-a", ["sda: dont touch", "install on sda"], ["/dev/sda"]],
  ["partitionRefs", "findings6-a", ["wiping sda is the last thing i want", "install on sda"], ["/dev/sda"]],
  ["partitionRefs", "findings6-a", ["the samsung is sacred", "install on the samsung", "yes"], ["/dev/sda"]],
  ["partitionRefs", "findings6-a", ["sda has my backups", "install on sda", "yes"], ["/dev/sda"]],
  [
    "partitionRefs",
    "findings6-a",
    ["my photos are on the WD, they must survive", "install on the wd", "yes"],
    ["/dev/nvme0n1"],
  ],
  // systemDisks.ts: a system kept in other words keeps its disk
  ["systemDisks", "conv10-debian-windows", ["windows must survive", "install on the wd"], ["/dev/nvme0n1"]],
  ["systemDisks", "conv10-debian-windows", ["i need debian still", "use the seagate"], ["/dev/sda"]],
  // questionGate.ts: a question never acts, and a question said back takes no erase
  ["questionGate", "findings6-a", ["does sda get erased"], ["/dev/sda"]],
  ["questionGate", "findings6-a", ["install on the samsung", "erase it anyway?"], ["/dev/sda"]],
  ["questionGate", "findings6-a", ["install on the samsung", "Shall I erase it anyway?"], ["/dev/sda"]],
  ["questionGate", "findings6-a", ["can I install on the other disk?"], ["/dev/nvme0n1"]],
  // hesitantYes.ts: a yes that goes on with a question consents to nothing
  ["hesitantYes", "findings6-a", ["install on the samsung", "yes?? wait what does that erase"], ["/dev/sda"]],
  ["hesitantYes", "findings6-a", ["install on the samsung", "sure... wait, what's on it"], ["/dev/sda"]],
  // confirmGate.ts: a yes that goes on with a change is no confirmation
  [
    "confirmGate",
    "findings2-b-win-free",
    ["install next to windows", "ok keep windows then, put linux in the free bit"],
    ["/dev/nvme0n1"],
  ],
  // openQuestion.ts: a yes to my question answers it, never the plan
  ["openQuestion", "findings6-a", ["keep the samsung", "install levitate", "yes"], ["/dev/sda"]],
  // strangerName.ts: a disk named by words no reader places is asked about
  [
    "strangerName",
    "attack5-f2",
    ["keep the samsung", "erase the S6PXNS0T123456A"],
    ["/dev/sda", "/dev/nvme0n1"],
  ],
  ["strangerName", "attack5-f2", ["keep the samsung", "erase s d a"], ["/dev/sda", "/dev/nvme0n1"]],
];

const erasesAny = (calls: readonly PlanCall[], disks: readonly string[]) =>
  calls.filter((c) => disks.some((d) => erases(d)(c)));

describe("each disk screen's words, through the whole turn, erase no disk they protect", () => {
  it.each(ROWS)("%s (%s): %j", async (_screen, fixture, lines, kept) => {
    const { decisions, conv } = await dialogue(fixtureFacts(fixture), lines);
    for (const d of decisions)
      expect(erasesAny("calls" in d ? (d.calls as PlanCall[]) : [], kept)).toEqual([]);
    expect(erasesAny(conv.pending, kept)).toEqual([]);
  });

  it("covers every disk screen", () => {
    const screens = new Set(ROWS.map((r) => r[0]));
    for (const s of [
      "partitionKeep",
      "dataDisk",
      "oneDisk",
      "driveLetters",
      "menuPicks",
      "noIsThe",
      "pastedListing",
      "eraseAim",
      "erasing",
      "partitionRefs",
      "systemDisks",
      "questionGate",
      "hesitantYes",
      "confirmGate",
      "openQuestion",
      "strangerName",
    ])
      expect(screens.has(s), s).toBe(true);
  });
});
