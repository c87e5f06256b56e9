import { describe, expect, it } from "vitest";
import { scrubSecrets } from "../../agent/scrubSecrets.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "../agent/helpers/dialogue.js";

/**
 * Attacker 28 H15, H16, L3: a secret runs from its keyword (with any separator or none) to the end
 * of its clause; no word of it is echoed or becomes an account. "my code is on the nvme" is no
 * password.
 */
const LIVE = inferLiveMedium(fixtureFacts("findings27-fixA26-live2"));

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? ((d as { calls: Step[] }).calls ?? []) : [];
const offered = (d: unknown): Step[] =>
  d && typeof d === "object" && "offer" in d ? ((d as { offer?: { calls: Step[] } }).offer?.calls ?? []) : [];

describe("attack 28: a secret runs to the end of its clause", () => {
  for (const [line, ...secret] of [
    ["encrypt it, passphrase correct horse battery staple", "correct", "horse", "battery", "staple"],
    ["encryption passphrase correct horse", "correct", "horse"],
    ["disk password correct horse battery", "horse", "battery"],
    ["create bob, my password would be correct horse battery", "correct", "horse", "battery"],
    ["create bob, his password will be purple monkey dishwasher", "purple", "monkey", "dishwasher"],
    ["create bob, pass phrase correct horse battery", "horse", "battery"],
    ["create bob, pw hunter2", "hunter2"],
    ["create bob, pwd hunter2", "hunter2"],
    ["create bob, pw correct horse battery", "correct", "horse", "battery"],
    ["create bob, password - hunter2", "hunter2"],
    ["create bob, password → hunter2", "hunter2"],
    ["create bob, password... hunter2", "hunter2"],
    ["create bob, password -> hunter2", "hunter2"],
    ["create bob, password >> hunter2", "hunter2"],
    ["create bob, password — hunter2", "hunter2"],
    ["create bob, password – swordfish", "swordfish"],
    ["create bob, password => swordfish", "swordfish"],
    ["create bob, password … swordfish", "swordfish"],
    ["create bob with the password correct horse battery", "horse", "battery"],
    ["create bob, Passwort korrektes Pferd", "korrektes", "pferd"],
    ["create bob, passphrase wipe the samsung", "wipe", "samsung"],
  ] as const)
    it(`hides ${secret.join(" ")} in "${line}" and names no one after it`, async () => {
      const scrubbed = scrubSecrets(line).toLowerCase();
      for (const w of secret) expect(scrubbed).not.toContain(w);
      const { conv, last } = await dialogue(LIVE, [line, "yes"]);
      const all = [...conv.view("").pending, ...offered(last), ...calls(last)] as Step[];
      const names = all.filter((c) => c.tool === "createUser").map((c) => String(c.args.username));
      for (const w of secret) expect(names).not.toContain(w);
      const recorded = JSON.stringify(conv.view("").turns).toLowerCase();
      for (const w of secret) expect(recorded).not.toContain(w);
      expect(all.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(false);
    });

  // the safety side: a clause after the secret keeps its words; words that are no secret stay
  it("keeps the next clause after a one-word password", () => {
    expect(scrubSecrets("make user tom with password hunter2 and give him sudo")).toBe(
      "make user tom with password *** and give him sudo",
    );
    expect(scrubSecrets("new user karan. the admin password thingy he must not get")).toContain(
      "he must not get",
    );
    expect(scrubSecrets("with the password correct horse battery, and sudo")).toBe(
      "with the password ***, and sudo",
    );
  });

  for (const line of [
    "my code is on the nvme",
    "the code is in the home folder",
    "my secret is that I like vim",
    "pw: none",
    "what will the password be?",
  ])
    it(`leaves "${line}" as it is`, () => {
      expect(scrubSecrets(line)).toBe(line);
    });

  it("still hides a pin and a keyed code", () => {
    expect(scrubSecrets("pin is 1234")).not.toContain("1234");
    expect(scrubSecrets("the code is Xy7!q")).not.toContain("Xy7");
    expect(scrubSecrets("secret: swordfish")).not.toContain("swordfish");
  });

  it('"my code is on the nvme" is not answered as a password', async () => {
    const { last } = await dialogue(LIVE, ["create user anna with sudo", "my code is on the nvme"]);
    expect(JSON.stringify(last)).not.toMatch(/Passwords never go through/);
  });
});
