import { describe, expect, it } from "vitest";
import { TOOLS } from "../../tools/registry.js";

const why = (hostname: string) => {
  const r = TOOLS.setHostname.planArgs.safeParse({ hostname });
  return r.success ? "accepted" : r.error.issues.map((i) => i.message).join(" | ");
};

/**
 * Attack 6 L3: every bad hostname got the same hyphen message (a 64-character label, `a..b`,
 * `a.`), and `1.2.3.4`, `123` and `localhost` were accepted.
 */
describe("hostname errors name the rule broken; addresses and localhost are refused (attack 6 L3)", () => {
  it.each([
    ["a".repeat(64), "at most 63 characters"],
    ["a..b", "no empty part"],
    ["a.", "no empty part"],
    ["-bad", "starts or ends with a hyphen"],
    ["1.2.3.4", "all digits, which resolvers and ssh read as an address"],
    ["123", "such as host123"],
    ["localhost", "localhost names every machine"],
  ])("%s", (h, message) => {
    expect(why(h)).toContain(message);
  });

  it("ordinary names still pass", () => {
    for (const h of ["workstation", "web01.example.com", "a1", "box-2"]) expect(why(h), h).toBe("accepted");
  });
});
