import { describe, expect, it } from "vitest";
import type { Expect } from "../../eval/dataset.js";
import { confusionPairs, normalize, type Predicted, scoreTurn } from "../../eval/score.js";

const calls = (...c: { tool: string; args: Record<string, unknown> }[]) => ({ calls: c }) as Predicted;
const want = (...c: { tool: string; args: Record<string, unknown> }[]) => ({ calls: c }) as Expect;
const part = (args: Record<string, unknown>) => ({ tool: "partitionDisk", args });
const user = (args: Record<string, unknown>) => ({ tool: "createUser", args });
const inst = (name: string) => ({ tool: "installRecipe", args: { name } });

describe("scoreTurn: calls", () => {
  it("ignores the order of args", () => {
    const e = want(user({ username: "vince", sudo: true }));
    expect(scoreTurn(e, calls(user({ sudo: true, username: "vince" }))).correct).toBe(true);
  });

  it("compares strings trimmed and case-insensitive", () => {
    const e = want(user({ username: "vince", fullName: "Vince Smith" }));
    expect(scoreTurn(e, calls(user({ username: " vince ", fullName: "vince SMITH  " }))).correct).toBe(true);
    expect(scoreTurn(e, calls(user({ username: "vince", fullName: "Vince Smyth" }))).correct).toBe(false);
  });

  it("does not strip inner whitespace or punctuation (only trims)", () => {
    const e = want({ tool: "setHostname", args: { hostname: "kitchen-pc" } });
    expect(scoreTurn(e, calls({ tool: "setHostname", args: { hostname: "kitchenpc" } })).correct).toBe(false);
  });

  it("compares sizes as bytes: 500G equals 512000M and 536870912000 bytes", () => {
    const e = want(part({ disk: "/dev/sda", swapSize: "500G" }));
    expect(scoreTurn(e, calls(part({ disk: "/dev/sda", swapSize: "512000M" }))).correct).toBe(true);
    expect(
      scoreTurn(
        want(part({ disk: "/dev/sda", swapSize: 536870912000 })),
        calls(part({ disk: "/dev/sda", swapSize: "500G" })),
      ).correct,
    ).toBe(true);
    expect(scoreTurn(e, calls(part({ disk: "/dev/sda", swapSize: "0.5T" }))).correct).toBe(false);
    const r = scoreTurn(e, calls(part({ disk: "/dev/sda", swapSize: "50G" })));
    expect(r.correct).toBe(false);
    expect(r.reason).toContain("swapSize");
  });

  it("accepts any value of anyOf", () => {
    const e = want({ tool: "setLocale", args: { timezone: { anyOf: ["UTC", "Etc/UTC"] } } });
    expect(scoreTurn(e, calls({ tool: "setLocale", args: { timezone: "Etc/UTC" } })).correct).toBe(true);
    expect(scoreTurn(e, calls({ tool: "setLocale", args: { timezone: "utc" } })).correct).toBe(true);
    expect(scoreTurn(e, calls({ tool: "setLocale", args: { timezone: "Europe/London" } })).correct).toBe(
      false,
    );
  });

  it("treats a predicted arg the expectation lacks as right only when it equals the tool's default", () => {
    const e = want(part({ disk: "/dev/sda" }));
    // defaults filled in, as parseDecision does
    const withDefaults = {
      disk: "/dev/sda",
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      efiSize: "1G",
    };
    expect(scoreTurn(e, calls(part(withDefaults))).correct).toBe(true);
    expect(scoreTurn(e, calls(part({ ...withDefaults, efiSize: "1024M" }))).correct).toBe(true);
    const r = scoreTurn(e, calls(part({ ...withDefaults, filesystem: "btrfs" })));
    expect(r.correct).toBe(false);
    expect(r.reason).toMatch(/filesystem.*default "ext4"/);
  });

  it("treats an expected arg the prediction leaves out as the default", () => {
    expect(
      scoreTurn(want(part({ disk: "/dev/sda", filesystem: "ext4" })), calls(part({ disk: "/dev/sda" })))
        .correct,
    ).toBe(true);
    expect(
      scoreTurn(want(part({ disk: "/dev/sda", filesystem: "btrfs" })), calls(part({ disk: "/dev/sda" })))
        .correct,
    ).toBe(false);
    expect(
      scoreTurn(want(user({ username: "bob", sudo: false })), calls(user({ username: "bob" }))).correct,
    ).toBe(true);
  });

  it("fails an unexpected arg that has no default, and an arg outside the schema", () => {
    const e = want(user({ username: "vince" }));
    const r = scoreTurn(e, calls(user({ username: "vince", fullName: "Vince" })));
    expect(r.correct).toBe(false);
    expect(r.reason).toContain("fullName: unexpected arg");
    const r2 = scoreTurn(e, calls(user({ username: "vince", password: "x" })));
    expect(r2.correct).toBe(false);
    expect(r2.reason).toContain("not in createUser's schema");
  });

  it("fails a missing required arg", () => {
    const r = scoreTurn(want(part({ disk: "/dev/sda" })), calls(part({ filesystem: "ext4" })));
    expect(r.correct).toBe(false);
    expect(r.toolsRight).toBe(true);
    expect(r.reason).toContain('disk: expected "/dev/sda", got (absent)');
  });

  it("compares arrays as sets", () => {
    const e = want(user({ username: "dev", groups: ["docker", "video"] }));
    expect(
      scoreTurn(e, calls(user({ username: "dev", groups: ["Video", "docker", "docker"] }))).correct,
    ).toBe(true);
    expect(scoreTurn(e, calls(user({ username: "dev", groups: ["docker"] }))).correct).toBe(false);
    expect(
      scoreTurn(want(user({ username: "dev" })), calls(user({ username: "dev", groups: [] }))).correct,
    ).toBe(true);
  });

  it("matches parallel calls in any order, same count", () => {
    const e = want(inst("fd"), inst("bat"), { tool: "setHostname", args: { hostname: "atlas" } });
    const p = calls({ tool: "setHostname", args: { hostname: "atlas" } }, inst("bat"), inst("fd"));
    expect(scoreTurn(e, p)).toEqual({ correct: true, toolsRight: true });
    const dup = scoreTurn(
      e,
      calls(inst("fd"), inst("fd"), { tool: "setHostname", args: { hostname: "atlas" } }),
    );
    expect(dup.correct).toBe(false);
    expect(dup.toolsRight).toBe(true);
    expect(dup.reason).toContain('expected "bat", got "fd"');
    const fewer = scoreTurn(e, calls(inst("fd"), inst("bat")));
    expect(fewer).toMatchObject({ correct: false, toolsRight: false });
    const more = scoreTurn(want(inst("fd")), calls(inst("fd"), inst("fd")));
    expect(more).toMatchObject({ correct: false, toolsRight: false });
  });

  it("pairs same-tool calls by args, not by position", () => {
    const e = want(user({ username: "anna", sudo: true }), user({ username: "bob" }));
    expect(
      scoreTurn(e, calls(user({ username: "bob", sudo: false }), user({ username: "anna", sudo: true })))
        .correct,
    ).toBe(true);
    expect(
      scoreTurn(e, calls(user({ username: "bob", sudo: true }), user({ username: "anna", sudo: false })))
        .correct,
    ).toBe(false);
  });

  it("fails the wrong tool, and a reply or confirm where calls were expected", () => {
    expect(scoreTurn(want(inst("fd")), calls({ tool: "removeRecipe", args: { name: "fd" } }))).toMatchObject({
      correct: false,
      toolsRight: false,
    });
    expect(scoreTurn(want(inst("fd")), { reply: "ok" }).reason).toBe("expected calls, got a reply");
    expect(scoreTurn(want(inst("fd")), { confirm: true }).correct).toBe(false);
    expect(scoreTurn(want(inst("fd")), undefined).correct).toBe(false);
    expect(scoreTurn(want(inst("fd")), calls({ tool: "runShell", args: {} })).reason).toContain(
      "unknown tool runShell",
    );
  });
});

