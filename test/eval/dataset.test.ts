import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATA_DIR, renderDataset, SOURCES } from "../../eval/data/src/write.js";
import { CATEGORIES_V1, DatasetError, loadDataset, parseDataset } from "../../eval/dataset.js";

const facts = {
  mode: "live",
  disks: [{ path: "/dev/sda", sizeBytes: 500107862016 }],
  recipes: ["fd", "bat"],
};
const line = (turns: unknown[], more: Record<string, unknown> = {}) =>
  JSON.stringify({ id: "t-1", category: "simple", facts, turns, ...more });

function errorsOf(text: string): string[] {
  try {
    parseDataset(text, "t.jsonl");
  } catch (e) {
    if (e instanceof DatasetError) return e.errors;
    throw e;
  }
  return [];
}

describe("data set validation", () => {
  it("accepts a valid record and fills the facts' defaults", () => {
    const [d] = parseDataset(
      line([{ user: "add fd", expect: { calls: [{ tool: "installRecipe", args: { name: "fd" } }] } }]),
      "t.jsonl",
    );
    expect(d!.facts.users).toEqual(["root"]);
    expect(d!.source).toBe("t.jsonl:1");
  });

  it("names the line of an unknown tool", () => {
    const text = `\n${line([{ user: "x", expect: { calls: [{ tool: "runShell", args: { cmd: "ls" } }] } }])}`;
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(/^line 2 \(t-1\): turns\[0\]\.calls\[0\]: unknown tool "runShell"/),
    ]);
  });

  it("names an arg that is not in the tool's schema", () => {
    const errs = errorsOf(
      line([
        { user: "x", expect: { calls: [{ tool: "partitionDisk", args: { disk: "/dev/sda", fs: "xfs" } }] } },
      ]),
    );
    expect(errs).toEqual([
      expect.stringContaining('line 1 (t-1): turns[0].calls[0].args.fs: "fs" is not an arg of partitionDisk'),
    ]);
  });

  it("names a disk or a recipe that is not in the record's facts", () => {
    const errs = errorsOf(
      line([
        { user: "x", expect: { calls: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }] } },
        {
          user: "y",
          expect: { calls: [{ tool: "installRecipe", args: { name: { anyOf: ["fd", "ripgrep"] } } }] },
        },
      ]),
    );
    expect(errs).toEqual([
      expect.stringContaining(
        "line 1 (t-1): turns[0].calls[0].args.disk: no disk /dev/nvme0n1 in this record's facts",
      ),
      expect.stringContaining(
        "line 1 (t-1): turns[1].calls[0].args.name: no recipe ripgrep in this record's facts.recipes",
      ),
    ]);
  });

  it("rejects values the schema refuses, a missing required arg, a tool outside the mode, a confirm with nothing pending", () => {
    const errs = errorsOf(
      line([
        { user: "a", expect: { confirm: true } },
        { user: "b", expect: { calls: [{ tool: "createUser", args: { username: "Vince!" } }] } },
        { user: "c", expect: { calls: [{ tool: "createUser", args: { sudo: true } }] } },
        { user: "d", expect: { calls: [{ tool: "removeRecipe", args: { name: "fd" } }] } },
        {
          user: "e",
          expect: { calls: [{ tool: "partitionDisk", args: { disk: "/dev/sda", swapSize: "8 gigs" } }] },
        },
      ]),
    );
    expect(errs.join("\n")).toMatch(/turns\[0\]: expects a confirm but no plan is pending/);
    expect(errs.join("\n")).toMatch(/turns\[1\]\.calls\[0\]\.args\.username: "Vince!" is not valid/);
    expect(errs.join("\n")).toMatch(/turns\[2\]\.calls\[0\]: createUser needs "username"/);
    expect(errs.join("\n")).toMatch(/turns\[3\]\.calls\[0\]: removeRecipe is not available in live mode/);
    expect(errs.join("\n")).toMatch(/turns\[4\]\.calls\[0\]\.args\.swapSize: "8 gigs" is not valid/);
    expect(errs).toHaveLength(6); // removeRecipe: also "fd is not in facts.installed"
  });

  it("reports bad JSON, bad records and duplicate ids with their lines, all at once", () => {
    const ok = line([{ user: "hi", expect: { reply: true } }]);
    const errs = errorsOf(
      [
        ok,
        "{nope",
        ok,
        line([{ user: "hi", expect: { reply: false } }], { id: "t-2" }),
        line([], { id: "t-3", category: "chitchat" }),
      ].join("\n"),
    );
    expect(errs[0]).toMatch(/^line 2: not valid JSON/);
    expect(errs[1]).toBe('line 3: id "t-1" is also used on line 1');
    expect(errs.some((e) => e.startsWith("line 4: turns[0].expect"))).toBe(true);
    expect(errs.some((e) => e.startsWith("line 5: category"))).toBe(true);
    expect(errs.some((e) => e.startsWith("line 5: turns"))).toBe(true);
  });
});

