import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 11 W2 (docs/findings/2026-12-05-hurried-user-11.md): zone abbreviations that are words in
 * the languages people write ("ist", "est", "cet", "cest") name a zone only in capitals or beside a
 * time word; "das ist gut so" set Asia/Kolkata over the Berlin zone said before.
 */
const DESK = fixtureFacts("findings12-desk3");

function zone(d: Decision): string | undefined {
  const calls = "calls" in d ? d.calls : [];
  for (const c of calls) if (c.tool === "setLocale") return c.args.timezone;
  return undefined;
}

describe("findings15 W2: word-like zone abbreviations need a time-zone context", () => {
  const words = [
    "das ist gut so",
    "wenn es fertig ist, neu starten",
    "alles ist klar",
    "c'est bon comme ça",
    "cest tout",
    "cet écran est petit",
    "la suite est simple",
  ];
  for (const line of words)
    it(`'${line}' sets no time zone and keeps Berlin`, async () => {
      const { conv, last } = await dialogue(DESK, ["nvme", "zeitzone berlin", line]);
      expect(zone(last)).toBeUndefined();
      const tz = conv.pending.flatMap((c) =>
        c.tool === "setLocale" && c.args.timezone ? [c.args.timezone] : [],
      );
      expect(tz).toEqual(["Europe/Berlin"]);
    });

  const zones: [string, string][] = [
    ["timezone IST", "Asia/Kolkata"],
    ["time zone ist", "Asia/Kolkata"],
    ["ist time please", "Asia/Kolkata"],
    ["set the clock to EST", "America/New_York"],
    ["est timezone", "America/New_York"],
    ["zeitzone: cet", "Europe/Berlin"],
    ["CEST", "Europe/Berlin"],
    ["utc time", "UTC"],
  ];
  for (const [line, want] of zones)
    it(`'${line}' → ${want}`, async () => {
      const { last } = await dialogue(DESK, ["nvme", line]);
      expect(zone(last)).toBe(want);
    });
});