describe("scoreTurn: reply and confirm", () => {
  it("a reply expectation is met by any reply and by nothing else", () => {
    expect(scoreTurn({ reply: true }, { reply: "Which disk?" }).correct).toBe(true);
    expect(scoreTurn({ reply: true }, calls(inst("fd"))).reason).toBe(
      "expected a reply, got calls installRecipe",
    );
    expect(scoreTurn({ reply: true }, { confirm: false }).correct).toBe(false);
    expect(scoreTurn({ reply: true }, undefined).correct).toBe(false);
  });

  it("a confirm expectation needs that exact value", () => {
    expect(scoreTurn({ confirm: true }, { confirm: true }).correct).toBe(true);
    expect(scoreTurn({ confirm: false }, { confirm: false }).correct).toBe(true);
    expect(scoreTurn({ confirm: true }, { confirm: false }).reason).toBe(
      "expected confirm true, got confirm false",
    );
    expect(scoreTurn({ confirm: false }, { confirm: true }).correct).toBe(false);
    expect(scoreTurn({ confirm: true }, { reply: "yes" }).correct).toBe(false);
  });
});

describe("normalize and confusion", () => {
  it("normalizes by kind", () => {
    expect(normalize(" De ", "string")).toBe("de");
    expect(normalize("1G", "size")).toBe(1024 ** 3);
    expect(normalize(["b", "A", "a"], "array")).toEqual(['"a"', '"b"']);
  });

  it("pairs expected and predicted labels, diagonal first", () => {
    expect(
      confusionPairs(want(inst("fd"), user({ username: "x" })), calls(user({ username: "x" }), inst("fd"))),
    ).toEqual([
      ["installRecipe", "installRecipe"],
      ["createUser", "createUser"],
    ]);
    expect(confusionPairs({ reply: true }, calls(inst("fd"), inst("bat")))).toEqual([
      ["(reply)", "installRecipe"],
      ["(none)", "installRecipe"],
    ]);
    expect(confusionPairs({ confirm: true }, undefined)).toEqual([["(confirm)", "(error)"]]);
  });
});
