import { describe, expect, it } from "vitest";
import { kickstartAsWords } from "../../agent/rules/kickstartLines.js";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 7 W29-W31 and the last tester's known wrong readings: kickstart lines typed in the chat
 * ("network --hostname=box1", "user --name=ana --groups=wheel", "timezone Europe/Berlin --utc") are
 * read as the settings they set (agent/rules/kickstartLines.ts), and a setting said while my
 * question about a user's name is open answers no name ("keyboard de" made a user "de"); family
 * words after a creating verb are the names as given ("create mom and dad, both admins",
 * agent/rules/familyAccounts.ts); "same for her sister mia", "mia, same as before" repeat the last
 * account for mia (agent/rules/sameAsBefore.ts). Machine: the tester's live machine (findings8-c).
 */
const LIVE = fixtureFacts("findings8-c");
const START = "install on the empty disk";
type Create = Extract<PlanCall, { tool: "createUser" }>;
const accounts = (cs: readonly PlanCall[]) =>
  Object.fromEntries(
    cs.filter((c): c is Create => c.tool === "createUser").map((c) => [c.args.username, c.args.sudo]),
  );
const tools = (cs: readonly PlanCall[]) => cs.map((c) => c.tool);

describe("kickstart lines are the settings they set", () => {
  const cases: [string, PlanCall][] = [
    ["network --hostname=box1", { tool: "setHostname", args: { hostname: "box1" } }],
    ["network --bootproto=dhcp --hostname box2", { tool: "setHostname", args: { hostname: "box2" } }],
    ["timezone Europe/Berlin --utc", { tool: "setLocale", args: { timezone: "Europe/Berlin" } }],
    ["keyboard --vckeymap=de --xlayouts='de'", { tool: "setLocale", args: { keymap: "de" } }],
  ];
  for (const [line, call] of cases)
    it(`"${line}"`, async () => {
      const { conv } = await dialogue(LIVE, [START, line]);
      expect(conv.pending).toContainEqual(call);
    });
  it('"user --name=ana --groups=wheel" creates ana with sudo; without wheel, without', async () => {
    expect(accounts((await dialogue(LIVE, [START, "user --name=ana --groups=wheel"])).conv.pending)).toEqual({
      ana: true,
    });
    expect(accounts((await dialogue(LIVE, [START, "user --name=bo --groups=video"])).conv.pending)).toEqual({
      bo: false,
    });
  });
  it("the reader restates only lines it knows, and leaves the disk lines as typed", () => {
    expect(kickstartAsWords("clearpart --all --drives=sda")).toBeUndefined();
    expect(kickstartAsWords("add user ana")).toBeUndefined();
    expect(kickstartAsWords("%packages git vim %end")).toBe("install git and vim");
  });
});

describe("a setting said while my name question is open answers no name", () => {
  for (const [line, tool] of [
    ["keyboard de", "setLocale"],
    ["network --hostname=box1", "setHostname"],
    ["timezone Europe/Berlin", "setLocale"],
    ["lang de_DE.UTF-8", "setLocale"],
    ["hostname box1", "setHostname"],
  ] as const)
    it(`"add a user" → name question → "${line}": ${tool}, no user`, async () => {
      const { conv } = await dialogue(LIVE, [START, "add a user", line]);
      expect(tools(conv.pending)).toContain(tool);
      expect(accounts(conv.pending)).toEqual({});
    });
  it("a name still answers it", async () => {
    const { conv } = await dialogue(LIVE, [START, "add a user", "berta"]);
    expect(accounts(conv.pending)).toEqual({ berta: false });
  });
  it('"user --name=jan --groups=wheel" then "network --hostname=box1": jan with sudo, host box1', async () => {
    const { conv } = await dialogue(LIVE, [
      START,
      "user --name=jan --groups=wheel",
      "network --hostname=box1",
    ]);
    expect(accounts(conv.pending)).toEqual({ jan: true });
    expect(conv.pending).toContainEqual({ tool: "setHostname", args: { hostname: "box1" } });
  });
});

describe("family words after a creating verb are the names as given", () => {
  for (const [line, want] of [
    ["create mom and dad, both admins", { mom: true, dad: true }],
    ["add mum & dad", { mum: false, dad: false }],
    ["create accounts for mom and dad, only dad is admin", { mom: false, dad: true }],
    ["create mom, dad and guest", { mom: false, dad: false, guest: false }],
  ] as const)
    it(`"${line}"`, async () => {
      const { conv } = await dialogue(LIVE, [START, line]);
      expect(accounts(conv.pending)).toEqual(want);
    });
});

describe("the last account again, for someone else", () => {
  for (const line of [
    "same for her sister mia",
    "same as before for mia",
    "mia, same as before",
    "and mia, same as lena",
    "same for mia",
  ])
    it(`"create user lena with sudo" → "${line}": mia with sudo`, async () => {
      const { conv } = await dialogue(LIVE, [START, "create user lena with sudo", line]);
      expect(accounts(conv.pending)).toEqual({ lena: true, mia: true });
    });
  it('"same for her" names no one: no account', async () => {
    const { conv } = await dialogue(LIVE, [START, "create user lena with sudo", "same for her"]);
    expect(accounts(conv.pending)).toEqual({ lena: true });
  });
});
