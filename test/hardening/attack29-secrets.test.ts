/**
 * Attacker 29 H2: a password recognised as one was still echoed in clear when glued to its key by
 * a quote, comma or underscore, spelled with signs, set with a modal or keyed by "secret".
 */
import { describe, expect, it } from "vitest";
import { scrubSecrets } from "../../agent/scrubSecrets.js";

describe("H2: glued and respelled passwords are hidden", () => {
  it("the attacker's sentences never echo the value", () => {
    for (const s of [
      'create anna password"hunter2"',
      "create anna,password,hunter2",
      "create anna password_hunter2",
      "create anna p@ssword hunter2",
      "create anna, her pw should be hunter2",
      "create anna, secret hunter2",
    ]) {
      const out = scrubSecrets(s);
      expect(out, s).not.toMatch(/hunter2/);
      expect(out, s).toMatch(/anna/);
    }
  });

  it("the same shapes in other words", () => {
    for (const [s, secret] of <Array<[string, string]>>[
      ["add bob passphrase'correct horse'", "correct"],
      ["user tom,passwd,Zebra99 with sudo", "Zebra99"],
      ["user tom password/Zebra99", "Zebra99"],
      ["make lea, pa$$w0rd: s3cr3t!", "s3cr3t"],
      ["make lea, p4ssword Kitten7", "Kitten7"],
      ["make lea, passw0rd Kitten7", "Kitten7"],
      ["new user max, the password must be Blue42sky", "Blue42sky"],
      ["new user max, pwd needs to be Blue42sky", "Blue42sky"],
      ["new user max, his password has to be Blue42sky", "Blue42sky"],
      ["create max secret Tr0ub4dor&3", "Tr0ub4dor"],
      ['create max secret "open sesame"', "sesame"],
    ]) {
      expect(scrubSecrets(s), s).not.toContain(secret);
    }
  });

  it("near misses keep their words", () => {
    for (const s of [
      "the password, and sudo for anna",
      "forgot my password.",
      "my secret santa list",
      "keep my secret stash on the crucial",
      "create anna with sudo, install firefox",
      "pass on git, install vim",
      "install bat_cat and fd",
    ])
      expect(scrubSecrets(s), s).toBe(s);
  });
});
