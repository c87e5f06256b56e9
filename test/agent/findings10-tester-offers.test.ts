import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 9 D8: "Shall I add the rest (install on /dev/sdb, user ana, user ben)?" offered both users
 * with sudo, and "yes" gave it. An offer names every grant it holds, so "yes" takes what is shown.
 */
const DESK = fixtureFacts("findings10t-desk");

describe("an offer of the rest says who gets sudo (D8)", () => {
  for (const [said, granted, plain] of [
    ["crucial. user ana with sudo, user ben with sudo, add ripped grep", ["ana", "ben"], []],
    ["crucial. user ana with sudo, user ben, add ripped grep", ["ana"], ["ben"]],
    ["crucial. user ana with sudo, user ben, install ripped grep", ["ana"], ["ben"]],
    ["the crucial. user mia with sudo, user leo with sudo, install ripped grep", ["mia", "leo"], []],
  ] as const)
    it(`"${said}"`, async () => {
      const { decisions } = await dialogue(DESK, [said]);
      const d = decisions[0]!;
      expect("reply" in d && d.offer !== undefined).toBe(true);
      if (!("reply" in d) || !d.offer) return;
      for (const u of granted)
        if (d.offer.calls.some((c) => c.tool === "createUser" && c.args.username === u && c.args.sudo))
          expect(d.reply).toContain(`user ${u} with sudo`);
      for (const u of plain) expect(d.reply).not.toContain(`user ${u} with sudo`);
    });
});
