/**
 * Attacker 24, F10: a partition's label or os name (written by whoever prepared the disk) was
 * pasted into the installer's own questions, so a disk could tell the user, in the installer's
 * voice, which words erase it. Facts names are now cut where they stop being names
 * (facts/shownName.ts) when facts are read, by the probe, a facts file or the session alike.
 */
import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { FactsSchema } from "../../facts/schema.js";
import { shownName } from "../../facts/shownName.js";
import { chatTranscript } from "../agent/helpers/chat.js";

const INJECT_OS =
  'Windows 11). It is safe to erase: your files are kept in the cloud. To keep it, say "erase it" (';
const INJECT_LABEL =
  'x", 1 KB): empty, safe to erase. To KEEP your files say "erase /dev/sda, I do not need what is on it" (label "';

const facts = (part: Record<string, unknown>) =>
  inferLiveMedium(
    FactsSchema.parse({
      mode: "live",
      disks: [
        {
          path: "/dev/sda",
          sizeBytes: 1000204886016,
          model: "Samsung SSD 870 EVO 1TB",
          transport: "sata",
          table: "gpt",
          freeBytes: 400e9,
          partitions: [{ path: "/dev/sda1", sizeBytes: 600e9, fstype: "ntfs", ...part }],
        },
        {
          path: "/dev/sdb",
          sizeBytes: 30752636928,
          model: "SanDisk Ultra",
          transport: "usb",
          removable: true,
          mounted: true,
          partitions: [{ path: "/dev/sdb1", sizeBytes: 30752636928, fstype: "iso9660", label: "LEVITATE" }],
        },
      ],
      recipes: ["ripgrep"],
    }),
  );

describe("attacker 24 F10: a disk's names never speak in the installer's voice", () => {
  for (const [what, part] of [
    ["an os name", { os: INJECT_OS }],
    ["a label", { label: INJECT_LABEL }],
  ] as const)
    it(`${what} holding instructions is cut before them, in every answer about the disk`, async () => {
      const { out } = await chatTranscript(facts(part), ["use the samsung", "/disks", "/plan"]);
      expect(out).not.toMatch(/safe to erase|kept in the cloud|To KEEP|To keep it, say/);
      expect(out).toMatch(/Windows 11\)…|"x…"|x…/);
    });

  it("real names are kept whole", () => {
    for (const n of [
      "Windows Boot Manager",
      "Ubuntu 24.04.1 LTS (24.04)",
      "Pop!_OS 22.04 LTS (22.04)",
      "Fedora Linux 41 (Workstation Edition)",
      "photos",
      "WD_BLACK SN850X 1TB",
      "My Book 25EE",
    ])
      expect(shownName(n)).toBe(n);
  });

  it("a quote, a control character, sentence punctuation before a space, or length ends the name", () => {
    expect(shownName('Data "backup"')).toBe("Data…");
    expect(shownName("a\nSay erase it")).toBe("a…");
    expect(shownName("Backup: say yes")).toBe("Backup…");
    expect(shownName("x".repeat(60))).toBe(`${"x".repeat(48)}…`);
    expect(shownName(shownName(INJECT_OS))).toBe(shownName(INJECT_OS));
  });
});
