import { describe, expect, it } from "vitest";
import { circles, importGraph } from "./importGraph.js";

/**
 * docs/architecture.md "Floors": imports point down only. The first prefix that matches a file
 * gives its floor; a file may import from its own floor or any floor below.
 */
const FLOORS: readonly [prefix: string, floor: number][] = [
  ["cli/", 7],
  ["eval/", 6],
  ["bench/", 6],
  ["agent/", 5],
  ["grammars/", 4],
  ["tools/", 3],
  // The probe reads installed recipes with the recipe manager's own reader, so it sits above it.
  ["facts/probe/", 2],
  ["leviso/", 1],
  ["recipe/", 1],
  ["facts/", 0],
  ["steps/", 0],
];

function floorOf(file: string): number {
  const hit = FLOORS.find(([prefix]) => file.startsWith(prefix));
  if (!hit) throw new Error(`${file} is on no floor: add its folder to FLOORS and docs/architecture.md`);
  return hit[1];
}

const SOURCE_DIRS = [
  "cli",
  "eval",
  "bench",
  "agent",
  "grammars",
  "tools",
  "leviso",
  "recipe",
  "facts",
  "steps",
];

describe("the import graph", () => {
  const { files, edges } = importGraph(process.cwd(), SOURCE_DIRS);

  it("reads the tree (a sanity check that the scanner sees imports at all)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(300);
  });

  it("has no import that runs upward", () => {
    const upward = edges
      .filter((e) => floorOf(e.to) > floorOf(e.from))
      .map((e) => `${e.from}:${e.line} imports ${e.to} (floor ${floorOf(e.from)} -> ${floorOf(e.to)})`);
    expect(upward).toEqual([]);
  });

  it("has no circle", () => {
    expect(circles(files, edges)).toEqual([]);
  });

  it("has no source file over 800 lines", async () => {
    const { readFileSync } = await import("node:fs");
    const long = files
      .map((f) => ({ f, n: readFileSync(f, "utf8").split("\n").length }))
      .filter(({ n }) => n > 800)
      .map(({ f, n }) => `${f}: ${n} lines`);
    expect(long).toEqual([]);
  });
});
