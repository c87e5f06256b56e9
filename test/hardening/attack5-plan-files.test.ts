import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { duplicateKeys } from "../../tools/duplicateKeys.js";
import { loadPlanFile } from "../../tools/run.js";

/**
 * Attacker 5, F15: duplicate keys in a plan file were accepted and the last one won, even a second
 * "steps" array; F7: hostnames of 65-253 characters were accepted, longer than the kernel keeps.
 */

const facts = FactsSchema.parse({
  mode: "live",
  disks: [
    { path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO 500GB", partitions: [] },
    { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "WD_BLACK", partitions: [] },
  ],
});
const dir = mkdtempSync(join(tmpdir(), "attack5-plans-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const load = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return loadPlanFile(path, facts, { target: join(dir, "mnt") });
};

describe("a key given twice in a plan file is refused, named by its path", () => {
  it("the attacker's file: two disks, two sudo values, two steps arrays", () => {
    const r = load(
      "dup.json",
      `{"version":1,"mode":"live","steps":[
{"tool":"partitionDisk","args":{"disk":"/dev/nvme0n1","disk":"/dev/sda"}},
{"tool":"setHostname","args":{"hostname":"a","hostname":"b"}}
],"steps":[{"tool":"partitionDisk","args":{"disk":"/dev/sda"}}]}`,
    );
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => e.path)).toEqual(["steps[0].args.disk", "steps[1].args.hostname", "steps"]);
    expect(errors[0]?.message).toMatch(/"disk" is given twice/);
  });

  it("the same plan without the duplicates is valid", () => {
    const r = load(
      "ok.json",
      `{"version":1,"mode":"live","steps":[{"tool":"partitionDisk","args":{"disk":"/dev/sda"}}]}`,
    );
    expect(r.ok).toBe(true);
  });

  it("equal keys in different objects, escaped quotes and keys inside strings are no duplicates", () => {
    expect(
      duplicateKeys(JSON.stringify({ a: [{ b: 1 }, { b: 2 }], c: 'say "b": 1, "b": 2', d: { a: 1 } })),
    ).toEqual([]);
    expect(duplicateKeys('{"a\\"b":1,"a\\"b":2}')).toEqual(['a"b']);
  });
});

describe("a hostname longer than the kernel keeps is refused", () => {
  const plan = (hostname: string) =>
    JSON.stringify({ version: 1, mode: "live", steps: [{ tool: "setHostname", args: { hostname } }] });
  it("64 characters pass", () => {
    const r = load("h64.json", plan(`${"a".repeat(62)}.b`));
    // a live plan without a disk may be refused for that; never for the hostname
    expect((r.ok ? [] : r.errors).filter((e) => /hostname/.test(e.path))).toEqual([]);
  });
  it.each([65, 128, 253])("%i characters are refused at args.hostname", (n) => {
    const r = load(`h${n}.json`, plan(`${"a".repeat(61)}.${"b".repeat(n - 62)}`));
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.some((e) => /hostname/.test(e.path) && /at most 64 characters/.test(e.message))).toBe(true);
  });
});
