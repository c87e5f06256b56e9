import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { compilePlan } from "../../tools/compile.js";
import { langpackOf } from "../../tools/langpack.js";
import type { ToolCall } from "../../tools/registry.js";

/**
 * Attacker 7 M4: a live plan with `setLocale de_DE.UTF-8` wrote LANG=de_DE.UTF-8, but the new
 * system got only glibc-langpack-en (the base set), so the locale did not exist there and
 * everything fell back to C. A locale in another language now brings its glibc language pack
 * (a recipe installed with the base), or the plan says before confirmation that the language
 * will be missing until its pack is installed (refusing made every other language uninstallable
 * from the shipped ISO, which carries English only).
 */

const GiB = 1024 ** 3;
const PD = {
  disk: "/dev/a7disk",
  use: "whole",
  filesystem: "ext4",
  encrypt: false,
  separateHome: false,
} as const;
const facts = (recipes: string[]): Facts =>
  FactsSchema.parse({
    mode: "live",
    firmware: "uefi",
    disks: [{ path: "/dev/a7disk", sizeBytes: 500 * GiB, model: "disk" }],
    users: ["root"],
    recipes,
  });
const plan = (locale: string): ToolCall[] => [
  { tool: "partitionDisk", args: PD },
  { tool: "setLocale", args: { locale, keymap: "de", timezone: "Europe/Berlin" } },
];

describe("a non-English locale on a live install", () => {
  it("is said in the plan, never silently missing, when no recipe brings its language pack", () => {
    for (const locale of ["de_DE.UTF-8", "fr_CA.UTF-8", "ast_ES.UTF-8", "sr_RS.UTF-8@latin"]) {
      const r = compilePlan(plan(locale), facts(["ripgrep"]));
      expect(r.ok, locale).toBe(true);
      if (!r.ok) continue;
      const note = r.plan.notes.find((n) => n.startsWith(`${locale} needs the language pack`));
      expect(note, locale).toContain(langpackOf(locale));
      expect(note).toMatch(/programs speak English \(C\.UTF-8\) until `recipe install glibc-langpack-/);
      expect(note).toMatch(/Languages this repository can give now: en$/);
      expect(r.plan.steps.some((s) => s.id.startsWith("install.langpack"))).toBe(false);
    }
  });

  it("names the languages that are available", () => {
    const r = compilePlan(plan("it_IT.UTF-8"), facts(["glibc-langpack-fr", "glibc-langpack-de"]));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.plan.notes.join("\n")).toMatch(/can give now: en, fr, de$/m);
  });

  it("installs the pack with the base system when its recipe is there, and says so", () => {
    const r = compilePlan(plan("de_AT.UTF-8"), facts(["glibc-langpack-de"]));
    expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
    if (!r.ok) return;
    const ids = r.plan.steps.map((s) => s.id);
    const pack = ids.indexOf("install.langpack.glibc-langpack-de");
    expect(pack).toBeGreaterThan(ids.indexOf("install.bootstrap"));
    expect(pack).toBeLessThan(ids.findIndex((id) => id.startsWith("setLocale")));
    expect(r.plan.steps[pack]?.action).toMatchObject({
      kind: "recipe",
      op: "install",
      name: "glibc-langpack-de",
    });
    expect(r.plan.notes.join("\n")).toMatch(/added: glibc-langpack-de, the language pack/);
  });

  it("English locales and plans without a locale need nothing more", () => {
    for (const locale of ["en_US.UTF-8", "en_GB.UTF-8", "en_IN"]) {
      const r = compilePlan(plan(locale), facts([]));
      expect(r.ok, locale).toBe(true);
      if (r.ok) expect(r.plan.steps.some((s) => s.id.startsWith("install.langpack"))).toBe(false);
    }
    const kb: ToolCall[] = [
      { tool: "partitionDisk", args: PD },
      { tool: "setLocale", args: { keymap: "de" } },
    ];
    expect(compilePlan(kb, facts([])).ok).toBe(true);
  });
});

describe("levitate install --plan with a German locale and no language pack", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "attack7-langpack-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("shows the missing pack in the dry run, next to the locale it writes", async () => {
    const planFile = join(dir, "plan.json");
    const factsFile = join(dir, "facts.json");
    writeFileSync(
      planFile,
      JSON.stringify({ version: 1, mode: "live", target: join(dir, "t"), steps: plan("de_DE.UTF-8") }),
    );
    writeFileSync(factsFile, JSON.stringify({ ...facts(["ripgrep"]), target: join(dir, "t") }));
    const r = await execa(
      "npx",
      ["tsx", "cli/levitate.ts", "install", "--plan", planFile, "--facts", factsFile, "--dry-run"],
      { reject: false },
    );
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.exitCode, out).toBe(0);
    expect(out).toMatch(
      /de_DE\.UTF-8 needs the language pack glibc-langpack-de, which this repository has no recipe for/,
    );
    expect(out).toMatch(/LANG=de_DE\.UTF-8/);
  }, 180_000);
});