describe("the committed data sets", () => {
  const count = (file: string) => {
    const ds = loadDataset(join(DATA_DIR, file));
    return { ds, turns: ds.reduce((n, d) => n + d.turns.length, 0) };
  };

  it("dev.jsonl loads, has at least 250 turns and every category", () => {
    const { ds, turns } = count("dev.jsonl");
    expect(turns).toBeGreaterThanOrEqual(250);
    expect(new Set(ds.map((d) => d.category))).toEqual(new Set(CATEGORIES_V1));
    expect(new Set(ds.map((d) => d.facts.mode))).toEqual(new Set(["live", "installed"]));
  });

  it("heldout.jsonl loads, has at least 80 turns and every category", () => {
    const { ds, turns } = count("heldout.jsonl");
    expect(turns).toBeGreaterThanOrEqual(80);
    expect(new Set(ds.map((d) => d.category))).toEqual(new Set(CATEGORIES_V1));
  });

  it("dev2.jsonl loads, has at least 150 turns and every category", () => {
    const { ds, turns } = count("dev2.jsonl");
    expect(turns).toBeGreaterThanOrEqual(150);
    expect(new Set(ds.map((d) => d.category))).toEqual(new Set(CATEGORIES_V1));
  });

  it("dev3.jsonl loads, has at least 120 turns, every category and both modes", () => {
    const { ds, turns } = count("dev3.jsonl");
    expect(turns).toBeGreaterThanOrEqual(120);
    expect(new Set(ds.map((d) => d.category))).toEqual(new Set(CATEGORIES_V1));
    expect(new Set(ds.map((d) => d.facts.mode))).toEqual(new Set(["live", "installed"]));
  });

  it("heldout2.jsonl loads, has at least 120 turns, every category and both modes", () => {
    const { ds, turns } = count("heldout2.jsonl");
    expect(turns).toBeGreaterThanOrEqual(120);
    expect(new Set(ds.map((d) => d.category))).toEqual(new Set(CATEGORIES_V1));
    expect(new Set(ds.map((d) => d.facts.mode))).toEqual(new Set(["live", "installed"]));
  });

  it("heldout3.jsonl loads, has at least 100 turns, every category and both modes", () => {
    const { ds, turns } = count("heldout3.jsonl");
    expect(turns).toBeGreaterThanOrEqual(100);
    expect(new Set(ds.map((d) => d.category))).toEqual(new Set(CATEGORIES_V1));
    expect(new Set(ds.map((d) => d.facts.mode))).toEqual(new Set(["live", "installed"]));
  });

  // Only the overlap is reported: a held-out sentence is never printed unless a dev set has it too.
  it.each([
    ["dev.jsonl", "heldout.jsonl"],
    ["dev2.jsonl", "heldout.jsonl"],
    ["dev.jsonl", "dev2.jsonl"],
    ["dev.jsonl", "heldout2.jsonl"],
    ["dev2.jsonl", "heldout2.jsonl"],
    ["heldout.jsonl", "heldout2.jsonl"],
    ["dev.jsonl", "dev3.jsonl"],
    ["dev2.jsonl", "dev3.jsonl"],
    ["heldout.jsonl", "dev3.jsonl"],
    ["heldout2.jsonl", "dev3.jsonl"],
    ["dev.jsonl", "heldout3.jsonl"],
    ["dev2.jsonl", "heldout3.jsonl"],
    ["dev3.jsonl", "heldout3.jsonl"],
    ["heldout.jsonl", "heldout3.jsonl"],
    ["heldout2.jsonl", "heldout3.jsonl"],
  ])("%s and %s share no dialogue id and no user text", (a, b) => {
    const first = count(a).ds;
    const second = count(b).ds;
    const ids = new Set(first.map((d) => d.id));
    expect(second.filter((d) => ids.has(d.id)).map((d) => d.id)).toEqual([]);
    const texts = new Set(first.flatMap((d) => d.turns.map((t) => t.user.toLowerCase())));
    const common = ["yes", "no", "y", "n", "ok", "do it", "go ahead", "yes please", "confirm", "cancel"];
    const shared = second
      .flatMap((d) => d.turns.map((t) => t.user.toLowerCase()))
      .filter((u) => texts.has(u) && !common.includes(u));
    expect(shared).toEqual([]);
  });

  it("the JSONL files are what eval/data/src writes (run `npx tsx eval/data/src/write.ts` after editing)", () => {
    for (const [file, dialogues] of Object.entries(SOURCES)) {
      expect(readFileSync(join(DATA_DIR, file), "utf8"), file).toBe(renderDataset(dialogues));
    }
  });
});
