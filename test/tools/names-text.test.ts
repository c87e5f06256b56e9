import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { safeLines, safeText } from "../../steps/terminalText.js";
import { compilePlan } from "../../tools/compile.js";
import { createUser } from "../../tools/createUser.js";
import { formatPlanErrors, validatePlan } from "../../tools/planFile.js";
import { TOOLS, type ToolCall } from "../../tools/registry.js";
import { renderPlan } from "../../tools/render.js";

const ROOT = join(import.meta.dirname, "../..");
const live = () =>
  FactsSchema.parse(JSON.parse(readFileSync(join(ROOT, "test/agent/fixtures/live-two-disks.json"), "utf8")));
const installed = () =>
  FactsSchema.parse(JSON.parse(readFileSync(join(ROOT, "test/agent/fixtures/installed.json"), "utf8")));

describe("usernames that are system accounts or reserved are refused", () => {
  it.each(["root", "daemon", "bin", "sys", "nobody", "wheel", "adm", "sshd", "systemd-network", "dbus"])(
    "%s",
    (username) => {
      const r = createUser.args.safeParse({ username });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toContain("system account");
    },
  );

  it("a person's name is fine", () => {
    expect(createUser.args.safeParse({ username: "alice" }).success).toBe(true);
    expect(createUser.args.safeParse({ username: "binny" }).success).toBe(true);
  });
});

describe("NUL and control characters in any plan field are refused, naming the field", () => {
  it.each([
    [
      "fullName",
      { username: "alice", fullName: "Al\u001b]0;pwned\u0007ice" },
      "steps[0].args.fullName",
      "ESC",
    ],
    ["username", { username: "al\u0000ice" }, "steps[0].args.username", "NUL"],
    ["a group", { username: "alice", groups: ["wheel\n"] }, "steps[0].args.groups[0]", "a newline"],
  ])("%s", (_what, args, path, name) => {
    const r = validatePlan(
      { version: 1, mode: "installed", steps: [{ tool: "createUser", args }] },
      installed(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.path === path);
    expect(e?.message).toContain(name);
    // Nothing printable carries the character back out.
    expect(JSON.stringify(r.errors.map((x) => x.message))).not.toMatch(/\\u001b|\\u0000/);
  });
});

describe("plan errors quote the file's text without its control characters", () => {
  it("an unknown field whose name holds an escape sequence", () => {
    const r = validatePlan(
      {
        version: 1,
        mode: "installed",
        steps: [{ tool: "setHostname", args: { hostname: "atlas", "\u001b[2J": 1 } }],
      },
      installed(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = formatPlanErrors("plan.json", r.errors);
    expect(text).not.toContain("\u001b");
    expect(text).toContain("\\x1b[2J");
    expect(text).toContain("a field name contains a control character");
  });
});

describe("a broken plan file gets every error at once", () => {
  it("a schema error in one step does not hide that another step's disk does not exist", () => {
    const r = validatePlan(
      {
        version: 1,
        mode: "live",
        steps: [
          { tool: "createUser", args: { username: "Bad Name" } },
          { tool: "partitionDisk", args: { disk: "/dev/sdz" } },
          { tool: "setHostname", args: { hostname: "atlas", extra: 1 } },
        ],
      },
      live(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toContain("steps[0].args.username");
    expect(paths).toContain("steps[2].args");
    expect(r.errors.find((e) => e.path === "steps[1].args.disk")?.message).toBe(
      "no disk /dev/sdz on this machine",
    );
  });
});

describe("text from recipes, facts and the model is printed with control sequences neutralised", () => {
  it("safeText and safeLines", () => {
    expect(safeText("a\u001b[2Jb\nc\u009bd\u202ee")).toBe("a\\x1b[2Jb\\nc\\x9bd\\u202ee");
    expect(safeLines("one\u001b[1A\ntwo\r")).toBe("one\\x1b[1A\ntwo\\r");
  });

  it("the plan renderer: a disk model and a label from the facts cannot rewrite the confirmation", () => {
    const facts = live();
    const disk = facts.disks[1]!;
    disk.model = "CT500\u001b[1A\u001b[2KNOT A DISK";
    const args = TOOLS.partitionDisk.args.parse({ disk: disk.path });
    const r = compilePlan([{ tool: "partitionDisk", args } as ToolCall], facts, { target: "/mnt" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = renderPlan(r.plan, { color: false, verbose: true });
    expect(text).not.toContain("\u001b");
    expect(text).toContain("CT500\\x1b[1A\\x1b[2KNOT A DISK");
  });
});

describe("a hostile plan file nested 100,000 levels deep", () => {
  const facts = FactsSchema.parse({
    mode: "live",
    disks: [{ path: "/dev/sda", sizeBytes: 500e9 }],
    recipes: ["ripgrep"],
  });
  const deep = (n: number): unknown => JSON.parse(`${"[".repeat(n)}${"]".repeat(n)}`);

  it("gets one message, not a stack overflow, at the top level and inside args", () => {
    const top = validatePlan(deep(100_000), facts);
    expect(top.ok).toBe(false);
    const inside = validatePlan(
      {
        version: 1,
        mode: "live",
        steps: [{ tool: "createUser", args: { username: "kim", groups: deep(100_000) } }],
      },
      facts,
    );
    expect(inside.ok).toBe(false);
    if (!inside.ok)
      expect(inside.errors.map((e) => e.message).join("\n")).toMatch(/nested more than 32 levels deep/);
  });
});
