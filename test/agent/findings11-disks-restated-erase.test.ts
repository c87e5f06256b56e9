import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * "yes, erase /dev/nvme0n1" with exactly that erase pending (dev13-mixed h12m-046, dev-alongside10
 * h12a-028): a yes that repeats what it does is the yes. Read as the same erase planned again, the
 * plan was never run and the eval counted an erase the turn did not ask for. Only a repeat of the
 * pending erase counts: another disk, a keep, a question or a change stays what it says.
 * Machines: Windows on a full KIOXIA nvme beside the live USB (sda); an empty Samsung nvme.
 */
const KIOXIA = fixtureFacts("findings11d-kioxia-win");
const SAMSUNG = fixtureFacts("findings11d-samsung");

const planned = (d: Decision) => ("calls" in d ? d.calls : []);

describe("a yes that repeats the pending erase confirms it", () => {
  const lines = [
    "yes I'm sure, erase /dev/nvme0n1",
    "yes, erase /dev/nvme0n1",
    "yes wipe it",
    "ok, format the kioxia",
    "yeah go ahead and wipe nvme0n1",
    "yep, nuke it all",
    "sure, erase the whole disk",
    "Yes. I am sure. Erase the NVMe.",
    "yes erase everything on it",
    "okay erase the 256gb one",
    "ok but erase it",
    "yup, wipe the entire drive please",
    "alright, just format it",
  ];
  for (const line of lines)
    it(`"${line}"`, async () => {
      const { last } = await dialogue(KIOXIA, ["install on the nvme, erase it all", line]);
      expect(last).toEqual({ confirm: true });
    });

  it("on another machine: 'yes, erase /dev/nvme0n1' after 'nvme whole, user ravi admin'", async () => {
    const { last } = await dialogue(SAMSUNG, ["nvme whole, user ravi admin", "yes, erase /dev/nvme0n1"]);
    expect(last).toEqual({ confirm: true });
  });
});

describe("a yes that says more than the pending erase is not the yes", () => {
  it("a change of filesystem is a change", async () => {
    const { last } = await dialogue(KIOXIA, [
      "install on the nvme, erase it all",
      "ok, so erase it with btrfs",
    ]);
    expect(planned(last)).toMatchObject([{ tool: "partitionDisk", args: { filesystem: "btrfs" } }]);
  });
  it("a question is answered", async () => {
    const { last } = await dialogue(KIOXIA, ["install on the nvme, erase it all", "yes, wipe it?"]);
    expect("confirm" in last).toBe(false);
  });
  it("another disk is never the yes", async () => {
    const { last } = await dialogue(SAMSUNG, ["nvme whole", "yes, erase /dev/sda"]);
    expect("confirm" in last).toBe(false);
    expect(planned(last).some(erases("/dev/sda"))).toBe(false);
  });
  it("a keep beside the erase is never the yes", async () => {
    const { last } = await dialogue(KIOXIA, [
      "install on the nvme, erase it all",
      "yes erase it but keep the recovery partition",
    ]);
    expect("confirm" in last).toBe(false);
  });
  it("with nothing pending a yes and an erase plan the erase, never confirm", async () => {
    const { last } = await dialogue(SAMSUNG, ["yes, erase /dev/nvme0n1"]);
    expect("confirm" in last).toBe(false);
  });
});
