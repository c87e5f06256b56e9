import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * A hostname said in odd forms (retired held-out sets dev13*): "the computer name must be
 * 'atelier'", "hostname must be acme-lt-0042", "the machine name is for the lab: lab-pc3". The
 * value comes after "be" or after a colon, whatever filler sits before it; "for priya's machine:"
 * says whose machine, never its name.
 */
const F = fixtureFacts("findings6-a");
const hostOf = (d: unknown) =>
  d && typeof d === "object" && "calls" in d
    ? (d.calls as { tool: string; args: { hostname?: string } }[]).find((c) => c.tool === "setHostname")?.args
        .hostname
    : undefined;

describe("the hostname stated after a modal or a colon", () => {
  for (const [s, name] of [
    ["the computer name must be 'atelier', merci", "atelier"],
    ["IT says: hostname must be acme-lt-0042", "acme-lt-0042"],
    ["the hostname has to be web-01 please", "web-01"],
    ["computer name needs to be studio", "studio"],
    ["our policy: the machine name shall be ops-17", "ops-17"],
    ["the machine name is for the lab: lab-pc3. only this", "lab-pc3"],
    ["hostname for the office: office-07", "office-07"],
    ["name of the machine for the shop: kiosk-2", "kiosk-2"],
    ['hostname must be "nas"', "nas"],
    ["hostname: atlas", "atlas"],
    ["call the machine atlas", "atlas"],
  ] as const)
    it(`"${s}" → ${name}`, async () => {
      const { last } = await dialogue(F, [s]);
      expect(hostOf(last)).toBe(name);
    });
});

describe("whose machine it is names no host", () => {
  for (const s of [
    "for priya's machine: ripgrep plus jq",
    "on my dad's computer: htop and tmux",
    "for the kids' pc: bat",
    "for anna's laptop: fd",
  ])
    it(`"${s}" sets no hostname`, async () => {
      const { last } = await dialogue(F, [s]);
      expect(hostOf(last)).toBeUndefined();
    });
});
