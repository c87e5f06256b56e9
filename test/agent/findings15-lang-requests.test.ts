import { describe, expect, it } from "vitest";
import { inEnglish } from "../../agent/rules/otherLanguages.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 11 W1/W3 (docs/findings/2026-12-05-hurried-user-11.md) and the Dutch, Italian, Polish,
 * Swedish turns of the retired held-out sets: requests, keeps and refusals in other languages are
 * said in English before any reader sees them (agent/rules/otherLanguages.ts). Wordings of our own.
 */
const INSTALLED = fixtureFacts("findings12-inst");
const DESK = fixtureFacts("findings12-desk3");

function named(d: Decision, tool: "removeRecipe" | "installRecipe"): string[] {
  const calls = "calls" in d ? d.calls : [];
  return [...new Set(calls.flatMap((c) => (c.tool === tool ? [c.args.name] : [])))].sort();
}

describe("findings15 lang: removals in other languages remove (installed system)", () => {
  const removals: [string, string[]][] = [
    ["entferne bat", ["bat"]],
    ["bitte jq deinstallieren", ["jq"]],
    ["quita tmux", ["tmux"]],
    ["desinstala curl por favor", ["curl"]],
    ["supprime fzf", ["fzf"]],
    ["désinstalle delta et bat", ["bat", "delta"]],
    ["rimuovi neovim, grazie", ["neovim"]],
    ["togli htop", ["htop"]],
    ["verwijder tmux alsjeblieft", ["tmux"]],
    ["usuń ripgrep", ["ripgrep"]],
    ["ta bort firefox tack", ["firefox"]],
    ["ta bort htop, tack", ["htop"]],
    ["Tieni git, togli solo fzf", ["fzf"]],
    ["Behåll git, ta bort bat", ["bat"]],
    ["Zostaw git, usuń jq", ["jq"]],
    ["Houd git, verwijder curl", ["curl"]],
  ];
  for (const [line, want] of removals)
    it(`'${line}' removes ${want.join(", ")} and nothing else`, async () => {
      const d = (await dialogue(INSTALLED, [line])).last;
      expect(named(d, "removeRecipe")).toEqual(want);
      expect(named(d, "installRecipe")).toEqual([]);
    });
});

describe("findings15 lang: keeps and refusals in other languages remove nothing", () => {
  const kept = [
    "behalte git",
    "lösch git nicht",
    "git nicht entfernen!",
    "ne supprime pas git",
    "garde git",
    "no quites git",
    "non rimuovere git",
    "tieni git",
    "verwijder git niet",
    "nie usuwaj git",
    "ta inte bort git",
    "behåll git",
  ];
  for (const line of kept)
    it(`'${line}' removes nothing`, async () => {
      const d = (await dialogue(INSTALLED, [line])).last;
      expect(named(d, "removeRecipe")).toEqual([]);
    });
});

describe("findings15 lang: negations in a live plan take the program out", () => {
  const drops: [string, string][] = [
    ["nein, doch kein htop", "htop"],
    ["quita htop", "htop"],
    ["enlève htop", "htop"],
    ["en fait pas htop", "htop"],
    ["geen htop", "htop"],
    ["ingen htop", "htop"],
  ];
  for (const [line, gone] of drops)
    it(`'${line}' leaves ${gone} out of the plan`, async () => {
      const { conv } = await dialogue(DESK, ["add git and htop", line]);
      const planned = conv.pending.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
      expect(planned).toEqual(["git"]);
    });

  it("'installiere git und htop' installs both", async () => {
    const d = (await dialogue(DESK, ["installiere git und htop"])).last;
    expect(named(d, "installRecipe")).toEqual(["git", "htop"]);
  });
});

describe("findings15 lang: the disk words of other languages", () => {
  it("'hola, instala en el disco vacío' takes the empty disk, names no recipe", async () => {
    const d = (await dialogue(DESK, ["hola, instala en el disco vacío"])).last;
    expect(JSON.stringify(d)).not.toMatch(/no recipe named/);
    expect("calls" in d && d.calls[0]?.tool === "partitionDisk" ? d.calls[0].args.disk : undefined).toBe(
      "/dev/nvme0n1",
    );
  });

  it("'Nie ruszaj dysku Seagate' keeps the Seagate: never erased", async () => {
    const d = (await dialogue(DESK, ["Nie ruszaj dysku Seagate, zainstaluj na Samsungu"])).last;
    expect(JSON.stringify(d)).not.toMatch(/\/dev\/sda"/);
  });
});

describe("findings15 lang: the words themselves", () => {
  const said: [string, string][] = [
    ["fd deinstallieren bitte", "remove fd please"],
    ["ne supprime pas git", "do not remove git"],
    ["lösch git nicht", "do not erase git"],
    ["rör inte Windows", "do not touch Windows"],
    ["Non cancellare Windows", "do not erase Windows"],
    ["nie formatuj niczego", "do not format anything"],
    ["ich brauche htop nicht mehr", "i no longer need htop"],
    ["Kunt u htop verwijderen?", "can you remove htop?"],
    ["die festplatte mit den fotos nicht anfassen!", "do not touch the disk with the fotos!"],
    ["een gebruiker die pieter heet", "a gebruiker called pieter"],
    ["nie, jednak nie", "no, no"],
  ];
  for (const [line, english] of said)
    it(`'${line}' → '${english}'`, () => expect(inEnglish(line)).toBe(english));

  // English, names and zone/keymap codes stay as typed
  const kept = [
    "remove git and keep htop",
    "user inga with sudo",
    "us keyboard please",
    "users per and jan, both sudo",
    "die hard fan here, install git",
    "no sudo for den",
    "install fd, per the docs",
  ];
  for (const line of kept) it(`'${line}' stays English`, () => expect(inEnglish(line)).toBe(line));
});
