import { describe, expect, it } from "vitest";
import { goVerb } from "../../agent/goStop.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 20: answers to a pending plan said in a register's own words (agent/goStop.ts,
 * agent/goStopLexicon.ts). Go and stop drawn domain by domain and language by language; a stop,
 * wait, later or negation word always wins over a go word; a turn that names something new, or
 * whose go verb acts on something that is not the plan, is no answer. The sentences are ours.
 * DESK: Crucial nvme0n1 (empty), Seagate sda ("Photos"), Samsung sdb ("Games"); recipes ripgrep,
 * fd, bat, helix, ...
 */
const DESK = fixtureFacts("findings19-t15-f2-desktop");

/** The decision for `text` with "install ripgrep" pending. */
async function answer(text: string): Promise<Decision> {
  const { decisions } = await dialogue(DESK, ["install ripgrep", text]);
  expect(decisions[0]).toHaveProperty("calls");
  return decisions[1]!;
}

const GO: Record<string, string[]> = {
  signals: ["Signal's clear. Proceed.", "Line clear, right away."],
  aviation: ["Wheels up.", "Cleared for departure."],
  space: ["We have liftoff.", "Go flight."],
  sailing: ["Anchors aweigh!", "Set sail."],
  military: ["Move out.", "Forward march."],
  "film and stage": ["Roll camera.", "Curtain up!", "On with the show."],
  music: ["Hit play.", "Cue it up."],
  sports: ["Play ball!", "Tee off."],
  racing: ["Green flag, green flag.", "Floor it."],
  cooking: ["Order up!", "Fire the order, chef."],
  courts: ["So ordered.", "Motion granted. Execute the ruling."],
  religion: ["Amen.", "Go with my blessing."],
  business: ["Deal. Sign off on it.", "Approval granted."],
  software: ["Ship it.", "Push to prod."],
  games: ["Press start.", "Ready up."],
  farming: ["Bring in the harvest."],
  morphology: ["Executing.", "Commence the execution.", "Proceeding with the installation."],
  languages: [
    "Endelea.",
    "Ewch ymlaen.",
    "Samo naprijed.",
    "Devam et.",
    "Lanjutkan.",
    "Avanti!",
    "Boro jelo.",
  ],
};

describe("a go said in a register's words confirms the pending plan", () => {
  for (const [domain, phrases] of Object.entries(GO))
    for (const p of phrases)
      it(`${domain}: "${p}"`, async () => {
        expect(await answer(p)).toEqual({ confirm: true });
      });
});

const STOP: Record<string, string[]> = {
  signals: ["Signal at danger. Nothing moves."],
  aviation: ["Abort takeoff."],
  sailing: ["Avast! Belay that."],
  military: ["Cease fire. Stand down."],
  film: ["Cut! Cut!"],
  courts: ["Motion denied."],
  religion: ["Heaven forbid. Do not proceed."],
  languages: ["Haltu!", "Odustani.", "Durdur."],
};

describe("a stop said in a register's words refuses the whole plan", () => {
  for (const [domain, phrases] of Object.entries(STOP))
    for (const p of phrases)
      it(`${domain}: "${p}"`, async () => {
        expect(await answer(p)).toEqual({ confirm: false });
      });
});

describe("a go word refused, put off or asked is never a confirmation", () => {
  for (const p of ["don't go ahead", "Execute nothing.", "Pray do not launch it."])
    it(`"${p}" is a no`, async () => {
      expect(await answer(p)).toEqual({ confirm: false });
    });
  for (const p of [
    "green light? not yet",
    "Stand down, we'll launch next week.",
    "I'll approve it tomorrow.",
    "Hold the launch.",
    "Proceed once the backup is done.",
  ])
    it(`"${p}" is not a yes`, async () => {
      expect(await answer(p)).not.toEqual({ confirm: true });
    });
});

describe("a turn that names something new is no answer", () => {
  for (const p of [
    "Launch firefox.",
    "Proceed with btrfs.",
    "helx. go",
    "Ship it to the seagate.",
    "Serve helix too.",
    "Stop, the other one.",
    "Tough crowd.",
  ])
    it(`"${p}" does not confirm`, async () => {
      const d = await answer(p);
      expect(d).not.toEqual({ confirm: true });
      expect(d).not.toEqual({ confirm: false });
    });
});

describe("a go word answers the open offer, not the plan (CONTRACTS §2)", () => {
  it('"Cleared for takeoff." after "Do you mean ...?" takes the offered calls', async () => {
    const { decisions } = await dialogue(DESK, ["install ripgrep", "add hx", "Cleared for takeoff."]);
    const asked = decisions[1]!;
    expect(asked).toHaveProperty("offer");
    expect(decisions[2]).toHaveProperty("calls");
    expect(decisions[2]).not.toHaveProperty("confirm");
  });
});

describe("go verbs are read under their endings", () => {
  for (const [w, v] of [
    ["executing", "execute"],
    ["execution", "execute"],
    ["approval", "approve"],
    ["launched", "launch"],
    ["shipped", "ship"],
    ["proceeds", "proceed"],
  ])
    it(`${w} → ${v}`, () => expect(goVerb(w!)).toBe(v));
  it("a word that is no go verb stays none", () => expect(goVerb("crowd")).toBeUndefined());
});
