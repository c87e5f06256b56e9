import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Installing beside another system (issue 14, round 21; last round's unseen set, now dev data):
 * the free region said as an emptiness word joined to a place ("the vacant lot", "the spare room",
 * "do voľného miesta", "masaha el fadya"), "beside" in other languages, a size of vacant space, a
 * partition that is kept rather than aimed at, and another system's name that is no program.
 * Sentences invented here, in several voices and languages. Facts: Windows on a Samsung NVMe with
 * 250 GB free, a full archive disk, the live stick.
 */
const facts = fixtureFacts("findings22-alongside-win");

function partition(d: Decision): Record<string, unknown> | undefined {
  if (!("calls" in d)) return undefined;
  return d.calls.find((c) => c.tool === "partitionDisk")?.args as Record<string, unknown> | undefined;
}

async function last(...lines: string[]): Promise<Decision> {
  return (await dialogue(facts, lines)).last;
}

describe("an emptiness word joined to a place is the free space beside the other system", () => {
  it.each([
    "Windows stays, Levitate goes in the empty bit.",
    "Park LevitateOS in the unused corner of the Samsung.",
    "Let the new system settle into the vacant plot beside Windows.",
    "Windows remains. Levitate moves into the spare room.",
    "put it in the leftover chunk please",
    "Windows keeps its prize. Install in the free area.",
    "instálalo en el espacio libre, no toques Windows",
    "Installiere es in den freien Platz, Windows bleibt.",
    "Zainstaluj w wolnym miejscu, Windows zostaje.",
    "Asenna se vapaaseen tilaan, Windows jää.",
    "ilagay sa bakante nga space, ayaw galawin ang Windows",
    "7ott el levitate fel masaha el fadya, matms7sh el windows",
  ])("%s", async (line) => {
    const d = await last(line);
    expect(partition(d)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });
});

describe("beside in other languages is beside", () => {
  it.each([
    "Nainštaluj to vedľa Windows.",
    "Įdiek šalia Windows.",
    "I-install tupad sa Windows.",
    "Instaleer het naast Windows.",
    "Installa accanto a Windows.",
  ])("%s", async (line) => {
    expect(partition(await last(line))).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });
});

describe("a size of vacant space is the free region, not a disk of that size", () => {
  it.each([
    "Erect LevitateOS on the 250 GB of vacant land beside Windows.",
    "put levitate in the 250G that is unoccupied",
  ])("%s", async (line) => {
    const d = await last(line);
    expect("reply" in d && /No disk here matches/.test(d.reply)).toBe(false);
    expect(partition(d)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });
});

describe("a partition said to stay is kept, not the target of the install", () => {
  it.each([
    "installing LevitateOS in the unallocated region of the Samsung, the Windows partition being retained",
    "into the free space please, the windows partition stays untouched",
  ])("%s", async (line) => {
    expect(partition(await last(line))).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });

  it("a partition aimed at is still answered: one partition is never erased alone", async () => {
    const d = await last("wipe the windows partition and put levitate there");
    expect("reply" in d && /just one partition/.test(d.reply)).toBe(true);
  });
});

describe("another system's name is no program to install or remove", () => {
  it.each([
    "The free space next to Windows, please. Windows stays put.",
    "Windows-a delete pannadheenga, free space la Levitate install pannunga.",
  ])("%s", async (line) => {
    const d = await last(line);
    expect(JSON.stringify(d)).not.toMatch(/recipe named windows/i);
    expect(partition(d)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });
});

describe("what stays as it was", () => {
  const full = fixtureFacts("findings10d-winfull-empty");

  it("an empty disk named as a disk is still that disk", async () => {
    const { last: d } = await dialogue(full, ["put levitate on the empty drive"]);
    expect(partition(d)?.disk).toBe("/dev/sda");
    expect(partition(d)?.use).not.toBe("free");
  });

  it("no free space beside a kept system is never an erase of its disk", async () => {
    const { last: d } = await dialogue(fixtureFacts("findings10d-winfull"), [
      "Windows stays. Levitate goes in the empty bit.",
    ]);
    expect(partition(d)).toBeUndefined();
    expect("reply" in d).toBe(true);
  });

  it("'spare' as a verb keeps the disk it names", async () => {
    const d = await last("spare the samsung");
    expect(partition(d)).toBeUndefined();
  });

  it("the free space of a disk that has none is not offered", async () => {
    const d = await last("put levitate in the spare room of the archive disk");
    expect(partition(d)?.use === "free" && partition(d)?.disk === "/dev/sda").toBe(false);
  });
});

describe("a keep of the disk beside a free-region request keeps what is on it", () => {
  it("leave the samsung, levitate goes in the vacant lot", async () => {
    const d = await last("leave the samsung, levitate goes in the vacant lot");
    expect(partition(d)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });
});

describe("an erase of nothing asks for no erase", () => {
  it.each([
    "Old laptop, Windows on the Samsung. Erase nothing. Where would Levitate go?",
    "windows lives on the samsung. wipe none of it. where does levitate fit?",
    "Format nothing, please. The Samsung has Windows. Any ideas where to install?",
  ])("%s", async (line) => {
    const d = await last(line);
    expect(partition(d)?.use).not.toBe("whole");
    expect(JSON.stringify(d)).not.toMatch(/"use":"whole"/);
  });
});

describe("a device path at the end of a sentence is the disk, not the path with a full stop", () => {
  it("Put levitate on /dev/nvme0n1. Windows stays.", async () => {
    const d = await last("Put levitate on /dev/nvme0n1. Windows stays.");
    expect(JSON.stringify(d)).not.toMatch(/No disk here matches/);
    expect(partition(d)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });

  it("the full stop after /dev/sda is no part of its name", async () => {
    const d = await last("use /dev/sda.");
    expect(JSON.stringify(d)).not.toMatch(/sda\.\./);
  });
});

describe("a free room sized in words", () => {
  it("a spare room of about 250 gigs is the free space, not a disk of that size", async () => {
    const d = await last("The house has a spare room of about 250 gigs. Levitate moves in there.");
    expect(partition(d)).toMatchObject({ disk: "/dev/nvme0n1", use: "free" });
  });
});

describe("a blank disk beside a system with free space", () => {
  const blank = fixtureFacts("findings22-alongside-blank");

  it.each([
    "The Crucial is an empty field: build on all of it.",
    "Windows keeps the Samsung. Put levitate into the free space of the Crucial.",
  ])("the free space of a blank disk is all of it: %s", async (line) => {
    const { last: d } = await dialogue(blank, [line]);
    expect(partition(d)?.disk).toBe("/dev/sda");
    expect(partition(d)?.use).not.toBe("free");
  });

  it.each([
    "Excavate wherever there's empty ground, the settled sites stay as they are.",
    "put it in some empty space",
  ])("'empty' said of a place fits both, so it is asked: %s", async (line) => {
    const { last: d } = await dialogue(blank, [line]);
    expect(partition(d)).toBeUndefined();
    expect("reply" in d && d.reply.includes("/dev/sda") && d.reply.includes("/dev/nvme0n1")).toBe(true);
  });
});
