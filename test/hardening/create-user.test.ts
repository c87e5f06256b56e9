import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { formatPlanErrors, validatePlan } from "../../tools/planFile.js";
import { TOOLS } from "../../tools/registry.js";

const facts = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [{ path: "/dev/sda", sizeBytes: 500e9, model: "Disk" }],
});
/** `openssl passwd -6 -salt saltsalt test`. */
const GOOD6 =
  "$6$saltsalt$JcVDtuB6d1BHhCd5RPBh8g8xX/1CbY8EU2PN0MTaj2/Mypw4P./C6dN4j0HALhzBDTocyW1Jm.gYaTPjFGCV40";
const GOOD_Y = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7";

function errorsOf(args: Record<string, unknown>): string {
  const r = validatePlan({ version: 1, mode: "live", steps: [{ tool: "createUser", args }] }, facts);
  return r.ok ? "" : formatPlanErrors("u.json", r.errors);
}

describe("createUser groups (attack M1)", () => {
  it("wheel with sudo false is refused, with the hint to use sudo: true", () => {
    const e = errorsOf({ username: "bob", sudo: false, groups: ["wheel"] });
    expect(e).toContain('the wheel group lets its members use sudo: set "sudo": true instead');
    // The model's own arguments are held to the same rule.
    expect(TOOLS.createUser.args.safeParse({ username: "bob", groups: ["wheel"] }).success).toBe(false);
  });

  it("wheel with sudo true is accepted", () => {
    expect(errorsOf({ username: "bob", sudo: true, groups: ["wheel"] })).toBe("");
  });

  it("root-equivalent groups (disk, root, shadow, kmem) are refused, each named with why", () => {
    const e = errorsOf({ username: "bob", sudo: true, groups: ["disk", "root", "shadow", "kmem", "video"] });
    expect(e).toContain("the disk group is as good as root (raw read and write access to every disk)");
    expect(e).toContain("the root group is as good as root");
    expect(e).toContain("the shadow group is as good as root");
    expect(e).toContain("the kmem group is as good as root");
    expect(e).not.toContain("video");
    expect(errorsOf({ username: "bob", groups: ["video", "audio"] })).toBe("");
  });
});

describe("createUser passwordHash structure (attack M2)", () => {
  it("well-formed $6$ and $y$ hashes pass, with or without rounds", () => {
    expect(errorsOf({ username: "bob", passwordHash: GOOD6 })).toBe("");
    expect(errorsOf({ username: "bob", passwordHash: GOOD6.replace("$6$", "$6$rounds=10000$") })).toBe("");
    expect(errorsOf({ username: "bob", passwordHash: GOOD_Y })).toBe("");
  });

  it.each([
    ["only dollars", "$6$$$$$$$$$$$$", "is not a whole SHA-512 crypt hash"],
    [
      "a truncated hash with a huge rounds count",
      "$6$rounds=999999999$abcdefgh$xyz",
      "is not a whole SHA-512 crypt hash",
    ],
    [
      "a whole hash with a huge rounds count",
      GOOD6.replace("$6$", "$6$rounds=999999999$"),
      "has rounds=999999999; use 1000 to 1000000",
    ],
    ["a hash cut short", GOOD6.slice(0, -1), "is not a whole SHA-512 crypt hash"],
    ["a yescrypt hash cut short", GOOD_Y.slice(0, -2), "is not a whole yescrypt hash"],
  ])("%s is refused, and the hash is never quoted", (_what, hash, message) => {
    const e = errorsOf({ username: "bob", passwordHash: hash });
    expect(e).toContain(message);
    expect(e).toContain("openssl passwd -6");
    expect(e).not.toContain(hash);
  });
});
