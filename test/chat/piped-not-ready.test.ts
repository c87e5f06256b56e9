/**
 * Attacker 25 M2: piped into the chat, a "yes" that ended in "Not ready yet" dropped the lines
 * still queued (a "/quit") and then waited on an input that had already ended, so Node exited 13
 * with no message. The queued lines are read; the end of the input leaves as Ctrl-D does (130 with
 * a plan pending, and a line saying nothing was changed).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Facts } from "../../facts/schema.js";
import { chatPiped } from "../agent/helpers/chat.js";

const facts = JSON.parse(
  readFileSync(join(import.meta.dirname, "../agent/fixtures/live-samsung-wd.json"), "utf8"),
) as Facts;

/** All of `text` is in the input before the chat reads a line, as with `printf ... | levitate install`. */
const piped = (text: string) => chatPiped(facts, text);

describe("piped chat after 'Not ready yet'", () => {
  it("reads the lines queued behind the 'yes': /plan and /quit are answered", async () => {
    const r = await piped("create user anna with sudo\nyes\n/plan\n/quit\n");
    const after = r.out.slice(r.out.indexOf("Not ready yet"));
    expect(after).toContain("Not ready yet");
    expect(after).toMatch(/you> \/plan\nPlan:\n {2}1\. create user anna with sudo/);
    expect(after).toContain("Leaving: the plan (1 step) was not confirmed, so nothing was changed.");
    expect(r.code).toBe(130);
  }, 30_000);

  it("the input ending right after the 'yes' leaves like Ctrl-D, with its line", async () => {
    const r = await piped("create user anna with sudo\nyes\n");
    expect(r.out).toContain("Not ready yet");
    expect(r.out).toContain("Leaving: the plan (1 step) was not confirmed, so nothing was changed.");
    expect(r.code).toBe(130);
  }, 30_000);

  it("a queued /disks after it is answered too, not dropped", async () => {
    const r = await piped("create user anna with sudo\nyes\n/disks\n/quit\n");
    const after = r.out.slice(r.out.indexOf("Not ready yet"));
    expect(after).toMatch(/you> \/disks\n {2}\/dev\//);
  }, 30_000);
});
