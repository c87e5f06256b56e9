import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JsonSyntaxError, jsonErrorOffset, lineColumnAt, parseJson } from "../../facts/jsonError.js";
import { FactsFileError, loadFactsFile } from "../../facts/load.js";
import { FactsSchema } from "../../facts/schema.js";
import { readSiblingCreds } from "../../tools/import/archinstall.js";
import { loadPlanFile } from "../../tools/run.js";

const facts = FactsSchema.parse({
  mode: "live",
  disks: [{ path: "/dev/sda", sizeBytes: 500107862016, transport: "sata" }],
  recipes: [],
});

const HASH = "$6$saltsalt$Kq3VhiddenHashTextThatMustNeverBeQuoted";

/** Broken JSON around a password hash, each one a different V8 error. */
const brokenPlans: [string, string, number, number][] = [
  // an unquoted value: Node 20 quotes the text and gives no position
  ["unquoted", `{\n  "mode": "live",\n  "passwordHash": ${HASH.slice(12)}\n}`, 3, 19],
  // a missing comma after the hash
  [
    "missing comma",
    `{\n  "steps": [{"tool": "createUser", "args": {"passwordHash": "${HASH}" "sudo": true}}]\n}`,
    2,
    115,
  ],
  // a raw newline inside the string
  ["control char", `{"passwordHash": "${HASH.slice(0, 10)}\n${HASH.slice(10)}"}`, 1, 29],
  // cut off inside the hash
  ["cut off", `{"mode": "live", "passwordHash": "${HASH.slice(0, 20)}`, 1, 55],
];

describe("JSON syntax errors name line, column and kind, never the text around them", () => {
  it.each(brokenPlans)("%s: a plan file's error quotes no part of the hash", (_name, text, line, column) => {
    const dir = mkdtempSync(join(tmpdir(), "levitate-json-"));
    const path = join(dir, "plan.json");
    writeFileSync(path, text);
    const r = loadPlanFile(path, facts);
    expect(r.ok).toBe(false);
    const out = JSON.stringify(r);
    for (const piece of ["saltsalt", "Kq3V", "hidden", "6$salt", "NeverBe"]) expect(out).not.toContain(piece);
    expect(out).toContain(`at line ${line}, column ${column}`);
    expect(out).toContain(path);
  });

  it("the facts file and archinstall's credentials report the same way", () => {
    const dir = mkdtempSync(join(tmpdir(), "levitate-json-"));
    const factsPath = join(dir, "facts.json");
    writeFileSync(factsPath, `{"mode": "live", "note": secret-in-facts}`);
    expect(() => loadFactsFile(factsPath)).toThrow(FactsFileError);
    expect(() => loadFactsFile(factsPath)).toThrow(/unexpected character at line 1, column 26$/);
    try {
      loadFactsFile(factsPath);
    } catch (e) {
      expect((e as Error).message).not.toContain("secret");
    }
    writeFileSync(join(dir, "user_configuration.json"), "{}");
    writeFileSync(join(dir, "user_credentials.json"), `{\n "!root-password": root-pw-7781\n}`);
    expect(() => readSiblingCreds(join(dir, "user_configuration.json"))).toThrow(
      /user_credentials\.json is not valid JSON: unexpected character at line 2, column 20$/,
    );
  });

  it("parseJson: positions agree with V8 where V8 gives one, and kinds quote nothing", () => {
    for (const text of ['{"a": 1,}', '{"a": 1}x', '{"a": "\\q"}', '{"a": 1.}', "[1, 2", '{"a" 1}', "[tru]"]) {
      let err: unknown;
      try {
        parseJson(text, "f");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(JsonSyntaxError);
      const e = err as JsonSyntaxError;
      let v8: string | undefined;
      try {
        JSON.parse(text);
      } catch (x) {
        v8 = /at position (\d+)/.exec((x as Error).message)?.[1];
      }
      const expected = lineColumnAt(text, v8 !== undefined ? Number(v8) : jsonErrorOffset(text));
      expect([e.line, e.column]).toEqual([expected.line, expected.column]);
      expect(e.kind).not.toMatch(/"/);
    }
    // Where Node gives no position, the scanner finds the first bad character itself.
    for (const [text, at] of [
      ['{"a": 1,}', 8],
      ['{"a": 1}x', 8],
      ['{"a" 1}', 5],
      ['{"a": [1, nope]}', 10],
      ["[", 1],
    ] as const)
      expect(jsonErrorOffset(text), text).toBe(at);
    expect(parseJson('{"ok": [1, "x"]}', "f")).toEqual({ ok: [1, "x"] });
    expect(lineColumnAt("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});
